"""The clinic logo as it will head the documents, in a fixed box (the first-run wizard and
Clinic settings both show it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QWidget

SIZE = (220, 80)


class LogoPreview(QLabel):
    """A fixed box, so a logo chosen or removed never moves the form around it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(*SIZE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("border: 1px dashed #cfd4dc; color: #667085;")

    def show_logo(self, content: bytes | None) -> bool:
        """Show the PNG `content` (None: no logo); False when it is no image Qt can read."""
        if content is None:
            self.setText(self.tr("No logo"))
            return True
        pixmap = QPixmap()
        if not pixmap.loadFromData(content, "PNG"):
            self.setText(self.tr("Not a PNG image"))
            return False
        ratio = self.devicePixelRatioF()  # as many pixels as the screen has: sharp at 200 %
        preview = pixmap.scaled(
            round(SIZE[0] * ratio),
            round(SIZE[1] * ratio),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        preview.setDevicePixelRatio(ratio)
        self.setPixmap(preview)
        return True
