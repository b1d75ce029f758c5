"""The card's button row, which becomes the likely-duplicate warning when Save finds one.

A second card for someone already in the list splits their history and their allergies, so a
new card, or one whose name, birth date or phone changed, is compared with the stored patients
before it is saved. A match replaces Revert and Save with what was found and the two ways on:
*Open that patient* or *Save anyway*. Not a modal dialog, and not a banner that pushes the
form: the row keeps its place and its height, so nothing moves under the pointer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.patient import (
    DuplicateReason,
    PatientCard,
    PatientRow,
    duplicate_reasons,
    identity,
    validate,
)
from mesodesk.services.errors import ServiceError
from mesodesk.ui.elided import ElidedLabel
from mesodesk.ui.patient_form import PatientForm
from mesodesk.ui.text import show_date

FindDuplicates = Callable[[PatientCard], list[PatientRow]]
Identity = tuple[int | None, tuple[str, date | None, str]]

WARNING_STYLE = (
    "QFrame#duplicateWarning { background: #fffaeb; border: 1px solid #fedf89;"
    " border-radius: 6px; } QFrame#duplicateWarning QLabel { color: #93370d; }"
)


class DuplicateCheck(QStackedWidget):
    """Revert and Save, or in their place the likely duplicate with its two actions.

    `clears(card)` is asked by the window's save: True when the card may be saved now. The
    window connects `save_anyway` to its save and `open_patient` to opening a patient through
    its unsaved-changes guard.
    """

    save_anyway = Signal()
    open_patient = Signal(int)

    def __init__(
        self,
        buttons: list[QPushButton],
        form: PatientForm,
        find: FindDuplicates,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cardActions")
        self._form = form
        self._find = find
        self._found: list[PatientRow] = []
        self._accepted: Identity | None = None
        self._typed: PatientCard | None = None

        self.button_row = QWidget(self)
        row = QHBoxLayout(self.button_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)

        self.warning = QFrame(self)
        self.warning.setObjectName("duplicateWarning")
        self.warning.setStyleSheet(WARNING_STYLE)
        self.headline = ElidedLabel(parent=self.warning)
        self.headline.setObjectName("duplicateHeadline")
        self.headline.setStyleSheet("font-weight: 600;")
        self.details = ElidedLabel(parent=self.warning)
        self.details.setObjectName("duplicateDetails")
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.headline)
        text.addWidget(self.details)
        self.open_button = QPushButton(self.tr("&Open that patient"), self.warning)
        self.save_anyway_button = QPushButton(self.tr("Save &anyway"), self.warning)
        self.keep_editing_button = QPushButton(self.tr("&Keep editing"), self.warning)
        self.keep_editing_button.setFlat(True)
        warning = QHBoxLayout(self.warning)
        warning.setContentsMargins(10, 4, 6, 4)
        warning.addLayout(text, 1)
        warning.addWidget(self.open_button)
        warning.addWidget(self.save_anyway_button)
        warning.addWidget(self.keep_editing_button)

        self.addWidget(self.button_row)
        self.addWidget(self.warning)
        pages = (self.button_row, self.warning)
        self.setFixedHeight(max(page.sizeHint().height() for page in pages))

        self.open_button.clicked.connect(self._open_other)
        self.save_anyway_button.clicked.connect(self._save_anyway)
        self.keep_editing_button.clicked.connect(self._keep_editing)
        form.edited.connect(self._form_edited)

    # --- asked by the window's save ---------------------------------------------------------

    def clears(self, card: PatientCard) -> bool:
        """Whether `card` may be saved now; if not, the warning is showing in the row.

        Only a card that would save and whose identity is new or changed is compared: an
        invalid card goes on to the save, which puts its messages beside the fields.
        """
        key = self._identity(card)
        loaded = self._form.loaded_card()
        if key == self._accepted:
            return True
        if card.id is not None and identity(card) == identity(loaded):
            return True
        if validate(card, date.today()):
            return True
        try:
            found = self._find(card)
        except ServiceError:
            return True  # the save reports what is wrong with the database
        if not found:
            return True
        self._show(card, found)
        return False

    def is_warning(self) -> bool:
        return self.currentWidget() is self.warning

    def found(self) -> list[PatientRow]:
        """The likely duplicates shown now, most likely first."""
        return list(self._found)

    # --- the warning ------------------------------------------------------------------------

    def message(self) -> str:
        """The warning as the row says it, in full (a narrow row cuts it with an ellipsis)."""
        return f"{self.headline.text()} {self.details.text()}"

    def _show(self, card: PatientCard, found: list[PatientRow]) -> None:
        self._typed = card
        self._found = found
        first = found[0]
        reasons = duplicate_reasons(card, first)
        if reasons == (DuplicateReason.PHONE,):
            headline = self.tr("Already in the list? The same phone:")
        elif DuplicateReason.PHONE in reasons:
            headline = self.tr("Already in the list? The same name, date of birth and phone:")
        else:
            headline = self.tr("Already in the list? The same name and date of birth:")
        details = self._describe(first)
        if len(found) > 1:
            details += " " + self.tr("(%n more alike)", "", len(found) - 1)
        self.headline.setText(headline)
        self.details.setText(details, "\n".join(self._describe(row) for row in found))
        self.setCurrentWidget(self.warning)
        self.open_button.setFocus()

    def _describe(self, row: PatientRow) -> str:
        details = [row.name]
        if row.birth_date is not None:
            details.append(self.tr("born {date}").format(date=show_date(row.birth_date)))
        if row.phone:
            details.append(row.phone)
        if row.archived:
            details.append(self.tr("archived"))
        return ", ".join(details)

    def _save_anyway(self) -> None:
        if self._typed is None:
            return
        self._accepted = self._identity(self._typed)
        self.save_anyway.emit()

    def _open_other(self) -> None:
        """Open the other patient; the window's guard asks what becomes of the typed card, and
        saving it there means saving it anyway."""
        if not self._found or self._typed is None:
            return
        other = self._found[0].id
        self._accepted = self._identity(self._typed)
        self.open_patient.emit(other)
        if self.is_warning():  # the guard kept the typed card open
            self._accepted = None

    def _keep_editing(self) -> None:
        self._back_to_buttons()
        self._form.last_name.setFocus()

    def _form_edited(self, _dirty: bool) -> None:
        """Any change to the card, or another card loaded, ends the warning."""
        if self.is_warning():
            self._back_to_buttons()
        loaded = self._form.loaded_card()
        if self._accepted is not None and self._accepted[0] != loaded.id:
            self._accepted = None

    def _back_to_buttons(self) -> None:
        self._found = []
        self._typed = None
        self.setCurrentWidget(self.button_row)

    def _identity(self, card: PatientCard) -> Identity:
        return card.id, identity(card)
