"""The machinery of the diagram generator: named knots, smooth chains, zones that follow them.

Every outline is a chain of named knots joined by smooth cubic curves; a zone edge between two
neighbouring knots of a chain follows that chain's curve, so the polygons the view fills lie on
the lines it draws, and two zones that share an edge share it point for point (no gaps, no
overlaps). Knots are given in mm as `name dx y` (dx from the midline, negative on the viewer's
left); `name'` is the mirror image. A sheet built with `sign=-1` is the mirror image of the same
sheet built with `sign=1`, which is how a left and a right view are made from one description.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from mesodesk.domain.diagram.geometry import interior_point
from mesodesk.domain.diagram.model import Point

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "diagrams"

Vec = tuple[float, float]
Bezier = tuple[Vec, Vec, Vec, Vec]

SKIN = "#f4f5f6"
HAIR = "#e8eaed"
INK = "#6e747b"
DETAIL = "#8f959c"
FAINT = "#b9bec4"
BROW = "#b3b8be"


def fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _unit(dx: float, dy: float) -> Vec:
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length else (0.0, 0.0)


def _flip(name: str) -> str:
    return name[:-1] if name.endswith("'") else name + "'"


def _at(bezier: Bezier, t: float) -> Vec:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = bezier
    u = 1 - t
    return (
        u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
        u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
    )


def _smooth(knots: list[Vec], closed: bool) -> list[Bezier]:
    """Cubic pieces through the knots, tangents from the neighbours, scaled to each piece."""
    count = len(knots)
    pieces: list[Bezier] = []
    for i in range(count if closed else count - 1):
        a, b = knots[i], knots[(i + 1) % count]
        before = knots[i - 1] if closed or i > 0 else a
        after = knots[(i + 2) % count] if closed or i + 2 < count else b
        ta = _unit(b[0] - before[0], b[1] - before[1])
        tb = _unit(after[0] - a[0], after[1] - a[1])
        reach = math.dist(a, b) / 3
        pieces.append(
            (
                a,
                (a[0] + ta[0] * reach, a[1] + ta[1] * reach),
                (b[0] - tb[0] * reach, b[1] - tb[1] * reach),
                b,
            )
        )
    return pieces


def _cubic(bezier: Bezier) -> str:
    return "C" + " ".join(fmt(v) for v in (*bezier[1], *bezier[2], *bezier[3]))


def _crosses(a: Vec, b: Vec, c: Vec, d: Vec) -> bool:
    def side(p: Vec, q: Vec, r: Vec) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(c, d, a) * side(c, d, b) < 0 and side(a, b, c) * side(a, b, d) < 0


def _below(points: list[Vec], top: float) -> list[Vec]:
    """The part of a polygon at or below the line y = top (Sutherland-Hodgman). A crossing
    is computed from the edge's ends in a fixed order, so two zones sharing the edge get the
    same point."""
    kept: list[Vec] = []
    for i, a in enumerate(points):
        b = points[(i + 1) % len(points)]
        if a[1] >= top:
            kept.append(a)
        if (a[1] >= top) != (b[1] >= top):
            p, q = sorted((a, b))
            t = (top - p[1]) / (q[1] - p[1])
            kept.append((round(p[0] + t * (q[0] - p[0]), 2), top))
    return [q for i, q in enumerate(kept) if q != kept[i - 1]]


def _require_simple(where: str, points: list[Vec]) -> None:
    count = len(points)
    for i in range(count):
        a, b = points[i], points[(i + 1) % count]
        for j in range(i + 2, count):
            if (j + 1) % count != i and _crosses(a, b, points[j], points[(j + 1) % count]):
                raise ValueError(f"{where}: the outline crosses itself near {a}")


class Sheet:
    """One diagram under construction: named knots, curves between them, zones and art."""

    def __init__(
        self,
        name: str,
        label: tuple[str, str],
        facing: str,
        size: Vec,
        step_mm: float,
        widths: tuple[float, float, float],
        sign: float = 1.0,
    ) -> None:
        self.name = name
        self.sign = sign
        self.label, self.label_ru = label
        self.facing = facing
        self.width, self.height = size
        self.x0 = self.width / 2
        self.step_mm = step_mm
        self.outline_w, self.detail_w, self.faint_w = widths
        self.top: float | None = None
        """A sheet cut across (a close-up of part of a figure): zones end on this line."""
        self.knots: dict[str, Vec] = {}
        self.curves: dict[tuple[Vec, Vec], Bezier] = {}
        self.zones: list[dict[str, object]] = []
        self.layers: dict[str, list[str]] = {}
        self.extra: dict[str, object] = {}

    # -- knots and chains

    def define(self, table: str, dy: float = 0.0) -> None:
        """Name knots from a `name dx y ...` table, shifted down by `dy`."""
        tokens = table.split()
        for i in range(0, len(tokens), 3):
            name, dx, y = tokens[i], float(tokens[i + 1]), float(tokens[i + 2])
            if name in self.knots:
                raise ValueError(f"{self.name}: knot {name} is defined twice")
            self.knots[name] = (self.x0 + self.sign * dx, y + dy)

    def at(self, name: str) -> Vec:
        if name.endswith("'"):
            x, y = self.knots[name[:-1]]
            return (2 * self.x0 - x, y)
        return self.knots[name]

    def names(self, spec: str, mirrored: bool = False) -> list[str]:
        return [_flip(n) if mirrored else n for n in spec.split()]

    def across(self, half: str) -> str:
        """A symmetric run of knots from a half that ends on the midline."""
        names = half.split()
        return " ".join(names + [_flip(n) for n in reversed(names[:-1])])

    def chain(self, spec: str, closed: bool = False, both: bool = False) -> None:
        """Join the knots by a smooth curve (tangents from the neighbours, length-scaled)."""
        self._join([self.at(n) for n in self.names(spec)], closed)
        if both:
            self._join([self.at(n) for n in self.names(spec, mirrored=True)], closed)

    def _join(self, knots: list[Vec], closed: bool) -> None:
        for bezier in _smooth(knots, closed):
            a, b = bezier[0], bezier[3]
            if (a, b) in self.curves or (b, a) in self.curves:
                raise ValueError(f"{self.name}: knots {a} and {b} are joined twice")
            self.curves[(a, b)] = bezier

    def _bezier(self, a: Vec, b: Vec) -> Bezier | None:
        if (a, b) in self.curves:
            return self.curves[(a, b)]
        if (b, a) in self.curves:
            p0, c1, c2, p3 = self.curves[(b, a)]
            return (p3, c2, c1, p0)
        return None

    def _samples(self, a: Vec, b: Vec) -> list[Vec]:
        """Points after `a` up to `b`, identical whichever way the edge is walked."""
        forward = (b, a) not in self.curves
        start, end = (a, b) if forward else (b, a)
        bezier = self._bezier(start, end)
        points = [start, end]
        if bezier is not None:
            count = max(1, math.ceil(math.dist(start, end) / self.step_mm))
            points = [_at(bezier, i / count) for i in range(count + 1)]
        points = [(round(x, 2), round(y, 2)) for x, y in points]
        return points[1:] if forward else points[::-1][1:]

    # -- zones

    def polygon(self, spec: str, mirrored: bool = False) -> list[Vec]:
        knots = [self.at(n) for n in self.names(spec, mirrored)]
        points: list[Vec] = []
        for i, a in enumerate(knots):
            for q in self._samples(a, knots[(i + 1) % len(knots)]):
                if not points or points[-1] != q:
                    points.append(q)
        if points[0] == points[-1]:
            points.pop()
        _require_simple(f"{self.name} {spec[:30]}", points)
        return _below(points, self.top) if self.top is not None else points

    def zone(self, code: str, area: str, label: str, label_ru: str, spec: str) -> None:
        self.add_zone(code, area, label, label_ru, self.polygon(spec))

    def add_zone(self, code: str, area: str, label: str, label_ru: str, poly: list[Vec]) -> None:
        """A zone with the point inside it where its label goes, worked out here once by the
        app's own function so that loading a diagram need not search every polygon again. A
        zone wholly above a cut sheet's top edge is left out."""
        if len(poly) < 3 and self.top is not None:
            return
        inside = interior_point([Point(x, y) for x, y in poly])
        self.zones.append(
            {
                "name": code,
                "label": label,
                "label_ru": label_ru,
                "area": area,
                "label_point": [inside.x, inside.y],
                "polygon": [list(q) for q in poly],
            }
        )

    def pair(self, code: str, area: str, label: str, label_ru: tuple[str, str], spec: str) -> None:
        """A left/right pair from knots on the viewer's left, named by the patient's side.

        `label_ru` is (right, left): Russian adjectives agree with the noun, so both are given.
        """
        viewer_left = "right" if self.facing.startswith("front") else "left"
        ru = dict(zip(("right", "left"), label_ru, strict=True))
        for side, mirrored in ((viewer_left, False), (_other(viewer_left), True)):
            poly = self.polygon(spec, mirrored)
            self.add_zone(f"{code}_{side}", area, f"{side.capitalize()} {label}", ru[side], poly)

    # -- art

    def path(self, spec: str, closed: bool = False, mirrored: bool = False) -> str:
        knots = [self.at(n) for n in self.names(spec, mirrored)]
        parts = [f"M{fmt(knots[0][0])} {fmt(knots[0][1])}"]
        for i in range(len(knots) if closed else len(knots) - 1):
            bezier = self._bezier(knots[i], knots[(i + 1) % len(knots)])
            if bezier is None:
                end = knots[(i + 1) % len(knots)]
                parts.append(f"L{fmt(end[0])} {fmt(end[1])}")
            else:
                parts.append(_cubic(bezier))
        return "".join(parts) + ("Z" if closed else "")

    def draw(self, layer: str, spec: str, closed: bool = False, both: bool = False) -> None:
        """Draw a run of knots, following the chains between them."""
        for mirrored in (False, True) if both else (False,):
            self.raw(layer, f'<path d="{self.path(spec, closed, mirrored)}"/>')

    def curve(
        self,
        layer: str,
        coordinates: str,
        dy: float = 0.0,
        both: bool = False,
        closed: bool = False,
    ) -> None:
        """Draw a free smooth curve through `dx y, dx y, ...`; it is no zone's edge."""
        pairs = [c.split() for c in coordinates.split(",")]
        knots = [(self.x0 + self.sign * float(dx), float(y) + dy) for dx, y in pairs]
        for mirrored in (False, True) if both else (False,):
            points = [(2 * self.x0 - x, y) if mirrored else (x, y) for x, y in knots]
            pieces = "".join(_cubic(bezier) for bezier in _smooth(points, closed=closed))
            start = f"M{fmt(points[0][0])} {fmt(points[0][1])}"
            self.raw(layer, f'<path d="{start}{pieces}{"Z" if closed else ""}"/>')

    def lens(self, layer: str, upper: str, lower: str, both: bool = False) -> None:
        """A closed shape between two free curves with the same ends, pointed where they
        meet (a brow, a nail): `upper` runs from one end to the other, `lower` back."""
        sides = []
        for coordinates in (upper, lower):
            pairs = [c.split() for c in coordinates.split(",")]
            sides.append([(self.x0 + self.sign * float(dx), float(y)) for dx, y in pairs])
        for mirrored in (False, True) if both else (False,):
            a, b = ([(2 * self.x0 - x, y) if mirrored else (x, y) for x, y in p] for p in sides)
            pieces = "".join(_cubic(z) for z in _smooth(a, closed=False) + _smooth(b, False))
            self.raw(layer, f'<path d="M{fmt(a[0][0])} {fmt(a[0][1])}{pieces}Z"/>')

    def circle(self, layer: str, dx: float, y: float, r: float, both: bool = False) -> None:
        dx *= self.sign
        for x in (self.x0 + dx, self.x0 - dx) if both else (self.x0 + dx,):
            self.raw(layer, f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}"/>')

    def ellipse(
        self, layer: str, dx: float, y: float, rx: float, ry: float, both: bool = False
    ) -> None:
        dx *= self.sign
        for x in (self.x0 + dx, self.x0 - dx) if both else (self.x0 + dx,):
            self.raw(
                layer,
                f'<ellipse cx="{fmt(x)}" cy="{fmt(y)}" rx="{fmt(rx)}" ry="{fmt(ry)}"/>',
            )

    def raw(self, layer: str, element: str) -> None:
        self.layers.setdefault(layer, []).append(element)

    def svg(self) -> str:
        faint = f'fill="none" stroke="{FAINT}" stroke-width="{fmt(self.faint_w)}"'
        dashes = f"{fmt(self.faint_w * 4)} {fmt(self.faint_w * 3)}"
        styles = {
            "back_hair": f'fill="{HAIR}" stroke="none"',
            "back_hair_line": f'fill="none" stroke="{INK}" stroke-width="{fmt(self.outline_w)}"',
            "skin": f'fill="{SKIN}" stroke="none"',
            "hair": f'fill="{HAIR}" stroke="none"',
            "faint": faint,
            "dashed": f'{faint} stroke-dasharray="{dashes}"',
            "brow": f'fill="none" stroke="{BROW}" stroke-width="2.6"',
            "brow_fill": f'fill="{BROW}" stroke="none"',
            "detail": f'fill="none" stroke="{DETAIL}" stroke-width="{fmt(self.detail_w)}"',
            "outline": f'fill="none" stroke="{INK}" stroke-width="{fmt(self.outline_w)}"',
            "solid": f'fill="{DETAIL}" stroke="none"',
            "process": f'fill="#e3e6e9" stroke="{DETAIL}" stroke-width="{fmt(self.faint_w)}"',
            "text": (
                f'fill="{DETAIL}" stroke="none" font-family="DejaVu Sans, Arial, sans-serif" '
                'font-size="7"'
            ),
        }
        w, h = fmt(self.width), fmt(self.height)
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}mm" '
            f'height="{h}mm" viewBox="0 0 {w} {h}">',
            f"<title>{self.label} ({self.facing} view, mm)</title>",
        ]
        for layer, style in styles.items():
            if self.layers.get(layer):
                lines.append(
                    f'<g id="{layer}" {style} stroke-linecap="round" stroke-linejoin="round">'
                )
                lines.extend(f"  {e}" for e in self.layers[layer])
                lines.append("</g>")
        return "\n".join([*lines, "</svg>"]) + "\n"

    def data(self) -> dict[str, object]:
        return {
            "name": self.name,
            "label": self.label,
            "label_ru": self.label_ru,
            "facing": self.facing,
            "width_mm": self.width,
            "height_mm": self.height,
            "midline_x_mm": self.x0,
            **self.extra,
            "zones": self.zones,
        }


def _other(side: str) -> str:
    return "left" if side == "right" else "right"


def pretty(value: object, indent: int = 0) -> str:
    """JSON with one line per zone polygon, so diffs stay readable."""
    pad = "  " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k)}: {pretty(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * indent + "}"
    if isinstance(value, list) and value and isinstance(value[0], dict):
        items = [pad + pretty(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + "  " * indent + "]"
    return json.dumps(value, ensure_ascii=False)
