"""The Visit tab, put together: safety strip, visit notes beside the diagram, action bar.

Everything in it is built with the one open visit. The strip and the bar have fixed heights, so
nothing in between moves when findings come and go; the diagram gets most of the width. The
tab's actions are shortcuts anywhere inside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from mesodesk.domain.photos import PhotoRecord
from mesodesk.domain.records import VisitRecord
from mesodesk.ui.diagram.panel import DiagramPanel
from mesodesk.ui.photos.compare import PhotoCompare
from mesodesk.ui.photos.pane import VisitPhotos
from mesodesk.ui.state.notices import Notices
from mesodesk.ui.state.open_visit import OpenVisit
from mesodesk.ui.visit.actions import VisitActionBar, VisitActions
from mesodesk.ui.visit.form import VisitForm
from mesodesk.ui.visit.safety import SafetyStrip
from mesodesk.ui.workers import TaskRunner

if TYPE_CHECKING:
    from mesodesk.services.registry import Services

FORM_SHARE = 40
"""Percent of the tab's width the visit notes start with; the diagram gets the rest."""


class VisitTab(QWidget):
    def __init__(
        self,
        visit: OpenVisit,
        services: Services,
        runner: TaskRunner,
        notices: Notices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visitTab")
        self.visit = visit
        self.strip = SafetyStrip(visit, self)
        self.form = VisitForm(visit, self)
        self.photos = VisitPhotos(visit, services.photos, runner, notices, self)
        self.photos.compare_asked.connect(self.compare_photos)
        self._services = services
        self._runner = runner
        self.compare: PhotoCompare | None = None
        self.diagram = DiagramPanel(visit, services, runner, notices, self)
        self.photos.marks_asked.connect(self.diagram.mark_on_photo)
        self.bar = VisitActionBar(self)
        self.visit_actions = VisitActions(visit, self.form, self.strip, self.bar, self)
        for action in self.diagram.all_actions():
            self.addAction(action)
        self.addAction(self.photos.marks_action)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("visitSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.notes_column = QSplitter(Qt.Orientation.Vertical, self)
        self.notes_column.setObjectName("visitNotesSplitter")
        self.notes_column.setChildrenCollapsible(False)
        self.notes_column.addWidget(self.form)
        self.notes_column.addWidget(self.photos)
        self.notes_column.setStretchFactor(0, 1)
        self.notes_column.setStretchFactor(1, 0)
        self.splitter.addWidget(self.notes_column)
        self.splitter.addWidget(self.diagram)
        self.splitter.setStretchFactor(0, FORM_SHARE)
        self.splitter.setStretchFactor(1, 100 - FORM_SHARE)
        self.form.setMinimumWidth(260)
        self.diagram.setMinimumWidth(340)

        working = QWidget(self)
        column = QVBoxLayout(working)
        column.setContentsMargins(0, 6, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.strip)
        column.addWidget(self.splitter, 1)
        column.addWidget(self.bar)
        self.empty = QLabel(
            self.tr("Open a visit on the Visits tab, or press Ctrl+T to start today's visit."),
            self,
        )
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(working)
        self.setMinimumSize(self.stack.minimumSizeHint())
        visit.record_changed.connect(self._record_changed)
        self._record_changed(None)
        self.setAcceptDrops(True)

    def event(self, event: QEvent) -> bool:
        """The tab lays out its contents itself and passes on only a change of its minimum
        size: with a layout every finding, label and chip shown in it would re-lay out the
        window, and the tabs repaint whole on each."""
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self.stack.setGeometry(self.rect())
        elif kind == QEvent.Type.LayoutRequest:
            needed = self.stack.minimumSizeHint()
            if needed != self.minimumSize():
                self.setMinimumSize(needed)
        return super().event(event)

    def sizeHint(self) -> QSize:
        return self.stack.sizeHint()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Photo files dropped anywhere on the visit go to its photos."""
        self.photos.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.photos.dropEvent(event)

    def compare_photos(self, around: PhotoRecord | None = None) -> PhotoCompare | None:
        """The comparison window over the visit's course (or all the patient's photos)."""
        record = self.visit.record
        if record is None:
            return None
        if self.compare is None:
            self.compare = PhotoCompare(self._services.photos, self._runner, self)
        self.compare.show_patient(record.patient_id, record.course_id, around)
        self.compare.show()
        self.compare.raise_()
        return self.compare

    def _record_changed(self, record: VisitRecord | None) -> None:
        self.stack.setCurrentIndex(0 if record is None else 1)

    def share_width(self) -> None:
        """Give the notes and the diagram their starting shares of the tab's width."""
        total = max(self.splitter.width(), 800)
        form = total * FORM_SHARE // 100
        self.splitter.setSizes([form, total - form])
