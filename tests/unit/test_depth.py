"""Needle depth: the area's limit first, the technique's range inside it, the needle's length."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from mesodesk.domain.diagram import DiagramName, MarkShape, Point, Region, check_depth
from mesodesk.domain.diagram.depth import (
    AREA_DEPTHS,
    TECHNIQUE_DEPTHS,
    area_of,
    needle_length_mm,
    technique_range,
)
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import MarkRecord, mark_depth_findings, visit_depth_findings
from mesodesk.domain.sources import CLINICAL_DEFAULT, SOURCE_TITLES
from mesodesk.domain.vocabulary import Area, Technique


def keys(findings: list) -> list[str]:
    return [f.key for f in findings]


# Area by area


@pytest.mark.parametrize(
    ("area", "limit", "source"),
    [
        (Area.FACE, 4, "003"),
        (Area.EYES, 4, "003"),
        (Area.NOSE_NASOLABIAL, 4, "003"),
        (Area.LIPS, 4, "003"),
        (Area.CHIN, 4, "003"),
        (Area.NECK, 4, CLINICAL_DEFAULT),
        (Area.DECOLLETE, 4, CLINICAL_DEFAULT),
        (Area.HANDS, 2, CLINICAL_DEFAULT),
        (Area.SCALP, 4, CLINICAL_DEFAULT),
        (Area.STOMACH, 13, "001"),
        (Area.BACK, 13, "001"),
        (Area.HIPS_BUTTOCKS, 13, "001"),
        (Area.LEGS, 13, "001"),
        (Area.BODY, 13, "001"),
        (Area.VASCULAR, 10, "000"),
    ],
)
def test_every_area_has_its_own_limit_with_its_source(area: Area, limit: int, source: str) -> None:
    entry = AREA_DEPTHS[area]
    assert (entry.max_mm, entry.source) == (Decimal(limit), source)
    assert entry.is_clinical_default is (source == CLINICAL_DEFAULT)
    assert bool(entry.why) is entry.is_clinical_default
    assert check_depth(area, Technique.LINEAR, limit) == []
    (finding,) = check_depth(area, Technique.LINEAR, Decimal(limit) + Decimal("0.5"))
    assert finding.key == f"depth:{area.value}"
    assert finding.severity is Severity.WARNING
    title = SOURCE_TITLES.get(source, "clinical default")
    assert finding.reason == (
        f"{Decimal(limit) + Decimal('0.5')} mm is deeper than the {limit} mm limit for "
        f"{entry.name.en} ({title})."
    )
    assert "seed" not in finding.reason and not re.search(r"\(\d{3}\)", finding.reason)
    assert f"для {entry.name.ru}" in finding.text("ru")


def test_every_area_is_in_the_table() -> None:
    assert set(AREA_DEPTHS) == set(Area)


def test_hands_and_scalp_no_longer_get_the_bodys_13_mm() -> None:
    assert keys(check_depth(Area.HANDS, Technique.LINEAR, 3)) == ["depth:hands"]
    assert keys(check_depth(Area.SCALP, Technique.LINEAR, 6)) == ["depth:scalp"]
    assert check_depth(Area.STOMACH, Technique.INFILTRATION, 12) == []


# The vascular scheme


@pytest.mark.parametrize("depth", [4, 6, 8, 10])
def test_the_vascular_scheme_is_judged_by_its_own_10_mm_limit(depth: int) -> None:
    assert check_depth(Area.VASCULAR, Technique.PINPOINT, depth) == []
    assert check_depth(Region.VASCULAR, Technique.PINPOINT, depth) == []


def test_the_vascular_scheme_deeper_than_10_mm_warns_once_as_the_schemes_limit() -> None:
    (finding,) = check_depth(Area.VASCULAR, Technique.PINPOINT, Decimal("10.5"))
    assert finding.key == "depth:vascular"
    assert "Vascular mesotherapy: drugs, effectiveness, contraindications" in finding.reason


def test_pinpoint_keeps_its_4_mm_range_outside_the_vascular_scheme() -> None:
    (finding,) = check_depth(Area.BACK, Technique.PINPOINT, 6)
    assert finding.key == "technique_depth:pinpoint"
    assert finding.reason == (
        "6 mm is outside the pinpoint (point by point) range of up to 4 mm "
        "(Mesotherapy: techniques, cocktails and courses)."
    )
    assert (
        technique_range(Area.VASCULAR, Technique.PINPOINT) != TECHNIQUE_DEPTHS[Technique.PINPOINT]
    )


def _scheme_point(depth: str, zone: str = "thoracic") -> MarkRecord:
    return MarkRecord(
        id=None,
        visit_id=1,
        diagram=DiagramName.BACK,
        shape=MarkShape.POINT,
        points=(Point(200, 300),),
        technique=Technique.PINPOINT,
        depth_mm=Decimal(depth),
        needle="30G 13 mm",
        zone=zone,
    )


@pytest.mark.parametrize("zone", ["cervical", "thoracic", "lumbar", "sacral", None])
def test_a_default_vascular_scheme_at_6_mm_screens_clean(zone: str | None) -> None:
    marks = [_scheme_point("6", zone) for _ in range(12)]
    assert visit_depth_findings(marks) == []
    assert visit_depth_findings([_scheme_point("10", zone)]) == []


def test_a_vascular_scheme_at_11_mm_is_one_finding_for_all_its_marks() -> None:
    marks = [_scheme_point("11") for _ in range(5)] + [_scheme_point("12")]
    (finding,) = visit_depth_findings(marks)
    assert finding.key == "depth:vascular"
    assert finding.reason.startswith("12 mm is deeper than the 10 mm limit")
    assert finding.reason.endswith("Marks affected: 6.")
    assert finding.text("ru").endswith("Отметок: 6.")


# A technique inside its area


def test_a_technique_range_applies_inside_the_area_limit() -> None:
    assert check_depth(Area.FACE, Technique.PINPOINT, 3) == []
    assert keys(check_depth(Area.FACE, Technique.PINPOINT, 6)) == ["depth:face"]
    assert keys(check_depth(Area.FACE, Technique.INFILTRATION, 6)) == ["depth:face"]
    assert keys(check_depth(Area.FACE, Technique.PAPULAR, 3)) == ["technique_depth:papular"]


@pytest.mark.parametrize(
    ("technique", "inside", "outside"),
    [
        (Technique.PINPOINT, [0.5, 4], [4.5]),
        (Technique.NAPPAGE_SUPERFICIAL, [1, 1.5, 2], [0.5, 2.5]),
        (Technique.NAPPAGE_MIDDLE, [2, 3], [1.5, 3.5]),
        (Technique.NAPPAGE_DEEP, [3, 4], [2.5]),
        (Technique.PAPULAR, [1, 2], [0.8, 3]),
        (Technique.INFILTRATION, [1, 13], []),
        (Technique.LINEAR, [0.5, 13], []),
    ],
)
def test_technique_ranges_on_the_body(
    technique: Technique, inside: list[float], outside: list[float]
) -> None:
    for depth in inside:
        assert check_depth(Area.BODY, technique, depth) == [], depth
    for depth in outside:
        assert keys(check_depth(Area.BODY, technique, depth)) == [
            f"technique_depth:{technique.value}"
        ]


def test_papular_reason_names_the_range_in_both_languages() -> None:
    (finding,) = check_depth(Area.BODY, Technique.PAPULAR, 3)
    assert finding.reason == (
        "3 mm is outside the papular range of 1-2 mm "
        "(Mesotherapy: techniques, cocktails and courses)."
    )
    assert finding.text("ru").startswith("3 мм — вне диапазона папульной техники: 1–2 мм")


# The needle


@pytest.mark.parametrize(
    ("needle", "length"),
    [
        ("30G 4 mm", "4"),
        ("32G 13mm", "13"),
        ("27G x 13 мм", "13"),
        ("30G/4MM", "4"),
        ("0,3 x 4 мм", "4"),
        ("4 мм 30G", "4"),
        ("30G 12,5 mm", "12.5"),
        ("30G", None),
        ("", None),
        ("13 mmHg", None),
    ],
)
def test_the_needle_length_is_read_as_written(needle: str, length: str | None) -> None:
    assert needle_length_mm(needle) == (Decimal(length) if length else None)


def test_a_depth_deeper_than_the_needle_is_an_error() -> None:
    findings = check_depth(Area.BODY, Technique.INFILTRATION, 6, needle="30G 4 mm")
    assert keys(findings) == ["needle_depth:4"]
    assert findings[0].severity is Severity.BLOCK
    assert findings[0].reason == (
        "6 mm is deeper than the needle is long (30G 4 mm: 4 mm): correct the depth or the needle."
    )
    assert check_depth(Area.BODY, Technique.INFILTRATION, 4, needle="30G 4 mm") == []
    assert check_depth(Area.BODY, Technique.INFILTRATION, 6, needle="30G") == []


def test_a_marks_needle_is_checked_with_its_depth() -> None:
    mark = _scheme_point("6")
    assert mark_depth_findings(mark) == []
    short = MarkRecord(**{**{f: getattr(mark, f) for f in mark.__slots__}, "needle": "32G 4mm"})
    assert keys(mark_depth_findings(short)) == ["needle_depth:4"]


# Edges


@pytest.mark.parametrize("depth", [0, -1, Decimal("0.0")])
def test_a_depth_of_zero_or_less_blocks_and_says_why(depth: float | Decimal) -> None:
    (finding,) = check_depth(Area.FACE, Technique.PINPOINT, depth)
    assert finding.key == "depth_not_positive"
    assert finding.severity is Severity.BLOCK
    assert "more than 0 mm" in finding.reason


def test_regions_and_codes_work_as_their_areas() -> None:
    assert area_of(Region.FACE) is Area.FACE
    assert area_of("neck") is Area.NECK
    assert area_of("vascular") is Area.VASCULAR
    assert keys(check_depth(Area.LIPS, Technique.LINEAR, 5)) == ["depth:lips"]
    assert keys(check_depth("neck", Technique.LINEAR, 5)) == ["depth:neck"]
    assert check_depth("vascular", Technique.LINEAR, 9) == []


def test_decimal_and_float_depths_agree_at_the_limit() -> None:
    assert check_depth(Area.FACE, Technique.NAPPAGE_DEEP, Decimal("4.0")) == []
    assert check_depth(Area.FACE, Technique.NAPPAGE_DEEP, 4.0) == []
    assert check_depth(Area.FACE, Technique.NAPPAGE_DEEP, 4.01) != []


def test_an_unknown_region_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown region or area 'elbow'"):
        check_depth("elbow", Technique.PINPOINT, 3)
