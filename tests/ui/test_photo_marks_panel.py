"""Marks placed on a visit's photo with the chart's own tools: asked for from the photos pane by
keyboard, drawn on the picture, listed under the photo in the totals, undone like any mark."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.photos import PhotoKind, PhotoView
from mesodesk.services.photos import PhotoHasMarks
from mesodesk.ui.diagram.panel import DiagramPanel
from mesodesk.ui.diagram.view import Tool
from mesodesk.ui.main_window import MainWindow
from tests.photo_files import plain_png


def _photographed_visit(qtbot, window: MainWindow, patient_id: int, tmp_path: Path) -> int:
    """An open visit with a marked point on the face and a 400 x 300 px before-photo."""
    services = window.services
    visit = services.visits.start_visit(
        patient_id, datetime(2026, 3, 2, 9, tzinfo=UTC), "Dr Ivanova"
    )
    assert visit.id is not None
    x, y = load_diagram(DiagramName.FACE).zone("forehead").label_point
    services.marks.add(
        MarkRecord(None, visit.id, DiagramName.FACE, MarkShape.POINT, (Point(x, y),))
    )
    services.photos.add(
        visit.id, PhotoKind.BEFORE, PhotoView.FRONT, [plain_png(tmp_path / "a.png", (400, 300))]
    )
    window.open_visit(visit.id)
    qtbot.waitUntil(lambda: window.visit.record is not None and window.visit.record.id == visit.id)
    qtbot.waitUntil(lambda: window.visit_tab.photos.strip.count() == 1, timeout=10_000)
    return visit.id


def _totals(panel: DiagramPanel) -> list[tuple[str, str, str]]:
    table = panel.totals
    return [
        tuple(table.item(row, c).text() if table.item(row, c) else "" for c in range(3))  # type: ignore[misc]
        for row in range(table.rowCount())
    ]


def _at(panel: DiagramPanel, x: float, y: float):
    return panel.view.mapFromScene(QPointF(x, y))


def test_a_point_and_an_area_placed_on_a_photo_are_kept_listed_and_counted(
    qtbot, window, clinic, tmp_path
) -> None:
    visit_id = _photographed_visit(qtbot, window, clinic["patient"], tmp_path)
    pane, panel = window.visit_tab.photos, window.visit_tab.diagram
    assert pane.marks_button.text() == "Mark on photo" and pane.marks_button.isEnabled()

    pane.strip.setFocus()
    pane.strip.setCurrentRow(0)
    qtbot.keyClick(
        pane.strip,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    qtbot.waitUntil(lambda: panel.scene.photo is not None)  # read on a worker
    assert panel.view.hasFocus()
    photo = panel.scene.photo
    assert photo is not None and photo.kind is PhotoKind.BEFORE
    assert panel.diagram_box.currentText() == "Photo: Before · Front"
    assert panel.scene.mark_ids() == []  # the face's mark stays on the face
    assert panel.scene.diagram_rect.width() == pytest.approx(photo.width_mm)

    panel.editor.volume.setValue(0.1)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_P)
    assert panel.view.tool is Tool.POINT
    middle = (photo.width_mm / 2, photo.height_mm / 2)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=_at(panel, *middle))
    qtbot.keyClick(panel.view, Qt.Key.Key_A)
    viewport = panel.view.viewport()
    for dx, dy in ((20, 20), (50, 20), (50, 50), (20, 50)):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_at(panel, dx, dy))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)

    stored = window.services.marks.list_for_visit(visit_id)
    on_photo = [m for m in stored if m.photo is not None]
    assert len(stored) == 3 and len(on_photo) == 2
    point, area = on_photo
    assert point.photo is not None and point.photo.id == photo.id and point.zone is None
    assert point.points[0].x / photo.width_mm == pytest.approx(0.5, abs=0.01)
    assert point.points[0].y / photo.height_mm == pytest.approx(0.5, abs=0.01)
    assert area.shape is MarkShape.AREA and len(area.points) == 4
    assert sorted(panel.scene.mark_ids()) == sorted(m.id for m in on_photo)

    rows = _totals(panel)
    heading = rows.index(("Photo: Before · Front", "", ""))
    injections = int(rows[heading + 1][1])
    assert rows[heading + 1][0] == "On the photo" and injections > 50  # a 30 mm square's grid
    assert rows[-1][0] == "Total" and rows[-1][1] == str(injections + 1)
    assert Decimal(rows[heading + 1][2]) == Decimal("0.1") * injections

    with pytest.raises(PhotoHasMarks):
        window.services.photos.remove(photo.id)

    panel.undo_action.trigger()
    assert len(window.services.marks.list_for_visit(visit_id)) == 2
    assert len(panel.scene.mark_ids()) == 1

    panel.show_diagram(DiagramName.FACE)
    assert len(panel.scene.mark_ids()) == 1 and panel.scene.photo is None
    index = panel.diagram_box.findText("Photo: Before · Front")
    assert index >= 0  # a photo with marks stays in the chart's list
    panel.diagram_box.setCurrentIndex(index)
    panel.diagram_box.activated.emit(index)
    qtbot.waitUntil(lambda: panel.scene.photo is not None)
    assert len(panel.scene.mark_ids()) == 1


def test_a_signed_visits_photo_shows_its_marks_but_takes_no_new_ones(
    qtbot, window, clinic, tmp_path
) -> None:
    services = window.services
    visit_id = _photographed_visit(qtbot, window, clinic["patient"], tmp_path)
    panel = window.visit_tab.diagram
    (photo,) = services.photos.for_visit(visit_id)
    assert panel.mark_on_photo(photo)
    qtbot.waitUntil(lambda: panel.scene.photo is not None)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_P)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=_at(panel, 30, 30))
    assert len(panel.scene.mark_ids()) == 1
    visit = services.visits.mark_done(services.visits.get(visit_id))
    services.visits.sign(replace(visit, practitioner="Доктор"))
    window.visit.reload()
    qtbot.waitUntil(lambda: window.visit.record is not None and window.visit.record.signed)
    panel.show_diagram(DiagramName.FACE)
    assert panel.mark_on_photo(photo)
    qtbot.waitUntil(lambda: panel.scene.photo is not None)

    assert len(panel.scene.mark_ids()) == 1
    assert not panel.tool_actions[Tool.POINT].isEnabled()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=_at(panel, 60, 60))
    assert len(services.marks.list_for_visit(visit_id)) == 2


def test_a_photo_still_being_read_is_not_shown_over_the_diagram_chosen_meanwhile(
    qtbot, window, clinic, tmp_path
) -> None:
    """The photo's file is read on a worker; a diagram chosen before it arrives stays."""
    visit_id = _photographed_visit(qtbot, window, clinic["patient"], tmp_path)
    panel = window.visit_tab.diagram
    (photo,) = window.services.photos.for_visit(visit_id)
    assert panel.mark_on_photo(photo)
    panel.show_diagram(DiagramName.BACK)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert panel.scene.photo is None and panel.scene.diagram_name is DiagramName.BACK
    assert panel.diagram_box.currentData() == DiagramName.BACK.value


def test_a_photo_whose_file_cannot_be_decoded_leaves_the_chart_and_says_why(
    qtbot, window, clinic, tmp_path
) -> None:
    visit_id = _photographed_visit(qtbot, window, clinic["patient"], tmp_path)
    panel = window.visit_tab.diagram
    (photo,) = window.services.photos.for_visit(visit_id)
    shown = panel.scene.diagram_name
    window.services.photos.image_path(photo.id).write_bytes(b"not a picture")
    assert panel.mark_on_photo(photo)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert panel.scene.photo is None and panel.scene.diagram_name is shown
    assert "cannot be read" in window.notice_bar.text.text()
