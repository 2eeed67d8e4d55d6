"""A broken or hostile headquarters (or something posing as it on the network) that answers
with more than any headquarters sends: the client stops reading at its cap and says so; it
never holds the whole answer in memory."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from laissez.storage.sync import client
from laissez.storage.sync.errors import HqRefusedError, HqUnreachableError

CHUNK = b"[" * 65536


class _Endless(BaseHTTPRequestHandler):
    """Declares a gigabyte (``/declared``) or streams without end, chunk after chunk."""

    def _answer(self) -> None:
        if self.path.startswith("/v1/pull") and "gzip" in self.headers.get("accept-encoding", ""):
            body = gzip.compress(b'{"code": "device.revoked", "message": "no"}')
            self.send_response(403)
            self.send_header("content-type", "application/json")
            self.send_header("content-encoding", "gzip")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("content-type", "application/json")
        if self.path.startswith("/declared") or self.path.startswith("/v1/enrol"):
            self.send_header("content-length", str(1 << 30))
            self.end_headers()
            self.wfile.write(CHUNK)
            return
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        try:
            while True:  # until the client hangs up
                self.wfile.write(b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK))
        except OSError:
            return

    do_GET = do_POST = _answer

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def endless() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Endless)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_endless_answer_is_cut_off_with_a_sentence(endless: str) -> None:
    with client.HqClient(endless, "device-1", Ed25519PrivateKey.generate()) as hq:
        with pytest.raises(HqUnreachableError) as cut:
            hq.audit_anchor()
    assert "larger than 64 MiB" in str(cut.value) and "nothing of it was used" in str(cut.value)


def test_a_declared_gigabyte_is_refused_before_reading(endless: str) -> None:
    with pytest.raises(HqUnreachableError, match="larger than 64 MiB"):
        client.enrol(endless, "ENROL-CODE-0001", Ed25519PrivateKey.generate())


def test_a_compressed_answer_is_read_once_decoded(endless: str) -> None:
    """A proxy in front of headquarters may compress its answers: the bounded read decodes
    them, and the refusal's code still comes through."""
    with client.HqClient(endless, "device-1", Ed25519PrivateKey.generate()) as hq:
        with pytest.raises(HqRefusedError) as refused:
            hq.pull()
    assert refused.value.hq_code == "device.revoked"
