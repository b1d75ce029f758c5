"""Planning courses on real databases: proposed dates, rule findings, booked visits, reminders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.findings import Severity
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.vocabulary import Area, Indication
from mesodesk.models import Visit
from mesodesk.services.errors import StaleRecord, ValidationFailed

START = date(2026, 3, 2)


def _patient(services) -> int:
    return services.patients.save(PatientCard(last_name="Иванова", first_name="Мария")).id


def _visit(database, patient_id: int, day: date, status: str = "planned", course_id=None) -> None:
    with database.sessions.begin() as session:
        session.add(
            Visit(
                patient_id=patient_id,
                course_id=course_id,
                starts_at=datetime.combine(day, time(12)).astimezone(),
                status=status,
            )
        )


def _booked(database, course_id: int) -> list[Visit]:
    with database.sessions() as session:
        return list(
            session.scalars(
                select(Visit).where(Visit.course_id == course_id).order_by(Visit.starts_at)
            )
        )


def test_a_new_course_starts_from_the_usual_course_for_the_indication(services):
    patient = _patient(services)
    course = services.courses.plan(patient, Indication.FACE_OVAL, Area.FACE, START)
    assert course.id is None
    assert course.start_on == START and course.sessions >= 1
    proposal = services.courses.propose(course)
    assert len(proposal.dates) == course.sessions
    assert proposal.dates[0] == START
    assert proposal.findings == ()


def test_six_face_sessions_every_7_to_10_days_are_proposed_a_week_apart(services):
    patient = _patient(services)
    course = replace(
        services.courses.plan(patient, Indication.WRINKLES, Area.FACE, START),
        sessions=6,
        interval_min_days=7,
        interval_max_days=10,
    )
    proposal = services.courses.propose(course)
    assert proposal.dates == [START + timedelta(days=7 * n) for n in range(6)]
    assert proposal.findings == ()


def test_other_visits_move_a_session_that_would_make_three_in_a_week(services, database):
    patient = _patient(services)
    _visit(database, patient, START + timedelta(days=1))
    _visit(database, patient, START + timedelta(days=2))
    _visit(database, patient, START + timedelta(days=3), status="cancelled")
    course = replace(
        services.courses.plan(patient, Indication.WRINKLES, Area.FACE, START),
        sessions=2,
        interval_min_days=7,
        interval_max_days=10,
    )
    assert services.courses.propose(course).dates[0] == START + timedelta(days=8)


def test_more_sessions_than_usual_is_a_warning_with_the_reason(services):
    patient = _patient(services)
    course = replace(
        services.courses.plan(patient, Indication.EYE_BAGS, Area.EYES, START), sessions=9
    )
    findings = services.courses.propose(course).findings
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert "9 sessions are planned" in findings[0].reason


def test_an_impossible_interval_is_refused_beside_the_field(services):
    patient = _patient(services)
    course = replace(
        services.courses.plan(patient, Indication.WRINKLES, Area.FACE, START),
        interval_min_days=10,
        interval_max_days=7,
    )
    with pytest.raises(ValidationFailed) as refused:
        services.courses.propose(course)
    assert "shorter than the shortest" in refused.value.errors["interval"]


def test_saving_a_course_books_its_dates_as_planned_visits_at_opening_time(services, database):
    patient = _patient(services)
    services.settings.save_profile(ClinicProfile(practitioner="Dr. Orlova"))
    course = replace(
        services.courses.plan(patient, Indication.WRINKLES, Area.FACE, START),
        sessions=6,
        interval_min_days=7,
        interval_max_days=10,
    )
    saved = services.courses.save_course(course, create_planned_visits=True)
    assert saved.id is not None and saved.version == 1
    visits = _booked(database, saved.id)
    assert [v.starts_at.astimezone().date() for v in visits] == [
        START + timedelta(days=7 * n) for n in range(6)
    ]
    assert {v.starts_at.astimezone().time() for v in visits} == {time(9)}
    assert {v.status for v in visits} == {"planned"}
    assert all(v.areas == ["face"] and v.practitioner == "Dr. Orlova" for v in visits)
    assert services.courses.list_courses(patient) == [saved]
    with pytest.raises(ValidationFailed):
        services.courses.save_course(saved, create_planned_visits=True)
    assert len(_booked(database, saved.id)) == 6


def test_a_course_changed_elsewhere_is_not_overwritten(services):
    patient = _patient(services)
    course = services.courses.plan(patient, Indication.WRINKLES, Area.FACE, START)
    saved = services.courses.save_course(course, create_planned_visits=False)
    services.courses.save_course(replace(saved, sessions=7), create_planned_visits=False)
    with pytest.raises(StaleRecord):
        services.courses.save_course(replace(saved, sessions=8), create_planned_visits=False)


def test_reminders_appear_once_a_finished_face_course_is_months_behind(services, database):
    patient = _patient(services)
    course = services.courses.save_course(
        replace(
            services.courses.plan(patient, Indication.WRINKLES, Area.FACE, START),
            sessions=2,
            interval_min_days=7,
            interval_max_days=10,
        ),
        create_planned_visits=False,
    )
    _visit(database, patient, START, status="done", course_id=course.id)
    _visit(database, patient, START + timedelta(days=7), status="done", course_id=course.id)
    assert services.courses.reminders(patient, START + timedelta(days=14)) == []
    later = services.courses.reminders(patient, date(2026, 12, 20))
    assert {f.code for f in later} >= {"course.repeat_due"}
    assert all(f.reason for f in later)


def test_no_reminders_while_visits_of_the_course_are_still_planned(services, database):
    patient = _patient(services)
    course = services.courses.save_course(
        services.courses.plan(patient, Indication.WRINKLES, Area.FACE, START),
        create_planned_visits=False,
    )
    _visit(database, patient, START, status="done", course_id=course.id)
    _visit(database, patient, START + timedelta(days=7), course_id=course.id)
    assert services.courses.reminders(patient, date(2027, 6, 1)) == []
