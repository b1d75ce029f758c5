"""Nappage fills, line spacings and the per-zone totals built from them."""

from __future__ import annotations

import math
from decimal import Decimal
from itertools import combinations

import pytest

from mesodesk.domain.diagram import (
    DiagramName,
    MarkGeometry,
    MarkShape,
    Point,
    ZoneTotal,
    injection_count,
    injection_points,
    load_diagram,
    mark_area_mm2,
    mark_length_mm,
    mark_volume_ml,
    mark_zone,
    nappage_count,
    nappage_points,
    point_in_polygon,
    polygon_area,
    zone_totals,
)
from mesodesk.domain.vocabulary import Technique


def square(x: float, y: float, side: float) -> tuple[Point, ...]:
    return (Point(x, y), Point(x + side, y), Point(x + side, y + side), Point(x, y + side))


def test_a_30_mm_square_at_3_mm_takes_exactly_100_injections_on_a_square_grid() -> None:
    points = nappage_points(square(0, 0, 30))
    assert len(points) == 100 == nappage_count(square(0, 0, 30), 3.0)
    assert sorted({p.x for p in points}) == pytest.approx([1.5 + 3 * i for i in range(10)])
    assert sorted({p.y for p in points}) == pytest.approx([1.5 + 3 * i for i in range(10)])


def test_nappage_neighbours_are_exactly_the_spacing_apart() -> None:
    points = nappage_points(square(10, 20, 12), 3.0)
    nearest = min(math.dist(a, b) for a, b in combinations(points, 2))
    assert nearest == pytest.approx(3.0)


def test_nappage_count_follows_spacing_and_size() -> None:
    assert nappage_count(square(0, 0, 30), 5) == 36
    assert nappage_count(square(0, 0, 31), 3) == 100
    assert nappage_count(square(0, 0, 33), 3) == 121


def test_nappage_count_is_close_to_area_over_spacing_squared() -> None:
    triangle = (Point(0, 0), Point(90, 0), Point(0, 60))
    expected = polygon_area(triangle) / 9
    assert abs(nappage_count(triangle) - expected) / expected < 0.08


def test_nappage_points_stay_inside_a_concave_outline() -> None:
    u_shape = (
        Point(0, 0), Point(9, 0), Point(9, 30), Point(21, 30), Point(21, 0), Point(30, 0),
        Point(30, 39), Point(0, 39),
    )  # fmt: skip
    points = nappage_points(u_shape)
    assert all(point_in_polygon(p.x, p.y, u_shape) for p in points)
    assert not any(9 < p.x < 21 and p.y < 30 for p in points)
    assert len(points) == 3 * 10 * 2 + 10 * 3


def test_an_area_smaller_than_one_cell_still_gets_one_injection_inside_it() -> None:
    tiny = square(5, 5, 1)
    (only,) = nappage_points(tiny)
    assert point_in_polygon(only.x, only.y, tiny)


def test_nappage_refuses_a_spacing_of_zero() -> None:
    with pytest.raises(ValueError, match="more than 0 mm"):
        nappage_points(square(0, 0, 10), 0)


def mark(
    shape: MarkShape,
    points: tuple[tuple[float, float], ...],
    technique: Technique = Technique.PINPOINT,
    volume: str = "0.1",
    diagram: DiagramName = DiagramName.FACE,
) -> MarkGeometry:
    return MarkGeometry(
        shape, diagram, tuple(Point(*p) for p in points), technique, Decimal(volume)
    )


def test_a_point_mark_is_one_injection() -> None:
    assert injection_count(mark(MarkShape.POINT, ((150, 80),))) == 1


def test_a_line_mark_counts_injections_at_the_techniques_spacing() -> None:
    line = ((100, 80), (130, 80))
    assert mark_length_mm(mark(MarkShape.LINE, line)) == 30
    assert injection_count(mark(MarkShape.LINE, line, Technique.PINPOINT)) == 3
    assert injection_count(mark(MarkShape.LINE, line, Technique.PAPULAR)) == 4
    assert injection_count(mark(MarkShape.LINE, line, Technique.NAPPAGE_MIDDLE)) == 11
    assert injection_count(mark(MarkShape.LINE, line, Technique.PAPULAR), spacing_mm=5) == 7


def test_a_retrograde_linear_thread_counts_as_one_injection_at_its_start() -> None:
    thread = mark(MarkShape.LINE, ((100, 80), (130, 80), (140, 95)), Technique.LINEAR)
    assert injection_points(thread) == [Point(100, 80)]


def test_an_area_mark_is_filled_by_nappage_at_its_spacing() -> None:
    area = mark(MarkShape.AREA, square(120, 60, 30), Technique.NAPPAGE_SUPERFICIAL)
    assert injection_count(area) == 100
    assert mark_area_mm2(area) == 900
    assert mark_volume_ml(area) == Decimal("10.0")
    infiltration = mark(MarkShape.AREA, square(120, 60, 60), Technique.INFILTRATION)
    assert injection_count(infiltration) == 9


def test_a_mark_needs_enough_points_for_its_shape() -> None:
    with pytest.raises(ValueError, match="line mark needs at least 2 points"):
        mark(MarkShape.LINE, ((1, 1),))
    with pytest.raises(ValueError, match="point mark needs exactly 1 point"):
        mark(MarkShape.POINT, ((1, 1), (2, 2)))
    with pytest.raises(ValueError, match="cannot be negative"):
        mark(MarkShape.POINT, ((1, 1),), volume="-0.1")


def test_a_marks_zone_is_that_of_its_point_or_of_most_of_its_length_or_surface() -> None:
    face = load_diagram(DiagramName.FACE)
    forehead, chin = face.zone("forehead").label_point, face.zone("chin").label_point
    assert mark_zone(mark(MarkShape.POINT, (forehead,))) == "forehead"
    assert mark_zone(mark(MarkShape.LINE, (chin, (chin.x, chin.y - 3)))) == "chin"
    around = square(forehead.x - 5, forehead.y - 5, 10)
    assert mark_zone(mark(MarkShape.AREA, around)) == "forehead"


def test_zone_totals_add_up_injections_and_volume_per_zone() -> None:
    face = load_diagram(DiagramName.FACE)
    forehead, chin = face.zone("forehead").label_point, face.zone("chin").label_point
    marks = [
        mark(MarkShape.POINT, (chin,), volume="0.05"),
        mark(MarkShape.POINT, (forehead,), volume="0.1"),
        mark(MarkShape.LINE, (forehead, (forehead.x + 30, forehead.y)), volume="0.1"),
        mark(
            MarkShape.AREA,
            square(forehead.x - 15, forehead.y - 15, 30),
            Technique.NAPPAGE_DEEP,
            volume="0.02",
        ),
        mark(MarkShape.POINT, ((2, 2),), volume="0.1"),
    ]
    totals = zone_totals(marks)
    assert totals == [
        ZoneTotal(DiagramName.FACE, "forehead", 1 + 3 + 100, Decimal("0.1") * 4 + Decimal("2.00")),
        ZoneTotal(DiagramName.FACE, "chin", 1, Decimal("0.05")),
        ZoneTotal(DiagramName.FACE, None, 1, Decimal("0.1")),
    ]
    assert sum(t.injections for t in totals) == sum(injection_count(m) for m in marks)
    assert sum(t.volume_ml for t in totals) == Decimal("2.55")


def test_zone_totals_keep_diagrams_apart() -> None:
    back = load_diagram(DiagramName.BACK)
    on_back = mark(MarkShape.POINT, (back.zone("lumbar").label_point,), diagram=DiagramName.BACK)
    on_face = mark(MarkShape.POINT, (load_diagram(DiagramName.FACE).zone("nose").label_point,))
    totals = zone_totals([on_face, on_back])
    assert [(t.diagram, t.zone) for t in totals] == [
        (DiagramName.BACK, "lumbar"),
        (DiagramName.FACE, "nose"),
    ]
    assert zone_totals([]) == []
