"""The views beyond the first four: a woman's face, the face turned and in profile, the neck and
décolleté, the hands and the scalp. Each is checked as a practitioner uses it: its zones lie
on the drawing and leave no gaps where they meet, are named in both languages by the
patient's side, lead to the treated areas and depth limits of what they show, and count marks."""

from __future__ import annotations

import math
from decimal import Decimal
from functools import cache

import pytest

from mesodesk.documents.svg_art import PathShape, diagram_art
from mesodesk.domain.chart import mark_areas
from mesodesk.domain.diagram import (
    DiagramName,
    Facing,
    MarkGeometry,
    MarkShape,
    Point,
    diagram_titles,
    load_diagram,
    mark_zone_shares,
    point_in_polygon,
    zone_at,
    zone_totals,
)
from mesodesk.domain.diagram.geometry import distance_to_boundary, interior_point
from mesodesk.domain.mark_records import (
    DIAGRAM_AREA,
    FACE_VIEWS,
    MarkRecord,
    default_diagram,
    front_face,
    mark_area,
    mark_depth_findings,
)
from mesodesk.domain.vocabulary import Area, Sex, Technique

NEW_VIEWS = list(DiagramName)[4:]
TURNED = [
    (DiagramName.PROFILE_LEFT, DiagramName.PROFILE_RIGHT),
    (DiagramName.FACE_3Q_LEFT, DiagramName.FACE_3Q_RIGHT),
]
SKIN_AND_HAIR = {"#f4f5f6", "#e8eaed"}


@cache
def figure(name: DiagramName) -> tuple[tuple[Point, ...], ...]:
    """The filled outlines of the drawing (skin and hair), flattened to polygons."""
    polygons = []
    for shape in diagram_art(name).shapes:
        if not isinstance(shape, PathShape) or shape.paint.fill not in SKIN_AND_HAIR:
            continue
        points: list[Point] = []
        for segment in shape.segments:
            op, *args = segment
            values = [float(v) for v in args]
            if op in ("M", "L"):
                points.append(Point(*values))
            elif op == "C":
                (x0, y0), (x1, y1, x2, y2, x3, y3) = points[-1], values
                for i in range(1, 9):
                    t = i / 8
                    u = 1 - t
                    points.append(
                        Point(
                            u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                            u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
                        )
                    )
        polygons.append(tuple(points))
    return tuple(polygons)


def on_figure(name: DiagramName, p: Point) -> bool:
    return any(point_in_polygon(p.x, p.y, list(polygon)) for polygon in figure(name))


def inner_points(polygon: tuple[Point, ...], count: int = 12) -> list[Point]:
    """A grid over the zone, kept where it is more than 0.6 mm inside the zone's edge."""
    xs, ys = [p.x for p in polygon], [p.y for p in polygon]
    step = max(max(xs) - min(xs), max(ys) - min(ys)) / count
    found = []
    for i in range(count + 1):
        for j in range(count + 1):
            p = Point(min(xs) + i * step, min(ys) + j * step)
            if point_in_polygon(p.x, p.y, list(polygon)) and distance_to_boundary(p, polygon) > 0.6:
                found.append(p)
    return found


def square_mark(diagram: DiagramName, centre: Point, side: float = 6.0) -> MarkGeometry:
    x, y, h = centre.x, centre.y, side / 2
    corners = (Point(x - h, y - h), Point(x + h, y - h), Point(x + h, y + h), Point(x - h, y + h))
    return MarkGeometry(MarkShape.AREA, diagram, corners, Technique.NAPPAGE_MIDDLE, Decimal("0.02"))


# --- the views and their names ---------------------------------------------------------------


def test_the_first_four_views_keep_their_stored_names_and_order() -> None:
    assert [n.value for n in list(DiagramName)[:4]] == ["back", "face", "body_front", "body_back"]


def test_every_view_name_fits_the_marks_diagram_column() -> None:
    assert all(len(name.value) <= 16 for name in DiagramName)


def test_the_issue_lists_every_new_view() -> None:
    assert {n.value for n in NEW_VIEWS} == {
        "face_female", "neck_decollete", "scalp", "hands",
        "face_3q_left", "face_3q_right", "profile_left", "profile_right",
    }  # fmt: skip


@pytest.mark.parametrize("name", NEW_VIEWS)
def test_each_new_view_has_a_title_in_both_languages_of_its_own(name: DiagramName) -> None:
    diagram = load_diagram(name)
    titles = [load_diagram(n).label for n in DiagramName]
    titles_ru = [load_diagram(n).label_ru for n in DiagramName]
    assert titles.count(diagram.label) == 1 and titles_ru.count(diagram.label_ru) == 1
    assert any("а" <= ch.lower() <= "я" for ch in diagram.label_ru)


def test_the_two_front_faces_say_whose_face_they_are() -> None:
    assert "(male)" in load_diagram(DiagramName.FACE).label
    assert "(female)" in load_diagram(DiagramName.FACE_FEMALE).label
    assert "мужской" in load_diagram(DiagramName.FACE).label_ru
    assert "женский" in load_diagram(DiagramName.FACE_FEMALE).label_ru


# --- zones lie on the drawing, meet without gaps, and are named ------------------------------


@pytest.mark.parametrize("name", list(DiagramName))
def test_every_zone_lies_on_the_drawing(name: DiagramName) -> None:
    diagram = load_diagram(name)
    for zone in diagram.zones:
        assert on_figure(name, zone.label_point), zone.name
        off = [p for p in inner_points(zone.polygon) if not on_figure(name, p)]
        assert off == [], (zone.name, off[:3])


@pytest.mark.parametrize(
    ("name", "start", "end", "expected"),
    [
        (
            DiagramName.FACE_FEMALE, (150.3, 57), (150.3, 414),
            ["forehead", "glabella", "nose", "perioral", "lips", "chin", "neck", "decollete"],
        ),
        (DiagramName.FACE_FEMALE, (88.5, 160.3), (212.5, 160.3),
         ["cheek_right", "nose", "cheek_left"]),
        (DiagramName.PROFILE_LEFT, (130.5, 94), (130.5, 419),
         ["temple_left", "cheek_left", "jawline_left", "neck", "decollete"]),
        (DiagramName.PROFILE_LEFT, (68.5, 190.3), (199.5, 190.3),
         ["lips", "perioral", "nasolabial_left", "cheek_left", "jawline_left", "neck"]),
        (DiagramName.PROFILE_RIGHT, (169.5, 94), (169.5, 419),
         ["temple_right", "cheek_right", "jawline_right", "neck", "decollete"]),
        (DiagramName.FACE_3Q_LEFT, (64.5, 121.3), (183.5, 121.3),
         ["periorbital_right", "nose", "periorbital_left", "temple_left"]),
        (DiagramName.FACE_3Q_LEFT, (62.5, 150.3), (193.5, 150.3),
         ["cheek_right", "nose", "cheek_left"]),
        (DiagramName.FACE_3Q_RIGHT, (237.5, 150.3), (106.5, 150.3),
         ["cheek_left", "nose", "cheek_right"]),
        (DiagramName.FACE_3Q_LEFT, (100.5, 54), (100.5, 414),
         ["forehead", "periorbital_left", "cheek_left", "nose", "nasolabial_left", "perioral",
          "lips", "chin", "neck", "decollete"]),
        (DiagramName.NECK_DECOLLETE, (170.3, 0), (170.3, 274),
         ["perioral", "lips", "chin", "submental", "neck_front", "decollete_left"]),
        (DiagramName.NECK_DECOLLETE, (113.5, 100.3), (226.5, 100.3),
         ["neck_side_right", "neck_front", "neck_side_left"]),
        (DiagramName.HANDS, (80.5, 27.5), (80.5, 198.5),
         ["fingers_left", "hand_back_left"]),
        (DiagramName.HANDS, (239.5, 27.5), (239.5, 198.5),
         ["fingers_right", "hand_back_right"]),
        (DiagramName.SCALP, (110.3, 41.5), (110.3, 227.5),
         ["frontal", "parietal", "vertex", "occipital"]),
        (DiagramName.SCALP, (35.5, 110.3), (185.5, 110.3),
         ["temporal_left", "parietal", "temporal_right"]),
    ],
)  # fmt: skip
def test_zones_leave_no_gap_along_a_line_across_the_view(
    name: DiagramName,
    start: tuple[float, float],
    end: tuple[float, float],
    expected: list[str],
) -> None:
    diagram = load_diagram(name)
    steps = int(math.dist(start, end))
    found = [
        zone_at(
            diagram,
            start[0] + (end[0] - start[0]) * i / steps,
            start[1] + (end[1] - start[1]) * i / steps,
        )
        for i in range(steps + 1)
    ]
    assert None not in found
    assert [z for z in dict.fromkeys(found) if z is not None] == expected


@pytest.mark.parametrize("name", NEW_VIEWS)
def test_sided_zones_are_named_by_the_patients_side_in_both_languages(name: DiagramName) -> None:
    for zone in load_diagram(name).zones:
        for side, russian in (("left", "лев"), ("right", "прав")):
            if zone.name.endswith(f"_{side}"):
                assert side in zone.label.lower(), zone.name
                assert russian in zone.label_ru.lower(), zone.name
        if not zone.name.endswith(("_left", "_right")):
            assert "left" not in zone.label.lower() and "right" not in zone.label.lower()


def test_each_view_draws_the_patients_sides_where_they_are() -> None:
    def x(name: DiagramName, zone: str) -> float:
        return load_diagram(name).zone(zone).label_point.x

    female = load_diagram(DiagramName.FACE_FEMALE)
    assert x(DiagramName.FACE_FEMALE, "cheek_right") < female.midline_x_mm
    for name in (DiagramName.HANDS, DiagramName.SCALP):
        assert load_diagram(name).facing.patients_left_on_viewers_left
    assert x(DiagramName.HANDS, "hand_back_left") < x(DiagramName.HANDS, "hand_back_right")
    assert x(DiagramName.SCALP, "temporal_left") < x(DiagramName.SCALP, "temporal_right")
    assert x(DiagramName.NECK_DECOLLETE, "neck_side_right") < 170
    # a left profile shows the left side, the face toward the viewer's left
    assert x(DiagramName.PROFILE_LEFT, "nose") < x(DiagramName.PROFILE_LEFT, "ear_lobe_left")
    assert x(DiagramName.PROFILE_RIGHT, "nose") > x(DiagramName.PROFILE_RIGHT, "ear_lobe_right")
    assert load_diagram(DiagramName.PROFILE_LEFT).facing is Facing.LEFT
    # turned to show the left side: the left cheek faces the viewer, the right one is narrow
    turned = load_diagram(DiagramName.FACE_3Q_LEFT)
    assert turned.facing is Facing.FRONT_LEFT
    near, far = turned.zone("cheek_left"), turned.zone("cheek_right")
    assert near.bounds[2] - near.bounds[0] > 4 * (far.bounds[2] - far.bounds[0])


@pytest.mark.parametrize(("left", "right"), TURNED)
def test_a_right_view_is_the_left_view_mirrored_with_its_sides_swapped(
    left: DiagramName, right: DiagramName
) -> None:
    one, other = load_diagram(left), load_diagram(right)
    swap = {"left": "right", "right": "left"}

    def mirrored_name(zone: str) -> str:
        head, _, side = zone.rpartition("_")
        return f"{head}_{swap[side]}" if side in swap else zone

    assert sorted(mirrored_name(z.name) for z in one.zones) == sorted(z.name for z in other.zones)
    for zone in one.zones:
        twin = other.zone(mirrored_name(zone.name))
        assert len(twin.polygon) == len(zone.polygon)
        for p, q in zip(zone.polygon, twin.polygon, strict=True):
            assert p.x == pytest.approx(other.width_mm - q.x, abs=0.02)
            assert p.y == pytest.approx(q.y, abs=0.02)


# --- what the zones lead to: treated areas, depth limits ---------------------------------------


def test_the_womans_face_has_the_same_zones_as_the_mans() -> None:
    man, woman = load_diagram(DiagramName.FACE), load_diagram(DiagramName.FACE_FEMALE)
    assert [(z.name, z.label, z.label_ru, z.area) for z in man.zones] == [
        (z.name, z.label, z.label_ru, z.area) for z in woman.zones
    ]


@pytest.mark.parametrize("name", NEW_VIEWS)
def test_a_zone_named_as_on_the_face_chart_leads_to_the_same_treated_area(
    name: DiagramName,
) -> None:
    face = {z.name: z for z in load_diagram(DiagramName.FACE).zones}
    for zone in load_diagram(name).zones:
        if zone.name in face:
            assert zone.area is face[zone.name].area, zone.name
            assert (zone.label, zone.label_ru) == (face[zone.name].label, face[zone.name].label_ru)


def test_the_close_up_views_lead_to_their_own_areas() -> None:
    neck = {z.name: z.area for z in load_diagram(DiagramName.NECK_DECOLLETE).zones}
    for code in ("submental", "neck_front", "neck_side_left", "neck_side_right"):
        assert neck[code] is Area.NECK
    assert neck["decollete_left"] is neck["decollete_right"] is Area.DECOLLETE
    assert {z.area for z in load_diagram(DiagramName.HANDS).zones} == {Area.HANDS}
    assert {z.area for z in load_diagram(DiagramName.SCALP).zones} == {Area.SCALP}
    for name in FACE_VIEWS:
        areas = {z.name: z.area for z in load_diagram(name).zones}
        assert areas["neck"] is Area.NECK and areas["decollete"] is Area.DECOLLETE
        assert areas["lips"] is Area.LIPS and areas["nose"] is Area.NOSE_NASOLABIAL


def test_every_view_has_an_area_for_marks_outside_its_zones() -> None:
    assert set(DIAGRAM_AREA) == set(DiagramName)
    assert mark_area(DiagramName.HANDS, None) is Area.HANDS
    assert mark_area(DiagramName.SCALP, None) is Area.SCALP
    assert mark_area(DiagramName.NECK_DECOLLETE, None) is Area.NECK
    assert mark_area(DiagramName.PROFILE_RIGHT, None) is Area.FACE


@pytest.mark.parametrize(
    ("name", "zone", "depth", "subject"),
    [
        (DiagramName.NECK_DECOLLETE, "neck_front", "5", "neck"),
        (DiagramName.NECK_DECOLLETE, "decollete_left", "5", "decollete"),
        (DiagramName.PROFILE_LEFT, "neck", "5", "neck"),
        (DiagramName.FACE_3Q_RIGHT, "cheek_right", "5", "face"),
        (DiagramName.FACE_FEMALE, "periorbital_left", "5", "eyes"),
        (DiagramName.HANDS, "hand_back_right", "3", "hands"),
        (DiagramName.SCALP, "vertex", "5", "scalp"),
    ],
)
def test_a_mark_too_deep_on_a_new_view_is_held_to_its_areas_limit(
    name: DiagramName, zone: str, depth: str, subject: str
) -> None:
    point = load_diagram(name).zone(zone).label_point
    mark = MarkRecord(
        None, 1, name, MarkShape.POINT, (point,), Technique.PAPULAR, Decimal(depth), zone=zone
    )
    findings = mark_depth_findings(mark)
    assert [f.key for f in findings if f.code == "depth"] == [f"depth:{subject}"]


# --- marks on every view: zone, shares, totals, the chart's areas ----------------------------


@pytest.mark.parametrize("name", NEW_VIEWS)
def test_every_zone_of_a_view_gets_its_marks_counted(name: DiagramName) -> None:
    diagram = load_diagram(name)
    marks = [square_mark(name, zone.label_point, 2.0) for zone in diagram.zones]
    totals = {t.zone: t for t in zone_totals(marks)}
    for zone, mark in zip(diagram.zones, marks, strict=True):
        assert mark_zone_shares(mark)[0].zone == zone.name
        assert totals[zone.name].injections > 0, zone.name
        record = MarkRecord(None, 1, name, MarkShape.AREA, mark.points, zone=zone.name)
        assert mark_areas(record) == (zone.area,)


@pytest.mark.parametrize(
    ("name", "a", "b"),
    [
        (DiagramName.NECK_DECOLLETE, "neck_front", "decollete_left"),
        (DiagramName.PROFILE_LEFT, "cheek_left", "jawline_left"),
        (DiagramName.HANDS, "fingers_left", "hand_back_left"),
        (DiagramName.SCALP, "parietal", "vertex"),
    ],
)
def test_a_line_across_two_zones_counts_in_both_by_its_length(
    name: DiagramName, a: str, b: str
) -> None:
    diagram = load_diagram(name)
    start, end = diagram.zone(a).label_point, diagram.zone(b).label_point
    line = MarkGeometry(MarkShape.LINE, name, (start, end), Technique.LINEAR, Decimal("0.1"))
    shares = {s.zone: s.share for s in mark_zone_shares(line)}
    assert a in shares and b in shares
    assert sum(shares.values()) == pytest.approx(1.0)


# --- which view a visit opens on ----------------------------------------------------------------


def test_a_womans_new_visit_opens_on_the_womans_face() -> None:
    assert default_diagram([], [Area.FACE], Sex.FEMALE) is DiagramName.FACE_FEMALE
    assert default_diagram([], [], Sex.FEMALE) is DiagramName.FACE_FEMALE
    assert front_face(Sex.FEMALE) is DiagramName.FACE_FEMALE


@pytest.mark.parametrize("sex", [Sex.MALE, Sex.UNSPECIFIED, None])
def test_anyone_else_opens_on_the_face_as_before(sex: Sex | None) -> None:
    assert default_diagram([], [Area.FACE], sex) is DiagramName.FACE


def test_charted_marks_and_the_vascular_scheme_still_decide_first() -> None:
    point = load_diagram(DiagramName.FACE).zone("chin").label_point
    on_mans_face = MarkRecord(None, 1, DiagramName.FACE, MarkShape.POINT, (point,))
    assert default_diagram([on_mans_face], [], Sex.FEMALE) is DiagramName.FACE
    assert default_diagram([], [Area.VASCULAR, Area.FACE], Sex.FEMALE) is DiagramName.BACK


def test_a_visit_whose_areas_one_view_shows_opens_on_that_view() -> None:
    assert default_diagram([], [Area.SCALP], Sex.FEMALE) is DiagramName.SCALP
    assert default_diagram([], [Area.HANDS], Sex.MALE) is DiagramName.HANDS
    assert default_diagram([], [Area.HANDS, Area.FACE], Sex.FEMALE) is DiagramName.FACE_FEMALE
    assert (
        default_diagram([], [Area.NECK, Area.DECOLLETE], Sex.FEMALE) is DiagramName.NECK_DECOLLETE
    )
    assert default_diagram([], [Area.STOMACH], Sex.FEMALE) is DiagramName.BODY_FRONT
    assert default_diagram([], [Area.HIPS_BUTTOCKS], Sex.FEMALE) is DiagramName.BODY_BACK
    assert default_diagram([], [Area.LEGS, Area.HIPS_BUTTOCKS], Sex.MALE) is DiagramName.BODY_FRONT
    assert default_diagram([], [Area.STOMACH, Area.FACE], Sex.MALE) is DiagramName.FACE


@pytest.mark.parametrize("name", list(DiagramName))
def test_each_shipped_label_point_is_the_one_the_app_would_work_out(name: DiagramName) -> None:
    for zone in load_diagram(name).zones:
        assert zone.label_point == interior_point(zone.polygon), zone.name


def test_a_diagrams_titles_are_read_without_its_geometry() -> None:
    """The diagram picker names all twelve; only the charts a visit shows are parsed whole."""
    load_diagram.cache_clear()
    diagram_titles.cache_clear()
    titles = {name: diagram_titles(name) for name in DiagramName}
    assert load_diagram.cache_info().currsize == 0
    for name, (english, russian) in titles.items():
        loaded = load_diagram(name)
        assert (english, russian) == (loaded.label, loaded.label_ru)
        assert english and russian and english != russian
