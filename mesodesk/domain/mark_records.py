"""Injection marks as plain records: what the marks service returns and the diagram draws."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from mesodesk.domain.diagram import DiagramName, MarkGeometry, MarkShape, Point, load_diagram
from mesodesk.domain.diagram.depth import check_depth, region_of
from mesodesk.domain.diagram.model import Region
from mesodesk.domain.findings import Finding
from mesodesk.domain.vocabulary import Area, Technique

DEFAULT_TECHNIQUE: dict[MarkShape, Technique] = {
    MarkShape.POINT: Technique.PINPOINT,
    MarkShape.LINE: Technique.LINEAR,
    MarkShape.AREA: Technique.NAPPAGE_MIDDLE,
}
"""What a mark drawn without a technique is counted as: a point is a pinpoint injection, a
line a retrograde thread, an area a nappage fill."""

DIAGRAM_REGION: dict[DiagramName, Region] = {
    DiagramName.FACE: Region.FACE,
    DiagramName.BACK: Region.VASCULAR,
    DiagramName.BODY_FRONT: Region.BODY,
    DiagramName.BODY_BACK: Region.BODY,
}
"""The depth limit for a mark outside every zone: the back diagram is the vascular scheme's."""


@dataclass(frozen=True, slots=True)
class MarkRecord:
    """One mark of a visit. `id` is None until saved; `zone` is computed by the service.

    `volume_ml` is the volume of each injection, so an area's total is count times volume.
    What was injected is a cocktail (`cocktail_id`, its lots are the visit's lines of that
    cocktail) or one product from one lot (`lot_id`); both refer to the catalog, so a mark can
    say it before the visit's product lines are ever saved.
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
        )


def mark_region(diagram: DiagramName, zone: str | None) -> Region:
    """Where a mark's depth limit comes from: its zone's area, else its diagram."""
    if zone:
        try:
            return region_of(load_diagram(diagram).zone(zone).area)
        except KeyError:
            pass
    return DIAGRAM_REGION[DiagramName(diagram)]


def mark_depth_findings(mark: MarkRecord) -> list[Finding]:
    """The depth check of one mark against its zone's region (or its diagram's)."""
    if mark.depth_mm is None:
        return []
    return check_depth(mark_region(mark.diagram, mark.zone), mark.counted_technique, mark.depth_mm)


def default_diagram(marks: Sequence[MarkRecord], areas: Sequence[Area] = ()) -> DiagramName:
    """The diagram a visit opens on: the one with the most marks; else the back for vascular
    work; else the face."""
    if marks:
        counts = {name: sum(m.diagram == name for m in marks) for name in DiagramName}
        return max(DiagramName, key=lambda name: counts[name])
    return DiagramName.BACK if Area.VASCULAR in areas else DiagramName.FACE


def diagrams_by_use(marks: Sequence[MarkRecord]) -> list[DiagramName]:
    """The diagrams that have marks, the most marked first (ties in the usual order)."""
    counts = {name: sum(m.diagram == name for m in marks) for name in DiagramName}
    return sorted((n for n in DiagramName if counts[n]), key=lambda n: -counts[n])
