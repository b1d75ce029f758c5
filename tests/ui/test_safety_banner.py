"""The findings banner on the Visit tab: red blocks, overrides with reasons, the day's questions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from mesodesk.domain.anamnesis import Anamnesis
from mesodesk.domain.patient import format_date
from mesodesk.domain.records import ProductLineRecord
from mesodesk.domain.vocabulary import VisitStatus
from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.safety_banner import SafetyBanner
from tests.integration.safety_helpers import add_lot, add_patient, add_visit, allergic_to
from tests.ui.typing import type_text


def _open_visit(
    qtbot, window: MainWindow, anamnesis: Anamnesis, lots=()
) -> tuple[int, SafetyBanner]:
    patient = add_patient(window.services, anamnesis=anamnesis)
    visit = add_visit(window.services, patient.id, tuple(lots))
    window.open_patient(patient.id)
    if window.patient_tabs.indexOf(window.visit_tab) < 0:
        window.add_patient_tab(window.visit_tab, "Visit")
    window.patient_tabs.setCurrentWidget(window.visit_tab)
    window.visit_pane.open_visit(visit.id)
    banner = window.findChild(SafetyBanner)
    qtbot.waitUntil(lambda: banner.screening() is not None)
    return visit.id, banner


def _shown(banner: SafetyBanner) -> list[tuple[str, str]]:
    """(severity, reason) of every finding shown, top to bottom."""
    return [
        (frame.property("severity"), frame.findChild(QLabel, "findingReason").text())
        for frame in banner.finding_frames()
    ]


def _button(frame, name: str) -> QPushButton | None:
    return frame.findChild(QPushButton, name)


def _click(qtbot, frame, name: str) -> None:
    """Press a finding's button once the banner has laid it out, as a user would."""
    button = _button(frame, name)
    qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _rescreened(qtbot, banner: SafetyBanner, before) -> None:
    qtbot.waitUntil(lambda: banner.screening() not in (None, before))
    qtbot.waitUntil(lambda: not banner.window().runner.busy)


def test_a_pregnant_patients_visit_shows_a_red_block_on_top(qtbot, window):
    _visit_id, banner = _open_visit(qtbot, window, Anamnesis(pregnant=True))
    assert banner.isVisible()
    severity, reason = _shown(banner)[0]
    assert severity == "block"
    assert reason.startswith("Pregnancy: an absolute contraindication to mesotherapy")
    top = banner.finding_frames()[0]
    qtbot.waitUntil(lambda: _button(top, "overrideButton").isVisible())
    assert "Marking done and signing need a written reason" in banner.summary.text()


def test_going_ahead_is_refused_until_an_override_with_a_reason_is_recorded(qtbot, window):
    visit_id, banner = _open_visit(qtbot, window, Anamnesis(pregnant=True))
    pane = window.visit_pane
    pane.confirm_sign = lambda visit, signer: True
    before = banner.screening()
    qtbot.mouseClick(banner.none_apply, Qt.MouseButton.LeftButton)
    _rescreened(qtbot, banner, before)
    pane.mark_done()
    assert window.banner.text.text().startswith(
        "This visit cannot be marked done or signed: Pregnancy has no recorded reason."
    )
    assert window.services.visits.get(visit_id).status is VisitStatus.PLANNED

    banner.ask_override_reason = lambda finding: "   "
    before = banner.screening()
    _click(qtbot, banner.finding_frames()[0], "overrideButton")
    assert window.banner.text.text() == "Write the reason for going ahead despite this finding."

    banner.ask_override_reason = lambda finding: "Termination planned; patient insists in writing."
    _click(qtbot, banner.finding_frames()[0], "overrideButton")
    _rescreened(qtbot, banner, before)
    qtbot.waitUntil(lambda: banner.finding_frames()[0].property("overridden") == "true")
    top = banner.finding_frames()[0]
    note = top.findChild(QLabel, "overrideNote").text()
    assert note == (
        f"Overridden by Practitioner on {format_date(date.today())}: "
        "Termination planned; patient insists in writing."
    )
    assert _button(top, "overrideButton") is None
    pane.mark_done()
    qtbot.waitUntil(lambda: window.services.visits.get(visit_id).status is VisitStatus.DONE)
    pane.sign()
    assert window.services.visits.get(visit_id).signed
    (kept,) = window.services.visits.get(visit_id).overrides
    assert (kept.finding_code, kept.finding_subject, kept.decided_by) == (
        "contraindication",
        "pregnancy",
        "Practitioner",
    )


def test_a_cocktail_with_lidocaine_is_blocked_for_a_patient_allergic_to_it(qtbot, window):
    lot = add_lot(window.services, "Acne cocktail", [("Gentamicin", ""), ("Lidocaine", "лидокаин")])
    _visit_id, banner = _open_visit(qtbot, window, allergic_to("лидокаин"), [lot])
    severity, reason = _shown(banner)[0]
    assert severity == "block"
    assert reason.startswith('Allergy to лидокаин (urticaria): "Acne cocktail" contains Lidocaine')


def test_ticking_fever_postpones_the_visit_and_is_kept_with_it(qtbot, window):
    visit_id, banner = _open_visit(qtbot, window, Anamnesis())
    assert ("info", banner.screening().findings[-1].reason) in _shown(banner)
    before = banner.screening()
    banner.questions["fever"].setFocus()
    qtbot.keyClick(banner.questions["fever"], Qt.Key.Key_Space)
    _rescreened(qtbot, banner, before)
    severity, reason = _shown(banner)[0]
    assert (severity, reason.split(":")[0]) == ("postpone", "Fever")
    qtbot.waitUntil(_button(banner.finding_frames()[0], "rescheduleButton").isVisible)
    assert window.services.visits.get(visit_id).checklist["fever"] is True


def test_reschedule_moves_the_visit_to_the_day_chosen(qtbot, window):
    visit_id, banner = _open_visit(qtbot, window, Anamnesis())
    before = banner.screening()
    banner.questions["active_herpes"].setChecked(True)
    _rescreened(qtbot, banner, before)
    later = date.today() + timedelta(days=10)
    banner.ask_new_date = lambda finding: later
    with qtbot.waitSignal(window.visit_opened) as opened:
        _click(qtbot, banner.finding_frames()[0], "rescheduleButton")
    assert opened.args[0].starts_at.astimezone().date() == later
    assert window.services.visits.get(visit_id).starts_at.astimezone().date() == later
    assert window.banner.text.text() == f"The visit is moved to {format_date(later)}."


def test_the_days_answers_survive_saving_the_visit_notes_afterwards(qtbot, window):
    visit_id, banner = _open_visit(qtbot, window, Anamnesis())
    before = banner.screening()
    banner.questions["menstruation"].setFocus()
    qtbot.keyClick(banner.questions["menstruation"], Qt.Key.Key_Space)
    _rescreened(qtbot, banner, before)
    type_text(window.visit_pane.notes, "Face, pinpoint technique.")
    assert window.visit_pane.save()
    stored = window.services.visits.get(visit_id)
    assert stored.notes == "Face, pinpoint technique."
    assert stored.checklist["menstruation"] is True


def test_findings_follow_the_plan_before_it_is_saved(qtbot, window):
    _visit_id, banner = _open_visit(qtbot, window, allergic_to("lidocaine"))
    assert [s for s, _ in _shown(banner)].count("block") == 0
    lot = add_lot(window.services, "Anaesthetic mix", [("Lidocaine", "")])
    line = ProductLineRecord(lot_id=lot, volume_ml=Decimal("1"))
    before = banner.screening()
    banner.plan_changed(replace(banner.visit, product_lines=(line,)))
    _rescreened(qtbot, banner, before)
    severity, reason = _shown(banner)[0]
    assert severity == "block" and '"Anaesthetic mix" contains Lidocaine' in reason


def test_adding_a_lot_in_the_visit_pane_rescreens_before_saving(qtbot, window):
    lot = add_lot(window.services, "Anaesthetic mix", [("лидокаин", "")])
    visit_id, banner = _open_visit(qtbot, window, allergic_to("Lidocaine"))
    assert [s for s, _ in _shown(banner)].count("block") == 0
    pane = window.visit_pane
    pane.add_lot.setCurrentIndex(pane.add_lot.findData(lot))
    before = banner.screening()
    pane.add_line()
    _rescreened(qtbot, banner, before)
    severity, reason = _shown(banner)[0]
    assert severity == "block" and "Anaesthetic mix" in reason
    assert window.services.visits.get(visit_id).product_lines == ()
