"""Needle depth checks: the area's limit first, then the technique's range inside it.

Every treatment area has its own limit (`AREA_DEPTHS`), each with its source: the texts give
the face at most 4 mm (Face Mesotherapy: Description, Contraindications, Reviews), the vascular
scheme up to 10 mm (Vascular mesotherapy: drugs, effectiveness, contraindications) and the body
up to 13 mm (Mesotherapy: techniques, cocktails and courses). Neck, décolleté, hands and scalp
are named by no text; their limits are clinical defaults, marked as such, with the reason.

Technique depths (Mesotherapy: techniques, cocktails and courses): pinpoint 4 mm, nappage 1-4
mm split into three bands, papular 1-2 mm, infiltration up to 13 mm; linear gives no depth. A
technique's range applies inside the area's limit, so an injection deeper than the area allows
is reported once, as the area's. The vascular scheme's points are pinpoint injections judged
by the scheme's own limit (up to 10 mm), not by the classic pinpoint 4 mm.

A depth beyond the area or the technique is a warning for the practitioner to confirm: the
texts' numbers are guides. A depth of 0 mm or less, or deeper than the needle is long, cannot
be what was done and blocks until corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from mesodesk.domain.diagram.model import Region
from mesodesk.domain.finding_texts import (
    DEPTH_AREA_LIMIT,
    DEPTH_BEYOND_NEEDLE,
    DEPTH_NOT_POSITIVE,
    DEPTH_RANGE_BAND,
    DEPTH_RANGE_UP_TO,
    DEPTH_TECHNIQUE_RANGE,
    technique_name,
)
from mesodesk.domain.findings import Finding, Localized, Message, Severity
from mesodesk.domain.sources import CLINICAL_DEFAULT, source_titles
from mesodesk.domain.vocabulary import Area, Technique

DEPTH_NOT_POSITIVE_CODE = "depth_not_positive"
DEPTH_CODE = "depth"
"""Deeper than the area's limit; the subject is the area (`depth:face`, `depth:vascular`)."""
TECHNIQUE_DEPTH_CODE = "technique_depth"
"""Outside the technique's range; the subject is the technique (`technique_depth:pinpoint`)."""
NEEDLE_DEPTH_CODE = "needle_depth"
"""Deeper than the needle is long; the subject is the needle's length in mm (`needle_depth:4`)."""

_NEEDLE_LENGTH = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:mm|мм)(?![a-zа-я])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AreaDepth:
    """The deepest an injection may go in one area, and where that number comes from.

    `name` is how a sentence names the area ("the face" / "лица"); `source` is a seed id or
    `CLINICAL_DEFAULT`, and `why` gives the reason for a clinical default.
    """

    area: Area
    max_mm: Decimal
    name: Localized
    source: str
    why: str = ""

    @property
    def is_clinical_default(self) -> bool:
        return self.source == CLINICAL_DEFAULT

    def source_title(self, language: str = "en") -> str:
        """The title of the text the limit comes from, or "clinical default"."""
        return source_titles(self.source, language)


@dataclass(frozen=True, slots=True)
class DepthRange:
    """A technique's working depth; `min_mm` None means anything above 0 mm."""

    min_mm: Decimal | None
    max_mm: Decimal
    source: str = "001"

    def text(self) -> str:
        return self.message().render()

    def message(self) -> Message:
        if self.min_mm is None:
            return Message(DEPTH_RANGE_UP_TO, {"max": self.max_mm})
        return Message(DEPTH_RANGE_BAND, {"min": self.min_mm, "max": self.max_mm})


def _area(area: Area, mm: int, en: str, ru: str, source: str, why: str = "") -> AreaDepth:
    return AreaDepth(area, Decimal(mm), Localized(en, ru), source, why)


AREA_DEPTHS: dict[Area, AreaDepth] = {
    a.area: a
    for a in (
        _area(Area.FACE, 4, "the face", "лица", "003"),
        _area(Area.EYES, 4, "the periorbital area", "периорбитальной зоны", "003"),
        _area(Area.NOSE_NASOLABIAL, 4, "the nose and nasolabial folds", "носогубной зоны", "003"),
        _area(Area.LIPS, 4, "the lips", "губ", "003"),
        _area(Area.CHIN, 4, "the chin", "подбородка", "003"),
        _area(
            Area.NECK,
            4,
            "the neck",
            "шеи",
            CLINICAL_DEFAULT,
            "Thin skin over shallow vessels: held to the face's 4 mm, not the body's 13 mm.",
        ),
        _area(
            Area.DECOLLETE,
            4,
            "the décolleté",
            "зоны декольте",
            CLINICAL_DEFAULT,
            "Thin skin of the upper chest: held to the face's 4 mm, not the body's 13 mm.",
        ),
        _area(
            Area.HANDS,
            2,
            "the hands",
            "кистей рук",
            CLINICAL_DEFAULT,
            "The back of the hand has very thin skin right over veins and tendons: "
            "superficial work only (papular, superficial nappage).",
        ),
        _area(
            Area.SCALP,
            4,
            "the scalp",
            "волосистой части головы",
            CLINICAL_DEFAULT,
            "The hair follicles lie within about 4 mm; deeper only reaches the aponeurosis, "
            "with more pain and bleeding and no benefit.",
        ),
        _area(Area.STOMACH, 13, "the stomach", "живота", "001"),
        _area(Area.BACK, 13, "the back", "спины", "001"),
        _area(Area.HIPS_BUTTOCKS, 13, "the hips and buttocks", "бёдер и ягодиц", "001"),
        _area(Area.LEGS, 13, "the legs", "ног", "001"),
        _area(Area.BODY, 13, "the body", "тела", "001"),
        _area(Area.VASCULAR, 10, "the vascular scheme", "сосудистой схемы", "000"),
    )
}
"""Every area's depth limit; the documents and the screening read the same table."""

TECHNIQUE_DEPTHS: dict[Technique, DepthRange] = {
    Technique.PINPOINT: DepthRange(None, Decimal(4)),
    Technique.NAPPAGE_SUPERFICIAL: DepthRange(Decimal(1), Decimal(2)),
    Technique.NAPPAGE_MIDDLE: DepthRange(Decimal(2), Decimal(3)),
    Technique.NAPPAGE_DEEP: DepthRange(Decimal(3), Decimal(4)),
    Technique.PAPULAR: DepthRange(Decimal(1), Decimal(2)),
    Technique.INFILTRATION: DepthRange(None, Decimal(13)),
}
"""Nappage's 1-4 mm (superficial, middle, deep) as contiguous bands 1-2, 2-3 and 3-4 mm."""

AREA_TECHNIQUE_DEPTHS: dict[tuple[Area, Technique], DepthRange] = {
    (Area.VASCULAR, Technique.PINPOINT): DepthRange(None, Decimal(10), "000"),
}
"""Where an area's own method replaces a technique's usual range: the vascular scheme's
points are injected up to the scheme's 10 mm."""

_REGION_AREA = {Region.FACE: Area.FACE, Region.BODY: Area.BODY, Region.VASCULAR: Area.VASCULAR}


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


def area_of(region_or_area: Region | Area | str) -> Area:
    """The area whose limit applies: an area as it is, a region as its general area."""
    if isinstance(region_or_area, Area):
        return region_or_area
    if isinstance(region_or_area, Region):
        return _REGION_AREA[region_or_area]
    code = str(region_or_area)
    if code in Area._value2member_map_:
        return Area(code)
    if code in Region._value2member_map_:
        return _REGION_AREA[Region(code)]
    raise ValueError(f"unknown region or area {code!r}")


def technique_range(area: Area, technique: Technique) -> DepthRange | None:
    """The technique's working depth in this area, or None when the technique gives none."""
    return AREA_TECHNIQUE_DEPTHS.get((area, technique), TECHNIQUE_DEPTHS.get(technique))


def needle_length_mm(needle: str) -> Decimal | None:
    """The needle's length from how it is written ("30G 4 mm", "32G 13mm", "27G x 13 мм").

    None when no length in millimetres is written (a gauge alone says nothing of length).
    """
    found = _NEEDLE_LENGTH.findall(needle)
    if not found:
        return None
    try:
        length = Decimal(found[-1].replace(",", "."))
    except InvalidOperation:
        return None
    return length if length > 0 else None


def check_depth(
    region_or_area: Region | Area | str,
    technique: Technique,
    depth_mm: Decimal | float | int,
    needle: str = "",
) -> list[Finding]:
    """Findings for an injection depth: empty when it is within every limit."""
    depth = depth_mm if isinstance(depth_mm, Decimal) else Decimal(str(depth_mm))
    if depth <= 0:
        return [
            Finding.of(
                DEPTH_NOT_POSITIVE_CODE,
                "",
                Severity.BLOCK,
                Message(DEPTH_NOT_POSITIVE, {"depth": depth}),
            )
        ]
    findings: list[Finding] = []
    length = needle_length_mm(needle)
    if length is not None and depth > length:
        findings.append(
            Finding.of(
                NEEDLE_DEPTH_CODE,
                _mm(length),
                Severity.BLOCK,
                Message(
                    DEPTH_BEYOND_NEEDLE,
                    {"depth": depth, "needle": needle.strip(), "length": length},
                ),
            )
        )
    area = area_of(region_or_area)
    limit = AREA_DEPTHS[area]
    if depth > limit.max_mm:
        findings.append(
            Finding.of(
                DEPTH_CODE,
                area.value,
                Severity.WARNING,
                Message(
                    DEPTH_AREA_LIMIT,
                    {
                        "depth": depth,
                        "limit": limit.max_mm,
                        "area": limit.name,
                        "source": _source(limit.source),
                    },
                ),
                limit.source,
            )
        )
        return findings
    band = technique_range(area, technique)
    if band is not None and (
        depth > band.max_mm or (band.min_mm is not None and depth < band.min_mm)
    ):
        findings.append(
            Finding.of(
                TECHNIQUE_DEPTH_CODE,
                technique.value,
                Severity.WARNING,
                Message(
                    DEPTH_TECHNIQUE_RANGE,
                    {
                        "depth": depth,
                        "technique": technique_name(technique),
                        "range": band.message(),
                        "source": _source(band.source),
                    },
                ),
                band.source,
            )
        )
    return findings


def _source(source: str) -> Localized:
    return Localized(source_titles(source, "en"), source_titles(source, "ru"))


def _mm(value: Decimal) -> str:
    return f"{value.normalize():f}"
