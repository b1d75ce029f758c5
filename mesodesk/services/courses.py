"""Courses: planning a series of sessions, checking it, and booking its visits as planned."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from mesodesk.domain import courses as rules
from mesodesk.domain.findings import Finding, most_serious_first
from mesodesk.domain.records import CourseRecord
from mesodesk.domain.vocabulary import Area, Indication, VisitStatus
from mesodesk.models import ClinicSetting, Course, Patient, Visit
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ValidationFailed
from mesodesk.services.settings import PROFILE_KEY

PLANNED_AT = time(10, 0)
"""Planned visits are booked at 10:00 local time; the practitioner moves them as needed."""

COUNTED = (VisitStatus.PLANNED.value, VisitStatus.DONE.value)
"""Visits that take a place in the week; cancelled and missed ones do not."""


class CourseService(Service):
    def plan(
        self, patient_id: int, indication: Indication, area: Area, start_on: date
    ) -> CourseRecord:
        """A new, unsaved course filled in from the usual course for the indication."""
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

    def propose(self, course: CourseRecord) -> tuple[list[date], list[Finding]]:
        """The proposed visit dates and every rule they break, given the patient's other visits."""
        plan = _plan(course)
        with self._read() as session:
            others = _other_visit_days(session, course, plan)
        dates = rules.propose_dates(plan, others)
        return dates, rules.check_plan(plan, dates, others)

    def save_course(self, course: CourseRecord, create_planned_visits: bool) -> CourseRecord:
        """Store the course; with `create_planned_visits`, book its proposed dates as planned.

        Visits are booked only for a course that has none yet, so saving twice never doubles
        them; moving or cancelling booked visits is done on the visits themselves.
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
                booked = session.scalar(
                    select(func.count(Visit.id)).where(Visit.course_id == row.id)
                )
                if booked:
                    raise ValidationFailed(
                        {
                            "visits": "This course already has visits booked; "
                            "change them in the patient's visits."
                        }
                    )
                others = _other_visit_days(session, course_record(row), plan)
                practitioner = _default_practitioner(session)
                for day in rules.propose_dates(plan, others):
                    session.add(
                        Visit(
                            patient_id=row.patient_id,
                            course_id=row.id,
                            starts_at=planned_at(day),
                            status=VisitStatus.PLANNED.value,
                            areas=[plan.area.value],
                            practitioner=practitioner,
                        )
                    )
                session.flush()
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
            courses = list(
                session.scalars(
                    select(Course)
                    .where(Course.patient_id == patient_id)
                    .order_by(Course.start_on.desc(), Course.id.desc())
                )
            )
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


def planned_at(day: date) -> datetime:
    """10:00 on `day` in the workstation's time zone, as an aware datetime."""
    return datetime.combine(day, PLANNED_AT).astimezone()


def _plan(course: CourseRecord) -> rules.CoursePlan:
    """The domain plan, or ValidationFailed with the rule's own sentence beside the field."""
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


def _other_visit_days(session: Session, course: CourseRecord, plan: rules.CoursePlan) -> list[date]:
    """The patient's planned or done visits outside this course, near enough to matter.

    Only visits from a week before the start to a week after the latest possible end can
    crowd a week of the course, so the query stays small for a long history.
    """
    span = plan.sessions * max(plan.interval_max_days, rules.WEEK_DAYS) + 2 * rules.WEEK_DAYS
    since = planned_at(plan.start_on - timedelta(days=rules.WEEK_DAYS + 1))
    until = planned_at(plan.start_on + timedelta(days=span))
    statement = select(Visit.starts_at).where(
        Visit.patient_id == course.patient_id,
        Visit.status.in_(COUNTED),
        Visit.starts_at >= since,
        Visit.starts_at <= until,
    )
    if course.id is not None:
        statement = statement.where(or_(Visit.course_id.is_(None), Visit.course_id != course.id))
    return sorted(_local_day(moment) for moment in session.scalars(statement))


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def _default_practitioner(session: Session) -> str:
    """The practitioner named in the clinic profile, so booked visits say who will see them."""
    row = session.get(ClinicSetting, PROFILE_KEY)
    value = row.value if row is not None else None
    return str(value.get("practitioner", "")) if isinstance(value, dict) else ""


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
