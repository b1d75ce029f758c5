"""Course planning: proposed visit dates and the rules a plan is checked against.

The numbers (usual session counts, default intervals, maintenance and repeat periods) are the
source texts' own and live in `resources/catalog/course_rules.json`, each with its seed id, so a
finding can cite where its rule comes from and the values can be revised without code changes.
Only the "at most 2 sessions a week" rule (seed 000) is code: it is the one rule that blocks.
"""

from __future__ import annotations

import calendar
import json
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from mesodesk.domain import finding_texts as texts
from mesodesk.domain import limits
from mesodesk.domain.findings import (
    Finding,
    Joined,
    Localized,
    Message,
    Param,
    Severity,
    most_serious_first,
)
from mesodesk.domain.vocabulary import Area, Indication
from mesodesk.paths import resource_path

MAX_SESSIONS_PER_WEEK = 2
"""Seed 000: "the procedure is carried out a maximum of 2 times a week"."""

WEEK_DAYS = 7
"""The rolling window the weekly maximum applies to: any 7 consecutive days, not calendar weeks."""

EVERY_DAY = frozenset(range(WEEK_DAYS))
"""Weekday numbers as Python counts them (0 is Monday): a clinic open every day."""

SLOT_MINUTES = 15
"""Booked times are whole quarter hours, as appointment books are kept."""


@dataclass(frozen=True, slots=True)
class CoursePlan:
    """A treatment plan as entered in the course form; invalid input fails here, not later."""

    indication: Indication
    area: Area
    sessions: int
    interval_min_days: int
    interval_max_days: int
    start_on: date

    def __post_init__(self) -> None:
        for name in ("sessions", "interval_min_days", "interval_max_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{name} must be a whole number, not {value!r}.")
        if self.sessions < 1:
            raise ValueError(f"A course needs at least 1 session, not {self.sessions}.")
        if self.sessions > limits.COURSE_SESSIONS:
            raise ValueError(
                f"A course has at most {limits.COURSE_SESSIONS} sessions, not {self.sessions}."
            )
        if self.interval_min_days < 1:
            raise ValueError(
                f"The shortest interval must be at least 1 day, not {self.interval_min_days}."
            )
        if self.interval_max_days < self.interval_min_days:
            raise ValueError(
                f"The longest interval ({self.interval_max_days} days) is shorter than the "
                f"shortest ({self.interval_min_days} days)."
            )
        if self.interval_max_days > limits.COURSE_INTERVAL_DAYS:
            raise ValueError(
                f"The longest interval can be at most {limits.COURSE_INTERVAL_DAYS} days, "
                f"not {self.interval_max_days}."
            )
        problem = limits.day_problem(self.start_on)
        if problem is not None:
            raise ValueError(f"The first day of the course: {problem}")


@dataclass(frozen=True, slots=True)
class UsualCourse:
    """What the texts say is usual for an indication; the course form starts from this."""

    indication: Indication
    sessions_min: int | None
    sessions_max: int
    sessions_source: str
    interval_min_days: int
    interval_max_days: int
    interval_source: str
    note: str = ""
    note_ru: str = ""

    @property
    def default_sessions(self) -> int:
        """The lower usual count where the text gives a range; its "up to" figure otherwise."""
        return self.sessions_min if self.sessions_min is not None else self.sessions_max

    @property
    def sessions_text(self) -> str:
        """'5-10', '3' or 'up to 8', as the texts put it."""
        if self.sessions_min is None:
            return f"up to {self.sessions_max}"
        if self.sessions_min == self.sessions_max:
            return str(self.sessions_max)
        return f"{self.sessions_min}-{self.sessions_max}"

    @property
    def sessions_words(self) -> Localized:
        """`sessions_text` in both languages ('up to 8' / 'до 8', '5-10' / '5–10')."""
        if self.sessions_min is None:
            return Localized(self.sessions_text, f"до {self.sessions_max}")
        return Localized(self.sessions_text, self.sessions_text.replace("-", "–"))

    @property
    def note_words(self) -> Localized:
        return Localized(self.note, self.note_ru)


@dataclass(frozen=True, slots=True)
class MaintenanceRule:
    """One maintenance procedure every so many months, optionally only for a limited period."""

    every_months_min: int
    every_months_max: int
    for_months: int | None
    source: str


@dataclass(frozen=True, slots=True)
class RepeatRule:
    """When the whole course may be repeated, counted from its last session."""

    after_months_min: int
    after_months_max: int
    source: str


@dataclass(frozen=True, slots=True)
class CourseRules:
    """All data-driven course rules; indication-specific entries win over region ones."""

    usual: Mapping[Indication, UsualCourse]
    maintenance_by_indication: Mapping[Indication, MaintenanceRule]
    maintenance_by_region: Mapping[str, MaintenanceRule]
    repeat_by_region: Mapping[str, RepeatRule]
    repeat_default: RepeatRule
    results_last_months: int
    results_source: str


def load_course_rules(path: Path | None = None) -> CourseRules:
    """Read the course rules; ValueError if an indication is missing or a value is malformed."""
    source = path or resource_path("catalog", "course_rules.json")
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
        return _parse_rules(raw)
    except KeyError as error:
        raise ValueError(f"The course rules in {source.name} lack the key {error}.") from error
    except (TypeError, ValueError) as error:
        raise ValueError(f"The course rules in {source.name} are not valid: {error}") from error


def usual_course(indication: Indication) -> UsualCourse:
    """The usual session count and default interval for a new course of this indication."""
    return _rules().usual[indication]


def default_plan(indication: Indication, area: Area, start_on: date) -> CoursePlan:
    """A plan pre-filled from the usual course, for the practitioner to adjust."""
    usual = usual_course(indication)
    return CoursePlan(
        indication=indication,
        area=area,
        sessions=usual.default_sessions,
        interval_min_days=usual.interval_min_days,
        interval_max_days=usual.interval_max_days,
        start_on=start_on,
    )


@dataclass(frozen=True, slots=True)
class ProposedSession:
    """One session of a proposed course: when, and whether a visit is already booked for it.

    `visit_id` is set when an existing visit (today's, typically) becomes this session instead
    of a new one being booked.
    """

    number: int
    starts_at: datetime
    visit_id: int | None = None

    @property
    def day(self) -> date:
        return self.starts_at.astimezone().date()


class BookedTime(StrEnum):
    """Where the time of newly booked visits comes from."""

    USUAL = "usual"
    """The patient's usual time."""
    USUAL_MOVED_INTO_HOURS = "usual_moved_into_hours"
    """The patient's usual time falls outside opening hours; the nearest time inside is used."""
    OPENING = "opening"
    """No done visit to go by: the day's first hour."""


@dataclass(frozen=True, slots=True)
class CourseProposal:
    """What booking the course would do, exactly: the sessions and the rules their dates break.

    `starts_at` is the time new visits are booked at and `time_source` where it comes from;
    `working_days` are the weekdays the dates may fall on.
    """

    sessions: tuple[ProposedSession, ...]
    findings: tuple[Finding, ...]
    starts_at: time
    time_source: BookedTime
    working_days: frozenset[int] = EVERY_DAY

    @property
    def dates(self) -> list[date]:
        return [session.day for session in self.sessions]


def propose_dates(
    plan: CoursePlan,
    taken: Iterable[date] = (),
    working_days: Collection[int] = EVERY_DAY,
    *,
    first_booked: bool = False,
) -> list[date]:
    """Visit dates for the plan: the earliest allowed for each session.

    Session 1 falls on `start_on`, each next one `interval_min_days` after the previous. A date
    on a day the clinic is closed (a weekday not in `working_days`, 0 is Monday), or one that
    would put a third visit (of this course or of `taken`, the patient's other visits) into
    some 7 days, moves forward a day at a time until it fits. If no day up to
    `interval_max_days` fits, the first day that does is used anyway: keeping the weekly maximum
    matters more than the interval, and `check_plan` reports the long gap.

    With `first_booked`, session 1 is a visit already booked on `start_on` and stays there.
    """
    open_days = frozenset(working_days)
    if not open_days & EVERY_DAY:
        raise ValueError("The clinic has no working day to book a session on.")
    others = sorted(taken)
    dates: list[date] = []
    for number in range(plan.sessions):
        day = dates[-1] + timedelta(days=plan.interval_min_days) if dates else plan.start_on
        if number > 0 or not first_booked:
            while day.weekday() not in open_days or _week_is_full(day, [*dates, *others]):
                day += timedelta(days=1)
        dates.append(day)
    return dates


def usual_start(starts: Sequence[time]) -> time | None:
    """The patient's usual time: the most common of `starts` once rounded to the quarter hour.

    `starts` come newest first, so a tie goes to the time of the more recent visits. None when
    there is nothing to go by.
    """
    if not starts:
        return None
    rounded = [_to_slot(start) for start in starts]
    counts = Counter(rounded)
    most = max(counts.values())
    return next(start for start in rounded if counts[start] == most)


def booked_time(usual: time | None, opens_at: time, closes_at: time) -> tuple[time, BookedTime]:
    """The time new visits are booked at, and where it comes from."""
    start = start_within_hours(usual, opens_at, closes_at)
    if usual is None:
        return start, BookedTime.OPENING
    return start, BookedTime.USUAL if start == usual else BookedTime.USUAL_MOVED_INTO_HOURS


def start_within_hours(start: time | None, opens_at: time, closes_at: time) -> time:
    """`start` moved into opening hours: no earlier than opening, and at the latest one quarter
    hour before closing. Without a `start`, the day's first hour: the opening time."""
    if start is None or start <= opens_at:
        return opens_at
    latest = closes_at.hour * 60 + closes_at.minute - SLOT_MINUTES
    latest_start = max(time(latest // 60, latest % 60) if latest >= 0 else opens_at, opens_at)
    return min(start, latest_start)


def check_plan(
    plan: CoursePlan, dates: list[date], other_visit_dates: Iterable[date] = ()
) -> list[Finding]:
    """Every rule the planned dates break, most serious first.

    `other_visit_dates` are the patient's visits outside this course (cancelled ones left out);
    they count towards the weekly maximum but not towards this course's intervals.
    """
    own = sorted(dates)
    findings = _two_in_seven(own, sorted(other_visit_dates))
    findings += _intervals(plan, own)
    findings += check_session_count(plan.indication, plan.sessions)
    return most_serious_first(findings)


def check_session_count(indication: Indication, sessions: int) -> list[Finding]:
    """A warning, never a block, when a course is longer than the texts' usual count."""
    usual = usual_course(indication)
    if sessions <= usual.sessions_max:
        return []
    message = Message(
        texts.COURSE_TOO_MANY_SESSIONS,
        {
            "sessions": sessions,
            "indication": texts.indication_name(indication),
            "usual": usual.sessions_words,
            "note": usual.note_words,
        },
    )
    return [
        Finding.of("course.too_many_sessions", "", Severity.WARNING, message, usual.sessions_source)
    ]


def course_reminders(
    indication: Indication,
    area: Area,
    last_session_on: date,
    today: date,
    *,
    last_maintenance_on: date | None = None,
) -> list[Finding]:
    """Maintenance and repeat-course reminders once a course has ended.

    `last_session_on` is the course's last session; `last_maintenance_on` the latest maintenance
    procedure since, which moves the next maintenance date but not the repeat window. A reminder
    appears from its due day on; nothing is due before the course's last session.
    """
    if today < last_session_on:
        return []
    rules = _rules()
    findings: list[Finding] = []
    maintenance = rules.maintenance_by_indication.get(indication) or (
        rules.maintenance_by_region.get(area.region)
    )
    if maintenance is not None:
        findings += _maintenance_due(maintenance, last_session_on, last_maintenance_on, today)
    repeat = rules.repeat_by_region.get(area.region, rules.repeat_default)
    findings += _repeat_due(repeat, rules, last_session_on, today)
    return findings


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _to_slot(moment: time) -> time:
    """The nearest quarter hour (half past the slot rounds up), never past 23:45."""
    minutes = moment.hour * 60 + moment.minute + (moment.second + moment.microsecond / 1e6) / 60
    slot = min(int(minutes / SLOT_MINUTES + 0.5) * SLOT_MINUTES, 24 * 60 - SLOT_MINUTES)
    return time(slot // 60, slot % 60)


def _week_is_full(day: date, visits: list[date]) -> bool:
    """Whether one more visit on `day` would make some 7-day window hold more than 2 visits."""
    for back in range(WEEK_DAYS):
        start = day - timedelta(days=back)
        end = start + timedelta(days=WEEK_DAYS - 1)
        if sum(start <= visit <= end for visit in visits) >= MAX_SESSIONS_PER_WEEK:
            return True
    return False


def _two_in_seven(own: list[date], others: list[date]) -> list[Finding]:
    """One BLOCK per run of overlapping crowded weeks that involves this course."""
    visits = sorted([(day, True) for day in own] + [(day, False) for day in others])
    reach = MAX_SESSIONS_PER_WEEK
    clusters: list[tuple[int, int]] = []
    for i in range(len(visits) - reach):
        if (visits[i + reach][0] - visits[i][0]).days >= WEEK_DAYS:
            continue
        if clusters and i <= clusters[-1][1]:
            clusters[-1] = (clusters[-1][0], i + reach)
        else:
            clusters.append((i, i + reach))
    findings: list[Finding] = []
    for first, last in clusters:
        members = visits[first : last + 1]
        if not any(is_own for _, is_own in members):
            continue
        listed = Joined(
            tuple(
                day if is_own else Message(texts.ANOTHER_VISIT, {"date": day})
                for day, is_own in members
            )
        )
        findings.append(
            Finding.of(
                "course.two_in_seven",
                "",
                Severity.BLOCK,
                Message(
                    texts.COURSE_TWO_IN_SEVEN,
                    {"most": MAX_SESSIONS_PER_WEEK, "week": WEEK_DAYS, "dates": listed},
                ),
                "000",
            )
        )
    return findings


def _intervals(plan: CoursePlan, own: list[date]) -> list[Finding]:
    low, high = plan.interval_min_days, plan.interval_max_days
    allowed = (
        Message(texts.DAYS, {"days": low})
        if low == high
        else Message(texts.DAYS_RANGE, {"low": low, "high": high})
    )
    findings: list[Finding] = []
    for before, after in pairwise(own):
        gap = (after - before).days
        if low <= gap <= high:
            continue
        code = "course.interval_short" if gap < low else "course.interval_long"
        template = texts.COURSE_INTERVAL_ONE_DAY if gap == 1 else texts.COURSE_INTERVAL
        params: dict[str, Param] = {
            "before": before,
            "after": after,
            "gap": gap,
            "allowed": allowed,
        }
        findings.append(Finding.of(code, "", Severity.WARNING, Message(template, params)))
    return findings


def _maintenance_due(
    rule: MaintenanceRule, last_session_on: date, last_maintenance_on: date | None, today: date
) -> list[Finding]:
    base = max(last_session_on, last_maintenance_on or last_session_on)
    due = add_months(base, rule.every_months_min)
    if today < due:
        return []
    if rule.for_months is not None:
        ends = add_months(last_session_on, rule.for_months)
        if due > ends or today >= add_months(ends, rule.every_months_max):
            return []
    every: Message
    when: Message
    if rule.every_months_min == rule.every_months_max:
        every = Message(texts.MONTHS, {"months": rule.every_months_min})
        when = Message(texts.DUE_FROM, {"date": due})
    else:
        every = Message(
            texts.MONTHS_RANGE, {"low": rule.every_months_min, "high": rule.every_months_max}
        )
        latest = add_months(base, rule.every_months_max)
        when = Message(texts.DUE_BETWEEN, {"first": due, "last": latest})
    period: Param = (
        "" if rule.for_months is None else Message(texts.FOR_MONTHS, {"months": rule.for_months})
    )
    message = Message(
        texts.MAINTENANCE_DUE,
        {"when": when, "every": every, "period": period, "ended": last_session_on},
    )
    return [Finding.of("course.maintenance_due", "", Severity.INFO, message, rule.source)]


def _repeat_due(
    rule: RepeatRule, rules: CourseRules, last_session_on: date, today: date
) -> list[Finding]:
    faded = add_months(last_session_on, rules.results_last_months)
    if today >= faded:
        overdue = Message(
            texts.REPEAT_OVERDUE,
            {"ended": last_session_on, "months": rules.results_last_months, "faded": faded},
        )
        return [
            Finding.of("course.repeat_overdue", "", Severity.WARNING, overdue, rules.results_source)
        ]
    opens = add_months(last_session_on, rule.after_months_min)
    if today < opens:
        return []
    after = (
        Message(texts.MONTHS, {"months": rule.after_months_min})
        if rule.after_months_min == rule.after_months_max
        else Message(
            texts.MONTHS_RANGE, {"low": rule.after_months_min, "high": rule.after_months_max}
        )
    )
    due = Message(texts.REPEAT_DUE, {"opens": opens, "after": after, "ended": last_session_on})
    return [Finding.of("course.repeat_due", "", Severity.INFO, due, rule.source)]


@cache
def _rules() -> CourseRules:
    """The shipped rules, read once: they change with the app, not while it runs."""
    return load_course_rules()


def _parse_rules(raw: Mapping[str, Any]) -> CourseRules:
    usual = {
        Indication(key): UsualCourse(
            indication=Indication(key),
            sessions_min=_optional_count(entry["sessions_min"]),
            sessions_max=_count(entry["sessions_max"]),
            sessions_source=str(entry["sessions_source"]),
            interval_min_days=_count(entry["interval_min_days"]),
            interval_max_days=_count(entry["interval_max_days"]),
            interval_source=str(entry["interval_source"]),
            note=str(entry.get("note", "")),
            note_ru=str(entry.get("note_ru", "")),
        )
        for key, entry in raw["usual_courses"].items()
    }
    missing = [i.value for i in Indication if i not in usual]
    if missing:
        raise ValueError(f"no usual course for: {', '.join(missing)}")
    for course in usual.values():
        if course.sessions_min is not None and course.sessions_min > course.sessions_max:
            raise ValueError(f"{course.indication.value}: sessions_min is above sessions_max")
        if course.interval_min_days > course.interval_max_days:
            raise ValueError(f"{course.indication.value}: interval_min_days is above the max")
    maintenance = raw["maintenance"]
    repeat = raw["repeat"]
    return CourseRules(
        usual=usual,
        maintenance_by_indication={
            Indication(key): _maintenance(entry)
            for key, entry in maintenance["by_indication"].items()
        },
        maintenance_by_region={
            str(key): _maintenance(entry) for key, entry in maintenance["by_region"].items()
        },
        repeat_by_region={str(key): _repeat(entry) for key, entry in repeat["by_region"].items()},
        repeat_default=_repeat(repeat["default"]),
        results_last_months=_count(repeat["results_last_months"]),
        results_source=str(repeat["results_source"]),
    )


def _maintenance(entry: Mapping[str, Any]) -> MaintenanceRule:
    rule = MaintenanceRule(
        every_months_min=_count(entry["every_months_min"]),
        every_months_max=_count(entry["every_months_max"]),
        for_months=_optional_count(entry["for_months"]),
        source=str(entry["source"]),
    )
    if rule.every_months_min > rule.every_months_max:
        raise ValueError("a maintenance rule has every_months_min above every_months_max")
    return rule


def _repeat(entry: Mapping[str, Any]) -> RepeatRule:
    rule = RepeatRule(
        after_months_min=_count(entry["after_months_min"]),
        after_months_max=_count(entry["after_months_max"]),
        source=str(entry["source"]),
    )
    if rule.after_months_min > rule.after_months_max:
        raise ValueError("a repeat rule has after_months_min above after_months_max")
    return rule


def _count(raw: Any) -> int:
    """A whole number of at least 1: a session count, days or months."""
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        raise ValueError(f"expected a whole number of at least 1, not {raw!r}")
    return raw


def _optional_count(raw: Any) -> int | None:
    """Null where the text gives only an upper bound ("up to 8") or no time limit."""
    return None if raw is None else _count(raw)
