"""The chart as the record: areas and techniques from marks, volumes against product lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mesodesk.domain.chart import (
    CHART_UNRECORDED_CODE,
    CHART_VOLUME_CODE,
    Injected,
    charted_areas,
    charted_techniques,
    lines_from_chart,
    lot_name,
    marks_for_visit,
    reconcile,
    split_volume,
    template_mark,
)
from mesodesk.domain.diagram import (
    DiagramName,
    MarkShape,
    Point,
    injection_points,
    load_diagram,
    zone_totals,
)
from mesodesk.domain.findings import Localized, Severity
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.records import (
    CocktailLineRecord,
    CocktailRecord,
    LotRecord,
    ProductLineRecord,
)
from mesodesk.domain.vocabulary import Area, Technique

FACE = load_diagram(DiagramName.FACE)
DAY = date(2026, 12, 2)


def _point(zone: str, volume: str | None = None, **kw) -> MarkRecord:
    x, y = FACE.zone(zone).label_point
    return MarkRecord(
        None,
        1,
        DiagramName.FACE,
        MarkShape.POINT,
        (Point(x, y),),
        volume_ml=Decimal(volume) if volume else None,
        **kw,
    )


def _line_between(first: str, second: str, technique=Technique.PINPOINT) -> MarkRecord:
    return MarkRecord(
        None,
        1,
        DiagramName.FACE,
        MarkShape.LINE,
        (FACE.zone(first).label_point, FACE.zone(second).label_point),
        technique=technique,
        volume_ml=Decimal("0.1"),
    )


def test_areas_and_techniques_come_from_the_marks_in_the_vocabularys_order():
    marks = [
        _point("nose", technique=Technique.PAPULAR),
        _point("forehead"),
        _point("neck", technique=Technique.NAPPAGE_DEEP),
    ]
    assert charted_areas(marks) == (Area.FACE, Area.NOSE_NASOLABIAL, Area.NECK)
    assert charted_techniques(marks) == (
        Technique.PINPOINT,
        Technique.NAPPAGE_DEEP,
        Technique.PAPULAR,
    )


def test_a_line_down_the_nose_into_the_cheek_counts_in_both_zones_by_its_length():
    line = _line_between("nose", "cheek_left")
    totals = {t.zone: t for t in zone_totals([line.geometry()])}
    assert {"nose", "cheek_left"} <= set(totals)
    assert sum(t.injections for t in totals.values()) == len(injection_points(line.geometry()))
    assert charted_areas([line]) == (Area.FACE, Area.NOSE_NASOLABIAL)


def test_chart_and_lines_that_agree_within_the_tolerance_say_nothing():
    marks = [_point("forehead", "2.05")]
    lines = [ProductLineRecord(lot_id=3, volume_ml=Decimal("2"))]
    assert reconcile(marks, lines) == []


def test_a_chart_far_above_the_lines_is_an_amber_finding_that_says_by_how_much():
    marks = [_point("forehead", "0.1")] * 416
    lines = [ProductLineRecord(lot_id=3, volume_ml=Decimal("6.5"))]
    (finding,) = reconcile(marks, lines)
    assert finding.code == CHART_VOLUME_CODE and finding.severity is Severity.WARNING
    assert "41.6 ml" in finding.reason and "6.5 ml" in finding.reason
    assert "35.1 ml more charted than recorded" in finding.reason


def test_a_chart_far_below_the_lines_says_less_was_charted():
    (finding,) = reconcile([_point("chin", "0.08")], [ProductLineRecord(3, Decimal("4"))])
    assert "3.92 ml less charted than recorded" in finding.reason


def test_marks_naming_two_cocktails_are_checked_one_by_one():
    marks = [_point("forehead", "1", cocktail_id=1), _point("chin", "2", cocktail_id=2)]
    lines = [
        ProductLineRecord(lot_id=5, volume_ml=Decimal("1"), cocktail_id=1),
        ProductLineRecord(lot_id=6, volume_ml=Decimal("0.5"), cocktail_id=1),
    ]
    findings = reconcile(marks, lines, {Injected(cocktail_id=2): "Lifting mix"})
    codes = [f.code for f in findings]
    assert CHART_UNRECORDED_CODE in codes
    unrecorded = next(f for f in findings if f.code == CHART_UNRECORDED_CODE)
    assert unrecorded.reason == "2 ml of Lifting mix is charted but no product line records it."


def test_a_chart_finding_names_a_cocktail_or_lot_in_russian_where_the_catalog_does():
    marks = [
        _point("forehead", "1", cocktail_id=1),
        _point("chin", "2", cocktail_id=2),
        _point("cheek_left", "1", lot_id=9),
    ]
    lines = [ProductLineRecord(lot_id=5, volume_ml=Decimal("1"), cocktail_id=1)]
    names = {
        Injected(cocktail_id=2): Localized("Lifting mix", "Лифтинг-смесь"),
        Injected(lot_id=9): lot_name("Rutin 1%", "", "RT-7"),
    }
    unrecorded = [f for f in reconcile(marks, lines, names) if f.code == CHART_UNRECORDED_CODE]
    assert [f.reason for f in unrecorded] == [
        "2 ml of Lifting mix is charted but no product line records it.",
        "1 ml of Rutin 1% (lot RT-7) is charted but no product line records it.",
    ]
    assert [f.text("ru") for f in unrecorded] == [
        "По схеме 2 мл (Лифтинг-смесь), но ни одна строка препаратов этого не записывает.",
        "По схеме 1 мл (Rutin 1% (серия RT-7)), но ни одна строка препаратов этого не записывает.",
    ]


def test_marks_without_volume_cannot_be_checked_and_say_so_when_lines_exist():
    (finding,) = reconcile([_point("chin")], [ProductLineRecord(3, Decimal("1"))])
    assert finding.severity is Severity.INFO
    assert reconcile([_point("chin")], []) == []


def test_a_volume_is_shared_by_weights_to_the_hundredth_and_adds_up_exactly():
    assert split_volume(Decimal("0.3"), [Decimal(2), Decimal(1)]) == [
        Decimal("0.20"),
        Decimal("0.10"),
    ]
    parts = split_volume(Decimal("1"), [Decimal(1), Decimal(1), Decimal(1)])
    assert sum(parts) == Decimal("1.00") and max(parts) - min(parts) <= Decimal("0.01")


VC = "Витамин C 5%"
COCKTAIL = CocktailRecord(
    id=7,
    name="Vascular cocktail",
    name_ru="Сосудистый коктейль",
    lines=(
        CocktailLineRecord(10, "Vitamin C 5%", Decimal("2")),
        CocktailLineRecord(11, "Rutin 1%", Decimal("1")),
    ),
)
LOTS = [
    LotRecord(20, 10, "Vitamin C 5%", "VC-2", date(2027, 6, 1), Decimal("5"), product_name_ru=VC),
    LotRecord(21, 10, "Vitamin C 5%", "VC-1", date(2027, 1, 1), Decimal("5"), product_name_ru=VC),
    LotRecord(22, 11, "Rutin 1%", "RT-1", date(2027, 3, 1), Decimal("0.05")),
    LotRecord(23, 11, "Rutin 1%", "RT-2", date(2027, 4, 1), Decimal("3")),
]


def test_taking_volumes_from_the_chart_fills_a_cocktails_lines_from_the_first_usable_lots():
    marks = [_point("forehead", "0.1", cocktail_id=7)] * 3
    filled = lines_from_chart(marks, [], [COCKTAIL], LOTS, DAY)
    assert filled.problems == ()
    assert [(line.lot_id, line.volume_ml, line.cocktail_id) for line in filled.lines] == [
        (21, Decimal("0.20"), 7),  # earliest expiry
        (23, Decimal("0.10"), 7),  # RT-1 has too little left
    ]


def test_taking_volumes_keeps_the_lots_already_chosen_and_lines_the_chart_does_not_mention():
    lines = [
        ProductLineRecord(20, Decimal("2"), "Vitamin C 5%", cocktail_id=7),
        ProductLineRecord(23, Decimal("1"), "Rutin 1%", cocktail_id=7),
        ProductLineRecord(99, Decimal("0.5"), "Hyaluronic gel"),
    ]
    marks = [_point("forehead", "1.5", cocktail_id=7)]
    filled = lines_from_chart(marks, lines, [COCKTAIL], LOTS, DAY)
    assert [(line.lot_id, line.volume_ml) for line in filled.lines] == [
        (99, Decimal("0.5")),
        (20, Decimal("1.00")),
        (23, Decimal("0.50")),
    ]


def test_volume_charted_without_a_product_goes_to_the_only_thing_recorded_or_is_reported():
    lines = [ProductLineRecord(23, Decimal("1"), "Rutin 1%")]
    filled = lines_from_chart([_point("chin", "0.4")], lines, [], LOTS, DAY)
    assert [(line.lot_id, line.volume_ml) for line in filled.lines] == [(23, Decimal("0.40"))]
    two = [*lines, ProductLineRecord(20, Decimal("1"), "Vitamin C 5%")]
    filled = lines_from_chart([_point("chin", "0.4")], two, [], LOTS, DAY)
    assert filled.lines == tuple(two)
    assert filled.problems and "without saying what was injected" in filled.problems[0]


def test_a_chart_naming_a_cocktail_and_a_single_lot_fills_both_with_the_russian_names():
    marks = [_point("forehead", "0.3", cocktail_id=7), _point("chin", "0.5", lot_id=20)]
    filled = lines_from_chart(marks, [], [COCKTAIL], LOTS, DAY)
    assert filled.problems == ()
    assert [(line.lot_id, line.volume_ml, line.cocktail_id) for line in filled.lines] == [
        (21, Decimal("0.20"), 7),
        (23, Decimal("0.10"), 7),
        (20, Decimal("0.50"), None),
    ]
    assert [(line.product_name_ru, line.cocktail_name_ru) for line in filled.lines] == [
        ("Витамин C 5%", "Сосудистый коктейль"),
        ("", "Сосудистый коктейль"),
        ("Витамин C 5%", ""),
    ]


def test_a_cocktail_with_no_usable_lot_is_reported_and_the_rest_is_filled():
    lots = [lot for lot in LOTS if lot.product_id == 10]
    filled = lines_from_chart([_point("chin", "3", cocktail_id=7)], [], [COCKTAIL], lots, DAY)
    assert [line.lot_id for line in filled.lines] == [21]
    assert filled.problems == (
        "No usable lot of Rutin 1% with 1 ml left for Vascular cocktail: receive one in the "
        "catalog.",
    )


def test_a_template_keeps_where_and_how_and_another_visit_gets_fresh_marks():
    mark = _point("forehead", "0.05", cocktail_id=7, lot_id=None, needle="32G 4 mm")
    kept = template_mark(mark)
    (fresh,) = marks_for_visit([kept], visit_id=42)
    assert (fresh.id, fresh.visit_id, fresh.points, fresh.volume_ml, fresh.needle) == (
        None,
        42,
        mark.points,
        Decimal("0.05"),
        "32G 4 mm",
    )
    assert fresh.cocktail_id is None  # a template says how, the visit says what
    (again,) = marks_for_visit([mark], visit_id=43)
    assert again.cocktail_id == 7 and again.lot_id is None
