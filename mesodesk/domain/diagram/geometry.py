"""Planar geometry in mm for marks and zones: hit tests, areas, lengths and nappage grids.

Every inside/outside decision goes through one crossing rule (`crossings`), so a point on an
edge shared by two zones belongs to exactly one of them, and a nappage grid agrees with
`point_in_polygon` point for point.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise

from mesodesk.domain.diagram.model import Point

NAPPAGE_SPACING_MM = 3.0
"""Seed 001: nappage injections about 3 mm apart."""

_EPS = 1e-9


def _require_polygon(polygon: Sequence[Point]) -> None:
    if len(polygon) < 3:
        raise ValueError(f"a polygon needs at least 3 points, got {len(polygon)}")


def _require_spacing(spacing_mm: float) -> None:
    if not spacing_mm > 0:
        raise ValueError(f"spacing must be more than 0 mm, got {spacing_mm}")


def crossings(polygon: Sequence[Point], y: float) -> list[float]:
    """Sorted x where a horizontal line at `y` crosses the polygon's edges (half-open in y).

    Each edge is evaluated from its lower end so two polygons sharing an edge, walked in opposite
    directions, get bit-identical crossings.
    """
    xs: list[float] = []
    x1, y1 = polygon[-1]
    for x2, y2 in polygon:
        if (y1 > y) != (y2 > y):
            (ax, ay), (bx, by) = ((x1, y1), (x2, y2)) if y1 < y2 else ((x2, y2), (x1, y1))
            xs.append(ax + (y - ay) * (bx - ax) / (by - ay))
        x1, y1 = x2, y2
    xs.sort()
    return xs


def _inside(xs: list[float], x: float) -> bool:
    """Even-odd rule: inside when an odd number of crossings lies strictly right of `x`."""
    return (len(xs) - bisect_right(xs, x)) % 2 == 1


def point_in_polygon(x: float, y: float, polygon: Sequence[Point]) -> bool:
    """Whether (x, y) lies inside a simple polygon (even-odd rule)."""
    _require_polygon(polygon)
    return _inside(crossings(polygon, y), x)


def bounds(points: Sequence[Point]) -> tuple[float, float, float, float]:
    """(min_x, min_y, max_x, max_y)."""
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _signed_area(polygon: Sequence[Point]) -> float:
    total = 0.0
    x1, y1 = polygon[-1]
    for x2, y2 in polygon:
        total += x1 * y2 - x2 * y1
        x1, y1 = x2, y2
    return total / 2


def polygon_area(polygon: Sequence[Point]) -> float:
    """Area in mm² (shoelace), whichever way the polygon is wound."""
    _require_polygon(polygon)
    return abs(_signed_area(polygon))


def centroid(polygon: Sequence[Point]) -> Point:
    """The centre of mass; may lie outside a concave polygon (use `interior_point` for that)."""
    _require_polygon(polygon)
    area = _signed_area(polygon)
    if abs(area) < _EPS:
        xs, ys = zip(*polygon, strict=True)
        return Point(sum(xs) / len(xs), sum(ys) / len(ys))
    cx = cy = 0.0
    x1, y1 = polygon[-1]
    for x2, y2 in polygon:
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
        x1, y1 = x2, y2
    return Point(cx / (6 * area), cy / (6 * area))


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b.x - a.x, b.y - a.y
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2))
    return math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))


def distance_to_boundary(p: Point, polygon: Sequence[Point]) -> float:
    """Shortest distance in mm from `p` to the polygon's outline."""
    _require_polygon(polygon)
    return min(_distance_to_segment(p, polygon[i - 1], polygon[i]) for i in range(len(polygon)))


def interior_point(polygon: Sequence[Point], lines: int = 16) -> Point:
    """A point strictly inside the polygon, far from its edges: where to put a label.

    Scans `lines` horizontal lines across the polygon and takes the midpoint of the inside
    stretch that lies farthest from the outline; unlike the centroid it never falls outside a
    concave polygon.
    """
    _require_polygon(polygon)
    _, min_y, _, max_y = bounds(polygon)
    best: Point | None = None
    best_clearance = -1.0
    for i in range(lines):
        y = min_y + (max_y - min_y) * (i + 0.5) / lines
        xs = crossings(polygon, y)
        for left, right in zip(xs[::2], xs[1::2], strict=True):
            if right - left <= _EPS:
                continue
            candidate = Point((left + right) / 2, y)
            clearance = distance_to_boundary(candidate, polygon)
            if clearance > best_clearance:
                best, best_clearance = candidate, clearance
    if best is None:
        raise ValueError("the polygon has no inside (all its points are in a line)")
    return best


def polyline_length(points: Sequence[Point]) -> float:
    """Length in mm along consecutive points (0 for a single point)."""
    return sum(math.dist(a, b) for a, b in pairwise(points))


def points_along(points: Sequence[Point], spacing_mm: float) -> list[Point]:
    """Evenly spaced points along a polyline, both ends included, never farther apart than asked.

    A 30 mm line at 10 mm gives 4 points; a 25 mm line at 10 mm also gives 4 (8.33 mm apart),
    so the last injection always lands on the end the practitioner drew.
    """
    _require_spacing(spacing_mm)
    if not points:
        raise ValueError("a line needs at least one point")
    total = polyline_length(points)
    if total <= _EPS:
        return [Point(*points[0])]
    intervals = max(1, math.ceil(total / spacing_mm - _EPS))
    step = total / intervals
    result = [Point(*points[0])]
    segment, walked = 0, 0.0
    for k in range(1, intervals):
        target = k * step
        while (
            segment < len(points) - 2
            and walked + math.dist(points[segment], points[segment + 1]) < target
        ):
            walked += math.dist(points[segment], points[segment + 1])
            segment += 1
        a, b = points[segment], points[segment + 1]
        t = (target - walked) / math.dist(a, b)
        result.append(Point(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
    result.append(Point(*points[-1]))
    return result


def _grid_axis(low: float, high: float, spacing_mm: float) -> list[float]:
    """Centres of the whole cells that fit in [low, high], the leftover shared by both ends."""
    count = max(1, math.floor((high - low) / spacing_mm + _EPS))
    first = low + ((high - low) - (count - 1) * spacing_mm) / 2
    return [first + i * spacing_mm for i in range(count)]


def nappage_points(polygon: Sequence[Point], spacing_mm: float = NAPPAGE_SPACING_MM) -> list[Point]:
    """Injection sites for nappage over an area: a square grid clipped to the polygon.

    The grid is square (rows and columns `spacing_mm` apart) and centred on the polygon's
    bounding box, one injection per spacing x spacing cell, so the count is close to
    area / spacing² and a 30 x 30 mm square at 3 mm takes exactly 10 x 10 = 100. A polygon too
    small to catch a grid point still gets one injection, at its interior point.
    """
    _require_polygon(polygon)
    _require_spacing(spacing_mm)
    min_x, min_y, max_x, max_y = bounds(polygon)
    columns = _grid_axis(min_x, max_x, spacing_mm)
    result: list[Point] = []
    for y in _grid_axis(min_y, max_y, spacing_mm):
        xs = crossings(polygon, y)
        result.extend(Point(x, y) for x in columns if _inside(xs, x))
    return result or [interior_point(polygon)]


def nappage_count(polygon: Sequence[Point], spacing_mm: float = NAPPAGE_SPACING_MM) -> int:
    """How many nappage injections cover the polygon at this spacing."""
    return len(nappage_points(polygon, spacing_mm))
