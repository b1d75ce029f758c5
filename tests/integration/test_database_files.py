"""Files MesoDesk must not change: another program's database, read-only files and folders,
empty files, and paths that do not exist. "Nothing changed" means the same bytes, the same
mode and no new files beside them."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mesodesk import paths
from mesodesk.db import DatabaseError, check_database, open_database, sqlite_url
from mesodesk.services.registry import build_services
from tests.schema_helpers import file_facts, folder_listing, make_database_at


@pytest.fixture
def clinic_db(tmp_path: Path) -> Path:
    """A healthy MesoDesk database with two patients, closed."""
    folder = tmp_path / "clinic"
    path = folder / "mesodesk.sqlite3"
    folder.mkdir(mode=0o700)
    make_database_at(sqlite_url(path), "head", patients=2)
    return path


@pytest.fixture
def read_only_folder(clinic_db: Path) -> Iterator[Path]:
    folder = clinic_db.parent
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_another_programs_sqlite_file_is_refused_byte_for_byte_untouched(tmp_path: Path) -> None:
    path = tmp_path / "accounts.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")
    connection.execute("INSERT INTO invoices VALUES (1, 500)")
    connection.commit()
    connection.close()
    path.chmod(0o644)
    before, listing = file_facts(path), folder_listing(tmp_path)

    with pytest.raises(DatabaseError, match="another program"):
        open_database(sqlite_url(path))
    healthy, _ = check_database(sqlite_url(path))

    assert not healthy
    assert file_facts(path) == before, "same bytes (no switch to WAL) and the same mode"
    assert folder_listing(tmp_path) == listing


def test_another_programs_wal_database_is_refused_without_new_files(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    before, listing = file_facts(path), folder_listing(tmp_path)

    with pytest.raises(DatabaseError, match="another program"):
        open_database(sqlite_url(path))

    assert file_facts(path) == before
    assert folder_listing(tmp_path) == listing


def test_a_read_only_database_is_refused_for_writing_with_the_real_cause(clinic_db: Path) -> None:
    clinic_db.chmod(0o400)
    before, listing = file_facts(clinic_db), folder_listing(clinic_db.parent)

    with pytest.raises(DatabaseError, match="read-only") as refused:
        open_database(sqlite_url(clinic_db))

    assert str(clinic_db) in str(refused.value)
    assert file_facts(clinic_db) == before and _mode(clinic_db) == 0o400
    assert folder_listing(clinic_db.parent) == listing


def test_a_read_only_database_opens_read_only_for_a_command_that_only_reads(
    clinic_db: Path,
) -> None:
    clinic_db.chmod(0o400)
    before, listing = file_facts(clinic_db), folder_listing(clinic_db.parent)

    database = open_database(sqlite_url(clinic_db), allow_read_only=True)
    try:
        assert database.read_only
        found = build_services(database.sessions).patients.count()
    finally:
        database.close()

    assert found == 2
    assert file_facts(clinic_db) == before and _mode(clinic_db) == 0o400
    assert folder_listing(clinic_db.parent) == listing


def test_a_read_only_data_folder_is_refused_for_writing_and_left_read_only(
    clinic_db: Path, read_only_folder: Path
) -> None:
    before = file_facts(clinic_db)

    with pytest.raises(DatabaseError, match="folder") as refused:
        open_database(sqlite_url(clinic_db))

    assert "read-only" in str(refused.value) and str(read_only_folder) in str(refused.value)
    assert _mode(read_only_folder) == 0o500
    assert file_facts(clinic_db) == before


def test_check_on_a_healthy_database_in_a_read_only_folder_reports_it_healthy(
    clinic_db: Path, read_only_folder: Path
) -> None:
    listing = folder_listing(read_only_folder)

    healthy, detail = check_database(sqlite_url(clinic_db))

    assert healthy, detail
    assert "integrity ok" in detail
    assert folder_listing(read_only_folder) == listing and _mode(read_only_folder) == 0o500


def test_reading_commands_work_in_a_read_only_folder(
    clinic_db: Path, read_only_folder: Path
) -> None:
    database = open_database(sqlite_url(clinic_db), allow_read_only=True)
    try:
        assert build_services(database.sessions).patients.count() == 2
    finally:
        database.close()
    assert _mode(read_only_folder) == 0o500


def test_the_data_folder_is_never_made_writable_behind_the_users_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o500)
    monkeypatch.setenv("MESODESK_DATA_DIR", str(folder))
    try:
        assert paths.data_dir() == folder
        assert _mode(folder) == 0o500
    finally:
        folder.chmod(0o700)


def test_a_data_folder_open_to_others_is_closed_to_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o755)
    monkeypatch.setenv("MESODESK_DATA_DIR", str(folder))
    paths.data_dir()
    assert _mode(folder) == 0o700


def test_an_empty_file_is_refused_untouched_and_not_called_healthy(tmp_path: Path) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    path.touch(mode=0o644)
    path.chmod(0o644)
    listing = folder_listing(tmp_path)

    with pytest.raises(DatabaseError, match="empty"):
        open_database(sqlite_url(path))
    healthy, detail = check_database(sqlite_url(path))

    assert not healthy and "empty" in detail
    assert path.stat().st_size == 0 and _mode(path) == 0o644
    assert folder_listing(tmp_path) == listing


def test_a_path_that_does_not_exist_is_not_created_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "mesodesk.sqlite3"

    with pytest.raises(DatabaseError, match="No database"):
        open_database(sqlite_url(path), create=False)

    assert not path.parent.exists()
    open_database(sqlite_url(path), create=True).close()
    assert path.exists() and _mode(path) == 0o600


def test_a_database_open_to_others_is_closed_to_them_when_opened_for_writing(
    clinic_db: Path,
) -> None:
    clinic_db.chmod(0o644)
    open_database(sqlite_url(clinic_db)).close()
    assert _mode(clinic_db) == 0o600


def test_a_folder_given_as_the_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="folder"):
        open_database(sqlite_url(tmp_path))
    assert not check_database(sqlite_url(tmp_path))[0]


def test_a_path_with_bytes_that_are_not_utf8_is_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"clinic-\xff.sqlite3")
    with pytest.raises(DatabaseError, match="not UTF-8"):
        open_database(sqlite_url(path))
    assert not path.exists()
