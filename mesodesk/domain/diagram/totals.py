"""Injection counts and volumes from the marks drawn on a diagram, per mark and per zone.

A mark is a point (one injection), a line (injections along it) or an area (a nappage-style
fill). Spacings come from the technique table of the domain brief (seeds 001, 004) unless the
caller passes its own, because the texts give them as guides, not rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from mesodesk.domain.diagram.geometry import (
    centroid,
    interior_point,
    nappage_points,
    point_in_polygon,
    points_along,
    polygon_area,
    polyline_length,
)
from mesodesk.domain.diagram.loading import load_diagram
from mesodesk.domain.diagram.model import DiagramName, Point
from mesodesk.domain.diagram.zones import zone_at
from mesodesk.domain.vocabulary import Technique


class MarkShape(StrEnum):
    POINT = "point"
    LINE = "line"
    AREA = "area"


DEFAULT_SPACING_MM: dict[Technique, float] = {
    Technique.PINPOINT: 15.0,
    Technique.NAPPAGE_SUPERFICIAL: 3.0,
    Technique.NAPPAGE_MIDDLE: 3.0,
    Technique.NAPPAGE_DEEP: 3.0,
    Technique.PAPULAR: 10.0,
    Technique.LINEAR: 10.0,
    Technique.INFILTRATION: 20.0,
}
"""Distance between injections along a line or across an area. Pinpoint 1.5-2 cm, nappage 3 mm
and infiltration 2-2.5 cm are the brief's (the closer end); papular and linear give none, so
they take 10 mm, an editable default."""

_MIN_POINTS = {MarkShape.POINT: 1, MarkShape.LINE: 2, MarkShape.AREA: 3}


@dataclass(frozen=True, slots=True)
class MarkGeometry:
    """What the counting needs to know about one mark, without any database or Qt object."""

    shape: MarkShape
    diagram: DiagramName
    points: tuple[Point, ...]
    technique: Technique
    volume_per_injection_ml: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", tuple(Point(*p) for p in self.points))
        needed = _MIN_POINTS[self.shape]
        if len(self.points) < needed or (self.shape is MarkShape.POINT and len(self.points) > 1):
            raise ValueError(
                f"a {self.shape.value} mark needs {'exactly' if needed == 1 else 'at least'} "
                f"{needed} point{'s' if needed > 1 else ''}, got {len(self.points)}"
            )
        if self.volume_per_injection_ml < 0:
            raise ValueError(
                f"volume per injection cannot be negative: {self.volume_per_injection_ml}"
            )


def spacing_for(technique: Technique, spacing_mm: float | None = None) -> float:
    """The caller's spacing if given, else the technique's default."""
    return DEFAULT_SPACING_MM[technique] if spacing_mm is None else spacing_mm


def injection_points(mark: MarkGeometry, spacing_mm: float | None = None) -> list[Point]:
    """Where the injections of a mark go.

    Point: the point. Line: evenly along it, both ends included, no farther apart than the
    spacing; except the linear technique, where the line is one retrograde thread (seed 001:
    "a line, not a point") and counts as one injection, entered at its first point. Area: the
    square nappage grid of `geometry.nappage_points` at the spacing.
    """
    if mark.shape is MarkShape.POINT:
        return [mark.points[0]]
    if mark.shape is MarkShape.LINE:
        if mark.technique is Technique.LINEAR:
            return [mark.points[0]]
        return points_along(mark.points, spacing_for(mark.technique, spacing_mm))
    return nappage_points(mark.points, spacing_for(mark.technique, spacing_mm))


def injection_count(mark: MarkGeometry, spacing_mm: float | None = None) -> int:
    """How many injections the mark stands for (see `injection_points`)."""
    return len(injection_points(mark, spacing_mm))


def mark_volume_ml(mark: MarkGeometry, spacing_mm: float | None = None) -> Decimal:
    """Injections times the volume of each, in ml."""
    return mark.volume_per_injection_ml * injection_count(mark, spacing_mm)


def mark_length_mm(mark: MarkGeometry) -> float:
    """The length of a line mark along its points, in mm."""
    if mark.shape is not MarkShape.LINE:
        raise ValueError(f"only a line mark has a length, this one is a {mark.shape.value}")
    return polyline_length(mark.points)


def mark_area_mm2(mark: MarkGeometry) -> float:
    """The surface of an area mark, in mm²."""
    if mark.shape is not MarkShape.AREA:
        raise ValueError(f"only an area mark has a surface, this one is a {mark.shape.value}")
    return polygon_area(mark.points)


def mark_anchor(mark: MarkGeometry) -> Point:
    """The point that decides a mark's zone: its point, its first point, or its area's centre.

    For an area the centroid, unless a concave outline puts it outside; then a point inside.
    """
    if mark.shape is not MarkShape.AREA:
        return mark.points[0]
    middle = centroid(mark.points)
    if point_in_polygon(middle.x, middle.y, mark.points):
        return middle
    return interior_point(mark.points)


def mark_zone(mark: MarkGeometry) -> str | None:
    """The zone a mark is counted in (None when its anchor is outside every zone)."""
    anchor = mark_anchor(mark)
    return zone_at(mark.diagram, anchor.x, anchor.y)


@dataclass(frozen=True, slots=True)
class ZoneTotal:
    """Injections and volume in one zone of one diagram; `zone` None collects unzoned marks."""

    diagram: DiagramName
    zone: str | None
    injections: int
    volume_ml: Decimal


def zone_totals(marks: Iterable[MarkGeometry], spacing_mm: float | None = None) -> list[ZoneTotal]:
    """Per-zone sums over the marks, each mark counted whole in `mark_zone(mark)`.

    Ordered as the diagrams and their zones are, unzoned last in each diagram; zones without
    marks are left out.
    """
    sums: dict[tuple[DiagramName, str | None], tuple[int, Decimal]] = {}
    for mark in marks:
        key = (mark.diagram, mark_zone(mark))
        count = injection_count(mark, spacing_mm)
        injections, volume = sums.get(key, (0, Decimal(0)))
        sums[key] = (injections + count, volume + mark.volume_per_injection_ml * count)

    def order(key: tuple[DiagramName, str | None]) -> tuple[int, int]:
        diagram, zone = key
        names = [z.name for z in load_diagram(diagram).zones]
        return list(DiagramName).index(diagram), names.index(zone) if zone else len(names)

    return [
        ZoneTotal(diagram, zone, *sums[(diagram, zone)])
        for diagram, zone in sorted(sums, key=order)
    ]
