"""The safety strip at the top of the Visit tab: the day's questions and the findings.

One line of fixed height, whatever the findings: counts by kind and the most serious finding
in words; the questions and the whole list open over the tab (Ctrl+Alt+Q, Ctrl+Alt+F) instead
of pushing the form and the diagram around. The strip shows what `ScreeningService` decides and
never decides anything itself; a block is passed only with a written reason.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import limits
from mesodesk.domain.anamnesis import DayChecklist
from mesodesk.domain.findings import Severity
from mesodesk.domain.patient import parse_day
from mesodesk.domain.records import VisitRecord
from mesodesk.domain.safety_records import VisitScreening
from mesodesk.domain.screening import ScreeningFinding
from mesodesk.ui.elided import ElidedLabel
from mesodesk.ui.state.open_visit import OpenVisit
from mesodesk.ui.text import core_message, finding_text, show_date, source_tooltip

STRIP_HEIGHT = 40
DIALOG_WIDTH = 520


def checklist_questions() -> tuple[tuple[str, str], ...]:
    """The day-of-visit questions: checklist code and the question as shown."""
    return (
        ("menstruation", QCoreApplication.translate("ChecklistPanel", "Menstruation")),
        ("fever", QCoreApplication.translate("ChecklistPanel", "Fever")),
        ("active_herpes", QCoreApplication.translate("ChecklistPanel", "Active herpes")),
        (
            "inflammation_in_area",
            QCoreApplication.translate("ChecklistPanel", "Inflammation in the area"),
        ),
        (
            "fungal_infection_in_area",
            QCoreApplication.translate("ChecklistPanel", "Fungal infection in the area"),
        ),
        ("skin_damage_in_area", QCoreApplication.translate("ChecklistPanel", "Wounds in the area")),
        (
            "chronic_exacerbation",
            QCoreApplication.translate("ChecklistPanel", "Chronic disease flare"),
        ),
        ("acne_flare", QCoreApplication.translate("ChecklistPanel", "Acne flare")),
        (
            "respiratory_disease",
            QCoreApplication.translate("ChecklistPanel", "Respiratory disease"),
        ),
    )


STYLE = """
QFrame#safetyLine { background: #ffffff; border: 1px solid #e3e6ea; border-radius: 6px; }
QFrame#safetyLine[level="block"] { border-left: 4px solid #b42318; background: #fef3f2; }
QFrame#safetyLine[level="postpone"] { border-left: 4px solid #1570ef; background: #eff8ff; }
QFrame#safetyLine[level="warning"] { border-left: 4px solid #dc6803; background: #fffaeb; }
QFrame#safetyLine[level="clear"] { border-left: 4px solid #067647; }
QFrame#popover { background: #ffffff; border: 1px solid #98a2b3; border-radius: 6px; }
QFrame#safetyFinding { border-radius: 6px; border: 1px solid #e3e6ea; background: #ffffff; }
QFrame#safetyFinding[severity="block"] { border: 1px solid #fda29b; background: #fef3f2;
    border-left: 4px solid #b42318; }
QFrame#safetyFinding[severity="postpone"] { border: 1px solid #b2ddff; background: #eff8ff;
    border-left: 4px solid #1570ef; }
QFrame#safetyFinding[severity="warning"] { border: 1px solid #fedf89; background: #fffaeb;
    border-left: 4px solid #dc6803; }
QFrame#safetyFinding[overridden="true"] { border-left: 4px solid #667085; background: #f9fafb; }
QLabel#findingTag { font-weight: 700; }
QFrame#safetyFinding[severity="block"] QLabel#findingTag { color: #b42318; }
QFrame#safetyFinding[severity="postpone"] QLabel#findingTag { color: #175cd3; }
QFrame#safetyFinding[severity="warning"] QLabel#findingTag { color: #b54708; }
QLabel#overrideNote { color: #344054; font-style: italic; }
"""

COLOURS = {
    Severity.BLOCK: "#b42318",
    Severity.POSTPONE: "#175cd3",
    Severity.WARNING: "#b54708",
    Severity.INFO: "#475467",
}


OVERRIDDEN_COLOUR = "#667085"


def _count_html(colour: str, number: int, tag: str) -> str:
    return f'<span style="color:{colour}; font-weight:600">{number} × {tag}</span>'


def severity_tags() -> dict[Severity, str]:
    return {
        Severity.BLOCK: QCoreApplication.translate("SafetyStrip", "Do not inject"),
        Severity.POSTPONE: QCoreApplication.translate("SafetyStrip", "Postpone"),
        Severity.WARNING: QCoreApplication.translate("SafetyStrip", "Take care"),
        Severity.INFO: QCoreApplication.translate("SafetyStrip", "Note"),
    }


def _title(finding: ScreeningFinding) -> str:
    """The short name of a finding in the interface's language: its sentence up to the first
    colon (the stored `reason` is English, so the title is cut from the translated text)."""
    return finding_text(finding).split(": ", 1)[0].strip()


class Popover(QFrame):
    """A panel shown over the tab below its button; Esc or a click outside closes it."""

    closed = Signal()

    def __init__(self, content: QWidget, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("popover")
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(content)
        self.content = content

    def show_below(self, anchor: QWidget, width: int) -> None:
        screen = anchor.screen().availableGeometry()
        origin = anchor.mapToGlobal(QPoint(0, anchor.height() + 4))
        width = min(width, screen.width() - 16)
        self.setFixedWidth(width)
        self.adjustSize()
        height = min(self.sizeHint().height(), screen.height() * 2 // 3)
        x = max(screen.left() + 8, min(origin.x(), screen.right() - width - 8))
        y = min(origin.y(), screen.bottom() - height - 8)
        self.setGeometry(x, y, width, height)
        self.show()
        self.content.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.closed.emit()


class ChecklistPanel(QWidget):
    """The day's questions: tick what the patient answers yes to, or *None apply*."""

    answered = Signal(object)  # DayChecklist

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.questions: dict[str, QCheckBox] = {}
        self._loaded: DayChecklist | None = None
        title = QLabel(self.tr("Ask the patient today; tick what applies:"), self)
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: 600;")
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        for index, (code, text) in enumerate(checklist_questions()):
            box = QCheckBox(text, self)
            box.setObjectName(code)
            box.toggled.connect(self._answered)
            self.questions[code] = box
            grid.addWidget(box, index // 2, index % 2)
        self.peeling_on = self._date_field()
        self.surgery_on = self._date_field()
        self.peeling_on.setAccessibleName(self.tr("Deep peeling on"))
        self.surgery_on.setAccessibleName(self.tr("Surgery on"))
        dates = QFormLayout()
        dates.addRow(self.tr("Deep peeling on"), self.peeling_on)
        dates.addRow(self.tr("Surgery on"), self.surgery_on)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.none_apply = QPushButton(self.tr("None apply"), self)
        self.none_apply.setObjectName("primary")
        self.none_apply.setToolTip(self.tr("The patient answered no to every question today"))
        self.none_apply.clicked.connect(self._none_apply)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.none_apply)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addLayout(dates)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setFocusProxy(next(iter(self.questions.values())))

    def _date_field(self) -> QLineEdit:
        line = QLineEdit(self)
        line.setPlaceholderText(self.tr("dd/mm/yyyy"))
        line.setMaxLength(10)
        line.editingFinished.connect(self._answered)
        return line

    def load(self, checklist: DayChecklist | None, signed: bool) -> None:
        self._loaded = checklist
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
                line.setText(show_date(value))
            line.setEnabled(not signed)
        self.none_apply.setEnabled(not signed)

    def checklist(self) -> DayChecklist | None:
        """The answers as ticked, or None (with a message shown) when a date cannot be read."""
        try:
            peeling = parse_day(self.peeling_on.text())
            surgery = parse_day(self.surgery_on.text())
        except ValueError as exc:
            self.error.setText(core_message(str(exc)))
            self.error.show()
            return None
        self.error.hide()
        ticked = {code: box.isChecked() for code, box in self.questions.items()}
        previous = self._loaded
        return DayChecklist(
            **ticked,
            recent_peeling_on=peeling,
            recent_surgery_on=surgery,
            other_codes=previous.other_codes if previous else frozenset(),
        )

    def _answered(self, *_args: object) -> None:
        checklist = self.checklist()
        if checklist is not None and checklist != self._loaded:
            self._loaded = checklist
            self.answered.emit(checklist)

    def _none_apply(self) -> None:
        for line in (self.peeling_on, self.surgery_on):
            line.clear()
        for box in self.questions.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self._loaded = DayChecklist()
        self.answered.emit(DayChecklist())
        popup = self.window()
        if isinstance(popup, Popover):
            popup.hide()


class FindingRow(QFrame):
    def __init__(
        self, finding: ScreeningFinding, screening: VisitScreening, strip: SafetyStrip
    ) -> None:
        super().__init__()
        self.setObjectName("safetyFinding")
        self.setProperty("severity", finding.severity.value)
        override = screening.override_for(finding)
        self.setProperty("overridden", "true" if override else "false")
        tag = QLabel(severity_tags()[finding.severity], self)
        tag.setObjectName("findingTag")
        tag.setMinimumWidth(tag.sizeHint().width())
        tag.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        reason = QLabel(finding_text(finding), self)
        reason.setToolTip(source_tooltip(finding))
        reason.setObjectName("findingReason")
        reason.setWordWrap(True)
        reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(tag)
        text.addWidget(reason)
        if override is not None:
            note = QLabel(
                self.tr("Overridden by {who} on {day}: {reason}").format(
                    who=override.decided_by,
                    day=show_date(override.decided_at.astimezone().date()),
                    reason=override.reason,
                ),
                self,
            )
            note.setObjectName("overrideNote")
            note.setWordWrap(True)
            text.addWidget(note)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 8, 6)
        row.addLayout(text, 1)
        if not screening.signed and finding.severity is Severity.BLOCK and override is None:
            button = QPushButton(self.tr("Override…"), self)
            button.setObjectName("overrideButton")
            button.setToolTip(self.tr("Go ahead with a written reason (Ctrl+Alt+O)"))
            button.clicked.connect(lambda: strip.override(finding))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        if not screening.signed and finding.severity is Severity.POSTPONE:
            button = QPushButton(self.tr("Reschedule…"), self)
            button.setObjectName("rescheduleButton")
            button.setToolTip(self.tr("Move the visit to a later day (Ctrl+Alt+R)"))
            button.clicked.connect(lambda: strip.reschedule(finding))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.setToolTip(_title(finding))


class FindingsPanel(QScrollArea):
    """Every finding of the visit, most serious first, with its override or reschedule."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget(self)
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(6)
        self.setWidget(self.body)

    def show_findings(self, screening: VisitScreening | None, strip: SafetyStrip) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        if screening is None or not screening.findings:
            empty = QLabel(self.tr("No contraindications found for this visit."), self.body)
            empty.setObjectName("mutedLabel")
            self.rows.addWidget(empty)
        else:
            for finding in screening.findings:
                self.rows.addWidget(FindingRow(finding, screening, strip))
        self.rows.addStretch(1)

    def rows_shown(self) -> list[FindingRow]:
        return self.body.findChildren(FindingRow)

    def sizeHint(self) -> QSize:
        return self.body.sizeHint().expandedTo(self.minimumSizeHint())


class OverrideDialog(QDialog):
    """Asks for the written reason and who decides; fits the screen and wraps its text."""

    def __init__(self, finding: ScreeningFinding, who: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Override: {title}").format(title=_title(finding)))
        explain = QLabel(
            self.tr(
                "{finding}\n\nWrite why the procedure goes ahead anyway. The reason, who "
                "decided and when are kept with the visit and printed on its protocol."
            ).format(finding=finding_text(finding)),
            self,
        )
        explain.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName(self.tr("Reason for going ahead"))
        self.reason.setFixedHeight(90)
        self.who = QLineEdit(who, self)
        self.who.setMaxLength(limits.PRACTITIONER)
        self.who.setAccessibleName(self.tr("Decided by"))
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Decided by"), self.who)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setFixedWidth(DIALOG_WIDTH)
        self.reason.setFocus()

    def _accept(self) -> None:
        if not self.reason.toPlainText().strip():
            self.error.setText(self.tr("Write the reason for going ahead."))
        elif not self.who.text().strip():
            self.error.setText(self.tr("Enter the name of the practitioner who decides."))
        else:
            self.accept()
            return
        self.error.show()


class SafetyStrip(QFrame):
    """The fixed-height line of safety facts for the open visit."""

    def __init__(self, visit: OpenVisit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safetyStrip")
        self.setStyleSheet(STYLE)
        self.setFixedHeight(STRIP_HEIGHT)
        self.visit = visit
        # The strip's look and contents are a line of their own in a strip with no layout: a
        # finding shown re-lays out and repaints this line alone. With a layout (or its look
        # restyled) on the strip itself, every change of its texts and level went up to the
        # window, and the tabs repainted whole on it.
        self.line = QFrame(self)
        self.line.setObjectName("safetyLine")
        self.checklist_button = QToolButton(self)
        self.checklist_button.setObjectName("checklistButton")
        self.checklist_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.checklist_button.setToolTip(self.tr("The day's questions (Ctrl+Alt+Q)"))
        self.checklist_button.clicked.connect(self.open_checklist)
        self.counts = QLabel(self)
        self.counts.setObjectName("findingCounts")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.headline = ElidedLabel("", self)
        self.headline.setObjectName("findingHeadline")
        self.details_button = QToolButton(self)
        self.details_button.setText(self.tr("All findings…"))
        self.details_button.setToolTip(self.tr("Every finding, with overrides (Ctrl+Alt+F)"))
        self.details_button.clicked.connect(self.open_findings)
        row = QHBoxLayout(self.line)
        row.setContentsMargins(8, 2, 6, 2)
        row.setSpacing(10)
        row.addWidget(self.checklist_button)
        divider = QFrame(self)
        divider.setFrameShape(QFrame.Shape.VLine)
        divider.setStyleSheet("color: #e3e6ea;")
        row.addWidget(divider)
        row.addWidget(self.counts)
        row.addWidget(self.headline, 1)
        row.addWidget(self.details_button)

        self.checklist_panel = ChecklistPanel()
        self.checklist_panel.answered.connect(self._answered)
        self.checklist_popup = Popover(self.checklist_panel, self)
        self.findings_panel = FindingsPanel()
        self.findings_popup = Popover(self.findings_panel, self)
        self._shown: tuple[VisitScreening | None, VisitRecord | None] | None = None
        visit.screening_changed.connect(self.show_screening)
        visit.record_changed.connect(lambda _record: self.show_screening(visit.screening))
        self.show_screening(None)
        self.setMinimumWidth(self.line.minimumSizeHint().width())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.line.setGeometry(self.rect())
        return super().event(event)

    # --- showing ----------------------------------------------------------------------------

    def show_screening(self, screening: VisitScreening | None) -> None:
        """The findings of `screening` for the open visit; the very screening shown already
        for the very same visit is left as it is (an opened visit comes with its screening,
        and the opening tells both that the visit and that its screening changed)."""
        draft = self.visit.draft
        if screening is not None and self._shown == (screening, draft):
            return
        self._shown = (screening, draft)
        signed = draft is not None and draft.signed
        if screening is None:
            self.counts.setText("")
            self.headline.setText(
                self.tr("Checking…") if draft is not None else self.tr("No visit open.")
            )
            self._level("none")
            self.checklist_button.setText(self.tr("Today's questions"))
            self.checklist_button.setEnabled(draft is not None and not signed)
            self.details_button.setEnabled(False)
            return
        shown = list(screening.findings)
        unresolved = screening.unresolved
        overridden = [
            f
            for f in shown
            if f.severity is Severity.BLOCK and screening.override_for(f) is not None
        ]
        counts = []
        tags = severity_tags()
        for severity in (Severity.BLOCK, Severity.POSTPONE, Severity.WARNING, Severity.INFO):
            number = sum(1 for f in shown if f.severity is severity and f not in overridden)
            if number:
                counts.append(_count_html(COLOURS[severity], number, tags[severity].lower()))
        if overridden:
            counts.append(_count_html(OVERRIDDEN_COLOUR, len(overridden), self.tr("overridden")))
        self.counts.setText(" · ".join(counts))
        self.counts.setToolTip(self.tr("Findings by kind; All findings… lists them"))
        serious = [f for f in shown if f.severity is not Severity.INFO and f not in overridden]
        if unresolved:
            self.headline.setText(
                self.tr("{tag}: {reason}").format(
                    tag=tags[Severity.BLOCK], reason=_title(unresolved[0])
                )
            )
            self._level("block")
        elif overridden:
            # a decision the practitioner made and gave a reason for: in sight, not an alarm
            self.headline.setText(
                self.tr("Overridden: {reason}").format(reason=_title(overridden[0]))
            )
            self._level(Severity.WARNING.value)
        elif serious:
            first = serious[0]
            self.headline.setText(
                self.tr("{tag}: {reason}").format(tag=tags[first.severity], reason=_title(first))
            )
            self._level(first.severity.value)
        else:
            self.headline.setText(self.tr("No contraindications found for this visit."))
            self._level("clear")
        self.details_button.setEnabled(True)
        self.checklist_button.setText(self._checklist_summary(screening))
        self.checklist_button.setEnabled(not screening.signed)
        self.checklist_panel.load(screening.checklist, screening.signed)
        if self.findings_popup.isVisible():
            self.findings_panel.show_findings(screening, self)

    def _checklist_summary(self, screening: VisitScreening) -> str:
        checklist = screening.checklist
        if checklist is None:
            return self.tr("Ask today's questions ▾")
        ticked = checklist.ticked_codes()
        if checklist.recent_peeling_on or checklist.recent_surgery_on:
            ticked.append("date")
        if not ticked:
            return self.tr("Asked today: none apply ✓")
        return self.tr("Asked today: %n yes ▾", "", len(ticked))

    def _level(self, level: str) -> None:
        self.setProperty("level", level)
        if self.line.property("level") != level:
            self.line.setProperty("level", level)
            self.line.style().unpolish(self.line)
            self.line.style().polish(self.line)

    # --- actions ----------------------------------------------------------------------------

    def open_checklist(self) -> None:
        if not self.visit.editable:
            return
        screening = self.visit.screening
        self.checklist_panel.load(screening.checklist if screening else None, False)
        self.checklist_popup.show_below(self.checklist_button, 460)

    def open_findings(self) -> None:
        self.findings_panel.show_findings(self.visit.screening, self)
        self.findings_popup.show_below(self.details_button, 640)

    def override(self, finding: ScreeningFinding) -> bool:
        """Ask for the reason and keep it; False when nothing was recorded."""
        draft = self.visit.draft
        if draft is None or not self.visit.editable:
            return False
        self.findings_popup.hide()
        answer = self.ask_override_reason(finding, draft.practitioner)
        if answer is None:
            return False
        reason, who = answer
        return self.visit.override(finding, reason, who)

    def ask_override_reason(self, finding: ScreeningFinding, who: str) -> tuple[str, str] | None:
        """The practitioner decides; tests replace this method."""
        dialog = OverrideDialog(finding, who, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.toPlainText().strip(), dialog.who.text().strip()

    def override_first(self) -> None:
        screening = self.visit.screening
        if screening is not None and screening.unresolved:
            self.override(screening.unresolved[0])

    def reschedule(self, finding: ScreeningFinding) -> bool:
        if not self.visit.editable:
            return False
        self.findings_popup.hide()
        day = self.ask_new_date(finding)
        if day is None:
            return False
        return self.visit.reschedule(day)

    def ask_new_date(self, finding: ScreeningFinding) -> date | None:
        """The practitioner picks the day; tests replace this method."""
        earliest = finding.possible_from or date.today() + timedelta(days=1)
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Reschedule the visit"))
        calendar = QCalendarWidget(dialog)
        calendar.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        calendar.setSelectedDate(QDate(earliest.year, earliest.month, earliest.day))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        note = QLabel(self.tr("Possible from {day}.").format(day=show_date(earliest)), dialog)
        note.setWordWrap(True)
        column = QVBoxLayout(dialog)
        column.addWidget(note)
        column.addWidget(calendar)
        column.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        picked = calendar.selectedDate()
        return date(picked.year(), picked.month(), picked.day())

    def reschedule_first(self) -> None:
        screening = self.visit.screening
        if screening is None:
            return
        postponed = [f for f in screening.findings if f.severity is Severity.POSTPONE]
        if postponed:
            self.reschedule(max(postponed, key=lambda f: f.possible_from or date.min))

    def _answered(self, checklist: DayChecklist) -> None:
        self.visit.save_checklist(checklist)
