"""Recording a visit in the main window, as a practitioner does it, from start to addendum."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import (
    CocktailLineRecord,
    CocktailRecord,
    LotRecord,
    ProductRecord,
)
from mesodesk.domain.vocabulary import Area, Reaction, VisitStatus
from mesodesk.ui.main_window import MainWindow
from tests.ui.typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def clinic(window: MainWindow) -> dict[str, int]:
    """A patient, and a two-product cocktail with a lot of each product on the shelf."""
    catalog = window.services.catalog
    expires = date.today() + timedelta(days=365)
    lots = {}
    lines = []
    for name, number, volume in (("Vitamin C 5%", "VC-101", "2"), ("Rutin 1%", "RT-7", "1")):
        product = catalog.save_product(ProductRecord(id=None, name=name))
        lots[number] = catalog.receive_lot(
            LotRecord(
                id=None,
                product_id=product.id,
                product_name=name,
                lot_number=number,
                expires_on=expires,
                on_hand=Decimal("10"),
            )
        ).id
        lines.append(CocktailLineRecord(product.id, name, Decimal(volume)))
    catalog.save_cocktail(CocktailRecord(id=None, name="Vascular cocktail", lines=tuple(lines)))
    patient = window.services.patients.save(PatientCard(last_name="Иванова", first_name="Мария"))
    window.patient_list.refresh()
    window.open_patient(patient.id)
    return {"patient": patient.id, **lots}


def _on_hand(window: MainWindow, lot_id: int) -> Decimal:
    return next(lot.on_hand for lot in window.services.catalog.list_lots() if lot.id == lot_id)


def _start_today(qtbot, window: MainWindow):
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    pane = window.visit_pane
    assert window.patient_tabs.currentWidget() is window.visit_tab
    assert pane.record is not None and pane.record.status is VisitStatus.PLANNED
    return pane


def test_a_visit_is_recorded_signed_and_corrected_end_to_end(qtbot, window, clinic):
    opened = []
    window.visit_opened.connect(opened.append)
    pane = _start_today(qtbot, window)
    assert opened[-1].id == pane.record.id

    pane.add_cocktail_choice.setCurrentIndex(pane.add_cocktail_choice.findText("Vascular cocktail"))
    qtbot.mouseClick(pane.add_cocktail_button, Qt.MouseButton.LeftButton)
    assert [pane.lines.item(row, 0).text() for row in range(pane.lines.rowCount())] == [
        "Vitamin C 5%",
        "Rutin 1%",
    ]
    qtbot.mouseClick(pane.add_reaction_button, Qt.MouseButton.LeftButton)
    kind = pane.reactions.cellWidget(0, 0)
    kind.setCurrentIndex(kind.findData(Reaction.REDNESS))
    pane.areas[Area.FACE].setChecked(True)
    type_text(pane.practitioner, "Смирнова О. В.")
    type_text(pane.notes, "Папулы рассосались за 20 минут.")
    type_text(pane.price, "3500")
    assert pane.is_dirty() and pane.save_button.isEnabled()

    qtbot.keyClick(pane.notes, Qt.Key.Key_S, CTRL)
    assert not pane.is_dirty()
    assert _on_hand(window, clinic["VC-101"]) == Decimal("8")
    assert _on_hand(window, clinic["RT-7"]) == Decimal("9")
    stored = window.services.visits.get(pane.record.id)
    assert stored.notes == "Папулы рассосались за 20 минут." and stored.price_minor == 350000
    assert [line.cocktail_name for line in stored.product_lines] == ["Vascular cocktail"] * 2

    qtbot.mouseClick(pane.done_button, Qt.MouseButton.LeftButton)
    assert pane.record.status is VisitStatus.DONE
    assert window.services.patients.search("Иванова")[0].last_visit_on == date.today()

    asked = []
    pane.confirm_sign = lambda visit, signer: asked.append(signer) or True
    qtbot.keyClick(pane.notes, Qt.Key.Key_S, CTRL_SHIFT)
    assert asked == ["Смирнова О. В."]
    assert pane.record.signed and pane.signature.isVisible()
    assert pane.signature.text().startswith("Signed by Смирнова О. В. on ")
    assert not pane.notes.isEnabled() and not pane.add_cocktail_button.isVisible()

    type_text(pane.addendum_text, "Вечером покраснение прошло.")
    qtbot.mouseClick(pane.addendum_button, Qt.MouseButton.LeftButton)
    assert "Вечером покраснение прошло." in pane.addenda.text()
    assert window.services.visits.get(pane.record.id).notes == "Папулы рассосались за 20 минут."

    timeline = window.timeline
    (entry,) = [e for e in timeline.model._entries if e.visit is not None]
    row = timeline.model.row_of_visit(entry.visit.id)
    shown = timeline.model.data(timeline.model.index(row))
    assert "Signed" in shown and "Face" in shown
    assert entry.visit.reactions[0].reaction is Reaction.REDNESS

    tomorrow = datetime.now(UTC) + timedelta(days=1)
    planned = window.services.visits.start_visit(clinic["patient"], tomorrow, "Смирнова О. В.")
    timeline.refresh()
    window.patient_tabs.setCurrentWidget(timeline)
    assert timeline.next_visit.isVisible() and "Next visit:" in timeline.next_visit.text()
    timeline.view.setCurrentIndex(timeline.model.index(timeline.model.row_of_visit(planned.id)))
    timeline.view.setFocus()
    qtbot.keyClick(timeline.view, Qt.Key.Key_Return)
    assert pane.record.id == planned.id
    assert pane.last_time.isVisible()
    assert "redness (mild)" in pane.last_time.text.text()
    assert opened[-1].id == planned.id


def test_a_lot_with_too_little_left_is_refused_inline_and_the_typing_stays(qtbot, window, clinic):
    pane = _start_today(qtbot, window)
    pane.add_lot.setCurrentIndex(pane.add_lot.findData(clinic["RT-7"]))
    pane.add_volume.setValue(12.0)
    type_text(pane.notes, "Пробная запись")
    qtbot.keyClick(pane.notes, Qt.Key.Key_L, CTRL_SHIFT)
    assert pane.save() is False
    assert pane.lines_error.isVisible()
    assert pane.lines_error.text() == "Lot RT-7 has 10.0 ml left; 12.0 ml cannot be recorded."
    assert pane.notes.toPlainText() == "Пробная запись" and pane.lines.rowCount() == 1
    assert pane.is_dirty() and _on_hand(window, clinic["RT-7"]) == Decimal("10")


def test_changing_patient_closes_the_open_visit(qtbot, window, clinic):
    opened = []
    window.visit_opened.connect(opened.append)
    _start_today(qtbot, window)
    other = window.services.patients.save(PatientCard(last_name="Петрова"))
    window.open_patient(other.id)
    assert opened[-1] is None and window.visit_pane.record is None


def test_a_future_visit_marked_done_keeps_its_notes_and_says_why_it_stays_planned(
    qtbot, window, clinic
):
    later = datetime.now(UTC) + timedelta(days=7)
    visit = window.services.visits.start_visit(clinic["patient"], later, "Смирнова О. В.")
    pane = window.visit_pane
    pane.open_visit(visit.id)
    type_text(pane.notes, "Подготовка к курсу")
    pane.status.setCurrentIndex(pane.status.findData(VisitStatus.DONE))
    assert pane.save() is False
    assert pane.error.text() == "A visit on a future day cannot be marked done yet."
    stored = window.services.visits.get(visit.id)
    assert stored.notes == "Подготовка к курсу" and stored.status is VisitStatus.PLANNED
    assert not pane.is_dirty()
