"""Allergy matching: the same substance in any language or case, whole groups, no false alarms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesodesk.domain.allergy import (
    load_synonyms,
    match_allergy,
    mentions,
    normalise,
    words,
)
from mesodesk.domain.anamnesis import AllergyEntry
from mesodesk.domain.screening import IngredientRef
from mesodesk.domain.vocabulary import IngredientGroup

G = IngredientGroup


def matches(allergy: AllergyEntry | str, ingredient: IngredientRef | str) -> bool:
    if isinstance(allergy, str):
        allergy = AllergyEntry(allergy)
    if isinstance(ingredient, str):
        ingredient = IngredientRef(ingredient)
    return match_allergy(allergy, ingredient) is not None


@pytest.mark.parametrize(
    "ingredient",
    ["Lidocaine", "лидокаин", "ЛИДОКАИН", "Лидокаин 2%", "Lidocaine hydrochloride", "Xylocaine"],
)
def test_a_lidocaine_allergy_flags_lidocaine_in_any_language_or_case(ingredient: str) -> None:
    assert matches("lidocaine", ingredient)


@pytest.mark.parametrize(
    ("allergy", "ingredient"),
    [
        ("Лидокаин", "Lidocaine"),
        ("новокаин", "Procaine"),
        ("Novocaine", "Новокаин"),
        ("procaine", "novocain"),
        ("аскорбиновая кислота", "Vitamin C"),
        ("витамин С", "Vitamin C"),  # Cyrillic С typed for the vitamin letter
        ("Ascorbic acid", "Витамин C"),
        ("hyaluronic acid", "Гиалуроновая кислота"),
        ("гиалуроновую кислоту", "Hyaluronic acid"),  # a Russian case ending
        ("никотиновая кислота", "Niacin"),
        ("гентамицин", "Gentamicin"),
        ("рутин", "Rutin"),
        ("Trental", "Пентоксифиллин"),
        ("гинкго билоба", "Ginkgo biloba extract"),
        ("донник", "Melilot extract"),
        ("арнику", "Arnica"),
        ("органический кремний", "Organic silicon"),
        ("ДМАЭ", "DMAE (dimethylaminoethanol)"),
        ("phosphatidylcholine", "Фосфатидилхолин"),
        ("гликолевая кислота", "Glycolic acid"),
        ("пировиноградная кислота", "Pyruvic acid"),
        ("трегалоза", "Trehalose"),
        ("эластин", "Elastin"),
        ("коллаген", "Collagen"),
        ("пептиды", "Peptides"),
        ("зеленый чай", "Экстракт зелёного чая"),  # е typed for ё
        ("зелёный чай", "Green tea extract"),
        ("Placentex", "Placentex 3 ml"),  # not in the table: whole words still match
    ],
)
def test_the_same_substance_matches_across_languages(allergy: str, ingredient: str) -> None:
    assert matches(allergy, ingredient)


@pytest.mark.parametrize(
    ("allergy", "ingredient"),
    [
        ("acid", "Hyaluronic acid"),
        ("acid", "Glycolic acid"),
        ("кислота", "Гиалуроновая кислота"),
        ("extract", "Melilot extract"),
        ("экстракт", "Экстракт алоэ"),
        ("C", "Vitamin C"),
        ("vitamin C", "Vitamin E"),
        ("glycolic acid", "Hyaluronic acid"),
        ("lidocaine", "Novocaine"),
        ("novocaine", "Lidocaine"),
        ("penicillin", "Gentamicin"),
        ("лидо", "Лидокаин"),  # part of a word is not the word
        ("aloe", "Artichoke extract"),
    ],
)
def test_a_generic_or_different_name_is_not_a_match(allergy: str, ingredient: str) -> None:
    assert not matches(allergy, ingredient)


@pytest.mark.parametrize(
    "allergy",
    [
        AllergyEntry(group=G.ANAESTHETIC),
        AllergyEntry("анестетики"),
        AllergyEntry("Местные анестетики"),
        AllergyEntry("anaesthetics"),
        AllergyEntry("anesthetic"),
    ],
)
@pytest.mark.parametrize(
    "ingredient",
    [
        IngredientRef("Lidocaine"),
        IngredientRef("Новокаин"),
        IngredientRef("Some anaesthetic", G.ANAESTHETIC),
    ],
)
def test_a_group_allergy_flags_every_member_of_the_group(
    allergy: AllergyEntry, ingredient: IngredientRef
) -> None:
    match = match_allergy(allergy, ingredient)
    assert match is not None and match.by_group is G.ANAESTHETIC


@pytest.mark.parametrize("allergy", [AllergyEntry(group=G.ANAESTHETIC), AllergyEntry("анестетики")])
@pytest.mark.parametrize(
    "ingredient", [IngredientRef("Vitamin C"), IngredientRef("Gentamicin", G.ANTIBIOTIC)]
)
def test_a_group_allergy_spares_other_groups(
    allergy: AllergyEntry, ingredient: IngredientRef
) -> None:
    assert match_allergy(allergy, ingredient) is None


@pytest.mark.parametrize(
    ("allergy", "ingredient"),
    [
        ("plant extracts", "Экстракт гинкго билоба"),
        ("растительные экстракты", "Arnica"),
        ("антибиотики", "Гентамицин"),
        ("vitamins", "Никотиновая кислота"),
        ("животного происхождения", "Коллаген"),
    ],
)
def test_groups_are_named_in_either_language(allergy: str, ingredient: str) -> None:
    assert matches(allergy, ingredient)


def test_the_acid_group_has_no_plain_name_so_acid_flags_nothing() -> None:
    assert load_synonyms().groups_named("acid") == set()
    assert not matches("acids", IngredientRef("Glycolic acid", G.ACID))


def test_an_explicit_acid_group_allergy_does_flag_acids() -> None:
    assert matches(AllergyEntry(group=G.ACID), IngredientRef("Glycolic acid"))


def test_an_ingredients_own_synonyms_are_used() -> None:
    assert matches("Revitalizer", IngredientRef("REVI Style", synonyms=("Revitalizer",)))


def test_an_empty_allergy_matches_nothing() -> None:
    assert not matches(AllergyEntry(""), "Lidocaine")


def test_the_match_tells_the_ingredients_groups() -> None:
    match = match_allergy(AllergyEntry("лидокаин"), IngredientRef("Lidocaine"))
    assert match is not None
    assert (match.by_group, match.ingredient_groups) == (None, (G.ANAESTHETIC,))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Зелёный   ЧАЙ! ", "зеленый чай"),
        ("Lidocaine-HCl 2%", "lidocaine hcl 2"),
        ("гинкго_билоба", "гинкго билоба"),
    ],
)
def test_names_are_normalised_before_comparing(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_russian_case_endings_and_english_plurals_are_trimmed() -> None:
    assert words("арника") == words("арнику") == words("арники")
    assert words("peptides") == words("peptide")
    assert words("витамин В6") == ("витамин", "b6")  # Cyrillic В read as the Latin letter


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Аспирин Кардио 100 мг", "аспирин", True),
        ("aspirin", "aspirin", True),
        ("Тромбо АСС", "тромбо асс", True),
        ("Аспирантура", "аспирин", False),
    ],
)
def test_a_drug_name_is_found_inside_a_brand_and_dose(text: str, name: str, found: bool) -> None:
    assert mentions(text, name) is found


def test_the_synonym_table_names_every_group_except_acid_and_other() -> None:
    table = load_synonyms()
    for group in G:
        named = table.groups_named(group.value)
        assert named == ({group} if group not in {G.ACID, G.OTHER} else set()), group


def test_a_bad_synonym_file_is_refused_naming_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "ingredient_synonyms.json"
    raw = {"generic_words": [], "groups": {}, "ingredients": [{"names": ["x"], "groups": ["?"]}]}
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="ingredient 1: unknown ingredient group '\\?'"):
        load_synonyms(path)
