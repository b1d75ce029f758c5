"""Demo injection marks for a demo visit, drawn where a practitioner would chart them."""

from __future__ import annotations

import random
from decimal import Decimal

from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.diagram.spine import vascular_spine_scheme
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.vocabulary import Area, Technique

_FACE_PATCHES = (("forehead", 34, 14), ("cheek_left", 18, 18), ("cheek_right", 18, 18))
_BODY_ZONE = {Area.STOMACH: "abdomen", Area.HIPS_BUTTOCKS: "thigh_left", Area.LEGS: "thigh_right"}


def demo_marks(
    visit_id: int,
    area: Area,
    technique: Technique,
    cocktail_id: int | None,
    rnd: random.Random,
    russian: bool = False,
) -> list[MarkRecord]:
    """The spine scheme for a vascular visit, nappage patches on the face, a patch on the body."""
    if area is Area.VASCULAR:
        bottom = rnd.choice(("T4", "T6"))
        return [
            _mark(
                visit_id,
                DiagramName.BACK,
                MarkShape.POINT,
                (p.point,),
                Technique.PINPOINT,
                "4",
                "0.05",
                cocktail_id,
                russian,
            )
            for p in vascular_spine_scheme("C3", bottom)
        ]
    if area.region == "face":
        face = load_diagram(DiagramName.FACE)
        depth = "1" if technique.is_nappage else "2"
        return [
            _mark(
                visit_id,
                DiagramName.FACE,
                MarkShape.AREA,
                _patch(face.zone(zone).label_point, width, height),
                technique,
                depth,
                "0.02",
                cocktail_id,
                russian,
            )
            for zone, width, height in _FACE_PATCHES
        ]
    body = load_diagram(DiagramName.BODY_FRONT)
    centre = body.zone(_BODY_ZONE.get(area, "abdomen")).label_point
    return [
        _mark(
            visit_id,
            DiagramName.BODY_FRONT,
            MarkShape.AREA,
            _patch(centre, 80, 50),
            technique,
            "6",
            "0.1",
            cocktail_id,
            russian,
        )
    ]


def _grid(centre: Point, width: float, height: float, step: float) -> list[Point]:
    """Points every `step` mm over a width x height patch around `centre`."""
    columns, rows = int(width // step) + 1, int(height // step) + 1
    left, top = centre.x - (columns - 1) * step / 2, centre.y - (rows - 1) * step / 2
    return [Point(left + c * step, top + r * step) for r in range(rows) for c in range(columns)]


def _patch(centre: Point, width: float, height: float) -> tuple[Point, ...]:
    x, y, w, h = centre.x, centre.y, width / 2, height / 2
    return (Point(x - w, y - h), Point(x + w, y - h), Point(x + w, y + h), Point(x - w, y + h))


def _mark(
    visit_id: int,
    diagram: DiagramName,
    shape: MarkShape,
    points: tuple[Point, ...],
    technique: Technique,
    depth: str,
    volume: str,
    cocktail_id: int | None,
    russian: bool = False,
) -> MarkRecord:
    return MarkRecord(
        id=None,
        visit_id=visit_id,
        diagram=diagram,
        shape=shape,
        points=points,
        technique=technique,
        depth_mm=Decimal(depth),
        volume_ml=Decimal(volume),
        needle="32G 4 мм" if russian else "32G 4 mm",
        cocktail_id=cocktail_id,
    )
