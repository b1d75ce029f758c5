"""How names and phones become search terms, and a typed query the prefixes it looks for."""

from __future__ import annotations

import pytest

from mesodesk.domain.patient import PatientCard, search_terms
from mesodesk.domain.search_terms import (
    VARIANT,
    QueryWord,
    fold,
    query_words,
    spelling_key,
)
from mesodesk.services.demo_people import (
    EN_FEMALE,
    EN_MALE,
    EN_SURNAMES,
    RU_FEMALE,
    RU_MALE,
    RU_SURNAMES,
)


def _finds(query: str, card: PatientCard) -> bool:
    """Every word of the query starts some term of the card (what the service asks)."""
    terms = search_terms(card)
    return all(
        any(term.startswith(prefix) for term in terms for prefix in word.prefixes)
        for word in query_words(query)
    )


def _finds_as_typed(query: str, card: PatientCard) -> bool:
    terms = search_terms(card)
    return all(
        any(term.startswith(prefix) for term in terms for prefix in word.direct)
        for word in query_words(query)
    )


def test_folding_drops_case_and_accents_but_keeps_the_short_i():
    assert fold("  Фёдорова   АЛЁНА ") == "федорова алена"
    assert fold("MÜLLER") == fold("Müller") == "muller"
    assert fold("Łukasz Ørsted Çelik") == "lukasz orsted celik"
    assert fold("Сергей") == "сергей"


@pytest.mark.parametrize(
    "spellings",
    [
        ("Иванова", "Ivanova", "Iwanowa"),
        ("Михаил", "Mikhail", "Mihail"),
        ("Сергей", "Sergey", "Sergei", "Sergej"),
        ("Дарья", "Darya", "Daria", "Dariya"),
        ("Мария", "Mariya", "Maria", "Mariia"),
        ("Юлия", "Yuliya", "Yulia", "Julia"),
        ("Щукина", "Shchukina", "Schukina"),
        ("Цветкова", "Tsvetkova", "Tzvetkova"),
        ("Хохлова", "Khokhlova", "Hohlova"),
        ("Ксения", "Kseniya", "Xenia"),
        ("Яковлева", "Yakovleva", "Jakovleva"),
        ("Григорий", "Grigoriy", "Grigorij", "Grigory"),
    ],
)
def test_a_name_and_its_usual_romanisations_share_one_spelling_key(spellings):
    assert len({spelling_key(name) for name in spellings}) == 1


@pytest.mark.parametrize(
    "name", RU_SURNAMES + RU_FEMALE + RU_MALE + EN_SURNAMES + EN_FEMALE + EN_MALE + ["Щукина"]
)
def test_the_key_of_every_typed_start_of_a_name_starts_the_key_of_the_name(name):
    key = spelling_key(name)
    for end in range(1, len(name) + 1):
        assert key.startswith(spelling_key(name[:end])), name[:end]


@pytest.mark.parametrize(
    ("query", "last", "first"),
    [
        ("ivanova", "Иванова", "Мария"),
        ("iwanowa", "Иванова", "Мария"),
        ("Iwan", "Иванова", "Мария"),
        ("иванова", "Ivanova", "Maria"),
        ("мария иванова", "Ivanova", "Maria"),
        ("iuliia", "Соколова", "Юлия"),
        ("Mueller", "Müller", "Anna"),
        ("muller", "Müller", "Anna"),
        ("müller anna", "Mueller", "Anna"),
    ],
)
def test_staff_find_a_name_in_the_script_and_spelling_they_type(query, last, first):
    assert _finds(query, PatientCard(last_name=last, first_name=first))


def test_a_spelling_in_the_other_script_finds_only_through_the_variants():
    card = PatientCard(last_name="Иванова", first_name="Мария")
    assert _finds("ivanova", card) and not _finds_as_typed("ivanova", card)
    assert _finds_as_typed("ИВАН мар", card)


def test_german_spellings_of_an_umlaut_are_the_name_as_typed():
    card = PatientCard(last_name="Müller")
    assert _finds_as_typed("mueller", card) and _finds_as_typed("Muller", card)


PHONE = "+7 916 478-94-70"


@pytest.mark.parametrize(
    "query",
    ["4789", "89-47", "8947", "164", "916 47", "+7 916", "8 916", "8(916)478", "89164", "470"],
)
def test_any_run_of_three_or_more_phone_digits_finds_the_patient(query):
    assert _finds(query, PatientCard(last_name="Орлова", phone=PHONE))


@pytest.mark.parametrize("query", ["47 80", "12", "9999", "8 917"])
def test_digits_that_are_not_a_run_of_the_phone_do_not_find_it(query):
    assert not _finds(query, PatientCard(last_name="Орлова", phone=PHONE))


def test_the_phone_as_typed_from_its_start_is_a_direct_match():
    card = PatientCard(last_name="Орлова", phone=PHONE)
    assert _finds_as_typed("+7 916", card) and _finds_as_typed("916478", card)
    assert _finds_as_typed("8 916 478-94-70", card)
    assert not _finds_as_typed("4789", card)


def test_a_query_becomes_one_word_per_name_part_and_one_for_a_phone():
    assert query_words("Иван  +7-916") == [
        QueryWord(direct=("иван",), variants=(VARIANT + "ivan",)),
        QueryWord(direct=("7916",), variants=(VARIANT + "7916",)),
    ]
    assert query_words("+7 (916) 12") == [
        QueryWord(direct=("791612",), variants=(VARIANT + "791612",))
    ]
    assert query_words("12") == [QueryWord(direct=("12",), variants=())]


def test_a_query_drops_control_and_broken_characters_but_keeps_direction_marks():
    assert [w.direct for w in query_words("Ива\x00нова \ud800")] == [("ива",), ("нова",)]
    assert query_words("\u200fשלום")[0].direct == ("\u200fשלום",)


def test_no_query_can_reach_into_the_variants_by_typing_the_mark():
    assert all(not d.startswith(VARIANT) for w in query_words("\x01ivanova") for d in w.direct)
