"""Tools > Clinic settings…: the letterhead (name, address, phone, logo), the defaults new
visits start from (currency, practitioner) and the clinic's working days and opening hours."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import limits
from mesodesk.domain.clinic import ClinicProfile, validate_profile
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.ui.field_error import with_error_line
from mesodesk.ui.language import choose_language, chosen_language
from mesodesk.ui.logo_preview import LogoPreview
from mesodesk.ui.text import core_message
from mesodesk.ui.wheel_guard import ComboBox, TimeEdit

if TYPE_CHECKING:
    from mesodesk.services.settings import ClinicSettingsService

FIELD_OF_ERROR = {"logo_png": "logo", "show_logo": "logo", "opens_at": "closes_at"}
"""Errors shown under another field's row than the one they are keyed by."""


class ClinicSettingsDialog(QDialog):
    """Edits the clinic profile; Save stores it for every workstation, Cancel keeps it.

    Two columns (letterhead; visits and opening hours) so it fits a 1280x800 screen. A
    message appears under the field at fault, in a line kept for it, so nothing moves; it goes
    as soon as the field is put right.
    """

    def __init__(self, settings: ClinicSettingsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._profile = settings.profile()
        self._logo = self._profile.logo_png
        self._errors: dict[str, QLabel] = {}
        self.setWindowTitle(self.tr("Clinic settings"))

        self.name = QLineEdit(self._profile.name, self)
        self.name.setPlaceholderText(self.tr("As printed on the letterhead"))
        self.address = QPlainTextEdit(self._profile.address, self)
        self.address.setFixedHeight(64)
        self.address.setTabChangesFocus(True)
        self.phone = QLineEdit(self._profile.phone, self)
        self.logo_preview = LogoPreview(self)
        self.choose_logo_button = QPushButton(self.tr("Choose PNG…"), self)
        self.remove_logo_button = QPushButton(self.tr("Remove"), self)
        self.show_logo = QCheckBox(self.tr("Print the logo on documents"), self)
        self.show_logo.setChecked(self._profile.show_logo)
        self.currency = QLineEdit(self._profile.currency, self)
        self.currency.setMaxLength(3)
        self.name.setMaxLength(limits.CLINIC_NAME)
        self.phone.setMaxLength(limits.CLINIC_PHONE)
        self.currency.setFixedWidth(70)
        self.practitioner = QLineEdit(self._profile.practitioner, self)
        self.practitioner.setMaxLength(limits.PRACTITIONER)
        self.practitioner.setPlaceholderText(self.tr("Name printed on visit records"))
        day_names = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )  # Monday first, as the domain numbers the days (0 is Monday)
        self.working_days = [QCheckBox(name, self) for name in day_names]
        for day, box in enumerate(self.working_days):
            box.setChecked(day in self._profile.working_days)
        self.opens_at = self._time(self._profile.opens_at)
        self.closes_at = self._time(self._profile.closes_at)
        hours_hint = QLabel(
            self.tr(
                "Course visits are booked on working days only, within these hours, at the "
                "patient's usual time or else at opening."
            ),
            self,
        )
        hours_hint.setObjectName("mutedLabel")
        hours_hint.setWordWrap(True)
        self.language = ComboBox(self)
        self.language.addItem(self.tr("As the system"), "")
        self.language.addItem("English", "en")
        self.language.addItem("Русский", "ru")
        self.language.setCurrentIndex(max(0, self.language.findData(chosen_language() or "")))
        self.language.setAccessibleName(self.tr("Interface language"))
        language_hint = QLabel(
            self.tr(
                "Kept on this computer. MesoDesk shows the new language the next time it "
                "starts; nothing has to be reinstalled."
            ),
            self,
        )
        language_hint.setObjectName("mutedLabel")
        language_hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)

        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo = QHBoxLayout()
        logo.addWidget(self.logo_preview)
        logo.addLayout(logo_buttons)
        logo.addStretch(1)
        letterhead = QGroupBox(self.tr("Letterhead"), self)
        form = self._form(letterhead)
        form.addRow(self.tr("Clinic &name"), self.name)
        form.addRow(self.tr("&Address"), self.address)
        form.addRow(self.tr("&Phone"), self.phone)
        form.addRow(self.tr("Logo"), self._with_error("logo", logo))
        form.addRow("", self.show_logo)

        days = QHBoxLayout()
        days.setSpacing(10)
        for box in self.working_days:
            days.addWidget(box)
        days.addStretch(1)
        hours = QHBoxLayout()
        hours.addWidget(self.opens_at)
        hours.addWidget(QLabel(self.tr("to"), self))
        hours.addWidget(self.closes_at)
        hours.addStretch(1)
        visits = QGroupBox(self.tr("Visits"), self)
        visit_form = self._form(visits)
        currency_label = QLabel(self.tr("&Currency"), self)
        currency_label.setBuddy(self.currency)
        visit_form.addRow(currency_label, self._with_error("currency", self.currency))
        visit_form.addRow(self.tr("P&ractitioner"), self.practitioner)
        days_label = QLabel(self.tr("&Working days"), self)
        days_label.setBuddy(self.working_days[0])
        visit_form.addRow(days_label, self._with_error("working_days", days))
        hours_label = QLabel(self.tr("&Opening hours"), self)
        hours_label.setBuddy(self.opens_at)
        visit_form.addRow(hours_label, self._with_error("closes_at", hours))
        visit_form.addRow("", hours_hint)
        interface = QGroupBox(self.tr("Interface"), self)
        interface_form = self._form(interface)
        language_label = QLabel(self.tr("&Language"), self)
        language_label.setBuddy(self.language)
        interface_form.addRow(language_label, self.language)
        interface_form.addRow("", language_hint)
        right = QVBoxLayout()
        right.addWidget(visits)
        right.addWidget(interface)
        right.addStretch(1)

        save = QPushButton(self.tr("Save"), self)
        save.setObjectName("primary")
        save.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        columns = QHBoxLayout()
        columns.addWidget(letterhead, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.choose_logo_button.clicked.connect(self._choose_logo)
        self.remove_logo_button.clicked.connect(lambda: self._set_logo(None))
        save.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.currency.textChanged.connect(self._recheck)
        self.show_logo.toggled.connect(self._recheck)
        for box in self.working_days:
            box.toggled.connect(self._recheck)
        self.opens_at.timeChanged.connect(self._recheck)
        self.closes_at.timeChanged.connect(self._recheck)
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
            working_days=frozenset(
                day for day, box in enumerate(self.working_days) if box.isChecked()
            ),
            opens_at=_time(self.opens_at.time()),
            closes_at=_time(self.closes_at.time()),
        )

    def save(self) -> None:
        try:
            self._settings.save_profile(self.profile())
        except ValidationFailed as exc:
            self.show_errors(exc.errors)
            return
        except ServiceError as exc:
            self.show_errors({})
            self._show_error(core_message(str(exc)))
            return
        choose_language(self.language.currentData() or None)
        self.accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field; one without a field goes beside the buttons."""
        shown: dict[str, list[str]] = {}
        rest: list[str] = []
        for key, message in errors.items():
            field = FIELD_OF_ERROR.get(key, key)
            (shown.setdefault(field, []) if field in self._errors else rest).append(
                core_message(message)
            )
        for field, label in self._errors.items():
            label.setText(" ".join(shown.get(field, [])))
        self._show_error("\n".join(rest))

    def errors_shown(self) -> dict[str, str]:
        """Field -> the message shown under it now."""
        return {field: label.text() for field, label in self._errors.items() if label.text()}

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
        self.logo_preview.show_logo(content)

    def _show_error(self, text: str) -> None:
        """A message about no one field (a file that cannot be read, a clash) beside the
        buttons, in a place kept for it."""
        self.error.setText(text)

    def _recheck(self) -> None:
        """Drop or update a shown message as soon as its field changes; add none while typing."""
        if not self.errors_shown():
            return
        now = validate_profile(self.profile())
        self.show_errors(
            {
                key: message
                for key, message in now.items()
                if FIELD_OF_ERROR.get(key, key) in self.errors_shown()
            }
        )

    def _time(self, value: time) -> QTimeEdit:
        edit = TimeEdit(self)
        edit.setTime(QTime(value.hour, value.minute))
        edit.setDisplayFormat("HH:mm")
        return edit

    def _form(self, box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _with_error(self, field: str, content: QWidget | QLayout) -> QVBoxLayout:
        column, self._errors[field] = with_error_line(self, content)
        return column


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())
