"""Take a screenshot of every page of the desktop, in English and in Arabic.

Run under a virtual screen (``make screenshots`` does): ``xvfb-run -a python
scripts/screenshots.py /tmp/shots [WIDTHxHEIGHT]``. With a size (``1366x768``: a small
laptop), the window takes that screen less a 40 px desktop panel and the file names say it.
A throwaway mission database is made in a temporary directory (the test world: officers,
supervisors, a test signer, document numbers), with one case at each step of the lifecycle,
so every step shows real content. Nothing touches the user's own data directory.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def settle(app: object, seconds: float = 0.6) -> None:
    """Let workers finish and the window repaint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


#: height of a desktop panel (task bar) the window leaves free on a small screen
PANEL_HEIGHT = 40


def main(out: Path, size: str = "") -> int:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="laissez-shots-"))
    os.environ["LAISSEZ_DATA_DIR"] = str(tmp / "data")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    os.environ["XDG_DATA_HOME"] = str(tmp / "xdg-data")
    from laissez.documents.seal.token import ENV_PIN, init_softhsm_token

    # a throwaway SoftHSM2 token holds the demonstration seal key
    os.environ.update(init_softhsm_token(tmp / "token", pin="shots-pin", so_pin="shots-so-pin"))
    os.environ[ENV_PIN] = "shots-pin"

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from laissez.casework.states import CaseState
    from laissez.desktop.app import create_application
    from laissez.desktop.flow.steps import STEP_ORDER
    from laissez.storage.keys import TEST_KDF
    from tests.support.world import PASSPHRASE, World

    # The first-run page, before any database exists.
    application = create_application(kdf=TEST_KDF)
    window = application.window
    suffix = ""
    if size:
        width, height = (int(v) for v in size.lower().split("x"))
        window.resize(width, height - PANEL_HEIGHT)
        suffix = f"-{width}x{height}"
    else:
        window.resize(1200, 800)
    window.show()
    shots: list[Path] = []

    def grab(name: str, lang: str) -> None:
        settle(app)
        path = out / f"{name}-{lang}{suffix}.png"
        window.grab().save(str(path))
        shots.append(path)

    for lang in ("en", "ar"):
        application.language.apply(lang)
        grab("first-run", lang)
    application.language.apply("en")

    world = World(tmp / "data")
    cases = {
        "overview": world.new_case(CaseState.INTERVIEWED),
        "identity": world.new_case(CaseState.DRAFT),
        "interview": world.new_case(CaseState.IDENTIFIED),
        "advisal": world.new_case(CaseState.INTERVIEWED),
        "consent": world.new_case(CaseState.ADVISED),
        "approval": world.new_case(CaseState.CONSENT_RECORDED),
        "issue": world.new_case(CaseState.APPROVED),
    }
    world["oscar"].decisions.issue_document(world.new_case(CaseState.APPROVED))
    window.show_start_page()
    for lang in ("en", "ar"):
        application.language.apply(lang)
        grab("sign-in", lang)
    application.language.apply("en")
    application.session.sign_in("oscar", PASSPHRASE.format(name="oscar"))
    deadline = time.monotonic() + 20
    while window.pages.currentWidget() is not window.work_area and time.monotonic() < deadline:
        settle(app, 0.1)

    for lang in ("en", "ar"):
        application.language.apply(lang)
        window.show_cases()
        grab("case-list", lang)
        window.work_area.setCurrentWidget(window.mrz_panel)
        window.mrz_panel.editor.setPlainText(
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<11"
        )
        grab("mrz-check", lang)
        window.mrz_panel.editor.clear()
        window.work_area.setCurrentWidget(window.case_pages)
        for step_id in STEP_ORDER:
            window.open_case(cases[step_id])
            window.case_view.go_to(step_id, "")
            grab(f"step-{step_id}", lang)
        # The issue step after issuing: the preview and the print log.
        case_id = world.new_case(CaseState.APPROVED)
        window.open_case(case_id)
        window.case_view.go_to("issue", "")
        window.case_view.steps["issue"].issue_button.click()
        settle(app, 3.0)
        grab("step-issue-issued", lang)
        window.show_case_list()
        dialog = application.open_settings()
        if dialog is not None:
            settle(app)
            path = out / f"settings-{lang}{suffix}.png"
            dialog.grab().save(str(path))
            shots.append(path)
            dialog.close()
        window.show_case_list()
        window.lock()
        grab("locked", lang)
        window.lock_screen.passphrase.setText(PASSPHRASE.format(name="oscar"))
        application.session.unlock(PASSPHRASE.format(name="oscar"))
        settle(app, 1.5)
    application.session.sign_out()
    world.close()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(
        main(
            Path(sys.argv[1] if len(sys.argv) > 1 else "shots"),
            sys.argv[2] if len(sys.argv) > 2 else "",
        )
    )
