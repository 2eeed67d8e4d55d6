"""Every hostile offline-transfer bundle fed to both readers: ``laissez-hq import`` (headquarters)
and ``laissez sync import`` (the mission). A typed refusal (``bundle...``) with a sentence,
within seconds and bounded memory, nothing stored; and a bundle signed by an enrolled device
whose decrypted content is built to exhaust the parser is refused the same way."""

from __future__ import annotations

import io
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from laissez.hq.bundles import import_bundle
from laissez.hq.cli import main as hq_main
from laissez.hq.db import make_engine
from laissez.protocol import BundleError
from laissez.protocol.bundle import KIND_PUSH, load_x25519_public, seal
from laissez.protocol.signing import load_private_key
from laissez.storage.sync import state
from laissez.storage.sync.offline import import_reply
from tests.support.hostile import HOSTILE_BUNDLES, deep_json, many_values_json
from tests.support.pg import HqServer
from tests.support.sync import Installation, hq_counts, install

SECONDS = 10.0
#: how much the reading process may grow while refusing one (the oversize file is 65 MB,
#: the many-values one would be some 2 GB of Python objects once parsed)
GROWTH_KB = 150 * 1024


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile-bundles")
    made = {}
    for name, make in HOSTILE_BUNDLES.items():
        (folder / name).mkdir()
        made[name] = make(folder / name)
    return made


@pytest.fixture
def site(tmp_path: Path, pg_url: str, hq_server: HqServer) -> Iterator[Installation]:
    inst = install(tmp_path / "site", pg_url, hq_server.url)
    inst.engine.close()
    yield inst
    inst.db.close()


def _bounded(call) -> BundleError:  # type: ignore[no-untyped-def]
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(BundleError) as caught:
        call()
    assert time.monotonic() - started < SECONDS
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - grown < GROWTH_KB
    error = caught.value
    assert error.code.startswith("bundle") and error.message and "Traceback" not in error.message
    return error


@pytest.mark.parametrize("name", sorted(HOSTILE_BUNDLES))
def test_the_mission_refuses_each_hostile_reply_bundle(
    site: Installation, hostile: dict[str, Path], name: str
) -> None:
    site.write(2)
    _bounded(lambda: import_reply(site.db.session, hostile[name]))
    assert site.statuses() == {"pending": 2}


@pytest.mark.parametrize("name", sorted(HOSTILE_BUNDLES))
def test_headquarters_import_refuses_each_hostile_bundle_with_a_sentence(
    pg_url: str, hostile: dict[str, Path], name: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    started = time.monotonic()
    reply = tmp_path / "reply.laissez"
    status = hq_main(["--database", pg_url, "import", str(hostile[name]), "--reply", str(reply)])
    _out, err = capsys.readouterr()
    assert time.monotonic() - started < SECONDS
    assert status == 1 and err.startswith("laissez-hq: ") and "[bundle" in err
    assert "Traceback" not in err and not reply.exists()


@pytest.mark.parametrize(
    "content", [deep_json(100_000), many_values_json(3_000_000)], ids=["deep", "many_values"]
)
def test_a_signed_bundle_whose_content_is_hostile_is_refused_before_it_is_parsed(
    site: Installation, pg_url: str, content: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signer is an enrolled device (a stolen laptop, say): its content is still bounded."""
    with site.db.session() as session:
        identity = state.load_identity(session)
    assert identity.hq_bundle_key is not None
    # ``seal`` writes canonical JSON of a dict; the hostile bytes go in as the content as is
    monkeypatch.setattr("laissez.protocol.bundle.canonical_json",
                        _raw_for(content))  # fmt: skip
    data = seal({}, kind=KIND_PUSH, sender=str(identity.device_id),
                signing_key=load_private_key(identity.private_key),
                recipient=load_x25519_public(identity.hq_bundle_key))  # fmt: skip
    monkeypatch.undo()
    engine = make_engine(pg_url)
    try:
        with Session(engine) as session:
            error = _bounded(lambda: import_bundle(session, data))
    finally:
        engine.dispose()
    assert error.code == "bundle.too_large"
    assert hq_counts(pg_url, site.mission_code)[0] == 0


def _raw_for(content: bytes):  # type: ignore[no-untyped-def]
    from laissez.protocol.canonical import canonical_json

    def encode(value: object) -> bytes:
        return content if value == {} else canonical_json(value)

    return encode


def test_the_sync_import_command_says_why(
    site: Installation, hostile: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from laissez.cli import main

    path = str(site.db.path)
    site.db.close()
    monkeypatch.setenv("LAISSEZ_USER", "admin")
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin passphrase 1\n"))
    status = main(["sync", "import", str(hostile["deep"]), "--database", path])
    _out, err = capsys.readouterr()
    assert status != 0 and "Traceback" not in err and "bundle" in err
