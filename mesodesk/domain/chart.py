"""The chart as the visit's record: areas and techniques from the marks, volumes reconciled
with the product lines, product lines filled from the chart, and charting templates.

Plain functions over plain records, so the service, the form and the tests agree on every
number. Volumes are in ml; a product line in another unit (a unit-dosed product) is left out of
the comparison, since the chart measures millilitres.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from mesodesk.domain import finding_texts as texts
from mesodesk.domain import limits
from mesodesk.domain.diagram import (
    DiagramName,
    MarkShape,
    Point,
    injection_count,
    load_diagram,
    mark_zone_shares,
)
from mesodesk.domain.findings import Finding, Localized, Message, Param, Severity
from mesodesk.domain.mark_records import MarkRecord, mark_area
from mesodesk.domain.records import CocktailRecord, LotRecord, ProductLineRecord
from mesodesk.domain.vocabulary import Area, Technique

TOLERANCE_ML = Decimal("0.1")
TOLERANCE_SHARE = Decimal("0.05")
"""Chart and product lines agree within 0.1 ml or 5 % of what the lines record, whichever is
more: a little is always lost in the syringe and the needle."""

LINE_STEP = Decimal("0.01")
"""Product lines are recorded to 0.01 ml, the precision of a syringe's scale."""

TEMPLATE_NAME_MAX = limits.TEMPLATE_NAME
CHART_VOLUME_CODE = "chart_volume_mismatch"
CHART_NO_VOLUME_CODE = "chart_without_volume"
CHART_UNRECORDED_CODE = "chart_product_not_recorded"


# --- what was done -----------------------------------------------------------------------


AREA_SHARE = 0.1
"""A line or area counts toward an area when at least a tenth of it lies there (or most of
it does): a line that grazes the lips does not put "lips" on the aftercare sheet."""


def mark_areas(mark: MarkRecord) -> tuple[Area, ...]:
    """The treatment areas a mark lies in (none for a mark outside every zone); a mark on a
    photo lies in the area its photo's view shows."""
    if mark.photo is not None:
        return (mark_area(mark.diagram, None),)
    diagram = load_diagram(DiagramName(mark.diagram))
    shares = mark_zone_shares(mark.geometry())
    largest = max(shares, key=lambda s: s.share).zone if shares else None
    areas: list[Area] = []
    for part in shares:
        if part.zone is None or (part.share < AREA_SHARE and part.zone != largest):
            continue
        try:
            area = diagram.zone(part.zone).area
        except KeyError:
            continue
        if area not in areas:
            areas.append(area)
    return tuple(areas)


def charted_areas(marks: Iterable[MarkRecord]) -> tuple[Area, ...]:
    """Every area some mark lies in, in the vocabulary's order."""
    found = {area for mark in marks for area in mark_areas(mark)}
    return tuple(area for area in Area if area in found) if found else ()


def charted_techniques(marks: Iterable[MarkRecord]) -> tuple[Technique, ...]:
    """Every technique charted (a mark without one counts as its shape's usual one)."""
    found = {mark.counted_technique for mark in marks}
    return tuple(technique for technique in Technique if technique in found) if found else ()


# --- volumes: chart against product lines -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Injected:
    """What a mark says was injected: a cocktail, or one product from one lot, or nothing said."""

    cocktail_id: int | None = None
    lot_id: int | None = None

    def __lt__(self, other: Injected) -> bool:
        """Cocktails by id, then lots by id: a chart naming both sorts (the fields' own order
        would compare a missing id with a number)."""
        return self._rank() < other._rank()

    def _rank(self) -> tuple[bool, int, int]:
        return (self.cocktail_id is None, self.cocktail_id or 0, self.lot_id or 0)

    @property
    def known(self) -> bool:
        return self.cocktail_id is not None or self.lot_id is not None

    @property
    def key(self) -> str:
        """A plain string for a list widget's item data: "c12", "l7" or ""."""
        if self.cocktail_id is not None:
            return f"c{self.cocktail_id}"
        return f"l{self.lot_id}" if self.lot_id is not None else ""

    @classmethod
    def from_key(cls, key: object) -> Injected:
        text = key if isinstance(key, str) else ""
        if len(text) > 1 and text[1:].isdigit():
            if text[0] == "c":
                return cls(cocktail_id=int(text[1:]))
            if text[0] == "l":
                return cls(lot_id=int(text[1:]))
        return cls()


def injected_by(mark: MarkRecord) -> Injected:
    if mark.cocktail_id is not None:
        return Injected(cocktail_id=mark.cocktail_id)
    return Injected(lot_id=mark.lot_id)


def injected_of_line(line: ProductLineRecord) -> Injected:
    if line.cocktail_id is not None:
        return Injected(cocktail_id=line.cocktail_id)
    return Injected(lot_id=line.lot_id)


def mark_volume(mark: MarkRecord) -> Decimal | None:
    """All the mark's injections times the volume of each; None when no volume was entered."""
    if mark.volume_ml is None:
        return None
    return mark.volume_ml * injection_count(mark.geometry())


def charted_volumes(marks: Iterable[MarkRecord]) -> dict[Injected, Decimal]:
    """ml charted per injected thing; marks without a volume are left out."""
    volumes: dict[Injected, Decimal] = defaultdict(Decimal)
    for mark in marks:
        volume = mark_volume(mark)
        if volume is not None:
            volumes[injected_by(mark)] += volume
    return dict(volumes)


def recorded_volumes(lines: Iterable[ProductLineRecord]) -> dict[Injected, Decimal]:
    volumes: dict[Injected, Decimal] = defaultdict(Decimal)
    for line in lines:
        volumes[injected_of_line(line)] += line.volume_ml
    return dict(volumes)


def tolerance(recorded: Decimal) -> Decimal:
    return max(TOLERANCE_ML, abs(recorded) * TOLERANCE_SHARE)


def ml(value: Decimal) -> str:
    """0.5 -> '0.5', 4.000 -> '4': volumes as a practitioner writes them."""
    text = f"{value.quantize(Decimal('0.001')).normalize():f}"
    return "0" if text in ("-0", "") else text


def lot_name(product: str, product_ru: str, lot_number: str) -> Message:
    """A lot as a finding names it, "Product (lot N)", with the Russian name where known."""
    return Message(
        texts.INJECTED_LOT, {"product": Localized(product, product_ru), "lot": lot_number}
    )


def reconcile(
    marks: Sequence[MarkRecord],
    lines: Sequence[ProductLineRecord],
    names: Mapping[Injected, Param] | None = None,
) -> list[Finding]:
    """Amber findings where the chart and the product lines disagree, saying by how much.

    The totals are compared first; then each cocktail or product the marks name, so a
    practitioner sees which line to correct. `names` labels what was injected (in both
    languages where the catalog has a Russian name: see `lot_name`).
    """
    if not marks:
        return []
    names = names or {}
    charted = charted_volumes(marks)
    findings: list[Finding] = []
    if not charted:
        if lines:
            findings.append(
                Finding.of(
                    CHART_NO_VOLUME_CODE,
                    "",
                    Severity.INFO,
                    Message(texts.CHART_WITHOUT_VOLUME),
                )
            )
        return findings
    recorded = recorded_volumes(lines)
    total_charted = sum(charted.values(), Decimal(0))
    total_recorded = sum(recorded.values(), Decimal(0))
    difference = total_charted - total_recorded
    if abs(difference) > tolerance(total_recorded):
        findings.append(
            Finding.of(
                CHART_VOLUME_CODE,
                "total",
                Severity.WARNING,
                Message(
                    texts.CHART_VOLUME_TOTAL,
                    {
                        "charted": _volume(total_charted),
                        "recorded": _volume(total_recorded),
                        "difference": _volume(abs(difference)),
                        "direction": texts.MORE if difference > 0 else texts.LESS,
                    },
                ),
            )
        )
    named = [key for key in charted if key.known]
    if len(named) > 1 or (named and len(recorded) > 1):
        for key in sorted(named):
            got, wanted = charted[key], recorded.get(key, Decimal(0))
            label: Param = names.get(key) or texts.A_PRODUCT
            if key not in recorded:
                findings.append(
                    Finding.of(
                        CHART_UNRECORDED_CODE,
                        key.key,
                        Severity.WARNING,
                        Message(
                            texts.CHART_UNRECORDED, {"charted": _volume(got), "product": label}
                        ),
                    )
                )
            elif abs(got - wanted) > tolerance(wanted):
                findings.append(
                    Finding.of(
                        CHART_VOLUME_CODE,
                        key.key,
                        Severity.WARNING,
                        Message(
                            texts.CHART_VOLUME_PRODUCT,
                            {
                                "product": label,
                                "charted": _volume(got),
                                "recorded": _volume(wanted),
                            },
                        ),
                    )
                )
    return findings


def _volume(value: Decimal) -> Decimal:
    """A volume as a finding shows it: to 0.001 ml, without trailing zeros."""
    return value.quantize(Decimal("0.001")).normalize()


@dataclass(frozen=True, slots=True)
class ChartLines:
    """Product lines filled from the chart, and what could not be filled (one sentence each)."""

    lines: tuple[ProductLineRecord, ...]
    problems: tuple[str, ...] = ()


def lines_from_chart(
    marks: Sequence[MarkRecord],
    lines: Sequence[ProductLineRecord],
    cocktails: Sequence[CocktailRecord],
    lots: Sequence[LotRecord],
    day: date,
) -> ChartLines:
    """The product lines with the volumes the chart says were injected.

    A cocktail's charted volume is shared among its products in the recipe's proportions,
    each from the lot the visit already uses for it, else the earliest-expiring usable lot with
    enough left. Volume charted without saying what was injected goes to the one thing the
    lines record, if there is exactly one. Lines the chart does not mention stay as they are.
    """
    charted = charted_volumes(marks)
    recorded = recorded_volumes(lines)
    problems: list[str] = []
    unnamed = charted.pop(Injected(), None)
    if unnamed:
        targets = set(recorded) | set(charted)
        if len(targets) == 1:
            only = next(iter(targets))
            charted[only] = charted.get(only, Decimal(0)) + unnamed
        else:
            problems.append(
                f"{ml(unnamed)} ml is charted without saying what was injected: choose the "
                "cocktail or product for those marks."
            )
    result = list(lines)
    by_id = {c.id: c for c in cocktails if c.id is not None}
    for key, volume in sorted(charted.items()):
        if key.cocktail_id is not None:
            cocktail = by_id.get(key.cocktail_id)
            if cocktail is None or not cocktail.lines:
                problems.append("A cocktail charted is no longer in the catalog.")
                continue
            result, missing = _fill_cocktail(result, cocktail, volume, lots, day)
            problems.extend(missing)
        elif key.lot_id is not None:
            result = _fill_lot(result, key.lot_id, volume, lots)
    return ChartLines(tuple(result), tuple(problems))


def _fill_lot(
    lines: list[ProductLineRecord], lot_id: int, volume: Decimal, lots: Sequence[LotRecord]
) -> list[ProductLineRecord]:
    volume = _step(volume)
    own = [i for i, line in enumerate(lines) if line.cocktail_id is None and line.lot_id == lot_id]
    if own:
        first, *rest = own
        kept = [line for i, line in enumerate(lines) if i not in rest]
        kept[first] = replace(kept[first], volume_ml=volume)
        return kept
    lot = next((lot for lot in lots if lot.id == lot_id), None)
    return [
        *lines,
        ProductLineRecord(
            lot_id=lot_id,
            volume_ml=volume,
            product_name=lot.product_name if lot else "",
            lot_number=lot.lot_number if lot else "",
            expires_on=lot.expires_on if lot else None,
            product_name_ru=lot.product_name_ru if lot else "",
        ),
    ]


def _fill_cocktail(
    lines: list[ProductLineRecord],
    cocktail: CocktailRecord,
    volume: Decimal,
    lots: Sequence[LotRecord],
    day: date,
) -> tuple[list[ProductLineRecord], list[str]]:
    parts = split_volume(volume, [part.volume_ml for part in cocktail.lines])
    existing = [line for line in lines if line.cocktail_id == cocktail.id]
    kept = [line for line in lines if line.cocktail_id != cocktail.id]
    product_of_lot = {lot.id: lot.product_id for lot in lots}
    problems: list[str] = []
    filled: list[ProductLineRecord] = []
    for part, amount in zip(cocktail.lines, parts, strict=True):
        used = next(
            (
                line
                for line in existing
                if product_of_lot.get(line.lot_id) == part.product_id
                or (line.lot_id not in product_of_lot and line.product_name == part.product_name)
            ),
            None,
        )
        if used is not None:
            filled.append(replace(used, volume_ml=amount))
            continue
        lot = _usable_lot(lots, part.product_id, amount, day)
        if lot is None or lot.id is None:
            problems.append(
                f"No usable lot of {part.product_name} with {ml(amount)} ml left for "
                f"{cocktail.name}: receive one in the catalog."
            )
            continue
        filled.append(
            ProductLineRecord(
                lot_id=lot.id,
                volume_ml=amount,
                product_name=lot.product_name,
                lot_number=lot.lot_number,
                expires_on=lot.expires_on,
                cocktail_id=cocktail.id,
                cocktail_name=cocktail.name,
                product_name_ru=lot.product_name_ru,
                cocktail_name_ru=cocktail.name_ru,
            )
        )
    return [*kept, *filled], problems


def _usable_lot(
    lots: Sequence[LotRecord], product_id: int, amount: Decimal, day: date
) -> LotRecord | None:
    usable = [
        lot
        for lot in lots
        if lot.product_id == product_id and lot.expires_on >= day and lot.on_hand >= amount
    ]
    return min(usable, key=lambda lot: (lot.expires_on, lot.id or 0), default=None)


def split_volume(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`total` shared in proportion to `weights`, each to 0.01 ml, adding up to exactly
    `total` rounded to 0.01 ml (the remainder goes to the largest share)."""
    whole = _step(total)
    weight_sum = sum(weights, Decimal(0))
    if not weights:
        return []
    if weight_sum <= 0:
        shares = [Decimal(0)] * len(weights)
        shares[0] = whole
        return shares
    shares = [_step(whole * weight / weight_sum) for weight in weights]
    largest = max(range(len(weights)), key=lambda i: weights[i])
    shares[largest] += whole - sum(shares, Decimal(0))
    return shares


def _step(value: Decimal) -> Decimal:
    return value.quantize(LINE_STEP, rounding=ROUND_HALF_UP)


# --- charting templates -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TemplateMark:
    """A mark as a template keeps it: where and how, not what was injected (that is the
    visit's own choice)."""

    diagram: DiagramName
    shape: MarkShape
    points: tuple[Point, ...]
    technique: Technique | None = None
    depth_mm: Decimal | None = None
    volume_ml: Decimal | None = None
    needle: str = ""


@dataclass(frozen=True, slots=True)
class ChartTemplateRecord:
    """A named set of marks ("forehead nappage", "full face pinpoint") applied in one step."""

    id: int | None
    name: str
    marks: tuple[TemplateMark, ...]
    version: int = 0

    @property
    def diagrams(self) -> tuple[DiagramName, ...]:
        return tuple(dict.fromkeys(mark.diagram for mark in self.marks))


def template_mark(mark: MarkRecord) -> TemplateMark:
    return TemplateMark(
        diagram=DiagramName(mark.diagram),
        shape=MarkShape(mark.shape),
        points=tuple(Point(*p) for p in mark.points),
        technique=mark.technique,
        depth_mm=mark.depth_mm,
        volume_ml=mark.volume_ml,
        needle=mark.needle,
    )


def marks_for_visit(
    marks: Iterable[TemplateMark | MarkRecord], visit_id: int, cocktail_id: int | None = None
) -> list[MarkRecord]:
    """New, unsaved marks for a visit from a template's or another visit's marks.

    Another visit's lots are not carried over (they may be used up or expired); its cocktail
    is, unless `cocktail_id` says what is injected this time. Marks on another visit's photos
    stay with those photos.
    """
    result = []
    for mark in marks:
        if isinstance(mark, MarkRecord) and mark.photo is not None:
            continue
        carried = mark.cocktail_id if isinstance(mark, MarkRecord) else None
        result.append(
            MarkRecord(
                id=None,
                visit_id=visit_id,
                diagram=DiagramName(mark.diagram),
                shape=MarkShape(mark.shape),
                points=tuple(Point(*p) for p in mark.points),
                technique=mark.technique,
                depth_mm=mark.depth_mm,
                volume_ml=mark.volume_ml,
                needle=mark.needle,
                cocktail_id=cocktail_id if cocktail_id is not None else carried,
            )
        )
    return result


def validate_template_name(name: str) -> dict[str, str]:
    if not isinstance(name, str):
        return {"name": "Give the template a name, such as “forehead nappage”."}
    cleaned = " ".join(name.split())
    if not cleaned:
        return {"name": "Give the template a name, such as “forehead nappage”."}
    if len(cleaned) > TEMPLATE_NAME_MAX:
        return {"name": f"A template name can be at most {TEMPLATE_NAME_MAX} characters."}
    problem = limits.text_problem(cleaned, TEMPLATE_NAME_MAX)
    return {"name": problem} if problem is not None else {}
