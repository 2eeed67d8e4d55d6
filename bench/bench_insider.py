"""What the insider protections cost (issue 15): signing and verifying a decision with a
personal Ed25519 key, the signature check the gate runs per case, one seal signature in the
SoftHSM2 token, and the issue transition through the token (median of 10)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.run import Metric

PIN = "bench-pin-1"


@contextmanager
def private_token(directory: Path) -> Iterator[None]:
    """A throwaway SoftHSM2 token for the duration of a benchmark (environment restored)."""
    from laissez.documents.seal.token import ENV_PIN, init_softhsm_token

    env = init_softhsm_token(directory, label="laissez-bench", pin=PIN, so_pin="bench-so-pin")
    env[ENV_PIN] = PIN
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run() -> list[Metric]:
    """Per-decision signing and verifying, the per-case check, a token seal signature and the
    issue transition through the token."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from sqlalchemy import select

    from laissez.casework import signatures
    from laissez.casework.signing import active_signer, token_config
    from laissez.casework.states import CaseState
    from laissez.storage.models import Approval
    from tests.support.world import World

    with tempfile.TemporaryDirectory() as tmp, private_token(Path(tmp) / "token"):
        world = World(Path(tmp) / "data")
        try:
            issue_times = []
            for _ in range(10):
                case_id = world.new_case(CaseState.APPROVED)
                start = time.perf_counter()
                world["olga"].decisions.issue_document(case_id)
                issue_times.append(time.perf_counter() - start)
            db = world.handles["sam"]
            with db.read_session() as session:
                row = session.scalars(select(Approval).where(Approval.case_id == case_id)).one()
                payload = signatures.approval_payload(row)
                start = time.perf_counter()
                for _ in range(1000):
                    db.sign(signatures.approval_payload(row))
                sign_us = (time.perf_counter() - start) / 1000 * 1e6
                key = db.signing_public_key
                assert key is not None and row.signature is not None
                start = time.perf_counter()
                for _ in range(1000):
                    signatures.valid([key], payload, row.signature)
                verify_us = (time.perf_counter() - start) / 1000 * 1e6
                start = time.perf_counter()
                for _ in range(100):
                    signatures.problems(session, case_id)
                case_ms = (time.perf_counter() - start) / 100 * 1000
                _id, signer = active_signer(session, token_config(world["olga"].context))
            start = time.perf_counter()
            for _ in range(50):
                signer.key.sign(b"x" * 200, ec.ECDSA(hashes.SHA256()))
            seal_ms = (time.perf_counter() - start) / 50 * 1000
        finally:
            world.close()
    return [
        Metric("insider.decision_sign", round(sign_us, 1), "us", None),
        Metric("insider.decision_verify", round(verify_us, 1), "us", None),
        Metric("insider.case_signature_check", round(case_ms, 2), "ms", None),
        Metric("insider.token_seal_signature", round(seal_ms, 2), "ms", None),
        Metric("insider.issue_document_token", round(statistics.median(issue_times) * 1000, 1),
               "ms", 250.0),
    ]  # fmt: skip
