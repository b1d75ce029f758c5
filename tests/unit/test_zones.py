"""Hit tests on the shipped diagrams: every zone reachable, none overlapping, sides right."""

from __future__ import annotations

import pytest

from mesodesk.domain.diagram import DiagramName, load_diagram, zone_at
from mesodesk.domain.diagram.zones import zone_contains


@pytest.mark.parametrize("name", list(DiagramName))
def test_every_zones_inside_point_maps_back_to_it(name: DiagramName) -> None:
    diagram = load_diagram(name)
    for zone in diagram.zones:
        assert zone_at(diagram, *zone.label_point) == zone.name


@pytest.mark.parametrize("name", list(DiagramName))
def test_zones_never_overlap(name: DiagramName) -> None:
    diagram = load_diagram(name)
    step = min(6.1, max(diagram.width_mm, diagram.height_mm) / 220) + 0.01
    rows, columns = int(diagram.height_mm / step), int(diagram.width_mm / step)
    for i in range(rows):
        y = 0.37 + i * step
        candidates = [z for z in diagram.zones if z.bounds[1] <= y <= z.bounds[3]]
        for j in range(columns):
            x = 0.61 + j * step
            hits = [z.name for z in candidates if zone_contains(z, x, y)]
            assert len(hits) <= 1, (x, y, hits)


def test_the_face_zones_leave_no_gap_down_the_midline() -> None:
    face = load_diagram(DiagramName.FACE)
    found = [zone_at(face, face.midline_x_mm + 0.3, y + 0.5) for y in range(53, 413)]
    assert None not in found
    assert list(dict.fromkeys(found)) == [
        "forehead", "glabella", "nose", "perioral", "lips", "chin", "neck", "decollete",
    ]  # fmt: skip


def test_the_face_zones_leave_no_gap_across_the_cheeks() -> None:
    face = load_diagram(DiagramName.FACE)
    found = [zone_at(face, x + 0.5, 160.3) for x in range(83, 217)]
    assert None not in found
    assert list(dict.fromkeys(found)) == ["cheek_right", "nose", "cheek_left"]


def test_front_views_show_the_patients_right_on_the_viewers_left() -> None:
    face = load_diagram(DiagramName.FACE)
    assert zone_at(face, face.zone("cheek_right").label_point.x, 160) == "cheek_right"
    assert face.zone("cheek_right").label_point.x < face.midline_x_mm
    body = load_diagram(DiagramName.BODY_FRONT)
    assert body.zone("hand_right").label_point.x < body.midline_x_mm


def test_back_views_show_the_patients_left_on_the_viewers_left() -> None:
    for name in (DiagramName.BACK, DiagramName.BODY_BACK):
        diagram = load_diagram(name)
        assert diagram.zone("upper_arm_left").label_point.x < diagram.midline_x_mm


SYMMETRIC = [n for n in DiagramName if load_diagram(n).facing in {"front", "back", "top"}]


@pytest.mark.parametrize("name", SYMMETRIC)
def test_left_and_right_zones_are_mirror_images(name: DiagramName) -> None:
    diagram = load_diagram(name)
    width = diagram.width_mm
    for zone in diagram.zones:
        if zone.name.endswith("_left"):
            twin = diagram.zone(zone.name.removesuffix("_left") + "_right")
            mirrored = {(round(width - x, 2), y) for x, y in twin.polygon}
            assert {(round(x, 2), y) for x, y in zone.polygon} == mirrored


def test_spine_levels_fall_in_their_regions_of_the_back() -> None:
    back = load_diagram(DiagramName.BACK)
    expected = {
        "C1": "cervical",
        "C4": "cervical",
        "T1": "thoracic",
        "T6": "thoracic",
        "T12": "thoracic",
        "L1": "lumbar",
        "L5": "lumbar",
        "S1": "sacral",
    }
    for level, zone in expected.items():
        assert zone_at(back, back.midline_x_mm, back.vertebra(level).y_mm) == zone


def test_outside_every_zone_is_none_and_names_work_as_well_as_diagrams() -> None:
    assert zone_at("face", 1, 1) is None
    assert zone_at(DiagramName.BODY_FRONT, 320, 728) == "abdomen"
    assert zone_at(load_diagram("body_back"), 320, 600) == "back"
