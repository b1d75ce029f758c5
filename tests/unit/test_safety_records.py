"""The day checklist's JSON form and which override answers which finding."""

from __future__ import annotations

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
    merge_checklist,
)
from mesodesk.domain.screening import ScreeningFinding

PREGNANCY = ScreeningFinding("pregnancy", Severity.BLOCK, "Pregnancy: do not inject.")


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


def test_an_override_answers_only_the_finding_it_was_written_for():
    override = OverrideRecord(
        "pregnancy", PREGNANCY.reason, "Consent in writing.", "Practitioner", datetime.now(UTC)
    )
    assert covers(override, PREGNANCY)
    later = ScreeningFinding("pregnancy", Severity.BLOCK, "Pregnancy (due 01.03.2031): do not.")
    assert not covers(override, later)
    assert not is_unresolved(PREGNANCY, (override,))
    assert is_unresolved(later, (override,))
    assert not is_unresolved(ScreeningFinding("fever", Severity.POSTPONE, "Fever: wait."), ())
    assert finding_title(later) == "Pregnancy (due 01.03.2031)"


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
