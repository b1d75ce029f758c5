"""Screening a planned procedure against the patient's facts: every safety finding in one list.

The card, the day's checklist and the planned work go in; findings come out most serious
first. Each has a stable code and subject (`contraindication:pregnancy`, `allergy:lidocaine`,
`could_not_check:area:elbow`), the catalog kind it comes from, and the source texts. Findings
of other rules (depth limits, course intervals) are passed in through `also`, so the
practitioner sees everything that stops or slows the procedure in the same place.

What a finding's severity is follows the catalog: absolute blocks, temporary postpones,
relative warns. Which items apply follows the planned areas: a scoped item (varicose veins,
rosacea: vascular only) applies when an area of that region is planned, or when no area has
been chosen yet, since then nothing rules it out.

Whatever is put on or into the patient is checked against the allergies: the ingredients of
the chosen products and the free text of the anaesthesia and the disinfection. What cannot be
judged (a product without a composition, a text naming no known substance, a condition or an
area the app does not know) is never skipped: it becomes a "could not check" warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from mesodesk.domain import finding_texts as texts
from mesodesk.domain.allergy import (
    AllergyMatch,
    SynonymEntry,
    SynonymTable,
    is_life_threatening,
    load_synonyms,
    match_allergy,
    match_allergy_in_text,
    substance_id,
    substances_in,
)
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
    Scope,
    load_catalog,
)
from mesodesk.domain.findings import (
    Finding,
    Joined,
    Localized,
    Message,
    Param,
    Severity,
)
from mesodesk.domain.medicines import MedicineDictionary, effective_flags, load_medicines
from mesodesk.domain.patient import age_on
from mesodesk.domain.vocabulary import Area, IngredientGroup, Technique

ADULT_AGE = 18
"""Mesotherapy is performed from the age of 18 (001, 004)."""

POSTPARTUM_WAIT_DAYS = 42
"""At least 6 weeks between childbirth and mesotherapy (004)."""

RECENT_PEELING_DAYS = 14
"""How long a deep peeling counts as "recent" (001 gives no number): an editable default."""

RECENT_SURGERY_DAYS = 30
"""How long an operation counts as "recent" (003 gives no number): an editable default."""

CONTRAINDICATION = "contraindication"
"""A catalog item is present; the subject is its code (`contraindication:pregnancy`)."""
INDICATION = "indication"
"""A scoped item is an indication for the planned work (`indication:rosacea`), a reminder."""
ALLERGY = "allergy"
"""An allergy hits a substance put on or into the patient; the subject is the substance's
stable name, the same in every language (`allergy:lidocaine`)."""
BIRTH_DATE_MISSING = "birth_date_missing"
CHECKLIST_NOT_ASKED = "checklist_not_asked"
COULD_NOT_CHECK = "could_not_check"
"""Something the rules cannot judge; the subject says what: `condition:<code>`,
`checklist:<code>`, `area:<value>`, `technique:<value>`, `composition:<product>`,
`anaesthesia`, `disinfection`, `course_indication:<value>`, `course_area:<value>`."""

ALLERGY_ITEM = "component_allergy"

_SCOPE_WORK = {
    Scope.ALL: Localized("mesotherapy", "мезотерапии"),
    Scope.VASCULAR: Localized("vascular mesotherapy", "сосудистой мезотерапии"),
    Scope.FACE: Localized("facial mesotherapy", "мезотерапии лица"),
    Scope.BODY: Localized("body mesotherapy", "мезотерапии тела"),
}


@dataclass(frozen=True, slots=True)
class IngredientRef:
    """An ingredient of a chosen product: its name, group and other names (e.g. Russian)."""

    name: str
    group: IngredientGroup | None = None
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProductComposition:
    """A product or cocktail chosen for the visit, with what it contains.

    No ingredients means the composition is not recorded, which screening reports. `name_ru`
    is its Russian name ("" if none), for the findings shown or printed in Russian.
    """

    name: str
    ingredients: tuple[IngredientRef, ...] = ()
    name_ru: str = ""

    @property
    def label(self) -> Localized:
        return Localized(self.name, self.name_ru)


@dataclass(frozen=True, slots=True)
class PlannedProcedure:
    """What is about to be done: the date decides "recent" and age, the areas decide scope.

    `anaesthesia` and `disinfection` are the visit's free text, screened against allergies.
    `unknown_areas` and `unknown_techniques` are stored values the app does not know, so
    they are reported instead of dropped.
    """

    on: date
    areas: tuple[Area, ...] = ()
    techniques: tuple[Technique, ...] = ()
    products: tuple[ProductComposition, ...] = ()
    anaesthesia: str = ""
    disinfection: str = ""
    unknown_areas: tuple[str, ...] = ()
    unknown_techniques: tuple[str, ...] = ()

    @property
    def regions(self) -> frozenset[str]:
        return frozenset(area.region for area in self.areas)


@dataclass(frozen=True, slots=True)
class ScreeningFinding(Finding):
    """A `Finding` with the catalog kind it comes from and, when known, the date it lifts.

    `kind` is None for findings that are not a catalog item (a missing birth date, another
    rule's depth or interval finding). `possible_from` is the first day a postponed procedure
    may be done, for the rescheduling prompt.
    """

    kind: ContraindicationKind | None = None
    possible_from: date | None = None

    def as_finding(self) -> Finding:
        return Finding(
            self.code, self.severity, self.reason, self.source, self.subject, self.message
        )

    @classmethod
    def from_finding(cls, finding: Finding) -> ScreeningFinding:
        return cls(
            finding.code,
            finding.severity,
            finding.reason,
            finding.source,
            finding.subject,
            finding.message,
        )


def screen(
    birth_date: date | None,
    anamnesis: Anamnesis,
    checklist: DayChecklist | None,
    procedure: PlannedProcedure,
    catalog: Sequence[CatalogItem] | None = None,
    synonyms: SynonymTable | None = None,
    also: Iterable[Finding] = (),
    medicines: MedicineDictionary | None = None,
) -> list[ScreeningFinding]:
    """All safety findings for the procedure, most serious first.

    `checklist` is None while the day's questions have not been asked (a visit planned ahead).
    `catalog`, `synonyms` and `medicines` default to the shipped files; the app passes the
    clinic's. Raises ValueError when the catalog lacks an item a rule needs.
    """
    found = _Found(catalog if catalog is not None else load_catalog(), procedure)
    _screen_unknown_terms(found)
    _screen_age(found, birth_date)
    _screen_pregnancy(found, anamnesis)
    _screen_card_flags(found, anamnesis)
    _screen_conditions(found, anamnesis.conditions)
    _screen_medications(found, anamnesis.medications, medicines or load_medicines())
    _screen_allergies(found, anamnesis.allergies, synonyms or load_synonyms())
    _screen_checklist(found, checklist)
    findings = found.findings + [ScreeningFinding.from_finding(f) for f in also]
    return sorted(findings, key=lambda f: -f.severity.rank)


def could_not_check(subject: str, template: str, params: dict[str, Param]) -> Finding:
    """A "could not check" warning: something the rules cannot judge, shown, never skipped."""
    return Finding.of(COULD_NOT_CHECK, subject, Severity.WARNING, Message(template, params))


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

    def raise_item(
        self, code: str, context: Param | None = None, possible_from: date | None = None
    ) -> None:
        """Add the item's finding once, or the indication note where the item is one."""
        item = self.item(code)
        if code in self._raised:
            return
        self._raised.add(code)
        if self.applies(item.scope):
            self.add(item, _catalog_message(item, context, possible_from), possible_from)
        elif item.indication_scope is not None and self.applies(item.indication_scope):
            message = Message(
                texts.CATALOG_INDICATION,
                {
                    "item": item.name,
                    "indication_work": _SCOPE_WORK[item.indication_scope],
                    "work": _SCOPE_WORK[item.scope],
                },
            )
            self.note(INDICATION, item.code, Severity.INFO, message, item.indication_source)

    def add(
        self,
        item: CatalogItem,
        message: Message,
        possible_from: date | None = None,
        code: str = CONTRAINDICATION,
        subject: str | None = None,
    ) -> None:
        self.findings.append(
            ScreeningFinding(
                code=code,
                severity=item.severity,
                reason=message.render(),
                source=item.source,
                subject=item.code if subject is None else subject,
                message=message,
                kind=item.kind,
                possible_from=possible_from,
            )
        )

    def note(
        self,
        code: str,
        subject: str,
        severity: Severity,
        message: Message,
        source: str = "domain",
    ) -> None:
        self.findings.append(
            ScreeningFinding(code, severity, message.render(), source, subject, message)
        )

    def cannot_check(self, subject: str, template: str, params: dict[str, Param]) -> None:
        self.findings.append(
            ScreeningFinding.from_finding(could_not_check(subject, template, params))
        )


def _screen_unknown_terms(found: _Found) -> None:
    for value in found.procedure.unknown_areas:
        found.cannot_check(f"area:{value}", texts.CANNOT_CHECK_AREA, {"value": value})
    for value in found.procedure.unknown_techniques:
        found.cannot_check(f"technique:{value}", texts.CANNOT_CHECK_TECHNIQUE, {"value": value})


def _screen_age(found: _Found, birth_date: date | None) -> None:
    age = age_on(birth_date, found.procedure.on)
    if age is None:
        found.note(
            BIRTH_DATE_MISSING,
            "",
            Severity.WARNING,
            Message(texts.BIRTH_DATE_MISSING, {"age": ADULT_AGE}),
            found.item("minor_age").source,
        )
    elif age < ADULT_AGE:
        found.raise_item("minor_age", Message(texts.AGE_ON_VISIT, {"age": age}))


def _screen_pregnancy(found: _Found, anamnesis: Anamnesis) -> None:
    visit = found.procedure.on
    if anamnesis.pregnant:
        due = anamnesis.pregnancy_due_on
        context = None
        if due is not None:
            template = texts.DUE_PAST if due < visit else texts.DUE_ON
            context = Message(template, {"date": due})
        found.raise_item("pregnancy", context)
    if anamnesis.breastfeeding:
        found.raise_item("lactation")
    born = anamnesis.childbirth_on
    if born is not None and 0 <= (visit - born).days < POSTPARTUM_WAIT_DAYS:
        found.raise_item(
            "postpartum",
            Message(texts.CHILDBIRTH_ON, {"date": born, "days": (visit - born).days}),
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
            found.cannot_check(
                f"condition:{entry.code}", texts.CANNOT_CHECK_CONDITION, {"code": entry.code}
            )
            continue
        details: list[Param] = []
        if entry.noted_on:
            details.append(Message(texts.NOTED_ON, {"date": entry.noted_on}))
        if entry.note.strip():
            details.append(entry.note.strip())
        found.raise_item(entry.code, Joined(tuple(details), "; ") if details else None)


def _screen_medications(
    found: _Found, medications: Iterable[MedicationEntry], medicines: MedicineDictionary
) -> None:
    taken: dict[str, list[str]] = {}
    for medication in medications:
        for flag in sorted(effective_flags(medication, medicines)):
            taken.setdefault(flag.catalog_code, []).append(medication.name.strip() or "unnamed")
    position = {code: index for index, code in enumerate(found.items)}
    for code in sorted(taken, key=lambda code: position.get(code, len(position))):
        found.raise_item(code, Joined(tuple(taken[code])))


@dataclass
class _AllergyHit:
    """Everything one substance is hit by: the allergies, where it is, what it is called."""

    allergies: list[AllergyEntry] = field(default_factory=list)
    places: list[Message] = field(default_factory=list)

    def add(self, allergy: AllergyEntry, place: Message) -> None:
        if allergy not in self.allergies:
            self.allergies.append(allergy)
        if place not in self.places:
            self.places.append(place)


def _screen_allergies(
    found: _Found, allergies: Sequence[AllergyEntry], synonyms: SynonymTable
) -> None:
    """One finding per substance hit, naming every place it is found; and what cannot be
    checked against the allergies, as a warning of its own."""
    item = found.item(ALLERGY_ITEM)
    if not allergies or not found.applies(item.scope):
        return
    procedure = found.procedure
    hits: dict[str, _AllergyHit] = {}
    unchecked: list[tuple[str, str, dict[str, Param]]] = []
    for product in procedure.products:
        matches = [
            (
                match,
                Message(
                    texts.ALLERGY_IN_PRODUCT, {"product": product.label, "ingredient": _what(match)}
                ),
            )
            for allergy in allergies
            for ingredient in product.ingredients
            if (match := match_allergy(allergy, ingredient, synonyms)) is not None
        ]
        if not product.ingredients:
            matches = [
                (
                    match,
                    Message(
                        texts.ALLERGY_IN_PRODUCT,
                        {
                            "product": product.label,
                            "ingredient": _entry_name(synonyms, match.substance, product.name),
                        },
                    ),
                )
                for allergy in allergies
                for match in match_allergy_in_text(allergy, product.name, synonyms)
            ]
            if not matches:
                unchecked.append(
                    (
                        f"composition:{substance_id(product.name)}",
                        texts.CANNOT_CHECK_COMPOSITION,
                        {"product": product.label, "allergies": _labels(allergies)},
                    )
                )
        for match, place in matches:
            hits.setdefault(match.substance, _AllergyHit()).add(match.allergy, place)
    for subject, label, field_name, text in (
        ("anaesthesia", texts.ANAESTHESIA, texts.THE_ANAESTHESIA, procedure.anaesthesia),
        ("disinfection", texts.DISINFECTION, texts.THE_DISINFECTION, procedure.disinfection),
    ):
        if not text.strip():
            continue
        matched = False
        for allergy in allergies:
            for match in match_allergy_in_text(allergy, text, synonyms):
                matched = True
                place = Message(
                    texts.ALLERGY_IN_TEXT,
                    {
                        "field": field_name,
                        "text": text.strip(),
                        "substance": _entry_name(synonyms, match.substance, text),
                    },
                )
                hits.setdefault(match.substance, _AllergyHit()).add(allergy, place)
        if not matched and not substances_in(text, synonyms):
            unchecked.append(
                (
                    subject,
                    texts.CANNOT_CHECK_TEXT,
                    {"field": label, "text": text.strip(), "allergies": _labels(allergies)},
                )
            )
    for substance, hit in hits.items():
        found.add(item, _allergy_message(item, hit), code=ALLERGY, subject=substance)
    for subject, template, params in unchecked:
        found.cannot_check(subject, template, params)


def _allergy_message(item: CatalogItem, hit: _AllergyHit) -> Message:
    ordered = sorted(hit.allergies, key=lambda a: not is_life_threatening(a))
    lead = ordered[0]
    details: list[Param] = [lead.reaction.strip()] if lead.reaction.strip() else []
    if lead.severity is not None:
        details.append(texts.severity_name(lead.severity))
    severe = any(is_life_threatening(a) for a in ordered)
    return Message(
        texts.ALLERGY,
        {
            "allergy": Joined(tuple(_allergy_label(a) for a in ordered)),
            "reaction": Message(texts.CONTEXT, {"details": Joined(tuple(details))})
            if details
            else "",
            "places": Joined(tuple(hit.places), "; "),
            "advice": Message(texts.ALLERGY_SEVERE_ADVICE) if severe else item.advice_text,
        },
    )


def _allergy_label(allergy: AllergyEntry) -> Param:
    if allergy.substance.strip():
        return allergy.substance.strip()
    return texts.group_name(allergy.group) if allergy.group else ""


def _labels(allergies: Sequence[AllergyEntry]) -> Joined:
    return Joined(tuple(_allergy_label(a) for a in allergies))


def _what(match: AllergyMatch) -> Param:
    if not match.ingredient_groups:
        return match.ingredient_name
    groups = Joined(tuple(texts.group_name(g) for g in match.ingredient_groups))
    return Message(
        texts.INGREDIENT_WITH_GROUPS, {"ingredient": match.ingredient_name, "groups": groups}
    )


def _entry_name(synonyms: SynonymTable, substance: str, fallback: str) -> Param:
    """A known substance in each language ("lidocaine" / "лидокаин"), else the typed text."""
    entry = next((e for e in synonyms.entries if e.key == substance), None)
    if entry is None:
        return fallback.strip()
    return Localized(entry.names[0], _russian_name(entry))


def _russian_name(entry: SynonymEntry) -> str:
    return next((n for n in entry.names if any("а" <= ch <= "я" for ch in n.lower())), "")


def _screen_checklist(found: _Found, checklist: DayChecklist | None) -> None:
    if checklist is None:
        found.note(CHECKLIST_NOT_ASKED, "", Severity.INFO, Message(texts.CHECKLIST_NOT_ASKED))
        return
    for code in checklist.ticked_codes():
        if code in found.items:
            found.raise_item(code)
        else:
            found.cannot_check(f"checklist:{code}", texts.CANNOT_CHECK_CHECKLIST, {"code": code})
    visit = found.procedure.on
    for code, on, wait in (
        ("recent_peeling", checklist.recent_peeling_on, RECENT_PEELING_DAYS),
        ("recent_surgery", checklist.recent_surgery_on, RECENT_SURGERY_DAYS),
    ):
        if on is not None and 0 <= (visit - on).days < wait:
            found.raise_item(
                code,
                Message(texts.DONE_ON, {"date": on, "days": (visit - on).days}),
                on + timedelta(days=wait),
            )


def _catalog_message(
    item: CatalogItem, context: Param | None, possible_from: date | None
) -> Message:
    """A sentence a practitioner reads: what was found, what it means, what the texts advise."""
    params: dict[str, Param] = {
        "item": item.name,
        "context": Message(texts.CONTEXT, {"details": context}) if context else "",
        "work": _SCOPE_WORK[item.scope],
        "advice": item.advice_text,
    }
    if item.kind is ContraindicationKind.ABSOLUTE:
        return Message(texts.CATALOG_ABSOLUTE, params)
    if item.kind is ContraindicationKind.TEMPORARY:
        if possible_from is None:
            return Message(texts.CATALOG_TEMPORARY, params)
        return Message(texts.CATALOG_TEMPORARY_UNTIL, {**params, "date": possible_from})
    return Message(texts.CATALOG_RELATIVE, params)
