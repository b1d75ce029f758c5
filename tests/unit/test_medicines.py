"""The medicine dictionary: drug names in both languages, brands and doses, mapped to flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesodesk.domain.anamnesis import MedicationEntry
from mesodesk.domain.medicines import (
    MedicationFlag,
    effective_flags,
    load_medicines,
    parse_medicines,
    with_flags,
)

F = MedicationFlag
ANTICOAGULANT = {F.ANTICOAGULANT}
ANTIPLATELET = {F.ANTIPLATELET}
RETINOID = {F.RETINOID}
STEROID = {F.HORMONAL, F.IMMUNOSUPPRESSANT}
IMMUNOSUPPRESSANT = {F.IMMUNOSUPPRESSANT}


@pytest.mark.parametrize(
    ("typed", "flags"),
    [
        # anticoagulants: generic and brand, both scripts
        ("Warfarin", ANTICOAGULANT),
        ("Варфарин", ANTICOAGULANT),
        ("варфарин 2,5 мг", ANTICOAGULANT),
        ("Rivaroxaban", ANTICOAGULANT),
        ("ривароксабан", ANTICOAGULANT),
        ("Xarelto 20 mg", ANTICOAGULANT),
        ("Ксарелто", ANTICOAGULANT),
        ("Apixaban", ANTICOAGULANT),
        ("апиксабан", ANTICOAGULANT),
        ("Eliquis", ANTICOAGULANT),
        ("Эликвис 5 мг", ANTICOAGULANT),
        ("Dabigatran", ANTICOAGULANT),
        ("дабигатран", ANTICOAGULANT),
        ("Pradaxa", ANTICOAGULANT),
        ("Прадакса", ANTICOAGULANT),
        ("Heparin", ANTICOAGULANT),
        ("гепарин", ANTICOAGULANT),
        ("Гепариновая мазь", ANTICOAGULANT),
        ("Enoxaparin", ANTICOAGULANT),
        ("эноксапарин", ANTICOAGULANT),
        ("Clexane 0.4 ml", ANTICOAGULANT),
        ("Клексан", ANTICOAGULANT),
        # antiplatelets
        ("Acetylsalicylic acid", ANTIPLATELET),
        ("ацетилсалициловая кислота", ANTIPLATELET),
        ("Aspirin", ANTIPLATELET),
        ("Аспирин Кардио 100", ANTIPLATELET),
        ("Кардиомагнил", ANTIPLATELET),
        ("Cardiomagnyl", ANTIPLATELET),
        ("Тромбо АСС 50 мг", ANTIPLATELET),
        ("Thrombo ASS", ANTIPLATELET),
        ("Clopidogrel", ANTIPLATELET),
        ("клопидогрел", ANTIPLATELET),
        ("Plavix", ANTIPLATELET),
        ("Плавикс", ANTIPLATELET),
        ("Ticlopidine", ANTIPLATELET),
        ("тиклопидин", ANTIPLATELET),
        ("Ticlid", ANTIPLATELET),
        ("Тиклид", ANTIPLATELET),
        ("Pentoxifylline", ANTIPLATELET),
        ("пентоксифиллин", ANTIPLATELET),
        ("Trental 400", ANTIPLATELET),
        ("Трентал", ANTIPLATELET),
        # retinoids
        ("Isotretinoin 20 mg", RETINOID),
        ("изотретиноин", RETINOID),
        ("Roaccutane", RETINOID),
        ("Роаккутан", RETINOID),
        ("Акнекутан", RETINOID),
        ("Acnecutan", RETINOID),
        # systemic corticosteroids
        ("Prednisolone", STEROID),
        ("Преднизолон 5 мг", STEROID),
        ("Метипред", STEROID),
        ("дексаметазон", STEROID),
        ("Дипроспан", STEROID),
        # immunosuppressants
        ("Methotrexate", IMMUNOSUPPRESSANT),
        ("Метотрексат", IMMUNOSUPPRESSANT),
        ("Ciclosporin", IMMUNOSUPPRESSANT),
        ("Cyclosporine", IMMUNOSUPPRESSANT),
        ("циклоспорин", IMMUNOSUPPRESSANT),
    ],
)
def test_a_medicine_is_known_by_any_of_its_names(typed: str, flags: set[MedicationFlag]) -> None:
    dictionary = load_medicines()
    assert dictionary.flags_for(typed) == flags
    assert dictionary.flags_for(typed.upper()) == flags
    assert dictionary.flags_for(f"  {typed.lower()}  ") == flags


@pytest.mark.parametrize(
    "typed", ["варфарина", "варфарином", "Роаккутана", "клексаном", "аспирина", "метотрексатом"]
)
def test_a_medicine_is_known_in_a_russian_case_form(typed: str) -> None:
    assert load_medicines().flags_for(typed)


@pytest.mark.parametrize(
    "typed",
    ["Аспирантура", "Ибупрофен", "Vitamin D3", "Гепатит B", "Омепразол", "варф", ""],
)
def test_other_words_and_unknown_drugs_imply_nothing(typed: str) -> None:
    assert load_medicines().flags_for(typed) == frozenset()


def test_yo_and_ye_are_the_same_letter(tmp_path: Path) -> None:
    raw = {"medicines": [{"names": ["Тёплый препарат"], "flags": ["hormonal"]}]}
    dictionary = parse_medicines(raw)
    assert dictionary.flags_for("теплый ПРЕПАРАТ") == {F.HORMONAL}


def test_every_flag_has_medicines_and_every_medicine_has_both_scripts() -> None:
    dictionary = load_medicines()
    assert {flag for m in dictionary.medicines for flag in m.flags} == set(MedicationFlag)
    for medicine in dictionary.medicines:
        assert medicine.names[0].isascii(), medicine.names
        assert any(not name.isascii() for name in medicine.names), medicine.names


def test_the_flags_are_ticked_unless_the_practitioner_unticked_them() -> None:
    dictionary = load_medicines()
    typed = MedicationEntry("Варфарин")
    assert effective_flags(typed, dictionary) == ANTICOAGULANT
    corrected = MedicationEntry("Гепариновая мазь", cleared=frozenset({"anticoagulant"}))
    assert effective_flags(corrected, dictionary) == frozenset()
    by_hand = MedicationEntry("Новый бренд", retinoid=True)
    assert effective_flags(by_hand, dictionary) == RETINOID


def test_with_flags_ticks_what_the_name_implies_and_forgets_stale_untickings() -> None:
    dictionary = load_medicines()
    stored = with_flags(
        MedicationEntry("Преднизолон", cleared=frozenset({"anticoagulant"})), dictionary
    )
    assert (stored.hormonal, stored.immunosuppressant, stored.anticoagulant) == (True, True, False)
    assert stored.cleared == frozenset()
    kept = with_flags(
        MedicationEntry("Преднизолон", cleared=frozenset({"immunosuppressant"})), dictionary
    )
    assert (kept.hormonal, kept.immunosuppressant) == (True, False)
    assert kept.cleared == {"immunosuppressant"}


def test_completion_offers_every_name() -> None:
    names = load_medicines().names()
    assert {"Роаккутан", "Xarelto", "варфарин"} <= set(names)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], 'expected an object with "medicines"'),
        ({"medicines": []}, "medicines must be a non-empty list"),
        ({"medicines": [{"names": ["x"]}]}, "medicine 1: expected an object with names and flags"),
        ({"medicines": [{"names": [], "flags": ["retinoid"]}]}, "medicine 1: names must be"),
        ({"medicines": [{"names": ["x"], "flags": []}]}, "medicine 1: flags must be a non-empty"),
        (
            {"medicines": [{"names": ["x"], "flags": ["blood_thinner"]}]},
            "medicine 1: unknown flag in ['blood_thinner']",
        ),
        (
            {
                "medicines": [
                    {"names": ["Warfarin"], "flags": ["anticoagulant"]},
                    {"names": ["WARFARIN"], "flags": ["antiplatelet"]},
                ]
            },
            "medicine 2: 'WARFARIN' is already a name of medicine 1",
        ),
    ],
)
def test_a_bad_dictionary_is_refused_naming_the_entry(raw: object, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_medicines(raw, "medicines.json")
    assert message in str(refused.value)


def test_a_broken_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "medicines.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"medicines\.json: cannot read"):
        load_medicines(path)
    path.write_text(json.dumps({"medicines": [{"names": ["x"], "flags": ["x"]}]}), "utf-8")
    with pytest.raises(ValueError, match=r"medicines\.json: medicine 1"):
        load_medicines(path)
