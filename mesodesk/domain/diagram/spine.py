"""The vascular scheme of seed 000 as generated points, which the practitioner then edits.

Seed 000: row 1 between the spinous processes on the midline, then paravertebral rows on both
sides, then rows at 4 and 6 cm; for the chest, neck, shoulders and face also 2 rows "from the
lobe of one ear to the lobe of the other ... along the head", 5 mm apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from mesodesk.domain.diagram.geometry import crossings
from mesodesk.domain.diagram.loading import diagram_of
from mesodesk.domain.diagram.model import Diagram, DiagramName, Facing, Point, Side

DEFAULT_OFFSETS_MM: tuple[float, ...] = (15.0, 40.0, 60.0)
"""Seed 000 gives the paravertebral row at 1.5 and 2 cm ("left and right respectively"), then
4 and 6 cm. The default uses 15 mm on both sides so left and right mirror each other; a
practitioner who wants 2 cm passes (20, 40, 60)."""

DEFAULT_SIDES: tuple[str, ...] = (Side.LEFT.value, Side.RIGHT.value)

OUTLINE_MARGIN_MM = 3.0
"""How far inside the outline the outermost row stays where the body is narrower than the rows
asked for (the neck: the 60 mm row at C3-C5 would fall beside it)."""

_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class SchemePoint:
    """One generated injection point of the spine scheme.

    `interspace` names the two spinous processes it lies between ("T4-T5"); `offset_mm` is the
    lateral distance from the midline actually used (0 on the midline); x and y are diagram
    millimetres. Where the body is too narrow for the rows asked for, the interspace's offsets
    are narrowed and `narrowed_from_mm` keeps the offset that was asked for (None otherwise).
    """

    interspace: str
    side: Side
    offset_mm: float
    x_mm: float
    y_mm: float
    narrowed_from_mm: float | None = None

    @property
    def point(self) -> Point:
        return Point(self.x_mm, self.y_mm)

    @property
    def requested_offset_mm(self) -> float:
        """The offset of the row this point belongs to, as the practitioner asked for it."""
        return self.offset_mm if self.narrowed_from_mm is None else self.narrowed_from_mm


def lateral_x(diagram: Diagram, side: Side, offset_mm: float) -> float:
    """The x of a point `offset_mm` to the patient's `side` of the midline on this view."""
    if side is Side.MIDLINE:
        return diagram.midline_x_mm
    toward_viewer_left = (side is Side.LEFT) == (diagram.facing is Facing.BACK)
    return diagram.midline_x_mm + (-offset_mm if toward_viewer_left else offset_mm)


def lateral_room_mm(diagram: Diagram | DiagramName | str, side: Side, y_mm: float) -> float:
    """How far from the midline toward the patient's `side` the zones reach at height `y_mm`.

    The zones are followed outward from the midline as long as they touch (the trunk, then the
    shoulder, then the arm), so every point closer to the midline than this lies in a zone; 0
    when the midline itself is outside every zone at that height.
    """
    chart = diagram_of(diagram)
    middle = chart.midline_x_mm
    stretches = sorted(
        (left, right)
        for zone in chart.zones
        if zone.bounds[1] <= y_mm <= zone.bounds[3]
        for xs in (crossings(zone.polygon, y_mm),)
        for left, right in zip(xs[::2], xs[1::2], strict=True)
        if right > left
    )
    merged: list[list[float]] = []
    for left, right in stretches:
        if merged and left <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], right)
        else:
            merged.append([left, right])
    around = [(low, high) for low, high in merged if low <= middle < high]
    if not around:
        return 0.0
    ((low, high),) = around
    toward_viewer_left = lateral_x(chart, side, 1.0) < middle
    return middle - low if toward_viewer_left else high - middle


def _offsets(offsets_mm: Sequence[float]) -> list[float]:
    values = [float(v) for v in offsets_mm]
    if any(not v > 0 for v in values):
        raise ValueError(f"lateral offsets must be more than 0 mm, got {list(offsets_mm)}")
    if len(set(values)) != len(values):
        raise ValueError(f"lateral offsets repeat: {list(offsets_mm)}")
    return values


def _sides(sides: Sequence[str]) -> list[Side]:
    result: list[Side] = []
    for raw in sides:
        try:
            side = Side(str(raw).strip().lower())
        except ValueError:
            side = Side.MIDLINE
        if side is Side.MIDLINE:
            raise ValueError(
                f"sides must be 'left' or 'right' (the midline row is always made), got {raw!r}"
            )
        if side in result:
            raise ValueError(f"side {side.value!r} is given twice")
        result.append(side)
    return result


def vascular_spine_scheme(
    top: str,
    bottom: str,
    offsets_mm: Sequence[float] = DEFAULT_OFFSETS_MM,
    sides: Sequence[str] = DEFAULT_SIDES,
    diagram: Diagram | DiagramName | str = DiagramName.BACK,
) -> list[SchemePoint]:
    """The scheme's points from level `top` down to level `bottom`, on the back diagram.

    One midline point halfway between each pair of adjacent spinous processes (C3 to T6 gives
    C3-C4 ... T5-T6), then, at the same height, one point per offset per side. Points come top
    down; within an interspace: the midline, then each offset in the order given, each side in
    the order given. Left and right are the patient's and mirror each other about the midline.
    Where the body is narrower than the widest offset (the neck), that interspace's offsets
    shrink in proportion so every row stays inside the outline (see `SchemePoint`).
    """
    chart = diagram_of(diagram)
    first, last = chart.vertebra(top), chart.vertebra(bottom)
    levels = list(chart.vertebrae)
    start, end = levels.index(first), levels.index(last)
    if start >= end:
        raise ValueError(
            f"the top level {first.label} must be above the bottom level {last.label} "
            "(the scheme runs from the top down)"
        )
    offsets, chosen_sides = _offsets(offsets_mm), _sides(sides)
    points: list[SchemePoint] = []
    for upper, lower in pairwise(levels[start : end + 1]):
        interspace = f"{upper.label}-{lower.label}"
        y = (upper.y_mm + lower.y_mm) / 2
        points.append(SchemePoint(interspace, Side.MIDLINE, 0.0, chart.midline_x_mm, y))
        used = _fitted_offsets(chart, chosen_sides, y, offsets)
        for asked, offset in zip(offsets, used, strict=True):
            narrowed_from = None if offset == asked else asked
            for side in chosen_sides:
                x = lateral_x(chart, side, offset)
                points.append(SchemePoint(interspace, side, offset, x, y, narrowed_from))
    return points


def _fitted_offsets(
    chart: Diagram, sides: Sequence[Side], y_mm: float, offsets: list[float]
) -> list[float]:
    """The offsets as asked where they fit inside the outline on every chosen side; else all of
    them scaled down alike, so the outermost row stays `OUTLINE_MARGIN_MM` inside the outline
    (or halfway there, on a body narrower than the margin) and the rows keep their order and
    stay apart. Both sides use the same offsets, so left and right still mirror each other.
    Where the midline itself is outside every zone there is no outline to fit: as asked.
    """
    if not offsets or not sides:
        return offsets
    rooms = [lateral_room_mm(chart, side, y_mm) for side in sides]
    if min(rooms) <= 0:
        return offsets
    room = min(max(r - OUTLINE_MARGIN_MM, r / 2) for r in rooms)
    widest = max(offsets)
    if widest <= room:
        return offsets
    return [offset * room / widest for offset in offsets]


@dataclass(frozen=True, slots=True)
class EarToEarRow:
    """One ear-to-ear row: an arc of a circle, and the injection points spread along it.

    Row 1 runs through both ear lobes; every next row is the concentric arc `spacing_mm`
    farther toward the neck, so rows stay exactly that far apart along their whole length.
    `points` go from the patient's left ear to the right one and double as the polyline to draw.
    """

    row: int
    centre: Point
    radius_mm: float
    length_mm: float
    points: tuple[Point, ...]


def _circle(a: Point, b: Point, c: Point) -> tuple[Point, float]:
    d = 2 * (a.x * (b.y - c.y) + b.x * (c.y - a.y) + c.x * (a.y - b.y))
    if abs(d) < _EPS:
        raise ValueError("the ear lobes and the apex of the row lie on one straight line")
    a2, b2, c2 = a.x**2 + a.y**2, b.x**2 + b.y**2, c.x**2 + c.y**2
    ux = (a2 * (b.y - c.y) + b2 * (c.y - a.y) + c2 * (a.y - b.y)) / d
    uy = (a2 * (c.x - b.x) + b2 * (a.x - c.x) + c2 * (b.x - a.x)) / d
    centre = Point(ux, uy)
    return centre, math.dist(centre, a)


def ear_to_ear_rows(
    rows: int = 2,
    spacing_mm: float = 5.0,
    point_spacing_mm: float = 15.0,
    diagram: Diagram | DiagramName | str = DiagramName.BACK,
) -> list[EarToEarRow]:
    """The ear-to-ear rows of the vascular scheme (seed 000, step 3), as arcs with points.

    `spacing_mm` is the distance between rows (5 mm in seed 000); `point_spacing_mm` is the
    greatest distance between neighbouring injections along a row (the seed gives none, so it
    is an editable default). Each row has both ends on it and its points evenly spread, so the
    actual spacing is the largest even one not above `point_spacing_mm`.

    The rows run from one ear lobe across the back of the head, arching over the occiput, with
    further rows below toward the nape; so they live on the back diagram, the only one that
    shows both lobes and the path between them (on the front face view the path would run
    behind the jaw and the neck).
    """
    if rows < 1:
        raise ValueError(f"there must be at least 1 row, got {rows}")
    if not spacing_mm > 0 or not point_spacing_mm > 0:
        raise ValueError("the spacing between rows and between points must be more than 0 mm")
    chart = diagram_of(diagram)
    if chart.ear_row is None:
        raise ValueError(f"the {chart.name} diagram has no ear lobes to draw rows between")
    left, apex, right = chart.ear_row.left, chart.ear_row.apex, chart.ear_row.right
    centre, radius = _circle(left, apex, right)
    start = math.atan2(left.y - centre.y, left.x - centre.x)
    via = (math.atan2(apex.y - centre.y, apex.x - centre.x) - start) % math.tau
    end = (math.atan2(right.y - centre.y, right.x - centre.x) - start) % math.tau
    sweep = end if via < end else end - math.tau
    toward_neck = 1.0 if apex.y >= centre.y else -1.0
    result: list[EarToEarRow] = []
    for index in range(rows):
        row_radius = radius + toward_neck * index * spacing_mm
        if row_radius <= spacing_mm:
            raise ValueError(f"{rows} rows {spacing_mm} mm apart do not fit on this head")
        length = row_radius * abs(sweep)
        intervals = max(1, math.ceil(length / point_spacing_mm - _EPS))
        points = tuple(
            Point(
                centre.x + row_radius * math.cos(start + sweep * k / intervals),
                centre.y + row_radius * math.sin(start + sweep * k / intervals),
            )
            for k in range(intervals + 1)
        )
        result.append(EarToEarRow(index + 1, centre, row_radius, length, points))
    return result
