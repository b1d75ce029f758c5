"""The demo being filled at the window's start can be stopped from the opening page: the window
then opens what was filled so far and says so in its banner."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from mesodesk import launch
from mesodesk.ui.app import APPLICATION, ORGANIZATION
from mesodesk.ui.main_window import DISCARD, MainWindow

STOPPED = "The demo was stopped early: it has the patients and visits filled so far."
WAIT_MS = 120_000
"""Opening and filling on a busy machine: a bound for a hang, not a speed."""


def _settings(folder: Path) -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()


def _frame(qtbot, tmp_path: Path) -> MainWindow:
    _settings(tmp_path)
    frame = MainWindow(None, "")
    qtbot.addWidget(frame)
    frame.resize(1280, 800)
    frame.show()
    qtbot.waitExposed(frame)
    return frame


def test_a_stoppable_fill_offers_stop_filling_under_its_bar_without_moving_the_hint(
    qtbot, tmp_path
):
    frame = _frame(qtbot, tmp_path)
    hint = frame.opening_hint.geometry()
    frame.show_opening_share(0.1)
    assert frame.opening_stop is None, "an opening that cannot be stopped offers no button"

    frame.show_opening_share(0.2, stoppable=True)

    button = frame.opening_stop
    assert button is not None and button.isVisible() and button.isEnabled()
    assert button.text() == "&Stop filling"
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, "reached with Tab"
    assert frame.opening_hint.geometry() == hint, "the hint does not move"
    frame.show_opening_share(1.0, stoppable=False)
    assert not button.isVisible() and not frame.opening_bar.isVisible()
    assert frame.opening_hint.geometry() == hint


def test_stop_filling_asks_once_and_says_the_fill_is_stopping(qtbot, tmp_path):
    frame = _frame(qtbot, tmp_path)
    frame.show_opening_share(0.3, stoppable=True)

    with qtbot.waitSignal(frame.opening_stop_requested):
        _alt_s(qtbot, frame)

    assert frame.opening_stop is not None and not frame.opening_stop.isEnabled()
    assert frame.opening_hint.text() == "Stopping the demo fill…"
    frame.show_opening_share(0.4, stoppable=True)
    assert not frame.opening_stop.isEnabled(), "a fill that reports on stays asked to stop"


def test_closing_the_window_while_the_demo_fills_asks_it_to_stop_and_goes_at_once(qtbot, tmp_path):
    """The window does not sit frozen on the screen while the opening's work finishes: it
    goes, and the fill is asked to stop at its next clean point (the caller waits for it)."""
    frame = _frame(qtbot, tmp_path)
    frame.show_opening_share(0.3, stoppable=True)
    release = threading.Event()
    frame.runner.submit(lambda: release.wait(60), lambda _: None, lambda _: None)
    waits: list[object] = []
    runner_wait = frame.runner.wait
    frame.runner.wait = lambda *bound: waits.append(bound)  # type: ignore[method-assign]

    with qtbot.waitSignal(frame.opening_stop_requested):
        assert frame.close()

    assert not frame.isVisible() and frame.runner.busy, "closed before the opening ended"
    assert waits == [], "the GUI thread did not wait for the opening"
    release.set()
    runner_wait()


def _alt_s(qtbot, frame: MainWindow) -> None:
    """Alt+S typed in the window, once it is the active one (as it is under the user's hands)."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is frame)
    qtbot.keyClick(frame, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)


def _the_window() -> MainWindow:
    return next(
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, MainWindow) and widget.isVisible() and not widget.attached
    )


def test_the_demo_stopped_at_start_opens_with_what_was_filled_and_says_so(
    qtbot, tmp_path, monkeypatch
):
    """`python -m mesodesk --demo` in this process: Stop filling (Alt+S) while the demo fills,
    then the window opens the demo database as the fill left it, with a banner."""
    monkeypatch.setenv("MESODESK_DATA_DIR", str(tmp_path / "data"))
    _settings(tmp_path / "settings")
    args = launch.window_arguments(["--demo"])
    assert args is not None
    seen: dict[str, object] = {}

    def drive() -> None:
        window = _the_window()
        qtbot.addWidget(window)
        try:
            window.ask_unsaved_changes = lambda: DISCARD
            qtbot.waitUntil(
                lambda: window.opening_stop is not None and window.opening_stop.isVisible(),
                timeout=WAIT_MS,
            )
            with qtbot.waitSignal(window.opening_stop_requested):
                _alt_s(qtbot, window)
            seen["stopping"] = window.opening_hint.text()
            qtbot.waitUntil(lambda: window.attached, timeout=WAIT_MS)
            qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)
            notice = window.notice_bar.notice
            seen["notice"] = (notice.kind, notice.text) if notice is not None else None
            seen["rows"] = window.patient_list.model.rowCount()
            seen["first page"] = len(window.services.patients.search(""))
        finally:
            window.close()
            QCoreApplication.exit(0)

    # The test ends the application itself: a window closed as the last one would also post
    # Qt's quit, which outlives this run and stops every later test's event loop.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    try:
        QTimer.singleShot(0, drive)
        assert launch.run_window(args) == 0
    finally:
        app.setQuitOnLastWindowClosed(quits)

    assert seen["stopping"] == "Stopping the demo fill…"
    assert seen["notice"] == ("info", STOPPED)
    assert seen["rows"] == seen["first page"], "the list shows the patients filled so far"
