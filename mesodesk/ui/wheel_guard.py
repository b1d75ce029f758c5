"""Fields that the mouse wheel never changes unless the user is working in them.

Qt lets the wheel change a combo box, spin box or date field under the pointer even without
focus, so scrolling a long form silently changed lots and volumes. These subclasses take focus
only by click or Tab, and pass the wheel over an unfocused field on to the page around it,
which scrolls. Every such field in MesoDesk is one of these (a test walks the screens for it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QSpinBox,
    QTimeEdit,
    QWidget,
)


class WheelGuarded:
    """Mixed in before the Qt class: focus by click or Tab only, the wheel only with focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # type: ignore[call-arg]
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()  # the parent (the scrolling page) gets it


class ComboBox(WheelGuarded, QComboBox):
    pass


class SpinBox(WheelGuarded, QSpinBox):
    pass


class DoubleSpinBox(WheelGuarded, QDoubleSpinBox):
    pass


class DateEdit(WheelGuarded, QDateEdit):
    pass


class DateTimeEdit(WheelGuarded, QDateTimeEdit):
    pass


class TimeEdit(WheelGuarded, QTimeEdit):
    pass
