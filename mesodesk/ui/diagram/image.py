"""A visit's injection scheme as a PNG: the diagrams it used, its marks and a legend.

Drawn with QPainter on a QImage, without any window, so the CLI and the aftercare sheet can
call it; it starts a headless Qt GUI application when none is running.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer

from mesodesk.domain.diagram import (
    DiagramName,
    MarkShape,
    art_path,
    injection_count,
    load_diagram,
)
from mesodesk.domain.diagram.totals import mark_anchor
from mesodesk.domain.mark_records import MarkRecord, default_diagram, diagrams_by_use
from mesodesk.domain.vocabulary import Sex
from mesodesk.ui.diagram import drawing
from mesodesk.ui.text import vocab

if TYPE_CHECKING:
    from mesodesk.services.registry import Services

MARGIN, GAP, TITLE, LEGEND_ROW = 16.0, 24.0, 26.0, 20.0
_APP: QGuiApplication | None = None


def ensure_gui() -> None:
    """A Qt GUI application for fonts and SVG; offscreen when there is no display."""
    global _APP
    if QGuiApplication.instance() is not None:
        return
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _APP = QGuiApplication(sys.argv[:1])


def render_visit_png(services: Services, visit_id: int, width_px: int = 900) -> bytes:
    """The visit's marks on each diagram it used (most marked first), side by side."""
    ensure_gui()
    marks = services.marks.list_for_visit(visit_id)
    if marks:
        return png_bytes(render_marks(marks, width_px))
    visit = services.visits.get(visit_id)
    sex = services.patients.get(visit.patient_id).sex
    return png_bytes(render_marks(marks, width_px, visit.areas, sex))


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(0, "The scheme picture could not be encoded as PNG.")
    buffer.close()
    return bytes(data.data())


def render_marks(
    marks: Sequence[MarkRecord], width_px: int = 900, areas=(), sex: Sex | None = None
) -> QImage:
    """The marks on each diagram they use; without marks, the diagram the visit would open on
    (the back for vascular work, else the face of the patient's sex)."""
    ensure_gui()
    names = diagrams_by_use(marks) or [default_diagram(marks, areas, sex)]
    charts = [load_diagram(name) for name in names]
    usable = width_px - 2 * MARGIN - GAP * (len(charts) - 1)
    height_px = usable / sum(c.width_mm / c.height_mm for c in charts)
    techniques = [t for t in drawing.PALETTE if any(m.counted_technique is t for m in marks)]
    legend_rows = max(1, -(-len(techniques) // 3))
    total_height = MARGIN + TITLE + height_px + MARGIN + legend_rows * LEGEND_ROW + MARGIN
    image = QImage(int(width_px), int(total_height), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    try:
        x = MARGIN
        for chart in charts:
            scale = height_px / chart.height_mm
            width = chart.width_mm * scale
            _title(painter, QRectF(x, MARGIN, width, TITLE), drawing.diagram_label(chart.name))
            on_chart = [m for m in marks if m.diagram == chart.name and m.photo is None]
            _chart(painter, chart.name, on_chart, QPointF(x, MARGIN + TITLE), scale)
            x += width + GAP
        _legend(painter, techniques, MARGIN + TITLE + height_px + MARGIN, width_px)
    finally:
        painter.end()
    return image


def _title(painter: QPainter, rect: QRectF, text: str) -> None:
    font = QFont()
    font.setPixelSize(14)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#344054"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)


def _chart(
    painter: QPainter,
    name: DiagramName,
    marks: Sequence[MarkRecord],
    origin: QPointF,
    scale: float,
) -> None:
    chart = load_diagram(name)

    def at(x: float, y: float) -> QPointF:
        return QPointF(origin.x() + x * scale, origin.y() + y * scale)

    painter.save()
    painter.translate(origin)
    painter.scale(scale, scale)
    QSvgRenderer(str(art_path(name))).render(painter, QRectF(0, 0, chart.width_mm, chart.height_mm))
    zone_pen = QPen(QColor(drawing.ZONE_LINE), 0.7, Qt.PenStyle.DashLine)
    zone_pen.setCosmetic(True)
    painter.setPen(zone_pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for zone in chart.zones:
        painter.drawPath(drawing.path_through(zone.polygon, closed=True))
    for mark in marks:
        if mark.shape is MarkShape.POINT:
            continue
        colour = QColor(drawing.PALETTE[mark.counted_technique])
        area = mark.shape is MarkShape.AREA
        pen = QPen(colour, drawing.LINE_WIDTH_PX - (0.8 if area else 0))
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(drawing.AREA_ALPHA)
        painter.setBrush(fill if area else Qt.BrushStyle.NoBrush)
        painter.drawPath(drawing.path_through(mark.points, closed=area))
    painter.restore()

    radius = max(2.5, min(drawing.POINT_RADIUS_PX, 4.0 * scale))
    font = QFont()
    font.setPixelSize(11)
    font.setBold(True)
    painter.setFont(font)
    for mark in marks:
        colour = QColor(drawing.PALETTE[mark.counted_technique])
        if mark.shape is MarkShape.POINT:
            painter.setPen(QPen(QColor("#ffffff"), 1.0))
            painter.setBrush(colour)
            painter.drawEllipse(at(*mark.points[0]), radius, radius)
        elif mark.shape is MarkShape.AREA:
            anchor = at(*mark_anchor(mark.geometry()))
            text = f"×{injection_count(mark.geometry())}"
            width = QFontMetricsF(font).horizontalAdvance(text)
            painter.setPen(colour.darker(160))
            painter.drawText(QPointF(anchor.x() - width / 2, anchor.y() + 4), text)


def _legend(painter: QPainter, techniques, top: float, width_px: int) -> None:
    font = QFont()
    font.setPixelSize(12)
    painter.setFont(font)
    column = (width_px - 2 * MARGIN) / 3
    for index, technique in enumerate(techniques):
        row, col = divmod(index, 3)
        x = MARGIN + col * column
        y = top + row * LEGEND_ROW
        colour = QColor(drawing.PALETTE[technique])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(x + 6, y + 7), 5, 5)
        painter.setPen(QColor("#344054"))
        painter.drawText(QPointF(x + 18, y + 11), vocab(technique))
