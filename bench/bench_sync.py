"""Sync to headquarters on real PostgreSQL and a real ``laissez-hq`` process.

* ``sync_push_10k_s``: one device pushes 10,000 outbox entries (budget 30 s);
* ``sync_push_10k_resumed_*``: the same with the server killed (SIGKILL) mid-push and
  restarted; counts lost and doubled changes (both must be 0);
* ``sync_20dev_*``: 20 devices (4 missions x 5) push 500 entries each at once: throughput and
  p95 latency of one push request (a batch of 100).

PostgreSQL comes from ``$LAISSEZ_TEST_PG`` or 127.0.0.1:5432; a throwaway database is made
and dropped.
"""

from __future__ import annotations

import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from bench.run import Metric
from laissez.hq import admin
from laissez.hq.db import make_engine, migrate
from laissez.hq.models import ChangeRecord, Mission
from laissez.protocol.kinds import kind
from laissez.storage import outbox
from laissez.storage.database import Database
from laissez.storage.keys import TEST_KDF
from laissez.storage.sync.enrolment import connect, enrol_installation

ROOT = Path(__file__).resolve().parent.parent
N = 10_000


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(url: str, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "laissez.hq.cli", "--database", url, "--port", str(port), "serve"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("laissez-hq did not start")


def _site(tmp: Path, pg: str, hq: str, mission: str, batch: int) -> Database:
    with Session(create_engine(pg)) as s:
        code = admin.create_enrolment_code(s, mission)
        s.commit()
    tmp.mkdir(parents=True)
    db = Database.create(
        tmp / "laissez.db", username="admin", passphrase="bench passphrase", kdf=TEST_KDF
    )
    enrol_installation(db.session, db.engine, hq, code, tmp.name)
    return db


#: a real change kind of the contract (the outbox takes no other)
ADVISAL = kind("case", "deliver_advisal")


def _fill(db: Database, n: int) -> None:
    with db.session() as s:
        for i in range(n):
            outbox.enqueue(
                s, ADVISAL, uuid.uuid4(),
                {"status": "advised", "version": i, "language": "fr", "interpreter_used": True},
            )  # fmt: skip


def _hq_counts(pg: str, mission: str) -> tuple[int, int]:
    with Session(create_engine(pg)) as s:
        mid = s.scalar(select(Mission.id).where(Mission.code == mission))
        where = ChangeRecord.mission_id == mid
        total = s.scalar(select(func.count()).select_from(ChangeRecord).where(where)) or 0
        distinct = s.scalar(select(func.count(func.distinct(ChangeRecord.change_id))).where(where))
        return int(total), int(distinct or 0)


def _mission(pg: str, code: str) -> None:
    with Session(create_engine(pg)) as s:
        admin.create_mission(s, code, code)
        s.commit()


def run() -> list[Metric]:
    """Measure one device pushing 10,000 changes, a resumed push and 20 concurrent devices."""
    server = os.environ.get("LAISSEZ_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
    name = f"laissez_bench_{secrets.token_hex(4)}"
    root = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with root.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    pg = f"{server}/{name}"
    engine = make_engine(pg)
    migrate(engine)
    engine.dispose()
    port = _port()
    hq = f"http://127.0.0.1:{port}"
    proc = _start(pg, port)
    metrics: list[Metric] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            # one device, 10,000 changes
            _mission(pg, "BENCH1")
            db = _site(Path(tmp) / "one", pg, hq, "BENCH1", 500)
            _fill(db, N)
            sync = connect(db.session, db.engine, batch_size=500)
            start = time.perf_counter()
            report = sync.push()
            metrics.append(Metric("sync_push_10k_s", time.perf_counter() - start, "s", 30))
            assert report.acked == N and _hq_counts(pg, "BENCH1") == (N, N)
            sync.close()
            db.close()

            # resumed after a server crash
            _mission(pg, "BENCH2")
            db = _site(Path(tmp) / "two", pg, hq, "BENCH2", 500)
            _fill(db, N)
            sync = connect(db.session, db.engine, batch_size=500, timeout=10)
            start = time.perf_counter()
            worker = threading.Thread(target=sync.push)
            worker.start()
            while _hq_counts(pg, "BENCH2")[0] < N // 3:
                time.sleep(0.05)
            proc.kill()
            proc.wait()
            worker.join()
            proc = _start(pg, port)
            while sync.push().interrupted:
                time.sleep(0.1)
            elapsed = time.perf_counter() - start
            total, distinct = _hq_counts(pg, "BENCH2")
            metrics.append(Metric("sync_push_10k_resumed_s", elapsed, "s", None))
            metrics.append(Metric("sync_push_10k_resumed_lost", N - distinct, "changes", 0))
            metrics.append(Metric("sync_push_10k_resumed_doubled", total - distinct, "changes", 0))
            sync.close()
            db.close()

            # 20 devices at once
            sites = []
            for m in range(4):
                _mission(pg, f"BENCHM{m}")
                for d in range(5):
                    site = _site(Path(tmp) / f"m{m}d{d}", pg, hq, f"BENCHM{m}", 100)
                    _fill(site, 500)
                    sites.append(site)
            latencies: list[float] = []
            lock = threading.Lock()

            def push(site: Database) -> None:
                eng = connect(site.session, site.engine, batch_size=100, timeout=60)
                client_push = eng._client.push

                def timed(batch):  # type: ignore[no-untyped-def]
                    t = time.perf_counter()
                    try:
                        return client_push(batch)
                    finally:
                        with lock:
                            latencies.append(time.perf_counter() - t)

                eng._client.push = timed  # type: ignore[method-assign]
                assert eng.push().acked == 500
                eng.close()

            threads = [threading.Thread(target=push, args=(s,)) for s in sites]
            start = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - start
            metrics.append(Metric("sync_20dev_throughput", 20 * 500 / elapsed, "changes/s", None))
            p95 = statistics.quantiles(latencies, n=20)[-1]
            metrics.append(Metric("sync_20dev_p95_batch_latency_s", p95, "s", None))
            for site in sites:
                site.close()
    finally:
        proc.kill()
        proc.wait()
        with root.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        root.dispose()
    return metrics
