"""Marks placed on a visit's photo instead of a diagram: where they sit and how they count.

A mark on a photo is stored as fractions of the image's width and height (0..1), so it stays
on the same spot of the face whatever size the photo is shown at. Counting a line or an area
needs millimetres, so a photo is taken to frame `PHOTO_FRAME_HEIGHT_MM` from top to bottom
(a clinical portrait shows about a head and neck), its width following the image's aspect:
the same scale the practitioner sees, never stretched. The view the photo was taken from
names the diagram a mark on it counts on, for the depth limits of that area.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mesodesk.domain.diagram.model import DiagramName, Point
from mesodesk.domain.photos import PhotoKind, PhotoView
from mesodesk.domain.vocabulary import Sex

PHOTO_FRAME_HEIGHT_MM = 250.0
"""How tall the part of the patient a clinical photo shows is taken to be, in mm."""

PHOTO_VIEW_DIAGRAM: dict[PhotoView, DiagramName] = {
    PhotoView.FRONT: DiagramName.FACE,
    PhotoView.LEFT_45: DiagramName.FACE_3Q_LEFT,
    PhotoView.LEFT_90: DiagramName.PROFILE_LEFT,
    PhotoView.RIGHT_45: DiagramName.FACE_3Q_RIGHT,
    PhotoView.RIGHT_90: DiagramName.PROFILE_RIGHT,
    PhotoView.BACK: DiagramName.BODY_BACK,
}
"""The diagram whose area (and so whose depth limit) a mark on a photo of this view has."""


@dataclass(frozen=True, slots=True)
class MarkPhoto:
    """The photo a mark lies on: which one (kind and view, to list it) and its frame in mm.

    A mark's `points` are in this frame's millimetres everywhere but in the database, which
    keeps them as fractions of the image (see `to_fractions`).
    """

    id: int
    kind: PhotoKind
    view: PhotoView
    width_mm: float
    height_mm: float

    def to_fractions(self, points: Iterable[Point]) -> list[list[float]]:
        return [[x / self.width_mm, y / self.height_mm] for x, y in points]

    def from_fractions(self, fractions: Iterable[Iterable[float]]) -> tuple[Point, ...]:
        found = []
        for pair in fractions:
            fx, fy = pair
            found.append(Point(float(fx) * self.width_mm, float(fy) * self.height_mm))
        return tuple(found)

    def holds(self, x: float, y: float) -> bool:
        """Whether a point lies on the picture (its edges included)."""
        return 0 <= x <= self.width_mm and 0 <= y <= self.height_mm


def mark_photo(photo_id: int, kind: str, view: str, width_px: int, height_px: int) -> MarkPhoto:
    """The frame of a stored photo: `PHOTO_FRAME_HEIGHT_MM` tall, as wide as its aspect says."""
    height = PHOTO_FRAME_HEIGHT_MM
    width = height * max(width_px, 1) / max(height_px, 1)
    return MarkPhoto(photo_id, PhotoKind(kind), PhotoView(view), width, height)


def photo_diagram(view: PhotoView, sex: Sex | None = None) -> DiagramName:
    """The diagram a mark on a photo of this view counts on; the front is a woman's face for
    a woman, as on the chart."""
    if view is PhotoView.FRONT and sex is Sex.FEMALE:
        return DiagramName.FACE_FEMALE
    return PHOTO_VIEW_DIAGRAM[view]
