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
    from mesodesk.ui import anamnesis_pane, catalog_window, documents, safety_banner, timeline
    from mesodesk.ui.diagram import panel as diagram_panel

    return [
        timeline.install,
        diagram_panel.install,
        documents.install,
        anamnesis_pane.install,
        safety_banner.install,
        catalog_window.install,
    ]


def install_features(window: MainWindow) -> None:
    for install in installers():
        install(window)
