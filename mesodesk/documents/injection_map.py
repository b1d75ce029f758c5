"""The injection map on paper: the marked part of a diagram, drawn as vectors from its geometry.

Each diagram a visit used becomes one panel: a title, the treated region cropped and scaled to
the panel's width (with a small locator of the whole figure when the crop is a part of it),
and a legend of the techniques with their injection counts. Everything comes from the domain
geometry (zones, vertebrae, marks in mm) and the diagram's line art; no Qt, no picture files.
Labels are never set below `MIN_FONT_PT`.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from mesodesk.documents.fonts import FONT, FONT_BOLD
from mesodesk.documents.layout import INK, MIN_FONT_PT, MUTED, RULE, Wording
from mesodesk.documents.svg_art import Art, EllipseShape, PathShape, RectShape, diagram_art
from mesodesk.domain.diagram import (
    Diagram,
    DiagramName,
    MarkShape,
    Point,
    Zone,
    injection_count,
    load_diagram,
    point_in_polygon,
)
from mesodesk.domain.diagram.palette import TECHNIQUE_COLOURS
from mesodesk.domain.diagram.totals import mark_anchor
from mesodesk.domain.mark_records import MarkRecord, diagrams_by_use
from mesodesk.domain.vocabulary import Language, Technique

LABEL_PT = 8.0
TITLE_PT = 8.5
LEGEND_PT = 8.0
TITLE_HEIGHT = 4.4 * mm
LEGEND_ROW = 4 * mm
POINT_RADIUS_PT = 1.9
ZONE_TINT = colors.Color(0.11, 0.42, 0.45, alpha=0.07)
ZONE_LINE = colors.HexColor("#B8C4CC")
TREATED_ZONE_LINE = colors.HexColor("#6F9EA3")
CROP_FRAME = colors.HexColor("#1D6B73")
GUTTER_WIDTH = 8.5 * mm

assert LABEL_PT >= MIN_FONT_PT and LEGEND_PT >= MIN_FONT_PT


@dataclass(frozen=True, slots=True)
class Crop:
    """The part of a diagram shown, in diagram mm: left, top, width, height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, p: Point, inset: float = 0.0) -> bool:
        return (
            self.x + inset <= p.x <= self.right - inset
            and self.y + inset <= p.y <= self.bottom - inset
        )


@dataclass(frozen=True, slots=True)
class Locator:
    """The small whole figure's place in the map box: its box in points (left, bottom, right,
    top), the padding inside it and the figure's scale."""

    box: tuple[float, float, float, float]
    pad: float
    scale: float


def mark_points(marks: Sequence[MarkRecord]) -> list[Point]:
    return [Point(*p) for mark in marks for p in mark.points]


def crop_for(
    diagram: Diagram, marks: Sequence[MarkRecord], width_pt: float, min_h: float, max_h: float
) -> tuple[Crop, float]:
    """The crop of the treated region and the panel's map height in points.

    The marks' extent with a margin, at least a third of the figure's width each way (a lone
    point is shown in its surroundings), then widened or heightened to the panel's proportions
    when the height is held between `min_h` and `max_h`, and kept on the figure.
    """
    points = mark_points(marks)
    if points:
        xs, ys = [p.x for p in points], [p.y for p in points]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    else:
        x0, x1, y0, y1 = 0.0, diagram.width_mm, 0.0, diagram.height_mm
    margin = max(14.0, 0.12 * max(x1 - x0, y1 - y0))
    x0, x1, y0, y1 = x0 - margin, x1 + margin, y0 - margin, y1 + margin
    least = diagram.width_mm / 3
    x0, x1 = _at_least(x0, x1, least)
    y0, y1 = _at_least(y0, y1, least)
    width, height = x1 - x0, y1 - y0
    map_h = width_pt * height / width
    if map_h > max_h:
        map_h = max_h
        x0, x1 = _at_least(x0, x1, height * width_pt / map_h)
    elif map_h < min_h:
        map_h = min_h
        y0, y1 = _at_least(y0, y1, width * map_h / width_pt)
    x0, x1 = _onto(x0, x1, diagram.width_mm)
    y0, y1 = _onto(y0, y1, diagram.height_mm)
    return Crop(x0, y0, x1 - x0, y1 - y0), map_h


def _at_least(low: float, high: float, span: float) -> tuple[float, float]:
    if high - low >= span:
        return low, high
    middle = (low + high) / 2
    return middle - span / 2, middle + span / 2


def _onto(low: float, high: float, size: float) -> tuple[float, float]:
    """Shift [low, high] onto [0, size] where it fits; centre it where it is larger."""
    span = high - low
    if span >= size:
        middle = size / 2
        return middle - span / 2, middle + span / 2
    if low < 0:
        return 0.0, span
    if high > size:
        return size - span, size
    return low, high


def zone_label(zone: Zone, language: Language) -> str:
    return zone.label_ru if language is Language.RUSSIAN else zone.label


def diagram_title(diagram: Diagram, language: Language) -> str:
    return diagram.label_ru if language is Language.RUSSIAN else diagram.label


def technique_counts(marks: Sequence[MarkRecord]) -> dict[Technique, int]:
    """Injections per technique, in the palette's order."""
    counts: dict[Technique, int] = {}
    for technique in TECHNIQUE_COLOURS:
        total = sum(
            injection_count(m.geometry()) for m in marks if m.counted_technique is technique
        )
        if total:
            counts[technique] = total
    return counts


class InjectionMap(Flowable):
    """One diagram's panel: title, cropped map with locator and labels, technique legend."""

    def __init__(
        self,
        diagram: DiagramName,
        marks: Sequence[MarkRecord],
        wording: Wording,
        language: Language,
        width: float,
        max_map_height: float,
        min_map_height: float = 40 * mm,
        locator_height: float = 24 * mm,
    ) -> None:
        super().__init__()
        self.diagram = load_diagram(diagram)
        self.marks = [m for m in marks if m.diagram == diagram and m.photo is None]
        self.wording = wording
        self.language = language
        self.width = width
        self.locator_height = locator_height
        self.crop, self.map_height = crop_for(
            self.diagram, self.marks, width, min_map_height, max_map_height
        )
        self.scale = width / self.crop.width
        self.legend = self._legend_rows(width)
        self.height = TITLE_HEIGHT + self.map_height + 1.5 * mm + len(self.legend) * LEGEND_ROW

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    # --- geometry -------------------------------------------------------------------------

    def _page(self, p: Point | tuple[float, float]) -> tuple[float, float]:
        """Diagram mm to points inside the map box (origin at its bottom-left)."""
        x, y = p
        return (x - self.crop.x) * self.scale, self.map_height - (y - self.crop.y) * self.scale

    def _legend_rows(self, width: float) -> list[list[tuple[Technique, str]]]:
        rows: list[list[tuple[Technique, str]]] = [[]]
        used = 0.0
        for technique, count in technique_counts(self.marks).items():
            text = f"{self.wording.technique(technique)}: {count}"
            item = 4 * mm + stringWidth(text, FONT, LEGEND_PT) + 5 * mm
            if rows[-1] and used + item > width:
                rows.append([])
                used = 0.0
            rows[-1].append((technique, text))
            used += item
        return rows if rows[0] else []

    # --- drawing --------------------------------------------------------------------------

    def draw(self) -> None:
        canvas: Canvas = self.canv
        box_bottom = len(self.legend) * LEGEND_ROW + 1.5 * mm
        self._draw_title(canvas, box_bottom + self.map_height)
        canvas.saveState()
        canvas.translate(0, box_bottom)
        path = canvas.beginPath()
        path.roundRect(0, 0, self.width, self.map_height, 2 * mm)
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.drawPath(path, fill=1, stroke=1)
        canvas.saveState()
        canvas.clipPath(path, stroke=0, fill=0)
        locator = self._locator_place()
        self._draw_figure(canvas)
        self._draw_labels(canvas, [] if locator is None else [locator.box])
        if locator is not None:
            self._draw_locator(canvas, locator)
        canvas.restoreState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.roundRect(0, 0, self.width, self.map_height, 2 * mm, stroke=1, fill=0)
        canvas.restoreState()
        self._draw_legend(canvas)

    def _draw_title(self, canvas: Canvas, top: float) -> None:
        canvas.setFont(FONT_BOLD, TITLE_PT)
        canvas.setFillColor(INK)
        canvas.drawString(0, top + 1.6 * mm, diagram_title(self.diagram, self.language))

    def _transform(self, canvas: Canvas, crop: Crop, scale: float, height: float) -> None:
        """Diagram mm, y down, onto the box: y is flipped about the box's height."""
        canvas.translate(-crop.x * scale, height + crop.y * scale)
        canvas.scale(scale, -scale)

    def _draw_figure(self, canvas: Canvas) -> None:
        canvas.saveState()
        self._transform(canvas, self.crop, self.scale, self.map_height)
        draw_art(canvas, diagram_art(self.diagram.name), self.scale)
        treated = {m.zone for m in self.marks if m.zone}
        for zone in self.diagram.zones:
            is_treated = zone.name in treated
            canvas.setStrokeColor(TREATED_ZONE_LINE if is_treated else ZONE_LINE)
            canvas.setFillColor(ZONE_TINT)
            canvas.setLineWidth((0.7 if is_treated else 0.4) / self.scale)
            canvas.setDash([2.2 / self.scale, 1.6 / self.scale])
            _polygon(canvas, zone.polygon, fill=is_treated)
        canvas.setDash([])
        for mark in self.marks:
            self._draw_mark(canvas, mark)
        canvas.restoreState()

    def _draw_mark(self, canvas: Canvas, mark: MarkRecord) -> None:
        colour = colors.HexColor(TECHNIQUE_COLOURS[mark.counted_technique])
        if mark.shape is MarkShape.POINT:
            x, y = mark.points[0]
            canvas.setFillColor(colour)
            canvas.setStrokeColor(colors.white)
            canvas.setLineWidth(0.5 / self.scale)
            canvas.circle(x, y, POINT_RADIUS_PT / self.scale, stroke=1, fill=1)
        elif mark.shape is MarkShape.LINE:
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(1.6 / self.scale)
            canvas.setLineCap(1)
            canvas.setLineJoin(1)
            path = canvas.beginPath()
            path.moveTo(*mark.points[0])
            for p in mark.points[1:]:
                path.lineTo(*p)
            canvas.drawPath(path, stroke=1, fill=0)
        else:
            fill = colors.Color(colour.red, colour.green, colour.blue, alpha=0.28)
            canvas.setFillColor(fill)
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(1.1 / self.scale)
            _polygon(canvas, mark.points, fill=True)

    def _draw_labels(self, canvas: Canvas, taken: list[tuple[float, float, float, float]]) -> None:
        """Vertebral levels, injection counts and zone names, each clear of what is `taken`
        (the locator's corner) and of each other."""
        if self.diagram.vertebrae:
            self._draw_vertebrae(canvas, taken)
        for mark in self.marks:
            if mark.shape is not MarkShape.AREA:
                continue
            x, y = self._page(mark_anchor(mark.geometry()))
            text = f"×{injection_count(mark.geometry())}"
            colour = colors.HexColor(TECHNIQUE_COLOURS[mark.counted_technique])
            taken.append(_halo_text(canvas, text, x, y, FONT_BOLD, colour, centred=True))
        self._draw_zone_labels(canvas, taken)

    def _draw_vertebrae(
        self, canvas: Canvas, taken: list[tuple[float, float, float, float]]
    ) -> None:
        """The vertebral levels in a strip along the left edge, level with each process."""
        levels = [
            (v.label, self._page((self.diagram.midline_x_mm, v.y_mm + 1.5))[1])
            for v in self.diagram.vertebrae
            if self.crop.y + 2 <= v.y_mm <= self.crop.bottom - 2
        ]
        if not levels:
            return
        canvas.setFillColor(colors.Color(1, 1, 1, alpha=0.85))
        canvas.rect(0, 0, GUTTER_WIDTH, self.map_height, stroke=0, fill=1)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(GUTTER_WIDTH, 0, GUTTER_WIDTH, self.map_height)
        canvas.setFont(FONT, LABEL_PT)
        canvas.setFillColor(MUTED)
        last = math.inf
        for label, y in levels:
            if last - y < LABEL_PT * 1.15 or y < 2 or y > self.map_height - LABEL_PT:
                continue
            canvas.drawString(1.4 * mm, y - LABEL_PT * 0.35, label)
            canvas.line(GUTTER_WIDTH - 1.2 * mm, y, GUTTER_WIDTH, y)
            last = y
        taken.append((0, 0, GUTTER_WIDTH, self.map_height))

    def _draw_zone_labels(
        self, canvas: Canvas, taken: list[tuple[float, float, float, float]]
    ) -> None:
        """Each treated zone named where it reads best: inside the zone and clear of the
        injections if it can be, else beside the zone with a short leader line to it."""
        injections = [self._page(p) for m in self.marks for p in _sites(m)]
        zones = [z for z in self.diagram.zones if any(m.zone == z.name for m in self.marks)]
        for zone in zones:
            text = zone_label(zone, self.language)
            width = stringWidth(text, FONT, LABEL_PT)
            spot = self._label_spot(zone, width, injections, taken)
            if spot is None:
                continue
            x, y, anchor = spot
            if anchor is not None:
                canvas.saveState()
                canvas.setStrokeColor(MUTED)
                canvas.setLineWidth(0.5)
                edge_y = y - 2.6 if anchor[1] < y else y + LABEL_PT - 0.6
                canvas.line(x, edge_y, *anchor)
                canvas.restoreState()
            taken.append(_halo_text(canvas, text, x, y, FONT, INK, centred=True))

    def _label_spot(
        self,
        zone: Zone,
        width: float,
        injections: list[tuple[float, float]],
        taken: list[tuple[float, float, float, float]],
    ) -> tuple[float, float, tuple[float, float] | None] | None:
        """The best place for a zone's label in the map box, and the point its leader line
        goes to when the label stands outside the zone (None inside it)."""
        left_edge = GUTTER_WIDTH + 1.5 * mm if self.diagram.vertebrae else 1.5 * mm
        polygon = [self._page(p) for p in zone.polygon]
        outline = [Point(*q) for q in polygon]
        reach = 18 * mm
        near = (
            min(q[0] for q in polygon) - reach,
            min(q[1] for q in polygon) - reach,
            max(q[0] for q in polygon) + reach,
            max(q[1] for q in polygon) + reach,
        )
        edges = _edges(polygon)
        sites = sorted(injections)
        xs = [site[0] for site in sites]
        best: tuple[float, float, tuple[float, float] | None] | None = None
        best_score = -math.inf
        steps = 24
        for i in range(steps):
            for j in range(steps):
                x = self.width * (i + 0.5) / steps
                y = self.map_height * (j + 0.5) / steps
                box = (x - width / 2 - 1.5, y - 2.6, x + width / 2 + 1.5, y + LABEL_PT - 0.6)
                if box[0] < left_edge or box[2] > self.width - 1.5 * mm:
                    continue
                if box[1] < 1.5 * mm or box[3] > self.map_height - 1.5 * mm:
                    continue
                if any(_overlap(box, other) for other in taken):
                    continue
                centre = (x, y + LABEL_PT * 0.3)
                if not (near[0] <= centre[0] <= near[2] and near[1] <= centre[1] <= near[3]):
                    continue  # farther from the zone than a leader line may run
                inside = point_in_polygon(centre[0], centre[1], outline)
                clearance = _clearance(box, sites, xs, CLEARANCE_ENOUGH)
                anchor, distance = None, 0.0
                if not inside:
                    if 3 * clearance - 8 <= best_score:
                        continue  # outside, it cannot beat the best even on the outline
                    anchor = _nearest_on(edges, centre)
                    distance = math.dist(centre, anchor)
                    if distance > reach:
                        continue
                score = 3 * clearance - distance - (0 if inside else 8)
                if score > best_score:
                    best, best_score = (x, y, anchor), score
        return best

    def _locator_place(self) -> Locator | None:
        """Where the small whole figure goes: the emptiest corner; None when the map shows
        most of the figure anyway."""
        diagram = self.diagram
        if self.crop.width * self.crop.height >= 0.6 * diagram.width_mm * diagram.height_mm:
            return None
        height = min(self.locator_height, self.map_height * 0.42)
        scale = height / diagram.height_mm
        width = diagram.width_mm * scale
        pad = 1.6 * mm
        sites = [self._page(p) for m in self.marks for p in m.points]
        left_edge = GUTTER_WIDTH + pad if diagram.vertebrae else pad
        corners = [
            (self.width - width - 2 * pad - pad, self.map_height - height - 2 * pad - pad),
            (left_edge, self.map_height - height - 2 * pad - pad),
            (self.width - width - 2 * pad - pad, pad),
            (left_edge, pad),
        ]

        def crowd(corner: tuple[float, float]) -> int:
            x, y = corner
            box = (x, y, x + width + 2 * pad, y + height + 2 * pad)
            return sum(box[0] <= sx <= box[2] and box[1] <= sy <= box[3] for sx, sy in sites)

        x, y = min(corners, key=crowd)
        return Locator((x, y, x + width + 2 * pad, y + height + 2 * pad), pad, scale)

    def _draw_locator(self, canvas: Canvas, locator: Locator) -> None:
        """A small whole figure in its corner, the shown part framed on it."""
        diagram = self.diagram
        x, y, right_edge, top_edge = locator.box
        pad, scale = locator.pad, locator.scale
        width, height = right_edge - x - 2 * pad, top_edge - y - 2 * pad
        canvas.saveState()
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.roundRect(x, y, width + 2 * pad, height + 2 * pad, 1.2 * mm, stroke=1, fill=1)
        canvas.translate(x + pad, y + pad)
        canvas.saveState()
        self._transform(canvas, Crop(0, 0, diagram.width_mm, diagram.height_mm), scale, height)
        draw_art(canvas, diagram_art(diagram.name), scale, thin=True)
        canvas.restoreState()
        left, top = self.crop.x * scale, height - self.crop.y * scale
        right, bottom = self.crop.right * scale, height - self.crop.bottom * scale
        left, right = max(left, 0), min(right, width)
        bottom, top = max(bottom, 0), min(top, height)
        canvas.setStrokeColor(CROP_FRAME)
        canvas.setLineWidth(0.9)
        canvas.rect(left, bottom, right - left, top - bottom, stroke=1, fill=0)
        canvas.restoreState()

    def _draw_legend(self, canvas: Canvas) -> None:
        y = len(self.legend) * LEGEND_ROW - LEGEND_ROW + 1.2 * mm
        for row in self.legend:
            x = 0.0
            for technique, text in row:
                canvas.setFillColor(colors.HexColor(TECHNIQUE_COLOURS[technique]))
                canvas.circle(x + 1.6 * mm, y + 1.0 * mm, 1.5 * mm, stroke=0, fill=1)
                canvas.setFillColor(INK)
                canvas.setFont(FONT, LEGEND_PT)
                canvas.drawString(x + 4 * mm, y, text)
                x += 4 * mm + stringWidth(text, FONT, LEGEND_PT) + 5 * mm
            y -= LEGEND_ROW


def _sites(mark: MarkRecord) -> list[Point]:
    """Where a mark's ink is, for keeping labels off it: its points, an area's anchor too."""
    points = [Point(*p) for p in mark.points]
    if mark.shape is MarkShape.AREA:
        points.append(mark_anchor(mark.geometry()))
    return points


def _polygon(canvas: Canvas, points: Sequence[Point], fill: bool) -> None:
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    path.close()
    canvas.drawPath(path, stroke=1, fill=1 if fill else 0)


def _inside(p: tuple[float, float], polygon: Sequence[tuple[float, float]]) -> bool:
    return point_in_polygon(p[0], p[1], [Point(*q) for q in polygon])


Edge = tuple[float, float, float, float, float]
"""A polygon's side: its start x and y, its run dx and dy, and its squared length."""


def _edges(polygon: Sequence[tuple[float, float]]) -> list[Edge]:
    edges = []
    for a, b in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        dx, dy = b[0] - a[0], b[1] - a[1]
        edges.append((a[0], a[1], dx, dy, dx * dx + dy * dy))
    return edges


def _nearest_on(edges: Sequence[Edge], p: tuple[float, float]) -> tuple[float, float]:
    """The point of the polygon's outline (its `_edges`) nearest to `p`."""
    px, py = p
    best = (edges[0][0], edges[0][1])
    best_distance = math.inf
    for ax, ay, dx, dy, length2 in edges:
        t = 0.0 if length2 == 0 else ((px - ax) * dx + (py - ay) * dy) / length2
        t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
        qx, qy = ax + t * dx, ay + t * dy
        distance = (px - qx) * (px - qx) + (py - qy) * (py - qy)
        if distance < best_distance:
            best, best_distance = (qx, qy), distance
    return best


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


CLEARANCE_ENOUGH = 6.0
"""Points of clear space around a label beyond which more space does not make it read better."""


def _clearance(
    box: tuple[float, float, float, float],
    sites: Sequence[tuple[float, float]],
    xs: Sequence[float],
    enough: float,
) -> float:
    """The distance from `box` to the nearest injection site, up to `enough`; `sites` sorted
    by x with `xs` their x values, so only the sites in reach are looked at."""
    nearest = enough
    for index in range(bisect_left(xs, box[0] - enough), bisect_right(xs, box[2] + enough)):
        site = sites[index]
        if box[1] - enough <= site[1] <= box[3] + enough:
            nearest = min(nearest, _distance_to_box(site, box))
    return nearest


def _distance_to_box(p: tuple[float, float], box: tuple[float, float, float, float]) -> float:
    dx = max(box[0] - p[0], 0, p[0] - box[2])
    dy = max(box[1] - p[1], 0, p[1] - box[3])
    return math.hypot(dx, dy)


def _halo_text(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    font: str,
    colour: colors.Color,
    centred: bool,
) -> tuple[float, float, float, float]:
    """Text on a soft white plate, so it reads over the art and the marks; returns its box."""
    width = stringWidth(text, font, LABEL_PT)
    left = x - width / 2 if centred else x
    box = (left - 1.5, y - 2.6, left + width + 1.5, y + LABEL_PT - 0.6)
    canvas.saveState()
    canvas.setFillColor(colors.Color(1, 1, 1, alpha=0.82))
    canvas.roundRect(box[0], box[1], box[2] - box[0], box[3] - box[1], 1.5, stroke=0, fill=1)
    canvas.setFillColor(colour)
    canvas.setFont(font, LABEL_PT)
    canvas.drawString(left, y, text)
    canvas.restoreState()
    return box


def draw_art(canvas: Canvas, art: Art, scale: float, thin: bool = False) -> None:
    """The line art in diagram units (the canvas already transformed); strokes stay visible."""
    least = 0.25 if thin else 0.35
    for shape in art.shapes:
        paint = shape.paint
        if paint.fill is None and paint.stroke is None:
            continue
        if paint.fill is not None:
            canvas.setFillColor(colors.HexColor(paint.fill))
        if paint.stroke is not None:
            canvas.setStrokeColor(colors.HexColor(paint.stroke))
            width_pt = paint.stroke_width * scale
            if thin:
                width_pt = min(width_pt, 0.4)
            canvas.setLineWidth(max(width_pt, least) / scale)
        canvas.setDash(list(paint.dashes) if paint.dashes and not thin else [])
        stroke = 1 if paint.stroke is not None else 0
        fill = 1 if paint.fill is not None else 0
        if isinstance(shape, PathShape):
            path = canvas.beginPath()
            for segment in shape.segments:
                op = segment[0]
                args = [float(v) for v in segment[1:]]
                if op == "M":
                    path.moveTo(*args)
                elif op == "L":
                    path.lineTo(*args)
                elif op == "C":
                    path.curveTo(*args)
                else:
                    path.close()
            canvas.drawPath(path, stroke=stroke, fill=fill)
        elif isinstance(shape, EllipseShape):
            canvas.ellipse(
                shape.cx - shape.rx,
                shape.cy - shape.ry,
                shape.cx + shape.rx,
                shape.cy + shape.ry,
                stroke=stroke,
                fill=fill,
            )
        elif isinstance(shape, RectShape):
            canvas.roundRect(
                shape.x, shape.y, shape.width, shape.height, shape.radius, stroke=stroke, fill=fill
            )
    canvas.setDash([])


CLUSTER_GAP = 0.25
"""Marks farther apart than this share of the figure's height get panels of their own, so a
scalp and a hand treated at one visit are each shown large rather than both tiny."""

CLOSE_UP_MM = 350.0
"""A close-up view no larger than this each way (the hands, the scalp, the neck) is one panel
whatever its marks: it is small enough to be read whole."""


def mark_groups(marks: Sequence[MarkRecord]) -> list[tuple[DiagramName, list[MarkRecord]]]:
    """The marks by diagram (the most marked first), each diagram's marks split into groups
    lying far apart on the figure, top to bottom."""
    groups: list[tuple[DiagramName, list[MarkRecord]]] = []
    for name in diagrams_by_use(list(marks)):
        diagram = load_diagram(name)
        close_up = max(diagram.width_mm, diagram.height_mm) <= CLOSE_UP_MM
        gap = math.inf if close_up else CLUSTER_GAP * diagram.height_mm
        clusters: list[list[MarkRecord]] = []
        for mark in (m for m in marks if m.diagram == name and m.photo is None):
            near = [c for c in clusters if any(_box_gap(mark, other) <= gap for other in c)]
            merged = [mark] + [m for c in near for m in c]
            clusters = [c for c in clusters if c not in near] + [merged]
        clusters.sort(key=lambda c: min(p.y for m in c for p in m.points))
        groups += [(name, cluster) for cluster in clusters]
    return groups


def _box_gap(a: MarkRecord, b: MarkRecord) -> float:
    ax = [p[0] for p in a.points]
    ay = [p[1] for p in a.points]
    bx = [p[0] for p in b.points]
    by = [p[1] for p in b.points]
    dx = max(min(bx) - max(ax), min(ax) - max(bx), 0.0)
    dy = max(min(by) - max(ay), min(ay) - max(by), 0.0)
    return math.hypot(dx, dy)


def map_panels(
    marks: Sequence[MarkRecord],
    wording: Wording,
    language: Language,
    width: float,
    max_map_height: float,
    min_map_height: float = 40 * mm,
    locator_height: float = 24 * mm,
) -> list[InjectionMap]:
    """One panel per group of marks (see `mark_groups`): each diagram, the most marked first."""
    return [
        InjectionMap(
            name, group, wording, language, width, max_map_height, min_map_height, locator_height
        )
        for name, group in mark_groups(marks)
    ]
