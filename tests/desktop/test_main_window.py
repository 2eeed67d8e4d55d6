"""The main window opens and its MRZ checker tells the officer what is wrong, where."""

from __future__ import annotations

from pathlib import Path

from laissez.desktop.app import create_window

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def test_window_opens_on_isolated_data_dir(qtbot, isolated_dirs: Path) -> None:
    window = create_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Laissez"
    assert isolated_dirs.is_dir()
    assert oct(isolated_dirs.stat().st_mode & 0o777) == "0o700"


def test_mrz_panel_names_the_failing_position(qtbot) -> None:
    window = create_window()
    qtbot.addWidget(window)
    panel = window.mrz_panel
    with qtbot.waitSignal(panel.mrz_validated) as blocker:
        panel.editor.setPlainText(TD3)
    assert blocker.args == [True]
    assert "Valid TD3" in panel.verdict.text()

    broken = TD3[:-1] + "1"
    with qtbot.waitSignal(panel.mrz_validated) as blocker:
        panel.editor.setPlainText(broken)
    assert blocker.args == [False]
    texts = [panel.results.item(i).text() for i in range(panel.results.count())]
    assert any("line 2 position 44" in t for t in texts)
