"""The Anamnesis tab driven as a practitioner drives it: what is entered shows in red above."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from mesodesk.domain.anamnesis import (
    AllergyEntry,
    Anamnesis,
    ConditionEntry,
    DayChecklist,
    MedicationEntry,
)
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.ui.anamnesis_pane import MEDICATION_FLAGS, AnamnesisPane
from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.theme import apply_theme
from tests.ui.typing import type_text


def _open(
    qtbot, window: MainWindow, last_name: str = "Иванова"
) -> tuple[PatientCard, AnamnesisPane]:
    card = window.services.patients.save(PatientCard(last_name=last_name, first_name="Мария"))
    window.open_patient(card.id)
    pane = window.findChild(AnamnesisPane, "anamnesisPane")
    window.patient_tabs.setCurrentWidget(pane)
    return card, pane


def _save(qtbot, window: MainWindow, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.runner.busy)


def test_an_allergy_typed_in_shows_as_a_red_alert_in_the_header(qtbot, window):
    apply_theme(QApplication.instance())
    card, pane = _open(qtbot, window)
    assert window.header.alerts.text() == ""
    add = next(b for b in pane.findChildren(QPushButton) if b.text() == "Add a&llergy")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    substance = pane.allergies.cellWidget(0, 0)
    assert isinstance(substance, QLineEdit) and substance.hasFocus()
    type_text(substance, "лидокаин")
    assert pane.is_dirty() and pane.save_button.isEnabled()
    _save(qtbot, window, substance)
    assert window.header.alerts.isVisible()
    assert window.header.alerts.text() == "Allergy: лидокаин"
    red = window.header.alerts.palette().color(QPalette.ColorRole.WindowText)
    assert red.red() > 150 and red.green() < 80
    stored = window.services.anamnesis.get(card.id).anamnesis
    assert [a.substance for a in stored.allergies] == ["лидокаин"]
    assert not pane.is_dirty()


def test_a_pregnant_patient_is_marked_in_the_list(qtbot, window):
    _card, pane = _open(qtbot, window, "Петрова")
    window.services.patients.save(PatientCard(last_name="Смирнова"))
    pane.pregnant.setFocus()
    qtbot.keyClick(pane.pregnant, Qt.Key.Key_Space)
    type_text(pane.due_on, "01.06.2031")
    _save(qtbot, window, pane.due_on)
    window.patient_list.refresh()
    model = window.patient_list.model
    qtbot.waitUntil(lambda: not window.runner.busy and model.rowCount() == 2)
    qtbot.waitUntil(lambda: "⚠" in model.index(0, 0).data())
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert names == ["⚠ Петрова Мария", "Смирнова"]
    assert "Active absolute contraindication" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert window.header.alerts.text() == "Pregnancy"


def test_a_condition_is_chosen_from_the_catalog_with_its_russian_name_at_hand(qtbot, window):
    card, pane = _open(qtbot, window)
    pane.add_condition()
    combo = pane.conditions.cellWidget(0, 0)
    index = combo.findData("diabetes")
    assert combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == "Сахарный диабет"
    combo.setCurrentIndex(index)
    pane.save()
    stored = window.services.anamnesis.get(card.id).anamnesis
    assert [(c.code, c.active) for c in stored.conditions] == [("diabetes", True)]
    assert window.header.alerts.text() == "Diabetes mellitus"


def test_an_unreadable_date_is_reported_and_nothing_is_saved(qtbot, window):
    card, pane = _open(qtbot, window)
    type_text(pane.childbirth_on, "31.02.2024")
    assert not pane.save()
    assert pane.error.isVisible() and "dd.mm.yyyy" in pane.error.text()
    assert window.services.anamnesis.get(card.id).version == 0


def test_another_patients_anamnesis_replaces_the_shown_one(qtbot, window):
    first, pane = _open(qtbot, window, "Петрова")
    window.services.anamnesis.save(
        PatientAnamnesisRecord(first.id, Anamnesis(conditions=(ConditionEntry("epilepsy"),)))
    )
    second = window.services.patients.save(PatientCard(last_name="Смирнова"))
    window.open_patient(second.id)
    assert pane.conditions.rowCount() == 0 and window.header.alerts.text() == ""
    window.open_patient(first.id)
    assert pane.conditions.rowCount() == 1
    assert window.header.alerts.text() == "Epilepsy"


def test_a_broken_clinic_catalog_is_shown_in_a_red_banner(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setenv("MESODESK_DATA_DIR", str(tmp_path))
    (tmp_path / "contraindications.json").write_text("[{]", encoding="utf-8")
    _open(qtbot, window)
    assert window.notice_bar.is_showing() and window.notice_bar.property("kind") == "error"
    assert "cannot be used" in window.notice_bar.text.text()
    assert "shipped with MesoDesk is in force" in window.notice_bar.text.text()


def _add_medication(qtbot, pane: AnamnesisPane) -> QLineEdit:
    add = next(b for b in pane.findChildren(QPushButton) if b.text() == "Add &medication")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    name = pane.medications.cellWidget(pane.medications.rowCount() - 1, 0)
    assert isinstance(name, QLineEdit) and name.hasFocus()
    return name


def _ticked(pane: AnamnesisPane, row: int = 0) -> list[str]:
    return [
        flag.value
        for column, flag in enumerate(MEDICATION_FLAGS, start=1)
        if pane.medications.item(row, column).checkState() == Qt.CheckState.Checked
    ]


def test_typing_roaccutane_ticks_the_retinoid_flag_and_shows_it_in_the_header(qtbot, window):
    apply_theme(QApplication.instance())
    card, pane = _open(qtbot, window)
    name = _add_medication(qtbot, pane)
    type_text(name, "Роаккутан")
    assert _ticked(pane) == ["retinoid"]
    assert window.header.alerts.text() == "Retinoid: Роаккутан"
    assert pane.is_dirty()
    _save(qtbot, window, name)
    stored = window.services.anamnesis.get(card.id).anamnesis.medications
    assert [(m.name, m.retinoid) for m in stored] == [("Роаккутан", True)]
    assert window.header.alerts.text() == "Retinoid: Роаккутан"
    red = window.header.alerts.palette().color(QPalette.ColorRole.WindowText)
    assert red.red() > 150 and red.green() < 80


def test_a_flag_unticked_by_the_practitioner_stays_unticked_and_is_kept(qtbot, window):
    card, pane = _open(qtbot, window)
    name = _add_medication(qtbot, pane)
    type_text(name, "Гепариновая мазь")
    assert _ticked(pane) == ["anticoagulant"]
    pane.medications.setFocus()
    pane.medications.setCurrentCell(0, 1)
    qtbot.keyClick(pane.medications, Qt.Key.Key_Space)
    assert _ticked(pane) == []
    assert window.header.alerts.text() == ""
    type_text(name, " 2 раза в день")
    assert _ticked(pane) == []
    _save(qtbot, window, name)
    (stored,) = window.services.anamnesis.get(card.id).anamnesis.medications
    assert (stored.anticoagulant, stored.cleared) == (False, frozenset({"anticoagulant"}))
    visit = window.services.visits.start_visit(card.id, practitioner="Practitioner")
    findings = window.services.screening.screen_visit(visit.id, DayChecklist())
    assert [f.key for f in findings] == ["birth_date_missing"]


def test_a_flag_ticked_by_a_name_goes_when_the_name_changes(qtbot, window):
    _card, pane = _open(qtbot, window)
    name = _add_medication(qtbot, pane)
    type_text(name, "Варфарин")
    assert _ticked(pane) == ["anticoagulant"]
    name.clear()
    type_text(name, "Витамин D")
    assert _ticked(pane) == []
    pane.medications.setFocus()
    pane.medications.setCurrentCell(0, 4)
    qtbot.keyClick(pane.medications, Qt.Key.Key_Space)
    type_text(name, "3")
    assert _ticked(pane) == ["hormonal"]
    assert window.header.alerts.text() == "Hormonal: Витамин D3"


def test_the_header_keeps_its_height_and_cuts_long_alerts_with_the_whole_in_a_tooltip(
    qtbot, window
):
    card, _pane = _open(qtbot, window)
    header = window.header
    empty_height = header.height()
    allergies = tuple(AllergyEntry(f"Очень длинное название вещества номер {n}") for n in range(12))
    medications = (MedicationEntry("Варфарин"), MedicationEntry("Роаккутан"))
    window.services.anamnesis.save(
        PatientAnamnesisRecord(card.id, Anamnesis(allergies=allergies, medications=medications))
    )
    window.open_patient(card.id)
    qtbot.waitUntil(lambda: "Retinoid: Роаккутан" in header.alerts.text())
    assert header.height() == empty_height
    shown = header.alerts.shown_text()
    assert shown.endswith("…") and len(shown) < len(header.alerts.text())
    tooltip = header.alerts.toolTip().splitlines()
    assert tooltip[0] == "Allergy: Очень длинное название вещества номер 0"
    assert tooltip[-2:] == ["Anticoagulant: Варфарин", "Retinoid: Роаккутан"]
    long_name = window.services.patients.save(
        PatientCard(last_name="Константинопольская-Водкина-Преображенская", first_name="Мария")
    )
    window.open_patient(long_name.id)
    assert header.height() == empty_height


def test_a_broken_clinic_medicine_dictionary_is_shown_in_a_red_banner(
    qtbot, window, tmp_path, monkeypatch
):
    monkeypatch.setenv("MESODESK_DATA_DIR", str(tmp_path))
    (tmp_path / "medicines.json").write_text('{"medicines": [{"names": ["x"]}]}', "utf-8")
    _card, pane = _open(qtbot, window)
    assert window.notice_bar.is_showing() and window.notice_bar.property("kind") == "error"
    assert "medicine dictionary" in window.notice_bar.text.text()
    assert "shipped with MesoDesk is in force" in window.notice_bar.text.text()
    name = _add_medication(qtbot, pane)
    type_text(name, "Ксарелто")
    assert _ticked(pane) == ["anticoagulant"]
