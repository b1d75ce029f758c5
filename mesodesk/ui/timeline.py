"""The "Visits" pane: the patient's courses and visits in date order, the next visit on top.

Each row reads at a glance (date, status, areas, products, reactions); Enter or a double click
opens the visit in the Visit tab, Ctrl+T starts (or opens) today's visit.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import VisitRecord
from mesodesk.domain.visit_records import Timeline, TimelineEntry, local_day
from mesodesk.domain.vocabulary import VisitStatus
from mesodesk.ui.state.notices import Notices
from mesodesk.ui.state.open_patient import OpenPatient
from mesodesk.ui.state.open_visit import OpenVisit
from mesodesk.ui.text import (
    catalog_name,
    show_date,
    show_date_time,
    show_number,
    show_time,
    vocab,
)
from mesodesk.ui.theme import ACCENT
from mesodesk.ui.workers import TaskRunner

if TYPE_CHECKING:
    from mesodesk.services.visits import VisitService

Index = QModelIndex | QPersistentModelIndex
EntryRole = Qt.ItemDataRole.UserRole + 1

BADGE_COLOURS = {
    VisitStatus.PLANNED: ("#eff8ff", "#175cd3"),
    VisitStatus.DONE: ("#ecfdf3", "#067647"),
    VisitStatus.CANCELLED: ("#f2f4f7", "#475467"),
    VisitStatus.NO_SHOW: ("#fffaeb", "#b54708"),
}
SIGNED_COLOURS = ("#e6f4f1", ACCENT)
COURSE_COLOURS = ("#f4f3ff", "#5925dc")


def visit_when(visit: VisitRecord) -> str:
    local = visit.starts_at.astimezone()
    return show_date_time(local)


def badge_text(entry: TimelineEntry) -> str:
    if entry.course is not None:
        return QCoreApplication.translate("Timeline", "Course")
    assert entry.visit is not None
    if entry.visit.signed:
        return QCoreApplication.translate("Timeline", "Signed")
    return vocab(entry.visit.status)


def title_text(entry: TimelineEntry) -> str:
    if entry.course is not None:
        course = entry.course
        return QCoreApplication.translate(
            "Timeline", "{indication}, {area}: {sessions} sessions every {low}–{high} days"
        ).format(
            indication=vocab(course.indication),
            area=vocab(course.area).lower(),
            sessions=course.sessions,
            low=course.interval_min_days,
            high=course.interval_max_days,
        )
    assert entry.visit is not None
    visit = entry.visit
    nothing = (
        QCoreApplication.translate("Timeline", "Nothing recorded yet")
        if visit.status is VisitStatus.PLANNED
        else QCoreApplication.translate("Timeline", "No areas recorded")
    )
    areas = ", ".join(vocab(area) for area in visit.treated_areas) or nothing
    techniques = ", ".join(vocab(t).lower() for t in visit.used_techniques)
    return f"{areas} · {techniques}" if techniques else areas


def products_text(visit: VisitRecord) -> str:
    if not visit.product_lines:
        return ""
    parts = [
        QCoreApplication.translate("Timeline", "{product} {volume} ml (lot {lot})").format(
            product=catalog_name(line.product_name, line.product_name_ru),
            volume=show_number(line.volume_ml),
            lot=line.lot_number,
        )
        for line in visit.product_lines
    ]
    return "; ".join(parts)


def reactions_text(visit: VisitRecord) -> str:
    return ", ".join(
        QCoreApplication.translate("Timeline", "{reaction} ({severity})").format(
            reaction=vocab(item.reaction).lower(), severity=vocab(item.severity).lower()
        )
        for item in visit.reactions
    )


class TimelineModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []

    def set_timeline(self, timeline: Timeline) -> None:
        self.beginResetModel()
        self._entries = list(timeline.entries)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry:
        return self._entries[row]

    def row_of_visit(self, visit_id: int) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.visit is not None and entry.visit.id == visit_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == EntryRole:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            when = visit_when(entry.visit) if entry.visit else show_date(entry.day)
            return f"{when} · {badge_text(entry)} · {title_text(entry)}"
        return None


class TimelineDelegate(QStyledItemDelegate):
    """Paints one entry: date and time on the left, a status badge, then up to three lines."""

    ROW = 22
    PAD = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        entry: TimelineEntry = index.data(EntryRole)
        lines = 1
        if entry.visit is not None:
            lines += bool(entry.visit.product_lines) + bool(entry.visit.reactions)
        return QSize(option.rect.width(), self.PAD * 2 + self.ROW * max(lines, 2))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry: TimelineEntry = index.data(EntryRole)
        painter.save()
        rect = option.rect.adjusted(4, 3, -4, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        background = QColor("#d7eeeb") if selected else QColor("#ffffff")
        border = QColor(ACCENT) if entry.is_next or selected else QColor("#e3e6ea")
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border, 2 if entry.is_next else 1))
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 6, 6)

        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        left = rect.left() + self.PAD
        top = rect.top() + self.PAD
        painter.setPen(QColor("#101828"))
        painter.setFont(bold)
        if entry.visit is not None:
            local = entry.visit.starts_at.astimezone()
            painter.drawText(
                QRect(left, top, 100, self.ROW),
                Qt.AlignmentFlag.AlignVCenter,
                show_date(local.date()),
            )
            painter.setFont(base)
            painter.setPen(QColor("#667085"))
            painter.drawText(
                QRect(left, top + self.ROW, 100, self.ROW),
                Qt.AlignmentFlag.AlignVCenter,
                show_time(local),
            )
        else:
            painter.drawText(
                QRect(left, top, 100, self.ROW), Qt.AlignmentFlag.AlignVCenter, show_date(entry.day)
            )

        left += 104
        fill, ink = _badge_colours(entry)
        painter.setFont(bold)
        text = badge_text(entry)
        width = painter.fontMetrics().horizontalAdvance(text) + 16
        badge = QRect(left, top + 2, width, self.ROW - 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(badge, 8, 8)
        painter.setPen(QColor(ink))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

        text_left = left + max(104, _badge_column(painter.fontMetrics()))
        width = rect.right() - text_left - self.PAD
        painter.setFont(bold if entry.is_next else base)
        painter.setPen(QColor("#101828"))
        title = title_text(entry)
        if entry.is_next:
            title = QCoreApplication.translate("Timeline", "Next visit · {title}").format(
                title=title
            )
        painter.drawText(
            QRect(text_left, top, width, self.ROW),
            Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(base)
        line_top = top + self.ROW
        if entry.visit is not None:
            for text, colour in (
                (products_text(entry.visit), "#475467"),
                (reactions_text(entry.visit), "#b42318"),
            ):
                if not text:
                    continue
                painter.setPen(QColor(colour))
                elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
                painter.drawText(
                    QRect(text_left, line_top, width, self.ROW),
                    Qt.AlignmentFlag.AlignVCenter,
                    elided,
                )
                line_top += self.ROW
        painter.restore()


def _badge_column(metrics: QFontMetrics) -> int:
    """The widest badge of any entry and a gap, so every title starts at one place after it
    whatever the language ("Запланирован" is longer than "Planned")."""
    texts = [vocab(status) for status in VisitStatus]
    texts += [
        QCoreApplication.translate("Timeline", "Course"),
        QCoreApplication.translate("Timeline", "Signed"),
    ]
    return max(metrics.horizontalAdvance(text) for text in texts) + 16 + 8


def _badge_colours(entry: TimelineEntry) -> tuple[str, str]:
    if entry.course is not None:
        return COURSE_COLOURS
    assert entry.visit is not None
    if entry.visit.signed:
        return SIGNED_COLOURS
    return BADGE_COLOURS[entry.visit.status]


class TimelinePane(QWidget):
    """Lists the open patient's timeline; asks for a visit to be opened or started.

    It opens nothing itself: `open_requested` and `start_requested` go to whoever composes the
    window, which guards unsaved typing and shows the Visit tab.
    """

    open_requested = Signal(int)
    start_requested = Signal()
    _loading = False
    _available = True
    _scroll_due = False

    def __init__(
        self,
        visits: VisitService,
        patient: OpenPatient,
        visit: OpenVisit,
        runner: TaskRunner,
        notices: Notices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._visits = visits
        self._patient = patient
        self._runner = runner
        self._notices = notices

        self.next_visit = QLabel(self)
        self.next_visit.setObjectName("nextVisit")
        self.next_visit.setStyleSheet(
            f"QLabel#nextVisit {{ background: #e6f4f1; border: 1px solid {ACCENT};"
            " border-radius: 6px; padding: 8px 12px; font-weight: 600; color: #0b4f4a; }"
        )
        self.next_visit.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start today's visit"), self)
        self.start_button.setObjectName("primary")
        self.start_button.setToolTip(self.tr("Open today's visit, or start one (Ctrl+T)"))
        self.open_button = QPushButton(self.tr("Open visit"), self)
        self.open_button.setToolTip(self.tr("Enter, or double-click a visit"))
        self.empty = QLabel(self.tr("No visits yet. Press Ctrl+T to start today's visit."), self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.model = TimelineModel(self)
        self.view = QListView(self)
        self.view.setObjectName("timeline")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TimelineDelegate(self.view))
        self.view.setUniformItemSizes(False)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setStyleSheet("QListView#timeline { background: transparent; border: none; }")
        self.view.doubleClicked.connect(lambda _index: self.open_current())
        self.view.activated.connect(lambda _index: self.open_current())
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.next_visit)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)

        self.start_action = QAction(self.tr("Start &today's visit"), self)
        self.start_action.setShortcut(QKeySequence("Ctrl+T"))
        self.start_action.triggered.connect(self.start_requested)
        self.open_action = QAction(self.tr("&Open visit"), self)
        self.open_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.open_action.triggered.connect(self.open_current)
        self.view.addAction(self.open_action)
        self.start_button.clicked.connect(self.start_requested)
        self.open_button.clicked.connect(self.open_current)

        patient.opened.connect(self._patient_opened)
        patient.records_changed.connect(self._records_changed)
        visit.record_changed.connect(self._visit_changed)
        self._patient_opened(None)

    # --- actions ----------------------------------------------------------------------------

    def open_current(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        visit = self.model.entry(index.row()).visit
        if visit is not None and visit.id is not None:
            self.open_requested.emit(visit.id)

    def set_available(self, available: bool) -> None:
        """Off for a role that may not read visits: the list stays empty, nothing is asked."""
        self._available = available

    def refresh(self) -> None:
        """Read the timeline off the GUI thread; a newer refresh supersedes an older one."""
        patient_id = self._patient.patient_id
        if patient_id is None or not self._available:
            self._show(Timeline())
            return
        visits = self._visits
        self._runner.submit(
            lambda: visits.timeline(patient_id),
            lambda timeline: self._show(timeline, patient_id),
            lambda error: self._notices.error(str(error)),
            kind="timeline",
        )

    def _show(self, timeline: Timeline, patient_id: int | None = None) -> None:
        if patient_id is not None and patient_id != self._patient.patient_id:
            return
        self._loading = False
        current = self.view.currentIndex()
        keep = self.model.entry(current.row()).visit if current.isValid() else None
        self.model.set_timeline(timeline)
        self._show_next(timeline.next_visit)
        target = None
        if keep is not None and keep.id is not None:
            target = self.model.row_of_visit(keep.id)
        if target is None and timeline.next_visit is not None:
            target = self.model.row_of_visit(timeline.next_visit.id or 0)
        if target is None and self.model.rowCount():
            target = self.model.rowCount() - 1
        if target is not None:
            index = self.model.index(target)
            self.view.setCurrentIndex(index)
            self._scroll_to_current()
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._scroll_due:
            self._scroll_to_current()

    def _scroll_to_current(self) -> None:
        """Bring the current row into view; while the pane is on a hidden tab, when it is
        shown: scrolling lays out every row, which a visit opened on the Visit tab need not
        wait for."""
        self._scroll_due = not self.isVisible()
        if not self._scroll_due:
            self.view.scrollTo(self.view.currentIndex())

    # --- internals --------------------------------------------------------------------------

    def _show_next(self, visit: VisitRecord | None) -> None:
        if visit is None:
            self.next_visit.hide()
            return
        days = (local_day(visit.starts_at) - date.today()).days
        when = (
            self.tr("today")
            if days == 0
            else self.tr("tomorrow")
            if days == 1
            else self.tr("in %n days", "", days)
        )
        self.next_visit.setText(
            self.tr("Next visit: {when} ({relative})").format(when=visit_when(visit), relative=when)
        )
        self.next_visit.show()

    def _update_buttons(self) -> None:
        has_patient = self._patient.patient_id is not None
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        index = self.view.currentIndex()
        on_visit = index.isValid() and self.model.entry(index.row()).visit is not None
        self.start_button.setEnabled(has_patient)
        self.start_action.setEnabled(has_patient)
        self.open_button.setEnabled(on_visit)
        if not has_patient:
            self.empty.setText(
                self.tr("Save the patient's card first; then visits can be recorded.")
            )
        elif self._loading:
            self.empty.setText(self.tr("Loading visits…"))
        else:
            self.empty.setText(self.tr("No visits yet. Press Ctrl+T to start today's visit."))

    def _patient_opened(self, _card: PatientCard | None) -> None:
        """Drop the previous patient's visits at once and enable Ctrl+T: starting today's
        visit asks the services itself, so it need not wait for the list to load."""
        self.view.setCurrentIndex(QModelIndex())
        self.model.set_timeline(Timeline())
        self._loading = self._patient.patient_id is not None
        self._update_buttons()
        self.refresh()

    def _records_changed(self, patient_id: int) -> None:
        if self._patient.patient_id == patient_id:
            self.refresh()

    def _visit_changed(self, record: VisitRecord | None) -> None:
        """Select the visit that was opened, so Enter here reopens it."""
        if record is None or record.id is None:
            return
        row = self.model.row_of_visit(record.id)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row))
