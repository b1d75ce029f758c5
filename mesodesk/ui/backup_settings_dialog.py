"""File > Backup settings…: how many backups are kept, and a folder (a USB disk, a network
share) each backup is also copied to."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.backups import KEEP_MAX, KEEP_MIN, BackupPolicy
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.ui.field_error import with_error_line
from mesodesk.ui.text import core_message
from mesodesk.ui.wheel_guard import SpinBox

if TYPE_CHECKING:
    from mesodesk.services.backup import BackupSettingsService


class BackupSettingsDialog(QDialog):
    """Edits the backup policy; Save stores it with the clinic settings, Cancel keeps it.

    A message appears under the field at fault, in a line kept for it, so nothing moves.
    """

    def __init__(
        self, settings: BackupSettingsService, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._policy = settings.policy()
        self._errors: dict[str, QLabel] = {}
        self.setWindowTitle(self.tr("Backup settings"))

        where = QLabel(
            self.tr(
                "MesoDesk backs the database up by itself when it starts (at most once a day) "
                "and before every upgrade, into {folder}."
            ).format(folder=folder),
            self,
        )
        where.setWordWrap(True)
        where.setObjectName("mutedLabel")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep = SpinBox(self)
        self.keep.setRange(KEEP_MIN, KEEP_MAX)
        self.keep.setValue(self._policy.keep)
        self.keep.setSuffix(self.tr(" newest backups"))
        self.keep.setMaximumWidth(self.keep.sizeHint().width() + 24)
        self.copy_folder = QLineEdit(self._policy.copy_folder, self)
        self.copy_folder.setPlaceholderText(self.tr("No second copy"))
        self.copy_folder.setMinimumWidth(360)
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.clear_button = QPushButton(self.tr("No copy"), self)
        copy_hint = QLabel(
            self.tr(
                "A USB disk or a network share. If it is not there when a backup is made, the "
                "window says so; the backup itself is still made."
            ),
            self,
        )
        copy_hint.setWordWrap(True)
        copy_hint.setObjectName("mutedLabel")
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.copy_folder, 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.clear_button)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        keep_label = QLabel(self.tr("&Keep"), self)
        keep_label.setBuddy(self.keep)
        form.addRow(keep_label, self._with_error("keep", self.keep))
        copy_label = QLabel(self.tr("Also &copy to"), self)
        copy_label.setBuddy(self.copy_folder)
        form.addRow(copy_label, self._with_error("copy_folder", folder_row))
        form.addRow("", copy_hint)

        save = QPushButton(self.tr("Save"), self)
        save.setObjectName("primary")
        save.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self._choose)
        self.clear_button.clicked.connect(self.copy_folder.clear)
        self.copy_folder.textEdited.connect(lambda _text: self._clear_error("copy_folder"))
        self.keep.valueChanged.connect(lambda _value: self._clear_error("keep"))
        save.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)

    def choose_folder(self) -> str | None:
        """Ask for the folder; the one question here, replaced in tests."""
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for copies of the backups"), self.copy_folder.text()
        )
        return chosen or None

    def policy(self) -> BackupPolicy:
        return replace(self._policy, keep=self.keep.value(), copy_folder=self.copy_folder.text())

    def save(self) -> None:
        try:
            self._settings.save_policy(self.policy())
        except ValidationFailed as exc:
            for field, label in self._errors.items():
                label.setText(core_message(exc.errors.get(field, "")))
            return
        except ServiceError as exc:
            self.error.setText(core_message(str(exc)))
            return
        self.accept()

    def errors_shown(self) -> dict[str, str]:
        return {field: label.text() for field, label in self._errors.items() if label.text()}

    def _choose(self) -> None:
        chosen = self.choose_folder()
        if chosen is not None:
            self.copy_folder.setText(chosen)
            self._clear_error("copy_folder")

    def _clear_error(self, field: str) -> None:
        self._errors[field].setText("")

    def _with_error(self, field: str, content: QWidget | QHBoxLayout) -> QVBoxLayout:
        column, self._errors[field] = with_error_line(self, content)
        return column
