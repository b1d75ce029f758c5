"""A second card for the same person, and facts a male card cannot carry: through the services
on a real SQLite file and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event

from mesodesk.db import Database
from mesodesk.domain.anamnesis import Anamnesis
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.domain.vocabulary import Sex
from mesodesk.services.errors import ValidationFailed

TODAY = date(2026, 11, 23)
MARIA = PatientCard(
    last_name="Иванова",
    first_name="Мария",
    middle_name="Петровна",
    birth_date=date(1985, 3, 7),
    sex=Sex.FEMALE,
    phone="+7 916 123-45-67",
)


def _save(services, card: PatientCard) -> PatientCard:
    return services.patients.save(card, TODAY)


def test_a_new_card_with_the_same_name_and_birth_date_finds_the_stored_patient(services):
    stored = _save(services, MARIA)
    _save(services, replace(MARIA, first_name="Анна", phone=""))
    typed = PatientCard(last_name="ИВАНОВА", first_name="мария", birth_date=date(1985, 3, 7))

    assert [row.id for row in services.patients.likely_duplicates(typed)] == [stored.id]
    assert services.patients.likely_duplicates(replace(typed, birth_date=date(1985, 3, 8))) == []


def test_the_same_phone_written_another_way_finds_the_stored_patient(services):
    stored = _save(services, MARIA)
    typed = PatientCard(last_name="Петрова", phone="8 916 1234567")

    found = services.patients.likely_duplicates(typed)

    assert [(row.id, row.phone) for row in found] == [(stored.id, "+7 916 123-45-67")]
    assert services.patients.likely_duplicates(replace(typed, phone="8 916 1234568")) == []


def test_archived_patients_are_found_too_and_a_card_never_finds_itself(services):
    stored = _save(services, MARIA)
    archived = services.patients.set_archived(stored.id, True, stored.version)

    assert services.patients.likely_duplicates(archived) == []
    found = services.patients.likely_duplicates(replace(MARIA, phone=""))
    assert [(row.id, row.archived) for row in found] == [(stored.id, True)]


def test_a_card_without_a_birth_date_or_phone_matches_nobody_by_name_alone(services):
    _save(services, MARIA)
    assert (
        services.patients.likely_duplicates(PatientCard(last_name="Иванова", first_name="Мария"))
        == []
    )


def _plans(database: Database, call: Callable[[], object]) -> list[str]:
    """The query plans of the SELECTs `call` runs, as the engine would run them."""
    captured: list[tuple[str, object]] = []

    def grab(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", grab)
    try:
        call()
    finally:
        event.remove(database.engine, "before_cursor_execute", grab)
    sqlite = database.engine.dialect.name == "sqlite"
    plans = []
    with database.engine.connect() as connection:
        if not sqlite:
            connection.exec_driver_sql("SET enable_seqscan = off")
        for statement, parameters in captured:
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
            rows = connection.exec_driver_sql(prefix + statement, parameters).all()
            plans.append("\n".join(str(row[-1]) for row in rows))
    return plans


def test_the_duplicate_check_looks_patients_up_by_index_never_by_a_table_scan(services, database):
    _save(services, MARIA)

    plans = _plans(database, lambda: services.patients.likely_duplicates(MARIA))

    role_check, *plans = plans  # whether sign-in is needed: one look-up of the users index
    assert "users" in role_check
    assert len(plans) == 2  # by name and birth date, by phone
    if database.engine.dialect.name == "sqlite":
        for plan in [role_check, *plans]:
            assert "SCAN" not in plan, plan
        assert "USING INDEX ix_patients_archived_sort" in plans[0]
        assert "patient_search_terms USING" in plans[1]
    else:  # a table scan is chosen even when disabled only if no index can answer
        for plan in [role_check, *plans]:
            assert "Seq Scan" not in plan, plan


# --- facts a male card cannot carry -------------------------------------------------------------


def test_the_card_does_not_turn_male_while_the_anamnesis_records_pregnancy(services):
    card = _save(services, MARIA)
    services.anamnesis.save(
        PatientAnamnesisRecord(card.id, Anamnesis(pregnant=True, breastfeeding=True))
    )

    with pytest.raises(ValidationFailed) as refused:
        _save(services, replace(card, sex=Sex.MALE, notes="typed at reception"))

    assert refused.value.errors == {
        "sex": "The anamnesis records pregnancy and breastfeeding, which a male patient cannot "
        "have. Correct the anamnesis first, or keep the sex as it is."
    }
    assert services.patients.get(card.id) == card


def test_a_recorded_childbirth_also_keeps_the_card_from_turning_male(services):
    card = _save(services, MARIA)
    services.anamnesis.save(
        PatientAnamnesisRecord(card.id, Anamnesis(childbirth_on=date(2024, 2, 3)))
    )

    with pytest.raises(ValidationFailed) as refused:
        _save(services, replace(card, sex=Sex.MALE))

    assert "records a childbirth" in refused.value.errors["sex"]


def test_a_card_with_no_such_fact_may_turn_male(services):
    card = _save(services, MARIA)
    services.anamnesis.save(PatientAnamnesisRecord(card.id, Anamnesis(keloid_tendency=True)))

    assert _save(services, replace(card, sex=Sex.MALE)).sex is Sex.MALE


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        (Anamnesis(pregnant=True), "pregnant"),
        (Anamnesis(breastfeeding=True), "breastfeeding"),
        (Anamnesis(childbirth_on=date(2020, 6, 1)), "childbirth_on"),
    ],
)
def test_the_anamnesis_of_a_male_patient_refuses_pregnancy_breastfeeding_and_childbirth(
    services, facts, field
):
    card = _save(services, replace(MARIA, first_name="Пётр", sex=Sex.MALE))
    before = services.anamnesis.get(card.id)

    with pytest.raises(ValidationFailed) as refused:
        services.anamnesis.save(PatientAnamnesisRecord(card.id, facts))

    assert list(refused.value.errors) == [field]
    assert "the patient is male" in refused.value.errors[field]
    assert services.anamnesis.get(card.id) == before
