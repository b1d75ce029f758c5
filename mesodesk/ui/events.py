"""One place for "a patient's records changed" so panes refresh without knowing each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class RecordEvents(QObject):
    """Emits `changed(patient_id)` after courses, visits or other records of a patient change."""

    changed = Signal(int)


def record_events(window: QWidget) -> RecordEvents:
    """The window's RecordEvents, created and cached on the window on first use."""
    events = getattr(window, "record_events", None)
    if not isinstance(events, RecordEvents):
        events = RecordEvents(window)
        window.record_events = events  # type: ignore[attr-defined]
    return events
