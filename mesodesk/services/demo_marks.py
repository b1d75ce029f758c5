"""Demo charts: where and how a demo course injects, drawn as a practitioner would chart it.

A course is charted the same way at every session, so its chart is a template (the app's own
`TemplateMark`) applied to each visit with the cocktail injected. Each technique keeps to a
depth and a needle that every depth rule accepts (the area's limit, the technique's range, the
needle's length), and a volume per injection chosen so the session's total is what such a
session usually takes: 1-5 ml on the face, 3-7 ml for the vascular scheme, a few ml on the body.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from mesodesk.domain.chart import TemplateMark, marks_for_visit
from mesodesk.domain.diagram import (
    DiagramName,
    MarkGeometry,
    MarkShape,
    Point,
    injection_count,
    injection_points,
    load_diagram,
)
from mesodesk.domain.diagram.spine import vascular_spine_scheme
from mesodesk.domain.mark_records import MarkRecord, front_face
from mesodesk.domain.vocabulary import Area, Sex, Technique


@dataclass(frozen=True, slots=True)
class Way:
    """How a technique is charted in the demo: the depth, the needle and the usual volumes."""

    depth_mm: Decimal
    gauge: str
    needle_mm: int
    volumes_ml: tuple[Decimal, ...]
    site_spacing_mm: float | None = None
    """Charted as single points this far apart (pinpoint, papules) rather than as areas."""

    def needle(self, russian: bool) -> str:
        """The needle as the chart names it, "32G 4 mm" (in Russian "32G 4 мм")."""
        return f"{self.gauge} {self.needle_mm} {'мм' if russian else 'mm'}"


def _ml(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(value) for value in values)


WAYS: dict[Technique, Way] = {
    Technique.NAPPAGE_SUPERFICIAL: Way(Decimal("1.5"), "32G", 4, _ml("0.01", "0.015", "0.02")),
    Technique.NAPPAGE_MIDDLE: Way(Decimal("2.5"), "32G", 4, _ml("0.01", "0.015", "0.02")),
    Technique.PAPULAR: Way(Decimal("1.5"), "30G", 4, _ml("0.02", "0.03", "0.05"), 10.0),
    Technique.PINPOINT: Way(Decimal(4), "32G", 4, _ml("0.05", "0.07", "0.1"), 15.0),
    Technique.INFILTRATION: Way(Decimal(6), "30G", 13, _ml("0.1", "0.2", "0.25", "0.3")),
}
"""Superficial nappage 1.5 mm and papular 1.5 mm sit inside their 1-2 mm bands, middle nappage
2.5 mm inside 2-3 mm; pinpoint 4 mm
(the texts' depth, and the face's limit) with a 4 mm needle, which the vascular scheme's 10 mm
allows too; infiltration 6 mm with a 13 mm needle, well inside the body's 13 mm. Pinpoint and
papules are charted as single points, the spacing apart; nappage and infiltration as areas."""

TECHNIQUES: dict[str, tuple[Technique, ...]] = {
    "face": (Technique.NAPPAGE_SUPERFICIAL, Technique.PAPULAR, Technique.PINPOINT),
    "body": (Technique.INFILTRATION, Technique.PINPOINT),
    "vascular": (Technique.PINPOINT,),
}
"""The techniques a demo course of each region uses: the vascular scheme is pinpoint."""

SESSION_ML: dict[str, tuple[Decimal, Decimal]] = {
    "face": (Decimal(1), Decimal(5)),
    "body": (Decimal(2), Decimal(9)),
    "vascular": (Decimal(3), Decimal(7)),
}
"""What one session usually takes in all, per region: the demo keeps every chart inside."""

_FACE_PATCHES: tuple[tuple[str, float, float], ...] = (
    ("forehead", 64, 28),
    ("cheek_left", 20, 32),
    ("cheek_right", 20, 32),
)
_FACE_EXTRA_PATCHES: tuple[tuple[str, float, float], ...] = (("chin", 34, 26), ("neck", 44, 24))
_BODY_PATCHES: dict[Area, tuple[tuple[str, float, float], ...]] = {
    Area.STOMACH: (("abdomen", 130, 110),),
    Area.HIPS_BUTTOCKS: (("thigh_left", 100, 130), ("thigh_right", 100, 130)),
}
"""Patches around each zone's label point, small enough to lie wholly inside the zone."""

_FACE_ZONES: tuple[str, ...] = ("forehead", "cheek_left", "cheek_right")
_FACE_EXTRA_ZONES: tuple[tuple[str, ...], ...] = (
    ("temple_left", "temple_right"),
    ("chin",),
    ("jawline_left", "jawline_right"),
)
"""Whole zones where single injections (pinpoint, papules) are spread over the face."""


def demo_marks(
    visit_id: int,
    area: Area,
    technique: Technique,
    cocktail_id: int | None,
    rnd: random.Random,
    russian: bool = False,
    sex: Sex | None = None,
) -> list[MarkRecord]:
    """One demo session's marks for a visit, injected with the cocktail (see `course_chart`)."""
    chart = course_chart(area, technique, rnd, russian, sex)
    return marks_for_visit(chart, visit_id, cocktail_id)


def course_chart(
    area: Area,
    technique: Technique,
    rnd: random.Random,
    russian: bool = False,
    sex: Sex | None = None,
) -> tuple[TemplateMark, ...]:
    """The marks one session of a course charts, with a volume per injection that keeps the
    session's total usual for the region; the needle is written in Russian for a patient
    whose documents are in Russian, and a face is charted on the face the window shows for
    the patient's sex (a woman's for women)."""
    way = WAYS[technique]
    shapes: list[tuple[Point, ...]]
    if area is Area.VASCULAR:
        diagram = DiagramName.BACK
        shapes = [(p.point,) for p in vascular_spine_scheme("C3", rnd.choice(("T4", "T6")))]
    elif area.region == "face":
        diagram = front_face(sex)
        if way.site_spacing_mm is None:
            extra = rnd.sample(_FACE_EXTRA_PATCHES, rnd.randint(0, 2))
            shapes = _patches(diagram, [*_FACE_PATCHES, *extra], rnd)
        else:
            chart = load_diagram(diagram)
            extra_zones = rnd.sample(_FACE_EXTRA_ZONES, rnd.randint(0, 2))
            zones = [*_FACE_ZONES, *(zone for group in extra_zones for zone in group)]
            outlines = [chart.zone(zone).polygon for zone in zones]
            shapes = _sites(diagram, outlines, way.site_spacing_mm)
    else:
        diagram = DiagramName.BODY_FRONT
        shapes = _patches(diagram, _BODY_PATCHES.get(area, _BODY_PATCHES[Area.STOMACH]), rnd)
        if way.site_spacing_mm is not None:
            shapes = _sites(diagram, shapes, way.site_spacing_mm)
    shape = MarkShape.AREA if len(shapes[0]) > 1 else MarkShape.POINT
    volume = _volume(diagram, shape, shapes, technique, way, area.region, rnd)
    return tuple(
        TemplateMark(
            diagram=diagram,
            shape=shape,
            points=points,
            technique=technique,
            depth_mm=way.depth_mm,
            volume_ml=volume,
            needle=way.needle(russian),
        )
        for points in shapes
    )


def _patches(
    diagram: DiagramName, patches: Sequence[tuple[str, float, float]], rnd: random.Random
) -> list[tuple[Point, ...]]:
    """A rectangle around each zone's label point, all a little smaller from course to course
    by the same factor, so both sides match (never larger than the sizes given, which fit
    inside their zones)."""
    chart = load_diagram(diagram)
    scale = rnd.uniform(0.8, 1.0)
    result: list[tuple[Point, ...]] = []
    for zone, width, height in patches:
        centre = chart.zone(zone).label_point
        half_w, half_h = width * scale / 2, height * scale / 2
        result.append(
            (
                Point(centre.x - half_w, centre.y - half_h),
                Point(centre.x + half_w, centre.y - half_h),
                Point(centre.x + half_w, centre.y + half_h),
                Point(centre.x - half_w, centre.y + half_h),
            )
        )
    return result


def _sites(
    diagram: DiagramName, outlines: Sequence[Sequence[Point]], spacing_mm: float
) -> list[tuple[Point, ...]]:
    """Injection sites `spacing_mm` apart inside each outline, one point mark each: how
    single injections are charted."""
    return [
        (site,)
        for outline in outlines
        for site in injection_points(
            MarkGeometry(MarkShape.AREA, diagram, tuple(outline), Technique.PINPOINT, Decimal(0)),
            spacing_mm,
        )
    ]


def _volume(
    diagram: DiagramName,
    shape: MarkShape,
    shapes: Sequence[tuple[Point, ...]],
    technique: Technique,
    way: Way,
    region: str,
    rnd: random.Random,
) -> Decimal:
    """One of the technique's usual volumes per injection that keeps the session's total
    inside the region's usual range (the patches are sized so that one always does)."""
    injections = sum(
        injection_count(MarkGeometry(shape, diagram, points, technique, Decimal(0)))
        for points in shapes
    )
    low, high = SESSION_ML[region]
    return rnd.choice([v for v in way.volumes_ml if low <= v * injections <= high])
