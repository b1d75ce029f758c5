"""Planning a course from the open patient: live dates and findings, then booked visits."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.vocabulary import Area, Indication
from mesodesk.models import Visit
from mesodesk.ui.course_dialog import CourseDialog
from mesodesk.ui.main_window import MainWindow


def _open_patient(window: MainWindow) -> PatientCard:
    card = window.services.patients.save(PatientCard(last_name="Иванова", first_name="Мария"))
    window.open_patient(card.id)
    return card


def _plan(window: MainWindow) -> CourseDialog:
    window.course_action.trigger()
    dialog = window.findChild(CourseDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def _face_course(dialog: CourseDialog, start: date) -> None:
    _choose(dialog.indication, Indication.WRINKLES)
    _choose(dialog.area, Area.FACE)
    dialog.start_on.setDate(QDate(start.year, start.month, start.day))
    dialog.sessions.setValue(6)
    dialog.interval_min.setValue(7)
    dialog.interval_max.setValue(10)


def _shown_findings(dialog: CourseDialog) -> list[tuple[str, str]]:
    return [
        (label.property("severity"), label.text())
        for label in dialog._finding_labels
        if not label.isHidden()
    ]


def test_planning_needs_a_saved_patient_open(qtbot, window):
    action = window.course_action
    assert not action.isEnabled()
    window.new()
    assert not action.isEnabled()
    _open_patient(window)
    assert action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+Shift+O"


def test_a_face_course_of_six_sessions_every_7_to_10_days_proposes_six_weekly_dates(qtbot, window):
    _open_patient(window)
    dialog = _plan(window)
    start = date(2027, 3, 1)
    _face_course(dialog, start)
    assert dialog.proposed_dates() == [start + timedelta(days=7 * n) for n in range(6)]
    assert dialog.dates.count() == 6
    assert dialog.dates.item(0).text().startswith("1.  01/03/2027")
    assert dialog.dates_title.text() == "Proposed visits: 6"
    assert _shown_findings(dialog) == []
    assert dialog.no_findings.isVisible()
    assert dialog.create_button.isEnabled()


def test_choosing_an_indication_fills_in_its_usual_course(qtbot, window):
    _open_patient(window)
    dialog = _plan(window)
    _choose(dialog.indication, Indication.EYE_BAGS)
    assert dialog.sessions.value() <= 4
    assert "up to 4" in dialog.usual.text()


def test_more_sessions_than_usual_shows_an_amber_warning_at_once(qtbot, window):
    _open_patient(window)
    dialog = _plan(window)
    _choose(dialog.indication, Indication.EYE_BAGS)
    dialog.sessions.setValue(7)
    findings = _shown_findings(dialog)
    assert len(findings) == 1
    severity, text = findings[0]
    assert severity == "warning"
    assert "7 sessions are planned" in text and "up to 4" in text
    assert dialog.create_button.isEnabled()


def test_an_interval_with_the_longest_below_the_shortest_blocks_creating(qtbot, window):
    _open_patient(window)
    dialog = _plan(window)
    dialog.interval_max.setValue(3)
    dialog.interval_min.setValue(9)
    severities = {severity for severity, _ in _shown_findings(dialog)}
    assert severities == {"block"}
    assert not dialog.create_button.isEnabled()


def test_creating_the_course_books_six_planned_visits_and_tells_the_timeline(
    qtbot, window, sqlite_db
):
    card = _open_patient(window)
    dialog = _plan(window)
    start = date(2027, 3, 1)
    _face_course(dialog, start)
    with qtbot.waitSignal(window.patient.records_changed) as changed:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert changed.args == [card.id]
    assert not dialog.isVisible()
    with sqlite_db.sessions() as session:
        visits = list(
            session.scalars(
                select(Visit).where(Visit.patient_id == card.id).order_by(Visit.starts_at)
            )
        )
    assert len(visits) == 6
    assert {visit.status for visit in visits} == {"planned"}
    assert visits[0].starts_at.astimezone().date() == start
    assert len(window.services.courses.list_courses(card.id)) == 1
    assert window.notice_bar.is_showing()
    assert "6 visits booked, 01/03/2027 to 05/04/2027" in window.notice_bar.text.text()


def test_opening_a_patient_whose_face_course_ended_long_ago_shows_a_repeat_reminder(
    qtbot, window, sqlite_db
):
    card = window.services.patients.save(PatientCard(last_name="Петрова", first_name="Ольга"))
    services = window.services
    start = date.today() - timedelta(days=800)
    course = services.courses.save_course(
        services.courses.plan(card.id, Indication.WRINKLES, Area.FACE, start),
        create_planned_visits=True,
    )
    with sqlite_db.sessions.begin() as session:
        for visit in session.scalars(select(Visit).where(Visit.course_id == course.id)):
            visit.status = "done"
    window.open_patient(card.id)
    qtbot.waitUntil(lambda: window.notice_bar.is_showing())
    assert "repeat course is overdue" in window.notice_bar.text.text()


def test_todays_visit_is_shown_as_session_one_and_joins_the_course_it_creates(
    qtbot, window, sqlite_db
):
    card = _open_patient(window)
    today = date.today()
    with sqlite_db.sessions.begin() as session:
        session.add(
            Visit(
                patient_id=card.id,
                starts_at=datetime.combine(today - timedelta(days=14), time(15, 10)).astimezone(),
                status="done",
            )
        )
        todays = Visit(
            patient_id=card.id,
            starts_at=datetime.combine(today, time(11, 30)).astimezone(),
            status="planned",
        )
        session.add(todays)
        session.flush()
        todays_id = todays.id
    dialog = _plan(window)
    _choose(dialog.indication, Indication.WRINKLES)
    dialog.sessions.setValue(3)

    first = dialog.dates.item(0).text()
    assert first.startswith(f"1.  {today:%d/%m/%Y}") and "11:30" in first
    assert first.endswith("today, already booked")
    assert dialog.dates.item(1).text().endswith(", 15:15")
    assert "booked at 15:15, the patient's usual time" in dialog.booking_note.text()
    assert "closed on" in dialog.booking_note.text()

    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    (course,) = window.services.courses.list_courses(card.id)
    with sqlite_db.sessions() as session:
        visits = list(
            session.scalars(
                select(Visit).where(Visit.course_id == course.id).order_by(Visit.starts_at)
            )
        )
    assert [v.id for v in visits][:1] == [todays_id] and len(visits) == 3
    assert [v.starts_at.astimezone().date() for v in visits] == dialog.proposed_dates()


def test_sessions_proposed_by_the_dialog_never_fall_on_a_closed_day(qtbot, window):
    window.services.settings.save_profile(ClinicProfile(working_days=frozenset({1, 3})))
    _open_patient(window)
    dialog = _plan(window)
    _face_course(dialog, date(2027, 3, 1))

    assert [day.weekday() for day in dialog.proposed_dates()] == [1, 1, 1, 1, 1, 1]
    assert "first hour of the day" in dialog.booking_note.text()
    assert dialog.dates.item(0).text().endswith(", 09:00")


def test_the_planner_fits_a_1280x800_screen_and_wraps_its_text(qtbot, window):
    _open_patient(window)
    dialog = _plan(window)
    _choose(dialog.indication, Indication.ACNE)
    hint = dialog.sizeHint().expandedTo(dialog.minimumSize())
    assert hint.width() <= 1280 and hint.height() <= 760
    assert dialog.usual.wordWrap() and dialog.booking_note.wordWrap() and dialog.dates.wordWrap()
    assert all(label.wordWrap() for label in dialog._finding_labels)
