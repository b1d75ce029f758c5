"""Opening databases: permissions, pragmas, migrations, backups, and refusing what is not ours."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mesodesk import migrations
from mesodesk.db import (
    SQLITE_CACHE_KIB,
    DatabaseError,
    check_database,
    open_database,
    resolve_url,
    sqlite_url,
)
from tests.schema_helpers import sqlite_indexes


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_file_is_private_to_its_owner(tmp_path):
    path = tmp_path / "data" / "mesodesk.sqlite3"
    database = open_database(sqlite_url(path))
    with database.sessions.begin() as session:
        session.execute(text("SELECT 1"))
    database.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for companion in path.parent.glob("mesodesk.sqlite3-*"):
        assert stat.S_IMODE(companion.stat().st_mode) == 0o600


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(sqlite_db):
    with sqlite_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -SQLITE_CACHE_KIB


def test_a_new_database_is_migrated_to_the_newest_schema(database):
    with database.engine.connect() as connection:
        state = migrations.schema_state(connection)
    assert state.current == state.head and not state.needs_upgrade


def test_an_older_database_with_data_is_upgraded_and_a_copy_kept_beside_it(tmp_path):
    revisions = _revisions()
    if len(revisions) < 2:
        pytest.skip("only one schema revision exists so far")
    path = tmp_path / "mesodesk.sqlite3"
    engine = create_engine(sqlite_url(path))
    migrations.upgrade(engine, revisions[0])
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO patients (version, last_name, first_name, middle_name, sex, phone,"
                " email, address, language, notes, archived, sort_key, created_at, updated_at)"
                " VALUES (1, 'Петрова', 'Анна', '', 'female', '', '', '', 'ru', '', 0,"
                " 'петрова\x1fанна\x1f', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    engine.dispose()

    database = open_database(sqlite_url(path))
    with database.engine.connect() as connection:
        assert migrations.schema_state(connection).current == revisions[-1]
        names = connection.execute(text("SELECT last_name FROM patients")).scalars().all()
    database.close()
    assert names == ["Петрова"]
    assert database.backup_path is not None
    assert database.backup_path.parent == tmp_path / "backups"
    assert database.backup_path.name.startswith("mesodesk-")
    assert database.backup_path.name.endswith(f"-before-{revisions[-1]}.sqlite3")
    assert stat.S_IMODE(database.backup_path.stat().st_mode) == 0o600
    backup = sqlite3.connect(database.backup_path)
    assert backup.execute("SELECT last_name FROM patients").fetchall() == [("Петрова",)]
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (revisions[0],)
    backup.close()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "mesodesk.sqlite3"
    open_database(sqlite_url(path)).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = _digest(path)
    with pytest.raises(DatabaseError, match="newer version of MesoDesk"):
        open_database(sqlite_url(path))
    assert _digest(path) == before
    assert not list(tmp_path.glob("*.bak")) and not (tmp_path / "backups").exists()


def test_a_file_that_is_not_a_database_is_refused_and_not_modified(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Patient list, do not lose\n" * 100)
    before = _digest(path)
    with pytest.raises(DatabaseError, match="not a MesoDesk database"):
        open_database(sqlite_url(path))
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_another_programs_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    with pytest.raises(DatabaseError, match="another program"):
        open_database(sqlite_url(path))
    assert sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall() == [
        ("invoices",)
    ]


@pytest.mark.parametrize("url", ["mysql://clinic@localhost/meso", "ftp://x/y", "not a url://"])
def test_an_unknown_url_scheme_is_refused_with_a_clear_message(url):
    with pytest.raises(DatabaseError, match=r"Unsupported database URL|not a database URL"):
        open_database(url)


def test_the_url_comes_from_the_option_then_the_environment_then_the_data_folder(tmp_path):
    option = resolve_url(str(tmp_path / "a.sqlite3"), {"MESODESK_DB": "sqlite:///b.sqlite3"})
    assert option == sqlite_url(tmp_path / "a.sqlite3")
    assert resolve_url(None, {"MESODESK_DB": "sqlite:///b.sqlite3"}) == "sqlite:///b.sqlite3"
    assert resolve_url(None, {}).endswith("/mesodesk.sqlite3")


def test_check_reports_a_healthy_database_and_its_revision(sqlite_db):
    healthy, detail = check_database(str(sqlite_db.url))
    assert healthy and "integrity ok" in detail and _revisions()[-1] in detail


def _revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrations.config())
    return [rev.revision for rev in reversed(list(scripts.walk_revisions()))]


def test_indexes_a_stopped_bulk_fill_left_unbuilt_are_built_when_the_file_is_opened(tmp_path):
    """The bulk demo fill drops the name-ordered indexes and builds them at its end; killed
    before that, its file has every record but searches that read every patient. `check`
    says so, and opening the file builds them as the migrations make them."""
    made, stopped = tmp_path / "made.sqlite3", tmp_path / "stopped.sqlite3"
    for path in (made, stopped):
        open_database(sqlite_url(path)).close()
    deferred = [
        "ix_patients_archived_sort",
        "ix_patient_search_terms_head",
        "ix_patient_search_terms_term_sort",
    ]
    with sqlite3.connect(stopped) as connection:
        for name in deferred:
            connection.execute(f"DROP INDEX {name}")

    healthy, said = check_database(sqlite_url(stopped))
    assert healthy and "3 indexes missing" in said
    open_database(sqlite_url(stopped)).close()

    assert set(deferred) <= set(sqlite_indexes(stopped))
    assert sqlite_indexes(stopped) == sqlite_indexes(made)
    assert check_database(sqlite_url(stopped)) == check_database(sqlite_url(made))


def test_an_index_made_again_on_postgresql_is_as_partial_as_its_migration_made_it(
    postgresql_db,
):
    """The marks-on-photos index is partial on both engines; its PostgreSQL condition is given
    to the models only when a server database is opened (see `models.marks.for_postgresql`)."""

    def definition() -> str:
        with postgresql_db.engine.connect() as connection:
            return str(
                connection.exec_driver_sql(
                    "SELECT indexdef FROM pg_indexes"
                    " WHERE indexname = 'ix_injection_marks_photo_id'"
                ).scalar_one()
            )

    made = definition()
    assert "WHERE (photo_id IS NOT NULL)" in made
    with postgresql_db.engine.begin() as connection:
        connection.exec_driver_sql("DROP INDEX ix_injection_marks_photo_id")
        assert migrations.missing_indexes(connection) == ["ix_injection_marks_photo_id"]
        migrations.make_indexes(connection, ["ix_injection_marks_photo_id"])
    assert definition() == made
