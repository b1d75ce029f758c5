"""The photos of the open visit: a strip of thumbnails that takes dropped files.

Dropping files (or choosing them) imports them as the kind and view chosen above the strip; the
import and the thumbnails run in the task runner, so a visit with many photos opens at once
and fills in as thumbnails arrive. Refusals (a file that is not a photo) are shown as they are,
and nothing of that import is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.photos import PhotoKind, PhotoRecord, PhotoView
from mesodesk.domain.records import VisitRecord
from mesodesk.services.errors import ServiceError
from mesodesk.services.photos import PhotoService
from mesodesk.ui.photos.labels import kind_label, view_label
from mesodesk.ui.state.notices import Notices
from mesodesk.ui.state.open_visit import OpenVisit
from mesodesk.ui.text import core_message
from mesodesk.ui.wheel_guard import ComboBox
from mesodesk.ui.workers import TaskRunner

THUMB = 72
PHOTO_FILTER = "*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC *.HEIF"

Thumbs = list[tuple[PhotoRecord, QImage]]


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files of a drop; anything else (text, web links) is not a photo import."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def load_thumbnails(photos: PhotoService, records: Sequence[PhotoRecord]) -> Thumbs:
    """Thumbnails made (or read from the cache) off the GUI thread; QImage is thread-safe.
    A photo whose file is missing here (imported on another workstation, a damaged data
    folder) gets an empty picture rather than hiding the others."""
    thumbs: Thumbs = []
    for record in records:
        try:
            thumbs.append((record, QImage(str(photos.thumbnail(record)))))
        except ServiceError:
            thumbs.append((record, QImage()))
    return thumbs


class VisitPhotos(QWidget):
    """The open visit's photos; `compare_asked` carries the photo to compare from,
    `marks_asked` the photo to place injection marks on (the chart shows it)."""

    compare_asked = Signal(object)  # PhotoRecord | None
    marks_asked = Signal(object)  # PhotoRecord
    loaded = Signal()

    def __init__(
        self,
        visit: OpenVisit,
        photos: PhotoService,
        runner: TaskRunner,
        notices: Notices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visitPhotos")
        self.setAcceptDrops(True)
        self._visit = visit
        self._photos = photos
        self._runner = runner
        self._notices = notices
        self._records: list[PhotoRecord] = []
        self._shown_visit: int | None = -1

        self.kind = ComboBox(self)
        for kind in PhotoKind:
            self.kind.addItem(kind_label(kind), kind)
        self.view = ComboBox(self)
        for view in PhotoView:
            self.view.addItem(view_label(view), view)
        for choice in (self.kind, self.view):  # narrow, so the diagram beside keeps its room
            choice.setSizeAdjustPolicy(
                ComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            choice.setMinimumContentsLength(6)
        self.add_button = QPushButton(self.tr("Add photos…"), self)
        self.add_button.setToolTip(self.tr("Or drop photo files here"))
        self.compare_button = QPushButton(self.tr("Compare…"), self)
        self.marks_button = QPushButton(self.tr("Mark on photo"), self)
        self.marks_button.setToolTip(
            self.tr("Place injection marks on the selected photo in the chart (Ctrl+Shift+M)")
        )
        self.marks_button.setAccessibleName(self.tr("Mark on the selected photo"))
        self.add_button.clicked.connect(self.choose_and_add)
        self.compare_button.clicked.connect(self._compare)
        self.marks_button.clicked.connect(self.mark_current)

        self.strip = QListWidget(self)
        self.strip.setObjectName("photoStrip")
        self.strip.setViewMode(QListWidget.ViewMode.IconMode)
        self.strip.setFlow(QListWidget.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setIconSize(QSize(THUMB, THUMB))
        self.strip.setMovement(QListWidget.Movement.Static)
        self.strip.setFixedHeight(THUMB + 36)  # one row of thumbnails and their labels
        self.strip.setAcceptDrops(False)
        self.strip.itemDoubleClicked.connect(lambda _item: self._compare())
        self.strip.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.remove_action = QAction(self.tr("Remove from the visit"), self.strip)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_current)
        self.strip.addAction(self.remove_action)
        self.marks_action = QAction(self.tr("Mark on photo"), self)
        self.marks_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.marks_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.marks_action.triggered.connect(self.mark_current)
        self.strip.addAction(self.marks_action)
        self.strip.setAccessibleName(self.tr("Photos of the visit"))
        self.status = QLabel(self)
        self.status.setObjectName("photoStatus")
        self.status.setWordWrap(True)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(QLabel(self.tr("Photos"), self))
        controls.addWidget(self.kind)
        controls.addWidget(self.view)
        controls.addStretch(1)
        controls.addWidget(self.add_button)
        # what is done with the photos stands beside the strip, so the row above stays short
        # and the visit notes leave the chart its width on a 1280-pixel screen
        uses = QVBoxLayout()
        uses.setContentsMargins(0, 0, 0, 0)
        uses.addWidget(self.compare_button)
        uses.addWidget(self.marks_button)
        uses.addStretch(1)
        strip_row = QHBoxLayout()
        strip_row.setContentsMargins(0, 0, 0, 0)
        strip_row.addWidget(self.strip, 1)
        strip_row.addLayout(uses)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(controls)
        layout.addLayout(strip_row)
        layout.addWidget(self.status)
        visit.record_changed.connect(self._record_changed)
        self._record_changed(visit.record)

    @property
    def records(self) -> list[PhotoRecord]:
        return list(self._records)

    # --- import -------------------------------------------------------------------------

    def choose_files(self) -> list[Path]:
        """Asks for photo files; replaced in tests."""
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add photos"),
            "",
            self.tr("Photos ({patterns})").format(patterns=PHOTO_FILTER),
        )
        return [Path(name) for name in names]

    def choose_and_add(self) -> None:
        files = self.choose_files()
        if files:
            self.add_files(files)

    def add_files(self, files: Sequence[Path]) -> None:
        """Import as the chosen kind and view, off the GUI thread; all files or none."""
        record = self._visit.record
        if record is None or record.id is None:
            self._say(self.tr("Save the visit first, then add its photos."), "warning")
            return
        kind = PhotoKind(self.kind.currentData())
        view = PhotoView(self.view.currentData())
        visit_id = record.id
        self._say(self.tr("Adding {count} photo(s)…").format(count=len(files)), "info")
        self._runner.submit(
            lambda: self._photos.add(visit_id, kind, view, list(files)),
            self._added,
            self._refused,
        )

    def _added(self, added: object) -> None:
        count = len(added) if isinstance(added, list) else 0
        self._say(self.tr("{count} photo(s) added.").format(count=count), "success")
        self.reload()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ServiceError):
            self._say(core_message(str(error)), "error")
        else:
            self._say(self.tr("The photos could not be added; nothing was saved."), "error")

    def _say(self, text: str, kind: str) -> None:
        self.status.setText(text)
        self.status.setProperty("kind", kind)
        if kind == "error":
            self._notices.error(text)

    # --- drops --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()) and self._visit.record is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(files)

    # --- showing ------------------------------------------------------------------------

    def _record_changed(self, record: VisitRecord | None) -> None:
        visit_id = record.id if record is not None else None
        if visit_id == self._shown_visit and record is not None:
            return
        self._shown_visit = visit_id
        self.strip.clear()
        self._records = []
        self.status.clear()
        self.add_button.setEnabled(record is not None)
        self.compare_button.setEnabled(False)
        self.marks_button.setEnabled(False)
        if record is not None:
            self.reload()

    def reload(self) -> None:
        """Read the visit's photos and their thumbnails in the runner (newest request wins)."""
        record = self._visit.record
        if record is None or record.id is None:
            return
        visit_id = record.id
        photos = self._photos
        self._runner.submit(
            lambda: load_thumbnails(photos, photos.for_visit(visit_id)),
            self._show,
            self._refused,
            kind="visit-photos",
        )

    def _show(self, thumbs: Thumbs) -> None:
        self.strip.clear()
        self._records = [record for record, _ in thumbs]
        for record, image in thumbs:
            item = QListWidgetItem(
                QIcon(QPixmap.fromImage(image)),
                self.tr("{kind} · {view}").format(
                    kind=kind_label(record.kind), view=view_label(record.view)
                ),
            )
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            tip = self.tr("Taken {when}").format(
                when=record.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
            )
            if record.added_after_signing:
                tip += "\n" + self.tr("Added after the visit was signed")
            if image.isNull():
                tip += "\n" + self.tr("The photo's file is not in this computer's data folder")
            if record.note:
                tip += "\n" + record.note
            item.setToolTip(tip)
            self.strip.addItem(item)
        self.compare_button.setEnabled(bool(self._records))
        self.marks_button.setEnabled(bool(self._records))
        self.loaded.emit()

    def ask_remove(self, record: PhotoRecord) -> bool:
        """Asks before a photo leaves the visit; replaced in tests."""
        answer = QMessageBox.question(
            self,
            self.tr("Remove photo"),
            self.tr("Remove this {kind} photo from the visit?").format(
                kind=kind_label(record.kind).lower()
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove_current(self) -> None:
        """Take the selected photo off the visit (a photo signed with the visit stays)."""
        row = self.strip.currentRow()
        if not 0 <= row < len(self._records) or not self.ask_remove(self._records[row]):
            return
        photo_id = self._records[row].id
        self._runner.submit(
            lambda: self._photos.remove(photo_id), lambda _none: self.reload(), self._refused
        )

    def mark_current(self) -> None:
        """Open the selected photo (else the first) in the chart to place marks on it."""
        row = self.strip.currentRow()
        chosen = self._records[row] if 0 <= row < len(self._records) else None
        chosen = chosen or (self._records[0] if self._records else None)
        if chosen is not None:
            self.marks_asked.emit(chosen)

    def _compare(self) -> None:
        row = self.strip.currentRow()
        chosen = self._records[row] if 0 <= row < len(self._records) else None
        self.compare_asked.emit(chosen or (self._records[0] if self._records else None))
