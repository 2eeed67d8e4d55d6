"""The closing scenario: two missions and headquarters as separate processes. The missions
work offline, then sync with ``laissez sync push`` over a flaky link; they end with identical,
complete data at headquarters and nothing of one mission reaches the other."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from laissez.protocol.minimise import minimise_payload
from laissez.protocol.signing import load_private_key
from laissez.storage.database import Database
from laissez.storage.sync import state
from laissez.storage.sync.client import HqClient
from tests.support.pg import ROOT, HqServer
from tests.support.proxy import DROP_RESPONSE, PASS, REFUSE, FlakyProxy
from tests.support.sync import Installation, hq_counts, install, legacy_entry

PASSPHRASE = "admin passphrase 1"
#: an interview change as written before the contract (schema version 1); a protection
#: detail is added to it below
FEAR = {"status": "interviewed", "version": 2}


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LAISSEZ_USER="admin")
    return subprocess.run(
        [sys.executable, "-m", "laissez", "sync", *args, "--database", str(db)],
        input=PASSPHRASE + "\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip


def _stored(site_db: Database, hq_url: str) -> dict[str, dict]:
    """What headquarters holds for the installation's mission, read with its own key."""
    with site_db.session() as s:
        identity = state.load_identity(s)
    with HqClient(hq_url, identity.device_id, load_private_key(identity.private_key)) as client:
        rows, after = [], 0
        while True:
            resp = client._send("GET", f"/v1/changes?after={after}&limit=500")
            page = resp.json()
            if not page:
                break
            rows += page
            after = page[-1]["seq"]
    return {r["change_id"]: r["payload"] for r in rows}


@pytest.mark.slow
def test_two_missions_sync_over_a_flaky_link(
    tmp_path: Path, pg_url: str, hq_server: HqServer
) -> None:
    proxy = FlakyProxy(hq_server.port)
    rng = random.Random(8)
    proxy.plans.extend(
        rng.choice([REFUSE, ("cut_request", 1500), DROP_RESPONSE, PASS, PASS]) for _ in range(40)
    )
    sites: list[Installation] = []
    try:
        for name in ("a", "b"):
            site = install(tmp_path / name, pg_url, hq_server.url)
            site.engine.close()
            sites.append(site)
        # offline work: each mission records changes, some with protection details
        for i, site in enumerate(sites):
            site.write(150)
            legacy_entry(
                site.db, "case", "record_interview", FEAR | {"fear_details": f"SECRET-{i}"}
            )
        paths = [site.db.path for site in sites]
        expected = [site.entries() for site in sites]
        for site in sites:
            site.db.close()

        done = [False, False]
        for _ in range(40):
            for i, db_path in enumerate(paths):
                if not done[i]:
                    run = _cli(db_path, "push", "--hq", proxy.url, "--batch-size", "40")
                    assert run.returncode in (0, 1), run.stderr
                    done[i] = run.returncode == 0
            if all(done):
                break
        assert all(done), "the missions never finished pushing"
        assert proxy.connections > 2  # the link really was flaky

        for i, site in enumerate(sites):
            site.db = Database.open(paths[i], username="admin", passphrase=PASSPHRASE)
            assert site.statuses() == {"acked": 151}
            assert hq_counts(pg_url, site.mission_code) == (151, 151, 0)
            held = _stored(site.db, hq_server.url)
            want = {str(k): minimise_payload(v)[0] for k, v in expected[i].items()}
            assert held == want  # identical and complete
            other = 1 - i
            assert not set(held) & {str(k) for k in expected[other]}
            assert "SECRET" not in str(held)
            assert "SECRET" not in str(held)
    finally:
        proxy.close()
        for site in sites:
            site.db.close()


@pytest.mark.slow
def test_the_client_process_killed_mid_push_resumes(
    tmp_path: Path, pg_url: str, hq_server: HqServer
) -> None:
    site = install(tmp_path / "a", pg_url, hq_server.url)
    site.engine.close()
    site.write(3000)
    db_path = site.db.path
    site.db.close()
    env = dict(os.environ, LAISSEZ_USER="admin")
    proc = subprocess.Popen(
        [sys.executable, "-m", "laissez", "sync", "push", "--batch-size", "100",
         "--database", str(db_path)],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        env=env,
    )  # fmt: skip
    assert proc.stdin is not None
    proc.stdin.write((PASSPHRASE + "\n").encode())
    proc.stdin.close()
    deadline = time.monotonic() + 60
    while hq_counts(pg_url, site.mission_code)[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.kill()  # SIGKILL: the client dies with a batch in flight
    proc.wait(10)
    assert hq_counts(pg_url, site.mission_code)[0] < 3000
    run = _cli(db_path, "push")
    assert run.returncode == 0, run.stderr
    site.db = Database.open(db_path, username="admin", passphrase=PASSPHRASE)
    try:
        assert site.statuses() == {"acked": 3000}
        assert hq_counts(pg_url, site.mission_code) == (3000, 3000, 0)
    finally:
        site.db.close()
