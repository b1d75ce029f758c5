"""The list's first page read from the SQLite file before the database is open is exactly the
list's first page, and is read only when it may be shown."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mesodesk.db import Database
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.users import Role
from mesodesk.services.first_page import PAGE_SIZE, read_first_page
from mesodesk.services.patients import PAGE_SIZE as SERVICE_PAGE_SIZE
from mesodesk.services.registry import Services, build_services

PASSWORD = "correct horse 42"


def _file(database: Database) -> Path:
    assert database.path is not None
    return database.path


def _clinic(services: Services, patients: int) -> None:
    """Namesakes (the order then goes by id), no birth date or visit for some, and every
    seventh patient archived."""
    cards = [
        PatientCard(
            last_name=("Иванова", "Ivanova", "Müller", "Smith")[n % 4],
            first_name=("Anna", "Мария", "")[n % 3],
            middle_name="Petrovna" if n % 5 == 0 else "",
            phone=f"+7 916 {n:07d}",
        )
        for n in range(patients)
    ]
    ids = services.patients.save_many(cards)
    for patient_id in ids[::7]:
        card = services.patients.get(patient_id)
        services.patients.set_archived(patient_id, True, card.version)


def test_the_first_page_read_before_opening_is_the_lists_first_page(sqlite_db, sqlite_services):
    _clinic(sqlite_services, PAGE_SIZE + 60)
    early = read_first_page(_file(sqlite_db))
    assert early is not None and len(early) == PAGE_SIZE == SERVICE_PAGE_SIZE
    assert early == sqlite_services.patients.search("")
    assert not any(row.archived for row in early)


def test_the_first_page_of_a_demo_clinic_is_the_lists_first_page(sqlite_db, sqlite_services):
    from mesodesk.services.demo import fill_demo

    fill_demo(sqlite_services, 60, seed=3)
    early = read_first_page(_file(sqlite_db))
    assert early is not None and early == sqlite_services.patients.search("")
    assert any(row.last_visit_on is not None for row in early)
    assert any(row.birth_date is not None for row in early)


def test_nothing_is_read_early_when_the_clinic_signs_in(sqlite_db, sqlite_services):
    _clinic(sqlite_services, 3)
    assert read_first_page(_file(sqlite_db))
    sqlite_services.users.add("anna", Role.PRACTITIONER, PASSWORD)
    assert read_first_page(_file(sqlite_db)) is None


def test_nothing_is_read_early_from_an_empty_list_or_an_older_revision(sqlite_db, sqlite_services):
    path = _file(sqlite_db)
    assert read_first_page(path) is None  # no patient: the window waits (the wizard may be due)
    _clinic(sqlite_services, 3)
    sqlite_db.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    connection.close()
    assert read_first_page(path) is None  # an upgrade is due: it comes first


def test_nothing_is_read_early_from_what_is_not_a_writable_database(tmp_path, sqlite_db):
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    assert read_first_page(text) is None
    assert read_first_page(tmp_path / "missing.sqlite3") is None
    assert read_first_page(tmp_path) is None
    path = _file(sqlite_db)
    services = build_services(sqlite_db.sessions)
    _clinic(services, 2)
    path.chmod(0o400)
    try:
        assert read_first_page(path) is None  # the window refuses it: the refusal comes first
    finally:
        path.chmod(0o600)


def test_reading_the_first_page_writes_nothing_beside_the_file(sqlite_db, sqlite_services):
    _clinic(sqlite_services, 3)
    path = _file(sqlite_db)
    sqlite_db.close()
    before = sorted(p.name for p in path.parent.iterdir())
    assert read_first_page(path)
    assert sorted(p.name for p in path.parent.iterdir()) == before
