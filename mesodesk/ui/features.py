"""The features that plug into the main window, in the order their panes appear.

Each installer adds its panes (`add_patient_tab`), menu actions (`window.menus[...]`),
editors for the unsaved-changes guard, and listens to `patient_opened` / `visit_opened`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mesodesk.ui.main_window import MainWindow

Installer = Callable[["MainWindow"], None]


def installers() -> list[Installer]:
    """Imported here, not at the top, so a feature's widgets load only with the window."""
    return []


def install_features(window: MainWindow) -> None:
    for install in installers():
        install(window)
