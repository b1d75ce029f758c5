"""The patient card's rules: validation messages, age, dates, search normalisation."""

from __future__ import annotations

from datetime import date

import pytest

from mesodesk.domain.patient import (
    PatientCard,
    age_on,
    normalise,
    parse_birth_date,
    prefix_upper_bound,
    query_terms,
    search_terms,
    sort_key,
    validate,
)

TODAY = date(2026, 11, 23)


def test_a_card_with_a_last_name_is_valid():
    assert validate(PatientCard(last_name="Иванова"), TODAY) == {}


@pytest.mark.parametrize("last_name", ["", "   "])
def test_a_missing_last_name_is_reported_on_that_field(last_name):
    assert validate(PatientCard(last_name=last_name), TODAY) == {
        "last_name": "Enter the last name."
    }


def test_a_birth_date_in_the_future_is_refused_and_today_is_fine():
    tomorrow = date(2026, 11, 24)
    errors = validate(PatientCard(last_name="A", birth_date=tomorrow), TODAY)
    assert errors == {"birth_date": "The date of birth cannot be in the future."}
    assert validate(PatientCard(last_name="A", birth_date=TODAY), TODAY) == {}


@pytest.mark.parametrize("email", ["anna", "anna@", "anna@mail", "an na@mail.ru", "a@b.c"])
def test_an_email_that_does_not_look_like_one_is_refused(email):
    assert "email" in validate(PatientCard(last_name="A", email=email), TODAY)


@pytest.mark.parametrize("email", ["anna@mail.ru", "a.b+c@clinic.example.com", "мария@почта.рф"])
def test_ordinary_email_addresses_pass(email):
    assert validate(PatientCard(last_name="A", email=email), TODAY) == {}


def test_a_phone_with_too_few_digits_is_refused():
    assert "phone" in validate(PatientCard(last_name="A", phone="12-3"), TODAY)


@pytest.mark.parametrize(
    ("birth", "expected"),
    [(date(1985, 11, 23), 41), (date(1985, 11, 24), 40), (date(2008, 11, 24), 17), (None, None)],
)
def test_age_counts_full_years_on_the_day(birth, expected):
    assert age_on(birth, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07.03.1985", date(1985, 3, 7)),
        ("7.3.1985", date(1985, 3, 7)),
        ("1985-03-07", date(1985, 3, 7)),
        ("", None),
    ],
)
def test_birth_dates_are_read_as_clinics_type_them(text, expected):
    assert parse_birth_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.1990", "1990", "завтра", "12/31/1990"])
def test_an_unreadable_birth_date_says_how_to_type_it(text):
    with pytest.raises(ValueError, match=r"dd\.mm\.yyyy"):
        parse_birth_date(text)


def test_normalising_folds_case_and_yo_in_either_script():
    assert normalise("  Фёдорова   АЛЁНА ") == "федорова алена"
    assert normalise("SMITH") == "smith"


def test_search_terms_hold_each_name_word_and_the_phone_with_and_without_its_prefix():
    card = PatientCard(
        last_name="Римская-Корсакова", first_name="Алёна", phone="+7 (916) 123-45-67"
    )
    terms = search_terms(card)
    assert {"римская", "корсакова", "алена", "79161234567", "9161234567"} <= terms


def test_a_query_word_of_digits_becomes_a_phone_term():
    assert query_terms("Иван  +7-916") == ["иван", "7916"]
    assert query_terms("+7 (916) 12") == ["791612"]


def test_the_prefix_bound_is_just_above_every_word_with_that_start():
    bound = prefix_upper_bound("иван")
    assert bound == "ивао"
    assert bound > "иван" and bound > "ивановa" and bound > "иванюк"
    assert not bound > "ивао"


def test_sort_key_orders_names_alphabetically_regardless_of_case():
    names = [("ёлкина", "а"), ("Абрамова", "Б"), ("абрамова", "а"), ("Яковлева", "")]
    keys = sorted(sort_key(PatientCard(last_name=last, first_name=first)) for last, first in names)
    assert keys[0].startswith("абрамова\x1fа") and keys[-1].startswith("яковлева")
