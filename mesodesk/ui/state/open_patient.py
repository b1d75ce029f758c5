"""The patient open in the window, and word that their records changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from mesodesk.domain.patient import PatientCard


class OpenPatient(QObject):
    """Which patient the panes show. `opened` fires with the card (or None) when another
    patient is opened or the card is saved; `records_changed` fires with the patient's id
    after their visits, courses or anamnesis changed, so lists and headers refresh."""

    opened = Signal(object)  # PatientCard | None
    records_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._card: PatientCard | None = None

    @property
    def card(self) -> PatientCard | None:
        return self._card

    @property
    def patient_id(self) -> int | None:
        return self._card.id if self._card is not None else None

    def open(self, card: PatientCard | None) -> None:
        self._card = card
        self.opened.emit(card)

    def changed(self, patient_id: int | None = None) -> None:
        """Tell every pane the patient's records changed (the open one unless named)."""
        target = patient_id if patient_id is not None else self.patient_id
        if target is not None:
            self.records_changed.emit(target)
