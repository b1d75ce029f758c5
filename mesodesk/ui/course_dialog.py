"""Planning a course: the practitioner sets the plan, sees the dates and findings live, and
decides whether to book it. A dialog, because nothing is stored until they decide."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import courses as rules
from mesodesk.domain import limits
from mesodesk.domain.findings import Finding, Severity
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import CourseRecord
from mesodesk.domain.vocabulary import Area, Indication
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.ui.language import interface_language
from mesodesk.ui.text import (
    core_message,
    finding_text,
    show_date,
    show_time,
    source_tooltip,
    ui_locale,
    vocab,
    weekday_name,
)
from mesodesk.ui.wheel_guard import ComboBox, DateEdit, SpinBox

if TYPE_CHECKING:
    from mesodesk.services.courses import CourseService

FINDING_STYLE = {
    Severity.BLOCK: "color: #b42318; background: #fef3f2; border: 1px solid #fecdca;",
    Severity.POSTPONE: "color: #b42318; background: #fef3f2; border: 1px solid #fecdca;",
    Severity.WARNING: "color: #93370d; background: #fffaeb; border: 1px solid #fedf89;",
    Severity.INFO: "color: #175cd3; background: #eff8ff; border: 1px solid #b2ddff;",
}


class CourseDialog(QDialog):
    """Indication, area, sessions, interval and start; the proposed dates follow every change."""

    def __init__(
        self,
        courses: CourseService,
        patient: PatientCard,
        parent: QWidget | None = None,
        start_on: date | None = None,
    ) -> None:
        super().__init__(parent)
        assert patient.id is not None
        self._courses = courses
        self._patient = patient
        self._proposal: rules.CourseProposal | None = None
        self._dates: list[date] = []
        self._findings: list[Finding] = []
        self.created: tuple[CourseRecord, list[date]] | None = None
        self.setWindowTitle(self.tr("Plan a course — {name}").format(name=patient.full_name))
        self.setMinimumSize(760, 440)

        self.indication = ComboBox(self)
        for indication in Indication:
            self.indication.addItem(vocab(indication), indication)
        self.area = ComboBox(self)
        for area in Area:
            self.area.addItem(vocab(area), area)
        self.sessions = SpinBox(self)
        self.sessions.setRange(1, limits.COURSE_SESSIONS)
        self.usual = QLabel(self)
        self.usual.setObjectName("mutedLabel")
        self.usual.setWordWrap(True)
        self.interval_min = SpinBox(self)
        self.interval_max = SpinBox(self)
        for box in (self.interval_min, self.interval_max):
            box.setRange(1, limits.COURSE_INTERVAL_DAYS)
            box.setSuffix(self.tr(" days"))
        self.start_on = DateEdit(self)
        self.start_on.setCalendarPopup(True)
        self.start_on.setDisplayFormat("dd.MM.yyyy")
        first = start_on or date.today()
        self.start_on.setDate(QDate(first.year, first.month, first.day))

        interval = QHBoxLayout()
        interval.addWidget(self.interval_min)
        interval.addWidget(QLabel(self.tr("to"), self))
        interval.addWidget(self.interval_max)
        interval.addStretch(1)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("&Indication"), self.indication)
        form.addRow(self.tr("&Area"), self.area)
        form.addRow(self.tr("&Sessions"), self.sessions)
        form.addRow("", self.usual)
        form.addRow(self.tr("Interval"), interval)
        form.addRow(self.tr("S&tart on"), self.start_on)

        self.dates = QListWidget(self)
        self.dates.setMinimumWidth(260)
        self.dates.setWordWrap(True)
        self.dates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dates.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        self.dates_title = QLabel(self)
        self.dates_title.setStyleSheet("font-weight: 600; color: #344054;")
        self.booking_note = QLabel(self)
        self.booking_note.setObjectName("mutedLabel")
        self.booking_note.setWordWrap(True)
        self.findings_box = QVBoxLayout()
        self.findings_box.setSpacing(6)
        self.no_findings = QLabel(self.tr("The plan keeps every course rule."), self)
        self.no_findings.setObjectName("mutedLabel")
        self.findings_box.addWidget(self.no_findings)
        self._finding_labels: list[QLabel] = []

        left = QVBoxLayout()
        left.addLayout(form)
        checks = QLabel(self.tr("Checks"), self)
        checks.setStyleSheet("font-weight: 600; color: #344054; margin-top: 8px;")
        left.addWidget(checks)
        left.addLayout(self.findings_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.dates_title)
        right.addWidget(self.dates, 1)
        right.addWidget(self.booking_note)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setStyleSheet("color: #e3e6ea;")
        body.addWidget(line)
        body.addLayout(right, 2)

        self.create_button = QPushButton(self.tr("Create course and planned visits"), self)
        self.create_button.setObjectName("primary")
        self.create_button.setDefault(True)
        self.create_button.setToolTip(self.tr("Ctrl+Return"))
        self.create_button.setShortcut("Ctrl+Return")
        cancel = QPushButton(self.tr("Cancel"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        self.indication.currentIndexChanged.connect(self._indication_changed)
        for signal in (
            self.area.currentIndexChanged,
            self.sessions.valueChanged,
            self.interval_min.valueChanged,
            self.interval_max.valueChanged,
            self.start_on.dateChanged,
        ):
            signal.connect(self.refresh)
        self.create_button.clicked.connect(self.create)
        cancel.clicked.connect(self.reject)
        self._indication_changed()
        self.indication.setFocus()

    # --- reading the form -------------------------------------------------------------------

    def course(self) -> CourseRecord:
        day = self.start_on.date()
        return CourseRecord(
            id=None,
            patient_id=self._patient.id or 0,
            indication=Indication(self.indication.currentData()),
            area=Area(self.area.currentData()),
            sessions=self.sessions.value(),
            interval_min_days=self.interval_min.value(),
            interval_max_days=self.interval_max.value(),
            start_on=date(day.year(), day.month(), day.day()),
        )

    def proposed_dates(self) -> list[date]:
        return list(self._dates)

    def findings(self) -> list[Finding]:
        return list(self._findings)

    # --- live updates -----------------------------------------------------------------------

    def _indication_changed(self) -> None:
        """Fill sessions and interval from the usual course of the chosen indication."""
        indication = Indication(self.indication.currentData())
        usual = rules.usual_course(indication)
        plan = rules.default_plan(indication, Area(self.area.currentData()), self.course().start_on)
        for box, value in (
            (self.sessions, plan.sessions),
            (self.interval_min, plan.interval_min_days),
            (self.interval_max, plan.interval_max_days),
        ):
            blocker = box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(blocker)
        language = interface_language()
        hint = self.tr("Usual course: {count} sessions, every {low}-{high} days.").format(
            count=usual.sessions_words.text(language),
            low=usual.interval_min_days,
            high=usual.interval_max_days,
        )
        if usual.note:
            hint += " " + usual.note_words.text(language)
        self.usual.setText(hint)
        self.refresh()

    def refresh(self) -> None:
        """Propose the visits and check them against the rules, as the fields stand now."""
        self._proposal = None
        try:
            self._proposal = self._courses.propose(self.course())
            self._findings = list(self._proposal.findings)
        except ValidationFailed as exc:
            self._findings = [
                Finding("course.invalid", Severity.BLOCK, message)
                for message in exc.errors.values()
            ]
        except ServiceError as exc:
            self._findings = [Finding("course.error", Severity.BLOCK, core_message(str(exc)))]
        sessions = self._proposal.sessions if self._proposal is not None else ()
        self._dates = [session.day for session in sessions]
        self.dates.clear()
        for session in sessions:
            self.dates.addItem(self._session_text(session))
        self.dates_title.setText(self.tr("Proposed visits: %n", "", len(sessions)))
        self.booking_note.setText(self._booking_note())
        self._show_findings()
        blocked = any(f.severity is Severity.BLOCK for f in self._findings)
        self.create_button.setEnabled(bool(sessions) and not blocked)

    def _session_text(self, session: rules.ProposedSession) -> str:
        day = session.day
        text = self.tr("{number}.  {date}, {weekday}, {time}").format(
            number=session.number,
            date=show_date(day),
            weekday=weekday_name(day),
            time=show_time(session.starts_at.astimezone()),
        )
        if session.visit_id is None:
            return text
        if day == date.today():
            return self.tr("{session} — today, already booked").format(session=text)
        return self.tr("{session} — already booked").format(session=text)

    def _booking_note(self) -> str:
        """At what time new visits are booked and why, and which days are skipped."""
        proposal = self._proposal
        if proposal is None:
            return ""
        at = show_time(proposal.starts_at)
        if proposal.time_source is rules.BookedTime.USUAL:
            note = self.tr("New visits are booked at {time}, the patient's usual time.")
        elif proposal.time_source is rules.BookedTime.USUAL_MOVED_INTO_HOURS:
            note = self.tr(
                "New visits are booked at {time}: the patient's usual time is outside opening "
                "hours."
            )
        else:
            note = self.tr("New visits are booked at {time}, the first hour of the day.")
        note = note.format(time=at)
        closed = [day for day in range(7) if day not in proposal.working_days]
        if closed:
            names = ", ".join(ui_locale().dayName(day + 1) for day in closed)
            note += " " + self.tr("The clinic is closed on: {days}.").format(days=names)
        return note

    def _show_findings(self) -> None:
        for label in self._finding_labels:
            self.findings_box.removeWidget(label)
            label.deleteLater()
        self._finding_labels = []
        for finding in self._findings:
            label = QLabel(finding_text(finding), self)
            label.setToolTip(source_tooltip(finding))
            label.setWordWrap(True)
            label.setProperty("severity", finding.severity.value)
            label.setStyleSheet(
                f"QLabel {{ {FINDING_STYLE[finding.severity]} border-radius: 4px; padding: 6px; }}"
            )
            self.findings_box.addWidget(label)
            label.show()
            self._finding_labels.append(label)
        self.no_findings.setVisible(not self._findings)

    # --- deciding ---------------------------------------------------------------------------

    def create(self) -> None:
        """Store the course and book its visits exactly as shown, then close."""
        course = self.course()
        try:
            saved = self._courses.save_course(
                course, create_planned_visits=True, shown=self._proposal
            )
        except ServiceError as exc:
            message = (
                "\n".join(map(core_message, exc.errors.values()))
                if isinstance(exc, ValidationFailed)
                else core_message(str(exc))
            )
            self.refresh()
            self._findings.insert(0, Finding("course.not_saved", Severity.BLOCK, message))
            self._show_findings()
            return
        self.created = (saved, list(self._dates))
        self.accept()
