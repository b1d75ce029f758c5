"""Small shared widgets: the inline banner and the patient header."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.patient import PatientCard, age_on
from mesodesk.ui.elided import ElidedLabel
from mesodesk.ui.text import show_date, vocab, years


class Banner(QFrame):
    """An inline message above the pane (info, warning or error) with an optional action.

    Used instead of a modal dialog wherever the user need not decide anything.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(self)
        self.close_button = QPushButton(self.tr("Dismiss"), self)
        self.close_button.setFlat(True)
        self.close_button.clicked.connect(self.hide)
        self.action.clicked.connect(self._run_action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self._callback: Callable[[], None] | None = None
        self.hide()

    def show_message(
        self,
        message: str,
        kind: str = "info",
        action: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText(message)
        self._callback = action[1] if action else None
        self.action.setVisible(action is not None)
        if action:
            self.action.setText(action[0])
        self.show()

    def _run_action(self) -> None:
        callback, self._callback = self._callback, None
        self.hide()
        if callback:
            callback()


class PatientHeader(QFrame):
    """Who is open, always in sight: name, age, sex, birth date; in red, the allergies, the
    flagged medications and the absolute contraindications.

    Every line is a single line cut to the width with the whole in its tooltip, so the header
    keeps its height whatever it shows and the panes below never move.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientHeader")
        self.name = ElidedLabel(parent=self)
        self.name.setObjectName("patientName")
        self.details = ElidedLabel(parent=self)
        self.details.setObjectName("patientDetails")
        self.alerts = ElidedLabel(parent=self)
        self.alerts.setObjectName("patientAlerts")
        self.alerts.setAccessibleName(self.tr("Safety alerts"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(2)
        layout.addWidget(self.name)
        layout.addWidget(self.details)
        layout.addWidget(self.alerts)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_card(self, card: PatientCard | None, today: date | None = None) -> None:
        if card is None:
            self.name.setText(self.tr("No patient open"))
            self.details.setText(self.tr("Choose a patient on the left, or press Ctrl+N."))
            self.show_alerts([])
            return
        if card.id is None and not card.full_name:
            self.name.setText(self.tr("New patient"))
        else:
            self.name.setText(card.full_name or self.tr("New patient"))
        parts = []
        age = age_on(card.birth_date, today or date.today())
        if age is not None:
            parts.append(years(age))
            parts.append(self.tr("born {date}").format(date=show_date(card.birth_date)))
        parts.append(vocab(card.sex))
        if card.skin_type:
            parts.append(self.tr("{skin} skin").format(skin=vocab(card.skin_type).lower()))
        if card.archived:
            parts.append(self.tr("ARCHIVED"))
        self.details.setText("  ·  ".join(parts))

    def show_alerts(self, alerts: list[str]) -> None:
        """The red line: every alert, cut to the width; the tooltip lists them one a line."""
        self.alerts.setText("  ·  ".join(alerts), "\n".join(alerts))
