"""Upgrades and the first creation commit all or nothing; half-upgraded files from older
versions are found and restored; odd version tables are refused in words, not tracebacks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, text

from mesodesk import migrations
from mesodesk.db import DatabaseError, check_database, open_database, sqlite_url
from mesodesk.models import Base
from mesodesk.services.registry import build_services
from tests.schema_helpers import (
    failing_statement,
    file_facts,
    interrupted_old_style_upgrade,
    make_database_at,
    old_style_backup,
    revisions,
    sqlite_patients,
    sqlite_revisions,
    sqlite_tables,
)

FIRST = "0001"


@pytest.fixture
def empty_postgres_url(postgres_url: str) -> Iterator[str]:
    """The worker's PostgreSQL test database with nothing in it."""
    _reset_postgres(postgres_url)
    yield postgres_url
    _reset_postgres(postgres_url)


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _pg_state(url: str) -> tuple[set[str], list[str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = set(sa.inspect(connection).get_table_names())
            versions: list[str] = []
            if "alembic_version" in tables:
                versions = list(
                    connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
                )
            return tables - {"alembic_version"}, versions
    finally:
        engine.dispose()


def _tables_at(revision: str) -> set[str]:
    engine = create_engine("sqlite://")
    migrations.upgrade(engine, revision)
    tables = set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    return tables


def _backups(folder: Path) -> list[Path]:
    """The copies kept of the database: in its backups folder, and beside it as earlier
    versions kept them."""
    return sorted([*folder.glob("backups/*.sqlite3"), *folder.glob("*.bak")])


# --- all or nothing ------------------------------------------------------------------------


@pytest.mark.parametrize("creates_before_failure", [1, 4, 12])
def test_an_upgrade_that_fails_part_way_leaves_the_sqlite_file_as_it_was(
    tmp_path: Path, creates_before_failure: int
) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    patients = make_database_at(sqlite_url(path), FIRST)

    with (
        failing_statement(Engine, "CREATE TABLE", creates_before_failure + 1),
        pytest.raises(DatabaseError, match="simulated failure"),
    ):
        open_database(sqlite_url(path))

    assert sqlite_tables(path) - {"alembic_version"} == _tables_at(FIRST)
    assert sqlite_revisions(path) == [FIRST]
    assert sqlite_patients(path) == patients
    assert _backups(tmp_path) == [], "a failed attempt keeps no copy of an unchanged file"
    healthy, detail = check_database(sqlite_url(path))
    assert healthy, detail

    database = open_database(sqlite_url(path))
    database.close()
    assert sqlite_revisions(path) == [revisions()[-1]]
    assert sqlite_patients(path) == patients
    assert len(_backups(tmp_path)) == 1


def test_an_upgrade_that_fails_part_way_leaves_postgresql_as_it_was(
    empty_postgres_url: str,
) -> None:
    patients = make_database_at(empty_postgres_url, FIRST)

    with (
        failing_statement(Engine, "CREATE TABLE", 5),
        pytest.raises(DatabaseError, match="simulated failure"),
    ):
        open_database(empty_postgres_url)

    tables, versions = _pg_state(empty_postgres_url)
    assert tables == _tables_at(FIRST) and versions == [FIRST]

    database = open_database(empty_postgres_url)
    count = build_services(database.sessions).patients.count()
    database.close()
    assert count == len(patients)
    assert _pg_state(empty_postgres_url) == (set(Base.metadata.tables), [revisions()[-1]])


def test_a_first_creation_that_fails_part_way_leaves_no_file_behind(tmp_path: Path) -> None:
    path = tmp_path / "clinic" / "mesodesk.sqlite3"

    with (
        failing_statement(Engine, "CREATE TABLE", 6),
        pytest.raises(DatabaseError, match="simulated failure"),
    ):
        open_database(sqlite_url(path))

    assert not path.exists()
    assert not [p for p in path.parent.iterdir() if p.name.startswith("mesodesk.sqlite3")]
    database = open_database(sqlite_url(path))
    database.close()
    assert sqlite_tables(path) - {"alembic_version"} == set(Base.metadata.tables)


def test_a_first_creation_that_fails_part_way_leaves_postgresql_empty(
    empty_postgres_url: str,
) -> None:
    with (
        failing_statement(Engine, "CREATE TABLE", 6),
        pytest.raises(DatabaseError, match="simulated failure"),
    ):
        open_database(empty_postgres_url)

    assert _pg_state(empty_postgres_url) == (set(), [])
    open_database(empty_postgres_url).close()
    assert _pg_state(empty_postgres_url) == (set(Base.metadata.tables), [revisions()[-1]])


def test_a_successful_upgrade_keeps_exactly_one_copy(tmp_path: Path) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    make_database_at(sqlite_url(path), FIRST)

    database = open_database(sqlite_url(path))
    database.close()
    open_database(sqlite_url(path)).close()

    assert database.backup_path is not None
    assert _backups(tmp_path) == [database.backup_path]
    assert sqlite_revisions(database.backup_path) == [FIRST]


def test_a_batch_migration_that_copies_a_parent_table_keeps_the_rows_that_point_to_it(
    tmp_path: Path,
) -> None:
    """Alembic's batch mode copies a table, drops it and renames the copy; with foreign keys
    enforced, SQLite's DROP would first cascade to every row pointing at it."""
    path = tmp_path / "mesodesk.sqlite3"
    database = open_database(sqlite_url(path))
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO patients (id, version, last_name, first_name, middle_name, sex,"
                " phone, email, address, language, notes, archived, sort_key, created_at,"
                " updated_at) VALUES (1, 1, 'Иванова', 'Мария', '', 'female', '', '', '',"
                " 'ru', '', false, 'иванова', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO patient_search_terms (term, patient_id, sort_key, archived)"
                " VALUES ('иванова', 1, 'иванова', false)"
            )
        )

    with migrations.schema_transaction(database.engine) as connection:
        operations = Operations(MigrationContext.configure(connection))
        with operations.batch_alter_table("patients", recreate="always") as batch:
            batch.add_column(sa.Column("nickname", sa.String(40), nullable=True))

    with database.engine.connect() as connection:
        terms = connection.execute(text("SELECT term FROM patient_search_terms")).all()
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.close()
    assert terms == [("иванова",)]


# --- half-upgraded files left by older versions --------------------------------------------


def test_a_file_half_upgraded_by_an_older_version_is_restored_from_its_copy(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    patients = make_database_at(sqlite_url(path), FIRST)
    good_copy = old_style_backup(path, "before-0002-20260301-091500")
    interrupted_old_style_upgrade(path, creates_before_the_kill=3)
    # every failed start of the older version added another copy, of the half-upgraded file
    old_style_backup(path, "before-0002-20260301-091700")
    assert sqlite_revisions(path) == [FIRST] and "clinic_settings" in sqlite_tables(path)

    healthy, detail = check_database(sqlite_url(path))
    assert not healthy
    assert "interrupted upgrade" in detail

    copies_before = _backups(tmp_path)
    database = open_database(sqlite_url(path))
    database.close()

    assert database.notice is not None
    assert "interrupted upgrade" in database.notice and good_copy.name in database.notice
    assert database.backup_path == good_copy
    assert _backups(tmp_path) == copies_before, "the copy it was restored from is the backup"
    assert sqlite_revisions(path) == [revisions()[-1]]
    assert sqlite_tables(path) - {"alembic_version"} == set(Base.metadata.tables)
    assert sqlite_patients(path) == patients
    assert check_database(sqlite_url(path))[0]


def test_a_half_upgraded_file_without_a_matching_copy_is_still_repaired_losslessly(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    patients = make_database_at(sqlite_url(path), FIRST)
    interrupted_old_style_upgrade(path, creates_before_the_kill=2)

    database = open_database(sqlite_url(path))
    database.close()

    assert database.notice is not None and "interrupted upgrade" in database.notice
    assert database.backup_path is not None and database.backup_path.exists()
    assert sqlite_revisions(database.backup_path) == [FIRST]
    assert sqlite_patients(path) == patients
    assert sqlite_revisions(path) == [revisions()[-1]]


def test_a_half_upgraded_file_whose_new_tables_hold_rows_is_refused_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    make_database_at(sqlite_url(path), FIRST)
    interrupted_old_style_upgrade(path, creates_before_the_kill=1)
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO clinic_settings VALUES ('clinic', 1, '{}')")
    connection.commit()
    connection.close()
    before = file_facts(path)

    with pytest.raises(DatabaseError, match="interrupted upgrade"):
        open_database(sqlite_url(path))

    assert file_facts(path) == before
    assert not check_database(sqlite_url(path))[0]


def test_a_file_whose_first_creation_was_interrupted_by_an_older_version_is_set_up(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    engine = create_engine(sqlite_url(path))
    with failing_statement(engine, "CREATE TABLE", 3), pytest.raises(Exception, match="simulated"):
        cfg = migrations.config()
        with engine.begin() as connection:
            from alembic import command

            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
    engine.dispose()
    assert "patients" in sqlite_tables(path) and sqlite_revisions(path) == []

    assert not check_database(sqlite_url(path))[0]
    database = open_database(sqlite_url(path))
    database.close()
    assert database.notice is not None and "interrupted" in database.notice
    assert sqlite_revisions(path) == [revisions()[-1]]


# --- version tables MesoDesk did not write ---------------------------------------------------


def test_two_rows_in_the_version_table_are_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    open_database(sqlite_url(path)).close()
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO alembic_version VALUES ('0001')")
    connection.commit()
    connection.close()
    before = file_facts(path)

    with pytest.raises(DatabaseError, match="schema version"):
        open_database(sqlite_url(path))
    healthy, detail = check_database(sqlite_url(path))

    assert not healthy and "schema version" in detail
    assert file_facts(path) == before


def test_another_alembic_applications_database_is_not_called_a_newer_mesodesk(
    tmp_path: Path,
) -> None:
    path = tmp_path / "billing.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    connection.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")
    connection.commit()
    connection.close()
    before = file_facts(path)

    with pytest.raises(DatabaseError, match="another program") as refused:
        open_database(sqlite_url(path))
    healthy, detail = check_database(sqlite_url(path))

    assert "newer" not in str(refused.value)
    assert not healthy and "not a MesoDesk database" in detail
    assert file_facts(path) == before


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://meso@localhost:abc/clinic",
        "postgresql+psycopg://meso@localhost:99999/clinic",
        "postgresql+psycopg://meso@[::1/clinic",
    ],
)
def test_a_postgresql_url_with_a_bad_port_is_refused_in_words(url: str) -> None:
    with pytest.raises(DatabaseError, match="port"):
        open_database(url)
    healthy_or_error = None
    try:
        healthy_or_error = check_database(url)
    except DatabaseError as error:
        assert "port" in str(error)
    else:
        assert healthy_or_error is not None and not healthy_or_error[0]


def test_the_head_tables_are_the_models_tables() -> None:
    """The healthy-file check compares with the models; they must match the migrations."""
    assert _tables_at("head") == set(Base.metadata.tables)


def test_the_revisions_read_from_the_version_files_are_alembics_own() -> None:
    """The start-up check reads the revisions without Alembic; they must be Alembic's."""
    assert list(migrations.revisions()) == revisions()
    assert migrations.head_revision() == revisions()[-1]
