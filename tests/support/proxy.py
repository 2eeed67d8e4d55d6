"""A TCP proxy on 127.0.0.1 that can break connections on purpose.

Each new connection takes the next plan from ``plans`` (default ``PASS``):

* ``PASS``: forward both ways;
* ``("cut_request", n)``: forward the first ``n`` request bytes, then close both sides (the
  link dies in the middle of the body);
* ``DROP_RESPONSE``: forward the whole request, then close the client side as soon as the
  server starts answering (the server committed; the acknowledgement is lost);
* ``REFUSE``: close at once (the link is down before the request).
"""

from __future__ import annotations

import socket
import threading
from collections import deque
from typing import Any

PASS, DROP_RESPONSE, REFUSE = "pass", "drop_response", "refuse"


class FlakyProxy:
    """A proxy to ``127.0.0.1:target_port``; ``url`` is its own address."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.plans: deque[Any] = deque()
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        """The base URL clients use."""
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        """Stop accepting connections."""
        self._stop.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            plan = self.plans.popleft() if self.plans else PASS
            threading.Thread(target=self._serve, args=(client, plan), daemon=True).start()

    def _serve(self, client: socket.socket, plan: Any) -> None:
        if plan == REFUSE:
            client.close()
            return
        try:
            server = socket.create_connection(("127.0.0.1", self.target_port))
        except OSError:
            client.close()
            return
        limit = plan[1] if isinstance(plan, tuple) else None
        up = threading.Thread(target=self._pump, args=(client, server, limit), daemon=True)
        up.start()
        self._pump(server, client, None, drop=plan == DROP_RESPONSE)
        for s in (client, server):
            try:
                s.close()
            except OSError:
                pass

    @staticmethod
    def _pump(
        src: socket.socket, dst: socket.socket, limit: int | None, drop: bool = False
    ) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data or drop:
                    break
                if limit is not None and sent + len(data) >= limit:
                    dst.sendall(data[: max(0, limit - sent)])
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
