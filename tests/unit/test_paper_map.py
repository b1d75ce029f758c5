"""The map on paper as geometry: the art read without Qt, and the crop of the treated region."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from mesodesk.documents.injection_map import crop_for, mark_groups, technique_counts
from mesodesk.documents.svg_art import (
    EllipseShape,
    PathShape,
    RectShape,
    diagram_art,
    parse_path,
    read_art,
)
from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.vocabulary import Technique


def _point(diagram: DiagramName, x: float, y: float) -> MarkRecord:
    return MarkRecord(None, 1, diagram, MarkShape.POINT, (Point(x, y),), Technique.PINPOINT)


@pytest.mark.parametrize("name", list(DiagramName))
def test_every_shipped_diagram_art_is_read_in_the_diagrams_millimetres(name: DiagramName) -> None:
    art = diagram_art(name)
    diagram = load_diagram(name)

    assert (art.width, art.height) == (diagram.width_mm, diagram.height_mm)
    assert any(isinstance(shape, PathShape) for shape in art.shapes)
    assert all(isinstance(shape, PathShape | EllipseShape | RectShape) for shape in art.shapes)


def test_path_data_becomes_absolute_lines_and_curves() -> None:
    segments = parse_path("M1 2 l3 4 H10 v2 Q 10 0 12 8 c1 1 2 2 3 3 z")

    assert segments[0] == ("M", 1.0, 2.0)
    assert segments[1] == ("L", 4.0, 6.0)
    assert segments[2] == ("L", 10.0, 6.0)
    assert segments[3] == ("L", 10.0, 8.0)
    assert segments[4][0] == "C" and segments[4][-2:] == (12.0, 8.0)
    assert segments[5] == ("C", 13.0, 9.0, 14.0, 10.0, 15.0, 11.0)
    assert segments[6] == ("Z",)


def test_art_the_reader_does_not_know_is_refused_with_the_files_name(tmp_path: Path) -> None:
    path = tmp_path / "odd.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<polygon points="0,0 1,1 2,0"/></svg>',
        encoding="utf-8",
    )

    with pytest.raises(ValueError, match=r"odd\.svg: unsupported SVG element <polygon>"):
        read_art(path)


def test_a_lone_point_is_shown_in_its_surroundings() -> None:
    face = load_diagram(DiagramName.FACE)
    crop, height = crop_for(face, [_point(DiagramName.FACE, 150, 80)], 230, 80, 200)

    assert crop.width >= face.width_mm / 3 and crop.height >= face.width_mm / 3
    assert crop.contains(Point(150, 80), inset=10)
    assert 80 <= height <= 200


def test_a_tall_region_is_widened_to_the_panel_and_kept_on_the_figure() -> None:
    back = load_diagram(DiagramName.BACK)
    marks = [_point(DiagramName.BACK, 250, y) for y in (180, 400, 600)]

    crop, height = crop_for(back, marks, 230, 80, 100)

    assert height == 100
    assert crop.width / crop.height == pytest.approx(230 / 100)
    assert all(crop.contains(p) for m in marks for p in m.points)
    assert crop.y >= 0 and crop.bottom <= back.height_mm


def test_a_region_at_the_edge_is_shifted_onto_the_figure() -> None:
    body = load_diagram(DiagramName.BODY_FRONT)
    crop, _ = crop_for(body, [_point(DiagramName.BODY_FRONT, 5, 1795)], 230, 80, 200)

    assert crop.x == 0 and crop.bottom == pytest.approx(body.height_mm)


def test_the_legend_counts_injections_per_technique() -> None:
    marks = [
        _point(DiagramName.FACE, 150, 80),
        _point(DiagramName.FACE, 160, 80),
        MarkRecord(
            None,
            1,
            DiagramName.FACE,
            MarkShape.AREA,
            (Point(100, 60), Point(130, 60), Point(130, 90), Point(100, 90)),
            Technique.NAPPAGE_MIDDLE,
            volume_ml=Decimal("0.02"),
        ),
    ]

    assert technique_counts(marks) == {Technique.PINPOINT: 2, Technique.NAPPAGE_MIDDLE: 100}


def test_marks_far_apart_on_one_figure_get_a_panel_each() -> None:
    body = load_diagram(DiagramName.BODY_FRONT)
    scalp, decollete, hand = (
        body.zone(name).label_point for name in ("scalp", "decollete", "hand_left")
    )
    marks = [_point(DiagramName.BODY_FRONT, p.x, p.y) for p in (hand, scalp, decollete)]
    face = [_point(DiagramName.FACE, 150, 80), _point(DiagramName.FACE, 110, 170)]

    groups = mark_groups(marks + face)

    assert [(name, len(group)) for name, group in groups] == [
        (DiagramName.BODY_FRONT, 2),
        (DiagramName.BODY_FRONT, 1),
        (DiagramName.FACE, 2),
    ]
    assert groups[1][1][0].points[0] == hand
