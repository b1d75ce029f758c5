"""Tools > Clinic settings…: the letterhead (name, address, phone, logo) and the defaults
new visits start from (currency, practitioner)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.clinic import ClinicProfile
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.services.settings import ClinicSettingsService

LOGO_PREVIEW = (220, 80)


class ClinicSettingsDialog(QDialog):
    """Edits the clinic profile; Save stores it for every workstation, Cancel keeps it."""

    def __init__(self, settings: ClinicSettingsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._profile = settings.profile()
        self._logo = self._profile.logo_png
        self.setWindowTitle(self.tr("Clinic settings"))
        self.setMinimumWidth(520)

        self.name = QLineEdit(self._profile.name, self)
        self.name.setPlaceholderText(self.tr("As printed on the letterhead"))
        self.address = QPlainTextEdit(self._profile.address, self)
        self.address.setFixedHeight(64)
        self.phone = QLineEdit(self._profile.phone, self)
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedSize(*LOGO_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px dashed #cfd4dc; color: #667085;")
        self.choose_logo_button = QPushButton(self.tr("Choose PNG…"), self)
        self.remove_logo_button = QPushButton(self.tr("Remove"), self)
        self.show_logo = QCheckBox(self.tr("Print the logo on documents"), self)
        self.show_logo.setChecked(self._profile.show_logo)
        self.currency = QLineEdit(self._profile.currency, self)
        self.currency.setMaxLength(3)
        self.currency.setFixedWidth(70)
        self.practitioner = QLineEdit(self._profile.practitioner, self)
        self.practitioner.setPlaceholderText(self.tr("Name printed on visit records"))
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()

        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo = QHBoxLayout()
        logo.addWidget(self.logo_preview)
        logo.addLayout(logo_buttons)
        logo.addStretch(1)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Clinic &name"), self.name)
        form.addRow(self.tr("&Address"), self.address)
        form.addRow(self.tr("&Phone"), self.phone)
        form.addRow(self.tr("Logo"), logo)
        form.addRow("", self.show_logo)
        form.addRow(self.tr("&Currency"), self.currency)
        form.addRow(self.tr("P&ractitioner"), self.practitioner)

        save = QPushButton(self.tr("Save"), self)
        save.setObjectName("primary")
        save.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.choose_logo_button.clicked.connect(self._choose_logo)
        self.remove_logo_button.clicked.connect(lambda: self._set_logo(None))
        save.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self._set_logo(self._logo)

    def choose_logo_file(self) -> Path | None:
        """Ask for the logo file; the one question here, replaced in tests."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the clinic logo"), "", self.tr("PNG images (*.png)")
        )
        return Path(path) if path else None

    def profile(self) -> ClinicProfile:
        return replace(
            self._profile,
            name=self.name.text(),
            address=self.address.toPlainText(),
            phone=self.phone.text(),
            logo_png=self._logo,
            show_logo=self.show_logo.isChecked(),
            currency=self.currency.text(),
            practitioner=self.practitioner.text(),
        )

    def save(self) -> None:
        try:
            self._settings.save_profile(self.profile())
        except ValidationFailed as exc:
            self._show_error("\n".join(exc.errors.values()))
            return
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        self.accept()

    def _choose_logo(self) -> None:
        path = self.choose_logo_file()
        if path is None:
            return
        try:
            content = path.read_bytes()
        except OSError as exc:
            self._show_error(
                self.tr("Cannot read {file}: {reason}.").format(file=path.name, reason=exc.strerror)
            )
            return
        self._set_logo(content)
        self.show_logo.setChecked(True)

    def _set_logo(self, content: bytes | None) -> None:
        self._logo = content
        self.remove_logo_button.setEnabled(content is not None)
        self.show_logo.setEnabled(content is not None)
        if content is None:
            self.show_logo.setChecked(False)
            self.logo_preview.setText(self.tr("No logo"))
            return
        pixmap = QPixmap()
        if pixmap.loadFromData(content, "PNG"):
            ratio = self.devicePixelRatioF()  # as many pixels as the screen has: sharp at 200 %
            preview = pixmap.scaled(
                round(LOGO_PREVIEW[0] * ratio),
                round(LOGO_PREVIEW[1] * ratio),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            preview.setDevicePixelRatio(ratio)
            self.logo_preview.setPixmap(preview)
        else:
            self.logo_preview.setText(self.tr("Not a PNG image"))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
