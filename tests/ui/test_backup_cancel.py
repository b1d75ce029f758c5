"""A backup or restore under way shows a bar in place of the last backup's time, with Cancel
(and Esc for a restore); cancelled, it leaves no backup and the data as they were, and says so
in one line. Real widgets, a real SQLite file, the real service held at its start until the
test clicks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from mesodesk.db import Database
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.progress import Progress
from mesodesk.services.backup import (
    BackupMade,
    BackupService,
    BackupSettingsService,
    RestoreDone,
)
from mesodesk.services.registry import Services
from mesodesk.ui.backup_actions import BackupActions
from mesodesk.ui.main_window import MainWindow
from tests.backup_helpers import Clock
from tests.ui.windows import open_window

NOW = datetime(2026, 3, 2, 9, 30, 0)


class HeldAtStart(BackupService):
    """The real service; a backup or restore waits at its start until the test lets it go,
    so the window is seen while the work is under way."""

    gate: threading.Event

    def backup_now(self, progress: Progress | None = None) -> BackupMade:
        self.gate.wait(10)
        return super().backup_now(progress)

    def restore(
        self, file: Path, create: bool = False, progress: Progress | None = None
    ) -> RestoreDone:
        self.gate.wait(10)
        return super().restore(file, create, progress)


@pytest.fixture
def service(sqlite_db: Database) -> HeldAtStart:
    assert sqlite_db.path is not None
    made = HeldAtStart(
        sqlite_db.url, sqlite_db.path, BackupSettingsService(sqlite_db.sessions), Clock(NOW)
    )
    made.gate = threading.Event()
    return made


@pytest.fixture
def window(
    qtbot, sqlite_db: Database, sqlite_services: Services, service: HeldAtStart, tmp_path
) -> Iterator[MainWindow]:
    main = open_window(qtbot, sqlite_services, sqlite_db.location, tmp_path, service)
    yield main
    service.gate.set()
    main.runner.wait()


def _backups(window: MainWindow) -> BackupActions:
    assert window.backups is not None
    return window.backups


def _settle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not _backups(window).busy and not window.runner.busy)


def _notice(window: MainWindow) -> tuple[str, str]:
    notice = window.notice_bar.notice
    assert notice is not None
    return notice.kind, notice.text


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _under_way(qtbot, actions: BackupActions) -> None:
    qtbot.waitUntil(lambda: actions.status_widget.currentWidget() is actions.progress)


def test_a_backup_under_way_shows_a_bar_with_cancel_in_place_of_the_label(
    qtbot, window: MainWindow, service: HeldAtStart
) -> None:
    actions = _backups(window)
    width = actions.status_widget.width()
    shares: list[int] = []
    actions.progress.bar.valueChanged.connect(shares.append)

    actions.backup_action.trigger()
    _under_way(qtbot, actions)

    assert actions.progress.isVisible() and not actions.label.isVisible()
    assert actions.progress.cancel_button.isVisible()
    assert actions.progress.cancel_button.text() == "Cancel"
    assert actions.progress.bar.text().startswith("Backing up…")
    service.gate.set()
    _settle(qtbot, window)
    assert shares[-1] == actions.progress.bar.maximum(), "the bar reached the end"
    assert actions.label.isVisible(), "the last backup's time is back"
    assert actions.status_widget.width() == width, "nothing in the status bar moves"
    assert _notice(window)[0] == "success"


def test_cancel_stops_the_backup_leaves_no_file_and_says_so(
    qtbot, window: MainWindow, service: HeldAtStart
) -> None:
    window.services.patients.save(PatientCard(last_name="Иванова", first_name="Мария"))
    actions = _backups(window)

    actions.backup_action.trigger()
    _under_way(qtbot, actions)
    qtbot.mouseClick(actions.progress.cancel_button, Qt.MouseButton.LeftButton)
    assert not actions.progress.cancel_button.isEnabled()
    assert actions.progress.bar.text() == "Cancelling…"
    service.gate.set()
    _settle(qtbot, window)

    assert _files(service.folder) == []
    assert _notice(window) == ("info", "Backup cancelled; no backup was made.")
    assert actions.label.text() == "No backup yet"
    assert actions.backup_action.isEnabled()


def _with_a_backup(window: MainWindow, service: HeldAtStart) -> BackupMade:
    window.services.patients.save(PatientCard(last_name="Иванова", first_name="Мария"))
    service.gate.set()
    made = service.backup_now()
    service.gate.clear()
    window.services.patients.save(PatientCard(last_name="Сидорова", first_name="Ольга"))
    return made


def test_escape_cancels_a_restore_under_way_but_never_a_backup(
    qtbot, window: MainWindow, service: HeldAtStart
) -> None:
    made = _with_a_backup(window, service)
    actions = _backups(window)
    actions.choose_backup_file = lambda: made.path
    actions.confirm_restore = lambda candidate: True
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    actions.backup_action.trigger()
    _under_way(qtbot, actions)
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # e.g. leaving a diagram tool meanwhile
    service.gate.set()
    _settle(qtbot, window)
    assert _notice(window)[0] == "success", "the backup went on"
    service.gate.clear()
    actions.restore_action.trigger()
    qtbot.waitUntil(lambda: actions.progress.bar.text().startswith("Restoring…"))
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    service.gate.set()
    _settle(qtbot, window)

    assert _notice(window) == ("info", "Restore cancelled; nothing was changed.")
    assert len(window.services.patients.search("", True, None)) == 2


def test_a_cancelled_restore_changes_nothing_and_says_so(
    qtbot, window: MainWindow, service: HeldAtStart
) -> None:
    made = _with_a_backup(window, service)
    actions = _backups(window)
    actions.choose_backup_file = lambda: made.path
    actions.confirm_restore = lambda candidate: True

    actions.restore_action.trigger()
    qtbot.waitUntil(lambda: actions.progress.bar.text().startswith("Restoring…"))
    qtbot.mouseClick(actions.progress.cancel_button, Qt.MouseButton.LeftButton)
    service.gate.set()
    _settle(qtbot, window)

    assert _notice(window) == ("info", "Restore cancelled; nothing was changed.")
    names = [p.name for p in window.services.patients.search("", True, None)]
    assert sorted(names) == ["Иванова Мария", "Сидорова Ольга"]
    assert _files(service.folder) == [made.path.name], "no copy kept of a restore not made"
    assert window.splitter.isEnabled(), "the forms are back in reach"
