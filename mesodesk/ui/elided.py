"""A one-line label that shortens its text with "…" to the room it has and never widens or
heightens the layout; the whole text is in its tooltip and its accessible name.

Used wherever the layout must not move when the text changes: the patient header, the safety
strip, the action bar, the notice line.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._tooltip = ""
        self._cut_to = -1
        self.setWordWrap(False)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str, tooltip: str | None = None) -> None:
        """Show `text` cut to the width; `tooltip` (the text itself by default) when cut.

        The same text again at the same width changes nothing: the panes repeat their status
        lines at every opening, and cutting a text to the width lays it out."""
        tooltip = text if tooltip is None else tooltip
        if (text, tooltip, self._cut_to) == (self._full, self._tooltip, self._width()):
            return
        self._full = text
        self._tooltip = tooltip
        self.setAccessibleName(text)
        self._elide()

    def text(self) -> str:
        """The whole text, not the part shown."""
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def is_elided(self) -> bool:
        return self.shown_text() != self._full

    def sizeHint(self) -> QSize:
        return QSize(80, self.fontMetrics().height() + 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _width(self) -> int:
        return max(self.contentsRect().width(), 1)

    def _elide(self) -> None:
        width = self._cut_to = self._width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown)
        self.setToolTip(self._tooltip if shown != self._full or "\n" in self._tooltip else "")
