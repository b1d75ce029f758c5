"""Properties of allergy matching: case, ё/е, spacing and the name's language change nothing."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mesodesk.domain.allergy import load_synonyms, match_allergy, match_allergy_in_text
from mesodesk.domain.anamnesis import AllergyEntry
from mesodesk.domain.medicines import load_medicines
from mesodesk.domain.screening import IngredientRef

TABLE = load_synonyms()
NAMES = sorted({name for entry in TABLE.entries for name in entry.names})
OTHERS = ["Penicillin", "пенициллин", "Ibuprofen", "крем", "Vitamin C 5%", "Placentex 3 ml"]
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
BILINGUAL = [
    entry
    for entry in TABLE.entries
    if any(CYRILLIC.search(n) for n in entry.names) and any(n.isascii() for n in entry.names)
]

names = st.sampled_from(NAMES + OTHERS)


@st.composite
def retyped(draw: st.DrawFn, name: str) -> str:
    """The name as a hurried practitioner types it: any case, ё for е, spaces and punctuation."""
    letters = []
    for ch in name:
        if ch in "её" and draw(st.booleans()):
            ch = "ё" if ch == "е" else "е"
        letters.append(ch.upper() if draw(st.booleans()) else ch.lower())
    words = "".join(letters).split()
    gaps = st.sampled_from([" ", "  ", " - ", ", ", "\t", " / "])
    text = words[0] if words else ""
    for word in words[1:]:
        text += draw(gaps) + word
    return (
        draw(st.sampled_from(["", " ", "  ", "("]))
        + text
        + draw(st.sampled_from(["", " ", ".", ")"]))
    )


def _result(allergy: str, ingredient: str) -> str | None:
    match = match_allergy(AllergyEntry(allergy), IngredientRef(ingredient), TABLE)
    return None if match is None else match.substance


@settings(max_examples=150, deadline=None)
@given(data=st.data(), allergy=names, ingredient=names)
def test_case_yo_and_spacing_of_the_allergy_change_nothing(
    data: st.DataObject, allergy: str, ingredient: str
) -> None:
    typed = data.draw(retyped(allergy))
    assert _result(typed, ingredient) == _result(allergy, ingredient)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), allergy=names, ingredient=names)
def test_case_yo_and_spacing_of_the_ingredient_change_nothing(
    data: st.DataObject, allergy: str, ingredient: str
) -> None:
    typed = data.draw(retyped(ingredient))
    assert _result(allergy, typed) == _result(allergy, ingredient)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), ingredient=names)
def test_the_language_of_the_allergy_changes_nothing(data: st.DataObject, ingredient: str) -> None:
    entry = data.draw(st.sampled_from(BILINGUAL))
    own = TABLE.own_names(entry)
    english = data.draw(st.sampled_from([n for n in own if n.isascii()]))
    russian = data.draw(st.sampled_from([n for n in own if CYRILLIC.search(n)]))
    assert _result(english, ingredient) == _result(russian, ingredient)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), allergy=names)
def test_the_language_of_the_ingredient_changes_nothing(data: st.DataObject, allergy: str) -> None:
    entry = data.draw(st.sampled_from(BILINGUAL))
    own = TABLE.own_names(entry)
    english = data.draw(st.sampled_from([n for n in own if n.isascii()]))
    russian = data.draw(st.sampled_from([n for n in own if CYRILLIC.search(n)]))
    assert _result(allergy, english) == _result(allergy, russian)


@settings(max_examples=100, deadline=None)
@given(data=st.data(), allergy=names)
def test_free_text_is_matched_alike_in_either_language_case_and_spacing(
    data: st.DataObject, allergy: str
) -> None:
    entry = data.draw(st.sampled_from(BILINGUAL))
    own = TABLE.own_names(entry)
    english = data.draw(st.sampled_from([n for n in own if n.isascii()]))
    russian = data.draw(st.sampled_from([n for n in own if CYRILLIC.search(n)]))
    found = {m.substance for m in match_allergy_in_text(AllergyEntry(allergy), f"{english} 5%")}
    typed = data.draw(retyped(russian))
    assert {m.substance for m in match_allergy_in_text(AllergyEntry(allergy), typed)} == found


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_medicine_is_recognised_however_it_is_typed(data: st.DataObject) -> None:
    dictionary = load_medicines()
    medicine = data.draw(st.sampled_from(dictionary.medicines))
    name = data.draw(st.sampled_from(medicine.names))
    typed = data.draw(retyped(name)) + data.draw(st.sampled_from(["", " 5 mg", " 2,5 мг"]))
    assert medicine.flags <= dictionary.flags_for(typed)
