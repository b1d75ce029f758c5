"""Needle depth checks: the limit of the region, then the range of the technique.

Limits (domain brief): face at most 4 mm (seed 003), vascular scheme up to 10 mm (seed 000),
body up to 13 mm (seed 001). Technique depths (seed 001): pinpoint 4 mm, nappage 1-4 mm split
into three bands, papular 1-2 mm, infiltration up to 13 mm; linear gives no depth. A depth out
of range is a warning for the practitioner to confirm, not a block: the texts' numbers are
guides. A depth of 0 mm or less cannot be an injection and blocks until corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mesodesk.domain.diagram.model import Region
from mesodesk.domain.findings import Finding, Severity
from mesodesk.domain.vocabulary import Area, Technique


@dataclass(frozen=True, slots=True)
class DepthLimit:
    """The deepest an injection may go in a region, and the seed text that says so."""

    max_mm: Decimal
    words: str
    source: str


@dataclass(frozen=True, slots=True)
class DepthRange:
    """A technique's working depth; `min_mm` None means anything above 0 mm."""

    min_mm: Decimal | None
    max_mm: Decimal
    source: str = "001"

    def text(self) -> str:
        if self.min_mm is None:
            return f"up to {_mm(self.max_mm)} mm"
        return f"{_mm(self.min_mm)}-{_mm(self.max_mm)} mm"


REGION_LIMITS: dict[Region, DepthLimit] = {
    Region.FACE: DepthLimit(Decimal(4), "the face", "003"),
    Region.VASCULAR: DepthLimit(Decimal(10), "the vascular scheme", "000"),
    Region.BODY: DepthLimit(Decimal(13), "the body", "001"),
}

TECHNIQUE_DEPTHS: dict[Technique, DepthRange] = {
    Technique.PINPOINT: DepthRange(None, Decimal(4)),
    Technique.NAPPAGE_SUPERFICIAL: DepthRange(Decimal(1), Decimal(2)),
    Technique.NAPPAGE_MIDDLE: DepthRange(Decimal(2), Decimal(3)),
    Technique.NAPPAGE_DEEP: DepthRange(Decimal(3), Decimal(4)),
    Technique.PAPULAR: DepthRange(Decimal(1), Decimal(2)),
    Technique.INFILTRATION: DepthRange(None, Decimal(13)),
}
"""Nappage's 1-4 mm (superficial, middle, deep) as contiguous bands 1-2, 2-3 and 3-4 mm."""


def _mm(value: Decimal) -> str:
    return f"{float(value):g}"


def region_of(region_or_area: Region | Area | str) -> Region:
    """A region from a region, an area or either's code (e.g. a zone's `area`)."""
    if isinstance(region_or_area, Area):
        return Region(region_or_area.region)
    code = str(region_or_area)
    if code in Region._value2member_map_:
        return Region(code)
    if code in Area._value2member_map_:
        return Region(Area(code).region)
    raise ValueError(f"unknown region or area {code!r}")


def check_depth(
    region_or_area: Region | Area | str,
    technique: Technique,
    depth_mm: Decimal | float | int,
) -> list[Finding]:
    """Findings for an injection depth: empty when it is within both limits."""
    depth = depth_mm if isinstance(depth_mm, Decimal) else Decimal(str(depth_mm))
    if depth <= 0:
        return [
            Finding(
                "depth_not_positive",
                Severity.BLOCK,
                f"Injection depth must be more than 0 mm, got {_mm(depth)} mm.",
            )
        ]
    findings: list[Finding] = []
    limit = REGION_LIMITS[region_of(region_or_area)]
    if depth > limit.max_mm:
        findings.append(
            Finding(
                "depth_over_region_limit",
                Severity.WARNING,
                f"{_mm(depth)} mm is deeper than the {_mm(limit.max_mm)} mm limit for "
                f"{limit.words} (seed {limit.source}).",
                limit.source,
            )
        )
    band = TECHNIQUE_DEPTHS.get(technique)
    if band is not None and (
        depth > band.max_mm or (band.min_mm is not None and depth < band.min_mm)
    ):
        findings.append(
            Finding(
                "depth_outside_technique_range",
                Severity.WARNING,
                f"{_mm(depth)} mm is outside the {technique.label().lower()} range of "
                f"{band.text()} (seed {band.source}).",
                band.source,
            )
        )
    return findings
