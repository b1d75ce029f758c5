"""Two photos of one view from different dates: side by side or under a slider, zoom and pan
locked together, with the course's photos in a strip in date order to pick from.

Both pictures are scaled to one scene height, so the same scene point is the same place on
both photos of a standard series; locking zoom and scroll bars then keeps the two views on the
same part of the face. Full images are read in the task runner.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QStackedWidget,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.photos import PhotoRecord, PhotoView, comparable
from mesodesk.services.errors import ServiceError
from mesodesk.services.photos import PhotoService
from mesodesk.ui.photos.labels import kind_label, view_label
from mesodesk.ui.photos.pane import Thumbs, load_thumbnails
from mesodesk.ui.wheel_guard import ComboBox
from mesodesk.ui.workers import TaskRunner

SCENE_HEIGHT = 1000.0
"""Every photo is drawn this tall in scene units, whatever its pixels."""
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 40.0


class PhotoCanvas(QGraphicsView):
    """A photo that zooms with the wheel and pans by dragging; `zoomed` tells the lock."""

    zoomed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(Qt.GlobalColor.black)
        self.items_shown: list[QGraphicsPixmapItem] = []

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        if abs(zoom - self.zoom) > 1e-9:
            self.resetTransform()
            self.scale(zoom, zoom)
            self.zoomed.emit(zoom)

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom * factor)

    def fit(self) -> None:
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        port = self.viewport().size()
        self.set_zoom(min(port.width() / rect.width(), port.height() / rect.height()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()


class RevealItem(QGraphicsPixmapItem):
    """The later photo over the earlier one, drawn only left of the slider."""

    def __init__(self) -> None:
        super().__init__()
        self.fraction = 0.5

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        bounds = self.boundingRect()
        painter.save()
        painter.setClipRect(
            QRectF(bounds.left(), bounds.top(), bounds.width() * self.fraction, bounds.height())
        )
        if widget is not None:
            super().paint(painter, option, widget)
        else:
            painter.drawPixmap(bounds.topLeft(), self.pixmap())
        painter.restore()


def lock_views(first: PhotoCanvas, second: PhotoCanvas) -> None:
    """Zoom and scroll of one view follow the other, both ways, without echoing back."""
    first.zoomed.connect(second.set_zoom)
    second.zoomed.connect(first.set_zoom)
    for a, b in ((first, second), (second, first)):
        a.horizontalScrollBar().valueChanged.connect(b.horizontalScrollBar().setValue)
        a.verticalScrollBar().valueChanged.connect(b.verticalScrollBar().setValue)


def _pixmap_item(image: QImage, item: QGraphicsPixmapItem | None = None) -> QGraphicsPixmapItem:
    item = item or QGraphicsPixmapItem()
    item.setPixmap(QPixmap.fromImage(image))
    item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
    if image.height() > 0:
        item.setScale(SCENE_HEIGHT / image.height())
    return item


class PhotoCompare(QWidget):
    """The comparison window for one patient (or one course of the patient)."""

    loaded = Signal()
    shown = Signal()

    def __init__(
        self, photos: PhotoService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("photoCompare")
        self.setWindowTitle(self.tr("Compare photos"))
        self._photos = photos
        self._runner = runner
        self._all: list[PhotoRecord] = []
        self._images: dict[int, QImage] = {}

        self.view_choice = ComboBox(self)
        for view in PhotoView:
            self.view_choice.addItem(view_label(view), view)
        self.left_choice = ComboBox(self)
        self.right_choice = ComboBox(self)
        self.side_button = QPushButton(self.tr("Side by side"), self)
        self.slider_button = QPushButton(self.tr("Slider"), self)
        modes = QButtonGroup(self)
        for index, button in enumerate((self.side_button, self.slider_button)):
            button.setCheckable(True)
            modes.addButton(button, index)
        self.side_button.setChecked(True)
        fit = QPushButton(self.tr("Fit"), self)

        self.left = PhotoCanvas(self)
        self.right = PhotoCanvas(self)
        lock_views(self.left, self.right)
        self.left_item = QGraphicsPixmapItem()
        self.right_item = QGraphicsPixmapItem()
        self.left.scene().addItem(self.left_item)
        self.right.scene().addItem(self.right_item)
        self.overlay = PhotoCanvas(self)
        self.under_item = QGraphicsPixmapItem()
        self.over_item = RevealItem()
        self.overlay.scene().addItem(self.under_item)
        self.overlay.scene().addItem(self.over_item)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 100)
        self.slider.setValue(50)
        self.slider.valueChanged.connect(self._slide)

        side = QWidget(self)
        side_layout = QHBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.left)
        side_layout.addWidget(self.right)
        over = QWidget(self)
        over_layout = QVBoxLayout(over)
        over_layout.setContentsMargins(0, 0, 0, 0)
        over_layout.addWidget(self.overlay, 1)
        over_layout.addWidget(self.slider)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(side)
        self.pages.addWidget(over)

        self.strip = QListWidget(self)
        self.strip.setObjectName("courseStrip")
        self.strip.setViewMode(QListWidget.ViewMode.IconMode)
        self.strip.setFlow(QListWidget.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setIconSize(QSize(80, 80))
        self.strip.setMovement(QListWidget.Movement.Static)
        self.strip.setFixedHeight(128)
        self.strip.itemClicked.connect(self._strip_clicked)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("View"), self))
        bar.addWidget(self.view_choice)
        bar.addWidget(QLabel(self.tr("Earlier"), self))
        bar.addWidget(self.left_choice, 1)
        bar.addWidget(QLabel(self.tr("Later"), self))
        bar.addWidget(self.right_choice, 1)
        bar.addWidget(self.side_button)
        bar.addWidget(self.slider_button)
        bar.addWidget(fit)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.strip)
        self.resize(1100, 720)

        modes.idClicked.connect(self.pages.setCurrentIndex)
        fit.clicked.connect(self.fit)
        self.view_choice.currentIndexChanged.connect(self._view_changed)
        self.left_choice.currentIndexChanged.connect(self._pick)
        self.right_choice.currentIndexChanged.connect(self._pick)

    # --- what is compared ---------------------------------------------------------------

    def show_patient(
        self, patient_id: int, course_id: int | None = None, around: PhotoRecord | None = None
    ) -> None:
        """Read the patient's (or the course's) photos with thumbnails, then compare the
        first and the last photo of the chosen view."""
        photos = self._photos
        self._around = around
        self._runner.submit(
            lambda: load_thumbnails(photos, photos.for_patient(patient_id, course_id)),
            self._listed,
            self._failed,
            kind="compare-list",
        )

    def _listed(self, thumbs: Thumbs) -> None:
        self._all = [record for record, _ in thumbs]
        self.strip.clear()
        for record, image in thumbs:
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)), self._name(record))
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.strip.addItem(item)
        view = self._around.view if self._around else (self._all[0].view if self._all else None)
        if view is not None:
            index = self.view_choice.findData(view)
            if index == self.view_choice.currentIndex():
                self._view_changed()
            else:
                self.view_choice.setCurrentIndex(index)
        self.loaded.emit()

    def _name(self, record: PhotoRecord) -> str:
        when = record.visit_starts_at.astimezone().strftime("%Y-%m-%d")
        return self.tr("{date} · {kind}").format(date=when, kind=kind_label(record.kind))

    def _view_changed(self) -> None:
        view = PhotoView(self.view_choice.currentData())
        choices = comparable(self._all, view)
        for combo in (self.left_choice, self.right_choice):
            combo.blockSignals(True)
            combo.clear()
            for record in choices:
                combo.addItem(self._name(record), record.id)
            combo.blockSignals(False)
        if len(choices) < 2:
            self.status.setText(
                self.tr("Fewer than two photos of this view: take the same view on another day.")
            )
        else:
            self.status.clear()
        self.left_choice.setCurrentIndex(0)
        self.right_choice.setCurrentIndex(len(choices) - 1)
        self._pick()

    def choose(self, earlier: PhotoRecord, later: PhotoRecord) -> None:
        """Compare these two photos (of one view)."""
        self.view_choice.setCurrentIndex(self.view_choice.findData(earlier.view))
        self.left_choice.setCurrentIndex(self.left_choice.findData(earlier.id))
        self.right_choice.setCurrentIndex(self.right_choice.findData(later.id))

    def _strip_clicked(self, item: QListWidgetItem) -> None:
        """A photo picked in the strip becomes the later one (its view is chosen with it)."""
        found = [p for p in self._all if p.id == item.data(Qt.ItemDataRole.UserRole)]
        if not found:
            return
        self.view_choice.setCurrentIndex(self.view_choice.findData(found[0].view))
        self.right_choice.setCurrentIndex(self.right_choice.findData(found[0].id))

    def _pick(self) -> None:
        ids = [self.left_choice.currentData(), self.right_choice.currentData()]
        if None in ids:
            return
        wanted = [p for i in ids for p in self._all if p.id == i]
        photos = self._photos
        missing = [p for p in wanted if p.id not in self._images]
        self._runner.submit(
            lambda: {p.id: QImage(str(photos.image_path(p.id))) for p in missing},
            lambda images: self._show(ids, images),
            self._failed,
            kind="compare-images",
        )

    def _show(self, ids: Sequence[int], images: dict[int, QImage]) -> None:
        self._images.update(images)
        earlier, later = (self._images[i] for i in ids)
        _pixmap_item(earlier, self.left_item)
        _pixmap_item(later, self.right_item)
        _pixmap_item(earlier, self.under_item)
        _pixmap_item(later, self.over_item)
        width = max(
            self.left_item.sceneBoundingRect().width(), self.right_item.sceneBoundingRect().width()
        )
        rect = QRectF(QPointF(0, 0), QPointF(width, SCENE_HEIGHT))
        for canvas in (self.left, self.right, self.overlay):
            canvas.scene().setSceneRect(rect)
            canvas.setSceneRect(rect)
        self.fit()
        self.shown.emit()

    def _slide(self, value: int) -> None:
        self.over_item.fraction = value / 100
        self.over_item.update()

    def fit(self) -> None:
        self.left.fit()
        self.overlay.fit()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, ServiceError):
            self.status.setText(str(error))
        else:
            self.status.setText(self.tr("The photos could not be read."))
