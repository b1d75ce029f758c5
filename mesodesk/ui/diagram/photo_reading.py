"""A visit's photo read for charting on: off the GUI thread, upright, and no larger than needed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader

PHOTO_PIXELS = 2400
"""A photo is shown from a copy at most this many pixels across: sharp on any screen, light to
pan and zoom (a camera's 6000-pixel original is not needed for placing marks)."""


def read_photo(path: Path) -> QImage:
    """The photo upright and at most `PHOTO_PIXELS` across; a null image when the file cannot
    be read. Safe on a worker thread (a QImage, not a QPixmap): decoding a phone's photo takes
    a tenth of a second, a large one more."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > PHOTO_PIXELS:
        reader.setScaledSize(
            size.scaled(PHOTO_PIXELS, PHOTO_PIXELS, Qt.AspectRatioMode.KeepAspectRatio)
        )
    return reader.read()
