"""Course rules: intervals, at most 2 sessions a week, usual counts, proposed dates, reminders."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from mesodesk.domain.courses import (
    CoursePlan,
    add_months,
    check_plan,
    check_session_count,
    course_reminders,
    default_plan,
    propose_dates,
    start_within_hours,
    usual_course,
    usual_start,
)
from mesodesk.domain.findings import Finding, Severity
from mesodesk.domain.vocabulary import Area, Indication

START = date(2025, 3, 3)


def _plan(
    sessions: int = 5,
    interval_min: int = 7,
    interval_max: int = 10,
    indication: Indication = Indication.WRINKLES,
    area: Area = Area.FACE,
) -> CoursePlan:
    return CoursePlan(indication, area, sessions, interval_min, interval_max, START)


def _days(*offsets: int) -> list[date]:
    return [START + timedelta(days=offset) for offset in offsets]


def _codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# --- the plan itself -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sessions", "low", "high", "message"),
    [
        (0, 7, 10, "at least 1 session"),
        (5, 0, 10, "at least 1 day"),
        (5, 10, 7, "shorter than the shortest"),
    ],
)
def test_an_impossible_plan_is_refused_with_a_clear_message(
    sessions: int, low: int, high: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        _plan(sessions, low, high)


def test_a_one_day_interval_range_is_a_valid_plan() -> None:
    assert _plan(3, 10, 10).interval_max_days == 10


# --- intervals -------------------------------------------------------------------------------


@pytest.mark.parametrize("gap", [7, 8, 10])
def test_gaps_inside_the_range_and_exactly_at_its_ends_pass(gap: int) -> None:
    assert check_plan(_plan(2), _days(0, gap)) == []


def test_one_day_short_of_the_minimum_is_warned_with_both_dates() -> None:
    findings = check_plan(_plan(2), _days(0, 6))

    assert [(f.code, f.severity) for f in findings] == [("course.interval_short", Severity.WARNING)]
    assert findings[0].reason == (
        "Sessions on 03.03.2025 and 09.03.2025 are 6 days apart; "
        "this course's interval is 7-10 days."
    )
    assert findings[0].message is not None
    assert findings[0].message.render("ru") == (
        "Между процедурами 03.03.2025 и 09.03.2025 дней: 6; интервал этого курса — 7–10 дн."
    )


def test_one_day_past_the_maximum_is_warned() -> None:
    findings = check_plan(_plan(2), _days(0, 11))

    assert _codes(findings) == ["course.interval_long"]
    assert "11 days apart" in findings[0].reason


def test_dates_entered_out_of_order_are_checked_in_calendar_order() -> None:
    assert check_plan(_plan(3), _days(14, 0, 7)) == []


# --- at most 2 sessions in any 7 days (seed 000) ---------------------------------------------


def test_two_sessions_within_seven_days_pass() -> None:
    assert check_plan(_plan(2, 1, 10), _days(0, 6)) == []


def test_three_sessions_within_seven_days_are_blocked() -> None:
    findings = check_plan(_plan(3, 1, 10), _days(0, 3, 6))

    assert [(f.code, f.severity, f.source) for f in findings] == [
        ("course.two_in_seven", Severity.BLOCK, "000")
    ]
    assert "03.03.2025, 06.03.2025, 09.03.2025" in findings[0].reason
    assert findings[0].message is not None
    assert findings[0].message.render("ru") == (
        "Больше 2 процедур за 7 дней: 03.03.2025, 06.03.2025, 09.03.2025. "
        "Процедуры проводят не чаще 2 раз в неделю."
    )


def test_the_week_is_rolling_not_a_calendar_week() -> None:
    """Friday, Monday, Wednesday: two calendar weeks, but 3 visits within 6 days."""
    friday = date(2025, 3, 7)
    plan = CoursePlan(Indication.VASCULAR, Area.VASCULAR, 3, 1, 10, friday)

    dates = [friday, friday + timedelta(days=3), friday + timedelta(days=5)]

    assert _codes(check_plan(plan, dates)) == ["course.two_in_seven"]


def test_three_sessions_spread_over_eight_days_pass() -> None:
    assert check_plan(_plan(3, 1, 10), _days(0, 4, 7)) == []


def test_other_visits_count_towards_the_weekly_maximum() -> None:
    findings = check_plan(_plan(2, 1, 10), _days(0, 3), other_visit_dates=_days(5))

    assert _codes(findings) == ["course.two_in_seven"]
    assert "08.03.2025 (another visit)" in findings[0].reason


def test_a_crowded_week_of_other_visits_alone_is_not_this_course_s_problem() -> None:
    others = _days(20, 21, 22)

    assert check_plan(_plan(2, 1, 10), _days(0, 7), other_visit_dates=others) == []


def test_one_crowded_stretch_gives_one_finding() -> None:
    findings = check_plan(_plan(4, 1, 10), _days(0, 2, 4, 6))

    assert _codes(findings) == ["course.two_in_seven"]


def test_blocks_come_before_warnings() -> None:
    findings = check_plan(_plan(3, 5, 10), _days(0, 2, 4))

    assert findings[0].severity is Severity.BLOCK
    assert {f.code for f in findings[1:]} == {"course.interval_short"}


# --- usual session counts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indication", "limit", "source"),
    [
        (Indication.VASCULAR, 6, "000"),
        (Indication.CELLULITE, 15, "001"),
        (Indication.FACE_OVAL, 8, "001"),
        (Indication.EYE_BAGS, 4, "001"),
        (Indication.ACNE, 7, "004"),
        (Indication.ACNE_SEVERE, 20, "004"),
        (Indication.SCARS, 10, "004"),
        (Indication.WRINKLES, 10, "003"),
        (Indication.SEBORRHOEA, 3, "001"),
        (Indication.ROSACEA, 4, "001"),
        (Indication.PIGMENTATION, 5, "001"),
        (Indication.STRETCH_MARKS, 15, "001"),
    ],
)
def test_usual_count_warns_just_above_the_limit_and_not_at_it(
    indication: Indication, limit: int, source: str
) -> None:
    assert check_session_count(indication, limit) == []

    findings = check_session_count(indication, limit + 1)

    assert [(f.code, f.severity, f.source) for f in findings] == [
        ("course.too_many_sessions", Severity.WARNING, source)
    ]
    assert "seed" not in findings[0].reason


def test_the_usual_count_warning_names_the_usual_course_without_a_file_number() -> None:
    (finding,) = check_session_count(Indication.FACE_OVAL, 9)

    assert finding.reason == "9 sessions are planned; the usual course for face oval is up to 8."
    assert finding.source == "001"
    assert finding.text("ru") == (
        "Запланировано процедур: 9; обычный курс при показании «овал лица» — до 8."
    )


def test_a_long_course_is_a_warning_in_the_plan_check_not_a_block() -> None:
    plan = _plan(9, 6, 10, Indication.FACE_OVAL)

    findings = check_plan(plan, propose_dates(plan))

    assert [(f.code, f.severity) for f in findings] == [
        ("course.too_many_sessions", Severity.WARNING)
    ]


def test_every_indication_has_a_usual_course() -> None:
    for indication in Indication:
        usual = usual_course(indication)
        assert 1 <= usual.default_sessions <= usual.sessions_max
        assert 1 <= usual.interval_min_days <= usual.interval_max_days


def test_revi_protocols_default_to_monthly_sessions() -> None:
    plan = default_plan(Indication.ROSACEA, Area.FACE, START)

    assert (plan.sessions, plan.interval_min_days, plan.interval_max_days) == (3, 28, 31)


def test_a_default_plan_passes_its_own_check() -> None:
    for indication in Indication:
        plan = default_plan(indication, Area.FACE, START)
        assert check_plan(plan, propose_dates(plan)) == [], indication


# --- proposed dates --------------------------------------------------------------------------


def test_proposals_start_on_the_start_date_at_the_shortest_interval() -> None:
    dates = propose_dates(_plan(5, 7, 10))

    assert dates == _days(0, 7, 14, 21, 28)


def test_as_many_dates_as_sessions_are_proposed() -> None:
    assert len(propose_dates(_plan(1))) == 1
    assert len(propose_dates(_plan(12, 6, 10))) == 12


def test_short_intervals_are_stretched_to_keep_two_sessions_a_week() -> None:
    plan = _plan(6, 2, 7, Indication.VASCULAR, Area.VASCULAR)

    dates = propose_dates(plan)

    assert dates == _days(0, 2, 7, 9, 14, 16)
    assert check_plan(plan, dates) == []


def test_proposals_move_past_other_visits_that_fill_the_week() -> None:
    others = _days(1, 7)

    dates = propose_dates(_plan(2, 7, 10), taken=others)

    assert dates == _days(0, 8)
    assert check_plan(_plan(2, 7, 10), dates, other_visit_dates=others) == []


def test_the_first_session_also_moves_when_its_week_is_full() -> None:
    dates = propose_dates(_plan(1), taken=_days(-1, 1))

    assert dates == _days(6)


def test_when_no_day_in_range_fits_the_weekly_maximum_wins_and_the_gap_is_reported() -> None:
    plan = _plan(2, 7, 8)
    others = _days(5, 7, 12, 13)

    dates = propose_dates(plan, taken=others)
    findings = check_plan(plan, dates, other_visit_dates=others)

    assert dates[1] > START + timedelta(days=8)
    assert _codes(findings) == ["course.interval_long"]


# --- closed days --------------------------------------------------------------------------

MONDAY_TO_SATURDAY = frozenset(range(6))
SUNDAY = 6


def test_a_session_that_would_fall_on_a_closed_day_moves_to_the_next_working_day() -> None:
    plan = _plan(4, 6, 10)  # START is a Monday: +6 days is a Sunday

    dates = propose_dates(plan, working_days=MONDAY_TO_SATURDAY)

    assert [day.weekday() for day in dates] == [0, 0, 0, 0]
    assert dates == _days(0, 7, 14, 21)
    assert check_plan(plan, dates) == []


def test_a_start_on_a_closed_day_moves_the_first_session_too() -> None:
    sunday = START - timedelta(days=1)
    plan = CoursePlan(Indication.WRINKLES, Area.FACE, 2, 7, 10, sunday)

    assert propose_dates(plan, working_days=MONDAY_TO_SATURDAY) == [START, START + timedelta(7)]


def test_a_visit_already_booked_on_a_closed_start_day_stays_session_one() -> None:
    sunday = START - timedelta(days=1)
    plan = CoursePlan(Indication.WRINKLES, Area.FACE, 2, 7, 10, sunday)

    dates = propose_dates(plan, working_days=MONDAY_TO_SATURDAY, first_booked=True)

    assert dates == [sunday, sunday + timedelta(days=8)]


def test_closed_days_and_the_weekly_maximum_are_kept_together() -> None:
    tuesday_to_thursday = frozenset({1, 2, 3})
    plan = _plan(4, 2, 7, Indication.VASCULAR, Area.VASCULAR)
    others = _days(1, 2)  # Tuesday and Wednesday visits outside the course

    dates = propose_dates(plan, taken=others, working_days=tuesday_to_thursday)

    assert dates == _days(8, 10, 15, 17)  # Tue, Thu, Tue, Thu
    assert all(day.weekday() in tuesday_to_thursday for day in dates)
    assert [f for f in check_plan(plan, dates, others) if f.severity is Severity.BLOCK] == []


def test_intervals_stretched_by_closed_days_are_still_reported() -> None:
    plan = _plan(3, 3, 4)

    dates = propose_dates(plan, working_days={0})

    assert dates == _days(0, 7, 14)
    assert _codes(check_plan(plan, dates)) == ["course.interval_long", "course.interval_long"]


def test_a_clinic_with_no_working_day_cannot_be_planned_for() -> None:
    with pytest.raises(ValueError, match="no working day"):
        propose_dates(_plan(2), working_days=())


# --- the time of booked visits ---------------------------------------------------------------


def test_the_usual_time_is_the_most_common_start_rounded_to_the_quarter_hour() -> None:
    starts = [time(14, 5), time(11, 0), time(13, 55), time(14, 7), time(11, 10)]

    assert usual_start(starts) == time(14, 0)


def test_a_tie_goes_to_the_time_of_the_latest_visits() -> None:
    assert usual_start([time(16, 30), time(10, 0), time(10, 0), time(16, 30)]) == time(16, 30)


@pytest.mark.parametrize(
    ("start", "rounded"),
    [
        (time(10, 7), time(10, 0)),
        (time(10, 8), time(10, 15)),
        (time(10, 7, 30), time(10, 15)),
        (time(23, 55), time(23, 45)),
    ],
)
def test_starts_round_to_the_nearest_quarter_hour(start: time, rounded: time) -> None:
    assert usual_start([start]) == rounded


def test_no_past_visit_means_no_usual_time() -> None:
    assert usual_start([]) is None


@pytest.mark.parametrize(
    ("start", "booked"),
    [
        (None, time(9, 0)),
        (time(7, 30), time(9, 0)),
        (time(14, 15), time(14, 15)),
        (time(19, 45), time(19, 45)),
        (time(20, 0), time(19, 45)),
        (time(22, 30), time(19, 45)),
    ],
)
def test_a_booked_time_is_never_outside_opening_hours(start: time | None, booked: time) -> None:
    assert start_within_hours(start, time(9, 0), time(20, 0)) == booked


def test_hours_shorter_than_a_quarter_hour_book_at_opening() -> None:
    assert start_within_hours(time(12, 0), time(9, 0), time(9, 10)) == time(9, 0)


# --- reminders after the course --------------------------------------------------------------

LAST = date(2025, 3, 10)


def _reminders(
    today: date,
    indication: Indication = Indication.WRINKLES,
    area: Area = Area.FACE,
    last_maintenance_on: date | None = None,
) -> list[Finding]:
    return course_reminders(indication, area, LAST, today, last_maintenance_on=last_maintenance_on)


def test_face_maintenance_is_due_two_months_after_the_course_and_not_a_day_before() -> None:
    assert _reminders(date(2025, 5, 9)) == []

    findings = _reminders(date(2025, 5, 10))

    assert [(f.code, f.severity, f.source) for f in findings] == [
        ("course.maintenance_due", Severity.INFO, "003")
    ]
    assert "10.05.2025" in findings[0].reason
    assert "10.03.2025" in findings[0].reason


def test_a_maintenance_procedure_moves_the_next_one_on() -> None:
    done = date(2025, 5, 12)

    assert _reminders(date(2025, 7, 11), last_maintenance_on=done) == []
    assert _codes(_reminders(date(2025, 7, 12), last_maintenance_on=done)) == [
        "course.maintenance_due"
    ]


def test_face_course_repeat_window_opens_eight_months_after_the_course() -> None:
    done = date(2025, 11, 1)

    assert "course.repeat_due" not in _codes(
        _reminders(date(2025, 11, 9), last_maintenance_on=done)
    )

    findings = _reminders(date(2025, 11, 10), last_maintenance_on=done)

    repeat = [f for f in findings if f.code == "course.repeat_due"]
    assert len(repeat) == 1
    assert repeat[0].source == "003"
    assert "8-10 months" in repeat[0].reason


def test_body_courses_repeat_once_a_year_without_maintenance() -> None:
    assert _reminders(date(2026, 3, 9), Indication.CELLULITE, Area.HIPS_BUTTOCKS) == []

    findings = _reminders(date(2026, 3, 10), Indication.CELLULITE, Area.HIPS_BUTTOCKS)

    assert [(f.code, f.source) for f in findings] == [("course.repeat_due", "001")]


def test_a_repeat_is_overdue_once_results_have_likely_worn_off() -> None:
    findings = _reminders(date(2026, 9, 10), Indication.CELLULITE, Area.HIPS_BUTTOCKS)

    assert [(f.code, f.severity) for f in findings] == [("course.repeat_overdue", Severity.WARNING)]


def test_scar_maintenance_is_every_three_months_for_a_year() -> None:
    assert _reminders(date(2025, 6, 9), Indication.SCARS) == []
    due = _reminders(date(2025, 6, 10), Indication.SCARS)
    assert [(f.code, f.source) for f in due] == [("course.maintenance_due", "004")]

    last_in_year = _reminders(
        date(2026, 3, 10), Indication.SCARS, last_maintenance_on=date(2025, 12, 10)
    )
    assert "course.maintenance_due" in _codes(last_in_year)

    after_the_year = _reminders(
        date(2026, 6, 10), Indication.SCARS, last_maintenance_on=date(2026, 3, 10)
    )
    assert "course.maintenance_due" not in _codes(after_the_year)


def test_pigmentation_maintenance_follows_the_revi_protocol() -> None:
    (finding,) = _reminders(date(2025, 6, 10), Indication.PIGMENTATION)

    assert finding.source == "001"
    assert "between 10.06.2025 and 10.08.2025" in finding.reason


def test_nothing_is_due_before_the_course_has_ended() -> None:
    assert _reminders(LAST - timedelta(days=1)) == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 15), 2, date(2026, 1, 15)),
        (date(2025, 3, 10), 18, date(2026, 9, 10)),
    ],
)
def test_months_are_added_as_calendar_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
