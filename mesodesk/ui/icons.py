"""MesoDesk's own icon, for the application, its windows and the About dialog."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from mesodesk.paths import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The PNG sizes rendered by tools/make_icons.py from resources/icons/mesodesk.svg."""


def app_icon() -> QIcon:
    """The icon in every rendered size, so each screen and scale picks a sharp one."""
    icon = QIcon()
    folder = resource_path("icons")
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"mesodesk-{size}.png"), QSize(size, size))
    return icon
