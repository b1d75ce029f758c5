"""The view over the diagram: zoom around the cursor, pan, and the charting tools.

The view only turns mouse and keys into intentions (a point placed, a line or area drawn,
marks dragged or nudged); the panel turns those into service calls and undo steps.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsView, QWidget

from mesodesk.domain.diagram import zone_at
from mesodesk.ui.diagram.scene import DiagramScene

MIN_ZOOM, MAX_ZOOM = 0.4, 40.0
"""Relative to the whole diagram fitting the view: from a little smaller to a few mm wide."""


class Tool(StrEnum):
    SELECT = "select"
    POINT = "point"
    LINE = "line"
    AREA = "area"


class DiagramView(QGraphicsView):
    point_placed = Signal(QPointF)
    shape_drawn = Signal(str, list)  # "line" or "area", the points as QPointF in mm
    marks_dragged = Signal()
    nudged = Signal(float, float)
    hovered = Signal(object)  # the zone code under the pointer, or None
    tool_changed = Signal(str)

    def __init__(self, scene: DiagramScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.chart = scene
        self.tool = Tool.SELECT
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
            | QPainter.RenderHint.TextAntialiasing
        )
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fitted = True
        self._pan_from: QPoint | None = None
        self._space = False
        self._pressed_on_item = False
        self._drawing: list[QPointF] = []
        self._preview: QGraphicsPathItem | None = None

    # --- zoom and pan -----------------------------------------------------------------------

    def fit(self) -> None:
        """The whole diagram in view (Ctrl+0)."""
        self.resetTransform()
        self.fitInView(self.chart.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._fit_scale = self.transform().m11()
        self._fitted = True
        self.chart.set_zoom(self._fit_scale)

    def zoom(self) -> float:
        """The zoom relative to the fitted diagram (1.0 = whole diagram in view)."""
        return self.transform().m11() / max(getattr(self, "_fit_scale", 1.0), 1e-9)

    def zoom_by(self, factor: float) -> None:
        target = min(max(self.zoom() * factor, MIN_ZOOM), MAX_ZOOM)
        factor = target / self.zoom()
        if abs(factor - 1) > 1e-9:
            self.scale(factor, factor)
            self._fitted = False
            self.chart.set_zoom(self.transform().m11())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.2**steps)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def _pan(self, to: QPoint) -> None:
        assert self._pan_from is not None
        delta = to - self._pan_from
        self._pan_from = to
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
        self._fitted = False

    # --- tools ------------------------------------------------------------------------------

    def set_tool(self, tool: Tool | str) -> None:
        tool = Tool(tool)
        self.cancel_drawing()
        self.tool = tool
        self.setDragMode(
            QGraphicsView.DragMode.RubberBandDrag
            if tool is Tool.SELECT
            else QGraphicsView.DragMode.NoDrag
        )
        self.viewport().setCursor(self._tool_cursor())
        self.tool_changed.emit(tool.value)

    def leave_tool(self) -> None:
        """Escape: first drop a half-drawn shape, then go back to selecting."""
        if self._drawing:
            self.cancel_drawing()
        elif self.tool is not Tool.SELECT:
            self.set_tool(Tool.SELECT)
        else:
            self.chart.clearSelection()

    def cancel_drawing(self) -> None:
        self._drawing = []
        if self._preview is not None:
            self.chart.removeItem(self._preview)
            self._preview = None

    def finish_drawing(self) -> None:
        """Enter or a double click: hand over the drawn line or area, if it has enough points."""
        points, tool = self._drawing, self.tool
        self.cancel_drawing()
        needed = 2 if tool is Tool.LINE else 3
        if tool in (Tool.LINE, Tool.AREA) and len(points) >= needed:
            self.shape_drawn.emit(tool.value, points)

    def _show_preview(self, cursor: QPointF | None) -> None:
        if self._preview is None:
            self._preview = QGraphicsPathItem()
            pen = QPen(QColor("#0f766e"), 1.6, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._preview.setPen(pen)
            self._preview.setZValue(10)
            self.chart.addItem(self._preview)
        points = [*self._drawing, *([cursor] if cursor is not None else [])]
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        if self.tool is Tool.AREA and len(points) > 2:
            path.closeSubpath()
        self._preview.setPath(path)

    def _on_diagram(self, point: QPointF) -> bool:
        return self.chart.diagram_rect.contains(point)

    # --- mouse and keys ---------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
            self._space and button == Qt.MouseButton.LeftButton
        ):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if button != Qt.MouseButton.LeftButton or self.tool is Tool.SELECT:
            super().mousePressEvent(event)
            return
        where = self.mapToScene(event.position().toPoint())
        if not self._on_diagram(where):
            event.accept()
            return
        if self.tool is Tool.POINT:
            self.point_placed.emit(where)
        else:
            self._drawing.append(where)
            self._show_preview(None)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.tool in (Tool.LINE, Tool.AREA) and event.button() == Qt.MouseButton.LeftButton:
            where = self.mapToScene(event.position().toPoint())
            last = self.mapFromScene(self._drawing[-1]) if self._drawing else None
            near = last is not None and (last - event.position().toPoint()).manhattanLength() < 4
            if not near and self._on_diagram(where):
                self._drawing.append(where)
            self.finish_drawing()
            event.accept()
            return
        if self.tool is Tool.POINT:
            self.mousePressEvent(event)
            return
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan(event.position().toPoint())
            event.accept()
            return
        where = self.mapToScene(event.position().toPoint())
        on_photo = self.chart.photo is not None  # a photo has no zones drawn on it
        self.hovered.emit(
            None if on_photo else zone_at(self.chart.diagram_name, where.x(), where.y())
        )
        if self._drawing:
            self._show_preview(where)
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton and self.tool is Tool.SELECT:
            self.chart.points_moved()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() in (
            Qt.MouseButton.MiddleButton,
            Qt.MouseButton.LeftButton,
        ):
            self._pan_from = None
            self.viewport().setCursor(
                Qt.CursorShape.OpenHandCursor if self._space else self._tool_cursor()
            )
            event.accept()
            return
        super().mouseReleaseEvent(event)
        left = event.button() == Qt.MouseButton.LeftButton
        if left and self.tool is Tool.SELECT and self.chart.moved_marks():
            self.marks_dragged.emit()

    def _tool_cursor(self) -> Qt.CursorShape:
        return (
            Qt.CursorShape.ArrowCursor if self.tool is Tool.SELECT else Qt.CursorShape.CrossCursor
        )

    def leaveEvent(self, event) -> None:
        self.hovered.emit(None)
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._drawing:
            self.finish_drawing()
            event.accept()
            return
        arrows = {
            Qt.Key.Key_Left: (-1.0, 0.0),
            Qt.Key.Key_Right: (1.0, 0.0),
            Qt.Key.Key_Up: (0.0, -1.0),
            Qt.Key.Key_Down: (0.0, 1.0),
        }
        if key in arrows and self.chart.selected_ids():
            step = 5.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
            dx, dy = arrows[Qt.Key(key)]
            self.nudged.emit(dx * step, dy * step)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self._pan_from = None
            self.viewport().setCursor(self._tool_cursor())
            event.accept()
            return
        super().keyReleaseEvent(event)
