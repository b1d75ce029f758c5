"""The patient card's rules: validation messages, age, dates, search normalisation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from mesodesk.domain.patient import (
    DuplicateReason,
    PatientCard,
    PatientRow,
    age_on,
    duplicate_reasons,
    identity,
    national_number,
    normalise,
    parse_birth_date,
    prefix_upper_bound,
    search_terms,
    short_name,
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


def test_the_prefix_bound_is_just_above_every_word_with_that_start():
    bound = prefix_upper_bound("иван")
    assert bound == "ивао"
    assert bound > "иван" and bound > "ивановa" and bound > "иванюк"
    assert not bound > "ивао"


def test_a_prefix_ending_in_the_last_code_point_is_bounded_by_its_stem_or_not_at_all():
    assert prefix_upper_bound("ив\U0010ffff\U0010ffff") == "иг"
    assert prefix_upper_bound("\U0010ffff") is None
    assert prefix_upper_bound("") is None


def test_the_sort_key_fits_its_column_when_casefolding_lengthens_the_names():
    card = PatientCard(last_name="ß" * 80, first_name="ﬃ" * 80, middle_name="ΐ" * 80)
    assert validate(card, date(2026, 1, 1)) == {}
    assert len(sort_key(card)) == 250 and sort_key(card).startswith("ss" * 80)


def test_sort_key_orders_names_alphabetically_regardless_of_case():
    names = [("ёлкина", "а"), ("Абрамова", "Б"), ("абрамова", "а"), ("Яковлева", "")]
    keys = sorted(sort_key(PatientCard(last_name=last, first_name=first)) for last, first in names)
    assert keys[0].startswith("абрамова\x1fа") and keys[-1].startswith("яковлева")


# --- phones -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone", ["+7 (916) 123-45-67", "8.916.123.45.67", "12345", "+44 1273 555 123"]
)
def test_a_phone_of_digits_and_the_usual_signs_passes(phone):
    assert validate(PatientCard(last_name="A", phone=phone), TODAY) == {}


@pytest.mark.parametrize(
    "phone", ["12345 ??? abc", "+7 916 123 45 67 доб. 2", "٩١٦١٢٣٤٥٦٧", "916/123"]
)
def test_a_phone_with_anything_but_digits_and_plus_brackets_dashes_dots_spaces_is_refused(phone):
    assert validate(PatientCard(last_name="A", phone=phone), TODAY) == {
        "phone": "A phone number holds digits, spaces and + ( ) - . only."
    }


def test_a_phone_of_more_than_15_digits_is_refused():
    assert validate(PatientCard(last_name="A", phone="+7 916 123 45 67 89012"), TODAY) == {
        "phone": "A phone number has at most 15 digits."
    }
    assert validate(PatientCard(last_name="A", phone="+7 916 123 45 67 8901"), TODAY) == {}


@pytest.mark.parametrize(
    "phone", ["+7 916 123-45-67", "8 916 1234567", "9161234567", "7(916)1234567"]
)
def test_the_national_number_drops_the_russian_trunk_or_country_prefix(phone):
    assert national_number(phone) == "9161234567"


def test_a_foreign_number_keeps_all_its_digits():
    assert national_number("+44 1273 555 123") == "441273555123"
    assert national_number("+1 916 123 4567") == "19161234567"


# --- likely duplicates ------------------------------------------------------------------------


def _stored(card: PatientCard, patient_id: int = 7, archived: bool = False) -> PatientRow:
    return PatientRow(
        id=patient_id,
        name=card.full_name,
        birth_date=card.birth_date,
        phone=card.phone,
        last_visit_on=None,
        archived=archived,
        sort_key=sort_key(card),
    )


MARIA = PatientCard(
    last_name="Иванова", first_name="Мария", middle_name="Петровна", birth_date=date(1985, 3, 7)
)


def test_the_same_name_and_birth_date_in_any_case_or_yo_spelling_is_a_likely_duplicate():
    typed = PatientCard(
        last_name=" иванова ",
        first_name="МАРИЯ",
        middle_name="петровна",
        birth_date=date(1985, 3, 7),
    )
    assert duplicate_reasons(typed, _stored(MARIA)) == (DuplicateReason.NAME_AND_BIRTH_DATE,)
    fyodorova = PatientCard(last_name="Фёдорова", first_name="Алёна", birth_date=date(1990, 1, 2))
    typed = PatientCard(last_name="Федорова", first_name="Алена", birth_date=date(1990, 1, 2))
    assert duplicate_reasons(typed, _stored(fyodorova)) == (DuplicateReason.NAME_AND_BIRTH_DATE,)


def test_a_middle_name_left_out_on_one_card_still_matches_but_a_different_one_does_not():
    without = replace(MARIA, middle_name="")
    assert duplicate_reasons(without, _stored(MARIA)) == (DuplicateReason.NAME_AND_BIRTH_DATE,)
    assert duplicate_reasons(MARIA, _stored(without)) == (DuplicateReason.NAME_AND_BIRTH_DATE,)
    other = replace(MARIA, middle_name="Ивановна")
    assert duplicate_reasons(other, _stored(MARIA)) == ()


def test_a_name_without_a_birth_date_or_with_another_one_is_no_duplicate():
    assert duplicate_reasons(replace(MARIA, birth_date=None), _stored(MARIA)) == ()
    assert duplicate_reasons(MARIA, _stored(replace(MARIA, birth_date=None))) == ()
    assert duplicate_reasons(replace(MARIA, birth_date=date(1985, 3, 8)), _stored(MARIA)) == ()
    assert duplicate_reasons(replace(MARIA, first_name="Анна"), _stored(MARIA)) == ()


def test_the_same_phone_written_differently_is_a_likely_duplicate():
    stored = _stored(PatientCard(last_name="Смирнова", phone="+7 916 123-45-67"))
    typed = PatientCard(last_name="Петрова", phone="8 916 1234567")
    assert duplicate_reasons(typed, stored) == (DuplicateReason.PHONE,)
    assert duplicate_reasons(replace(typed, phone="8 916 1234568"), stored) == ()
    assert duplicate_reasons(replace(typed, phone=""), _stored(PatientCard(last_name="A"))) == ()


def test_a_card_is_never_a_duplicate_of_itself():
    assert duplicate_reasons(replace(MARIA, id=7), _stored(MARIA, patient_id=7)) == ()


def test_the_identity_ignores_spacing_case_and_phone_formatting_but_not_the_name():
    assert identity(MARIA) == identity(replace(MARIA, last_name="  ИВАНОВА "))
    with_phone = replace(MARIA, phone="+7 916 123-45-67")
    assert identity(with_phone) == identity(replace(MARIA, phone="8 (916) 123 45 67"))
    assert identity(MARIA) != identity(replace(MARIA, first_name="Анна"))
    assert identity(MARIA) != identity(replace(MARIA, birth_date=date(1985, 3, 8)))


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Алексеева Мария Ивановна", "Алексеева М.И."),
        ("Smith Jane", "Smith J."),
        ("Петрова-Водкина Анна", "Петрова-Водкина А."),
        ("Иванова", "Иванова"),
    ],
)
def test_a_name_is_shortened_to_the_surname_and_initials(name, short):
    assert short_name(name) == short
