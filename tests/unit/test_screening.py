"""Screening: each contraindication present gives its finding, absent gives none."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import pytest

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
from mesodesk.domain.screening import (
    BIRTH_DATE_MISSING,
    CHECKLIST_NOT_ASKED,
    COULD_NOT_CHECK,
    IngredientRef,
    PlannedProcedure,
    ProductComposition,
    ScreeningFinding,
    screen,
)
from mesodesk.domain.vocabulary import Area, IngredientGroup, ReactionSeverity, Technique

VISIT = date(2025, 6, 16)
ADULT = date(1990, 3, 8)
ACNE_2 = ProductComposition(
    "Acne 2",
    (
        IngredientRef("Gentamicin", IngredientGroup.ANTIBIOTIC, ("Гентамицин",)),
        IngredientRef("Lidocaine", IngredientGroup.ANAESTHETIC, ("Лидокаин",)),
    ),
)
FACE_WORK = PlannedProcedure(VISIT, (Area.FACE,), (Technique.PAPULAR,), (ACNE_2,))
VASCULAR_WORK = PlannedProcedure(VISIT, (Area.VASCULAR,), (Technique.PINPOINT,))
BODY_WORK = PlannedProcedure(VISIT, (Area.LEGS,), (Technique.INFILTRATION,))

CONDITION_CODES = [
    "oncology",
    "clotting_disorder",
    "diabetes",
    "active_moles",
    "skin_disease_in_area",
    "infectious_disease",
    "viral_disease",
    "cardiovascular_disease",
    "hypertension",
    "varicose_veins",
    "rosacea",
    "epilepsy",
    "mental_disorders",
    "liver_kidney_dysfunction",
    "gallstone_disease",
    "hormonal_imbalance",
]
CHECKLIST_CODES = [
    "menstruation",
    "fever",
    "active_herpes",
    "chronic_exacerbation",
    "inflammation_in_area",
    "fungal_infection_in_area",
    "skin_damage_in_area",
    "acne_flare",
    "respiratory_disease",
]


@dataclass(frozen=True)
class Case:
    """One patient and visit; the defaults are a healthy adult asked the day's questions."""

    birth_date: date | None = ADULT
    anamnesis: Anamnesis = field(default_factory=Anamnesis)
    checklist: DayChecklist | None = field(default_factory=DayChecklist)
    procedure: PlannedProcedure = FACE_WORK

    def run(self, catalog: list[CatalogItem] | None = None) -> list[ScreeningFinding]:
        return screen(self.birth_date, self.anamnesis, self.checklist, self.procedure, catalog)


def _card(**facts: Any) -> Case:
    return Case(anamnesis=Anamnesis(**facts))


def _condition(code: str) -> Case:
    vascular = code in {"varicose_veins", "rosacea"}
    return Case(
        anamnesis=Anamnesis(conditions=(ConditionEntry(code),)),
        procedure=VASCULAR_WORK if vascular else FACE_WORK,
    )


PRESENT: dict[str, Case] = {
    **{code: _condition(code) for code in CONDITION_CODES},
    **{code: Case(checklist=DayChecklist(**{code: True})) for code in CHECKLIST_CODES},
    "pregnancy": _card(pregnant=True),
    "lactation": _card(breastfeeding=True),
    "postpartum": _card(childbirth_on=VISIT - timedelta(days=20)),
    "keloid_tendency": _card(keloid_tendency=True),
    "fear_of_injections": _card(fear_of_injections=True),
    "high_skin_sensitivity": _card(high_skin_sensitivity=True),
    "minor_age": Case(birth_date=date(2010, 1, 1)),
    "component_allergy": _card(allergies=(AllergyEntry("lidocaine"),)),
    "recent_peeling": Case(checklist=DayChecklist(recent_peeling_on=VISIT - timedelta(days=3))),
    "recent_surgery": Case(checklist=DayChecklist(recent_surgery_on=VISIT - timedelta(days=3))),
    "anticoagulants": _card(medications=(MedicationEntry("Xa pill", anticoagulant=True),)),
    "antiplatelets": _card(medications=(MedicationEntry("A pill", antiplatelet=True),)),
    "retinoids": _card(medications=(MedicationEntry("R pill", retinoid=True),)),
    "hormonal_medication": _card(medications=(MedicationEntry("H pill", hormonal=True),)),
    "immunosuppressants": _card(medications=(MedicationEntry("I pill", immunosuppressant=True),)),
}


@pytest.fixture(scope="module")
def catalog() -> dict[str, CatalogItem]:
    return {item.code: item for item in load_catalog()}


def key(code: str) -> str:
    """The finding key of a catalog item present on the card, its allergy for the allergy."""
    return "allergy:lidocaine" if code == "component_allergy" else f"contraindication:{code}"


def codes(findings: list[ScreeningFinding]) -> list[str]:
    return [f.key for f in findings]


def only(findings: list[ScreeningFinding], code: str) -> ScreeningFinding:
    """The one finding of a catalog item (by its code) or of a finding key."""
    wanted = code if ":" in code or code in {BIRTH_DATE_MISSING, CHECKLIST_NOT_ASKED} else key(code)
    matching = [f for f in findings if f.key == wanted]
    assert len(matching) == 1, findings
    return matching[0]


def test_every_catalog_item_has_a_screening_case(catalog: dict[str, CatalogItem]) -> None:
    assert set(PRESENT) == set(catalog)


def test_condition_and_checklist_lists_match_the_catalog(catalog: dict[str, CatalogItem]) -> None:
    by_form = {
        form: {c for c, i in catalog.items() if i.recorded_as is form} for form in RecordedAs
    }
    assert by_form[RecordedAs.CONDITION] == set(CONDITION_CODES)
    assert by_form[RecordedAs.CHECKLIST] == {*CHECKLIST_CODES, "recent_peeling", "recent_surgery"}


def test_a_healthy_adult_with_a_clear_checklist_has_no_findings() -> None:
    assert Case().run() == []
    assert Case(procedure=VASCULAR_WORK).run() == []


@pytest.mark.parametrize("code", sorted(PRESENT))
def test_a_present_contraindication_gives_its_finding(
    catalog: dict[str, CatalogItem], code: str
) -> None:
    item = catalog[code]
    finding = only(PRESENT[code].run(), code)
    assert finding.kind is item.kind
    assert finding.severity is item.kind.severity
    assert finding.source == item.source
    assert finding.reason.startswith(("Allergy", item.name_en)) and finding.reason.endswith(".")
    assert finding.text("ru").startswith(("Аллергия", item.name_ru))


@pytest.mark.parametrize("code", sorted(PRESENT))
def test_an_absent_contraindication_gives_no_finding(code: str) -> None:
    assert key(code) not in codes(Case(procedure=PRESENT[code].procedure).run())


@pytest.mark.parametrize("code", CONDITION_CODES)
def test_a_resolved_condition_gives_no_finding(code: str) -> None:
    case = _condition(code)
    resolved = Anamnesis(conditions=(ConditionEntry(code, active=False),))
    assert replace(case, anamnesis=resolved).run() == []


@pytest.mark.parametrize(
    ("kind", "severity"),
    [
        ("absolute", Severity.BLOCK),
        ("temporary", Severity.POSTPONE),
        ("relative", Severity.WARNING),
    ],
)
def test_severity_follows_the_kind_the_admin_set(
    catalog: dict[str, CatalogItem], kind: str, severity: Severity
) -> None:
    edited = [
        replace(i, kind=ContraindicationKind(kind)) if i.code == "diabetes" else i
        for i in catalog.values()
    ]
    assert only(_condition("diabetes").run(edited), "diabetes").severity is severity


def test_a_condition_reason_carries_its_date_and_note() -> None:
    entry = ConditionEntry("diabetes", noted_on=date(2020, 1, 2), note="insulin-dependent")
    finding = only(_card(conditions=(entry,)).run(), "diabetes")
    assert finding.reason == (
        "Diabetes mellitus (noted on 02.01.2020; insulin-dependent): an absolute "
        "contraindication to mesotherapy; do not inject."
    )


# Scope


@pytest.mark.parametrize(
    ("areas", "severity"),
    [
        ((Area.VASCULAR,), Severity.BLOCK),
        ((Area.VASCULAR, Area.FACE), Severity.BLOCK),
        ((), Severity.BLOCK),
        ((Area.FACE,), Severity.INFO),
        ((Area.EYES, Area.NECK), Severity.INFO),
        ((Area.LEGS,), None),
    ],
)
def test_rosacea_blocks_vascular_work_but_is_an_indication_for_the_face(
    areas: tuple[Area, ...], severity: Severity | None
) -> None:
    case = _card(conditions=(ConditionEntry("rosacea"),))
    findings = replace(case, procedure=PlannedProcedure(VISIT, areas)).run()
    assert [f.severity for f in findings if f.subject == "rosacea"] == (
        [severity] if severity else []
    )


def test_rosacea_on_the_face_is_noted_as_an_indication() -> None:
    case = replace(_condition("rosacea"), procedure=FACE_WORK)
    finding = only(case.run(), "indication:rosacea")
    assert finding.kind is None and finding.source == "001, 004"
    assert "indication for facial mesotherapy" in finding.reason


@pytest.mark.parametrize(
    ("procedure", "flagged"), [(VASCULAR_WORK, True), (FACE_WORK, False), (BODY_WORK, False)]
)
def test_varicose_veins_matter_only_for_the_vascular_scheme(
    procedure: PlannedProcedure, flagged: bool
) -> None:
    case = replace(_condition("varicose_veins"), procedure=procedure)
    assert (key("varicose_veins") in codes(case.run())) is flagged


@pytest.mark.parametrize(
    ("scope", "procedure", "flagged"),
    [
        (Scope.FACE, FACE_WORK, True),
        (Scope.FACE, BODY_WORK, False),
        (Scope.FACE, VASCULAR_WORK, False),
        (Scope.BODY, BODY_WORK, True),
        (Scope.BODY, FACE_WORK, False),
        (Scope.ALL, VASCULAR_WORK, True),
    ],
)
def test_a_scoped_item_applies_only_to_work_in_its_region(
    catalog: dict[str, CatalogItem], scope: Scope, procedure: PlannedProcedure, flagged: bool
) -> None:
    edited = [replace(i, scope=scope) if i.code == "epilepsy" else i for i in catalog.values()]
    case = replace(_condition("epilepsy"), procedure=procedure)
    assert (key("epilepsy") in codes(case.run(edited))) is flagged


# Age, pregnancy and childbirth


@pytest.mark.parametrize(
    ("birth_date", "blocked"),
    [
        (date(2007, 6, 17), True),  # 17 on the visit date, 18 the day after
        (date(2007, 6, 16), False),  # 18th birthday on the visit date
        (date(1950, 1, 1), False),
    ],
)
def test_under_18_on_the_visit_date_blocks(birth_date: date, blocked: bool) -> None:
    findings = Case(birth_date=birth_date).run()
    assert (key("minor_age") in codes(findings)) is blocked
    if blocked:
        assert only(findings, "minor_age").severity is Severity.BLOCK


def test_a_missing_birth_date_asks_to_confirm_adulthood() -> None:
    finding = only(Case(birth_date=None).run(), BIRTH_DATE_MISSING)
    assert finding.severity is Severity.WARNING
    assert "18 or older" in finding.reason


@pytest.mark.parametrize(
    ("days_before", "postponed"), [(0, True), (41, True), (42, False), (-5, False)]
)
def test_less_than_six_weeks_after_childbirth_postpones(days_before: int, postponed: bool) -> None:
    born = VISIT - timedelta(days=days_before)
    findings = _card(childbirth_on=born).run()
    assert (key("postpartum") in codes(findings)) is postponed
    if postponed:
        finding = only(findings, "postpartum")
        assert finding.severity is Severity.POSTPONE
        assert finding.possible_from == born + timedelta(days=42)


def test_the_postponement_names_the_date_it_becomes_possible() -> None:
    finding = only(_card(childbirth_on=date(2025, 5, 6)).run(), "postpartum")
    assert finding.reason == (
        "Less than 6 weeks after childbirth (childbirth on 06.05.2025, 41 days before the "
        "visit): postpone the procedure until 17.06.2025."
    )


def test_pregnancy_from_the_flag_and_the_condition_list_shows_once() -> None:
    case = _card(pregnant=True, conditions=(ConditionEntry("pregnancy"),))
    assert codes(case.run()) == [key("pregnancy")]


def test_a_past_expected_delivery_date_asks_to_update_the_card() -> None:
    finding = only(_card(pregnant=True, pregnancy_due_on=VISIT - timedelta(1)).run(), "pregnancy")
    assert "update the card" in finding.reason


# The day's checklist


@pytest.mark.parametrize(
    ("field_name", "code", "wait_days"),
    [("recent_peeling_on", "recent_peeling", 14), ("recent_surgery_on", "recent_surgery", 30)],
)
@pytest.mark.parametrize("offset", [-1, 0])
def test_recent_peeling_and_surgery_postpone_until_the_wait_is_over(
    field_name: str, code: str, wait_days: int, offset: int
) -> None:
    done_on = VISIT - timedelta(days=wait_days + offset)
    findings = Case(checklist=DayChecklist(**{field_name: done_on})).run()
    if offset == -1:
        finding = only(findings, code)
        assert finding.severity is Severity.POSTPONE
        assert finding.possible_from == VISIT + timedelta(days=1)
    else:
        assert findings == []


@pytest.mark.parametrize("code", CHECKLIST_CODES)
def test_each_ticked_checklist_item_postpones(code: str) -> None:
    finding = only(Case(checklist=DayChecklist(**{code: True})).run(), code)
    assert finding.severity is Severity.POSTPONE
    assert "postpone the procedure" in finding.reason


def test_a_checklist_not_yet_asked_is_a_reminder() -> None:
    finding = only(Case(checklist=None).run(), CHECKLIST_NOT_ASKED)
    assert finding.severity is Severity.INFO


def test_a_checklist_item_the_admin_added_postpones(catalog: dict[str, CatalogItem]) -> None:
    extra = replace(catalog["fever"], code="sunburn", name_en="Sunburn in the area")
    case = Case(checklist=DayChecklist(other_codes=frozenset({"sunburn"})))
    assert only(case.run([*catalog.values(), extra]), "sunburn").severity is Severity.POSTPONE


def test_codes_missing_from_the_catalog_are_not_silently_dropped() -> None:
    case = Case(
        anamnesis=Anamnesis(conditions=(ConditionEntry("lupus"),)),
        checklist=DayChecklist(other_codes=frozenset({"sunburn"})),
    )
    findings = case.run()
    assert codes(findings) == [
        f"{COULD_NOT_CHECK}:condition:lupus",
        f"{COULD_NOT_CHECK}:checklist:sunburn",
    ]
    assert all(f.severity is Severity.WARNING for f in findings)
    assert "could not be checked" in findings[0].reason and "lupus" in findings[0].reason


# Medications


@pytest.mark.parametrize(
    ("flag", "code"),
    [
        ("anticoagulant", "anticoagulants"),
        ("antiplatelet", "antiplatelets"),
        ("retinoid", "retinoids"),
        ("hormonal", "hormonal_medication"),
        ("immunosuppressant", "immunosuppressants"),
    ],
)
def test_a_medication_flag_warns(flag: str, code: str) -> None:
    case = _card(medications=(MedicationEntry("Some brand", **{flag: True}),))
    finding = only(case.run(), code)
    assert finding.severity is Severity.WARNING
    assert "Some brand" in finding.reason


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Warfarin", "anticoagulants"),
        ("варфарин 2,5 мг", "anticoagulants"),
        ("ГЕПАРИН гель", "anticoagulants"),
        ("Aspirin Cardio 100 mg", "antiplatelets"),
        ("Аспирин", "antiplatelets"),
        ("Кардиомагнил", "antiplatelets"),
        ("Тиклид", "antiplatelets"),
        ("Trental 400", "antiplatelets"),
        ("пентоксифиллин", "antiplatelets"),
        ("Клопидогрел", "antiplatelets"),
        ("Роаккутан", "retinoids"),
        ("Isotretinoin 20 mg", "retinoids"),
        ("Метотрексат", "immunosuppressants"),
        ("Ибупрофен", None),
        ("Vitamin D3", None),
        ("Аспирантура", None),
    ],
)
def test_a_medication_is_recognised_by_name_without_its_flag(name: str, code: str | None) -> None:
    findings = _card(medications=(MedicationEntry(name),)).run()
    assert codes(findings) == ([key(code)] if code else [])


@pytest.mark.parametrize(
    ("name", "code"), [("Аспирин", "antiplatelets"), ("Варфарин", "anticoagulants")]
)
def test_blood_thinners_never_tell_to_stop_a_prescribed_medicine(name: str, code: str) -> None:
    finding = only(_card(medications=(MedicationEntry(name),)).run(), code)
    assert "Never ask the patient to stop a medicine their doctor prescribed" in finding.reason
    assert "not to take aspirin or other blood thinners on their own" in finding.reason
    assert "(Mesotherapy: techniques, cocktails and courses)" in finding.reason
    assert "не просите пациента отменить лекарство, назначенное врачом" in finding.text("ru")
    assert "001" in finding.source.split(", ")
    assert "(001)" not in finding.reason


def test_several_medications_of_one_kind_show_as_one_warning() -> None:
    meds = (MedicationEntry("Warfarin"), MedicationEntry("Heparin gel", anticoagulant=True))
    finding = only(_card(medications=meds).run(), "anticoagulants")
    assert finding.reason.startswith("Taking anticoagulants (Warfarin, Heparin gel):")


# Allergies


def test_an_allergy_names_the_product_and_the_ingredient() -> None:
    allergy = AllergyEntry("lidocaine", reaction="hives", severity=ReactionSeverity.SEVERE)
    finding = only(_card(allergies=(allergy,)).run(), "component_allergy")
    assert finding.severity is Severity.BLOCK
    assert finding.reason.startswith(
        'Allergy to lidocaine (hives, severe): "Acne 2" contains Lidocaine (anaesthetic).'
    )


@pytest.mark.parametrize(
    "ingredient",
    [
        IngredientRef("Lidocaine"),
        IngredientRef("лидокаин"),
        IngredientRef("ЛИДОКАИН 2%"),
        IngredientRef("Xylo-X", synonyms=("Lidocaine hydrochloride",)),
    ],
)
def test_a_lidocaine_allergy_flags_the_cocktail_in_either_language(
    ingredient: IngredientRef,
) -> None:
    cocktail = ProductComposition("Acne 2", (IngredientRef("Gentamicin"), ingredient))
    case = Case(
        anamnesis=Anamnesis(allergies=(AllergyEntry("lidocaine"),)),
        procedure=PlannedProcedure(VISIT, (Area.FACE,), products=(cocktail,)),
    )
    assert codes(case.run()) == ["allergy:lidocaine"]


def test_a_group_allergy_flags_every_ingredient_of_the_group() -> None:
    findings = _card(allergies=(AllergyEntry(group=IngredientGroup.ANAESTHETIC),)).run()
    assert only(findings, "component_allergy").reason.startswith(
        'Allergy to anaesthetic: "Acne 2" contains Lidocaine (anaesthetic).'
    )


def test_an_allergy_to_something_else_is_not_a_finding() -> None:
    assert _card(allergies=(AllergyEntry("penicillin"), AllergyEntry("acid"))).run() == []


def test_an_allergy_without_any_product_chosen_gives_nothing_yet() -> None:
    case = replace(_card(allergies=(AllergyEntry("lidocaine"),)), procedure=VASCULAR_WORK)
    assert case.run() == []


# Findings together


def test_other_rules_findings_are_shown_in_the_same_list_most_serious_first() -> None:
    depth = Finding("depth_limit", Severity.BLOCK, "Face: no deeper than 4 mm.", "003", "face")
    interval = Finding("course_interval", Severity.WARNING, "Only 3 days since the last visit.")
    findings = screen(
        ADULT,
        Anamnesis(fear_of_injections=True),
        DayChecklist(fever=True),
        FACE_WORK,
        also=[interval, depth],
    )
    assert codes(findings) == [
        "depth_limit:face",
        key("fever"),
        key("fear_of_injections"),
        "course_interval",
    ]
    assert findings[0].as_finding() == depth
    assert findings[0].kind is None


def test_findings_come_most_serious_first() -> None:
    case = Case(
        birth_date=None,
        anamnesis=Anamnesis(
            fear_of_injections=True,
            conditions=(ConditionEntry("rosacea"),),
            allergies=(AllergyEntry("лидокаин"),),
        ),
        checklist=DayChecklist(menstruation=True),
    )
    ranks = [f.severity.rank for f in case.run()]
    assert ranks == sorted(ranks, reverse=True)
    assert len(ranks) == 5


def test_a_catalog_missing_an_item_a_rule_needs_is_an_error(
    catalog: dict[str, CatalogItem],
) -> None:
    without = [i for i in catalog.values() if i.code != "pregnancy"]
    with pytest.raises(ValueError, match="no item 'pregnancy'"):
        _card(pregnant=True).run(without)
