"""Which zone a position on a diagram falls in: hover labels, mark zones and per-zone totals."""

from __future__ import annotations

from mesodesk.domain.diagram.geometry import point_in_polygon
from mesodesk.domain.diagram.loading import diagram_of
from mesodesk.domain.diagram.model import Diagram, DiagramName, Zone


def zone_contains(zone: Zone, x_mm: float, y_mm: float) -> bool:
    """Whether the point is inside the zone; the bounding box check keeps hit tests cheap."""
    min_x, min_y, max_x, max_y = zone.bounds
    if not (min_x <= x_mm <= max_x and min_y <= y_mm <= max_y):
        return False
    return point_in_polygon(x_mm, y_mm, zone.polygon)


def zone_at(diagram: Diagram | DiagramName | str, x_mm: float, y_mm: float) -> str | None:
    """The code of the zone at (x, y) in mm, or None outside every zone.

    Zones of a diagram do not overlap and share their common edges point for point, so the
    answer is unambiguous; a point exactly on a shared edge belongs to one of the two zones.
    """
    for zone in diagram_of(diagram).zones:
        if zone_contains(zone, x_mm, y_mm):
            return zone.name
    return None
