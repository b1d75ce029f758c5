"""The diagram as a QGraphicsScene measured in millimetres: art, zones, marks, last visit.

One scene unit is one millimetre, so domain geometry maps onto the scene unchanged. Marks draw
with cosmetic pens and fixed-size points, so they stay crisp and legible at any zoom. The same
scene shows one of the visit's photos instead of a diagram's art (`show_photo`): the picture
spans its frame in mm, has no zones, and takes the same marks with the same tools.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from math import ceil

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyle,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from mesodesk.domain.diagram import (
    DiagramName,
    MarkShape,
    Point,
    art_path,
    injection_count,
    load_diagram,
)
from mesodesk.domain.diagram.totals import mark_anchor
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.photo_marks import MarkPhoto
from mesodesk.ui.diagram import drawing
from mesodesk.ui.text import show_number, vocab

MARGIN_MM = 12.0
Z_ART, Z_ZONES, Z_PREVIOUS, Z_MARKS, Z_LABELS = 0, 1, 2, 3, 5


def mark_tooltip(mark: MarkRecord) -> str:
    """The attributes shown when the pointer rests on a mark."""
    where = (
        drawing.photo_label(mark.photo)
        if mark.photo is not None
        else drawing.zone_label(mark.diagram, mark.zone)
    )
    parts = [vocab(mark.counted_technique), where]
    if mark.depth_mm is not None:
        depth = show_number(mark.depth_mm)
        parts.append(QCoreApplication.translate("MarkTooltip", "{depth} mm").format(depth=depth))
    if mark.volume_ml is not None:
        volume = show_number(mark.volume_ml)
        parts.append(QCoreApplication.translate("MarkTooltip", "{volume} ml").format(volume=volume))
    if mark.needle:
        parts.append(mark.needle)
    if mark.shape is not MarkShape.POINT:
        count = injection_count(mark.geometry())
        parts.append(f"× {count}")
    if mark.note:
        parts.append(mark.note)
    return " · ".join(parts)


class PointMarkItem(QGraphicsEllipseItem):
    """A single injection: an invisible handle of fixed screen size for clicks, drags and
    selection. The dots themselves are drawn by the scene's `PointLayer` in one pass, so
    thousands of points stay fast to pan and zoom."""

    def __init__(self, mark: MarkRecord) -> None:
        size = drawing.POINT_RADIUS_PX + 2
        super().__init__(QRectF(-size, -size, 2 * size, 2 * size))
        flag = QGraphicsItem.GraphicsItemFlag
        self.setFlags(
            flag.ItemIgnoresTransformations
            | flag.ItemHasNoContents
            | flag.ItemIsSelectable
            | flag.ItemIsMovable
        )
        self.setZValue(Z_MARKS + 1)
        self.ghost = False
        self.update_mark(mark)

    def update_mark(self, mark: MarkRecord) -> None:
        self.mark = mark
        self.colour = drawing.PALETTE[mark.counted_technique]
        self.setPos(QPointF(*mark.points[0]))

    def current_points(self) -> tuple[Point, ...]:
        return (Point(self.pos().x(), self.pos().y()),)


@cache
def _dot(
    colour: str, radius: float, ring: str, ring_width: float, hollow: bool, scale: float
) -> QPixmap:
    """One antialiased dot, drawn once per colour, size and screen density, then stamped at
    every point: far cheaper than stroking thousands of circles each frame."""
    half = radius + ring_width + 1
    size = ceil(2 * half * scale)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    centre = QPointF(half, half)
    if ring_width:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ring))
        painter.drawEllipse(centre, radius + ring_width, radius + ring_width)
    if hollow:
        painter.setPen(QPen(QColor(colour), 1.3))
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(centre, radius - 0.6, radius - 0.6)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(centre, radius, radius)
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return pixmap


@cache
def _zone_outline(diagram: DiagramName, zone: str) -> QPainterPath:
    """A zone's outline, built once per process: a chart shown again is not traced again."""
    return drawing.path_through(load_diagram(diagram).zone(zone).polygon, closed=True)


class PointLayer(QGraphicsItem):
    """Every point mark of the diagram (or of last visit) stamped in one pass: round dots of
    a fixed screen size, in their technique's colour, selected ones haloed."""

    def __init__(self, ghost: bool = False) -> None:
        super().__init__()
        self._ghost = ghost
        self._rect = QRectF()
        self._empty = True
        self.handles: dict[int, PointMarkItem] = {}
        self.previous: list[QPointF] = []
        self._groups: list[tuple[str, bool, QPolygonF]] | None = None
        self.setZValue(Z_PREVIOUS if ghost else Z_MARKS + 0.5)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        """The whole chart, or nothing while there is no point to draw: an empty layer (last
        visit's, most often) then gets no device-sized cache pixmap."""
        return QRectF() if self._empty else self._rect

    def invalidate(self) -> None:
        """Marks were added, moved, removed or (de)selected: regroup them before drawing."""
        self._groups = None
        empty = not (self.previous if self._ghost else self.handles)
        if empty != self._empty:
            self.prepareGeometryChange()
            self._empty = empty
        self.update()

    def _grouped(self) -> list[tuple[str, bool, QPolygonF]]:
        """(colour, selected halo, positions) per stamp, rebuilt only after a change."""
        if self._groups is None:
            if self._ghost:
                self._groups = [(drawing.PREVIOUS_VISIT, False, QPolygonF(self.previous))]
            else:
                groups: dict[str, list[QPointF]] = {}
                selected: list[QPointF] = []
                for handle in self.handles.values():
                    where = handle.pos()
                    groups.setdefault(handle.colour, []).append(where)
                    if handle.isSelected():
                        selected.append(where)
                self._groups = [(drawing.SELECTION, True, QPolygonF(selected))]
                self._groups += [(c, False, QPolygonF(p)) for c, p in groups.items()]
        return self._groups

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scene = self.scene()
        radius = round(scene.point_radius if isinstance(scene, DiagramScene) else 4.0, 1)
        density = painter.device().devicePixelRatioF() if painter.device() else 1.0
        to_device = painter.worldTransform()
        visible = QRectF(painter.viewport()).adjusted(-12, -12, 12, 12)
        painter.save()
        painter.resetTransform()
        draw = painter.drawPixmap
        for colour, halo, points in self._grouped():
            if self._ghost:
                sprite = _dot(colour, radius, "", 0, True, density)
            elif halo:
                sprite = _dot(colour, radius + 2.5, "", 0, False, density)
            else:
                sprite = _dot(colour, radius, "#ffffff", 1.0, False, density)
            offset = sprite.width() / sprite.devicePixelRatio() / 2
            for point in to_device.map(points):
                if visible.contains(point):
                    draw(round(point.x() - offset), round(point.y() - offset), sprite)
        painter.restore()


class PathMarkItem(QGraphicsPathItem):
    """A line (retrograde thread or a row of injections) or an area (nappage), in mm."""

    def __init__(self, mark: MarkRecord, ghost: bool = False) -> None:
        super().__init__()
        self._ghost = ghost
        self.ghost = ghost
        self._label: QGraphicsSimpleTextItem | None = None
        if not ghost:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setZValue(Z_PREVIOUS if ghost else Z_MARKS)
        self.update_mark(mark)

    def update_mark(self, mark: MarkRecord) -> None:
        self.mark = mark
        self.setPos(0, 0)
        area = mark.shape is MarkShape.AREA
        self.setPath(drawing.path_through(mark.points, closed=area))
        base = QColor(
            drawing.PREVIOUS_VISIT if self._ghost else drawing.PALETTE[mark.counted_technique]
        )
        pen = QPen(base, 1.4 if self._ghost else drawing.LINE_WIDTH_PX - (0.8 if area else 0))
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if self._ghost:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        fill = QColor(base)
        fill.setAlpha(25 if self._ghost else drawing.AREA_ALPHA)
        self.setBrush(QBrush(fill) if area else Qt.BrushStyle.NoBrush)
        if not self._ghost:
            self._place_label(mark, base)

    def _place_label(self, mark: MarkRecord, colour: QColor) -> None:
        """Areas show their injection count; lines mark where the needle enters."""
        if self._label is None:
            self._label = QGraphicsSimpleTextItem(self)
            self._label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            self._label.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            font = QFont()
            font.setPointSizeF(8.5)
            font.setBold(True)
            self._label.setFont(font)
        geometry = mark.geometry()
        if mark.shape is MarkShape.AREA:
            self._label.setText(f"×{injection_count(geometry)}")
            anchor = mark_anchor(geometry)
        else:
            self._label.setText("▸")
            anchor = mark.points[0]
        self._label.setBrush(colour.darker(160))
        if mark.photo is not None:  # on a photo's light and dark patches: white, outlined
            outline = QPen(colour.darker(220), 0.6)
            self._label.setBrush(QColor("#ffffff"))
            self._label.setPen(outline)
        rect = self._label.boundingRect()
        self._label.setPos(QPointF(*anchor))
        shift_x = -rect.width() / 2 if mark.shape is MarkShape.AREA else -rect.width() - 4
        self._label.setTransform(QTransform.fromTranslate(shift_x, -rect.height() / 2))

    def current_points(self) -> tuple[Point, ...]:
        dx, dy = self.pos().x(), self.pos().y()
        return tuple(Point(x + dx, y + dy) for x, y in self.mark.points)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.isSelected():
            halo = QPen(QColor(drawing.SELECTION), drawing.LINE_WIDTH_PX + 4)
            halo.setCosmetic(True)
            halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.path())
        plain = QStyleOptionGraphicsItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, widget)


MarkItem = PointMarkItem | PathMarkItem


def make_item(mark: MarkRecord) -> MarkItem:
    if mark.shape is MarkShape.POINT:
        return PointMarkItem(mark)
    return PathMarkItem(mark)


class DiagramScene(QGraphicsScene):
    """One diagram with its art, faint zone outlines, today's marks and last visit's."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.diagram_name = DiagramName.BACK
        self.photo: MarkPhoto | None = None
        self._items: dict[int, MarkItem] = {}
        self._previous: list[PathMarkItem] = []
        self.points = PointLayer()
        self.previous_points = PointLayer(ghost=True)
        self._zones: dict[str, QGraphicsPathItem] = {}
        self._hovered: str | None = None
        self._zone_label = QGraphicsSimpleTextItem()
        self._read_only = False
        self.previous_visible = True
        self.point_radius = drawing.POINT_RADIUS_PX
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._clearing = False
        self.selectionChanged.connect(self._selection_changed)
        self.show_diagram(DiagramName.BACK)

    # --- the chart --------------------------------------------------------------------------

    def _reset(self, name: DiagramName, width_mm: float, height_mm: float) -> None:
        self._clearing = True
        self.clear()
        self._clearing = False
        self._items.clear()
        self._previous.clear()
        self._zones.clear()
        self._hovered = None
        self.points.handles.clear()
        self.diagram_name = DiagramName(name)
        self.diagram_rect = QRectF(0, 0, width_mm, height_mm)
        self.setSceneRect(self.diagram_rect.adjusted(-MARGIN_MM, -MARGIN_MM, MARGIN_MM, MARGIN_MM))

    def show_photo(self, photo: MarkPhoto, counts_on: DiagramName, image: QImage) -> None:
        """Replace everything with a photo spanning its frame (marks are set after). Marks on
        it count on `counts_on`, its view's diagram: the depth checks of the form use it."""
        self._reset(counts_on, photo.width_mm, photo.height_mm)
        self.photo = photo
        picture = QGraphicsPixmapItem(QPixmap.fromImage(image))
        picture.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        if image.width() > 0:
            picture.setScale(photo.width_mm / image.width())
        picture.setZValue(Z_ART)
        picture.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.addItem(picture)
        self._add_layers()

    def shows(self, mark: MarkRecord) -> bool:
        """Whether the mark lies on what is shown: this photo, or this diagram (not a photo)."""
        if self.photo is not None:
            return mark.photo_id == self.photo.id
        return mark.photo is None and mark.diagram == self.diagram_name

    def show_diagram(self, name: DiagramName) -> None:
        """Replace everything with the named diagram's art and zones (marks are set after).
        The diagram shown already keeps its art and zones, only its marks go: the next
        visit on the same chart is not drawn from its SVG again."""
        if self._zones and self.photo is None and DiagramName(name) == self.diagram_name:
            self.set_marks(())
            self.set_previous(())
            self.hover_zone(None)
            return
        diagram = load_diagram(DiagramName(name))
        self._reset(name, diagram.width_mm, diagram.height_mm)
        self.photo = None
        self._renderer = QSvgRenderer(str(art_path(self.diagram_name)), self)
        art = QGraphicsSvgItem()
        art.setSharedRenderer(self._renderer)
        art.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        bounds = art.boundingRect()
        if bounds.width() > 0:
            art.setScale(diagram.width_mm / bounds.width())
        art.setZValue(Z_ART)
        self.addItem(art)
        for zone in diagram.zones:
            pen = QPen(QColor(drawing.ZONE_LINE), 0.8, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            outline = QGraphicsPathItem(_zone_outline(self.diagram_name, zone.name))
            outline.setPen(pen)
            outline.setZValue(Z_ZONES)
            outline.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.addItem(outline)
            self._zones[zone.name] = outline
        self._add_layers()

    def _add_layers(self) -> None:
        self._zone_label = QGraphicsSimpleTextItem()
        self._zone_label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        font = QFont()
        font.setPointSizeF(9)
        font.setBold(True)
        self._zone_label.setFont(font)
        self._zone_label.setBrush(QColor(drawing.ZONE_HOVER))
        self._zone_label.setZValue(Z_LABELS)
        self._zone_label.hide()
        self.addItem(self._zone_label)
        self.points = PointLayer()
        self.previous_points = PointLayer(ghost=True)
        self.previous_points.setVisible(self.previous_visible)
        for layer in (self.points, self.previous_points):
            layer.set_rect(self.sceneRect())
            self.addItem(layer)

    def _selection_changed(self) -> None:
        if not self._clearing:
            self.points.invalidate()

    def set_zoom(self, px_per_mm: float) -> None:
        """Points grow with the zoom up to their full size, so a dense scheme stays readable
        when the whole diagram is in view."""
        radius = min(max(px_per_mm * 3.0, 1.8), drawing.POINT_RADIUS_PX)
        if abs(radius - self.point_radius) > 0.05:
            self.point_radius = radius
            self.update()

    def hover_zone(self, zone: str | None) -> None:
        """Outline the zone under the pointer and name it at its label point."""
        if zone == self._hovered:
            return
        if self._hovered in self._zones:
            pen = self._zones[self._hovered].pen()
            pen.setColor(QColor(drawing.ZONE_LINE))
            pen.setStyle(Qt.PenStyle.DashLine)
            self._zones[self._hovered].setPen(pen)
        self._hovered = zone
        if zone is None or zone not in self._zones:
            self._zone_label.hide()
            return
        pen = self._zones[zone].pen()
        pen.setColor(QColor(drawing.ZONE_HOVER))
        pen.setStyle(Qt.PenStyle.SolidLine)
        self._zones[zone].setPen(pen)
        point = load_diagram(self.diagram_name).zone(zone).label_point
        self._zone_label.setText(drawing.zone_label(self.diagram_name, zone))
        width = self._zone_label.boundingRect().width()
        self._zone_label.setPos(QPointF(*point))
        self._zone_label.setTransform(QTransform.fromTranslate(-width / 2, -8))
        self._zone_label.show()

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """The mark under the pointer tells its attributes; worked out only when asked, so
        thousands of marks load without building thousands of texts."""
        viewport = event.widget()
        view = viewport.parentWidget() if viewport is not None else None
        transform = view.transform() if isinstance(view, QGraphicsView) else QTransform()
        for item in self.items(
            event.scenePos(),
            Qt.ItemSelectionMode.IntersectsItemShape,
            Qt.SortOrder.DescendingOrder,
            transform,
        ):
            if isinstance(item, PointMarkItem | PathMarkItem) and not item.ghost:
                QToolTip.showText(event.screenPos(), mark_tooltip(item.mark), viewport)
                event.accept()
                return
        QToolTip.hideText()
        event.ignore()

    # --- marks ------------------------------------------------------------------------------

    def set_marks(self, marks: Iterable[MarkRecord]) -> None:
        for item in self._items.values():
            self.removeItem(item)
        self._items.clear()
        self.points.handles.clear()
        self.put_marks(marks)

    def put_marks(self, marks: Iterable[MarkRecord]) -> None:
        """Add new marks of this diagram, or redraw changed ones in place."""
        for mark in marks:
            if not self.shows(mark) or mark.id is None:
                continue
            item = self._items.get(mark.id)
            if item is not None and item.mark is mark and not item.isSelected():
                continue  # drawn from this very record, and not being dragged: as it is
            if item is not None and item.mark.shape is mark.shape:
                item.update_mark(mark)
                continue
            if item is not None:
                self.removeItem(item)
            item = make_item(mark)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not self._read_only)
            self.addItem(item)
            self._items[mark.id] = item
            if isinstance(item, PointMarkItem):
                self.points.handles[mark.id] = item
        self.points.invalidate()

    def remove_marks(self, ids: Iterable[int]) -> None:
        for mark_id in ids:
            item = self._items.pop(mark_id, None)
            self.points.handles.pop(mark_id, None)
            if item is not None:
                self.removeItem(item)
        self.points.invalidate()

    def set_previous(self, marks: Sequence[MarkRecord]) -> None:
        """Last visit's marks on this diagram, faint and out of the way of the mouse."""
        for item in self._previous:
            self.removeItem(item)
        here = [m for m in marks if self.shows(m)]
        self._previous = [
            PathMarkItem(m, ghost=True) for m in here if m.shape is not MarkShape.POINT
        ]
        for item in self._previous:
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setVisible(self.previous_visible)
            self.addItem(item)
        self.previous_points.previous = [
            QPointF(*m.points[0]) for m in here if m.shape is MarkShape.POINT
        ]
        self.previous_points.invalidate()

    def show_previous(self, visible: bool) -> None:
        self.previous_visible = visible
        for item in self._previous:
            item.setVisible(visible)
        self.previous_points.setVisible(visible)

    def previous_shown(self) -> int:
        """How many of last visit's marks are drawn on this diagram now."""
        if not self.previous_visible:
            return 0
        return len(self._previous) + len(self.previous_points.previous)

    def points_moved(self) -> None:
        """Redraw the dots after their handles were dragged."""
        self.points.invalidate()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for item in self._items.values():
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not read_only)

    def item_for(self, mark_id: int) -> MarkItem | None:
        return self._items.get(mark_id)

    def mark_ids(self) -> list[int]:
        return list(self._items)

    def selected_ids(self) -> list[int]:
        return [
            item.mark.id
            for item in self.selectedItems()
            if isinstance(item, PointMarkItem | PathMarkItem) and item.mark.id is not None
        ]

    def select_ids(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        self.clearSelection()
        for mark_id in wanted:
            item = self._items.get(mark_id)
            if item is not None:
                item.setSelected(True)

    def moved_marks(self) -> list[tuple[MarkRecord, tuple[Point, ...]]]:
        """Selected marks dragged away from their stored place, with where they are now."""
        moved = []
        for item in self.selectedItems():
            if not isinstance(item, PointMarkItem | PathMarkItem):
                continue
            now = item.current_points()
            stored = item.mark.points
            pairs = zip(now, stored, strict=True)
            if any(abs(a.x - b.x) + abs(a.y - b.y) > 1e-6 for a, b in pairs):
                moved.append((item.mark, now))
        return moved

    def snap_back(self) -> None:
        """Return dragged items to their stored places (after a refused move)."""
        for item in self._items.values():
            item.update_mark(item.mark)
        self.points.invalidate()
