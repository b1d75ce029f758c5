"""The window's backups: *Back up now*, *Restore from backup…*, *Backup settings…*, the last
backup's time in the status bar, and the automatic backup (at start, then whenever a day has
passed).

Thin over `BackupService`: every backup, check and restore runs on the task runner, never on
the GUI thread, and reports back here, its progress shown in place of the last backup's time
with a Cancel button (and Esc for a restore, which the user waits for). A restore asks first
whether nothing typed is left unsaved (the guard it is given), then for confirmation: it
replaces every record.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QStackedWidget, QWidget

from mesodesk.domain.progress import Cancelled, Progress
from mesodesk.ui.backup_settings_dialog import BackupSettingsDialog
from mesodesk.ui.state.notices import Notices
from mesodesk.ui.task_progress import TaskProgress
from mesodesk.ui.text import core_message, show_date, show_time
from mesodesk.ui.workers import TaskRunner

if TYPE_CHECKING:
    from mesodesk.services.backup import (
        BackupMade,
        BackupService,
        BackupStatus,
        RestoreCandidate,
        RestoreDone,
    )

CHECK_EVERY_MS = 60 * 60 * 1000
"""A window left open for days still makes its daily backup: it looks once an hour."""
LABEL_STYLE = """
QLabel#backupLabel { color: #475467; }
QLabel#backupLabel[problem="true"] { color: #b42318; font-weight: 600; }
"""

Outcome: TypeAlias = "tuple[BackupMade | None, str | None, BackupStatus, bool]"
"""What a backup task reports: the backup made (None if none was due or it was cancelled), why
it failed, the backups folder's status after it, and whether the user cancelled it."""


class BackupLabel(QLabel):
    """The last backup's time, in the status bar; as wide as its longest text, so a change
    of text never moves what stands beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupLabel")
        self.setStyleSheet(LABEL_STYLE)
        sample = datetime(2026, 12, 30, 23, 59)
        texts = [
            self.last_text(sample),
            self.tr("No backup yet"),
            self.tr("Backing up…"),
            self.tr("Checking the backup…"),
            self.tr("Restoring…"),
            self.tr("Backup failed"),
        ]
        metrics = self.fontMetrics()
        self.setContentsMargins(14, 0, 4, 0)
        self.setFixedWidth(max(metrics.horizontalAdvance(text) for text in texts) + 24)

    def last_text(self, moment: datetime) -> str:
        return self.tr("Last backup: {date} {time}").format(
            date=show_date(moment.date()), time=show_time(moment)
        )

    def show_text(self, text: str, problem: bool = False, tip: str = "") -> None:
        self.setText(text)
        self.setToolTip(tip)
        if self.property("problem") != problem:
            self.setProperty("problem", problem)
            self.style().unpolish(self)
            self.style().polish(self)


class BackupActions(QObject):
    """The backup actions and label of a window, built with the services and the guard they
    need, not with the window. `restore_started`/`restore_ended` bracket a restore (the window
    takes its forms out of reach meanwhile); `restored` says the data were replaced."""

    restore_started = Signal()
    restore_ended = Signal()
    restored = Signal(object)  # RestoreDone

    def __init__(
        self,
        service: BackupService,
        runner: TaskRunner,
        notices: Notices,
        may_replace_data: Callable[[], bool],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._settings = service.settings
        self._runner = runner
        self._notices = notices
        self._may_replace_data = may_replace_data
        self._parent = parent
        self._busy = False
        self.status: BackupStatus | None = None
        self.failure: str | None = None
        self.label = BackupLabel(parent)
        self.progress = TaskProgress(parent, parent)
        self.status_widget = QStackedWidget(parent)
        self.status_widget.addWidget(self.label)
        self.status_widget.addWidget(self.progress)
        width = max(self.label.width(), self.progress.sizeHint().width())
        self.label.setFixedWidth(width)  # the bar takes its place: nothing beside it moves
        self.status_widget.setFixedWidth(width)
        self.last_action = QAction(parent)
        self.last_action.setEnabled(False)  # says when; the status bar shows the same
        self._show(self.tr("Last backup: …"))
        self.backup_action = QAction(self.tr("&Back up now"), parent)
        self.backup_action.setShortcut(QKeySequence("Ctrl+Alt+B"))
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(self.tr("R&estore from backup…"), parent)
        self.restore_action.triggered.connect(self.restore_from_file)
        self.settings_action = QAction(self.tr("Backup se&ttings…"), parent)
        self.settings_action.triggered.connect(self.edit_settings)
        self.settings_action.setEnabled(self._settings is not None)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.back_up_if_due)
        self.refresh()

    @property
    def actions(self) -> list[QAction]:
        return [self.backup_action, self.restore_action, self.settings_action]

    @property
    def menu_actions(self) -> list[QAction]:
        """The actions, then the last backup's time, for the File menu."""
        return [*self.actions, self.last_action]

    @property
    def busy(self) -> bool:
        return self._busy

    def refresh(self) -> None:
        """Read the backups folder again (off the GUI thread) and show the newest's time."""
        self._runner.submit(
            self._service.status, self._show_status, lambda _exc: None, kind="backup-status"
        )

    # --- backups -----------------------------------------------------------------------------

    def start_automatic(self) -> None:
        """The automatic backup: now if none was made today, then looked at once an hour."""
        self.back_up_if_due()
        self._timer.start()

    def back_up_if_due(self) -> None:
        self._back_up(self._service.backup_if_due, automatic=True)

    def back_up_now(self) -> None:
        self._back_up(self._service.backup_now, automatic=False)

    def _back_up(self, work: Callable[[Progress], BackupMade | None], automatic: bool) -> None:
        if self._busy:
            return
        self._set_busy(True, self.tr("Backing up…"))
        progress = self._follow(self.tr("Backing up…"))
        service = self._service

        def task() -> Outcome:
            cancelled = False
            try:
                made, failure = work(progress), None
            except Cancelled:
                made, failure, cancelled = None, None, True
            except Exception as exc:  # told to the user with the status after it
                made, failure = None, core_message(str(exc))
            return made, failure, service.status(), cancelled

        self._runner.submit(
            task,
            lambda outcome: self._backed_up(outcome, automatic),
            self._unexpected,
        )

    def _backed_up(self, outcome: Outcome, automatic: bool) -> None:
        made, failure, status, cancelled = outcome
        self._set_busy(False)
        self.failure = failure
        self._show_status(status)
        retry = (self.tr("Back up now"), self.back_up_now)
        if cancelled:
            self._notices.info(self.tr("Backup cancelled; no backup was made."), retry)
        elif failure is not None:
            last = (
                " "
                + self.tr("The last backup was made on {date}.").format(
                    date=show_date(status.newest.date())
                )
                if status.newest is not None
                else ""
            )
            what = (
                self.tr("The automatic backup failed:")
                if automatic
                else self.tr("The backup failed:")
            )
            self._notices.warning(f"{what} {failure}{last}", retry)
        elif made is not None and made.copy_problem:
            self._notices.warning(made.copy_problem, retry)
        elif made is not None and made.photos is not None and made.photos.problem:
            self._notices.warning(made.photos.problem, retry)
        elif status.stale:
            self._notices.warning(self._stale_text(status), retry)
        elif made is not None and not automatic:
            self._notices.success(
                self.tr("Backup made: {name} in {folder}.").format(
                    name=made.path.name, folder=made.path.parent
                )
            )

    def _stale_text(self, status: BackupStatus) -> str:
        if status.newest is None:
            return self.tr("No backup of this database has been made yet.")
        return self.tr(
            "The last backup was made on {date}, more than a week ago. Back up now."
        ).format(date=show_date(status.newest.date()))

    def _show_status(self, status: BackupStatus) -> None:
        self.status = status
        if self._busy:
            return
        tip = self.tr("Backups are kept in {folder}").format(folder=status.folder)
        if self.failure is not None:
            self._show(self.tr("Backup failed"), True, f"{self.failure}\n{tip}")
        elif status.newest is None:
            self._show(self.tr("No backup yet"), True, tip)
        else:
            self._show(self.label.last_text(status.newest), status.stale, tip)

    def _show(self, text: str, problem: bool = False, tip: str = "") -> None:
        self.label.show_text(text, problem, tip)
        self.last_action.setText(text)

    def _unexpected(self, exc: Exception) -> None:
        self._set_busy(False)
        self._notices.error(core_message(str(exc)))

    # --- restores ----------------------------------------------------------------------------

    def restore_from_file(self) -> None:
        """Check typing is saved, ask for the file, check it off the GUI thread, confirm."""
        if self._busy or not self._may_replace_data():
            return
        path = self.choose_backup_file()
        if path is None:
            return
        if self._busy:  # the hourly backup began while the questions were open
            self._notices.info(self.tr("A backup is under way; restore when it has finished."))
            return
        self._set_busy(True, self.tr("Checking the backup…"))
        progress = self._follow(self.tr("Checking the backup…"), escape=True)
        service = self._service
        self._runner.submit(
            lambda: service.check_restore(path, progress), self._checked, self._refused
        )

    def choose_backup_file(self) -> Path | None:
        """Ask which backup to restore; the one file question here, replaced in tests."""
        name, _ = QFileDialog.getOpenFileName(
            self._parent,
            self.tr("Restore from backup"),
            str(self._service.folder),
            self.tr("MesoDesk backups (*.sqlite3 *.pgdump);;All files (*)"),
        )
        return Path(name) if name else None

    def confirm_restore(self, candidate: RestoreCandidate) -> bool:
        """The user must decide: a modal question, replaced in tests."""
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Restore from backup"))
        box.setText(
            self.tr("Replace all the data in this database by the backup {name}?").format(
                name=candidate.path.name
            )
        )
        box.setInformativeText(self._describe(candidate))
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is restore

    def _describe(self, candidate: RestoreCandidate) -> str:
        parts = []
        if candidate.made_at is not None:
            parts.append(
                self.tr("The backup was made on {date} at {time}.").format(
                    date=show_date(candidate.made_at.date()),
                    time=show_time(candidate.made_at),
                )
            )
        if candidate.patients is not None:
            parts.append(self.tr("It holds %n patient card(s).", "", candidate.patients))
        parts.append(
            self.tr(
                "Everything entered after it was made is replaced. The database as it is now "
                "is first kept as a backup in {folder}."
            ).format(folder=self._service.folder)
        )
        return " ".join(parts)

    def _checked(self, candidate: RestoreCandidate) -> None:
        """Still busy while the user decides, so the hourly backup waits its turn."""
        self._stop_following()
        if not self.confirm_restore(candidate) or not self._may_replace_data():
            self._set_busy(False)
            return
        self._set_busy(True, self.tr("Restoring…"))
        progress = self._follow(self.tr("Restoring…"), escape=True)
        self.restore_started.emit()
        service = self._service
        self._runner.submit(
            lambda: (service.restore(candidate.path, progress=progress), service.status()),
            self._restored,
            self._restore_failed,
        )

    def _restored(self, outcome: tuple[RestoreDone, BackupStatus]) -> None:
        done, status = outcome
        self._set_busy(False)
        self.failure = None
        self._show_status(status)
        self.restore_ended.emit()
        self.restored.emit(done)
        message = self.tr("Restored the backup {name}.").format(name=done.restored.path.name)
        if done.kept_copy is not None:
            message += " " + self.tr("The data as they were are kept as {copy}.").format(
                copy=done.kept_copy.name
            )
        if done.photos.problem is not None:
            self._notices.warning(f"{message} {done.photos.problem}")
        else:
            self._notices.success(message)

    def _refused(self, exc: Exception) -> None:
        self._set_busy(False)
        self._say_failed(exc)

    def _restore_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.restore_ended.emit()
        self.refresh()
        self._say_failed(exc)

    def _say_failed(self, exc: Exception) -> None:
        if isinstance(exc, Cancelled):
            self._notices.info(self.tr("Restore cancelled; nothing was changed."))
        else:
            self._notices.error(core_message(str(exc)))

    # --- settings ----------------------------------------------------------------------------

    def edit_settings(self) -> BackupSettingsDialog | None:
        """How many backups to keep and the folder they are also copied to (window-modal)."""
        if self._settings is None:
            return None
        dialog = BackupSettingsDialog(self._settings, self._service.folder, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._notices.success(self.tr("Backup settings saved.")))
        dialog.open()
        return dialog

    def _follow(self, words: str, escape: bool = False) -> Progress:
        """The bar with Cancel in place of the label, for the task about to start."""
        progress = self.progress.start(words, escape=escape)
        self.status_widget.setCurrentWidget(self.progress)
        return progress

    def _stop_following(self) -> None:
        self.progress.finish()
        self.status_widget.setCurrentWidget(self.label)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        if not busy:
            self._stop_following()
        self._busy = busy
        for action in self.actions:
            usable = action is not self.settings_action or self._settings is not None
            action.setEnabled(not busy and usable)
        if busy:
            self._show(text)
        elif self.status is not None:
            self._show_status(self.status)
