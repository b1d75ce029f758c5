"""Injection counts and volumes from the marks drawn on a diagram, per mark and per zone.

A mark is a point (one injection), a line (injections along it) or an area (a nappage-style
fill). A line or an area counts in every zone it crosses, by its share of length or surface,
so a line drawn down the nasolabial fold counts where it runs, not where it starts. Spacings
come from the technique table of the domain brief (seeds 001, 004) unless the caller passes
its own, because the texts give them as guides, not rules.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache

from mesodesk.domain.diagram.clipping import ZoneIndex, zone_index
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
    photo_id: int | None = None
    """Set for a mark on a photo: its points are in the photo's frame, not on the diagram, so
    it lies in no zone and counts apart from the diagram's marks."""

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
    """Where a mark's label goes: its point, its first point, or its area's centre.

    For an area the centroid, unless a concave outline puts it outside; then a point inside.
    (The zone a mark counts in is `mark_zone`, from where most of it lies.)
    """
    if mark.shape is not MarkShape.AREA:
        return mark.points[0]
    middle = centroid(mark.points)
    if point_in_polygon(middle.x, middle.y, mark.points):
        return middle
    return interior_point(mark.points)


@dataclass(frozen=True, slots=True)
class ZoneShare:
    """The part of a mark that lies in one zone: 0 < share <= 1; `zone` None is outside all."""

    zone: str | None
    share: float


_NEGLIGIBLE_SHARE = 1e-9
"""Parts smaller than this are rounding dust from an edge drawn along a zone edge, not a part."""


def mark_zone_shares(mark: MarkGeometry) -> list[ZoneShare]:
    """How a mark divides among the zones of its diagram; the shares sum to 1.

    A point lies in one zone. A line counts in every zone it crosses by its share of length,
    an area by its share of surface, both measured exactly (see `clipping`). A line without
    length counts as its first point; an area without surface as its outline. Ordered as the
    diagram's zones are, the part outside every zone last.
    """
    if mark.photo_id is not None:
        return [ZoneShare(None, 1.0)]
    index = zone_index(mark.diagram)
    if mark.shape is MarkShape.POINT:
        return [ZoneShare(_zone_name(index, index.zone_position(*mark.points[0])), 1.0)]
    if mark.shape is MarkShape.AREA:
        parts = index.area_parts(mark.points) or index.line_parts(mark.points + mark.points[:1])
    else:
        parts = index.line_parts(mark.points)
    total = sum(parts.values())
    kept = {where: part for where, part in parts.items() if part > total * _NEGLIGIBLE_SHARE}
    if not kept:
        return [ZoneShare(_zone_name(index, index.zone_position(*mark.points[0])), 1.0)]
    total = sum(kept.values())
    return [
        ZoneShare(_zone_name(index, where), kept[where] / total)
        for where in sorted(kept, key=_zone_order)
    ]


def _zone_order(position: int | None) -> float:
    return math.inf if position is None else position


def _zone_name(index: ZoneIndex, position: int | None) -> str | None:
    return None if position is None else index.diagram.zones[position].name


def mark_zone(mark: MarkGeometry) -> str | None:
    """The zone that holds most of the mark, so its stored zone and depth limit follow it.

    Equal shares go to the first in the diagram's zone order (outside every zone comes last);
    None when most of the mark lies outside every zone.
    """
    shares = mark_zone_shares(mark)
    return shares[_largest(s.share for s in shares)].zone


def _largest(shares: Iterable[float]) -> int:
    """Where the largest share is; shares equal but for rounding dust: the first of them."""
    values = list(shares)
    top = max(values)
    return next(i for i, value in enumerate(values) if value >= top - _NEGLIGIBLE_SHARE)


@dataclass(frozen=True, slots=True)
class ZoneTotal:
    """Injections and volume in one zone of one diagram; `zone` None collects unzoned marks.
    With `photo_id`, the marks placed on that photo (which has no zones)."""

    diagram: DiagramName
    zone: str | None
    injections: int
    volume_ml: Decimal
    photo_id: int | None = None


VOLUME_QUANTUM_ML = Decimal("0.001")
"""A mark's volume is split between zones in steps of 0.001 ml; the split always adds back up
to the mark's volume exactly."""


def _largest_remainder(amount: int, shares: Sequence[float]) -> list[int]:
    """`amount` whole units split by share: each gets the floor of its quota, and the units
    left go to the largest remainders (equal remainders: the first)."""
    quotas = [amount * share for share in shares]
    result = [min(amount, math.floor(q)) for q in quotas]
    left = amount - sum(result)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(quotas[i] - result[i]), i))
    for i in by_remainder[: max(0, left)]:
        result[i] += 1
    return result


def mark_zone_totals(mark: MarkGeometry, spacing_mm: float | None = None) -> list[ZoneTotal]:
    """One mark's injections and volume, split by `mark_zone_shares`, in zone order.

    Injections by the largest-remainder method, so they add up to the mark's count; volume by
    share in steps of `VOLUME_QUANTUM_ML`, the leftover below a step given to the largest
    share, so it adds up to the mark's volume exactly. A zone left with no injection and no
    volume is not listed.
    """
    count = injection_count(mark, spacing_mm)
    volume = mark.volume_per_injection_ml * count
    shares = mark_zone_shares(mark)
    if len(shares) == 1:
        return [ZoneTotal(mark.diagram, shares[0].zone, count, volume, mark.photo_id)]
    fractions = [s.share for s in shares]
    steps = int(volume // VOLUME_QUANTUM_ML)
    volumes = [VOLUME_QUANTUM_ML * n for n in _largest_remainder(steps, fractions)]
    volumes[_largest(fractions)] += volume - VOLUME_QUANTUM_ML * steps
    return [
        ZoneTotal(mark.diagram, share.zone, injections, part, mark.photo_id)
        for share, injections, part in zip(
            shares, _largest_remainder(count, fractions), volumes, strict=True
        )
        if injections or part
    ]


def zone_totals(marks: Iterable[MarkGeometry], spacing_mm: float | None = None) -> list[ZoneTotal]:
    """Per-zone sums over the marks, each mark split over its zones by `mark_zone_totals`.

    Ordered as the diagrams and their zones are, unzoned last in each diagram, then the
    photos' marks, one total per photo; zones without marks are left out. The injections and
    volumes add up to those of the marks exactly.
    """
    sums: dict[tuple[DiagramName, str | None, int | None], tuple[int, Decimal]] = {}
    for mark in marks:
        parts: list[tuple[str | None, int, Decimal]]
        if mark.photo_id is not None:
            count = injection_count(mark, spacing_mm)
            parts = [(None, count, mark.volume_per_injection_ml * count)]
        elif mark.shape is MarkShape.POINT:
            index = zone_index(mark.diagram)
            zone = _zone_name(index, index.zone_position(*mark.points[0]))
            parts = [(zone, 1, mark.volume_per_injection_ml)]
        else:
            parts = [
                (t.zone, t.injections, t.volume_ml) for t in mark_zone_totals(mark, spacing_mm)
            ]
        for zone, count, volume in parts:
            key = (mark.diagram, zone, mark.photo_id)
            injections, summed = sums.get(key, (0, Decimal(0)))
            sums[key] = (injections + count, summed + volume)
    return [
        ZoneTotal(diagram, zone, *sums[(diagram, zone, photo)], photo_id=photo)
        for diagram, zone, photo in sorted(sums, key=_order)
    ]


@cache
def _zone_positions(diagram: DiagramName) -> dict[str | None, int]:
    zones = load_diagram(diagram).zones
    return {**{zone.name: i for i, zone in enumerate(zones)}, None: len(zones)}


def _order(key: tuple[DiagramName, str | None, int | None]) -> tuple[int, int, int, int]:
    diagram, zone, photo = key
    if photo is not None:
        return 1, photo, 0, 0
    return 0, 0, list(DiagramName).index(diagram), _zone_positions(diagram)[zone]
