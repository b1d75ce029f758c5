"""Plain data for the injection-scheme diagrams, in millimetres on an average adult.

Coordinates have their origin at the diagram's top-left corner, x to the right and y downward,
so a point maps one-to-one onto a Qt scene measured in mm. Left and right always mean the
patient's: on a front view the patient's left is on the viewer's right, on a back view it is on
the viewer's left.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from mesodesk.domain.vocabulary import Area


class DiagramName(StrEnum):
    """The charts a practitioner marks on; each value names its files in resources/diagrams.

    Stored marks and templates keep these values (at most 16 characters, the column's width),
    so a value is never renamed: `face` stays the man's front face it always was. New views
    are added after the existing ones; the order is the one totals and documents list them in.
    """

    BACK = "back"
    FACE = "face"
    BODY_FRONT = "body_front"
    BODY_BACK = "body_back"
    FACE_FEMALE = "face_female"
    NECK_DECOLLETE = "neck_decollete"
    SCALP = "scalp"
    HANDS = "hands"
    FACE_3Q_LEFT = "face_3q_left"
    FACE_3Q_RIGHT = "face_3q_right"
    PROFILE_LEFT = "profile_left"
    PROFILE_RIGHT = "profile_right"


class Region(StrEnum):
    """The scope a depth limit applies to (seed 001, 003, 000); same codes as `Area.region`."""

    FACE = "face"
    BODY = "body"
    VASCULAR = "vascular"


class Facing(StrEnum):
    """Which side of the patient the viewer sees: it decides where the patient's left is drawn.

    From the front (and turned three-quarters) the patient's left is on the viewer's right;
    from the back, from above (the face at the top) and on the backs of the hands it is on the
    viewer's left. A profile shows one side only.
    """

    FRONT = "front"
    BACK = "back"
    TOP = "top"
    LEFT = "left"
    RIGHT = "right"
    FRONT_LEFT = "front_left"
    FRONT_RIGHT = "front_right"

    @property
    def patients_left_on_viewers_left(self) -> bool:
        return self in {Facing.BACK, Facing.TOP}


class Side(StrEnum):
    """The patient's side of a scheme point, or the midline."""

    MIDLINE = "midline"
    LEFT = "left"
    RIGHT = "right"


class Point(NamedTuple):
    """A position in mm; a tuple so it unpacks (`x, y = p`) and matches JSON's `[x, y]`."""

    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Zone:
    """A named part of a diagram; `area` ties it to the practitioner's treatment areas.

    `label_point` is a point guaranteed inside the polygon, for drawing the label and for tests;
    `bounds` is (min_x, min_y, max_x, max_y), kept so hit tests can skip far zones cheaply.
    """

    name: str
    label: str
    label_ru: str
    area: Area
    polygon: tuple[Point, ...]
    label_point: Point
    bounds: tuple[float, float, float, float]

    @property
    def region(self) -> Region:
        """Derived from the area so the two can never disagree."""
        return Region(self.area.region)


@dataclass(frozen=True, slots=True)
class Vertebra:
    """A spinous process on the back midline: its level ("T4") and height in mm."""

    label: str
    y_mm: float


@dataclass(frozen=True, slots=True)
class EarRowAnchors:
    """Where the ear-to-ear rows of the vascular scheme start, end and cross the midline."""

    left: Point
    right: Point
    apex: Point


@dataclass(frozen=True, slots=True)
class Diagram:
    """One chart: its size, midline, zones and (for the back) the vertebral levels."""

    name: DiagramName
    label: str
    label_ru: str
    facing: Facing
    width_mm: float
    height_mm: float
    midline_x_mm: float
    zones: tuple[Zone, ...]
    vertebrae: tuple[Vertebra, ...] = ()
    ear_row: EarRowAnchors | None = None

    def zone(self, name: str) -> Zone:
        """The zone with this code; a KeyError names the diagram, since codes repeat across them."""
        for zone in self.zones:
            if zone.name == name:
                return zone
        raise KeyError(f"no zone {name!r} on the {self.name} diagram")

    def vertebra(self, label: str) -> Vertebra:
        """The level with this label (case-insensitive), or a ValueError listing the valid ones."""
        wanted = label.strip().upper()
        for vertebra in self.vertebrae:
            if vertebra.label == wanted:
                return vertebra
        known = ", ".join(v.label for v in self.vertebrae) or "none"
        raise ValueError(
            f"unknown vertebral level {label!r} on the {self.name} diagram (known: {known})"
        )
