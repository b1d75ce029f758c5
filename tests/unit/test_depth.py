"""Needle depth against the limits of the region and the range of the technique."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mesodesk.domain.diagram import Region, check_depth
from mesodesk.domain.findings import Severity
from mesodesk.domain.vocabulary import Area, Technique


def codes(findings: list) -> list[str]:
    return [f.code for f in findings]


def test_six_mm_on_the_face_is_a_warning_and_three_mm_is_fine() -> None:
    assert check_depth(Region.FACE, Technique.PINPOINT, 3) == []
    (finding,) = check_depth(Region.FACE, Technique.LINEAR, 6)
    assert finding.code == "depth_over_region_limit"
    assert finding.severity is Severity.WARNING
    assert finding.reason == "6 mm is deeper than the 4 mm limit for the face (seed 003)."
    assert finding.source == "003"


def test_pinpoint_at_six_mm_on_the_face_breaks_both_the_region_and_the_technique() -> None:
    findings = check_depth(Region.FACE, Technique.PINPOINT, 6)
    assert codes(findings) == ["depth_over_region_limit", "depth_outside_technique_range"]
    assert findings[1].reason == (
        "6 mm is outside the pinpoint (point by point) range of up to 4 mm (seed 001)."
    )


@pytest.mark.parametrize(
    ("region", "allowed", "too_deep", "words"),
    [
        (Region.FACE, 4, 4.5, "4 mm limit for the face (seed 003)"),
        (Region.VASCULAR, 10, 10.5, "10 mm limit for the vascular scheme (seed 000)"),
        (Region.BODY, 13, 14, "13 mm limit for the body (seed 001)"),
    ],
)
def test_region_limits_are_inclusive(
    region: Region, allowed: float, too_deep: float, words: str
) -> None:
    assert check_depth(region, Technique.LINEAR, allowed) == []
    (finding,) = check_depth(region, Technique.LINEAR, too_deep)
    assert finding.reason.endswith(words + ".")


@pytest.mark.parametrize(
    ("technique", "inside", "outside"),
    [
        (Technique.PINPOINT, [0.5, 4], [4.5]),
        (Technique.NAPPAGE_SUPERFICIAL, [1, 1.5, 2], [0.5, 2.5]),
        (Technique.NAPPAGE_MIDDLE, [2, 3], [1.5, 3.5]),
        (Technique.NAPPAGE_DEEP, [3, 4], [2.5]),
        (Technique.PAPULAR, [1, 2], [0.8, 3]),
        (Technique.INFILTRATION, [1, 13], [13.5]),
        (Technique.LINEAR, [0.5, 13], []),
    ],
)
def test_technique_ranges_on_the_body(
    technique: Technique, inside: list[float], outside: list[float]
) -> None:
    for depth in inside:
        assert check_depth(Region.BODY, technique, depth) == [], depth
    for depth in outside:
        assert "depth_outside_technique_range" in codes(check_depth(Region.BODY, technique, depth))


def test_papular_reason_names_the_range() -> None:
    (finding,) = check_depth(Region.BODY, Technique.PAPULAR, 3)
    assert finding.reason == "3 mm is outside the papular range of 1-2 mm (seed 001)."


@pytest.mark.parametrize("depth", [0, -1, Decimal("0.0")])
def test_a_depth_of_zero_or_less_blocks_and_says_why(depth: float | Decimal) -> None:
    (finding,) = check_depth(Region.FACE, Technique.PINPOINT, depth)
    assert finding.code == "depth_not_positive"
    assert finding.severity is Severity.BLOCK
    assert "more than 0 mm" in finding.reason


def test_areas_and_codes_work_like_regions() -> None:
    assert codes(check_depth(Area.LIPS, Technique.LINEAR, 5)) == ["depth_over_region_limit"]
    assert check_depth(Area.VASCULAR, Technique.LINEAR, 8) == []
    assert check_depth(Area.STOMACH, Technique.INFILTRATION, 12) == []
    assert codes(check_depth("neck", Technique.LINEAR, 5)) == ["depth_over_region_limit"]
    assert check_depth("vascular", Technique.LINEAR, 9) == []


def test_decimal_and_float_depths_agree_at_the_limit() -> None:
    assert check_depth(Region.FACE, Technique.NAPPAGE_DEEP, Decimal("4.0")) == []
    assert check_depth(Region.FACE, Technique.NAPPAGE_DEEP, 4.0) == []
    assert check_depth(Region.FACE, Technique.NAPPAGE_DEEP, 4.01) != []


def test_an_unknown_region_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown region or area 'elbow'"):
        check_depth("elbow", Technique.PINPOINT, 3)
