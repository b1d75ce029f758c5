"""Courses: planning a series of sessions, checking it, and booking its visits as planned."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from mesodesk.domain import courses as rules
from mesodesk.domain import limits
from mesodesk.domain.findings import Finding, Severity, most_serious_first
from mesodesk.domain.records import CourseRecord
from mesodesk.domain.vocabulary import Area, Indication, VisitStatus
from mesodesk.models import Course, Patient, Visit
from mesodesk.models.base import utcnow
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ValidationFailed
from mesodesk.services.settings import read_profile

USUAL_TIME_VISITS = 20
"""The patient's usual time is read from this many of their latest done visits."""

COUNTED = (VisitStatus.PLANNED.value, VisitStatus.DONE.value)
"""Visits that take a place in the week; cancelled and missed ones do not."""


class CourseService(Service):
    def plan(
        self, patient_id: int, indication: Indication, area: Area, start_on: date
    ) -> CourseRecord:
        """A new, unsaved course filled in from the usual course for the indication."""
        problem = limits.day_problem(start_on)
        if problem is not None:
            raise ValidationFailed({"start_on": problem})
        with self._read() as session:
            _patient(session, patient_id)
        plan = rules.default_plan(indication, area, start_on)
        return CourseRecord(
            id=None,
            patient_id=patient_id,
            indication=plan.indication,
            area=plan.area,
            sessions=plan.sessions,
            interval_min_days=plan.interval_min_days,
            interval_max_days=plan.interval_max_days,
            start_on=plan.start_on,
        )

    def propose(self, course: CourseRecord) -> rules.CourseProposal:
        """Exactly what `save_course` would book now, and every rule the dates break.

        The patient's visit on the start day (today's, typically), if it is planned or done and
        in no course yet, becomes session 1; the other sessions fall on the clinic's working
        days at the patient's usual time.
        """
        plan = _plan(course)
        with self._read() as session:
            _patient(session, course.patient_id)
            return _proposal(session, course, plan)

    def save_course(
        self,
        course: CourseRecord,
        create_planned_visits: bool,
        shown: rules.CourseProposal | None = None,
    ) -> CourseRecord:
        """Store the course; with `create_planned_visits`, book it as `propose` shows it.

        The visit that `propose` makes session 1 joins the course, and the other sessions are
        booked as planned visits, in the one transaction that stores the course. With `shown`
        (the proposal the practitioner saw), nothing is stored if the patient's visits changed
        since and the proposal would now differ. Visits are booked only for a course that has
        none yet, so saving twice never doubles them; moving or cancelling booked visits is done
        on the visits themselves.
        """
        plan = _plan(course)
        with self._write() as session:
            _patient(session, course.patient_id)
            if course.id is None:
                row = Course(patient_id=course.patient_id)
                session.add(row)
            else:
                existing = session.get(Course, course.id)
                if existing is None or existing.patient_id != course.patient_id:
                    raise NotFound("This course no longer exists; it was deleted meanwhile.")
                self._check_version(existing.version, course.version)
                row = existing
            row.indication = plan.indication.value
            row.area = plan.area.value
            row.sessions = plan.sessions
            row.interval_min_days = plan.interval_min_days
            row.interval_max_days = plan.interval_max_days
            row.start_on = plan.start_on
            row.notes = course.notes.strip()
            session.flush()
            if create_planned_visits:
                _book(session, row, plan, shown)
            return course_record(row)

    def list_courses(self, patient_id: int) -> list[CourseRecord]:
        """The patient's courses, newest start first."""
        with self._read() as session:
            rows = session.scalars(
                select(Course)
                .where(Course.patient_id == patient_id)
                .order_by(Course.start_on.desc(), Course.id.desc())
            )
            return [course_record(row) for row in rows]

    def reminders(self, patient_id: int, today: date) -> list[Finding]:
        """Maintenance and repeat reminders for the patient's finished courses.

        Only the latest course of each indication and area counts (a repeat course replaces
        the reminders of the one before), and only once none of its visits is still planned.
        """
        with self._read() as session:
            courses = list(session.scalars(_NEWEST_COURSES_FIRST, {"patient_id": patient_id}))
            if not courses:
                return []
            ids = [course.id for course in courses]
            last_done = dict(
                session.execute(
                    select(Visit.course_id, func.max(Visit.starts_at))
                    .where(Visit.course_id.in_(ids), Visit.status == VisitStatus.DONE.value)
                    .group_by(Visit.course_id)
                ).all()
            )
            still_planned = set(
                session.scalars(
                    select(Visit.course_id)
                    .where(Visit.course_id.in_(ids), Visit.status == VisitStatus.PLANNED.value)
                    .distinct()
                )
            )
        findings: list[Finding] = []
        seen: set[tuple[str, str]] = set()
        for course in courses:
            key = (course.indication, course.area)
            if key in seen:
                continue
            seen.add(key)
            last = last_done.get(course.id)
            if last is None or course.id in still_planned:
                continue
            findings += rules.course_reminders(
                Indication(course.indication), Area(course.area), _local_day(last), today
            )
        return most_serious_first(findings)


_NEWEST_COURSES_FIRST = (
    select(Course)
    .where(Course.patient_id == bindparam("patient_id"))
    .order_by(Course.start_on.desc(), Course.id.desc())
)
"""Read at every opening of a card (the reminders), so built once (its cache key made once)."""


def _plan(course: CourseRecord) -> rules.CoursePlan:
    """The domain plan, or ValidationFailed with the rule's own sentence beside the field."""
    errors: dict[str, str] = {}
    limits.check_text(errors, "notes", course.notes, limits.COURSE_NOTES, multiline=True)
    problem = limits.day_problem(course.start_on)
    if problem is not None:
        errors["start_on"] = problem
    for field, kind, value in (
        ("indication", Indication, course.indication),
        ("area", Area, course.area),
    ):
        try:
            kind(value)
        except ValueError:
            errors[field] = "Choose from the list."
    if errors:
        raise ValidationFailed(errors)
    try:
        return rules.CoursePlan(
            indication=Indication(course.indication),
            area=Area(course.area),
            sessions=course.sessions,
            interval_min_days=course.interval_min_days,
            interval_max_days=course.interval_max_days,
            start_on=course.start_on,
        )
    except ValueError as error:
        message = str(error)
        field = "sessions" if "session" in message else "interval"
        raise ValidationFailed({field: message}) from error


def _proposal(
    session: Session, course: CourseRecord, plan: rules.CoursePlan
) -> rules.CourseProposal:
    """The one computation behind both `propose` and `save_course`, so they cannot differ."""
    profile = read_profile(session)
    first = _visit_on_start_day(session, course, plan)
    others = _other_visit_days(session, course, plan, first[0] if first else None)
    try:
        dates = rules.propose_dates(
            plan, others, profile.working_days, first_booked=first is not None
        )
    except ValueError as error:
        raise ValidationFailed({"working_days": str(error)}) from error
    start, source = rules.booked_time(
        rules.usual_start(_done_visit_times(session, course.patient_id)),
        profile.opens_at,
        profile.closes_at,
    )
    sessions = [
        rules.ProposedSession(number, _local(day, start))
        for number, day in enumerate(dates, start=1)
    ]
    if first is not None:
        sessions[0] = rules.ProposedSession(1, first[1], visit_id=first[0])
    return rules.CourseProposal(
        sessions=tuple(sessions),
        findings=tuple(rules.check_plan(plan, dates, others)),
        starts_at=start,
        time_source=source,
        working_days=profile.working_days,
    )


def _book(
    session: Session, row: Course, plan: rules.CoursePlan, shown: rules.CourseProposal | None
) -> None:
    """Book the course's sessions as `_proposal` has them, refusing what the rules block."""
    booked = session.scalar(select(func.count(Visit.id)).where(Visit.course_id == row.id))
    if booked:
        raise ValidationFailed(
            {
                "visits": "This course already has visits booked; "
                "change them in the patient's visits."
            }
        )
    proposal = _proposal(session, course_record(row), plan)
    if shown is not None and shown.sessions != proposal.sessions:
        raise ValidationFailed(
            {
                "visits": "The patient's visits changed while the plan was open; check the "
                "proposed visits again, then create the course."
            }
        )
    blocks = [f for f in proposal.findings if f.severity is Severity.BLOCK]
    if blocks:
        raise ValidationFailed({"visits": blocks[0].reason})
    profile = read_profile(session)
    for planned in proposal.sessions:
        if planned.visit_id is not None:
            visit = session.get(Visit, planned.visit_id)
            if visit is None:
                raise NotFound("The visit on the course's first day was deleted meanwhile.")
            visit.course_id = row.id
            visit.updated_at = utcnow()
            continue
        session.add(
            Visit(
                patient_id=row.patient_id,
                course_id=row.id,
                starts_at=planned.starts_at,
                status=VisitStatus.PLANNED.value,
                areas=[plan.area.value],
                practitioner=profile.practitioner,
                currency=profile.currency,
            )
        )
    session.flush()


def _visit_on_start_day(
    session: Session, course: CourseRecord, plan: rules.CoursePlan
) -> tuple[int, datetime] | None:
    """The patient's first planned or done visit on the start day that is in no course yet."""
    found = session.execute(
        select(Visit.id, Visit.starts_at)
        .where(
            Visit.patient_id == course.patient_id,
            Visit.status.in_(COUNTED),
            Visit.course_id.is_(None),
            Visit.starts_at >= _local(plan.start_on, time.min),
            Visit.starts_at < _local(plan.start_on + timedelta(days=1), time.min),
        )
        .order_by(Visit.starts_at, Visit.id)
        .limit(1)
    ).first()
    return (found.id, found.starts_at) if found is not None else None


def _other_visit_days(
    session: Session, course: CourseRecord, plan: rules.CoursePlan, first_visit: int | None
) -> list[date]:
    """The patient's planned or done visits outside this course, near enough to matter.

    Only visits from a week before the start to a week after the latest possible end (each
    session moved by up to a week for closed days and crowded weeks) can crowd a week of the
    course, so the query stays small for a long history. The visit that becomes session 1
    (`first_visit`) is the course's own.
    """
    step = max(plan.interval_max_days, rules.WEEK_DAYS) + rules.WEEK_DAYS
    span = plan.sessions * step + 2 * rules.WEEK_DAYS
    since = _local(plan.start_on - timedelta(days=rules.WEEK_DAYS + 1), time.min)
    until = _local(plan.start_on + timedelta(days=span), time.min)
    statement = select(Visit.starts_at).where(
        Visit.patient_id == course.patient_id,
        Visit.status.in_(COUNTED),
        Visit.starts_at >= since,
        Visit.starts_at <= until,
    )
    if course.id is not None:
        statement = statement.where(or_(Visit.course_id.is_(None), Visit.course_id != course.id))
    if first_visit is not None:
        statement = statement.where(Visit.id != first_visit)
    return sorted(_local_day(moment) for moment in session.scalars(statement))


def _done_visit_times(session: Session, patient_id: int) -> list[time]:
    """Local start times of the patient's latest done visits, newest first."""
    moments = session.scalars(
        select(Visit.starts_at)
        .where(Visit.patient_id == patient_id, Visit.status == VisitStatus.DONE.value)
        .order_by(Visit.starts_at.desc(), Visit.id.desc())
        .limit(USUAL_TIME_VISITS)
    )
    return [moment.astimezone().time() for moment in moments]


def _local(day: date, moment: time) -> datetime:
    """`moment` on `day` in the workstation's time zone, as an aware datetime."""
    return datetime.combine(day, moment).astimezone()


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def _patient(session: Session, patient_id: int) -> Patient:
    row = session.get(Patient, patient_id)
    if row is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    return row


def course_record(row: Course) -> CourseRecord:
    return CourseRecord(
        id=row.id,
        patient_id=row.patient_id,
        indication=Indication(row.indication),
        area=Area(row.area),
        sessions=row.sessions,
        interval_min_days=row.interval_min_days,
        interval_max_days=row.interval_max_days,
        start_on=row.start_on,
        notes=row.notes,
        version=row.version,
    )
