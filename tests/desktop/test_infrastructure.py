"""Desktop plumbing: redacting logs, the worker pool and the excepthook."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from laissez.desktop.logging import RedactingFilter, configure_logging, install_excepthook, redact
from laissez.desktop.workers import run_in_pool

SECRETS = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "L898902C3",
    "19740812",
    "+44 20 7946 0958",
    "X12345678",
]


@pytest.mark.parametrize("secret", SECRETS)
def test_redact_masks_personal_data(secret: str) -> None:
    out = redact(f"processing {secret} now")
    assert secret not in out and "[redacted]" in out


def test_redact_keeps_record_ids_and_counts() -> None:
    text = "case 0192f3a4-5b6c-7d8e-9f00-112233445566 saved, 3 answers, incident INC-AB12-34CD"
    assert redact(text) == text


def test_log_file_is_private_and_redacted(tmp_path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    path = configure_logging(tmp_path / "logs")
    try:
        logging.getLogger("laissez.test").warning("read %s", SECRETS[1])
        try:
            raise ValueError(SECRETS[2])
        except ValueError:
            logging.getLogger("laissez.test").exception("failed")
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    text = path.read_text()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert "read [redacted]" in text and "ValueError" in text
    for secret in SECRETS[1:3]:
        assert secret not in text


def test_filter_redacts_arguments() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "number %s", ("L898902C3",), None)
    RedactingFilter().filter(record)
    assert record.getMessage() == "number [redacted]"


def test_run_in_pool_delivers_result_on_gui_thread(qtbot) -> None:
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(cancel, progress):
        progress(0.5)
        seen["worker"] = threading.get_ident()
        return 42

    def done(value):
        seen["value"] = value
        seen["thread"] = threading.get_ident()

    run_in_pool(
        work, done, lambda e: seen.setdefault("error", e), lambda p: seen.setdefault("p", p)
    )
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42 and seen["thread"] == gui and seen["worker"] != gui


def test_run_in_pool_delivers_errors_and_cancels(qtbot) -> None:
    seen: dict[str, object] = {}
    started = threading.Event()

    def work(cancel, progress):
        started.set()
        if not cancel.wait(5):
            return "not cancelled"
        raise InterruptedError("cancelled")

    job = run_in_pool(
        work, lambda v: seen.setdefault("value", v), lambda e: seen.setdefault("e", e)
    )
    assert started.wait(5)
    job.cancel()
    qtbot.waitUntil(lambda: "e" in seen, timeout=5000)
    assert isinstance(seen["e"], InterruptedError)


def test_excepthook_logs_incident_and_shows_generic_message(caplog) -> None:
    shown: list[str] = []
    old = sys.excepthook
    install_excepthook(show=shown.append)
    try:
        with caplog.at_level(logging.ERROR):
            try:
                raise RuntimeError("boom")
            except RuntimeError:
                sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    assert shown and shown[0].startswith("INC-")
    assert shown[0] in caplog.text


def test_qt_calls_keep_the_reference_to_none(qtbot) -> None:
    """PySide6 6.12.0 drops a reference to None on every call returning nothing; Python 3.11
    then aborts ("deallocating None") after a few thousand calls: an officer's day. The
    dependency excludes that release; this catches any other release with the same fault."""
    import sys

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 50
