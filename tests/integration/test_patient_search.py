"""Finding patients the way staff type them, on a real SQLite file and on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text

from mesodesk import migrations
from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.patient import PatientCard
from mesodesk.services import patient_search
from mesodesk.services.registry import build_services

TODAY = date(2026, 11, 23)


@pytest.fixture
def clinic(services):
    """A few patients whose names and phones staff may type in many ways."""
    cards = {
        "ivanova_ru": PatientCard(
            last_name="Иванова",
            first_name="Мария",
            middle_name="Петровна",
            phone="+7 916 478-94-70",
        ),
        "ivanova_en": PatientCard(
            last_name="Ivanova", first_name="Maria", phone="+44 20 7946 0018"
        ),
        "mueller": PatientCard(last_name="Müller", first_name="Anna", phone="+49 30 1234567"),
        "fedorova": PatientCard(last_name="Фёдорова", first_name="Алёна", phone="8 903 555-01-02"),
        "smirnova": PatientCard(last_name="Смирнова", first_name="Юлия", phone="+7 921 000-11-22"),
        "ivanov": PatientCard(last_name="Иванов", first_name="Сергей", phone="+7 999 111-22-33"),
    }
    ids = {key: services.patients.save(card, TODAY).id for key, card in cards.items()}
    return services, ids


def _found(services, query: str, limit: int = 200) -> list[int]:
    return [row.id for row in services.patients.search(query, limit=limit)]


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("мария иванова", "ivanova_ru"),
        ("Петровна Мар Иван", "ivanova_ru"),
        ("ФЕДОРОВА", "fedorova"),
        ("фёдорова алёна", "fedorova"),
        ("Müller", "mueller"),
        ("Muller", "mueller"),
        ("Mueller", "mueller"),
        ("anna MUELLER", "mueller"),
    ],
)
def test_name_parts_in_any_order_case_and_accents_folded(clinic, query, who):
    """The patient comes first; a namesake in the other script may follow."""
    services, ids = clinic
    rows = services.patients.search(query)
    assert [r.id for r in rows if r.rank == 0] == [ids[who]] and rows[0].id == ids[who]


@pytest.mark.parametrize("query", ["4789", "89-47", "478 94", "+7 916", "8 916 478", "9470"])
def test_any_run_of_three_or_more_phone_digits_finds_the_patient(clinic, query):
    services, ids = clinic
    assert _found(services, query) == [ids["ivanova_ru"]]


def test_two_digits_alone_are_only_the_start_of_a_phone(clinic):
    services, ids = clinic
    assert _found(services, "92") == [ids["smirnova"]]


@pytest.mark.parametrize("query", ["ivanova", "Ivanova Maria", "maria iva"])
def test_a_latin_spelling_finds_the_cyrillic_name_after_the_latin_one(clinic, query):
    services, ids = clinic
    rows = services.patients.search(query)
    assert [r.id for r in rows] == [ids["ivanova_en"], ids["ivanova_ru"]]
    assert [r.rank for r in rows] == [0, 1]


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("iwanowa", ["ivanova_en", "ivanova_ru"]),
        ("iuliia", ["smirnova"]),
        ("smirnova yulia", ["smirnova"]),
        ("Sergei Ivanov", ["ivanov"]),
        ("fedorova alena", ["fedorova"]),
    ],
)
def test_common_romanisations_find_the_cyrillic_name(clinic, query, who):
    services, ids = clinic
    rows = services.patients.search(query)
    assert [r.id for r in rows] == [ids[key] for key in who]
    assert all(r.rank == 1 for r in rows)


def test_a_cyrillic_spelling_finds_the_latin_name_after_the_cyrillic_ones(clinic):
    services, ids = clinic
    assert _found(services, "иванова") == [ids["ivanova_ru"], ids["ivanova_en"]]
    assert _found(services, "иван") == [ids["ivanov"], ids["ivanova_ru"], ids["ivanova_en"]]


def test_a_query_that_matches_nobody_finds_nobody(clinic):
    services, _ = clinic
    assert _found(services, "zzz") == []
    assert _found(services, "мария zzz") == []


def test_pages_run_through_both_ranks_without_gaps_or_repeats(clinic):
    services, _ = clinic
    whole = _found(services, "иван")
    seen, after = [], None
    while True:
        page = services.patients.search("иван", after=after, limit=1)
        if not page:
            break
        seen += [row.id for row in page]
        after = page[-1]
    assert seen == whole and len(whole) == 3


@pytest.mark.parametrize("plan", ["term index", "ordered terms", "head order"])
@pytest.mark.parametrize(
    "query", ["иван", "ivan", "мар", "m", "и", "4789", "8 9", "zzz", "а ю", "иванова м"]
)
def test_every_plan_finds_the_same_patients_in_the_same_order(clinic, monkeypatch, plan, query):
    services, _ = clinic
    expected = _found(services, query)
    limit = 10**9 if plan == "term index" else 0
    monkeypatch.setattr(patient_search, "drive_limit", lambda _limit, _patients: limit)
    if plan == "head order":
        monkeypatch.setattr(patient_search, "MERGE_TERMS_MAX", 0)
    assert _found(services, query) == expected
    paged, after = [], None
    while page := services.patients.search(query, after=after, limit=2):
        paged += [row.id for row in page]
        after = page[-1]
    assert paged == expected


def test_archived_patients_are_found_only_when_asked_for(clinic):
    services, ids = clinic
    card = services.patients.get(ids["mueller"])
    services.patients.set_archived(card.id, True, card.version)
    assert _found(services, "mueller") == []
    rows = services.patients.search("mueller", include_archived=True)
    assert [r.id for r in rows] == [ids["mueller"]] and rows[0].archived


# --- the upgrade that makes the terms again -----------------------------------------------


def _patients_of_0006(engine) -> None:
    """Cards as an older version stored them, with the terms it made (name words as typed)."""
    with engine.begin() as connection:
        for pid, last, first, phone in (
            (1, "Иванова", "Мария", "+7 916 478-94-70"),
            (2, "Müller", "Anna", ""),
        ):
            connection.execute(
                text(
                    "INSERT INTO patients (id, version, last_name, first_name, middle_name, sex,"
                    " phone, email, address, language, notes, archived, sort_key, created_at,"
                    " updated_at) VALUES (:id, 1, :last, :first, '', 'female', :phone, '', '',"
                    " 'ru', '', false, :key, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                ),
                {"id": pid, "last": last, "first": first, "phone": phone, "key": last.lower()},
            )
            for term in (last.lower(), first.lower()):
                connection.execute(
                    text("INSERT INTO patient_search_terms VALUES (:term, :id)"),
                    {"term": term, "id": pid},
                )


def _upgraded_search(url: str) -> dict[str, list[int]]:
    database = open_database(url)
    try:
        services = build_services(database.sessions)
        return {
            query: [row.id for row in services.patients.search(query)]
            for query in ("ivanova", "иванова мария", "mueller", "4789", "zzz")
        }
    finally:
        database.close()


UPGRADED = {"ivanova": [1], "иванова мария": [1], "mueller": [2], "4789": [1], "zzz": []}


def test_an_sqlite_database_of_0006_finds_its_patients_the_new_ways_after_the_upgrade(tmp_path):
    url = sqlite_url(tmp_path / "mesodesk.sqlite3")
    engine = create_engine(url)
    migrations.upgrade(engine, "0006")
    _patients_of_0006(engine)
    engine.dispose()
    assert _upgraded_search(url) == UPGRADED


def test_a_postgresql_database_of_0006_finds_its_patients_the_new_ways_after_the_upgrade(
    postgres_url,
):

    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    migrations.upgrade(engine, "0006")
    _patients_of_0006(engine)
    engine.dispose()
    assert _upgraded_search(postgres_url) == UPGRADED


def test_a_downgrade_keeps_the_terms_as_typed(tmp_path):
    url = sqlite_url(tmp_path / "mesodesk.sqlite3")
    database = open_database(url)
    build_services(database.sessions).patients.save(
        PatientCard(last_name="Иванова", phone="+7 916 478-94-70"), TODAY
    )
    database.close()
    engine = create_engine(url)
    migrations.downgrade(engine, "0006")
    with engine.connect() as connection:
        terms = set(connection.execute(text("SELECT term FROM patient_search_terms")).scalars())
    engine.dispose()
    assert terms == {"иванова", "79164789470", "9164789470"}
