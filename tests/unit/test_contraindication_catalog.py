"""The shipped contraindication catalog holds every item of the domain brief, cited correctly."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mesodesk.domain.contraindications import (
    RULE_CODES,
    CatalogItem,
    ContraindicationKind,
    RecordedAs,
    Scope,
    load_catalog,
    parse_catalog,
)
from mesodesk.domain.findings import Severity

A, R, T = (
    ContraindicationKind.ABSOLUTE,
    ContraindicationKind.RELATIVE,
    ContraindicationKind.TEMPORARY,
)
ALL, VASCULAR = Scope.ALL, Scope.VASCULAR

# code -> (kind, scope, the seed texts that name it), from the domain brief's Contraindications.
EXPECTED: dict[str, tuple[ContraindicationKind, Scope, str]] = {
    "pregnancy": (A, ALL, "000, 001, 003, 004"),
    "lactation": (A, ALL, "000, 001, 003, 004"),
    "oncology": (A, ALL, "000, 004"),
    "clotting_disorder": (A, ALL, "000, 001, 003, 004"),
    "diabetes": (A, ALL, "000, 004"),
    "active_moles": (A, ALL, "000"),
    "skin_disease_in_area": (A, ALL, "000, 004"),
    "infectious_disease": (A, ALL, "000, 004"),
    "viral_disease": (A, ALL, "000"),
    "keloid_tendency": (A, ALL, "000, 001"),
    "cardiovascular_disease": (A, ALL, "000, 003, 004"),
    "hypertension": (A, ALL, "004"),
    "varicose_veins": (A, VASCULAR, "000"),
    "rosacea": (A, VASCULAR, "000"),
    "component_allergy": (A, ALL, "000, 001, 004"),
    "epilepsy": (A, ALL, "004"),
    "mental_disorders": (A, ALL, "004"),
    "liver_kidney_dysfunction": (A, ALL, "003, 004"),
    "gallstone_disease": (A, ALL, "003"),
    "minor_age": (A, ALL, "001, 004"),
    "menstruation": (T, ALL, "001, 003, 004"),
    "fever": (T, ALL, "004"),
    "active_herpes": (T, ALL, "004"),
    "chronic_exacerbation": (T, ALL, "001"),
    "inflammation_in_area": (T, ALL, "000, 001, 004"),
    "fungal_infection_in_area": (T, ALL, "001"),
    "skin_damage_in_area": (T, ALL, "000, 001"),
    "acne_flare": (T, ALL, "004"),
    "recent_peeling": (T, ALL, "001"),
    "respiratory_disease": (T, ALL, "001"),
    "recent_surgery": (T, ALL, "003"),
    "postpartum": (T, ALL, "004"),
    "anticoagulants": (R, ALL, "001, 003, 004"),
    "antiplatelets": (R, ALL, "001, 003, 004"),
    "retinoids": (R, ALL, "clinic"),
    "hormonal_medication": (R, ALL, "clinic"),
    "immunosuppressants": (R, ALL, "clinic"),
    "fear_of_injections": (R, ALL, "003"),
    "hormonal_imbalance": (R, ALL, "004"),
    "high_skin_sensitivity": (R, ALL, "004"),
}
SEEDS = {"000", "001", "002", "003", "004"}


@pytest.fixture(scope="module")
def catalog() -> dict[str, CatalogItem]:
    return {item.code: item for item in load_catalog()}


def test_the_shipped_catalog_holds_exactly_the_domain_items(
    catalog: dict[str, CatalogItem],
) -> None:
    assert set(catalog) == set(EXPECTED)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_item_has_its_kind_scope_and_seed_sources(
    catalog: dict[str, CatalogItem], code: str
) -> None:
    kind, scope, source = EXPECTED[code]
    item = catalog[code]
    assert (item.kind, item.scope, item.source) == (kind, scope, source)
    assert set(item.sources) <= SEEDS | {"clinic"}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_item_is_named_in_english_and_russian(
    catalog: dict[str, CatalogItem], code: str
) -> None:
    item = catalog[code]
    assert item.name_en.isascii() and item.name_en[0].isupper()
    assert any("а" <= ch.lower() <= "я" for ch in item.name_ru)


def test_items_not_from_the_source_texts_say_why_in_a_note(
    catalog: dict[str, CatalogItem],
) -> None:
    for item in catalog.values():
        if "clinic" in item.sources:
            assert item.note, item.code


def test_checklist_items_are_exactly_the_day_of_visit_temporary_items(
    catalog: dict[str, CatalogItem],
) -> None:
    on_checklist = {code for code, item in catalog.items() if item.on_checklist}
    assert on_checklist == {code for code, (kind, *_) in EXPECTED.items() if kind is T} - {
        "postpartum"
    }


def test_rosacea_is_an_indication_for_facial_work(catalog: dict[str, CatalogItem]) -> None:
    rosacea = catalog["rosacea"]
    assert rosacea.indication_scope is Scope.FACE
    assert rosacea.indication_source == "001, 004"


def test_advice_cites_texts_by_title_never_by_number_and_has_russian(
    catalog: dict[str, CatalogItem],
) -> None:
    for item in catalog.values():
        assert not re.search(r"\(\d{3}\)|seed", item.advice), item.code
        assert bool(item.advice) == bool(item.advice_ru), item.code
        assert not re.search(r"\(\d{3}\)", item.advice_ru), item.code


def test_a_severe_allergy_never_suggests_a_test_but_the_catalog_advice_may(
    catalog: dict[str, CatalogItem],
) -> None:
    assert "allergy test" in catalog["component_allergy"].advice


@pytest.mark.parametrize(
    ("kind", "severity"), [(A, Severity.BLOCK), (T, Severity.POSTPONE), (R, Severity.WARNING)]
)
def test_kind_decides_severity(kind: ContraindicationKind, severity: Severity) -> None:
    assert kind.severity is severity


def test_the_shipped_catalog_is_read_once_and_callers_cannot_spoil_it() -> None:
    first = load_catalog()
    first.clear()
    assert load_catalog() and load_catalog() == load_catalog()


def _entry(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "code": "test_item",
        "kind": "absolute",
        "scope": "all",
        "recorded_as": "condition",
        "name_en": "Test item",
        "name_ru": "Тестовый пункт",
        "source": "000",
    }
    entry.update(changes)
    return {k: v for k, v in entry.items() if v is not None}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (_entry(kind="absolut"), "unknown kind 'absolut'"),
        (_entry(scope="legs"), "unknown scope 'legs'"),
        (_entry(recorded_as="form"), "unknown recorded_as 'form'"),
        (_entry(name_ru=None), "'name_ru' must be a non-empty string"),
        (_entry(name_ru="Test"), "name_ru must be written in Russian"),
        (_entry(source="seed 5"), "source must list seed ids"),
        (_entry(code="Bad Code"), "code must be lower_snake_case"),
        (_entry(medication_name=["x"]), "unknown field(s) medication_name"),
        (_entry(medication_names=["aspirin"]), "medication names now live in the medicine"),
        (_entry(advice="Take care.", advice_ru="Take care."), "advice_ru must be written in"),
        (_entry(indication_scope="face"), "indication_scope and indication_source go together"),
    ],
)
def test_a_bad_entry_is_refused_naming_it(entry: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=r"^catalog: entry 1 \('") as error:
        parse_catalog([entry], required_codes=())
    assert message in str(error.value)


def test_a_duplicate_code_is_refused() -> None:
    with pytest.raises(ValueError, match="entry 2: duplicate code 'test_item'"):
        parse_catalog([_entry(), _entry()], required_codes=())


def test_a_catalog_without_an_item_the_rules_need_is_refused() -> None:
    with pytest.raises(ValueError, match=r"missing items the screening rules need: .*pregnancy"):
        parse_catalog([_entry()])


def test_a_broken_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "contraindications.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"contraindications\.json: cannot read"):
        load_catalog(path)


def test_an_edited_file_loads_with_the_admins_changes(tmp_path: Path) -> None:
    entries = [_entry(code=code, kind="relative") for code in sorted(RULE_CODES)]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    items = load_catalog(path)
    assert {i.code for i in items} == RULE_CODES
    assert all(i.kind is R and i.recorded_as is RecordedAs.CONDITION for i in items)
