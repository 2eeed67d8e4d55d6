"""What a boxed reader's child may send back: plain data and the readers' own result and
error classes, never anything that makes the parent run code (:func:`safe_loads`).

A child whose reader a hostile file took over holds no database key; unpickling its answer with
this module's restrictions keeps it so. Errors cross as a record (code, pickled error, class
name, message) and are rebuilt here, typed (:func:`rebuild`)."""

from __future__ import annotations

import pickle
from typing import Any

from laissez.documents.errors import ImageUnreadableError, ReaderMemoryError
from laissez.documents.file_limits import MiB

#: The largest answer a child may send (a JPEG preview or a reading are far smaller).
MAX_ANSWER_BYTES = 32 * MiB

#: Packages whose classes (dataclasses, enums and errors only) an answer may hold.
_ANSWER_PACKAGES = ("laissez.documents.", "laissez.printing.")
_ANSWER_GLOBALS = {
    ("copyreg", "__newobj__"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "timedelta"),
}


class _AnswerUnpickler(pickle.Unpickler):
    """Unpickles a child's answer allowing only plain data and the readers' own result and
    error classes: a child whose reader a hostile file took over cannot make this process run
    code by sending a crafted pickle (the child never holds the database key; this keeps it so).
    """

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ANSWER_GLOBALS:
            return super().find_class(module, name)
        if module.startswith(_ANSWER_PACKAGES) and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and _plain_class(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} may not be in an answer")


def _plain_class(cls: type) -> bool:
    import dataclasses
    import enum

    return dataclasses.is_dataclass(cls) or issubclass(cls, (enum.Enum, Exception))


def safe_loads(data: bytes) -> Any:
    """``pickle.loads`` restricted to what a boxed reader may answer (see ``_AnswerUnpickler``).

    Raises:
        pickle.UnpicklingError: the data names anything else.
    """
    import io

    return _AnswerUnpickler(io.BytesIO(data)).load()


def rebuild(record: tuple[str, bytes | None, str, str]) -> Exception:
    code, pickled, name, message = record
    if pickled is not None:
        try:
            error = safe_loads(pickled)
        except Exception:  # an error that does not rebuild is reported generically
            error = None
        if isinstance(error, Exception) and isinstance(getattr(error, "code", None), str):
            return error
    if code == ReaderMemoryError.code:
        return ReaderMemoryError(message)
    return ImageUnreadableError(
        f"the file could not be read ({name}); it is damaged or not of a supported kind"
    )


def pickled(error: BaseException) -> bytes | None:
    try:
        data = pickle.dumps(error)
        safe_loads(data)  # an exception with keyword-only fields may not rebuild
        return data
    except Exception:
        return None
