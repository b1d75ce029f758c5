"""The vascular scheme of seed 000: spine rows and ear-to-ear rows."""

from __future__ import annotations

import math
from itertools import combinations, pairwise

import pytest

from mesodesk.domain.diagram import (
    DiagramName,
    Side,
    ear_to_ear_rows,
    load_diagram,
    vascular_spine_scheme,
    zone_at,
)
from mesodesk.domain.diagram.spine import (
    DEFAULT_OFFSETS_MM,
    OUTLINE_MARGIN_MM,
    lateral_room_mm,
)

BACK = load_diagram(DiagramName.BACK)
MIDLINE = BACK.midline_x_mm


def test_c3_to_t6_gives_ten_interspaces_and_seventy_points() -> None:
    points = vascular_spine_scheme("C3", "T6")
    labels = list(dict.fromkeys(p.interspace for p in points))
    assert labels == [
        "C3-C4", "C4-C5", "C5-C6", "C6-C7", "C7-T1", "T1-T2", "T2-T3", "T3-T4", "T4-T5",
        "T5-T6",
    ]  # fmt: skip
    assert len(points) == 10 * (1 + 3 * 2) == 70


def test_points_come_top_down_midline_first_then_each_offset_left_then_right() -> None:
    first_row = vascular_spine_scheme("C3", "T6")[:7]
    assert [(p.side, p.requested_offset_mm) for p in first_row] == [
        (Side.MIDLINE, 0),
        (Side.LEFT, 15), (Side.RIGHT, 15),
        (Side.LEFT, 40), (Side.RIGHT, 40),
        (Side.LEFT, 60), (Side.RIGHT, 60),
    ]  # fmt: skip
    heights = [p.y_mm for p in vascular_spine_scheme("C3", "T6") if p.side is Side.MIDLINE]
    assert heights == sorted(heights)


def test_midline_points_sit_halfway_between_spinous_processes_on_the_midline() -> None:
    for point in vascular_spine_scheme("C1", "S1", offsets_mm=(), sides=()):
        upper, lower = point.interspace.split("-")
        assert point.x_mm == MIDLINE
        assert point.y_mm == (BACK.vertebra(upper).y_mm + BACK.vertebra(lower).y_mm) / 2


def test_lateral_points_are_exact_offsets_and_left_mirrors_right() -> None:
    points = vascular_spine_scheme("T1", "L5")
    by_key = {(p.interspace, p.side, p.offset_mm): p for p in points}
    for p in points:
        if p.side is Side.MIDLINE:
            continue
        assert abs(p.x_mm - MIDLINE) == p.offset_mm
        twin = by_key[(p.interspace, Side.RIGHT if p.side is Side.LEFT else Side.LEFT, p.offset_mm)]
        assert p.x_mm + twin.x_mm == 2 * MIDLINE
        assert p.y_mm == twin.y_mm


LEVELS = [v.label for v in BACK.vertebrae]


def test_every_point_of_the_default_scheme_lies_in_a_zone_between_any_two_levels() -> None:
    for top, bottom in combinations(LEVELS, 2):
        for p in vascular_spine_scheme(top, bottom):
            assert zone_at(BACK, p.x_mm, p.y_mm) is not None, (top, bottom, p)


def test_the_c3_to_t6_default_scheme_has_no_point_outside_the_zones() -> None:
    points = vascular_spine_scheme("C3", "T6")
    assert [p for p in points if zone_at(BACK, p.x_mm, p.y_mm) is None] == []


def test_a_wide_level_keeps_the_exact_offsets_asked_for() -> None:
    for interspace in ("C6-C7", "T1-T2", "T6-T7", "L2-L3", "L5-S1"):
        upper, lower = interspace.split("-")
        points = vascular_spine_scheme(upper, lower)
        assert sorted({p.offset_mm for p in points if p.side is not Side.MIDLINE}) == list(
            DEFAULT_OFFSETS_MM
        )
        assert all(p.narrowed_from_mm is None for p in points)
        for p in points:
            assert abs(p.x_mm - MIDLINE) == p.offset_mm


def test_on_the_neck_the_rows_narrow_in_proportion_and_stay_inside_the_outline() -> None:
    points = vascular_spine_scheme("C3", "C4")
    y = points[0].y_mm
    room = lateral_room_mm(BACK, Side.LEFT, y)
    assert 55 < room < 60  # the neck is about 116 mm wide at C3-C4
    lateral = [p for p in points if p.side is not Side.MIDLINE]
    used = [p.offset_mm for p in lateral if p.side is Side.LEFT]
    assert used == sorted(used) and len(set(used)) == 3
    assert max(used) == pytest.approx(room - OUTLINE_MARGIN_MM)
    for p in lateral:
        assert p.narrowed_from_mm in DEFAULT_OFFSETS_MM
        assert p.offset_mm / p.narrowed_from_mm == pytest.approx(max(used) / 60)
        assert abs(p.x_mm - MIDLINE) == pytest.approx(p.offset_mm)
        assert zone_at(BACK, p.x_mm, p.y_mm) == "cervical"
    left = sorted(p.x_mm for p in lateral if p.side is Side.LEFT)
    right = sorted((p.x_mm for p in lateral if p.side is Side.RIGHT), reverse=True)
    for a, b in zip(left, right, strict=True):
        assert a + b == pytest.approx(2 * MIDLINE)


def test_offsets_that_fit_the_neck_are_kept_as_asked() -> None:
    points = vascular_spine_scheme("C3", "C5", offsets_mm=(10, 25, 50))
    assert {p.offset_mm for p in points if p.side is not Side.MIDLINE} == {10, 25, 50}
    assert all(p.narrowed_from_mm is None for p in points)


def test_the_room_beside_the_spine_stops_at_a_gap_between_trunk_and_arm() -> None:
    y = (BACK.vertebra("T5").y_mm + BACK.vertebra("T6").y_mm) / 2
    room = lateral_room_mm(BACK, Side.LEFT, y)
    assert zone_at(BACK, MIDLINE - room + 0.01, y) == "thoracic"
    assert zone_at(BACK, MIDLINE - room - 0.01, y) is None
    assert lateral_room_mm(BACK, Side.RIGHT, y) == pytest.approx(room, abs=0.01)
    wide = vascular_spine_scheme("T5", "T6", offsets_mm=(100, 200))
    assert {zone_at(BACK, p.x_mm, p.y_mm) for p in wide} == {"thoracic"}
    assert max(p.offset_mm for p in wide) == pytest.approx(room - OUTLINE_MARGIN_MM)


def test_the_room_follows_touching_zones_outward_and_is_zero_off_the_body() -> None:
    y = (BACK.vertebra("T1").y_mm + BACK.vertebra("T2").y_mm) / 2
    assert zone_at(BACK, MIDLINE - 150, y) == "shoulder_left"
    assert lateral_room_mm(BACK, Side.LEFT, y) > 150
    assert lateral_room_mm(BACK, Side.LEFT, 5.0) == 0


def test_on_the_back_view_the_patients_left_is_on_the_viewers_left() -> None:
    left = [p for p in vascular_spine_scheme("T1", "T2") if p.side is Side.LEFT]
    assert all(p.x_mm < MIDLINE for p in left)


def test_offsets_and_sides_are_editable() -> None:
    points = vascular_spine_scheme("L4", "S1", offsets_mm=(20,), sides=("right",))
    assert [(p.interspace, p.side, p.x_mm) for p in points] == [
        ("L4-L5", Side.MIDLINE, MIDLINE),
        ("L4-L5", Side.RIGHT, MIDLINE + 20),
        ("L5-S1", Side.MIDLINE, MIDLINE),
        ("L5-S1", Side.RIGHT, MIDLINE + 20),
    ]


def test_levels_are_case_insensitive_and_adjacent_levels_give_one_interspace() -> None:
    assert {p.interspace for p in vascular_spine_scheme("c7", "t1")} == {"C7-T1"}


@pytest.mark.parametrize(
    ("top", "bottom", "message"),
    [
        ("T6", "C3", "the top level T6 must be above the bottom level C3"),
        ("T4", "T4", "the top level T4 must be above the bottom level T4"),
        ("T13", "L1", "unknown vertebral level 'T13'"),
        ("C3", "S2", "unknown vertebral level 'S2'"),
    ],
)
def test_a_reversed_or_unknown_level_is_refused_clearly(
    top: str, bottom: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        vascular_spine_scheme(top, bottom)


def test_bad_offsets_and_sides_are_refused() -> None:
    with pytest.raises(ValueError, match="more than 0 mm"):
        vascular_spine_scheme("C3", "C5", offsets_mm=(15, 0))
    with pytest.raises(ValueError, match="repeat"):
        vascular_spine_scheme("C3", "C5", offsets_mm=(15, 15))
    with pytest.raises(ValueError, match="'left' or 'right'"):
        vascular_spine_scheme("C3", "C5", sides=("up",))
    with pytest.raises(ValueError, match="'left' or 'right'"):
        vascular_spine_scheme("C3", "C5", sides=("midline",))


def test_vertebral_spacings_are_those_of_an_average_adult() -> None:
    levels = {v.label: v.y_mm for v in BACK.vertebrae}
    assert list(levels) == [
        *(f"C{i}" for i in range(1, 8)), *(f"T{i}" for i in range(1, 13)),
        *(f"L{i}" for i in range(1, 6)), "S1",
    ]  # fmt: skip

    def gaps(prefix: str) -> list[float]:
        ys = [y for label, y in levels.items() if label.startswith(prefix)]
        return [b - a for a, b in pairwise(ys)]

    assert all(15 <= g <= 18 for g in gaps("C"))
    assert all(20 <= g <= 26 for g in gaps("T"))
    assert all(28 <= g <= 35 for g in gaps("L"))


def test_two_ear_to_ear_rows_five_mm_apart_by_default() -> None:
    first, second = ear_to_ear_rows()
    assert (first.row, second.row) == (1, 2)
    assert first.centre == second.centre
    assert abs(first.radius_mm - second.radius_mm) == pytest.approx(5.0)
    for row in (first, second):
        for x, y in row.points:
            assert math.dist((x, y), row.centre) == pytest.approx(row.radius_mm)


def test_the_first_row_runs_from_the_left_ear_lobe_to_the_right_one() -> None:
    first = ear_to_ear_rows()[0]
    anchors = BACK.ear_row
    assert anchors is not None
    assert first.points[0] == pytest.approx(anchors.left)
    assert first.points[-1] == pytest.approx(anchors.right)
    assert zone_at(BACK, *first.points[0]) == "ear_lobe_left"
    assert zone_at(BACK, *first.points[-1]) == "ear_lobe_right"
    assert {zone_at(BACK, *p) for p in first.points[1:-1]} == {"occiput"}


def test_row_points_are_evenly_spread_and_never_farther_apart_than_asked() -> None:
    for spacing in (5.0, 15.0, 40.0):
        for row in ear_to_ear_rows(point_spacing_mm=spacing):
            steps = [math.dist(a, b) for a, b in pairwise(row.points)]
            assert max(steps) - min(steps) == pytest.approx(0, abs=1e-9)
            arc_step = row.length_mm / (len(row.points) - 1)
            assert arc_step <= spacing
            assert len(row.points) == math.ceil(row.length_mm / spacing) + 1


def test_rows_are_mirror_images_across_the_midline_and_step_toward_the_neck() -> None:
    rows = ear_to_ear_rows(rows=3, spacing_mm=4)
    for row in rows:
        assert row.centre.x == pytest.approx(MIDLINE)
        for p, q in zip(row.points, reversed(row.points), strict=True):
            assert p.x + q.x == pytest.approx(2 * MIDLINE)
            assert p.y == pytest.approx(q.y)
    tops = [row.centre.y - row.radius_mm for row in rows]
    assert tops[1] - tops[0] == pytest.approx(4)
    assert tops[2] - tops[1] == pytest.approx(4)
    assert zone_at(BACK, MIDLINE, tops[0]) == "occiput"


def test_ear_rows_refuse_bad_input() -> None:
    with pytest.raises(ValueError, match="at least 1 row"):
        ear_to_ear_rows(rows=0)
    with pytest.raises(ValueError, match="more than 0 mm"):
        ear_to_ear_rows(spacing_mm=0)
    with pytest.raises(ValueError, match="no ear lobes"):
        ear_to_ear_rows(diagram=DiagramName.FACE)
