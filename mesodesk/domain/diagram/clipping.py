"""How much of a line or an area lies in each zone of a diagram, measured exactly.

A line drawn down the nasolabial fold, or a nappage patch laid over two zones, belongs to every
zone it crosses by its share of length or surface. Both are measured by cutting, not sampling:

- a line is cut at every crossing with a zone edge, and each piece goes to the zone of its
  midpoint;
- an area is cut into horizontal slabs at every height where the outline of (mark ∩ zone) can
  bend: the mark's corners, the zone corners within the mark's bounds, and the crossings of
  mark edges with zone edges (and with each other, for an outline drawn across itself).
  Inside such a slab the width a zone takes of the mark changes linearly with height, so the
  width at the slab's middle times its height is the exact surface, for concave marks and
  concave zones alike.

Every inside/outside decision uses the crossing rule of `geometry` (edges evaluated from their
lower end, even-odd, half-open in y), so a point lands in the zone `zone_at` names and a point
on an edge shared by two zones in exactly one of them. Edges are filed once per diagram in
horizontal bands, so a test at one height looks at the few edges near it, not at all of them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

from mesodesk.domain.diagram.geometry import bounds
from mesodesk.domain.diagram.loading import load_diagram
from mesodesk.domain.diagram.model import Diagram, DiagramName, Point

BAND_MM = 4.0
"""Height of the bands the zone edges are filed in: zone edges are a few mm long, so a band
holds a handful of each zone's edges."""

CELL_MM = 2.0
"""Side of the cells whose zone is remembered once worked out (cells near a zone edge are
answered point by point). A power of two, so a point's cell always holds it exactly."""

MAX_CELLS = 40_000
"""Cells remembered per diagram at most (a few MB), whatever is charted."""

_UNKNOWN, _NEAR_AN_EDGE = -2, -1

_U_SLACK = 1e-9
"""A cut found a hair beyond an edge's end still counts: an extra cut only splits a piece in
two, a missed one would put a piece in the wrong zone."""

Edge = tuple[float, float, float, float]
"""(ax, ay, bx, by) with the lower end first (ay <= by), as `geometry.crossings` reads it."""

Parts = dict[int | None, float]
"""Length or surface per zone, by the zone's position in the diagram; None is outside them all."""


def _edge(a: Point, b: Point) -> Edge:
    return (a.x, a.y, b.x, b.y) if a.y < b.y else (b.x, b.y, a.x, a.y)


def _edges(polygon: Sequence[Point]) -> list[Edge]:
    return [_edge(polygon[i - 1], polygon[i]) for i in range(len(polygon))]


def _row_crossings(edges: Sequence[Edge], y: float) -> list[float]:
    """The x where the horizontal line at `y` crosses the edges: `geometry.crossings`' rule."""
    return [ax + (y - ay) * (bx - ax) / (by - ay) for ax, ay, bx, by in edges if ay <= y < by]


def _add(parts: Parts, key: int | None, amount: float) -> None:
    parts[key] = parts.get(key, 0.0) + amount


class ZoneIndex:
    """A diagram's zone edges filed by height, built once per diagram (see `zone_index`)."""

    def __init__(self, diagram: Diagram) -> None:
        self.diagram = diagram
        all_points = [p for zone in diagram.zones for p in zone.polygon]
        self._top = min(p.y for p in all_points) if all_points else 0.0
        self._bottom = max(p.y for p in all_points) if all_points else 0.0
        count = int((self._bottom - self._top) // BAND_MM) + 1
        filed: list[dict[int, list[Edge]]] = [{} for _ in range(count)]
        for position, zone in enumerate(diagram.zones):
            for edge in _edges(zone.polygon):
                for band in range(self._band(edge[1]), self._band(edge[3]) + 1):
                    filed[band].setdefault(position, []).append(edge)
        self._bands: tuple[tuple[tuple[int, tuple[Edge, ...]], ...], ...] = tuple(
            tuple((position, tuple(edges)) for position, edges in sorted(band.items()))
            for band in filed
        )
        self._cells: dict[tuple[int, int], int | None] = {}

    def _band(self, y: float) -> int:
        return int((y - self._top) // BAND_MM)

    def _zones_near(self, y: float) -> tuple[tuple[int, tuple[Edge, ...]], ...]:
        """The zones with an edge in the band of `y`, in zone order: only they can hold it."""
        if not self._top <= y < self._bottom:
            return ()
        return self._bands[self._band(y)]

    def zone_position(self, x: float, y: float) -> int | None:
        """The position in `diagram.zones` of the zone at (x, y), or None: same as `zone_at`.

        Away from zone edges the answer comes from the square cell around the point, worked
        out once: a cell that no zone edge comes near lies wholly in one zone (or in none).
        """
        cell = (math.floor(x / CELL_MM), math.floor(y / CELL_MM))
        known = self._cells.get(cell, _UNKNOWN)
        if known == _UNKNOWN:
            known = self._cell_zone(*cell)
            if len(self._cells) < MAX_CELLS:
                self._cells[cell] = known
        return self._exact_position(x, y) if known == _NEAR_AN_EDGE else known

    def _cell_zone(self, column: int, row: int) -> int | None:
        left, top = column * CELL_MM, row * CELL_MM
        if self._edges_within((left, top, left + CELL_MM, top + CELL_MM)):
            return _NEAR_AN_EDGE
        return self._exact_position(left + CELL_MM / 2, top + CELL_MM / 2)

    def _exact_position(self, x: float, y: float) -> int | None:
        for position, edges in self._zones_near(y):
            right = 0
            for ax, ay, bx, by in edges:
                if ay <= y < by and ax + (y - ay) * (bx - ax) / (by - ay) > x:
                    right += 1
            if right % 2:
                return position
        return None

    def _edges_within(self, box: tuple[float, float, float, float]) -> set[Edge]:
        """Zone edges whose bounding box meets `box` (closed); shared edges counted once."""
        min_x, min_y, max_x, max_y = box
        if max_y < self._top or min_y > self._bottom:
            return set()
        first = max(0, self._band(min_y))
        last = min(len(self._bands) - 1, self._band(max_y))
        found: set[Edge] = set()
        for band in self._bands[first : last + 1]:
            for _, edges in band:
                for edge in edges:
                    ax, ay, bx, by = edge
                    if (
                        ay <= max_y
                        and by >= min_y
                        and min(ax, bx) <= max_x
                        and max(ax, bx) >= min_x
                    ):
                        found.add(edge)
        return found

    def line_parts(self, points: Sequence[Point]) -> Parts:
        """Length in mm of the polyline in each zone (empty when the line has no length)."""
        parts: Parts = {}
        for p, q in pairwise(points):
            length = math.dist(p, q)
            if length == 0:
                continue
            box = (min(p.x, q.x), min(p.y, q.y), max(p.x, q.x), max(p.y, q.y))
            cuts = sorted(_cuts(p, q, self._edges_within(box)))
            for t0, t1 in pairwise((0.0, *cuts, 1.0)):
                if t1 > t0:
                    middle = (t0 + t1) / 2
                    where = self.zone_position(
                        p.x + middle * (q.x - p.x), p.y + middle * (q.y - p.y)
                    )
                    _add(parts, where, (t1 - t0) * length)
        return parts

    def area_parts(self, polygon: Sequence[Point]) -> Parts:
        """Surface in mm² of the polygon (even-odd inside) in each zone; empty if it has none."""
        box = bounds(polygon)
        zone_edges = self._edges_within(box)
        mark_edges = [e for e in _edges(polygon) if e[1] < e[3]]
        if not zone_edges:
            surface = _surface(mark_edges)
            return {self.zone_position(*polygon[0]): surface} if surface > 0 else {}
        min_y, max_y = box[1], box[3]
        heights = {p.y for p in polygon}
        for _, low, _, high in zone_edges:
            heights.update(y for y in (low, high) if min_y < y < max_y)
        own_edges = set(mark_edges)
        for mark_edge in mark_edges:
            heights.update(_crossing_heights(mark_edge, zone_edges))
            heights.update(_crossing_heights(mark_edge, own_edges))
        parts: Parts = {}
        for y0, y1 in pairwise(sorted(heights)):
            if y1 > y0:
                for where, width in self._row_parts((y0 + y1) / 2, mark_edges).items():
                    _add(parts, where, width * (y1 - y0))
        return {where: surface for where, surface in parts.items() if surface > 0}

    def _row_parts(self, y: float, mark_edges: Sequence[Edge]) -> Parts:
        """Width in mm of the mark's row at `y` in each zone, the first zone winning overlaps."""
        events = [(x, -1) for x in _row_crossings(mark_edges, y)]
        if not events:
            return {}
        for position, edges in self._zones_near(y):
            events.extend((x, position) for x in _row_crossings(edges, y))
        events.sort()
        widths: Parts = {}
        in_mark = False
        open_zones: set[int] = set()
        last = events[0][0]
        for x, what in events:
            if in_mark and x > last:
                _add(widths, min(open_zones) if open_zones else None, x - last)
            last = x
            if what < 0:
                in_mark = not in_mark
            else:
                open_zones ^= {what}
        return widths


def _cuts(p: Point, q: Point, edges: set[Edge]) -> list[float]:
    """Where along p->q (0 < t < 1) the segment crosses one of the edges; parallels never do."""
    dx, dy = q.x - p.x, q.y - p.y
    found: list[float] = []
    for ax, ay, bx, by in edges:
        ex, ey = bx - ax, by - ay
        denominator = dx * ey - dy * ex
        if denominator == 0:
            continue
        wx, wy = ax - p.x, ay - p.y
        t = (wx * ey - wy * ex) / denominator
        u = (wx * dy - wy * dx) / denominator
        if 0 < t < 1 and -_U_SLACK <= u <= 1 + _U_SLACK:
            found.append(t)
    return found


def _crossing_heights(mark_edge: Edge, zone_edges: set[Edge]) -> list[float]:
    """Heights where a mark edge crosses zone edges: corners of (mark ∩ zone)."""
    ax, ay, bx, by = mark_edge
    heights: list[float] = []
    for t in _cuts(Point(ax, ay), Point(bx, by), zone_edges):
        heights.append(ay + t * (by - ay))
    return heights


def _surface(mark_edges: Sequence[Edge]) -> float:
    """Even-odd surface of the polygon with these (non-horizontal) edges, via the same slabs."""
    heights = sorted({y for edge in mark_edges for y in (edge[1], edge[3])})
    surface = 0.0
    for y0, y1 in pairwise(heights):
        xs = sorted(_row_crossings(mark_edges, (y0 + y1) / 2))
        surface += sum(b - a for a, b in zip(xs[::2], xs[1::2], strict=True)) * (y1 - y0)
    return surface


@cache
def zone_index(name: DiagramName) -> ZoneIndex:
    """The index of a shipped diagram, built on first use and kept (diagrams never change)."""
    return ZoneIndex(load_diagram(name))
