"""Charting on the diagram beside the visit notes, driven with the mouse and keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QPointF, Qt

from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.vocabulary import Technique
from mesodesk.ui.diagram.panel import DiagramPanel
from mesodesk.ui.diagram.scheme_dialog import SchemeChoice
from mesodesk.ui.diagram.view import Tool
from mesodesk.ui.main_window import MainWindow


def _open_visit(window: MainWindow, signed: bool = False, previous: bool = False) -> DiagramPanel:
    services = window.services
    patient = services.patients.save(PatientCard(last_name="Соколова", first_name="Ирина"))
    if previous:
        last = services.visits.start_visit(patient.id, datetime.now(UTC) - timedelta(days=20))
        services.marks.add(_mark(last.id, DiagramName.BACK, "thoracic"))
        services.visits.mark_done(last)
    visit = services.visits.start_visit(patient.id, datetime.now(UTC) - timedelta(hours=1))
    if signed:
        services.marks.add(_mark(visit.id, DiagramName.BACK, "lumbar"))
        visit = services.visits.mark_done(visit)
        services.visits.sign(replace(visit, practitioner="Доктор"))
    window.open_patient(patient.id)
    window.open_visit(visit.id)
    panel = window.visit_tab.diagram
    assert window.patient_tabs.currentWidget() is window.visit_tab
    assert panel.visit.record is not None and panel.visit.record.id == visit.id
    return panel


def _mark(visit_id: int, diagram: DiagramName, zone: str) -> MarkRecord:
    x, y = load_diagram(diagram).zone(zone).label_point
    return MarkRecord(None, visit_id, diagram, MarkShape.POINT, (Point(x, y),))


def _stored(panel: DiagramPanel) -> list[MarkRecord]:
    return panel.services.marks.list_for_visit(panel.visit.record.id)


def _at(panel: DiagramPanel, x: float, y: float):
    return panel.view.mapFromScene(QPointF(x, y))


def _totals(panel: DiagramPanel) -> dict[str, tuple[str, str]]:
    table = panel.totals
    return {
        table.item(row, 0).text(): (table.item(row, 1).text(), table.item(row, 2).text())
        for row in range(table.rowCount())
    }


def test_applying_the_vascular_scheme_c3_t6_charts_70_points_as_one_undo_step(qtbot, window):
    panel = _open_visit(window)
    panel.ask_scheme = lambda: SchemeChoice()
    panel.scheme_action.trigger()
    assert panel.scene.diagram_name is DiagramName.BACK
    assert len(panel.scene.mark_ids()) == 70
    assert len(_stored(panel)) == 70
    assert _totals(panel)["Total"][0] == "70"
    panel.undo_action.trigger()
    assert panel.scene.mark_ids() == [] and _stored(panel) == []
    panel.redo_action.trigger()
    assert len(_stored(panel)) == 70 and len(panel.scene.mark_ids()) == 70


def test_a_point_is_added_by_clicking_moved_by_dragging_and_deleted_with_undo_for_each(
    qtbot, window
):
    panel = _open_visit(window)
    panel.show_diagram(DiagramName.BACK)
    panel.view.zoom_by(4)
    x, y = load_diagram(DiagramName.BACK).zone("thoracic").label_point
    panel.view.centerOn(x, y)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_P)
    assert panel.view.tool is Tool.POINT
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=_at(panel, x, y))
    [added] = _stored(panel)
    assert added.zone == "thoracic"
    assert abs(added.points[0].x - x) < 1 and abs(added.points[0].y - y) < 1
    qtbot.keyClick(panel.view, Qt.Key.Key_Escape)
    assert panel.view.tool is Tool.SELECT

    start = _at(panel, *added.points[0])
    end = _at(panel, added.points[0].x + 20, added.points[0].y)
    steps_before = panel.undo_stack.count()
    viewport = panel.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for fraction in (0.25, 0.5, 0.75, 1.0):
        qtbot.mouseMove(viewport, start + (end - start) * fraction)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    [moved] = _stored(panel)
    assert moved.points[0].x == pytest.approx(added.points[0].x + 20, abs=1)
    assert panel.undo_stack.count() == steps_before + 1
    panel.undo_action.trigger()
    assert _stored(panel)[0].points == added.points
    assert panel.scene.item_for(added.id).pos() == QPointF(*added.points[0])
    panel.redo_action.trigger()
    assert _stored(panel)[0].points == moved.points

    panel.scene.select_ids([added.id])
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert _stored(panel) == [] and panel.scene.mark_ids() == []
    panel.undo_action.trigger()
    assert [m.id for m in _stored(panel)] == [added.id]
    assert panel.scene.mark_ids() == [added.id]
    panel.redo_action.trigger()
    assert _stored(panel) == []


def test_editing_the_depth_and_volume_of_a_selection_changes_every_mark_and_the_totals(
    qtbot, window
):
    panel = _open_visit(window)
    panel.ask_scheme = lambda: SchemeChoice(top="C3", bottom="C5", offsets_mm=(15.0,))
    panel.apply_scheme()
    ids = panel.scene.mark_ids()
    assert len(ids) == 6
    assert _totals(panel)["Total"] == ("6", "—")
    panel.scene.select_ids(ids[:4])
    assert panel.editor.heading.text() == "4 mark(s) selected"
    panel.editor.depth_field.setValue(3.5)
    panel.editor.volume.setValue(0.05)
    qtbot.mouseClick(panel.editor.apply_button, Qt.MouseButton.LeftButton)
    stored = _stored(panel)
    assert [m.depth_mm for m in stored] == [Decimal("3.5")] * 4 + [None] * 2
    assert [m.volume_ml for m in stored] == [Decimal("0.05")] * 4 + [None] * 2
    assert _totals(panel)["Total"] == ("6", "0.2")
    panel.undo_action.trigger()
    assert {m.depth_mm for m in _stored(panel)} == {None}
    assert _totals(panel)["Total"] == ("6", "—")


def test_six_mm_on_a_face_mark_shows_the_depth_warning_beside_the_depth(qtbot, window):
    panel = _open_visit(window)
    panel.show_diagram(DiagramName.FACE)
    x, y = load_diagram(DiagramName.FACE).zone("cheek_left").label_point
    panel.view.set_tool(Tool.POINT)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=_at(panel, x, y))
    [mark] = _stored(panel)
    panel.view.set_tool(Tool.SELECT)
    panel.scene.select_ids([mark.id])
    assert panel.editor.warning.isHidden()
    panel.editor.depth_field.setValue(6)
    assert panel.editor.warning.isVisible()
    assert "4 mm limit for the face" in panel.editor.warning.text()
    panel.editor.depth_field.setValue(1.5)
    assert panel.editor.warning.isHidden()


def test_last_visits_marks_show_faintly_and_can_be_hidden(qtbot, window):
    panel = _open_visit(window, previous=True)
    assert panel.scene.diagram_name is DiagramName.FACE
    panel.show_diagram(DiagramName.BACK)
    assert panel.scene.previous_shown() == 1
    assert panel.scene.mark_ids() == []
    panel.previous_action.trigger()
    assert panel.scene.previous_shown() == 0


def test_a_signed_visits_scheme_is_shown_but_cannot_be_changed(qtbot, window):
    panel = _open_visit(window, signed=True)
    assert panel.scene.diagram_name is DiagramName.BACK
    assert len(panel.scene.mark_ids()) == 1
    assert panel.notice.isVisible() and "signed" in panel.notice.text()
    assert not panel.tool_actions[Tool.POINT].isEnabled()
    assert not panel.scheme_action.isEnabled()
    panel.scene.select_ids(panel.scene.mark_ids())
    panel.delete_selected()
    assert len(_stored(panel)) == 1


def test_export_png_saves_the_visits_picture_where_the_user_chose(qtbot, window, tmp_path):
    panel = _open_visit(window)
    panel.ask_scheme = lambda: SchemeChoice(top="C3", bottom="C5")
    panel.apply_scheme()
    target = tmp_path / "scheme.png"
    panel.ask_export_path = lambda: target
    panel.export_action.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert target.read_bytes().startswith(b"\x89PNG")
    assert window.notice_bar.is_showing() and "scheme.png" in window.notice_bar.text.text()


def test_an_area_outlined_by_clicks_is_a_nappage_mark_counted_in_its_zone(qtbot, window):
    panel = _open_visit(window)
    assert panel.scene.diagram_name is DiagramName.FACE
    panel.view.zoom_by(3)
    cx, cy = load_diagram(DiagramName.FACE).zone("forehead").label_point
    panel.view.centerOn(cx, cy)
    panel.editor.technique.setCurrentIndex(
        panel.editor.technique.findData(Technique.NAPPAGE_SUPERFICIAL.value)
    )
    panel.editor.technique.activated.emit(panel.editor.technique.currentIndex())
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_A)
    viewport = panel.view.viewport()
    for dx, dy in ((-15, -6), (15, -6), (15, 6), (-15, 6)):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_at(panel, cx + dx, cy + dy))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    [area] = _stored(panel)
    assert area.shape is MarkShape.AREA and len(area.points) == 4
    assert area.technique is Technique.NAPPAGE_SUPERFICIAL and area.zone == "forehead"
    injections, _ = _totals(panel)["Forehead"]
    assert int(injections) > 20


def test_a_line_drawn_along_a_scar_is_one_linear_mark(qtbot, window):
    panel = _open_visit(window)
    panel.view.zoom_by(3)
    x, y = load_diagram(DiagramName.FACE).zone("cheek_left").label_point
    panel.view.centerOn(x, y)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_L)
    viewport = panel.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_at(panel, x - 5, y - 5))
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=_at(panel, x + 5, y + 8))
    [line] = _stored(panel)
    assert line.shape is MarkShape.LINE and line.technique is Technique.LINEAR
    assert _totals(panel)["Total"][0] == "1"
    qtbot.keyClick(panel.view, Qt.Key.Key_Escape)
    assert panel.view.tool is Tool.SELECT


def test_hovering_names_the_zone_under_the_pointer(qtbot, window):
    panel = _open_visit(window)
    x, y = load_diagram(DiagramName.FACE).zone("forehead").label_point
    qtbot.mouseMove(panel.view.viewport(), _at(panel, x, y))
    assert panel.status.text().startswith("Forehead")


def test_a_template_saved_from_a_selection_charts_another_visit_in_one_undoable_step(qtbot, window):
    panel = _open_visit(window)
    panel.ask_scheme = lambda: SchemeChoice(top="C3", bottom="C5", offsets_mm=(15.0,))
    panel.apply_scheme()
    ids = panel.scene.mark_ids()
    panel.scene.select_ids(ids[:3])
    panel.ask_template_name = lambda count: "Шея: три точки"
    panel.save_template_action.trigger()
    (template,) = window.services.templates.list_templates()
    assert template.name == "Шея: три точки" and len(template.marks) == 3
    assert panel.templates_menu.actions()[0].text() == "Шея: три точки"

    other = _open_visit(window)
    assert other.visit.marks == ()
    other.templates_menu.actions()[0].trigger()
    charted = _stored(other)
    assert len(charted) == 3 and {m.diagram for m in charted} == {DiagramName.BACK}
    assert other.undo_stack.undoText() == "Template Шея: три точки"
    other.undo_action.trigger()
    assert _stored(other) == [] and other.scene.mark_ids() == []
    other.redo_action.trigger()
    assert len(_stored(other)) == 3


def test_repeat_last_visits_chart_copies_its_marks_and_undo_takes_them_back(qtbot, window):
    panel = _open_visit(window, previous=True)
    before = window.services.marks.previous_marks(panel.visit.record.id)
    assert len(before) == 1
    panel.repeat_action.trigger()
    (copied,) = _stored(panel)
    assert (copied.diagram, copied.points, copied.zone) == (
        before[0].diagram,
        before[0].points,
        before[0].zone,
    )
    assert copied.id != before[0].id
    panel.undo_action.trigger()
    assert _stored(panel) == []
    panel.redo_action.trigger()
    assert len(_stored(panel)) == 1


def test_repeat_with_no_earlier_visit_says_so_and_charts_nothing(qtbot, window):
    panel = _open_visit(window)
    panel.repeat_action.trigger()
    assert _stored(panel) == [] and panel.undo_stack.count() == 0
    assert "no earlier done visit" in window.notice_bar.text.text()
