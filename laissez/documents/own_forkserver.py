"""A ``multiprocessing`` fork server of one's own, beside the one the standard library keeps.

The standard library has one fork server per process, and whatever it preloads is in the address
space of every child it forks. The sandbox (:mod:`laissez.documents.sandbox`) needs two: one
for every reader, and one for MRZ reads only that holds the PP-OCR models loaded and warmed.
The models are about 90 MB of address space, counted against each child's memory cap (as a
cap on the address space, ``RLIMIT_AS``, counts every mapping); other readers must not carry
them.

:class:`OwnForkServer` is the standard library's own ``ForkServer`` (same server program, same
wire protocol, same exit-status reporting), reached through a ``Popen`` whose only difference
from ``multiprocessing.popen_forkserver.Popen`` is which server it asks for a child. A child
of this server is a ``multiprocessing.Process`` like any other: ``pid``, ``kill``, ``join``,
``exitcode`` and pipes behave as with the standard fork server. POSIX only.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import threading
from multiprocessing import context, forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.connection import Connection
from typing import Any

#: The servers made in this process, by name (a child names its server, a string, in itself).
_SERVERS: dict[str, OwnForkServer] = {}
_servers_lock = threading.Lock()


class _Popen(popen_forkserver.Popen):
    """``popen_forkserver.Popen`` asking ``server`` for the child instead of the default server."""

    def __init__(self, process_obj: Any, server: forkserver.ForkServer) -> None:
        self._server = server
        super().__init__(process_obj)

    def _launch(self, process_obj: Any) -> None:
        # the standard library's ``popen_forkserver.Popen._launch`` (3.11 to 3.13), with
        # ``self._server`` where it uses the module's server
        prep_data = spawn.get_preparation_data(process_obj._name)
        buf = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)
        fds: list[int] = self._fds  # type: ignore[attr-defined]
        self.sentinel, w = self._server.connect_to_new_process(fds)
        _parent_w = os.dup(w)
        close = util.close_fds  # type: ignore[attr-defined]
        self.finalizer = util.Finalize(self, close, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Process(context.ForkServerProcess):
    """A process forked by the :class:`OwnForkServer` its ``server_name`` names."""

    server_name = ""

    @staticmethod
    def _Popen(process_obj: Any) -> Any:
        return _Popen(process_obj, _SERVERS[process_obj.server_name].server)


class OwnForkServer:
    """A fork server that imports ``preload`` once and forks children from there.

    Used like a ``multiprocessing`` context: ``Process(target=..., args=...)`` and ``Pipe``.
    The server starts at the first :meth:`start` or child and stops when this process ends.
    """

    def __init__(self, name: str, preload: list[str]) -> None:
        self.name = name
        self.server = forkserver.ForkServer()
        self.server.set_forkserver_preload(list(preload))
        with _servers_lock:
            if name in _SERVERS:
                raise ValueError(f"a fork server named {name!r} exists already")
            _SERVERS[name] = self

    def Process(self, **kwargs: Any) -> multiprocessing.Process:
        """A child to be forked by this server (``start()`` it)."""
        process = _Process(**kwargs)
        process.server_name = self.name
        return process  # type: ignore[return-value]

    @staticmethod
    def Pipe(duplex: bool = True) -> tuple[Connection, Connection]:
        """A pipe whose ends may be handed to a child."""
        return multiprocessing.Pipe(duplex)

    def start(self) -> None:
        """Start the server now, without waiting for its imports (it listens meanwhile)."""
        self.server.ensure_running()
