"""Recording a visit on the Visit tab, as a practitioner does it, from Ctrl+T to the addendum."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from mesodesk.domain.chart import Injected
from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import ProductLineRecord
from mesodesk.domain.vocabulary import Area, Reaction, Technique, VisitStatus
from mesodesk.ui.diagram.view import Tool
from mesodesk.ui.main_window import MainWindow
from tests.ui.typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _on_hand(window: MainWindow, lot_id: int) -> Decimal:
    return next(lot.on_hand for lot in window.services.catalog.list_lots() if lot.id == lot_id)


def _start_today(qtbot, window: MainWindow):
    # a shortcut fires only in the active window, and the list may still be filling
    _settled(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    assert window.patient_tabs.currentWidget() is window.visit_tab
    assert window.visit.draft is not None and window.visit.draft.status is VisitStatus.PLANNED
    return window.visit_tab.form


def _settled(qtbot, window: MainWindow) -> None:
    qtbot.wait(10)
    qtbot.waitUntil(lambda: not window.runner.busy)


def _click_point(qtbot, window: MainWindow, diagram: DiagramName, zone: str) -> None:
    panel = window.visit_tab.diagram
    panel.show_diagram(diagram)
    x, y = load_diagram(diagram).zone(zone).label_point
    panel.view.set_tool(Tool.POINT)
    where = panel.view.mapFromScene(x, y)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    panel.view.set_tool(Tool.SELECT)


def test_a_visit_is_recorded_signed_and_corrected_end_to_end(qtbot, window, clinic):
    form = _start_today(qtbot, window)
    # nothing is stored until the first edit
    assert window.visit.record is None
    assert window.services.visits.list_for_patient(clinic["patient"]) == []

    lines = form.lines
    lines.add_cocktail_choice.setCurrentIndex(
        lines.add_cocktail_choice.findText("Vascular cocktail")
    )
    qtbot.mouseClick(lines.add_cocktail_button, Qt.MouseButton.LeftButton)
    assert window.visit.record is not None  # the first edit made it a stored draft
    assert [lines.table.item(row, 0).text() for row in range(lines.table.rowCount())] == [
        "Vitamin C 5%",
        "Rutin 1%",
    ]
    qtbot.mouseClick(form.add_reaction_button, Qt.MouseButton.LeftButton)
    kind = form.reactions.cellWidget(0, 0)
    kind.setCurrentIndex(kind.findData(Reaction.REDNESS))
    form.areas.add(Area.FACE)
    form.practitioner.clear()
    type_text(form.practitioner, "Смирнова О. В.")
    type_text(form.notes, "Папулы рассосались за 20 минут.")
    type_text(form.price, "3500")
    bar = window.visit_tab.bar
    assert window.visit.is_dirty() and bar.save_button.isEnabled()

    qtbot.keyClick(form.notes, Qt.Key.Key_S, CTRL)
    assert not window.visit.is_dirty()
    assert _on_hand(window, clinic["VC-101"]) == Decimal("8")
    assert _on_hand(window, clinic["RT-7"]) == Decimal("9")
    stored = window.services.visits.get(window.visit.record.id)
    assert stored.notes == "Папулы рассосались за 20 минут." and stored.price_minor == 350000
    assert [line.cocktail_name for line in stored.product_lines] == ["Vascular cocktail"] * 2

    qtbot.mouseClick(bar.done_button, Qt.MouseButton.LeftButton)
    assert window.visit.record.status is VisitStatus.DONE
    assert window.services.patients.search("Иванова")[0].last_visit_on == date.today()

    asked = []
    window.visit_tab.visit_actions.confirm_sign = lambda visit: (
        asked.append(visit.practitioner) or True
    )
    qtbot.keyClick(form.notes, Qt.Key.Key_S, CTRL_SHIFT)
    assert asked == ["Смирнова О. В."]
    assert window.visit.record.signed and form.signature.isVisible()
    assert form.signature.text().startswith("Signed by Смирнова О. В. on ")
    assert not form.notes.isEnabled() and not lines.add_cocktail_button.isVisible()

    type_text(form.addendum_text, "Вечером покраснение прошло.")
    qtbot.mouseClick(form.addendum_button, Qt.MouseButton.LeftButton)
    assert "Вечером покраснение прошло." in form.addenda.text()
    assert window.services.visits.get(window.visit.record.id).notes == (
        "Папулы рассосались за 20 минут."
    )

    timeline = window.timeline
    qtbot.waitUntil(lambda: timeline.model.rowCount() >= 1 and not window.runner.busy)
    (entry,) = [e for e in timeline.model._entries if e.visit is not None]
    shown = timeline.model.data(timeline.model.index(timeline.model.row_of_visit(entry.visit.id)))
    assert "Signed" in shown and "Face" in shown

    tomorrow = datetime.now(UTC) + timedelta(days=1)
    planned = window.services.visits.start_visit(clinic["patient"], tomorrow, "Смирнова О. В.")
    window.patient.changed()
    qtbot.waitUntil(lambda: timeline.model.row_of_visit(planned.id) is not None)
    window.patient_tabs.setCurrentWidget(timeline)
    assert timeline.next_visit.isVisible() and "Next visit:" in timeline.next_visit.text()
    timeline.view.setCurrentIndex(timeline.model.index(timeline.model.row_of_visit(planned.id)))
    timeline.view.setFocus()
    qtbot.keyClick(timeline.view, Qt.Key.Key_Return)
    assert window.visit.record.id == planned.id
    assert window.patient_tabs.currentWidget() is window.visit_tab
    _settled(qtbot, window)
    reasons = [f.reason for f in window.visit.screening.findings]
    assert any(r.startswith("After the last visit") and "redness (mild)" in r for r in reasons)


def test_a_lot_with_too_little_left_is_refused_inline_and_the_typing_stays(qtbot, window, clinic):
    form = _start_today(qtbot, window)
    lines = form.lines
    lines.add_lot.setCurrentIndex(lines.add_lot.findData(clinic["RT-7"]))
    lines.add_volume.setValue(12.0)
    type_text(form.notes, "Пробная запись")
    qtbot.keyClick(form.notes, Qt.Key.Key_L, CTRL_SHIFT)
    assert window.visit.save() is False
    assert lines.error.isVisible()
    assert lines.error.text() == "Lot RT-7 has 10.0 ml left; 12.0 ml cannot be recorded."
    assert form.notes.toPlainText() == "Пробная запись" and lines.table.rowCount() == 1
    assert window.visit.is_dirty() and _on_hand(window, clinic["RT-7"]) == Decimal("10")


def test_changing_patient_closes_the_open_visit(qtbot, window, clinic):
    _start_today(qtbot, window)
    other = window.services.patients.save(PatientCard(last_name="Петрова"))
    window.open_patient(other.id)
    assert window.visit.draft is None
    assert window.visit_tab.stack.currentIndex() == 0


def test_marking_a_future_visit_done_is_refused_and_stores_nothing_typed_stays(
    qtbot, window, clinic
):
    later = datetime.now(UTC) + timedelta(days=7)
    visit = window.services.visits.start_visit(clinic["patient"], later, "Смирнова О. В.")
    window.open_visit(visit.id)
    form = window.visit_tab.form
    type_text(form.notes, "Подготовка к курсу")
    assert not window.visit_tab.visit_actions.mark_done()
    assert form.error.text() == "A visit on a future day cannot be marked done yet."
    stored = window.services.visits.get(visit.id)
    assert stored.notes == "" and stored.status is VisitStatus.PLANNED
    assert form.notes.toPlainText() == "Подготовка к курсу" and window.visit.is_dirty()


def test_a_price_typed_wrong_blocks_saving_until_fixed_and_is_never_lost(qtbot, window, clinic):
    form = _start_today(qtbot, window)
    type_text(form.price, "35x0")
    assert form.price_error.isVisible()
    assert not window.visit.save()
    assert form.price.text() == "35x0"
    form.price.clear()
    type_text(form.price, "3500")
    assert form.price_error.isHidden()
    assert window.visit.save()
    assert window.services.visits.get(window.visit.record.id).price_minor == 350000


def test_areas_and_techniques_come_from_the_marks_and_can_be_added_by_hand(qtbot, window, clinic):
    form = _start_today(qtbot, window)
    _click_point(qtbot, window, DiagramName.FACE, "forehead")
    _click_point(qtbot, window, DiagramName.FACE, "nose")
    assert form.areas.chip_texts() == ["Face", "Nose and nasolabial folds"]
    assert form.techniques.chip_texts() == ["Pinpoint (point by point)"]
    assert form.areas.charted == (Area.FACE, Area.NOSE_NASOLABIAL)
    form.areas.add(Area.NECK)
    assert window.visit.save()
    stored = window.services.visits.get(window.visit.record.id)
    assert stored.areas == (Area.NECK,)  # only what was added by hand is stored as such
    assert stored.treated_areas == (Area.FACE, Area.NOSE_NASOLABIAL, Area.NECK)
    assert stored.used_techniques == (Technique.PINPOINT,)
    window.visit_tab.diagram.undo_action.trigger()
    assert form.areas.chip_texts() == ["Face", "Neck"]


def test_a_mark_names_the_cocktail_before_anything_is_saved_and_the_lines_follow_the_chart(
    qtbot, window, clinic
):
    _start_today(qtbot, window)
    panel = window.visit_tab.diagram
    editor = panel.editor
    index = editor.product.findText("Cocktail: Vascular cocktail")
    assert index > 0
    editor.product.setCurrentIndex(index)
    editor.product.activated.emit(index)
    editor.volume.setValue(0.1)
    for zone in ("forehead", "cheek_left", "cheek_right"):
        _click_point(qtbot, window, DiagramName.FACE, zone)
    stored = window.services.marks.list_for_visit(window.visit.record.id)
    assert {m.cocktail_id for m in stored} == {clinic["cocktail"]}
    _settled(qtbot, window)
    form = window.visit_tab.form
    assert form.lines.check.text() == "Chart: 0.3 ml · lines: 0 ml"
    warnings = [
        f.reason for f in window.visit.screening.findings if f.code == "chart_volume_mismatch"
    ]
    assert warnings == [
        "The chart adds up to 0.3 ml, the product lines to 0 ml: 0.3 ml more charted than "
        "recorded. Correct the marks or take the volumes from the chart."
    ]
    qtbot.keyClick(form.notes, Qt.Key.Key_T, CTRL_SHIFT)
    lines = window.visit.draft.product_lines
    assert [(line.product_name, line.volume_ml) for line in lines] == [
        ("Vitamin C 5%", Decimal("0.20")),
        ("Rutin 1%", Decimal("0.10")),
    ]
    assert form.lines.table.rowCount() == 2
    assert window.visit.save()
    _settled(qtbot, window)
    assert not [f for f in window.visit.screening.findings if f.code == "chart_volume_mismatch"]
    assert form.lines.check.property("agrees") == "yes"


def test_the_wheel_over_an_unfocused_combo_or_spin_box_changes_nothing_and_goes_to_the_page(
    qtbot, window, clinic
):
    form = _start_today(qtbot, window)
    lines = form.lines
    lines.add_cocktail_choice.setCurrentIndex(0)
    lines.add_cocktail()
    combo = lines.table.cellWidget(0, 1)
    spin = lines.table.cellWidget(0, 2)
    assert isinstance(combo, QComboBox)
    form.notes.setFocus()
    before = (
        combo.currentIndex(),
        spin.value(),
        form.status.currentIndex(),
        form.starts_at.dateTime(),
    )
    for widget in (combo, spin, form.status, form.starts_at):
        event = _wheel_down(widget)
        QApplication.sendEvent(widget, event)
        # not taken: Qt hands an ignored wheel event on to the page, which scrolls
        assert not event.isAccepted()
    after = (
        combo.currentIndex(),
        spin.value(),
        form.status.currentIndex(),
        form.starts_at.dateTime(),
    )
    assert after == before
    spin.setFocus()
    QApplication.sendEvent(spin, _wheel_down(spin))
    assert spin.value() != before[1]  # with focus, the wheel does what the user asks


def _wheel_down(widget) -> QWheelEvent:
    centre = widget.rect().center()
    return QWheelEvent(
        QPointF(centre),
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )


def test_the_visit_tabs_shortcuts_work_from_inside_the_visit_form(qtbot, window, clinic):
    form = _start_today(qtbot, window)
    panel = window.visit_tab.diagram
    form.method.setFocus()
    qtbot.keyClick(form.method, Qt.Key.Key_P)
    assert panel.view.tool is Tool.POINT
    qtbot.keyClick(form.method, Qt.Key.Key_V)
    assert panel.view.tool is Tool.SELECT
    qtbot.keyClick(form.method, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert panel.scene.diagram_name is list(DiagramName)[1]
    form.lines.add_cocktail_choice.setCurrentIndex(0)
    qtbot.keyClick(form.method, Qt.Key.Key_K, CTRL_SHIFT)
    assert form.lines.table.rowCount() == 2
    _click_point(qtbot, window, DiagramName.FACE, "chin")
    assert len(window.visit.marks) == 1
    form.method.setFocus()
    qtbot.keyClick(form.method, Qt.Key.Key_Z, CTRL)
    assert window.visit.marks == ()
    qtbot.keyClick(form.method, Qt.Key.Key_S, CTRL)
    assert not window.visit.is_dirty()


def test_the_action_bar_and_strip_stay_put_while_lines_come_and_go(qtbot, window, clinic):
    form = _start_today(qtbot, window)
    bar, strip = window.visit_tab.bar, window.visit_tab.strip
    places = {
        (bar.mapTo(window, bar.rect().topLeft()), strip.mapTo(window, strip.rect().topLeft()))
    }
    lines = form.lines
    lines.add_cocktail_choice.setCurrentIndex(0)
    lines.add_cocktail()
    table_height = lines.table.height()
    remove = lines.table.cellWidget(0, 3)
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert lines.table.rowCount() == 1
    # the table keeps its height, so what is below the removed line does not jump up
    assert lines.table.height() == table_height
    places.add(
        (bar.mapTo(window, bar.rect().topLeft()), strip.mapTo(window, strip.rect().topLeft()))
    )
    assert len(places) == 1


def test_a_signed_visit_names_its_cocktail_as_it_was_signed_after_a_rename(qtbot, window, clinic):
    services = window.services
    visit = services.visits.start_visit(clinic["patient"], practitioner="Орлова Е. В.")
    line = ProductLineRecord(
        lot_id=clinic["VC-101"], volume_ml=Decimal(2), cocktail_id=clinic["cocktail"]
    )
    visit = services.visits.save(replace(visit, product_lines=(line,)))
    services.marks.add(
        MarkRecord(
            None,
            visit.id,
            DiagramName.BACK,
            MarkShape.POINT,
            (Point(250, 300),),
            cocktail_id=clinic["cocktail"],
        )
    )
    services.visits.sign(services.visits.mark_done(services.visits.get(visit.id)))
    (cocktail,) = services.catalog.list_cocktails()
    services.catalog.save_cocktail(replace(cocktail, name="Renamed cocktail"))

    window.open_visit(visit.id)
    _settled(qtbot, window)

    assert window.visit.injected_label(Injected(cocktail_id=clinic["cocktail"])) == (
        "Vascular cocktail"
    )
    shown = window.visit_tab.form.lines.findChildren(QLabel)
    assert not any("Renamed" in label.text() for label in shown)


def test_ctrl_t_starts_todays_visit_before_the_timeline_has_loaded(qtbot, window):
    patient = window.services.patients.save(PatientCard(last_name="Сразу", first_name="Анна"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    window.open_patient(patient.id)  # the timeline loads in the background from here
    assert window.timeline.start_action.isEnabled(), "Ctrl+T works at once"
    assert window.timeline.model.rowCount() == 0, "no visits of the previous patient linger"
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)

    assert window.patient_tabs.currentWidget() is window.visit_tab
    assert window.visit.draft is not None and window.visit.draft.patient_id == patient.id
    _settled(qtbot, window)


def test_the_lot_chosen_to_add_stays_chosen_when_the_next_visit_opens_with_the_same_stock(
    qtbot, window, clinic
):
    patient_id = window.patient.patient_id
    soon = datetime.now(UTC) + timedelta(days=1)
    first = window.services.visits.start_visit(patient_id, soon)
    second = window.services.visits.start_visit(patient_id, soon + timedelta(days=14))
    _settled(qtbot, window)
    window.open_visit(first.id)
    lines = window.visit_tab.form.lines
    assert lines.add_lot.count() == 2
    lines.add_lot.setCurrentIndex(1)
    chosen = lines.add_lot.currentData()
    window.open_visit(second.id)
    assert window.visit.record.id == second.id
    assert lines.add_lot.count() == 2
    assert lines.add_lot.currentData() == chosen


def test_the_next_visit_on_the_same_chart_shows_its_own_marks_only(qtbot, window, clinic):
    patient_id = window.patient.patient_id
    soon = datetime.now(UTC) + timedelta(days=1)
    visits = [
        window.services.visits.start_visit(patient_id, soon + timedelta(days=14 * n))
        for n in range(2)
    ]
    marks = {
        visit.id: window.services.marks.add_many(
            [
                MarkRecord(None, visit.id, DiagramName.BACK, MarkShape.POINT, (Point(x, 300),))
                for x in xs
            ]
        )
        for visit, xs in zip(visits, ((100, 140), (120,)), strict=True)
    }
    _settled(qtbot, window)
    scene = window.visit_tab.diagram.scene
    for visit in (*visits, visits[0]):
        window.open_visit(visit.id)
        assert scene.diagram_name is DiagramName.BACK
        assert sorted(scene.mark_ids()) == sorted(m.id for m in marks[visit.id])


def test_the_timeline_read_behind_the_visit_tab_shows_the_open_visit_when_its_tab_is_shown(
    qtbot, window, clinic
):
    patient_id = window.patient.patient_id
    start = datetime.now(UTC) - timedelta(days=60 * 30)
    visits = [
        window.services.visits.start_visit(patient_id, start + timedelta(days=60 * n))
        for n in range(30)
    ]
    window.patient.changed(patient_id)
    _settled(qtbot, window)
    window.open_visit(visits[-1].id)
    window.patient.changed(patient_id)  # read again while the Visit tab is shown
    _settled(qtbot, window)

    window.patient_tabs.setCurrentWidget(window.timeline)
    view = window.timeline.view
    current = view.currentIndex()
    assert window.timeline.model.entry(current.row()).visit.id == visits[-1].id
    assert view.viewport().rect().intersects(view.visualRect(current))
