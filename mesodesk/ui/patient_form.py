"""The patient card form: identity, contact, skin; messages appear beside the field at fault."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import limits
from mesodesk.domain.patient import (
    PatientCard,
    age_on,
    parse_birth_date,
    validate,
)
from mesodesk.domain.vocabulary import Language, Sex, SkinType
from mesodesk.ui.text import core_message, show_date, vocab, years
from mesodesk.ui.wheel_guard import ComboBox


class PatientForm(QWidget):
    """Edits a `PatientCard`; `edited` fires whenever the shown card differs from the loaded one."""

    edited = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = PatientCard()
        self._errors: dict[str, QLabel] = {}

        self.last_name = self._line("lastName", limits.PERSON_NAME)
        self.first_name = self._line("firstName", limits.PERSON_NAME)
        self.middle_name = self._line("middleName", limits.PERSON_NAME)
        self.birth_date = self._line("birthDate", 10)
        self.birth_date.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.age = QLabel(self)
        self.age.setObjectName("mutedLabel")
        self.sex = self._combo("sex", [(vocab(s), s) for s in Sex])
        self.phone = self._line("phone", limits.PHONE)
        self.phone.setPlaceholderText("+7 900 000-00-00")
        self.email = self._line("email", limits.EMAIL)
        self.address = self._line("address", limits.ADDRESS)
        self.skin_type = self._combo("skinType", [("—", None)] + [(vocab(s), s) for s in SkinType])
        self.language = self._combo("language", [(vocab(lang), lang) for lang in Language])
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(self.tr("Practitioner's notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._changed)

        identity = self._group(
            self.tr("Identity"),
            [
                (self.tr("Last name *"), self.last_name, "last_name"),
                (self.tr("First name"), self.first_name, "first_name"),
                (self.tr("Middle name"), self.middle_name, "middle_name"),
                (self.tr("Date of birth"), self._with_age(), "birth_date"),
                (self.tr("Sex"), self.sex, "sex"),
            ],
        )
        contact = self._group(
            self.tr("Contact"),
            [
                (self.tr("Phone"), self.phone, "phone"),
                (self.tr("E-mail"), self.email, "email"),
                (self.tr("Address"), self.address, "address"),
                (self.tr("Documents in"), self.language, "language"),
            ],
        )
        skin = self._group(self.tr("Skin"), [(self.tr("Skin type"), self.skin_type, "skin_type")])
        notes_box = QGroupBox(self.tr("Notes"), self)
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        grid.addWidget(identity, 0, 0)
        grid.addWidget(contact, 0, 1)
        grid.addWidget(skin, 1, 0)
        grid.addWidget(notes_box, 1, 1, 2, 1)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.birth_date.textChanged.connect(self._update_age)
        for field, line in (
            ("last_name", self.last_name),
            ("first_name", self.first_name),
            ("middle_name", self.middle_name),
            ("birth_date", self.birth_date),
            ("phone", self.phone),
            ("email", self.email),
            ("address", self.address),
        ):
            line.textChanged.connect(lambda _text, field=field: self._recheck(field))
        self.sex.currentIndexChanged.connect(lambda _index: self._recheck("sex"))

    # --- reading and writing the card -------------------------------------------------------

    def load(self, card: PatientCard) -> None:
        self._loaded = card
        widgets = (self.last_name, self.first_name, self.middle_name, self.birth_date)
        for widget in (*widgets, self.phone, self.email, self.address, self.notes):
            widget.blockSignals(True)
        try:
            self.last_name.setText(card.last_name)
            self.first_name.setText(card.first_name)
            self.middle_name.setText(card.middle_name)
            self.birth_date.setText(show_date(card.birth_date))
            self.phone.setText(card.phone)
            self.email.setText(card.email)
            self.address.setText(card.address)
            self.notes.setPlainText(card.notes)
            _select(self.sex, card.sex)
            _select(self.skin_type, card.skin_type)
            _select(self.language, card.language)
        finally:
            for widget in (*widgets, self.phone, self.email, self.address, self.notes):
                widget.blockSignals(False)
        for label in self._errors.values():
            label.clear()
            label.hide()
        self._update_age()
        self.edited.emit(False)

    def loaded_card(self) -> PatientCard:
        return self._loaded

    def card(self) -> tuple[PatientCard, dict[str, str]]:
        """The card as typed, and the messages for fields that cannot even be read."""
        errors: dict[str, str] = {}
        try:
            birth = parse_birth_date(self.birth_date.text())
        except ValueError as exc:
            birth = self._loaded.birth_date
            errors["birth_date"] = core_message(str(exc))
        card = replace(
            self._loaded,
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            middle_name=self.middle_name.text(),
            birth_date=birth,
            sex=Sex(self.sex.currentData()),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.text(),
            skin_type=SkinType(self.skin_type.currentData())
            if self.skin_type.currentData()
            else None,
            language=Language(self.language.currentData()),
            notes=self.notes.toPlainText(),
        )
        return card, errors

    def is_dirty(self) -> bool:
        card, errors = self.card()
        return bool(errors) or not card.same_content(self._loaded)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field; the first field at fault gets the focus.

        A message's line stays (empty) once the message goes, until another card is loaded,
        so putting a field right never moves the fields below it.
        """
        first: QWidget | None = None
        for field, label in self._errors.items():
            message = errors.get(field, "")
            label.setText(core_message(message))
            if message:
                label.show()
            if message and first is None:
                first = label.buddy()
        if first is not None:
            first.setFocus()

    def errors_shown(self) -> dict[str, str]:
        """Field -> the message shown under it now."""
        return {
            field: label.text()
            for field, label in self._errors.items()
            if label.text() and not label.isHidden()
        }

    # --- building ---------------------------------------------------------------------------

    def _line(self, name: str, max_length: int) -> QLineEdit:
        widget = QLineEdit(self)
        widget.setObjectName(name)
        widget.setMaxLength(max_length)
        widget.textChanged.connect(self._changed)
        return widget

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        widget = ComboBox(self)
        widget.setObjectName(name)
        for text, value in items:
            widget.addItem(text, value)  # Qt keeps a StrEnum as its plain string value
        widget.currentIndexChanged.connect(self._changed)
        return widget

    def _with_age(self) -> QWidget:
        box = QWidget(self)
        row = QGridLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.birth_date, 0, 0)
        row.addWidget(self.age, 0, 1)
        row.setColumnStretch(0, 1)
        row.setColumnMinimumWidth(1, 90)
        box.setFocusProxy(self.birth_date)
        return box

    def _group(self, title: str, rows: list[tuple[str, QWidget, str]]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget, field in rows:
            error = QLabel(box)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            error.setBuddy(widget)
            (widget.focusProxy() or widget).setAccessibleName(text.rstrip(" *"))
            self._errors[field] = error
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(text, column)
        return box

    def _changed(self, *_args: object) -> None:
        self.edited.emit(self.is_dirty())

    def _recheck(self, field: str) -> None:
        """Check an edited field that shows a message: the message goes as soon as the field is
        right, or changes to the one that applies now. No message appears while typing; Save
        shows them. A message only the service can decide (the sex) goes on any change."""
        label = self._errors.get(field)
        if label is None or not label.text():
            return
        card, unreadable = self.card()
        errors = {**validate(card, date.today()), **unreadable}
        label.setText(core_message(errors.get(field, "")))

    def _update_age(self) -> None:
        try:
            birth = parse_birth_date(self.birth_date.text())
        except ValueError:
            birth = None
        age = age_on(birth, date.today())
        self.age.setText(years(age) if age is not None and age >= 0 else "")


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
