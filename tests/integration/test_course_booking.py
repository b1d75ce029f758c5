"""Booking a course as the planner proposes it: today's visit as session 1, the clinic's
working days and hours, the patient's usual time. On a real SQLite file and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.courses import BookedTime
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import CourseRecord
from mesodesk.domain.vocabulary import Area, Indication
from mesodesk.models import Course, Visit
from mesodesk.models.base import utcnow
from mesodesk.services.errors import ValidationFailed

MONDAY = date(2026, 3, 2)


def _patient(services) -> int:
    return services.patients.save(PatientCard(last_name="Иванова", first_name="Мария")).id


def _visit(database, patient_id: int, moment: datetime, status: str = "planned", **fields) -> int:
    with database.sessions.begin() as session:
        row = Visit(patient_id=patient_id, starts_at=moment, status=status, **fields)
        session.add(row)
        session.flush()
        return row.id


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone()


def _course(services, patient: int, start: date, sessions: int = 5) -> CourseRecord:
    return replace(
        services.courses.plan(patient, Indication.WRINKLES, Area.FACE, start),
        sessions=sessions,
        interval_min_days=7,
        interval_max_days=10,
    )


def _course_visits(database, course_id: int) -> list[Visit]:
    with database.sessions() as session:
        return list(
            session.scalars(
                select(Visit).where(Visit.course_id == course_id).order_by(Visit.starts_at)
            )
        )


# --- today's visit as session 1 -----------------------------------------------------------------


def test_todays_visit_becomes_session_one_and_propose_shows_exactly_what_is_booked(
    services, database
):
    patient = _patient(services)
    today = date.today()
    todays = _visit(database, patient, _at(today, 11, 30))
    course = _course(services, patient, today)

    proposal = services.courses.propose(course)

    first = proposal.sessions[0]
    assert (first.number, first.visit_id, first.day) == (1, todays, today)
    assert first.starts_at == _at(today, 11, 30)
    assert len(proposal.sessions) == 5
    assert all(s.visit_id is None for s in proposal.sessions[1:])
    assert proposal.findings == ()

    saved = services.courses.save_course(course, create_planned_visits=True, shown=proposal)

    visits = _course_visits(database, saved.id)
    assert [v.starts_at for v in visits] == [s.starts_at for s in proposal.sessions]
    assert visits[0].id == todays
    assert {v.status for v in visits[1:]} == {"planned"}
    assert services.courses.propose(replace(course, start_on=today)).sessions[0].visit_id is None


def test_a_signed_visit_done_today_joins_the_new_course_as_its_first_session(services, database):
    patient = _patient(services)
    today = date.today()
    signed = _visit(
        database,
        patient,
        _at(today, 9, 15),
        status="done",
        signed_at=utcnow(),
        signed_by="Орлова Е. В.",
    )
    course = _course(services, patient, today, sessions=3)

    proposal = services.courses.propose(course)
    saved = services.courses.save_course(course, create_planned_visits=True, shown=proposal)

    assert proposal.sessions[0].visit_id == signed
    visits = _course_visits(database, saved.id)
    assert visits[0].id == signed and len(visits) == 3
    assert visits[0].status == "done" and visits[0].signed_by == "Орлова Е. В."
    assert visits[0].version == 2  # an open copy of the visit now reads as changed elsewhere


def test_a_cancelled_visit_or_one_already_in_a_course_is_not_taken_as_session_one(
    services, database
):
    patient = _patient(services)
    earlier = services.courses.save_course(
        _course(services, patient, MONDAY - timedelta(days=14)), create_planned_visits=False
    )
    cancelled = _visit(database, patient, _at(MONDAY, 10), status="cancelled")
    in_course = _visit(database, patient, _at(MONDAY, 12), course_id=earlier.id)
    course = _course(services, patient, MONDAY, sessions=2)

    proposal = services.courses.propose(course)
    saved = services.courses.save_course(course, create_planned_visits=True, shown=proposal)

    assert [s.visit_id for s in proposal.sessions] == [None, None]
    assert proposal.dates == [MONDAY, MONDAY + timedelta(days=7)]
    ids = [v.id for v in _course_visits(database, saved.id)]
    assert cancelled not in ids and in_course not in ids and len(ids) == 2
    with database.sessions() as session:
        assert session.get(Visit, in_course).course_id == earlier.id


def test_a_plan_that_changed_since_it_was_shown_books_nothing(services, database):
    patient = _patient(services)
    course = _course(services, patient, MONDAY, sessions=3)
    shown = services.courses.propose(course)
    _visit(database, patient, _at(MONDAY, 16))  # booked at reception meanwhile

    with pytest.raises(ValidationFailed) as refused:
        services.courses.save_course(course, create_planned_visits=True, shown=shown)

    assert "changed while the plan was open" in refused.value.errors["visits"]
    with database.sessions() as session:
        assert session.scalars(select(Course)).all() == []
        assert len(session.scalars(select(Visit)).all()) == 1
    again = services.courses.propose(course)
    assert again.sessions[0].starts_at == _at(MONDAY, 16)


# --- the clinic's days and hours ----------------------------------------------------------------


def test_sessions_skip_the_days_the_clinic_is_closed(services, database):
    services.settings.save_profile(ClinicProfile(working_days=frozenset(range(5))))
    patient = _patient(services)
    course = replace(_course(services, patient, MONDAY, sessions=6), interval_min_days=6)

    proposal = services.courses.propose(course)
    saved = services.courses.save_course(course, create_planned_visits=True, shown=proposal)

    assert all(day.weekday() < 5 for day in proposal.dates)
    assert proposal.dates[:2] == [MONDAY, MONDAY + timedelta(days=7)]  # Sunday moved to Monday
    assert proposal.working_days == frozenset(range(5))
    days = [v.starts_at.astimezone().date() for v in _course_visits(database, saved.id)]
    assert days == proposal.dates


def test_a_start_on_a_sunday_moves_to_monday_with_the_default_working_week(services):
    patient = _patient(services)
    sunday = MONDAY - timedelta(days=1)

    proposal = services.courses.propose(_course(services, patient, sunday, sessions=2))

    assert proposal.dates[0] == MONDAY


def test_without_past_visits_sessions_are_booked_when_the_clinic_opens(services, database):
    services.settings.save_profile(ClinicProfile(opens_at=time(12, 0), closes_at=time(18, 0)))
    patient = _patient(services)
    course = _course(services, patient, MONDAY, sessions=2)

    proposal = services.courses.propose(course)
    saved = services.courses.save_course(course, create_planned_visits=True, shown=proposal)

    assert (proposal.starts_at, proposal.time_source) == (time(12, 0), BookedTime.OPENING)
    times = {v.starts_at.astimezone().time() for v in _course_visits(database, saved.id)}
    assert times == {time(12, 0)}


def test_sessions_are_booked_at_the_patients_usual_time(services, database):
    patient = _patient(services)
    for weeks, (hour, minute) in enumerate([(14, 5), (13, 55), (11, 0), (14, 0), (11, 10)]):
        _visit(database, patient, _at(MONDAY - timedelta(weeks=weeks + 1), hour, minute), "done")
    _visit(database, patient, _at(MONDAY - timedelta(days=3), 18), status="cancelled")
    course = _course(services, patient, MONDAY, sessions=3)

    proposal = services.courses.propose(course)
    saved = services.courses.save_course(course, create_planned_visits=True, shown=proposal)

    assert (proposal.starts_at, proposal.time_source) == (time(14, 0), BookedTime.USUAL)
    visits = _course_visits(database, saved.id)
    assert {v.starts_at.astimezone().time() for v in visits} == {time(14, 0)}


def test_a_usual_time_after_closing_books_the_last_quarter_hour_before_closing(services, database):
    patient = _patient(services)
    _visit(database, patient, _at(MONDAY - timedelta(days=10), 21, 30), "done")

    proposal = services.courses.propose(_course(services, patient, MONDAY, sessions=2))

    assert proposal.starts_at == time(19, 45)
    assert proposal.time_source is BookedTime.USUAL_MOVED_INTO_HOURS
    assert all(s.starts_at.astimezone().time() == time(19, 45) for s in proposal.sessions)
