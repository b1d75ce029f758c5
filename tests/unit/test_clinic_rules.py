"""The clinic's working days and opening hours: defaults and what cannot be saved."""

from __future__ import annotations

from datetime import time

import pytest

from mesodesk.domain.clinic import ClinicProfile, validate_profile


def test_a_clinic_works_monday_to_saturday_from_nine_to_eight_until_told_otherwise():
    profile = ClinicProfile()
    assert profile.working_days == {0, 1, 2, 3, 4, 5}
    assert (profile.opens_at, profile.closes_at) == (time(9, 0), time(20, 0))
    assert validate_profile(profile) == {}


def test_a_clinic_needs_at_least_one_working_day():
    assert validate_profile(ClinicProfile(working_days=frozenset())) == {
        "working_days": "Tick at least one working day."
    }
    assert "working_days" in validate_profile(ClinicProfile(working_days=frozenset({7})))
    assert validate_profile(ClinicProfile(working_days=frozenset({6}))) == {}


@pytest.mark.parametrize(("opens", "closes"), [(time(20), time(9)), (time(9), time(9))])
def test_a_clinic_must_open_before_it_closes(opens, closes):
    assert validate_profile(ClinicProfile(opens_at=opens, closes_at=closes)) == {
        "closes_at": "The closing time must be later than the opening time."
    }
