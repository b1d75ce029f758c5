"""`mesodesk screenshot FILE --visit ID`: the window with that visit and its diagram in view."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mesodesk.ui.app import application, save_private_png, wait_until
from mesodesk.ui.main_window import MainWindow

if TYPE_CHECKING:
    from mesodesk.services.registry import Services


def save_visit_screenshot(
    database: Any, services: Services, target: Path, size: tuple[int, int], visit_id: int
) -> None:
    """Open the visit's patient, then the visit on its Visit tab, and save the window as PNG."""
    visit = services.visits.get(visit_id)
    application()
    window = MainWindow(services, database.location, remember_layout=False)
    window.resize(*size)
    window.show()
    wait_until(lambda: not window.runner.busy)
    window.open_patient(visit.patient_id)
    window.patient_list.select_id(visit.patient_id)
    window.open_visit(visit_id)
    wait_until(lambda: False, 150)
    window.visit_tab.diagram.view.fit()
    wait_until(lambda: not window.runner.busy)
    wait_until(lambda: False, 100)
    target.parent.mkdir(parents=True, exist_ok=True)
    save_private_png(window.grab().toImage(), target)
    window.visit.discard()
    window.form.load(window.form.loaded_card())
    window.close()
