"""Patient cards through the service, on a real SQLite file and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from mesodesk.domain.patient import PatientCard
from mesodesk.services.errors import StaleRecord, ValidationFailed
from mesodesk.services.patients import PatientService

TODAY = date(2026, 11, 23)


def _add(service: PatientService, last: str, first: str = "", **fields: object) -> PatientCard:
    return service.save(PatientCard(last_name=last, first_name=first, **fields), TODAY)


def test_a_saved_card_comes_back_field_for_field(services):
    card = PatientCard(
        last_name="Иванова",
        first_name="Мария",
        middle_name="Петровна",
        birth_date=date(1985, 3, 7),
        phone="+7 916 123-45-67",
        email="maria@example.com",
        address="г. Москва, ул. Садовая, д. 5",
        notes="Чувствительная кожа",
    )
    saved = services.patients.save(card, TODAY)
    loaded = services.patients.get(saved.id)
    assert loaded.same_content(card)
    assert loaded.version == 1 and loaded.created_at is not None


@pytest.mark.parametrize("query", ["иван", "ИВАН", "Иванова", "мария", "петр", "916", "+7 916"])
def test_search_finds_cyrillic_names_and_phones_in_any_case(services, query):
    target = _add(
        services.patients, "Иванова", "Мария", middle_name="Петровна", phone="+7 916 123-45-67"
    )
    _add(services.patients, "Смирнова", "Анна", phone="+7 903 000-00-00")
    assert [row.id for row in services.patients.search(query)] == [target.id]


def test_search_folds_yo_and_needs_every_word(services):
    fedorova = _add(services.patients, "Фёдорова", "Алёна")
    _add(services.patients, "Федорова", "Ирина")
    assert [r.id for r in services.patients.search("федорова ал")] == [fedorova.id]
    assert services.patients.search("федорова ольга") == []


def test_the_list_is_sorted_by_last_name(services):
    for last in ["Яковлева", "Абрамова", "Морозова", "Smith"]:
        _add(services.patients, last)
    assert [r.name for r in services.patients.search("")] == [
        "Smith",
        "Абрамова",
        "Морозова",
        "Яковлева",
    ]


def test_pages_continue_after_the_last_row_without_gaps_or_repeats(services):
    services.patients.save_many(
        [PatientCard(last_name="Орлова", first_name=f"{n:03}") for n in range(45)]
    )
    seen, after = [], None
    while True:
        page = services.patients.search("орл", after=after, limit=10)
        if not page:
            break
        seen.extend(row.id for row in page)
        after = page[-1]
    assert len(seen) == 45 == len(set(seen))


def test_archived_patients_are_hidden_unless_asked_for_and_nothing_is_deleted(services):
    card = _add(services.patients, "Волкова")
    archived = services.patients.set_archived(card.id, True, card.version)
    assert services.patients.search("волк") == []
    assert [r.archived for r in services.patients.search("волк", include_archived=True)] == [True]
    restored = services.patients.set_archived(card.id, False, archived.version)
    assert services.patients.get(card.id).same_content(restored) and not restored.archived


def test_an_invalid_card_is_refused_and_the_saved_one_is_unchanged(services):
    card = _add(services.patients, "Козлова", email="k@example.com")
    bad = replace(card, last_name="", email="nope", birth_date=date(2030, 1, 1))
    with pytest.raises(ValidationFailed) as refused:
        services.patients.save(bad, TODAY)
    assert set(refused.value.errors) == {"last_name", "email", "birth_date"}
    assert services.patients.get(card.id) == card


def test_a_save_from_an_older_copy_is_refused_and_the_newer_edit_kept(services):
    card = _add(services.patients, "Лебедева")
    services.patients.save(replace(card, notes="edited at reception"), TODAY)
    with pytest.raises(StaleRecord):
        services.patients.save(replace(card, notes="edited in the treatment room"), TODAY)
    assert services.patients.get(card.id).notes == "edited at reception"


def test_renaming_a_patient_updates_what_search_finds(services):
    card = _add(services.patients, "Соколова")
    services.patients.save(replace(card, last_name="Орлова"), TODAY)
    assert services.patients.search("сокол") == []
    assert [r.id for r in services.patients.search("орлов")] == [card.id]


def test_the_search_query_uses_the_term_index_not_a_table_scan(sqlite_db, sqlite_services):
    _add(sqlite_services.patients, "Иванова")
    with sqlite_db.engine.connect() as connection:
        plan = connection.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT patient_id FROM patient_search_terms"
                " WHERE term >= :a AND term < :b"
            ),
            {"a": "иван", "b": "ивао"},
        ).all()
    detail = " ".join(row[-1] for row in plan)
    assert "SEARCH patient_search_terms USING" in detail and "(term>? AND term<?)" in detail
    assert "SCAN" not in detail
