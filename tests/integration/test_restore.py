"""Restores as a clinic needs them: yesterday's backup brings back exactly what it holds (older
schemas upgraded), the database as it was is kept first, and a file that fails any check is
refused with the current database left byte for byte as it was; on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mesodesk import backup, migrations
from mesodesk.db import Database, check_database, open_database, sqlite_url
from mesodesk.domain.patient import PatientCard
from mesodesk.models import Base
from mesodesk.services.backup import BackupService, RestoreRefused
from mesodesk.services.registry import build_services
from tests.backup_helpers import patients, revision
from tests.schema_helpers import file_facts, folder_listing, make_database_at

FIRST = migrations.revisions()[0]
HEAD = migrations.head_revision()
KEPT = "Иванова", "Мария", "+7 900 111-22-33"


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MESODESK_DATA_DIR", str(folder))
    return folder


def _fill(url: str) -> None:
    database = open_database(url)
    try:
        saved = build_services(database.sessions).patients
        saved.save(PatientCard(last_name=KEPT[0], first_name=KEPT[1], phone=KEPT[2]))
        saved.save(PatientCard(last_name="Петрова", first_name="Анна"))
    finally:
        database.close()


def _change(url: str) -> None:
    """What happens after the backup: a new patient, an edit, a patient archived."""
    database = open_database(url)
    try:
        service = build_services(database.sessions).patients
        service.save(PatientCard(last_name="Сидорова", first_name="Ольга"))
        first = service.get(1)
        service.save(replace(first, phone="+7 999 000-00-00"))
        second = service.get(2)
        service.set_archived(2, True, second.version)
    finally:
        database.close()


def _service(url: str) -> BackupService:
    parsed = make_url(url)
    path = Path(parsed.database) if parsed.get_backend_name() == "sqlite" else None
    return BackupService(parsed, path)


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    path = tmp_path / "clinic" / "mesodesk.sqlite3"
    _fill(sqlite_url(path))
    return path


@pytest.fixture
def good_backup(clinic: Path, tmp_path: Path) -> Path:
    target = tmp_path / "usb" / "mesodesk-2026-03-01T200000.sqlite3"
    target.parent.mkdir()
    _service(sqlite_url(clinic)).backup_to(target, replace_existing=False)
    return target


# --- SQLite round trips ------------------------------------------------------------------------


def test_restoring_yesterdays_backup_brings_back_exactly_what_it_holds(
    clinic: Path, good_backup: Path
) -> None:
    url = sqlite_url(clinic)
    before = patients(url)
    _change(url)
    changed = patients(url)
    assert changed != before

    done = _service(url).restore(good_backup)

    assert patients(url) == before
    assert done.restored.revision == HEAD and not done.restored.needs_upgrade
    assert done.restored.patients == 2
    assert done.kept_copy is not None
    assert done.kept_copy.parent == clinic.parent / "backups"
    assert done.kept_copy.name.endswith("-before-restore.sqlite3")
    assert patients(sqlite_url(done.kept_copy)) == changed, "the replaced data are kept"
    assert file_facts(clinic)[1] == 0o600
    assert check_database(url) == (True, f"integrity ok; schema revision {HEAD}")


def test_a_database_open_in_the_app_reads_the_restored_records_and_writes_on(
    sqlite_db: Database, tmp_path: Path
) -> None:
    services = build_services(sqlite_db.sessions)
    services.patients.save(PatientCard(last_name="Иванова"))
    service = BackupService.for_database(sqlite_db)
    kept = tmp_path / "backup.sqlite3"
    service.backup_to(kept, replace_existing=False)
    services.patients.save(PatientCard(last_name="Сидорова"))

    service.restore(kept)

    assert [p.name for p in services.patients.search("", False, None)] == ["Иванова"]
    services.patients.save(PatientCard(last_name="Кузнецова"))
    assert services.patients.count() == 2


def test_a_backup_of_an_older_schema_is_restored_and_upgraded(clinic: Path, tmp_path: Path):
    old = tmp_path / "old.sqlite3"
    old_patients = make_database_at(sqlite_url(old), FIRST, patients=4)
    old_facts = file_facts(old)

    done = _service(sqlite_url(clinic)).restore(old)

    assert done.restored.revision == FIRST and done.restored.needs_upgrade
    assert revision(sqlite_url(clinic)) == [HEAD]
    assert [(p[0], p[1]) for p in patients(sqlite_url(clinic))] == old_patients
    assert file_facts(old) == old_facts, "the backup itself is only read"
    assert folder_listing(tmp_path) == ["clinic", "old.sqlite3"]


def test_a_missing_database_is_made_from_the_backup_only_when_asked(
    good_backup: Path, tmp_path: Path
) -> None:
    new_disk = tmp_path / "new-disk"
    new_disk.mkdir()
    path = new_disk / "mesodesk.sqlite3"

    with pytest.raises(RestoreRefused, match="No database file"):
        _service(sqlite_url(path)).restore(good_backup)
    assert folder_listing(new_disk) == []

    done = _service(sqlite_url(path)).restore(good_backup, create=True)

    assert done.kept_copy is None
    assert patients(sqlite_url(path))[0] == KEPT
    assert file_facts(path)[1] == 0o600
    assert folder_listing(new_disk) == ["mesodesk.sqlite3"]


def test_a_restore_the_database_cannot_take_now_changes_nothing(
    clinic: Path, good_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the write lock for longer than the restore waits."""
    url = sqlite_url(clinic)
    _change(url)
    changed = patients(url)
    monkeypatch.setattr(backup, "LOCK_PATIENCE_SECONDS", 0.3)
    holder = sqlite3.connect(clinic, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(RestoreRefused, match="locked"):
            _service(url).restore(good_backup)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert patients(url) == changed
    assert check_database(url)[0]
    assert not [p for p in clinic.parent.iterdir() if p.name.endswith(".partial")]


# --- SQLite refusals ------------------------------------------------------------------------------


def _empty(path: Path, _good: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path, good: Path) -> None:
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])


def _text(path: Path, _good: Path) -> None:
    path.write_text("Иванова Мария, +7 900 111-22-33\n" * 40, encoding="utf-8")


def _foreign(path: Path, _good: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")
    connection.execute("INSERT INTO invoices VALUES (1, 100)")
    connection.commit()
    connection.close()


def _newer(path: Path, good: Path) -> None:
    shutil.copy(good, path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()


def _no_tables(path: Path, _good: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE scratch (x)")
    connection.execute("DROP TABLE scratch")
    connection.commit()
    connection.close()


def _damaged(path: Path, good: Path) -> None:
    content = bytearray(good.read_bytes())
    page = 4096
    for start in range(page * 3, len(content) - page, page * 2):  # every other page garbled
        content[start + 8 : start + 400] = b"\xa5" * 392
    path.write_bytes(bytes(content))


def _postgres_archive(path: Path, _good: Path) -> None:
    path.write_bytes(b"PGDMP\x01\x0e\x00" + b"\x00" * 2000)


REFUSALS = {
    "empty": (_empty, "empty file"),
    "truncated": (_truncated, "cut short"),
    "not a database": (_text, "not an SQLite database"),
    "foreign": (_foreign, "not a MesoDesk backup"),
    "newer": (_newer, "newer version of MesoDesk"),
    "no tables": (_no_tables, "no MesoDesk data"),
    "damaged": (_damaged, "damaged"),
    "postgresql archive": (_postgres_archive, "PostgreSQL"),
}


@pytest.mark.parametrize("kind", list(REFUSALS))
def test_a_file_that_fails_a_check_is_refused_and_the_database_is_untouched(
    kind: str, clinic: Path, good_backup: Path, tmp_path: Path
) -> None:
    make, words = REFUSALS[kind]
    bad = tmp_path / "usb" / f"{kind}.sqlite3"
    make(bad, good_backup)
    url = sqlite_url(clinic)
    _change(url)
    before = file_facts(clinic)
    bad_before = file_facts(bad)
    listing = folder_listing(clinic.parent)

    with pytest.raises(RestoreRefused) as refused:
        _service(url).restore(bad)

    message = str(refused.value)
    assert words in message and "nothing was restored" in message, message
    assert "\n" not in message
    assert file_facts(clinic) == before, "the database keeps its bytes and mode"
    assert folder_listing(clinic.parent) == listing, "no copy, no temporary file"
    assert file_facts(bad) == bad_before, "the refused file is only read"


def test_a_file_that_is_not_a_mesodesk_database_is_never_replaced(
    good_backup: Path, tmp_path: Path
) -> None:
    other = tmp_path / "accounts.sqlite3"
    _foreign(other, good_backup)
    before = file_facts(other)

    with pytest.raises(RestoreRefused, match="not a MesoDesk database"):
        _service(sqlite_url(other)).restore(good_backup)

    assert file_facts(other) == before


def test_the_database_is_not_restored_from_itself(clinic: Path) -> None:
    with pytest.raises(RestoreRefused, match="the database itself"):
        _service(sqlite_url(clinic)).restore(clinic)


# --- PostgreSQL -----------------------------------------------------------------------------------


def _pg_tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return set(
                connection.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                ).scalars()
            )
    finally:
        engine.dispose()


def _reset(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def test_a_postgresql_database_comes_back_from_its_pg_dump(
    scratch_postgres_url: str, tmp_path: Path, data_folder: Path
) -> None:
    url = scratch_postgres_url
    _fill(url)
    before = patients(url)
    archive = tmp_path / "clinic.pgdump"
    _service(url).backup_to(archive, replace_existing=False)
    _change(url)

    done = _service(url).restore(archive)

    assert patients(url) == before
    assert revision(url) == [HEAD]
    assert _pg_tables(url) == set(Base.metadata.tables) | {"alembic_version"}
    assert done.kept_copy is not None and done.kept_copy.parent == data_folder / "backups"
    assert done.kept_copy.name.endswith("-before-restore.pgdump")
    assert file_facts(done.kept_copy)[1] == 0o600
    database = open_database(url)  # the app opens it as its own, and writes on
    try:
        build_services(database.sessions).patients.save(PatientCard(last_name="Кузнецова"))
    finally:
        database.close()


def test_an_older_pg_dump_replaces_a_newer_schema_and_is_upgraded(
    scratch_postgres_url: str, postgres_url: str, tmp_path: Path
) -> None:
    _reset(postgres_url)
    old_patients = make_database_at(postgres_url, FIRST, patients=3)
    archive = tmp_path / "old.pgdump"
    _service(postgres_url).backup_to(archive, replace_existing=False)
    _fill(scratch_postgres_url)  # at the newest schema, with tables the old one lacks

    done = _service(scratch_postgres_url).restore(archive)

    assert done.restored.revision == FIRST and done.restored.needs_upgrade
    assert revision(scratch_postgres_url) == [HEAD]
    assert [(p[0], p[1]) for p in patients(scratch_postgres_url)] == old_patients
    assert _pg_tables(scratch_postgres_url) == set(Base.metadata.tables) | {"alembic_version"}


def _pg_archive_of(url: str, tmp_path: Path, name: str, sql: list[str]) -> Path:
    """A pg_dump of the worker's test database after `sql` ran on it."""
    _reset(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        for statement in sql:
            connection.execute(text(statement))
    engine.dispose()
    archive = tmp_path / name
    _service(url).backup_to(archive, replace_existing=False)
    return archive


def test_postgresql_refuses_what_it_cannot_restore_and_changes_nothing(
    scratch_postgres_url: str, postgres_url: str, tmp_path: Path, data_folder: Path
) -> None:
    _fill(scratch_postgres_url)
    _change(scratch_postgres_url)
    before = patients(scratch_postgres_url)
    good = tmp_path / "good.pgdump"
    _service(scratch_postgres_url).backup_to(good, replace_existing=False)
    truncated = tmp_path / "truncated.pgdump"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size - 200])
    empty = tmp_path / "empty.pgdump"
    empty.write_bytes(b"")
    sqlite_file = tmp_path / "clinic.sqlite3"
    open_database(sqlite_url(sqlite_file)).close()
    foreign = _pg_archive_of(
        postgres_url, tmp_path, "foreign.pgdump", ["CREATE TABLE invoices (id integer)"]
    )
    _reset(postgres_url)
    open_database(postgres_url).close()
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    newer = tmp_path / "newer.pgdump"
    _service(postgres_url).backup_to(newer, replace_existing=False)
    (data_folder / "backups").mkdir(parents=True, exist_ok=True)
    kept_before = folder_listing(data_folder / "backups")

    cases = {
        truncated: "cut short",
        empty: "empty file",
        sqlite_file: "SQLite",
        foreign: "not a MesoDesk backup",
        newer: "newer version of MesoDesk",
    }
    for archive, words in cases.items():
        with pytest.raises(RestoreRefused, match=words):
            _service(scratch_postgres_url).restore(archive)
        assert patients(scratch_postgres_url) == before, archive.name
    assert folder_listing(data_folder / "backups") == kept_before


def test_a_postgresql_restore_that_fails_part_way_leaves_the_database_as_it_was(
    scratch_postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another workstation holds a table: the restore gives up waiting, all of it undone."""
    url = scratch_postgres_url
    _fill(url)
    archive = tmp_path / "clinic.pgdump"
    _service(url).backup_to(archive, replace_existing=False)
    _change(url)
    changed = patients(url)
    monkeypatch.setattr(backup, "LOCK_TIMEOUT", "1s")
    engine = create_engine(url)
    holder = engine.connect()
    transaction = holder.begin()
    holder.execute(text("LOCK TABLE visits IN ACCESS SHARE MODE"))
    try:
        with pytest.raises(RestoreRefused, match="lock timeout"):
            _service(url).restore(archive)
    finally:
        transaction.rollback()
        holder.close()
        engine.dispose()

    assert patients(url) == changed
    assert revision(url) == [HEAD]
