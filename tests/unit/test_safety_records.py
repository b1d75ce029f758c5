"""The day checklist's JSON form and which override answers which finding."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from mesodesk.domain.anamnesis import DayChecklist
from mesodesk.domain.findings import Severity
from mesodesk.domain.patient import parse_day
from mesodesk.domain.records import OverrideRecord
from mesodesk.domain.safety_records import (
    ChecklistConflict,
    checklist_from_json,
    checklist_to_json,
    covers,
    finding_title,
    is_unresolved,
    legacy_override_key,
    merge_checklist,
)
from mesodesk.domain.screening import ScreeningFinding

PREGNANCY = ScreeningFinding(
    "contraindication", Severity.BLOCK, "Pregnancy: do not inject.", subject="pregnancy"
)


def test_a_checklist_survives_its_json_form():
    answers = DayChecklist(
        fever=True, recent_peeling_on=date(2026, 3, 2), other_codes=frozenset({"sunburn"})
    )
    stored = checklist_to_json(answers)
    assert stored["fever"] is True and stored["recent_peeling_on"] == "2026-03-02"
    assert checklist_from_json(stored) == answers


def test_questions_never_asked_stay_unasked_and_unknown_keys_are_ignored():
    assert checklist_from_json(None) is None
    assert checklist_from_json({"fever": True, "from_a_newer_version": 1}) == DayChecklist(
        fever=True
    )


def _override(code: str, subject: str, reason: str = "Pregnancy: do not inject.") -> OverrideRecord:
    return OverrideRecord(
        code, reason, "Consent in writing.", "Practitioner", datetime.now(UTC), subject
    )


def test_an_override_answers_its_code_and_subject_whatever_the_wording():
    override = _override("contraindication", "pregnancy")
    assert covers(override, PREGNANCY)
    reworded = replace(PREGNANCY, reason="Pregnancy (due 01.03.2031): do not.")
    assert covers(override, reworded)
    assert not is_unresolved(reworded, (override,))
    assert finding_title(reworded) == "Pregnancy (due 01.03.2031)"


def test_an_override_does_not_answer_another_subject_or_rule():
    lidocaine = ScreeningFinding("allergy", Severity.BLOCK, "Allergy: x.", subject="lidocaine")
    novocaine = replace(lidocaine, subject="novocaine")
    override = _override("allergy", "lidocaine", lidocaine.reason)
    assert covers(override, lidocaine)
    assert not covers(override, novocaine)
    assert is_unresolved(novocaine, (override,))
    assert not covers(_override("contraindication", "lidocaine"), lidocaine)
    assert not is_unresolved(ScreeningFinding("fever", Severity.POSTPONE, "Fever: wait."), ())


@pytest.mark.parametrize(
    ("code", "reason", "key"),
    [
        (
            "pregnancy",
            "Pregnancy: an absolute contraindication...",
            ("contraindication", "pregnancy"),
        ),
        (
            "anticoagulants",
            "Taking anticoagulants (Варфарин): ...",
            ("contraindication", "anticoagulants"),
        ),
        (
            "component_allergy",
            'Allergy to Лидокаин (urticaria): "Acne 2" contains Lidocaine hydrochloride '
            "(anaesthetic). Choose a composition without it; an intradermal allergy test can be "
            "done where needed (004).",
            ("allergy", "lidocaine"),
        ),
        (
            "component_allergy",
            'Allergy to novocaine: "Mix" contains Новокаин. Choose a composition without it.',
            ("allergy", "novocaine"),
        ),
        (
            "component_allergy",
            'Allergy to revitalizer: "REVI Style" contains Revitalizer (other).',
            ("allergy", "revitalizer"),
        ),
        (
            "not_in_catalog",
            "The card lists the condition 'lupus', which the contraindication catalog does not "
            "know: check the card and the catalog.",
            ("could_not_check", "condition:lupus"),
        ),
        (
            "not_in_catalog",
            "The checklist item 'sunburn' is not in the contraindication catalog: check the "
            "catalog.",
            ("could_not_check", "checklist:sunburn"),
        ),
        (
            "depth_over_region_limit",
            "6 mm is deeper than the 4 mm limit for the face (seed 003).",
            ("depth", "face"),
        ),
        (
            "depth_over_region_limit",
            "11 mm is deeper than the 10 mm limit for the vascular scheme (seed 000).",
            ("depth", "vascular"),
        ),
        (
            "depth_outside_technique_range",
            "6 mm is outside the pinpoint (point by point) range of up to 4 mm (seed 001).",
            ("technique_depth", "pinpoint"),
        ),
        (
            "depth_not_positive",
            "Injection depth must be more than 0 mm, got 0 mm.",
            ("depth_not_positive", ""),
        ),
        (
            "birth_date_missing",
            "The date of birth is not on the card...",
            ("birth_date_missing", ""),
        ),
        (
            "course.two_in_seven",
            "More than 2 sessions fall within 7 days...",
            ("course.two_in_seven", ""),
        ),
    ],
)
def test_an_override_written_for_the_old_wording_gets_its_code_and_subject(code, reason, key):
    assert legacy_override_key(code, reason) == key


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("07.03.2025", date(2025, 3, 7)),
        ("7.3.2025", date(2025, 3, 7)),
        ("2025-03-07", date(2025, 3, 7)),
        ("", None),
    ],
)
def test_dates_are_read_as_the_clinic_types_them(text, day):
    assert parse_day(text) == day


def test_an_impossible_date_gets_a_message():
    with pytest.raises(ValueError, match=r"dd\.mm\.yyyy"):
        parse_day("31.02.2025")


def test_answers_changed_on_each_side_are_merged_onto_what_is_stored():
    shown = DayChecklist(menstruation=True)
    stored = DayChecklist(menstruation=True, fever=True)
    answered = DayChecklist(menstruation=False, active_herpes=True)
    assert merge_checklist(stored, answered, shown) == DayChecklist(fever=True, active_herpes=True)


def test_a_checklist_never_asked_before_is_stored_as_answered():
    answered = DayChecklist(fever=True)
    assert merge_checklist(None, answered, DayChecklist(acne_flare=True)) == answered


def test_answers_shown_as_not_asked_count_as_all_no():
    stored = DayChecklist(fever=True)
    assert merge_checklist(stored, DayChecklist(acne_flare=True), None) == DayChecklist(
        fever=True, acne_flare=True
    )


def test_one_answer_changed_to_two_different_values_is_a_conflict_named_by_field():
    shown = DayChecklist()
    stored = DayChecklist(recent_surgery_on=date(2026, 1, 5))
    answered = DayChecklist(recent_surgery_on=date(2026, 1, 9), fever=True)
    with pytest.raises(ChecklistConflict) as conflict:
        merge_checklist(stored, answered, shown)
    assert conflict.value.fields == ("recent_surgery_on",)


def test_the_same_change_made_on_both_sides_is_no_conflict():
    day = date(2026, 1, 5)
    stored = DayChecklist(recent_surgery_on=day)
    assert merge_checklist(stored, DayChecklist(recent_surgery_on=day), DayChecklist()) == stored
