"""A line or an area counts in every zone it crosses, by its share of length or surface.

The hand-computed cases use the straight edges of the back diagram around C7-T1: the cervical
zone ends at y = 290 (thoracic below it) between x = 189 and 311, and left of x = 189 lies the
left shoulder from above C7 down to y = 320.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from itertools import pairwise

import pytest

from mesodesk.domain.diagram import (
    DiagramName,
    MarkGeometry,
    MarkShape,
    Point,
    ZoneShare,
    ZoneTotal,
    injection_count,
    load_diagram,
    mark_volume_ml,
    mark_zone,
    mark_zone_shares,
    mark_zone_totals,
    point_in_polygon,
    zone_at,
    zone_totals,
)
from mesodesk.domain.vocabulary import Technique

BACK = load_diagram(DiagramName.BACK)
FACE = load_diagram(DiagramName.FACE)


def mark(
    shape: MarkShape,
    points: tuple[tuple[float, float], ...],
    technique: Technique = Technique.PINPOINT,
    volume: str = "0.1",
    diagram: DiagramName = DiagramName.BACK,
) -> MarkGeometry:
    return MarkGeometry(
        shape, diagram, tuple(Point(*p) for p in points), technique, Decimal(volume)
    )


def square(x: float, y: float, side: float) -> tuple[tuple[float, float], ...]:
    return ((x, y), (x + side, y), (x + side, y + side), (x, y + side))


def test_the_hand_computed_cases_rest_on_straight_zone_edges() -> None:
    assert zone_at(BACK, 250, 289.9) == "cervical"
    assert zone_at(BACK, 250, 290) == "thoracic"
    assert zone_at(BACK, 188.9, 280) == zone_at(BACK, 188.9, 310) == "shoulder_left"
    assert zone_at(BACK, 179, 280) == zone_at(BACK, 179, 310) == "shoulder_left"


def test_a_point_lies_wholly_in_its_zone_or_outside_them_all() -> None:
    thoracic = BACK.zone("thoracic").label_point
    assert mark_zone_shares(mark(MarkShape.POINT, (thoracic,))) == [ZoneShare("thoracic", 1.0)]
    assert mark_zone_shares(mark(MarkShape.POINT, ((2, 2),))) == [ZoneShare(None, 1.0)]


def test_a_line_across_a_zone_edge_is_split_by_length() -> None:
    half = mark(MarkShape.LINE, ((250, 270), (250, 310)))
    assert mark_zone_shares(half) == [ZoneShare("cervical", 0.5), ZoneShare("thoracic", 0.5)]
    bent = mark(MarkShape.LINE, ((250, 280), (250, 300), (270, 300)))
    assert mark_zone_shares(bent) == [ZoneShare("cervical", 0.25), ZoneShare("thoracic", 0.75)]


def test_a_line_down_the_nasolabial_fold_counts_mostly_as_the_fold() -> None:
    fold = mark(
        MarkShape.LINE,
        ((131, 166), (124, 180), (116, 194)),
        Technique.LINEAR,
        diagram=DiagramName.FACE,
    )
    assert zone_at(FACE, 131, 166) == "nose"
    shares = mark_zone_shares(fold)
    assert [s.zone for s in shares] == ["nose", "nasolabial_right"]
    assert shares[1].share > 0.8
    assert mark_zone(fold) == "nasolabial_right"


def test_a_line_split_agrees_with_walking_it_in_tiny_steps() -> None:
    path = ((60.0, 150.0), (150.0, 160.3), (240.0, 200.0), (150.0, 330.0))
    line = mark(MarkShape.LINE, path, diagram=DiagramName.FACE)
    walked: dict[str | None, float] = {}
    for a, b in pairwise(path):
        steps = int(math.dist(a, b) / 0.01)
        for i in range(steps):
            t = (i + 0.5) / steps
            where = zone_at(FACE, a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
            walked[where] = walked.get(where, 0.0) + math.dist(a, b) / steps
    total = sum(walked.values())
    shares = mark_zone_shares(line)
    assert len(shares) > 5
    for share in shares:
        assert share.share == pytest.approx(walked[share.zone] / total, abs=1e-3)


def test_a_square_half_in_one_zone_is_split_in_halves() -> None:
    straddling = mark(MarkShape.AREA, square(240, 280, 20), Technique.NAPPAGE_MIDDLE)
    assert mark_zone_shares(straddling) == [
        ZoneShare("cervical", 0.5),
        ZoneShare("thoracic", 0.5),
    ]


def test_an_l_shape_over_three_zones_is_split_by_surface() -> None:
    ell = mark(
        MarkShape.AREA,
        ((179, 280), (199, 280), (199, 300), (219, 300), (219, 310), (179, 310)),
        Technique.NAPPAGE_MIDDLE,
    )
    # 800 mm²: shoulder 10 x 30, cervical 10 x 10, thoracic 10 x 20 + 20 x 10.
    shares = mark_zone_shares(ell)
    assert [s.zone for s in shares] == ["cervical", "shoulder_left", "thoracic"]
    assert [s.share for s in shares] == pytest.approx([100 / 800, 300 / 800, 400 / 800])
    assert mark_zone(ell) == "thoracic"


def test_a_triangle_whose_slope_crosses_a_zone_edge_is_split_by_surface() -> None:
    triangle = mark(MarkShape.AREA, ((179, 295), (199, 315), (179, 315)), Technique.PAPULAR)
    # 200 mm²; right of x = 189 the corner (189, 305), (199, 315), (189, 315): 50 mm².
    assert mark_zone_shares(triangle) == [
        ZoneShare("shoulder_left", 0.75),
        ZoneShare("thoracic", 0.25),
    ]


def test_an_area_wholly_inside_one_zone_has_a_share_of_exactly_one() -> None:
    inside = mark(MarkShape.AREA, square(230, 400, 30), Technique.NAPPAGE_MIDDLE)
    assert mark_zone_shares(inside) == [ZoneShare("thoracic", 1.0)]
    # Its bounds take in the sacral triangle's straight left edge, the outline stays clear of it.
    beside_the_sacrum = mark(
        MarkShape.AREA, ((180, 750), (210, 780), (180, 800)), Technique.NAPPAGE_MIDDLE
    )
    assert mark_zone_shares(beside_the_sacrum) == [ZoneShare("buttock_left", 1.0)]
    concave = mark(
        MarkShape.AREA,
        ((200, 300), (300, 300), (300, 340), (280, 340), (280, 310), (220, 310), (220, 340),
         (200, 340)),
        Technique.NAPPAGE_MIDDLE,
    )  # fmt: skip
    assert mark_zone_shares(concave) == [ZoneShare("thoracic", 1.0)]


def test_an_area_split_agrees_with_a_fine_sampling_for_a_concave_mark_on_curved_zones() -> None:
    horseshoe = (
        (100, 130), (200, 130), (200, 230), (170, 230), (170, 160), (130, 160), (130, 230),
        (100, 230),
    )  # fmt: skip
    area = mark(MarkShape.AREA, horseshoe, Technique.NAPPAGE_MIDDLE, diagram=DiagramName.FACE)
    outline = tuple(Point(*p) for p in horseshoe)
    counted: dict[str | None, int] = {}
    step = 0.25
    for i in range(int(100 / step)):
        for j in range(int(100 / step)):
            x, y = 100 + (i + 0.5) * step, 130 + (j + 0.5) * step
            if point_in_polygon(x, y, outline):
                where = zone_at(FACE, x, y)
                counted[where] = counted.get(where, 0) + 1
    total = sum(counted.values())
    shares = mark_zone_shares(area)
    assert {s.zone for s in shares} == set(counted)
    for share in shares:
        assert share.share == pytest.approx(counted[share.zone] / total, abs=2e-3)


def test_shares_follow_the_zone_order_with_the_outside_last_and_sum_to_one() -> None:
    rng = random.Random(9)
    order = {zone.name: i for i, zone in enumerate(BACK.zones)}
    for _ in range(200):
        x, y = rng.uniform(0, BACK.width_mm), rng.uniform(0, BACK.height_mm)
        corners = tuple(
            (x + rng.uniform(-60, 60), y + rng.uniform(-60, 60)) for _ in range(rng.randint(3, 7))
        )
        for shape in (MarkShape.LINE, MarkShape.AREA):
            shares = mark_zone_shares(mark(shape, corners))
            assert math.fsum(s.share for s in shares) == pytest.approx(1.0, abs=1e-12)
            assert all(0 < s.share <= 1 for s in shares)
            keys = [order.get(s.zone, len(order)) if s.zone else len(order) for s in shares]
            assert keys == sorted(keys)
            assert len(set(keys)) == len(keys)


def test_marks_without_length_or_surface_count_where_they_are() -> None:
    thoracic = BACK.zone("thoracic").label_point
    still = mark(MarkShape.LINE, (thoracic, thoracic))
    assert mark_zone_shares(still) == [ZoneShare("thoracic", 1.0)]
    flat = mark(MarkShape.AREA, ((250, 270), (250, 290), (250, 310)), Technique.NAPPAGE_MIDDLE)
    assert mark_zone_shares(flat) == [ZoneShare("cervical", 0.5), ZoneShare("thoracic", 0.5)]


def test_a_marks_zone_is_where_most_of_it_lies_ties_going_to_the_first_zone() -> None:
    assert mark_zone(mark(MarkShape.LINE, ((250, 286), (250, 300)))) == "thoracic"
    assert mark_zone(mark(MarkShape.LINE, ((250, 270), (250, 310)))) == "cervical"
    # Across the left arm at L1-L2: 41 mm on the arm, 54 mm beside it.
    mostly_outside = mark(MarkShape.LINE, ((5, 600), (100, 600)))
    assert [s.zone for s in mark_zone_shares(mostly_outside)] == ["upper_arm_left", None]
    assert mark_zone(mostly_outside) is None
    assert mark_zone(mark(MarkShape.LINE, ((2, 2), (2, 40)))) is None


def test_a_marks_injections_are_split_by_largest_remainder_and_its_volume_by_share() -> None:
    # 40 mm at papular 10 mm: 5 injections; a quarter of the length in the cervical zone.
    line = mark(MarkShape.LINE, ((250, 280), (250, 320)), Technique.PAPULAR, volume="0.1")
    assert injection_count(line) == 5
    assert mark_zone_totals(line) == [
        ZoneTotal(DiagramName.BACK, "cervical", 1, Decimal("0.125")),
        ZoneTotal(DiagramName.BACK, "thoracic", 4, Decimal("0.375")),
    ]


def test_a_volume_finer_than_the_split_step_goes_to_the_largest_share() -> None:
    line = mark(MarkShape.LINE, ((250, 270), (250, 300)), Technique.PINPOINT, volume="0.0001")
    totals = mark_zone_totals(line)
    assert totals == [
        ZoneTotal(DiagramName.BACK, "cervical", 2, Decimal("0.0003")),
        ZoneTotal(DiagramName.BACK, "thoracic", 1, Decimal(0)),
    ]


def test_a_thread_is_one_injection_counted_where_most_of_it_lies() -> None:
    thread = mark(MarkShape.LINE, ((250, 286), (250, 300)), Technique.LINEAR, volume="0.2")
    assert mark_zone_totals(thread) == [
        ZoneTotal(DiagramName.BACK, "cervical", 0, Decimal("0.057")),
        ZoneTotal(DiagramName.BACK, "thoracic", 1, Decimal("0.143")),
    ]


def test_zone_totals_keep_every_injection_and_every_millilitre_of_the_marks() -> None:
    rng = random.Random(31)
    techniques = list(Technique)
    marks = []
    for diagram in (DiagramName.BACK, DiagramName.FACE):
        chart = load_diagram(diagram)
        for index in range(150):
            x, y = rng.uniform(0, chart.width_mm), rng.uniform(0, chart.height_mm)
            shape = list(MarkShape)[index % 3]
            count = {MarkShape.POINT: 1, MarkShape.LINE: 3, MarkShape.AREA: 5}[shape]
            corners = tuple(
                (x + rng.uniform(-25, 25), y + rng.uniform(-25, 25)) for _ in range(count)
            )
            volume = rng.choice(("0.01", "0.05", "0.1", "0.0125", "0.333", "0"))
            marks.append(mark(shape, corners, techniques[index % len(techniques)], volume, diagram))
    totals = zone_totals(marks)
    assert sum(t.injections for t in totals) == sum(injection_count(m) for m in marks)
    assert sum(t.volume_ml for t in totals) == sum(mark_volume_ml(m) for m in marks)
    for each in marks:
        split = mark_zone_totals(each)
        assert sum(t.injections for t in split) == injection_count(each)
        assert sum(t.volume_ml for t in split) == mark_volume_ml(each)
        assert all(t.injections >= 0 and t.volume_ml >= 0 for t in split)
    keys = [(t.diagram, t.zone) for t in totals]
    assert len(set(keys)) == len(keys)
    assert [t.diagram for t in totals] == sorted(
        (t.diagram for t in totals), key=list(DiagramName).index
    )


def test_zone_totals_split_a_straddling_area_between_its_zones() -> None:
    straddling = mark(MarkShape.AREA, square(240, 280, 30), Technique.NAPPAGE_DEEP, "0.02")
    # 30 x 30 mm at 3 mm: 100 injections, 2 ml; a third of it above y = 290.
    assert zone_totals([straddling]) == [
        ZoneTotal(DiagramName.BACK, "cervical", 33, Decimal("0.667")),
        ZoneTotal(DiagramName.BACK, "thoracic", 67, Decimal("1.333")),
    ]
