"""The injection-scheme diagrams as geometry in millimetres: no Qt, no database.

Coordinates: origin top-left, x right, y down, in mm on an average adult; left and right are
the patient's (on a front view the patient's left is on the viewer's right). The Qt view draws
`art_path(name)` under the zones of `load_diagram(name)` and turns clicks into marks; the
services count and check them with the functions below.
"""

from mesodesk.domain.diagram.depth import check_depth
from mesodesk.domain.diagram.geometry import (
    centroid,
    interior_point,
    nappage_count,
    nappage_points,
    point_in_polygon,
    points_along,
    polygon_area,
    polyline_length,
)
from mesodesk.domain.diagram.loading import art_path, diagram_titles, load_diagram
from mesodesk.domain.diagram.model import (
    Diagram,
    DiagramName,
    EarRowAnchors,
    Facing,
    Point,
    Region,
    Side,
    Vertebra,
    Zone,
)
from mesodesk.domain.diagram.spine import (
    EarToEarRow,
    SchemePoint,
    ear_to_ear_rows,
    vascular_spine_scheme,
)
from mesodesk.domain.diagram.totals import (
    MarkGeometry,
    MarkShape,
    ZoneShare,
    ZoneTotal,
    injection_count,
    injection_points,
    mark_area_mm2,
    mark_length_mm,
    mark_volume_ml,
    mark_zone,
    mark_zone_shares,
    mark_zone_totals,
    zone_totals,
)
from mesodesk.domain.diagram.zones import zone_at

__all__ = [
    "Diagram",
    "DiagramName",
    "EarRowAnchors",
    "EarToEarRow",
    "Facing",
    "MarkGeometry",
    "MarkShape",
    "Point",
    "Region",
    "SchemePoint",
    "Side",
    "Vertebra",
    "Zone",
    "ZoneShare",
    "ZoneTotal",
    "art_path",
    "centroid",
    "check_depth",
    "diagram_titles",
    "ear_to_ear_rows",
    "injection_count",
    "injection_points",
    "interior_point",
    "load_diagram",
    "mark_area_mm2",
    "mark_length_mm",
    "mark_volume_ml",
    "mark_zone",
    "mark_zone_shares",
    "mark_zone_totals",
    "nappage_count",
    "nappage_points",
    "point_in_polygon",
    "points_along",
    "polygon_area",
    "polyline_length",
    "vascular_spine_scheme",
    "zone_at",
    "zone_totals",
]
