"""Load on headquarters: 20 devices (4 missions x 5) push at once through a loopback proxy,
first clean, then with faults injected on a share of connections (refused, cut mid-request,
answer dropped after the commit). Real ``laissez-hq`` on real PostgreSQL, loopback only.

Metrics per run (``clean``, ``faults``): changes/s, p50/p95/p99 latency of one push request
(a batch of 50, one new connection each), requests made (retries included), changes lost
and doubled (both must be 0). Each run is bounded: a device that
has not delivered everything after ``DEADLINE_S`` counts what is missing as lost.
"""

from __future__ import annotations

import os
import random
import secrets
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from bench.bench_sync import _fill, _hq_counts, _mission, _port, _site, _start
from bench.run import Metric
from laissez.hq.db import make_engine, migrate
from laissez.storage.database import Database
from laissez.storage.sync.enrolment import connect
from tests.support.proxy import DROP_RESPONSE, PASS, REFUSE, FlakyProxy

DEVICES_PER_MISSION = 5
MISSIONS = 4
CHANGES = 500
BATCH = 50
DEADLINE_S = 180.0
#: share of new connections that fail, and how
FAULT_SHARE = 0.2
FAULTS: tuple[Any, ...] = (REFUSE, DROP_RESPONSE, ("cut_request", 2000))


class RandomFaults(FlakyProxy):
    """A proxy whose every new connection fails with probability ``share``."""

    def __init__(self, target_port: int, share: float, seed: int = 18) -> None:
        self._random = random.Random(seed)
        self._share = share
        super().__init__(target_port)

    def _serve(self, client: Any, plan: Any) -> None:
        if plan == PASS and self._random.random() < self._share:
            plan = self._random.choice(FAULTS)
        super()._serve(client, plan)


def _load(pg: str, hq_port: int, tmp: Path, label: str, share: float) -> list[Metric]:
    proxy = RandomFaults(hq_port, share)
    sites: list[tuple[str, Database]] = []
    try:
        for m in range(MISSIONS):
            mission = f"LOAD{label[:1].upper()}{m}{secrets.token_hex(2).upper()}"
            _mission(pg, mission)
            for d in range(DEVICES_PER_MISSION):
                site = _site(
                    tmp / f"{label}-m{m}d{d}", pg, f"http://127.0.0.1:{hq_port}", mission, 0
                )
                _fill(site, CHANGES)
                sites.append((mission, site))
        latencies: list[float] = []
        lock = threading.Lock()
        deadline = time.monotonic() + DEADLINE_S

        def push(site: Database) -> None:
            engine = connect(
                site.session, site.engine, batch_size=BATCH, hq_url=proxy.url, timeout=15
            )
            # a new connection per request, so that the proxy's faults hit requests, not
            # just the one kept-alive connection a device would otherwise reuse
            engine._client._http.close()
            engine._client._http = httpx.Client(
                base_url=proxy.url, timeout=15, limits=httpx.Limits(max_keepalive_connections=0)
            )
            client_push = engine._client.push

            def timed(batch: Any) -> Any:
                started = time.perf_counter()
                try:
                    return client_push(batch)
                finally:
                    with lock:
                        latencies.append(time.perf_counter() - started)

            engine._client.push = timed  # type: ignore[method-assign]
            try:
                while time.monotonic() < deadline and engine.push().interrupted:
                    time.sleep(0.05)
            finally:
                engine.close()

        threads = [threading.Thread(target=push, args=(site,)) for _, site in sites]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        missions = sorted({mission for mission, _ in sites})
        total = distinct = 0
        for mission in missions:
            t, d = _hq_counts(pg, mission)
            total, distinct = total + t, distinct + d
        sent = len(sites) * CHANGES
        cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
        return [
            Metric(f"hq_load_{label}_changes_per_s", distinct / elapsed, "changes/s", None),
            Metric(f"hq_load_{label}_p50_batch_s", cuts[49], "s", None),
            Metric(f"hq_load_{label}_p95_batch_s", cuts[94], "s", None),
            Metric(f"hq_load_{label}_p99_batch_s", cuts[98], "s", None),
            Metric(f"hq_load_{label}_requests", len(latencies), "requests", None),
            Metric(f"hq_load_{label}_lost", sent - distinct, "changes", 0),
            Metric(f"hq_load_{label}_doubled", total - distinct, "changes", 0),
        ]
    finally:
        proxy.close()
        for _, site in sites:
            site.close()


def run() -> list[Metric]:
    """20 devices pushing 500 changes each, clean and with 20 % of connections failing."""
    server = os.environ.get("LAISSEZ_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
    name = f"laissez_load_{secrets.token_hex(4)}"
    root = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with root.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    pg = f"{server}/{name}"
    engine = make_engine(pg)
    migrate(engine)
    engine.dispose()
    port = _port()
    process = _start(pg, port)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return _load(pg, port, Path(tmp), "clean", 0.0) + _load(
                pg, port, Path(tmp), "faults", FAULT_SHARE
            )
    finally:
        process.kill()
        process.wait()
        with root.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        root.dispose()


if __name__ == "__main__":
    for metric in run():
        print(f"{metric.key:36} {metric.value:10.4g} {metric.unit}")
