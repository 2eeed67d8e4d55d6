"""Open untrusted files (images, PDFs, barcodes, bundles) in a child process with limits.

Every file a person hands to Laissez may have been built to harm the reader: a PNG that decodes
to 900 million pixels, a PDF with 2,000 pages or one huge page, a 2 KB PDF of nested form
objects that makes the renderer recurse for a minute, a FIFO named ``passport.pdf``. Two things
keep the application standing:

* :func:`read_untrusted` reads a path only when it is a regular file, without blocking on a
  pipe or a device, and never more than ``max_bytes``.
* :func:`run_boxed` runs the parsing function in a child process whose address space
  (``RLIMIT_AS``) and CPU time (``RLIMIT_CPU``) are capped, under a wall-clock deadline. A child
  that runs out of either, crashes, or is cancelled ends in a typed error
  (:class:`~laissez.documents.errors.ImageError` subclasses) instead of taking the application,
  the command or the machine with it.

Children come from a fork server (``multiprocessing`` "forkserver") that has already imported
the readers, so a read costs a ``fork`` (a few milliseconds), not an interpreter start. There
are two: :data:`READERS` for every reader, and :data:`MRZ` for MRZ reads only, which also holds
the PP-OCR models loaded and warmed (so no MRZ read loads them, and no other reader carries
their address space into its memory cap). :func:`warm_up` starts both; a command that reads
once and ends calls :func:`one_shot` first, so that its MRZ server imports only what a PP-OCR
reading needs. On systems without ``fork`` the children are spawned and only the deadline
applies.

Page, pixel and byte caps are checked from the file's header before any decoding
(:func:`laissez.documents.file_limits.check_document`, run in the child too).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from laissez.documents.errors import (
    DocumentError,
    FileNotRegularError,
    ImageEmptyError,
    ImageTooLargeError,
    ImageUnreadableError,
    OcrCancelledError,
    ReaderCrashedError,
    ReaderMemoryError,
    ReaderTimeoutError,
)
from laissez.documents.file_limits import (
    DEFAULT_LIMITS,
    MRZ_LIMITS,
    Limits,
    MiB,
    check_document,
)
from laissez.documents.sandbox_answers import MAX_ANSWER_BYTES, pickled, rebuild, safe_loads

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = [
    "DEFAULT_LIMITS",
    "MRZ",
    "READERS",
    "Limits",
    "check_document",
    "is_warm",
    "load_untrusted",
    "one_shot",
    "photo_image",
    "picture_jpeg",
    "read_mrz",
    "read_mrz_record",
    "read_untrusted",
    "run_boxed",
    "safe_loads",
    "warm_up",
]


#: The fork server of every boxed reader (verify, barcodes, pictures, photographs).
READERS = "readers"
#: The fork server of MRZ reads only: it also holds the PP-OCR models, loaded and warmed.
MRZ = "mrz"

#: Modules the readers' fork server imports once, so that every child starts with them loaded.
PRELOAD = (
    "laissez.documents.sandbox_threads",
    "laissez.documents.ocr",
    "laissez.documents.barcodes",
    "passporteye.mrz.image",
    "skimage.filters",
    "pyzbar.pyzbar",
    "zxingcpp",
    "pypdfium2",
    "laissez.documents.sandbox_warm",
)
_extra_preload: list[str] = []
#: What the MRZ server imports: an MRZ read's code (the tesseract pipeline's too, for images
#: PP-OCR does not read alone, and pdfium for PDFs), then the PP-OCR models, loaded and run once.
MRZ_PRELOAD = (
    "laissez.documents.sandbox_threads",
    "laissez.documents.ocr",
    "passporteye.mrz.image",
    "skimage.filters",
    "pypdfium2",
    "laissez.documents.sandbox_warm",
    "laissez.documents.sandbox_mrz_warm",
)
#: What it imports in a process that reads once (:func:`one_shot`): the PP-OCR reading only
#: (passporteye, scikit-image and tesseract, two seconds more, load in the child if it needs them).
MRZ_PRELOAD_ONE_SHOT = ("laissez.documents.sandbox_threads", "laissez.documents.sandbox_mrz_warm")
_one_shot = False


_context_lock = threading.Lock()
_contexts: dict[str, Any] = {}


def _get_context(server: str = READERS) -> Any:
    """The multiprocessing context ``server``'s children are made in (created once)."""
    with _context_lock:
        context = _contexts.get(server)
        if context is None:
            context = _new_context(server)
            _contexts[server] = context
        return context


def _new_context(server: str) -> Any:
    if server not in (READERS, MRZ):
        raise ValueError(f"no sandbox server is named {server!r}")
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    if server == MRZ:
        try:
            from laissez.documents.own_forkserver import OwnForkServer

            preload = MRZ_PRELOAD_ONE_SHOT if _one_shot else MRZ_PRELOAD
            return OwnForkServer(MRZ, list(preload))
        except Exception as error:  # the readers' server reads MRZs too, loading the models
            log.warning("no MRZ fork server (%s): MRZ reads use the readers'", type(error).__name__)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*PRELOAD, *_extra_preload])
    return context


def one_shot() -> None:
    """Say that this process reads one file and ends (``laissez mrz read``): the MRZ server then
    imports only what a PP-OCR reading needs, so the read starts sooner. Only counts when
    called before the first MRZ read; the desktop never calls it."""
    global _one_shot
    _one_shot = True


def is_warm(server: str = MRZ) -> bool:
    """True once ``server`` has started and forked a child: its imports (for :data:`MRZ`, the
    PP-OCR models too) are done, and a read through it starts at once."""
    return server in _warm_servers


def preload(module: str) -> None:
    """Have the readers' fork server import ``module`` too (a reader from a package above this
    one). Only counts when called before the first boxed read."""
    if module not in _extra_preload:
        _extra_preload.append(module)


@dataclass(frozen=True)
class RunStats:
    """How the last boxed run went: wall seconds and the child's peak resident memory (bytes,
    sampled from ``/proc`` every 50 ms; 0 where there is no ``/proc``)."""

    seconds: float
    peak_rss_bytes: int


#: The statistics of the most recent :func:`run_boxed` call (for benchmarks and tests).
last_run: RunStats | None = None
#: The servers that have forked a child (so have finished their imports).
_warm_servers: set[str] = set()


def _peak_rss(pid: int | None) -> int:
    if pid is None:
        return 0
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def warm_up() -> None:
    """Start both fork servers now and wait until they are ready (a few seconds, in the
    background), so that no read waits for them: the MRZ server with the PP-OCR models loaded
    and warmed, so that the first MRZ read costs what any other does.

    Safe to call from any thread, any number of times.
    """
    limits = Limits(wall_seconds=60.0, cpu_seconds=30)
    for server in (MRZ, READERS):  # both import at once, then each forks a child that does nothing
        _start(server)
    for server in (MRZ, READERS):
        run_boxed(_nothing, limits=limits, server=server)


def _start(server: str) -> None:
    context = _get_context(server)
    start = getattr(context, "start", None)  # the MRZ server
    if start is None and context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        start = forkserver.ensure_running
    if start is not None:
        start()


def _nothing() -> None:
    return None


def read_untrusted(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_LIMITS.max_bytes
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    A folder, a pipe, a socket or a device (``/dev/zero``) is refused before a byte is read,
    and opening never blocks (a FIFO with no writer would otherwise hang forever).

    Raises:
        FileNotRegularError: not a regular file.
        ImageEmptyError: zero bytes.
        ImageTooLargeError: over ``max_bytes``.
        ImageUnreadableError: missing or not readable.
    """
    try:
        before = os.stat(path)
    except OSError:
        raise ImageUnreadableError("the file does not exist or cannot be opened") from None
    if not stat.S_ISREG(before.st_mode):
        raise FileNotRegularError(_kind_sentence(before.st_mode))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        raise ImageUnreadableError("the file cannot be opened") from None
    try:
        info = os.fstat(fd)  # the file opened, not the one looked at: no swap in between
        if not stat.S_ISREG(info.st_mode):
            raise FileNotRegularError(_kind_sentence(info.st_mode))
        if info.st_size == 0:
            raise ImageEmptyError("the file is empty (0 bytes)")
        if info.st_size > max_bytes:
            raise ImageTooLargeError(f"the file is larger than {max_bytes // MiB} MB")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 * MiB, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # it grew while being read
                raise ImageTooLargeError(f"the file is larger than {max_bytes // MiB} MB")
    except OSError:
        raise ImageUnreadableError("the file cannot be read") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if not data:
        raise ImageEmptyError("the file is empty (0 bytes)")
    return data


def _kind_sentence(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "the path is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "the path is a pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "the path is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "the path is a socket, not a file"
    return "the path is not a regular file"


def run_boxed(
    function: Callable[..., T],
    *args: Any,
    limits: Limits = DEFAULT_LIMITS,
    cancel: threading.Event | None = None,
    progress: Callable[[float], Any] | None = None,
    server: str = READERS,
    **kwargs: Any,
) -> T:
    """``function(*args, **kwargs)`` run in a child process under ``limits``; its result.

    ``function`` must be importable by name (a module-level function) and its arguments and
    result picklable. When ``progress`` is given, ``function`` is also passed a ``progress``
    keyword argument whose calls reach ``progress`` in this process. Setting ``cancel`` kills the
    child. An error with a ``code`` (``DocumentError``, ``PrintingError`` ...) raised in the child
    is raised here as it was; any other failure becomes an ``ImageUnreadableError``. ``server``
    names the fork server the child comes from (:data:`READERS` or :data:`MRZ`).

    Raises:
        ReaderMemoryError: the child ran out of its memory allowance.
        ReaderTimeoutError: the child used up its CPU time or the wall-clock deadline.
        ReaderCrashedError: the child died another way (a crash in a native library).
        OcrCancelledError: ``cancel`` was set.
        DocumentError: whatever typed error ``function`` raised.
    """
    context = _get_context(server)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(sender, limits, function, args, kwargs, progress is not None),
        daemon=True,
    )
    started = time.monotonic()
    process.start()
    sender.close()
    _warm_servers.add(server)
    deadline = started + limits.wall_seconds
    peak = 0
    try:
        while True:
            peak = max(peak, _peak_rss(process.pid))
            if cancel is not None and cancel.is_set():
                raise OcrCancelledError("the read was cancelled")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ReaderTimeoutError(
                    f"reading the file took longer than {limits.wall_seconds:g} seconds"
                )
            if not receiver.poll(min(remaining, 0.05)):
                continue
            try:
                message = receiver.recv_bytes(MAX_ANSWER_BYTES)
            except (EOFError, OSError):
                process.join(1.0)
                raise _death(process.exitcode, limits) from None
            try:
                kind, value = safe_loads(message)
            except Exception:
                raise ReaderCrashedError("the reader sent back an answer it may not send") from None
            if kind == "progress":
                if progress is not None:
                    progress(value)
                continue
            if kind == "ok":
                result: T = value
                return result
            raise rebuild(value)
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(2.0)
        global last_run
        last_run = RunStats(time.monotonic() - started, peak)
        log.debug(
            "boxed %s: exit %s after %.3f s, peak %d MB",
            getattr(function, "__name__", "function"),
            process.exitcode,
            last_run.seconds,
            peak // MiB,
        )


def _death(exitcode: int | None, limits: Limits) -> DocumentError:
    """The typed error for a child that ended without an answer."""
    if exitcode == -signal.SIGXCPU or exitcode == -signal.SIGKILL:
        return ReaderTimeoutError(
            f"reading the file needed more than {limits.cpu_seconds} seconds of processor time"
        )
    if exitcode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS, _EXIT_MEMORY):
        # native code that cannot allocate aborts (std::bad_alloc) or faults
        return ReaderMemoryError(
            f"reading the file needed more than {limits.memory_bytes // MiB} MB of memory, "
            "or made the reader fail"
        )
    return ReaderCrashedError(f"the reader stopped unexpectedly (status {exitcode})")


_EXIT_MEMORY = 3


def _set_limits(limits: Limits) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    for name, value in (("RLIMIT_AS", limits.memory_bytes), ("RLIMIT_CPU", limits.cpu_seconds)):
        which = getattr(resource, name, None)
        if which is None:  # pragma: no cover
            continue
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        try:
            # CPU: the soft limit sends SIGXCPU, the hard one a second later SIGKILL
            resource.setrlimit(which, (value, value + 1 if name == "RLIMIT_CPU" else value))
        except (ValueError, OSError):  # pragma: no cover - a stricter hard limit is kept
            pass


def _child(
    sender: Connection,
    limits: Limits,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    wants_progress: bool,
) -> None:
    """The child's whole life: cap itself, run ``function``, send back one answer."""
    _set_limits(limits)
    # library threads (OpenMP, BLAS) each reserve address space; one is enough here (the fork
    # servers set this before they load the libraries: this is for the libraries loaded later)
    from laissez.documents.sandbox_threads import one_thread

    one_thread()
    if wants_progress:
        kwargs = {**kwargs, "progress": lambda fraction: sender.send(("progress", fraction))}
    try:
        result = function(*args, **kwargs)
        answer: tuple[str, Any] = ("ok", result)
    except MemoryError:
        answer = ("error", (ReaderMemoryError.code, None, "MemoryError", _memory_sentence(limits)))
    except BaseException as error:
        code = getattr(error, "code", None)
        if isinstance(code, str) and isinstance(error, Exception):
            answer = ("error", (code, pickled(error), type(error).__name__, str(error)))
        else:
            answer = ("error", ("document", None, type(error).__name__, ""))
    try:
        sender.send(answer)
    except MemoryError:
        os._exit(_EXIT_MEMORY)
    except Exception:
        # the result itself could not be pickled: report that, not a hang
        sender.send(("error", ("document", None, "unpicklable result", "")))
    sender.close()
    sys.stdout.flush()


def _memory_sentence(limits: Limits) -> str:
    return f"reading the file needed more than {limits.memory_bytes // MiB} MB of memory"


def load_untrusted(
    source: bytes | str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS
) -> bytes:
    """The bytes of ``source``: itself when bytes, else the regular file it names."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > limits.max_bytes:
            raise ImageTooLargeError(f"the file is larger than {limits.max_bytes // MiB} MB")
        return data
    return read_untrusted(source, max_bytes=limits.max_bytes)


def read_mrz(
    source: bytes | str | os.PathLike[str],
    *,
    today: Any = None,
    cancel: threading.Event | None = None,
    progress: Callable[[float], Any] | None = None,
    limits: Limits = MRZ_LIMITS,
) -> Any:
    """:func:`laissez.documents.ocr.read_mrz` on an untrusted file or buffer, in the box.

    The one way the desktop and ``laissez mrz read`` read an MRZ from a file. Returns an
    ``MrzReading``.

    Raises:
        ImageError: every way the file can be unusable, hostile or too large (typed, with a code).
        OcrError: tesseract is missing or failed.
        OcrCancelledError: ``cancel`` was set.
    """
    data = load_untrusted(source, limits)
    return run_boxed(
        _read_mrz_child,
        data,
        today,
        limits,
        limits=limits,
        cancel=cancel,
        progress=progress,
        server=MRZ,
    )


def read_mrz_record(
    source: bytes | str | os.PathLike[str],
    *,
    today: Any = None,
    limits: Limits = MRZ_LIMITS,
) -> dict[str, Any]:
    """:func:`read_mrz`, answering the plain dictionary ``MrzReading.as_dict()`` gives (what
    ``laissez mrz read`` prints): the calling process then never imports the OCR code.

    Raises:
        As :func:`read_mrz`.
    """
    data = load_untrusted(source, limits)
    record: dict[str, Any] = run_boxed(
        _read_mrz_record_child, data, today, limits, limits=limits, server=MRZ
    )
    return record


def _read_mrz_child(
    data: bytes, today: Any, limits: Limits, progress: Callable[[float], Any] | None = None
) -> Any:
    check_document(data, limits, dpi=200.0)
    from laissez.documents.ocr import read_mrz as ocr_read_mrz

    return ocr_read_mrz(data, today=today, progress=progress)


def _read_mrz_record_child(data: bytes, today: Any, limits: Limits) -> dict[str, Any]:
    record: dict[str, Any] = _read_mrz_child(data, today, limits).as_dict()
    return record


def picture_jpeg(data: bytes, max_side: int, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """``data`` (an image or the first page of a PDF) decoded in the box and returned as a
    metadata-free JPEG of at most ``max_side`` pixels (:mod:`laissez.documents.pictures`).

    Raises:
        ImageError: every way the file can be unusable, hostile or too large (typed).
    """
    return run_boxed(_picture_child, load_untrusted(data, limits), max_side, limits, limits=limits)


def _picture_child(data: bytes, max_side: int, limits: Limits) -> bytes:
    check_document(data, limits, dpi=200.0)
    from laissez.documents.pictures import jpeg, open_picture

    return jpeg(open_picture(data), max_side)


def photo_image(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[str, int, int]:
    """Check, in the box, that ``data`` decodes completely as a JPEG or PNG image within
    ``limits``; its format name (``JPEG``, ``PNG``), width and height.

    Raises:
        ImageError: not an image (an executable, a PDF ...), damaged, or too large.
    """
    return run_boxed(_photo_child, load_untrusted(data, limits), limits, limits=limits)


def _photo_child(data: bytes, limits: Limits) -> tuple[str, int, int]:
    import io

    from PIL import Image

    if data[:5] == b"%PDF-":
        raise ImageUnreadableError("a photograph must be a JPEG or PNG image, not a PDF")
    check_document(data, limits)
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = str(image.format)
            if kind not in ("JPEG", "PNG"):
                raise ImageUnreadableError("a photograph must be a JPEG or PNG image")
            image.load()  # every pixel decodes: a truncated file is refused here
            return kind, image.width, image.height
    except ImageUnreadableError:
        raise
    except Exception:
        raise ImageUnreadableError("the photograph is damaged or truncated") from None
