"""Marks on a photo as plain geometry: the photo's frame, fractions of the image, totals apart
from the diagrams' zones, and what a photo mark stands for in the visit's record."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mesodesk.domain.chart import charted_volumes, mark_areas, marks_for_visit
from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram, zone_totals
from mesodesk.domain.mark_records import MarkRecord, default_diagram
from mesodesk.domain.photo_marks import (
    PHOTO_FRAME_HEIGHT_MM,
    mark_photo,
    photo_diagram,
)
from mesodesk.domain.photos import PhotoView
from mesodesk.domain.vocabulary import Area, Sex, Technique

PHOTO = mark_photo(7, "before", "front", 4000, 3000)


def _on_photo(shape: MarkShape, *points: tuple[float, float], **fields) -> MarkRecord:
    return MarkRecord(
        None,
        1,
        DiagramName.FACE,
        shape,
        tuple(Point(*p) for p in points),
        photo=PHOTO,
        **fields,
    )


def test_a_photos_frame_keeps_the_images_aspect_at_the_frames_height():
    assert PHOTO.height_mm == PHOTO_FRAME_HEIGHT_MM
    assert PHOTO.width_mm == pytest.approx(PHOTO_FRAME_HEIGHT_MM * 4 / 3)
    portrait = mark_photo(7, "after", "left-45", 3000, 4000)
    assert portrait.width_mm == pytest.approx(PHOTO_FRAME_HEIGHT_MM * 3 / 4)


def test_points_become_fractions_of_the_image_and_come_back_the_same():
    points = [Point(PHOTO.width_mm / 4, PHOTO.height_mm / 2), Point(0, PHOTO.height_mm)]
    fractions = PHOTO.to_fractions(points)
    assert fractions == [[0.25, 0.5], [0.0, 1.0]]
    assert PHOTO.from_fractions(fractions) == tuple(points)
    bigger = mark_photo(7, "before", "front", 8000, 6000)  # the same picture shown larger
    assert bigger.from_fractions(fractions) == tuple(points)


def test_a_photo_holds_only_points_on_the_picture():
    assert PHOTO.holds(0, 0) and PHOTO.holds(PHOTO.width_mm, PHOTO.height_mm)
    assert not PHOTO.holds(-0.1, 5) and not PHOTO.holds(5, PHOTO.height_mm + 0.1)


def test_each_view_counts_on_its_diagram_and_the_front_follows_the_patients_sex():
    assert photo_diagram(PhotoView.FRONT, Sex.FEMALE) is DiagramName.FACE_FEMALE
    assert photo_diagram(PhotoView.FRONT, None) is DiagramName.FACE
    assert photo_diagram(PhotoView.LEFT_90) is DiagramName.PROFILE_LEFT
    assert photo_diagram(PhotoView.RIGHT_45) is DiagramName.FACE_3Q_RIGHT


def test_a_photos_marks_total_apart_from_the_diagrams_zones_and_add_up():
    forehead = load_diagram(DiagramName.FACE).zone("forehead").label_point
    on_face = MarkRecord(
        None, 1, DiagramName.FACE, MarkShape.POINT, (forehead,), volume_ml=Decimal("0.1")
    )
    square = _on_photo(
        MarkShape.AREA,
        (10, 10),
        (40, 10),
        (40, 40),
        (10, 40),
        technique=Technique.NAPPAGE_MIDDLE,
        volume_ml=Decimal("0.02"),
    )
    point = _on_photo(MarkShape.POINT, forehead, volume_ml=Decimal("0.1"))  # not the zone's

    totals = zone_totals(m.geometry() for m in (square, on_face, point))

    assert [(t.diagram, t.zone, t.photo_id) for t in totals] == [
        (DiagramName.FACE, "forehead", None),
        (DiagramName.FACE, None, PHOTO.id),
    ]
    assert totals[0].injections == 1
    assert totals[1].injections == 101 and totals[1].volume_ml == Decimal("2.10")
    assert sum(charted_volumes([square, on_face, point]).values()) == Decimal("2.20")


def test_a_photo_mark_treats_its_views_area_and_stays_with_its_visit():
    point = _on_photo(MarkShape.POINT, (5, 5))
    assert mark_areas(point) == (Area.FACE,)
    assert marks_for_visit([point], visit_id=2) == []  # another visit has other photos
    assert default_diagram([point, point], sex=Sex.FEMALE) is DiagramName.FACE_FEMALE
