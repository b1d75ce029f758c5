"""Screening a visit on both engines: allergies by ingredient, the day's checklist, overrides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from mesodesk.domain.anamnesis import AllergyEntry, Anamnesis, DayChecklist
from mesodesk.domain.findings import Severity
from mesodesk.domain.records import ProductLineRecord
from mesodesk.domain.vocabulary import VisitStatus
from mesodesk.services.errors import StaleRecord, ValidationFailed
from mesodesk.services.screening import UnresolvedBlock
from tests.integration.safety_helpers import add_lot, add_patient, add_visit, allergic_to

ASKED = DayChecklist()


def _codes(findings, severity: Severity) -> list[str]:
    return [f.key for f in findings if f.severity is severity]


@pytest.mark.parametrize(
    ("product", "ingredients"),
    [
        ("Anaesthetic mix", [("Lidocaine", "")]),
        ("Смесь с анестетиком", [("лидокаин", "")]),
        ("Acne cocktail", [("Gentamicin", "гентамицин"), ("Lignocaine 2%", "лидокаин 2%")]),
    ],
)
def test_an_allergy_to_lidocaine_blocks_a_cocktail_containing_it(services, product, ingredients):
    patient = add_patient(services, anamnesis=allergic_to("lidocaine"))
    visit = add_visit(services, patient.id, (add_lot(services, product, ingredients),))
    findings = services.screening.screen_visit(visit.id, ASKED)
    blocks = [f for f in findings if f.severity is Severity.BLOCK]
    assert [f.key for f in blocks] == ["allergy:lidocaine"]
    assert f'"{product}" contains' in blocks[0].reason
    assert "Allergy to lidocaine (urticaria)" in blocks[0].reason


def test_a_cocktail_without_the_allergen_is_not_flagged(services):
    patient = add_patient(services, anamnesis=allergic_to("lidocaine"))
    lot = add_lot(services, "Vitamin C 5%", [("Ascorbic acid", "аскорбиновая кислота")])
    visit = add_visit(services, patient.id, (lot,))
    findings = services.screening.screen_visit(visit.id, ASKED)
    assert _codes(findings, Severity.BLOCK) == []


def test_going_ahead_needs_a_written_override_for_every_block_and_keeps_it(services):
    patient = add_patient(services, anamnesis=Anamnesis(pregnant=True))
    visit = add_visit(services, patient.id)
    services.screening.save_checklist(visit.id, ASKED)
    with pytest.raises(UnresolvedBlock) as refused:
        services.visits.mark_done(visit)
    assert str(refused.value).startswith(
        "This visit cannot be marked done or signed: Pregnancy has no recorded"
    )
    assert services.visits.get(visit.id).status is VisitStatus.PLANNED
    (block,) = [
        f for f in services.screening.screen_visit(visit.id) if f.severity is Severity.BLOCK
    ]
    with pytest.raises(ValidationFailed):
        services.screening.record_override(visit.id, block, "   ", "Practitioner")
    kept = services.screening.record_override(
        visit.id, block, "Written consent after the obstetrician's advice.", "Practitioner"
    )
    done = services.visits.mark_done(visit)
    signed = services.visits.sign(replace(done, practitioner="Practitioner"))
    assert signed.signed
    (stored,) = services.visits.get(visit.id).overrides
    assert stored == kept
    assert (stored.finding_code, stored.finding_subject, stored.decided_by) == (
        "contraindication",
        "pregnancy",
        "Practitioner",
    )
    assert stored.reason == "Written consent after the obstetrician's advice."
    assert stored.decided_at is not None and stored.finding_reason == block.reason


def test_one_substance_in_two_products_is_one_finding_naming_both(services):
    patient = add_patient(services, anamnesis=allergic_to("lidocaine"))
    first = add_lot(services, "Anaesthetic mix", [("Lidocaine", "")])
    second = add_lot(services, "Acne cocktail", [("Lidocaine hydrochloride", "")])
    visit = add_visit(services, patient.id, (first, second))
    services.screening.save_checklist(visit.id, ASKED)
    (block,) = [
        f for f in services.screening.screen_visit(visit.id) if f.severity is Severity.BLOCK
    ]
    assert block.key == "allergy:lidocaine"
    assert '"Anaesthetic mix" contains Lidocaine' in block.reason
    assert '"Acne cocktail" contains Lidocaine hydrochloride' in block.reason


def test_an_override_answers_only_the_finding_it_was_written_for(services):
    patient = add_patient(
        services,
        anamnesis=Anamnesis(
            allergies=(AllergyEntry("lidocaine"), AllergyEntry("гентамицин")),
        ),
    )
    first = add_lot(services, "Anaesthetic mix", [("Lidocaine", "")])
    second = add_lot(services, "Acne cocktail", [("Gentamicin", "")])
    visit = add_visit(services, patient.id, (first, second))
    services.screening.save_checklist(visit.id, ASKED)
    blocks = [f for f in services.screening.screen_visit(visit.id) if f.severity is Severity.BLOCK]
    assert sorted(f.key for f in blocks) == ["allergy:gentamicin", "allergy:lidocaine"]
    lidocaine = next(f for f in blocks if f.subject == "lidocaine")
    services.screening.record_override(visit.id, lidocaine, "Tested: no reaction.", "Practitioner")
    with pytest.raises(UnresolvedBlock, match="Allergy to гентамицин"):
        services.screening.require_overrides(visit.id)
    screening = services.screening.screening(visit.id)
    assert [f.key for f in screening.unresolved] == ["allergy:gentamicin"]


def test_the_day_checklist_is_kept_with_the_visit_and_postpones(services):
    patient = add_patient(services)
    visit = add_visit(services, patient.id)
    before = services.screening.screen_visit(visit.id)
    assert "checklist_not_asked" in _codes(before, Severity.INFO)
    peeled = date.today() - timedelta(days=3)
    services.screening.save_checklist(visit.id, DayChecklist(fever=True, recent_peeling_on=peeled))
    findings = services.screening.screen_visit(visit.id)
    assert _codes(findings, Severity.POSTPONE) == [
        "contraindication:fever",
        "contraindication:recent_peeling",
    ]
    peeling = next(f for f in findings if f.subject == "recent_peeling")
    assert peeling.possible_from == peeled + timedelta(days=14)
    assert services.screening.screening(visit.id).checklist == DayChecklist(
        fever=True, recent_peeling_on=peeled
    )
    assert services.visits.get(visit.id).checklist["fever"] is True


def test_saving_the_checklist_leaves_the_open_visit_current(services):
    patient = add_patient(services)
    visit = add_visit(services, patient.id)
    services.screening.save_checklist(visit.id, DayChecklist(menstruation=True))
    assert services.visits.get(visit.id).version == visit.version


def test_a_signed_visit_takes_no_new_override_or_checklist(services):
    patient = add_patient(services, anamnesis=Anamnesis(fear_of_injections=True))
    visit = add_visit(services, patient.id)
    services.screening.save_checklist(visit.id, ASKED)
    done = services.visits.mark_done(visit)
    services.visits.sign(replace(done, practitioner="Practitioner"))
    finding = services.screening.screen_visit(visit.id)[0]
    with pytest.raises(Exception, match="signed"):
        services.screening.record_override(visit.id, finding, "Late reason.", "Practitioner")
    with pytest.raises(Exception, match="signed"):
        services.screening.save_checklist(visit.id, DayChecklist(fever=True))


def test_an_unsaved_plan_is_screened_as_it_is_being_edited(services):
    patient = add_patient(services, anamnesis=allergic_to("lidocaine"))
    visit = add_visit(services, patient.id)
    lot = add_lot(services, "Anaesthetic mix", [("Lidocaine", "лидокаин")])
    plan = replace(visit, product_lines=(ProductLineRecord(lot_id=lot, volume_ml=Decimal("1")),))
    screening = services.screening.screening(visit.id, ASKED, plan=plan)
    assert [f.key for f in screening.unresolved] == ["allergy:lidocaine"]
    assert _codes(services.screening.screen_visit(visit.id, ASKED), Severity.BLOCK) == []


def test_the_days_questions_are_asked_of_an_open_visit_but_not_of_a_signed_one(services):
    patient = add_patient(services, anamnesis=Anamnesis())
    visit = add_visit(services, patient.id)
    assert "checklist_not_asked" in [f.code for f in services.screening.screen_visit(visit.id)]
    done = services.visits.mark_done(visit)
    services.visits.sign(replace(done, practitioner="Practitioner"))
    assert "checklist_not_asked" not in [f.code for f in services.screening.screen_visit(visit.id)]


# --- two workstations answering the day's questions -----------------------------------------


def test_answers_given_on_two_workstations_from_the_same_copy_are_both_kept(services):
    patient = add_patient(services)
    visit = add_visit(services, patient.id)
    shown = services.screening.save_checklist(visit.id, ASKED)

    services.screening.save_checklist(visit.id, replace(shown, fever=True), based_on=shown)
    kept = services.screening.save_checklist(
        visit.id, replace(shown, active_herpes=True), based_on=shown
    )

    assert kept == DayChecklist(fever=True, active_herpes=True)
    assert services.screening.screening(visit.id).checklist == kept
    stored = services.visits.get(visit.id).checklist
    assert (stored["fever"], stored["active_herpes"]) == (True, True)


def test_an_answer_taken_back_on_one_workstation_stays_taken_back(services):
    patient = add_patient(services)
    visit = add_visit(services, patient.id)
    shown = services.screening.save_checklist(visit.id, DayChecklist(fever=True))
    older = shown

    services.screening.save_checklist(visit.id, replace(shown, fever=False), based_on=shown)
    kept = services.screening.save_checklist(
        visit.id, replace(older, acne_flare=True), based_on=older
    )

    assert kept == DayChecklist(acne_flare=True)


def test_the_same_date_answered_differently_on_two_workstations_is_a_conflict(services):
    patient = add_patient(services)
    visit = add_visit(services, patient.id)
    shown = services.screening.save_checklist(visit.id, ASKED)
    peeled = date.today() - timedelta(days=3)
    services.screening.save_checklist(
        visit.id, replace(shown, recent_peeling_on=peeled), based_on=shown
    )

    with pytest.raises(StaleRecord, match="changed on another workstation"):
        services.screening.save_checklist(
            visit.id,
            replace(shown, fever=True, recent_peeling_on=peeled - timedelta(days=5)),
            based_on=shown,
        )

    assert services.screening.screening(visit.id).checklist == DayChecklist(
        recent_peeling_on=peeled
    )


def test_answers_added_by_the_clinic_merge_like_the_others(services):
    patient = add_patient(services)
    visit = add_visit(services, patient.id)
    shown = services.screening.save_checklist(visit.id, DayChecklist(other_codes=frozenset({"a"})))

    services.screening.save_checklist(
        visit.id, replace(shown, other_codes=frozenset({"a", "b"})), based_on=shown
    )
    kept = services.screening.save_checklist(
        visit.id, replace(shown, other_codes=frozenset()), based_on=shown
    )

    assert kept.other_codes == frozenset({"b"})


def test_the_first_answers_of_a_visit_are_kept_as_given(services):
    patient = add_patient(services)
    visit = add_visit(services, patient.id)
    kept = services.screening.save_checklist(visit.id, ASKED, based_on=None)
    assert kept == ASKED
    assert services.screening.screening(visit.id).checklist == ASKED
