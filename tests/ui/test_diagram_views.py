"""Choosing a diagram view in the Visit tab: the list of views, the keys, turning the face, a
woman's face for a woman's new visit, and marks charted on the newer views."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from mesodesk.domain.diagram import DiagramName, load_diagram
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.vocabulary import Sex
from mesodesk.ui.diagram.drawing import diagram_label, zone_label
from mesodesk.ui.diagram.panel import VIEW_ORDER, DiagramPanel
from mesodesk.ui.diagram.view import Tool
from mesodesk.ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier


def _patient(window: MainWindow, sex: Sex) -> int:
    card = window.services.patients.save(
        PatientCard(last_name="Соколова", first_name="Ирина", sex=sex)
    )
    assert card.id is not None
    window.patient_list.refresh()
    window.open_patient(card.id)
    return card.id


def _open_stored_visit(window: MainWindow, sex: Sex = Sex.FEMALE) -> DiagramPanel:
    patient = _patient(window, sex)
    visit = window.services.visits.start_visit(patient, datetime.now(UTC) - timedelta(hours=1))
    window.open_visit(visit.id)
    return window.visit_tab.diagram


def _start_today(qtbot, window: MainWindow, sex: Sex) -> DiagramPanel:
    _patient(window, sex)
    qtbot.waitUntil(lambda: not window.runner.busy)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.patient_tabs.currentWidget() is window.visit_tab
    assert window.visit.draft is not None and window.visit.record is None
    return window.visit_tab.diagram


def _totals(panel: DiagramPanel) -> dict[str, str]:
    table = panel.totals
    return {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}


@pytest.mark.parametrize(
    ("sex", "face"),
    [(Sex.FEMALE, DiagramName.FACE_FEMALE), (Sex.MALE, DiagramName.FACE),
     (Sex.UNSPECIFIED, DiagramName.FACE)],
)  # fmt: skip
def test_a_new_visit_opens_on_the_face_of_the_patients_sex(qtbot, window, sex, face):
    panel = _start_today(qtbot, window, sex)
    assert panel.scene.diagram_name is face
    assert panel.diagram_box.currentData() == face.value


def test_a_womans_stored_visit_without_marks_opens_on_the_womans_face(qtbot, window):
    panel = _open_stored_visit(window, Sex.FEMALE)
    assert panel.scene.diagram_name is DiagramName.FACE_FEMALE


def test_the_chart_list_offers_every_view_and_the_keyboard_walks_it(qtbot, window):
    panel = _open_stored_visit(window)
    box = panel.diagram_box
    assert [box.itemData(i) for i in range(box.count())] == [n.value for n in VIEW_ORDER]
    assert [box.itemText(i) for i in range(box.count())] == [panel.view_name(n) for n in VIEW_ORDER]
    assert box.itemText(1) == "Face, woman" and box.itemText(2) == "Face, man"
    tips = [box.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(box.count())]
    assert tips == [diagram_label(n) for n in VIEW_ORDER]
    panel.show_diagram(VIEW_ORDER[0])
    box.setFocus()
    for name in VIEW_ORDER[1:]:
        qtbot.keyClick(box, Qt.Key.Key_Down)
        assert panel.scene.diagram_name is name
        diagram = load_diagram(name)
        assert panel.scene.diagram_rect.width() == diagram.width_mm
        assert panel.scene.diagram_rect.height() == diagram.height_mm


@pytest.mark.parametrize(
    ("key", "view"),
    [(Qt.Key.Key_1, DiagramName.BACK), (Qt.Key.Key_2, DiagramName.FACE),
     (Qt.Key.Key_5, DiagramName.FACE_FEMALE), (Qt.Key.Key_6, DiagramName.NECK_DECOLLETE),
     (Qt.Key.Key_7, DiagramName.SCALP), (Qt.Key.Key_8, DiagramName.HANDS)],
)  # fmt: skip
def test_alt_and_a_number_opens_a_view_from_anywhere_in_the_visit_tab(qtbot, window, key, view):
    panel = _open_stored_visit(window)
    form = window.visit_tab.form
    form.method.setFocus()
    qtbot.keyClick(form.method, key, ALT)
    assert panel.scene.diagram_name is view
    assert panel.diagram_box.currentData() == view.value


def test_alt_left_and_right_turn_the_face_and_come_back_to_the_same_front(qtbot, window):
    panel = _open_stored_visit(window, Sex.FEMALE)
    panel.view.setFocus()
    seen = []
    for key in [Qt.Key.Key_Left] * 3 + [Qt.Key.Key_Right] * 5:
        qtbot.keyClick(panel.view, key, ALT)
        seen.append(panel.scene.diagram_name)
    assert seen == [
        DiagramName.FACE_3Q_LEFT, DiagramName.PROFILE_LEFT, DiagramName.PROFILE_LEFT,
        DiagramName.FACE_3Q_LEFT, DiagramName.FACE_FEMALE, DiagramName.FACE_3Q_RIGHT,
        DiagramName.PROFILE_RIGHT, DiagramName.PROFILE_RIGHT,
    ]  # fmt: skip
    panel.show_diagram(DiagramName.FACE)
    qtbot.keyClick(panel.view, Qt.Key.Key_Right, ALT)
    qtbot.keyClick(panel.view, Qt.Key.Key_Left, ALT)
    assert panel.scene.diagram_name is DiagramName.FACE, "the front last shown, a man's here"


@pytest.mark.parametrize(
    ("view", "zone"),
    [(DiagramName.NECK_DECOLLETE, "submental"), (DiagramName.HANDS, "hand_back_left"),
     (DiagramName.SCALP, "vertex"), (DiagramName.PROFILE_RIGHT, "cheek_right"),
     (DiagramName.FACE_3Q_LEFT, "periorbital_left"), (DiagramName.FACE_FEMALE, "lips")],
)  # fmt: skip
def test_a_point_charted_on_a_view_is_stored_in_its_zone_and_counted(qtbot, window, view, zone):
    panel = _open_stored_visit(window)
    panel.show_diagram(view)
    x, y = load_diagram(view).zone(zone).label_point
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_P)
    assert panel.view.tool is Tool.POINT
    qtbot.mouseClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.mapFromScene(x, y)
    )
    [stored] = window.services.marks.list_for_visit(panel.visit.record.id)
    assert stored.diagram is view and stored.zone == zone
    totals = _totals(panel)
    assert totals[zone_label(view, zone)] == "1"
    assert totals["Total"] == "1"
