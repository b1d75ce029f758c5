"""The limit checks every service uses: what text, amounts and dates can be kept."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from mesodesk.domain import limits


@pytest.mark.parametrize(
    ("text", "multiline", "kept"),
    [
        ("Иванова-Петрова", False, True),
        ("😀 ‏שלום‏ 中文", False, True),
        ("tab\tinside", False, True),
        ("two\nlines", False, False),
        ("two\r\nlines", True, True),
        ("nul\x00", True, False),
        ("bell\x07", True, False),
        ("del\x7f", True, False),
        ("lone \ud800 surrogate", True, False),
        ("lone \udfff surrogate", False, False),
        ("'; DROP TABLE patients; --", False, True),
    ],
)
def test_text_is_kept_unless_it_holds_what_no_database_keeps(
    text: str, multiline: bool, kept: bool
) -> None:
    assert (limits.text_problem(text, 100, multiline=multiline) is None) is kept


def test_text_longer_than_the_limit_says_how_long_it_is() -> None:
    assert limits.text_problem("x" * 81, 80) == "Keep this to 80 characters at most (it has 81)."
    assert limits.text_problem("x" * 80, 80) is None
    assert limits.text_problem(None, 80) == "Enter this as text."


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        (Decimal("0.001"), True),
        (Decimal("2.500"), True),
        (Decimal("1E+2"), True),
        (Decimal("9999999.999"), True),
        (3, True),
        (Decimal("0.0004"), False),
        (Decimal("1.0004"), False),
        (Decimal("0"), False),
        (Decimal("-1"), False),
        (Decimal("1E+30"), False),
        (Decimal("NaN"), False),
        (Decimal("sNaN"), False),
        (Decimal("-Infinity"), False),
        (0.5, False),
        (True, False),
        ("1", False),
    ],
)
def test_an_amount_is_kept_only_above_zero_to_the_stored_precision(value, kept) -> None:
    assert (limits.amount_problem(value) is None) is kept


def test_a_zero_amount_is_kept_where_zero_means_none_left() -> None:
    assert limits.amount_problem(Decimal(0), allow_zero=True) is None
    assert limits.amount_problem(Decimal(-1), allow_zero=True) is not None


def test_dates_and_times_lie_in_the_years_kept_with_a_time_zone() -> None:
    moscow = timezone(timedelta(hours=3))
    assert limits.day_problem(date(2026, 5, 1)) is None
    assert limits.day_problem(date(1, 1, 1)) is not None
    assert limits.day_problem(date(3000, 1, 1)) is not None
    assert limits.day_problem(datetime(2026, 5, 1, tzinfo=UTC)) == "Enter a date."
    assert limits.moment_problem(datetime(2026, 5, 1, 10, tzinfo=moscow)) is None
    assert limits.moment_problem(datetime(1, 1, 1, 1, tzinfo=moscow)) is not None
    assert limits.moment_problem(datetime(2026, 5, 1, 10)) == "The time has no time zone."
