"""The patient's photo consent on the card: what was agreed and on which day.

Saved on its own (one service call), apart from the card's other fields: consent is a signed
paper the practitioner records when it is given, not an edit of the card.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from mesodesk.domain.patient import PatientCard
from mesodesk.domain.photos import PhotoConsent, PhotoConsentRecord
from mesodesk.services.errors import ServiceError
from mesodesk.services.photos import PhotoService
from mesodesk.ui.photos.labels import consent_label
from mesodesk.ui.state.notices import Notices
from mesodesk.ui.state.open_patient import OpenPatient
from mesodesk.ui.text import date_format
from mesodesk.ui.wheel_guard import ComboBox, DateEdit
from mesodesk.ui.workers import TaskRunner


class PhotoConsentBox(QGroupBox):
    saved = Signal(object)  # PhotoConsentRecord | None
    loaded = Signal(object)  # PhotoConsentRecord | None

    def __init__(
        self,
        patient: OpenPatient,
        photos: PhotoService,
        runner: TaskRunner,
        notices: Notices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Photo consent"), parent)
        self.setObjectName("photoConsent")
        self._patient = patient
        self._photos = photos
        self._runner = runner
        self._notices = notices
        self.level = ComboBox(self)
        self.level.addItem(consent_label(None), None)
        for level in PhotoConsent:
            self.level.addItem(consent_label(level), level)
        self.given_on = DateEdit(self)
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat(date_format())
        self.given_on.setDate(QDate.currentDate())
        self.given_on.setMaximumDate(QDate.currentDate())
        self.save_button = QPushButton(self.tr("Save consent"), self)
        self.save_button.clicked.connect(self.save)
        self.level.currentIndexChanged.connect(self._level_changed)
        layout = QHBoxLayout(self)
        layout.addWidget(self.level, 1)
        layout.addWidget(QLabel(self.tr("given on"), self))
        layout.addWidget(self.given_on)
        layout.addWidget(self.save_button)
        patient.opened.connect(self._opened)
        self._opened(patient.card)

    def _opened(self, card: PatientCard | None) -> None:
        self.setEnabled(card is not None and card.id is not None)
        self._show(None)
        if card is None or card.id is None:
            return
        patient_id = card.id
        self._runner.submit(
            lambda: self._photos.consent(patient_id), self._loaded, self._failed, "photo-consent"
        )

    def _loaded(self, record: PhotoConsentRecord | None) -> None:
        self._show(record)
        self.loaded.emit(record)

    def _show(self, record: PhotoConsentRecord | None) -> None:
        self.level.setCurrentIndex(self.level.findData(record.level) if record else 0)
        if record is not None:
            day = record.given_on
            self.given_on.setDate(QDate(day.year, day.month, day.day))
        self._level_changed()

    def _level_changed(self) -> None:
        self.given_on.setEnabled(self.level.currentData() is not None)

    def save(self) -> None:
        patient_id = self._patient.patient_id
        if patient_id is None:
            return
        data = self.level.currentData()
        level = PhotoConsent(data) if data is not None else None
        given: date | None = self.given_on.date().toPython() if level else None  # type: ignore[assignment]
        self._runner.submit(
            lambda: self._photos.set_consent(patient_id, level, given), self._saved, self._failed
        )

    def _saved(self, record: PhotoConsentRecord | None) -> None:
        self._notices.success(self.tr("Photo consent saved."))
        self.saved.emit(record)

    def _failed(self, error: Exception) -> None:
        message = str(error) if isinstance(error, ServiceError) else ""
        self._notices.error(message or self.tr("The photo consent could not be saved."))
