"""The safety findings above the visit panes: what blocks, what postpones, what needs care.

The banner shows what `ScreeningService` decides and never decides anything itself. It is
re-screened whenever a visit is opened or a patient's records change, and whenever the day's
questions are answered here. A block is passed only with a written reason, kept with the visit.
"""

from __future__ import annotations

import getpass
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.anamnesis import DayChecklist
from mesodesk.domain.findings import Severity
from mesodesk.domain.patient import PatientCard, format_date, parse_day
from mesodesk.domain.records import VisitRecord
from mesodesk.domain.safety_records import VisitScreening, finding_title
from mesodesk.domain.screening import ScreeningFinding
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.ui.events import record_events
from mesodesk.ui.visit_pane import VisitPane

if TYPE_CHECKING:
    from mesodesk.ui.main_window import MainWindow

STYLE = """
QFrame#safetyBanner { background: transparent; }
QFrame#safetyFinding { border-radius: 6px; border: 1px solid #b2ddff; background: #eff8ff; }
QFrame#safetyFinding[severity="block"] { border: 1px solid #fda29b; background: #fef3f2;
    border-left: 4px solid #b42318; }
QFrame#safetyFinding[severity="postpone"] { border: 1px solid #b2ddff; background: #eff8ff;
    border-left: 4px solid #1570ef; }
QFrame#safetyFinding[severity="warning"] { border: 1px solid #fedf89; background: #fffaeb;
    border-left: 4px solid #dc6803; }
QFrame#safetyFinding[severity="info"] { border: 1px solid #e3e6ea; background: #ffffff; }
QFrame#safetyFinding[overridden="true"] { border-left: 4px solid #667085; background: #f9fafb; }
QLabel#findingTag { font-weight: 700; }
QFrame#safetyFinding[severity="block"] QLabel#findingTag { color: #b42318; }
QFrame#safetyFinding[severity="postpone"] QLabel#findingTag { color: #175cd3; }
QFrame#safetyFinding[severity="warning"] QLabel#findingTag { color: #b54708; }
QLabel#overrideNote { color: #344054; font-style: italic; }
QFrame#dayChecklist { border: 1px solid #e3e6ea; border-radius: 6px; background: #ffffff; }
"""

PLAN_DELAY_MS = 250
"""Typing and ticking pause this long before the plan is screened again."""

FINDINGS_HEIGHT = 240
"""Above this the findings scroll, so the visit notes and the diagram keep their room."""

CHECKLIST_QUESTIONS = (
    ("menstruation", "Menstruation"),
    ("fever", "Fever"),
    ("active_herpes", "Active herpes"),
    ("inflammation_in_area", "Inflammation in the area"),
    ("fungal_infection_in_area", "Fungal infection in the area"),
    ("skin_damage_in_area", "Wounds in the area"),
    ("chronic_exacerbation", "Chronic disease flare"),
    ("acne_flare", "Acne flare"),
    ("respiratory_disease", "Respiratory disease"),
)


class SafetyBanner(QFrame):
    """Findings for the open visit, the overrides recorded, and the day's questions."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.visit_tab)
        self.setObjectName("safetyBanner")
        self.setStyleSheet(STYLE)
        self._window = window
        self._visit: VisitRecord | None = None
        self._plan: VisitRecord | None = None
        self._screening: VisitScreening | None = None
        self._generation = 0
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(PLAN_DELAY_MS)
        self._plan_timer.timeout.connect(self.refresh)

        findings = QWidget(self)
        self.findings_box = QVBoxLayout(findings)
        self.findings_box.setContentsMargins(0, 0, 0, 0)
        self.findings_box.setSpacing(4)
        self.findings_scroll = QScrollArea(self)
        self.findings_scroll.setWidgetResizable(True)
        self.findings_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.findings_scroll.setWidget(findings)
        self.summary = QLabel(self)
        self.summary.setObjectName("mutedLabel")
        self.questions: dict[str, QCheckBox] = {}
        self.peeling_on = self._date_field()
        self.surgery_on = self._date_field()
        self.checklist_error = QLabel(self)
        self.checklist_error.setObjectName("fieldError")
        self.checklist_error.hide()
        self.none_apply = QPushButton(self.tr("None apply"), self)
        self.none_apply.setToolTip(self.tr("The patient answered no to every question today"))
        self.none_apply.clicked.connect(self._none_apply)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.checklist_frame = self._checklist_frame()
        layout.addWidget(self.checklist_frame)
        layout.addWidget(self.findings_scroll)
        layout.addWidget(self.summary)
        self.hide()

    # --- what tests and the window call -----------------------------------------------------

    def show_visit(self, visit: VisitRecord | None) -> None:
        self._visit = visit if visit is not None and visit.id is not None else None
        self._plan = None
        self._plan_timer.stop()
        self._screening = None
        self.setVisible(self._visit is not None)
        self.refresh()

    def plan_changed(self, plan: VisitRecord) -> None:
        """The visit as edited but not saved yet: re-screen it shortly, so the findings follow
        the areas, techniques and lots as they are chosen."""
        if self._visit is not None and plan.id == self._visit.id:
            self._plan = plan
            self._plan_timer.start()

    def refresh(self) -> None:
        """Re-screen the open visit off the GUI thread; an older answer is dropped."""
        self._generation += 1
        self._plan_timer.stop()
        if self._visit is None or self._visit.id is None:
            return
        generation, visit_id, plan = self._generation, self._visit.id, self._plan
        screening = self._window.services.screening
        self._window.runner.submit(
            lambda: screening.screening(visit_id, plan=plan),
            lambda result: self._show(generation, result),
            self._failed,
        )

    def screening(self) -> VisitScreening | None:
        return self._screening

    @property
    def visit(self) -> VisitRecord | None:
        return self._visit

    def ask_override_reason(self, finding: ScreeningFinding) -> str | None:
        """The written reason for going ahead, or None when the practitioner steps back."""
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Override a contraindication"),
            self.tr(
                "{finding}\n\nWhy is the procedure going ahead? This is kept with the visit."
            ).format(finding=finding.reason),
        )
        return text if ok else None

    def ask_new_date(self, finding: ScreeningFinding) -> date | None:
        """The day to move the visit to; the earliest allowed is when the finding lifts."""
        earliest = finding.possible_from or date.today() + timedelta(days=1)
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Reschedule the visit"))
        calendar = QCalendarWidget(dialog)
        calendar.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        calendar.setSelectedDate(calendar.minimumDate())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        column = QVBoxLayout(dialog)
        column.addWidget(
            QLabel(self.tr("Possible from {day}.").format(day=format_date(earliest)), dialog)
        )
        column.addWidget(calendar)
        column.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return calendar.selectedDate().toPython()

    def override(self, finding: ScreeningFinding) -> bool:
        """Ask for the reason and keep it; False when nothing was recorded."""
        if self._visit is None or self._visit.id is None:
            return False
        reason = self.ask_override_reason(finding)
        if reason is None:
            return False
        try:
            self._window.services.screening.record_override(
                self._visit.id, finding, reason, self._decided_by()
            )
        except ValidationFailed as exc:
            self._window.banner.show_message(" ".join(exc.errors.values()), "warning")
            return False
        except ServiceError as exc:
            self._window.banner.show_message(str(exc), "error")
            return False
        self.refresh()
        return True

    def override_first(self) -> None:
        if self._screening is not None and self._screening.unresolved:
            self.override(self._screening.unresolved[0])

    def reschedule(self, finding: ScreeningFinding) -> bool:
        """Move the visit to a later day through the visits service; the panes reload it."""
        if self._visit is None or self._visit.id is None:
            return False
        day = self.ask_new_date(finding)
        if day is None:
            return False
        pane = self._visit_pane()
        if pane is not None and pane.is_dirty() and not pane.save():
            return False
        services = self._window.services
        try:
            current = services.visits.get(self._visit.id)
            local = current.starts_at.astimezone()
            moved = datetime.combine(day, local.timetz())
            saved = services.visits.save(replace(current, starts_at=moved))
        except ServiceError as exc:
            self._window.banner.show_message(str(exc), "error")
            return False
        self._window.banner.show_message(
            self.tr("The visit is moved to {day}.").format(day=format_date(day)), "success"
        )
        self._reload_visit(saved)
        record_events(self._window).changed.emit(saved.patient_id)
        return True

    def _visit_pane(self) -> VisitPane | None:
        """The visit-notes pane when it shows this banner's visit."""
        pane = getattr(self._window, "visit_pane", None)
        if not isinstance(pane, VisitPane) or self._visit is None:
            return None
        loaded = pane.record
        return pane if loaded is not None and loaded.id == self._visit.id else None

    def _reload_visit(self, saved: VisitRecord) -> None:
        """Let every visit pane see the stored visit (new date, new checklist)."""
        pane = self._visit_pane()
        if pane is not None and saved.id is not None:
            pane.open_visit(saved.id)
        else:
            self._window.visit_opened.emit(saved)

    def reschedule_first(self) -> None:
        if self._screening is None:
            return
        postponed = [f for f in self._screening.findings if f.severity is Severity.POSTPONE]
        if postponed:
            self.reschedule(max(postponed, key=lambda f: f.possible_from or date.min))

    def finding_frames(self) -> list[QFrame]:
        return [
            item.widget()
            for index in range(self.findings_box.count())
            if isinstance((item := self.findings_box.itemAt(index)).widget(), QFrame)
        ]

    # --- showing ----------------------------------------------------------------------------

    def _show(self, generation: int, screening: VisitScreening) -> None:
        if generation != self._generation or self._visit is None:
            return
        self._screening = screening
        while self.findings_box.count():
            widget = self.findings_box.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if screening.catalog_problem:
            self._window.banner.show_message(self.tr(screening.catalog_problem), "error")
        # a signed visit's day is over: its questions are history, not something to ask now
        self.checklist_frame.setVisible(not screening.signed)
        shown = screening.findings
        for finding in shown:
            frame = self._finding_frame(finding, screening)
            self.findings_box.addWidget(frame)
            frame.show()
        self._fit_findings()
        self._load_checklist(screening.checklist, screening.signed)
        blocks = len(screening.unresolved)
        self.summary.setVisible((not shown or blocks > 0) and not screening.signed)
        if not shown:
            self.summary.setText(self.tr("No contraindications found for this visit."))
        elif blocks:
            self.summary.setText(
                self.tr(
                    "Marking done and signing need a written reason for each red finding "
                    "({count} left)."
                ).format(count=blocks)
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_findings()

    def _fit_findings(self) -> None:
        """As tall as the findings need at this width, up to FINDINGS_HEIGHT; then it scrolls."""
        layout = self.findings_box
        width = self.findings_scroll.viewport().width()
        needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
        if needed < 0:
            needed = layout.sizeHint().height()
        self.findings_scroll.setFixedHeight(min(needed, FINDINGS_HEIGHT))

    def _finding_frame(self, finding: ScreeningFinding, screening: VisitScreening) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName("safetyFinding")
        frame.setProperty("severity", finding.severity.value)
        override = screening.override_for(finding)
        frame.setProperty("overridden", "true" if override else "false")
        tags = {
            Severity.BLOCK: self.tr("Do not inject"),
            Severity.POSTPONE: self.tr("Postpone"),
            Severity.WARNING: self.tr("Take care"),
            Severity.INFO: self.tr("Note"),
        }
        tag = QLabel(tags[finding.severity], frame)
        tag.setObjectName("findingTag")
        tag.setMinimumWidth(92)
        tag.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        reason = QLabel(self.tr(finding.reason), frame)
        reason.setObjectName("findingReason")
        reason.setWordWrap(True)
        reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(reason)
        if override is not None:
            note = QLabel(
                self.tr("Overridden by {who} on {day}: {reason}").format(
                    who=override.decided_by,
                    day=format_date(override.decided_at.astimezone().date()),
                    reason=override.reason,
                ),
                frame,
            )
            note.setObjectName("overrideNote")
            note.setWordWrap(True)
            text.addWidget(note)
        row = QHBoxLayout(frame)
        row.setContentsMargins(10, 6, 8, 6)
        row.addWidget(tag)
        row.addLayout(text, 1)
        if not screening.signed and finding.severity is Severity.BLOCK and override is None:
            button = QPushButton(self.tr("Override…"), frame)
            button.setObjectName("overrideButton")
            button.setToolTip(self.tr("Go ahead with a written reason (Ctrl+Alt+O)"))
            button.clicked.connect(lambda: self.override(finding))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        if not screening.signed and finding.severity is Severity.POSTPONE:
            button = QPushButton(self.tr("Reschedule…"), frame)
            button.setObjectName("rescheduleButton")
            button.setToolTip(self.tr("Move the visit to a later day (Ctrl+Alt+R)"))
            button.clicked.connect(lambda: self.reschedule(finding))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        frame.setToolTip(finding_title(finding))
        return frame

    def _failed(self, error: Exception) -> None:
        self._window.banner.show_message(
            self.tr("The safety screening failed: {error}").format(error=error), "error"
        )

    # --- the day's questions ----------------------------------------------------------------

    def _checklist_frame(self) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName("dayChecklist")
        grid = QGridLayout(frame)
        grid.setContentsMargins(10, 6, 10, 6)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        title = QLabel(self.tr("Asked today:"), frame)
        title.setStyleSheet("font-weight: 600;")
        grid.addWidget(title, 0, 0)
        columns = 4
        for index, (code, text) in enumerate(CHECKLIST_QUESTIONS):
            box = QCheckBox(self.tr(text), frame)
            box.setObjectName(code)
            box.toggled.connect(self._answered)
            self.questions[code] = box
            grid.addWidget(box, index // columns, 1 + index % columns)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("Deep peeling on"), frame))
        dates.addWidget(self.peeling_on)
        dates.addSpacing(12)
        dates.addWidget(QLabel(self.tr("Surgery on"), frame))
        dates.addWidget(self.surgery_on)
        dates.addWidget(self.checklist_error)
        dates.addStretch(1)
        dates.addWidget(self.none_apply)
        grid.addLayout(dates, -(-len(CHECKLIST_QUESTIONS) // columns), 1, 1, columns)
        grid.setColumnStretch(columns + 1, 1)
        return frame

    def _date_field(self) -> QLineEdit:
        line = QLineEdit(self)
        line.setPlaceholderText(self.tr("dd.mm.yyyy"))
        line.setMaxLength(10)
        line.setFixedWidth(100)
        line.editingFinished.connect(self._answered)
        return line

    def _load_checklist(self, checklist: DayChecklist | None, signed: bool) -> None:
        answers = checklist or DayChecklist()
        for code, box in self.questions.items():
            box.blockSignals(True)
            box.setChecked(bool(getattr(answers, code)))
            box.blockSignals(False)
            box.setEnabled(not signed)
        for line, value in (
            (self.peeling_on, answers.recent_peeling_on),
            (self.surgery_on, answers.recent_surgery_on),
        ):
            if not line.hasFocus():
                line.setText(format_date(value))
            line.setEnabled(not signed)
        self.none_apply.setEnabled(not signed)

    def checklist(self) -> DayChecklist | None:
        """The answers as ticked, or None (with a message shown) when a date cannot be read."""
        try:
            peeling = parse_day(self.peeling_on.text())
            surgery = parse_day(self.surgery_on.text())
        except ValueError as exc:
            self.checklist_error.setText(self.tr(str(exc)))
            self.checklist_error.show()
            return None
        self.checklist_error.hide()
        ticked = {code: box.isChecked() for code, box in self.questions.items()}
        previous = self._screening.checklist if self._screening else None
        return DayChecklist(
            **ticked,
            recent_peeling_on=peeling,
            recent_surgery_on=surgery,
            other_codes=previous.other_codes if previous else frozenset(),
        )

    def _answered(self, *_args: object) -> None:
        checklist = self.checklist()
        if checklist is None or self._visit is None or self._visit.id is None:
            return
        if self._screening is not None and checklist == self._screening.checklist:
            return
        self._save_checklist(checklist)

    def _none_apply(self) -> None:
        for line in (self.peeling_on, self.surgery_on):
            line.clear()
        for box in self.questions.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        if self._visit is not None and self._visit.id is not None:
            self._save_checklist(DayChecklist())

    def _save_checklist(self, checklist: DayChecklist) -> None:
        assert self._visit is not None and self._visit.id is not None
        try:
            self._window.services.screening.save_checklist(self._visit.id, checklist)
        except ServiceError as exc:
            self._window.banner.show_message(str(exc), "error")
            return
        pane = self._visit_pane()
        if pane is not None and not pane.is_dirty() and pane.record is not None:
            pane.open_visit(self._visit.id)  # its copy of the visit now carries the answers
        else:
            self.refresh()

    def _decided_by(self) -> str:
        """Who takes the decision: the visit's practitioner, else the clinic's, else the login."""
        if self._visit is not None and self._visit.practitioner.strip():
            return self._visit.practitioner
        practitioner = self._window.services.settings.profile().practitioner.strip()
        return practitioner or getpass.getuser()


def install(window: MainWindow) -> None:
    """The findings banner at the top of the Visit tab, and its actions in the Visit menu."""
    banner = SafetyBanner(window)
    window.visit_banner_area.addWidget(banner)
    window.safety_banner = banner  # type: ignore[attr-defined]
    window.visit_opened.connect(banner.show_visit)

    def records_changed(patient_id: int) -> None:
        if banner.visit is not None and banner.visit.patient_id == patient_id:
            banner.refresh()

    def patient_opened(card: PatientCard | None) -> None:
        if banner.visit is not None and (card is None or card.id != banner.visit.patient_id):
            banner.show_visit(None)

    record_events(window).changed.connect(records_changed)
    window.patient_opened.connect(patient_opened)
    pane = getattr(window, "visit_pane", None)
    if pane is not None:
        pane.plan_edited.connect(banner.plan_changed)
    menu = window.menus["visit"]
    menu.addSeparator()
    for text, shortcut, slot in (
        (window.tr("Re-check &safety"), "Ctrl+Alt+K", banner.refresh),
        (window.tr("&Override a contraindication…"), "Ctrl+Alt+O", banner.override_first),
        (window.tr("Re&schedule the visit…"), "Ctrl+Alt+R", banner.reschedule_first),
    ):
        action = QAction(text, window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        window.addAction(action)
        menu.addAction(action)
