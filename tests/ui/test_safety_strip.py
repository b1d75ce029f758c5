"""The safety strip on the Visit tab: red blocks, overrides with reasons, the day's questions,
and one fixed height whatever the findings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from mesodesk.domain.anamnesis import Anamnesis
from mesodesk.domain.vocabulary import VisitStatus
from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.text import show_date
from mesodesk.ui.visit.safety import STRIP_HEIGHT, FindingRow, SafetyStrip
from tests.integration.safety_helpers import add_lot, add_patient, add_visit, allergic_to
from tests.ui.typing import type_text


def _open_visit(
    qtbot, window: MainWindow, anamnesis: Anamnesis, lots=()
) -> tuple[int, SafetyStrip]:
    patient = add_patient(window.services, anamnesis=anamnesis)
    visit = add_visit(window.services, patient.id, tuple(lots))
    window.open_patient(patient.id)
    window.open_visit(visit.id)
    strip = window.visit_tab.strip
    _settled(qtbot, window)
    return visit.id, strip


def _settled(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.visit.screening is not None and not window.runner.busy)
    qtbot.wait(10)  # the coalescing timer may have queued one more screening
    qtbot.waitUntil(lambda: not window.runner.busy)


def _rows(qtbot, strip: SafetyStrip) -> list[FindingRow]:
    strip.open_findings()
    qtbot.waitUntil(strip.findings_popup.isVisible)
    return strip.findings_panel.rows_shown()


def _shown(qtbot, strip: SafetyStrip) -> list[tuple[str, str]]:
    """(severity, reason) of every finding in the list, top to bottom."""
    return [
        (row.property("severity"), row.findChild(QLabel, "findingReason").text())
        for row in _rows(qtbot, strip)
    ]


def _click(qtbot, row: FindingRow, name: str) -> None:
    button = row.findChild(QPushButton, name)
    qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_pregnant_patients_visit_shows_the_red_block_in_the_strip(qtbot, window):
    _visit_id, strip = _open_visit(qtbot, window, Anamnesis(pregnant=True))
    assert strip.property("level") == "block"
    assert strip.headline.text() == "Do not inject: Pregnancy"
    assert "1 × do not inject" in strip.counts.text()
    severity, reason = _shown(qtbot, strip)[0]
    assert severity == "block"
    assert reason.startswith("Pregnancy: an absolute contraindication to mesotherapy")


def test_going_ahead_is_refused_until_an_override_with_a_reason_is_recorded(qtbot, window):
    visit_id, strip = _open_visit(qtbot, window, Anamnesis(pregnant=True))
    actions = window.visit_tab.visit_actions
    actions.confirm_sign = lambda visit: True
    strip.open_checklist()
    qtbot.mouseClick(strip.checklist_panel.none_apply, Qt.MouseButton.LeftButton)
    _settled(qtbot, window)
    assert not actions.mark_done()
    assert window.notice_bar.text.text().startswith(
        "This visit cannot be marked done or signed: Pregnancy has no recorded reason."
    )
    assert window.services.visits.get(visit_id).status is VisitStatus.PLANNED

    strip.ask_override_reason = lambda finding, who: ("   ", who)
    _click(qtbot, _rows(qtbot, strip)[0], "overrideButton")
    assert "Write the reason for going ahead" in window.notice_bar.text.text()

    strip.ask_override_reason = lambda finding, who: (
        "Termination planned; patient insists in writing.",
        who,
    )
    _click(qtbot, _rows(qtbot, strip)[0], "overrideButton")
    _settled(qtbot, window)
    top = _rows(qtbot, strip)[0]
    assert top.property("overridden") == "true"
    assert top.findChild(QLabel, "overrideNote").text() == (
        f"Overridden by Practitioner on {show_date(date.today())}: "
        "Termination planned; patient insists in writing."
    )
    assert top.findChild(QPushButton, "overrideButton") is None
    strip.findings_popup.hide()
    # a decision with its reason stays in sight, no longer as an alarm
    assert strip.property("level") == "warning"
    assert strip.headline.text() == "Overridden: Pregnancy"
    assert "1 × overridden" in strip.counts.text()
    assert "do not inject" not in strip.counts.text()
    assert actions.mark_done()
    assert window.services.visits.get(visit_id).status is VisitStatus.DONE
    assert actions.sign()
    stored = window.services.visits.get(visit_id)
    assert stored.signed and stored.signed_by == "Practitioner"
    (kept,) = stored.overrides
    assert (kept.finding_code, kept.finding_subject, kept.decided_by) == (
        "contraindication",
        "pregnancy",
        "Practitioner",
    )


def test_an_override_needs_a_practitioners_name_never_the_computers_login(qtbot, window):
    visit_id, strip = _open_visit(qtbot, window, Anamnesis(pregnant=True))
    strip.ask_override_reason = lambda finding, who: ("Patient insists.", "")
    assert not strip.override(strip.visit.screening.unresolved[0])
    assert window.services.visits.get(visit_id).overrides == ()
    assert "practitioner" in window.notice_bar.text.text()


def test_a_cocktail_with_lidocaine_is_blocked_for_a_patient_allergic_to_it(qtbot, window):
    lot = add_lot(window.services, "Acne cocktail", [("Gentamicin", ""), ("Lidocaine", "лидокаин")])
    _visit_id, strip = _open_visit(qtbot, window, allergic_to("лидокаин"), [lot])
    severity, reason = _shown(qtbot, strip)[0]
    assert severity == "block"
    assert reason.startswith('Allergy to лидокаин (urticaria): "Acne cocktail" contains Lidocaine')


def test_ticking_fever_postpones_the_visit_and_is_kept_with_it(qtbot, window):
    visit_id, strip = _open_visit(qtbot, window, Anamnesis())
    assert strip.checklist_button.text() == "Ask today's questions ▾"
    strip.open_checklist()
    fever = strip.checklist_panel.questions["fever"]
    fever.setFocus()
    qtbot.keyClick(fever, Qt.Key.Key_Space)
    _settled(qtbot, window)
    severity, reason = _shown(qtbot, strip)[0]
    assert (severity, reason.split(":")[0]) == ("postpone", "Fever")
    assert _rows(qtbot, strip)[0].findChild(QPushButton, "rescheduleButton") is not None
    assert window.services.visits.get(visit_id).checklist["fever"] is True
    assert strip.checklist_button.text() == "Asked today: 1 yes ▾"


def test_none_apply_folds_the_questions_to_one_line(qtbot, window):
    _visit_id, strip = _open_visit(qtbot, window, Anamnesis())
    strip.open_checklist()
    assert strip.checklist_popup.isVisible()
    qtbot.mouseClick(strip.checklist_panel.none_apply, Qt.MouseButton.LeftButton)
    assert not strip.checklist_popup.isVisible()
    _settled(qtbot, window)
    assert strip.checklist_button.text() == "Asked today: none apply ✓"


def test_reschedule_moves_the_visit_to_the_day_chosen(qtbot, window):
    visit_id, strip = _open_visit(qtbot, window, Anamnesis())
    strip.open_checklist()
    strip.checklist_panel.questions["active_herpes"].setChecked(True)
    _settled(qtbot, window)
    later = date.today() + timedelta(days=10)
    strip.ask_new_date = lambda finding: later
    _click(qtbot, _rows(qtbot, strip)[0], "rescheduleButton")
    assert window.services.visits.get(visit_id).starts_at.astimezone().date() == later
    assert window.visit.draft.starts_at.astimezone().date() == later
    assert window.notice_bar.text.text() == "The visit is moved."


def test_the_days_answers_survive_saving_the_visit_notes_afterwards(qtbot, window):
    visit_id, strip = _open_visit(qtbot, window, Anamnesis())
    strip.open_checklist()
    box = strip.checklist_panel.questions["menstruation"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    strip.checklist_popup.hide()
    _settled(qtbot, window)
    type_text(window.visit_tab.form.notes, "Face, pinpoint technique.")
    assert window.visit.save()
    stored = window.services.visits.get(visit_id)
    assert stored.notes == "Face, pinpoint technique."
    assert stored.checklist["menstruation"] is True


def test_adding_a_lot_in_the_form_rescreens_before_saving(qtbot, window):
    lot = add_lot(window.services, "Anaesthetic mix", [("лидокаин", "")])
    visit_id, strip = _open_visit(qtbot, window, allergic_to("Lidocaine"))
    assert [s for s, _ in _shown(qtbot, strip)].count("block") == 0
    lines = window.visit_tab.form.lines
    window.visit_tab.form.lines.set_stock(window.visit.lots, window.visit.cocktails)
    lines.add_lot.setCurrentIndex(lines.add_lot.findData(lot))
    lines.add_line()
    _settled(qtbot, window)
    severity, reason = _shown(qtbot, strip)[0]
    assert severity == "block" and "Anaesthetic mix" in reason
    assert window.services.visits.get(visit_id).product_lines == ()


def test_the_strip_keeps_its_height_as_findings_come_and_go(qtbot, window):
    lot = add_lot(window.services, "Anaesthetic mix", [("Lidocaine", "")])
    _visit_id, strip = _open_visit(qtbot, window, allergic_to("lidocaine"))
    window.patient_tabs.setCurrentWidget(window.visit_tab)
    form = window.visit_tab.form
    top_of_form = form.mapTo(window, form.rect().topLeft())
    heights = {strip.height()}
    lines = form.lines
    lines.add_lot.setCurrentIndex(lines.add_lot.findData(lot))
    lines.add_line()
    _settled(qtbot, window)
    heights.add(strip.height())
    assert strip.property("level") == "block"
    strip.open_checklist()
    strip.checklist_panel.questions["fever"].setChecked(True)
    strip.checklist_panel.questions["active_herpes"].setChecked(True)
    strip.checklist_popup.hide()
    _settled(qtbot, window)
    heights.add(strip.height())
    assert heights == {STRIP_HEIGHT}
    assert form.mapTo(window, form.rect().topLeft()) == top_of_form


def test_an_answer_given_on_another_workstation_meanwhile_is_kept_with_this_ones(qtbot, window):
    visit_id, strip = _open_visit(qtbot, window, Anamnesis())
    strip.open_checklist()
    fever = strip.checklist_panel.questions["fever"]
    fever.setFocus()
    qtbot.keyClick(fever, Qt.Key.Key_Space)
    _settled(qtbot, window)
    elsewhere = window.services.screening
    asked = elsewhere.screening(visit_id).checklist
    elsewhere.save_checklist(visit_id, replace(asked, active_herpes=True), based_on=asked)

    qtbot.keyClick(fever, Qt.Key.Key_Space)  # taken back here: no fever after all
    _settled(qtbot, window)

    stored = window.services.visits.get(visit_id).checklist
    assert (stored["fever"], stored["active_herpes"]) == (False, True)
    assert strip.checklist_button.text() == "Asked today: 1 yes ▾"


def test_a_date_answered_differently_elsewhere_is_refused_and_the_stored_one_shown(qtbot, window):
    visit_id, strip = _open_visit(qtbot, window, Anamnesis())
    strip.open_checklist()
    qtbot.mouseClick(strip.checklist_panel.none_apply, Qt.MouseButton.LeftButton)
    _settled(qtbot, window)
    elsewhere = window.services.screening
    asked = elsewhere.screening(visit_id).checklist
    peeled = date.today() - timedelta(days=2)
    elsewhere.save_checklist(visit_id, replace(asked, recent_peeling_on=peeled), based_on=asked)

    assert not window.visit.save_checklist(
        replace(asked, recent_peeling_on=peeled - timedelta(days=1))
    )
    _settled(qtbot, window)

    assert "changed on another workstation" in window.notice_bar.text.text()
    assert window.visit.screening.checklist.recent_peeling_on == peeled
    assert window.services.visits.get(visit_id).checklist["recent_peeling_on"] == (
        peeled.isoformat()
    )


def test_an_opened_visit_shows_its_findings_at_once_without_checking_first(qtbot, window):
    patient = add_patient(window.services, anamnesis=Anamnesis(pregnant=True))
    visit = add_visit(window.services, patient.id, ())
    window.open_patient(patient.id)
    strip = window.visit_tab.strip
    headlines: list[str] = []
    window.visit.record_changed.connect(lambda _record: headlines.append(strip.headline.text()))

    window.open_visit(visit.id)

    assert headlines and "Checking" not in headlines[0]
    assert "pregnan" in strip.headline.text().lower()
    assert strip.line.property("level") == "block"
