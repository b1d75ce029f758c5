"""Screening a planned procedure against the patient's facts: every safety finding in one list.

The card, the day's checklist and the planned work go in; findings come out most serious
first, each naming the catalog item (`code`), its kind, and the seed texts it comes from.
Findings of other rules (depth limits, course intervals) are passed in through `also`, so the
practitioner sees everything that stops or slows the procedure in the same place.

What a finding's severity is follows the catalog: absolute blocks, temporary postpones,
relative warns. Which items apply follows the planned areas: a scoped item (varicose veins,
rosacea: vascular only) applies when an area of that region is planned, or when no area has
been chosen yet, since then nothing rules it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mesodesk.domain.allergy import SynonymTable, find_mention, load_synonyms, match_allergy
from mesodesk.domain.anamnesis import (
    AllergyEntry,
    Anamnesis,
    ConditionEntry,
    DayChecklist,
    MedicationEntry,
)
from mesodesk.domain.contraindications import (
    CatalogItem,
    ContraindicationKind,
    RecordedAs,
    Scope,
    load_catalog,
)
from mesodesk.domain.findings import Finding, Severity
from mesodesk.domain.patient import age_on, format_date
from mesodesk.domain.vocabulary import Area, IngredientGroup, Technique

ADULT_AGE = 18
"""Mesotherapy is performed from the age of 18 (001, 004)."""

POSTPARTUM_WAIT_DAYS = 42
"""At least 6 weeks between childbirth and mesotherapy (004)."""

RECENT_PEELING_DAYS = 14
"""How long a deep peeling counts as "recent" (001 gives no number): an editable default."""

RECENT_SURGERY_DAYS = 30
"""How long an operation counts as "recent" (003 gives no number): an editable default."""

BIRTH_DATE_MISSING = "birth_date_missing"
NOT_IN_CATALOG = "not_in_catalog"
CHECKLIST_NOT_ASKED = "checklist_not_asked"

_MEDICATION_FLAGS = {
    "anticoagulant": "anticoagulants",
    "antiplatelet": "antiplatelets",
    "retinoid": "retinoids",
    "hormonal": "hormonal_medication",
    "immunosuppressant": "immunosuppressants",
}
_SCOPE_WORK = {
    Scope.ALL: "mesotherapy",
    Scope.VASCULAR: "vascular mesotherapy",
    Scope.FACE: "facial mesotherapy",
    Scope.BODY: "body mesotherapy",
}


@dataclass(frozen=True, slots=True)
class IngredientRef:
    """An ingredient of a chosen product: its name, group and other names (e.g. Russian)."""

    name: str
    group: IngredientGroup | None = None
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProductComposition:
    """A product or cocktail chosen for the visit, with what it contains."""

    name: str
    ingredients: tuple[IngredientRef, ...] = ()


@dataclass(frozen=True, slots=True)
class PlannedProcedure:
    """What is about to be done: the date decides "recent" and age, the areas decide scope."""

    on: date
    areas: tuple[Area, ...] = ()
    techniques: tuple[Technique, ...] = ()
    products: tuple[ProductComposition, ...] = ()

    @property
    def regions(self) -> frozenset[str]:
        return frozenset(area.region for area in self.areas)


@dataclass(frozen=True, slots=True)
class ScreeningFinding:
    """A `Finding` with the catalog kind it comes from and, when known, the date it lifts.

    `kind` is None for findings that are not a catalog item (a missing birth date, another
    rule's depth or interval finding). `possible_from` is the first day a postponed procedure
    may be done, for the rescheduling prompt.
    """

    code: str
    severity: Severity
    reason: str
    source: str = "domain"
    kind: ContraindicationKind | None = None
    possible_from: date | None = None

    def as_finding(self) -> Finding:
        return Finding(self.code, self.severity, self.reason, self.source)

    @classmethod
    def from_finding(cls, finding: Finding) -> ScreeningFinding:
        return cls(finding.code, finding.severity, finding.reason, finding.source)


def screen(
    birth_date: date | None,
    anamnesis: Anamnesis,
    checklist: DayChecklist | None,
    procedure: PlannedProcedure,
    catalog: Sequence[CatalogItem] | None = None,
    synonyms: SynonymTable | None = None,
    also: Iterable[Finding] = (),
) -> list[ScreeningFinding]:
    """All safety findings for the procedure, most serious first.

    `checklist` is None while the day's questions have not been asked (a visit planned ahead).
    `catalog` and `synonyms` default to the shipped files; the app passes the admin's catalog.
    Raises ValueError when the catalog lacks an item a rule needs.
    """
    found = _Found(catalog if catalog is not None else load_catalog(), procedure)
    _screen_age(found, birth_date)
    _screen_pregnancy(found, anamnesis)
    _screen_card_flags(found, anamnesis)
    _screen_conditions(found, anamnesis.conditions)
    _screen_medications(found, anamnesis.medications)
    _screen_allergies(found, anamnesis.allergies, synonyms or load_synonyms())
    _screen_checklist(found, checklist)
    findings = found.findings + [ScreeningFinding.from_finding(f) for f in also]
    return sorted(findings, key=lambda f: -f.severity.rank)


class _Found:
    """The findings so far, and how a catalog item becomes one."""

    def __init__(self, catalog: Sequence[CatalogItem], procedure: PlannedProcedure) -> None:
        self.items = {item.code: item for item in catalog}
        self.procedure = procedure
        self.findings: list[ScreeningFinding] = []
        self._raised: set[str] = set()

    def item(self, code: str) -> CatalogItem:
        try:
            return self.items[code]
        except KeyError:
            raise ValueError(f"the contraindication catalog has no item {code!r}") from None

    def applies(self, scope: Scope) -> bool:
        regions = self.procedure.regions
        return scope is Scope.ALL or not regions or scope.value in regions

    def raise_item(self, code: str, context: str = "", possible_from: date | None = None) -> None:
        """Add the item's finding once, or the indication note where the item is one."""
        item = self.item(code)
        if code in self._raised:
            return
        self._raised.add(code)
        if self.applies(item.scope):
            lead = f"{item.name_en} ({context})" if context else item.name_en
            self.add(item, _reason(item, lead, possible_from), possible_from)
        elif item.indication_scope is not None and self.applies(item.indication_scope):
            self.findings.append(
                ScreeningFinding(
                    code=item.code,
                    severity=Severity.INFO,
                    reason=(
                        f"{item.name_en} is an indication for "
                        f"{_SCOPE_WORK[item.indication_scope]}; it is a contraindication "
                        f"only to {_SCOPE_WORK[item.scope]}."
                    ),
                    source=item.indication_source,
                )
            )

    def add(self, item: CatalogItem, reason: str, possible_from: date | None = None) -> None:
        self.findings.append(
            ScreeningFinding(
                code=item.code,
                severity=item.severity,
                reason=reason,
                source=item.source,
                kind=item.kind,
                possible_from=possible_from,
            )
        )

    def note(self, code: str, severity: Severity, reason: str, source: str = "domain") -> None:
        self.findings.append(ScreeningFinding(code, severity, reason, source))


def _screen_age(found: _Found, birth_date: date | None) -> None:
    age = age_on(birth_date, found.procedure.on)
    if age is None:
        found.note(
            BIRTH_DATE_MISSING,
            Severity.WARNING,
            f"The date of birth is not on the card: confirm the patient is {ADULT_AGE} or "
            "older before injecting.",
            found.item("minor_age").source,
        )
    elif age < ADULT_AGE:
        found.raise_item("minor_age", f"{age} years old on the visit date")


def _screen_pregnancy(found: _Found, anamnesis: Anamnesis) -> None:
    visit = found.procedure.on
    if anamnesis.pregnant:
        due = anamnesis.pregnancy_due_on
        context = ""
        if due is not None:
            context = f"expected delivery on {format_date(due)}"
            if due < visit:
                context += ", a date already past: update the card"
        found.raise_item("pregnancy", context)
    if anamnesis.breastfeeding:
        found.raise_item("lactation")
    born = anamnesis.childbirth_on
    if born is not None and 0 <= (visit - born).days < POSTPARTUM_WAIT_DAYS:
        found.raise_item(
            "postpartum",
            f"childbirth on {format_date(born)}, {(visit - born).days} days before the visit",
            born + timedelta(days=POSTPARTUM_WAIT_DAYS),
        )


def _screen_card_flags(found: _Found, anamnesis: Anamnesis) -> None:
    for code, present in (
        ("keloid_tendency", anamnesis.keloid_tendency),
        ("fear_of_injections", anamnesis.fear_of_injections),
        ("high_skin_sensitivity", anamnesis.high_skin_sensitivity),
    ):
        if present:
            found.raise_item(code)


def _screen_conditions(found: _Found, conditions: Iterable[ConditionEntry]) -> None:
    for entry in conditions:
        if not entry.active:
            continue
        if entry.code not in found.items:
            found.note(
                NOT_IN_CATALOG,
                Severity.WARNING,
                f"The card lists the condition {entry.code!r}, which the contraindication "
                "catalog does not know: check the card and the catalog.",
            )
            continue
        details = [f"noted on {format_date(entry.noted_on)}"] if entry.noted_on else []
        if entry.note.strip():
            details.append(entry.note.strip())
        found.raise_item(entry.code, "; ".join(details))


def _screen_medications(found: _Found, medications: Iterable[MedicationEntry]) -> None:
    named = [i for i in found.items.values() if i.recorded_as is RecordedAs.MEDICATION]
    taken: dict[str, list[str]] = {}
    for medication in medications:
        codes = {code for flag, code in _MEDICATION_FLAGS.items() if getattr(medication, flag)}
        codes |= {i.code for i in named if find_mention(medication.name, i.medication_names)}
        for code in sorted(codes):
            taken.setdefault(code, []).append(medication.name.strip() or "unnamed")
    position = {code: index for index, code in enumerate(found.items)}
    for code in sorted(taken, key=lambda code: position.get(code, len(position))):
        found.raise_item(code, ", ".join(taken[code]))


def _screen_allergies(
    found: _Found, allergies: Iterable[AllergyEntry], synonyms: SynonymTable
) -> None:
    item = found.item("component_allergy")
    if not found.applies(item.scope):
        return
    for allergy in allergies:
        for product in found.procedure.products:
            for ingredient in product.ingredients:
                match = match_allergy(allergy, ingredient, synonyms)
                if match is None:
                    continue
                groups = ", ".join(g.label().lower() for g in match.ingredient_groups)
                what = f"{ingredient.name} ({groups})" if groups else ingredient.name
                severity = allergy.severity.label().lower() if allergy.severity else ""
                reaction = ", ".join(p for p in (allergy.reaction.strip(), severity) if p)
                lead = f"Allergy to {allergy.label}" + (f" ({reaction})" if reaction else "")
                reason = f'{lead}: "{product.name}" contains {what}.'
                found.add(item, f"{reason} {item.advice}".strip())


def _screen_checklist(found: _Found, checklist: DayChecklist | None) -> None:
    if checklist is None:
        found.note(
            CHECKLIST_NOT_ASKED,
            Severity.INFO,
            "The day-of-visit questions (menstruation, fever, herpes, inflammation...) have "
            "not been asked yet.",
        )
        return
    for code in checklist.ticked_codes():
        if code in found.items:
            found.raise_item(code)
        else:
            found.note(
                NOT_IN_CATALOG,
                Severity.WARNING,
                f"The checklist item {code!r} is not in the contraindication catalog: "
                "check the catalog.",
            )
    visit = found.procedure.on
    for code, on, wait in (
        ("recent_peeling", checklist.recent_peeling_on, RECENT_PEELING_DAYS),
        ("recent_surgery", checklist.recent_surgery_on, RECENT_SURGERY_DAYS),
    ):
        if on is not None and 0 <= (visit - on).days < wait:
            found.raise_item(
                code,
                f"on {format_date(on)}, {(visit - on).days} days before the visit",
                on + timedelta(days=wait),
            )


def _reason(item: CatalogItem, lead: str, possible_from: date | None) -> str:
    """A sentence a practitioner reads: what was found, what it means, what the texts advise."""
    work = _SCOPE_WORK[item.scope]
    if item.kind is ContraindicationKind.ABSOLUTE:
        verdict = f"an absolute contraindication to {work}; do not inject"
    elif item.kind is ContraindicationKind.TEMPORARY:
        until = f"until {format_date(possible_from)}" if possible_from else "until it has passed"
        verdict = f"postpone the procedure {until}"
    else:
        verdict = f"a relative contraindication to {work}; weigh it and take extra care"
    return f"{lead}: {verdict}. {item.advice}".strip()
