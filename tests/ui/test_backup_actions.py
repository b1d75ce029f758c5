"""File > Back up now / Restore from backup… / Backup settings…, and the last backup's time in
the status bar: real widgets over a real SQLite file, the work off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mesodesk.db import Database
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.progress import Progress
from mesodesk.services.backup import BackupMade, BackupService, BackupSettingsService
from mesodesk.services.registry import Services
from mesodesk.ui.backup_actions import BackupActions
from mesodesk.ui.backup_settings_dialog import BackupSettingsDialog
from mesodesk.ui.main_window import CANCEL, MainWindow
from tests.backup_helpers import Clock
from tests.schema_helpers import file_facts
from tests.ui.typing import type_text
from tests.ui.windows import open_window

NOW = datetime(2026, 3, 2, 9, 30, 0)


class ThreadNoting(BackupService):
    """The real service, noting on which thread each backup ran."""

    threads: list[int]

    def backup_now(self, progress: Progress | None = None) -> BackupMade:
        self.threads.append(threading.get_ident())
        return super().backup_now(progress)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def service(sqlite_db: Database, clock: Clock) -> ThreadNoting:
    assert sqlite_db.path is not None
    made = ThreadNoting(
        sqlite_db.url, sqlite_db.path, BackupSettingsService(sqlite_db.sessions), clock
    )
    made.threads = []
    return made


@pytest.fixture
def window(
    qtbot, sqlite_db: Database, sqlite_services: Services, service: BackupService, tmp_path
) -> Iterator[MainWindow]:
    main = open_window(qtbot, sqlite_services, sqlite_db.location, tmp_path, service)
    yield main
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


# --- backing up --------------------------------------------------------------------------------


def test_the_file_menu_holds_the_backup_actions(window: MainWindow) -> None:
    texts = [a.text().replace("&", "") for a in window.menus["file"].actions()]
    assert texts.index("Back up now") < texts.index("Restore from backup…") < texts.index("Quit")
    assert "Backup settings…" in texts
    assert _backups(window).backup_action.shortcut().toString() == "Ctrl+Alt+B"
    assert texts[texts.index("Backup settings…") + 1] == "No backup yet"


def test_back_up_now_makes_a_backup_off_the_gui_thread_and_shows_its_time(
    qtbot, window: MainWindow, service: ThreadNoting
) -> None:
    label = _backups(window).label
    width = label.width()
    assert label.text() == "No backup yet"

    _backups(window).backup_action.trigger()
    _settle(qtbot, window)

    made = service.folder / "mesodesk-2026-03-02T093000.sqlite3"
    assert made.exists() and file_facts(made)[1] == 0o600
    assert service.threads and threading.get_ident() not in service.threads
    assert label.text() == "Last backup: 02/03/2026 09:30"
    assert _backups(window).last_action.text() == label.text(), "the File menu says it too"
    assert label.property("problem") is False
    assert label.width() == width, "the status bar does not move"
    assert _notice(window) == ("success", f"Backup made: {made.name} in {service.folder}.")


def test_the_automatic_backup_is_made_once_a_day(
    qtbot, window: MainWindow, service: ThreadNoting, clock: Clock
) -> None:
    _backups(window).start_automatic()
    _settle(qtbot, window)
    clock.now = NOW + timedelta(hours=3)
    _backups(window).back_up_if_due()
    _settle(qtbot, window)

    assert len(list(service.folder.iterdir())) == 1
    assert window.notice_bar.notice is None, "a successful automatic backup says nothing"
    assert _backups(window).label.text() == "Last backup: 02/03/2026 09:30"


def test_a_failed_backup_warns_names_the_last_one_and_offers_to_try_again(
    qtbot, window: MainWindow, service: BackupService, sqlite_db: Database
) -> None:
    service.folder.mkdir(parents=True)
    (service.folder / "mesodesk-2026-02-20T180000.sqlite3").write_bytes(b"an older backup")
    assert sqlite_db.path is not None
    away = sqlite_db.path.with_name("moved-away.sqlite3")
    _backups(window).refresh()
    _settle(qtbot, window)
    assert _backups(window).label.property("problem") is True, "ten days old: in red"
    sqlite_db.path.rename(away)  # the disk the database is on went away for a moment
    try:
        _backups(window).start_automatic()
        _settle(qtbot, window)
    finally:
        away.rename(sqlite_db.path)

    kind, text = _notice(window)
    assert kind == "warning"
    assert text.startswith("The automatic backup failed: No database file at")
    assert "The last backup was made on 20/02/2026." in text
    assert _backups(window).label.text() == "Backup failed"
    assert window.notice_bar.action.text() == "Back up now"

    window.notice_bar.action.click()
    _settle(qtbot, window)
    assert (service.folder / "mesodesk-2026-03-02T093000.sqlite3").exists()
    assert _backups(window).label.text() == "Last backup: 02/03/2026 09:30"
    assert _backups(window).label.property("problem") is False


def test_a_backup_that_cannot_be_made_warns_and_marks_the_label(
    qtbot, window: MainWindow, service: BackupService
) -> None:
    service.folder.write_text("a file where the backups folder should be")

    _backups(window).back_up_now()
    _settle(qtbot, window)

    kind, text = _notice(window)
    assert kind == "warning" and text.startswith("The backup failed: No backup was made")
    assert _backups(window).label.text() == "Backup failed"
    assert _backups(window).label.property("problem") is True
    assert "No backup was made" in _backups(window).label.toolTip()


def test_a_copy_folder_that_is_not_there_is_told_and_the_backup_still_made(
    qtbot, window: MainWindow, service: BackupService, tmp_path: Path
) -> None:
    settings = service.settings
    assert settings is not None
    settings.save_policy(settings.policy().__class__(copy_folder=str(tmp_path / "usb")))

    _backups(window).back_up_now()
    _settle(qtbot, window)

    kind, text = _notice(window)
    assert kind == "warning" and "is the disk connected" in text
    assert _backups(window).label.text() == "Last backup: 02/03/2026 09:30"


# --- restoring -----------------------------------------------------------------------------------


def _patients(window: MainWindow) -> list[str]:
    return [p.name for p in window.services.patients.search("", True, None)]


def _with_a_backup(qtbot, window: MainWindow, service: BackupService) -> Path:
    window.services.patients.save(PatientCard(last_name="Иванова", first_name="Мария"))
    made = service.backup_now()
    window.services.patients.save(PatientCard(last_name="Сидорова", first_name="Ольга"))
    window.patient_list.refresh()
    qtbot.waitUntil(lambda: window.patient_list.model.rowCount() == 2)
    return made.path


def test_restore_asks_confirmation_then_replaces_the_data_and_reloads_the_window(
    qtbot, window: MainWindow, service: BackupService
) -> None:
    backup = _with_a_backup(qtbot, window, service)
    window.open_patient(window.services.patients.search("Сидорова", False, None)[0].id)
    actions = _backups(window)
    asked = []
    actions.choose_backup_file = lambda: backup
    actions.confirm_restore = lambda candidate: asked.append(candidate) or True
    held = []
    actions.restore_started.connect(lambda: held.append(window.splitter.isEnabled()))

    actions.restore_action.trigger()
    _settle(qtbot, window)

    assert [c.patients for c in asked] == [1]
    assert held == [False], "no typing while the data are replaced"
    assert window.splitter.isEnabled()
    assert _patients(window) == ["Иванова Мария"]
    qtbot.waitUntil(lambda: window.patient_list.model.rowCount() == 1)
    assert window.card_stack.currentIndex() == 0, "no stale card left open"
    kind, text = _notice(window)
    assert kind == "success" and text.startswith(f"Restored the backup {backup.name}.")
    assert "-before-restore.sqlite3" in text


def test_restore_with_unsaved_typing_asks_first_and_cancel_keeps_everything(
    qtbot, window: MainWindow, service: BackupService
) -> None:
    backup = _with_a_backup(qtbot, window, service)
    card = window.services.patients.search("Сидорова", False, None)[0]
    window.open_patient(card.id)
    type_text(window.form.notes, "аллергия на лидокаин")
    assert window.form.is_dirty()
    window.ask_unsaved_changes = lambda: CANCEL
    chosen = []
    actions = _backups(window)
    actions.choose_backup_file = lambda: chosen.append(True) or backup

    actions.restore_action.trigger()
    _settle(qtbot, window)

    assert chosen == [], "nothing is asked before the typing is dealt with"
    assert window.form.is_dirty() and "лидокаин" in window.form.notes.toPlainText()
    assert len(_patients(window)) == 2


def test_a_bad_file_is_refused_in_the_notice_bar_and_nothing_changes(
    qtbot, window: MainWindow, service: BackupService, sqlite_db: Database, tmp_path: Path
) -> None:
    _with_a_backup(qtbot, window, service)
    bad = tmp_path / "holiday.sqlite3"
    bad.write_bytes(b"")
    assert sqlite_db.path is not None
    before = file_facts(sqlite_db.path)
    actions = _backups(window)
    confirmed = []
    actions.choose_backup_file = lambda: bad
    actions.confirm_restore = lambda candidate: confirmed.append(candidate) or True

    actions.restore_action.trigger()
    _settle(qtbot, window)

    assert confirmed == []
    kind, text = _notice(window)
    assert kind == "error" and "empty file" in text and "nothing was restored" in text
    assert file_facts(sqlite_db.path) == before
    assert actions.restore_action.isEnabled()


def test_declining_the_confirmation_restores_nothing(
    qtbot, window: MainWindow, service: BackupService
) -> None:
    backup = _with_a_backup(qtbot, window, service)
    actions = _backups(window)
    actions.choose_backup_file = lambda: backup
    actions.confirm_restore = lambda candidate: False

    actions.restore_action.trigger()
    _settle(qtbot, window)

    assert len(_patients(window)) == 2
    assert window.notice_bar.notice is None or window.notice_bar.notice.kind != "success"


def test_unsaved_catalog_edits_stop_a_restore_with_a_message(
    qtbot, window: MainWindow, service: BackupService
) -> None:
    backup = _with_a_backup(qtbot, window, service)
    catalog = window.show_catalog()
    qtbot.waitUntil(lambda: not window.runner.busy)
    for each in catalog.pages():  # closing it at the end leaves the typing, asking no one
        each._confirm = lambda _question: True
    page = catalog.ingredients
    catalog.tabs.setCurrentWidget(page)
    page.start_new()
    type_text(page.name, "Гиалуроновая кислота")
    assert page.is_dirty()
    actions = _backups(window)
    chosen = []
    actions.choose_backup_file = lambda: chosen.append(True) or backup

    actions.restore_action.trigger()

    assert chosen == []
    kind, text = _notice(window)
    assert kind == "error" and "catalog has unsaved changes" in text
    catalog.close()


# --- settings ------------------------------------------------------------------------------------


def test_backup_settings_are_saved_and_a_bad_folder_is_refused_in_the_dialog(
    qtbot, window: MainWindow, service: BackupService, tmp_path: Path
) -> None:
    _backups(window).settings_action.trigger()
    dialog = window.findChild(BackupSettingsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.keep.value() == 14

    type_text(dialog.copy_folder, "backups/usb")
    dialog.save()
    assert "full path" in dialog.errors_shown()["copy_folder"] and dialog.isVisible()

    dialog.keep.setValue(5)
    dialog.choose_folder = lambda: str(tmp_path / "usb")
    dialog.choose_button.click()
    dialog.save()

    assert not dialog.isVisible()
    assert service.policy().keep == 5
    assert service.policy().copy_folder == str(tmp_path / "usb")
    assert _notice(window) == ("success", "Backup settings saved.")


def test_the_window_stays_open_while_a_restore_is_under_way(
    qtbot, window: MainWindow, service: BackupService
) -> None:
    backup = _with_a_backup(qtbot, window, service)
    actions = _backups(window)
    actions.choose_backup_file = lambda: backup
    actions.confirm_restore = lambda candidate: True
    closed = []
    actions.restore_started.connect(lambda: closed.append(window.close()))

    actions.restore_action.trigger()
    _settle(qtbot, window)

    assert closed == [False] and window.isVisible()
    assert _patients(window) == ["Иванова Мария"]


def test_a_restore_missing_a_photo_warns_in_one_sentence_and_keeps_the_data_restored(
    qtbot, window: MainWindow, service: BackupService, tmp_path: Path, monkeypatch
) -> None:
    from datetime import UTC

    from mesodesk.domain.photos import PhotoKind, PhotoView
    from tests.photo_files import plain_png

    data = tmp_path / "own-data"
    monkeypatch.setenv("MESODESK_DATA_DIR", str(data))
    card = window.services.patients.save(PatientCard(last_name="Иванова", first_name="Мария"))
    visit = window.services.visits.start_visit(
        card.id, datetime(2026, 3, 2, 9, tzinfo=UTC), "Dr Smirnova"
    )
    assert visit.id is not None
    (photo,) = window.services.photos.add(
        visit.id, PhotoKind.BEFORE, PhotoView.FRONT, [plain_png(tmp_path / "scan.png")]
    )
    made = service.backup_now()
    name = photo.file_name
    (made.path.parent / "photos" / name[:2] / name).unlink()
    (data / "photos" / name[:2] / name).unlink()
    actions = _backups(window)
    actions.choose_backup_file = lambda: made.path
    actions.confirm_restore = lambda candidate: True

    actions.restore_action.trigger()
    _settle(qtbot, window)

    kind, text = _notice(window)
    assert kind == "warning" and text.startswith(f"Restored the backup {made.path.name}.")
    assert "1 photo of the restored records was not found" in text
    assert _patients(window) == ["Иванова Мария"]
    assert [p.file_name for p in window.services.photos.for_visit(visit.id)] == [name]
