"""Injection marks as plain records: what the marks service returns and the diagram draws."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from mesodesk.domain.diagram import DiagramName, MarkGeometry, MarkShape, Point, load_diagram
from mesodesk.domain.diagram.depth import area_of, check_depth, region_of
from mesodesk.domain.diagram.model import Region
from mesodesk.domain.finding_texts import MARKS_AFFECTED
from mesodesk.domain.findings import Finding, Message
from mesodesk.domain.photo_marks import MarkPhoto
from mesodesk.domain.vocabulary import Area, Sex, Technique

DEFAULT_TECHNIQUE: dict[MarkShape, Technique] = {
    MarkShape.POINT: Technique.PINPOINT,
    MarkShape.LINE: Technique.LINEAR,
    MarkShape.AREA: Technique.NAPPAGE_MIDDLE,
}
"""What a mark drawn without a technique is counted as: a point is a pinpoint injection, a
line a retrograde thread, an area a nappage fill."""

DIAGRAM_AREA: dict[DiagramName, Area] = {
    DiagramName.FACE: Area.FACE,
    DiagramName.BACK: Area.VASCULAR,
    DiagramName.BODY_FRONT: Area.BODY,
    DiagramName.BODY_BACK: Area.BODY,
    DiagramName.FACE_FEMALE: Area.FACE,
    DiagramName.NECK_DECOLLETE: Area.NECK,
    DiagramName.SCALP: Area.SCALP,
    DiagramName.HANDS: Area.HANDS,
    DiagramName.FACE_3Q_LEFT: Area.FACE,
    DiagramName.FACE_3Q_RIGHT: Area.FACE,
    DiagramName.PROFILE_LEFT: Area.FACE,
    DiagramName.PROFILE_RIGHT: Area.FACE,
}
"""The area of a mark outside every zone: the back diagram is the vascular scheme's, a
close-up view's is what it shows (the neck's 4 mm holds on the neck and décolleté view)."""

FACE_VIEWS: frozenset[DiagramName] = frozenset(
    {
        DiagramName.FACE,
        DiagramName.FACE_FEMALE,
        DiagramName.FACE_3Q_LEFT,
        DiagramName.FACE_3Q_RIGHT,
        DiagramName.PROFILE_LEFT,
        DiagramName.PROFILE_RIGHT,
    }
)
"""The views of the face: the front (a man's or a woman's), turned three-quarters, in profile."""


@dataclass(frozen=True, slots=True)
class MarkRecord:
    """One mark of a visit. `id` is None until saved; `zone` is computed by the service.

    `volume_ml` is the volume of each injection, so an area's total is count times volume.
    What was injected is a cocktail (`cocktail_id`, its lots are the visit's lines of that
    cocktail) or one product from one lot (`lot_id`); both refer to the catalog, so a mark can
    say it before the visit's product lines are ever saved.

    A mark on one of the visit's photos has `photo` set: its points are in that photo's frame
    (mm, see `photo_marks`), its diagram is the photo's view's and it lies in no zone.
    """

    id: int | None
    visit_id: int
    diagram: DiagramName
    shape: MarkShape
    points: tuple[Point, ...]
    technique: Technique | None = None
    depth_mm: Decimal | None = None
    volume_ml: Decimal | None = None
    needle: str = ""
    lot_id: int | None = None
    cocktail_id: int | None = None
    zone: str | None = None
    note: str = ""
    version: int = 0
    photo: MarkPhoto | None = None

    @property
    def photo_id(self) -> int | None:
        return self.photo.id if self.photo is not None else None

    @property
    def counted_technique(self) -> Technique:
        """The technique the counting uses: the chosen one, else the shape's usual one."""
        return self.technique or DEFAULT_TECHNIQUE[self.shape]

    def geometry(self) -> MarkGeometry:
        return MarkGeometry(
            shape=self.shape,
            diagram=self.diagram,
            points=self.points,
            technique=self.counted_technique,
            volume_per_injection_ml=self.volume_ml or Decimal(0),
            photo_id=self.photo_id,
        )


def mark_area(diagram: DiagramName, zone: str | None) -> Area:
    """Where a mark's depth limit comes from: its zone's area, else its diagram's."""
    if zone:
        try:
            return area_of(load_diagram(diagram).zone(zone).area)
        except (KeyError, ValueError):
            pass
    return DIAGRAM_AREA[DiagramName(diagram)]


def mark_region(diagram: DiagramName, zone: str | None) -> Region:
    """The region of a mark's area (face, body or the vascular scheme)."""
    return region_of(mark_area(diagram, zone))


def mark_depth_findings(mark: MarkRecord) -> list[Finding]:
    """The depth check of one mark: its area's limit, its technique's range, its needle."""
    if mark.depth_mm is None:
        return []
    return check_depth(
        mark_area(mark.diagram, mark.zone), mark.counted_technique, mark.depth_mm, mark.needle
    )


def visit_depth_findings(marks: Sequence[MarkRecord]) -> list[Finding]:
    """The depth findings of a visit's marks, one per rule and subject (`depth:face`), worst
    first: each shows its deepest mark and how many marks it concerns."""
    found: dict[str, list[Finding]] = {}
    deepest_first = sorted(
        (m for m in marks if m.depth_mm is not None), key=lambda m: -(m.depth_mm or 0)
    )
    for mark in deepest_first:
        for finding in mark_depth_findings(mark):
            found.setdefault(finding.key, []).append(finding)
    findings = []
    for same in found.values():
        first = same[0]
        if len(same) > 1 and first.message is not None:
            message = Message(MARKS_AFFECTED, {"finding": first.message, "count": len(same)})
            first = Finding.of(first.code, first.subject, first.severity, message, first.source)
        findings.append(first)
    return sorted(findings, key=lambda f: -f.severity.rank)


def front_face(sex: Sex | None) -> DiagramName:
    """The front view of the face for a patient: a woman's for women, else the man's (the
    face the app has always shown, also for a sex not stated)."""
    return DiagramName.FACE_FEMALE if sex is Sex.FEMALE else DiagramName.FACE


def default_diagram(
    marks: Sequence[MarkRecord], areas: Sequence[Area] = (), sex: Sex | None = None
) -> DiagramName:
    """The diagram a visit opens on: the one with the most marks; else the back for vascular
    work; else the view that shows every area the visit treats (the scalp, the hands, the
    neck and décolleté, the body from the front or the back; the body's front when it treats
    both sides); else the face, a woman's for a woman."""
    charted = [m for m in marks if m.photo is None]
    if charted:
        counts = Counter(m.diagram for m in charted)
        return max(DiagramName, key=lambda name: counts[name])
    if Area.VASCULAR in areas:
        return DiagramName.BACK
    views = {AREA_VIEWS.get(area) for area in areas}
    if len(views) == 1 and None not in views:
        return next(view for view in views if view is not None)
    if views and views <= {DiagramName.BODY_FRONT, DiagramName.BODY_BACK}:
        return DiagramName.BODY_FRONT
    return front_face(sex)


AREA_VIEWS: dict[Area, DiagramName] = {
    Area.SCALP: DiagramName.SCALP,
    Area.HANDS: DiagramName.HANDS,
    Area.NECK: DiagramName.NECK_DECOLLETE,
    Area.DECOLLETE: DiagramName.NECK_DECOLLETE,
    Area.STOMACH: DiagramName.BODY_FRONT,
    Area.LEGS: DiagramName.BODY_FRONT,
    Area.BODY: DiagramName.BODY_FRONT,
    Area.BACK: DiagramName.BODY_BACK,
    Area.HIPS_BUTTOCKS: DiagramName.BODY_BACK,
}
"""The view for a visit that treats only this area; the face's areas open the front face."""


def diagrams_by_use(marks: Sequence[MarkRecord]) -> list[DiagramName]:
    """The diagrams that have marks, the most marked first (ties in the usual order); marks on
    photos are drawn on their photos, not on a diagram."""
    counts = {
        name: sum(m.diagram == name and m.photo is None for m in marks) for name in DiagramName
    }
    return sorted((n for n in DiagramName if counts[n]), key=lambda n: -counts[n])
