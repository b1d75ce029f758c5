"""What marks look like, shared by the live scene and the exported picture: one palette."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QColor, QPainterPath, QPolygonF

from mesodesk.domain.diagram import DiagramName, Point, diagram_titles, load_diagram
from mesodesk.domain.diagram.palette import TECHNIQUE_COLOURS
from mesodesk.domain.photo_marks import MarkPhoto
from mesodesk.domain.vocabulary import Technique
from mesodesk.ui.language import interface_language
from mesodesk.ui.photo_names import photo_title

PALETTE = TECHNIQUE_COLOURS
"""Colours by technique: blues and teals for the common work, warm colours for the rest,
each far enough from the grey art and from the others to tell apart at a glance."""

PREVIOUS_VISIT = "#98a2b3"
"""Last visit's marks: a neutral grey under today's colours."""
SELECTION = "#f59e0b"
ZONE_LINE = "#c5ccd6"
ZONE_HOVER = "#0f766e"

POINT_RADIUS_PX = 4.5
LINE_WIDTH_PX = 2.6
AREA_ALPHA = 70


def colour(technique: Technique) -> QColor:
    return QColor(PALETTE[technique])


def path_through(points: Sequence[Point], closed: bool) -> QPainterPath:
    """A polyline, or a closed polygon, through points in mm."""
    path = QPainterPath()
    polygon = QPolygonF([QPointF(x, y) for x, y in points])
    path.addPolygon(polygon)
    if closed:
        path.closeSubpath()
    return path


def zone_label(diagram: DiagramName, zone: str | None) -> str:
    """The shown name of a zone, translated; marks outside every zone are "Outside zones"."""
    if not zone:
        return QCoreApplication.translate("Zones", "Outside zones")
    try:
        found = load_diagram(diagram).zone(zone)
    except KeyError:
        return zone
    return found.label_ru if interface_language() == "ru" else found.label


def diagram_label(diagram: DiagramName) -> str:
    """The diagram's name from its file, which holds it in both languages."""
    english, russian = diagram_titles(diagram)
    return russian if interface_language() == "ru" else english


def photo_label(photo: MarkPhoto) -> str:
    """Where a mark on a photo lies, for its tooltip, the totals and the chart's list."""
    return photo_title(photo.kind, photo.view)
