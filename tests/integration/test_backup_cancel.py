"""A backup or restore tells how far it has come, and one cancelled part way leaves nothing
half-done: no backup under a final name, the live database as it was; on real SQLite files
and the real PostgreSQL server."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from mesodesk.db import Database, open_database, sqlite_url
from mesodesk.domain.backups import BackupPolicy
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.progress import Cancelled, Progress
from mesodesk.services.backup import BackupService, BackupSettingsService
from mesodesk.services.registry import build_services
from tests.backup_helpers import Clock, integrity, patients, revision

START = datetime(2026, 3, 2, 9, 30, 0)
PATIENTS = 400
"""Enough for an SQLite copy of many page steps."""


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MESODESK_DATA_DIR", str(folder))
    return folder


def _fill(database: Database, count: int = PATIENTS, name: str = "Иванова") -> None:
    build_services(database.sessions).patients.save_many(
        [
            PatientCard(last_name=name, first_name=f"Мария {n}", notes="аллергия " * 40)
            for n in range(count)
        ]
    )


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def _service(database: Database, folder: Path | None = None) -> BackupService:
    return BackupService(
        database.url,
        database.path,
        BackupSettingsService(database.sessions),
        Clock(START),
        photo_folder=folder,
    )


def _cancelling_at(share: float) -> tuple[Progress, list[float]]:
    """A progress the user cancels once the work has come `share` of the way."""
    told: list[float] = []
    progress: Progress

    def seen(now: float) -> None:
        told.append(now)
        if now >= share:
            progress.cancel()

    progress = Progress(seen)
    return progress, told


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _full_run(told: list[float]) -> None:
    assert told == sorted(told), "the bar never goes back"
    assert told[-1] == 1.0
    assert len(set(told)) > 5, "told step by step, not only at the end"


# --- backups -----------------------------------------------------------------------------------


def test_a_full_backup_tells_its_progress_step_by_step_up_to_the_whole(
    database: Database,
) -> None:
    _fill(database)
    told: list[float] = []

    made = _service(database).backup_now(Progress(told.append))

    _full_run(told)
    assert made.path.is_file()


@pytest.mark.parametrize("share", [0.05, 0.4, 0.85])
def test_a_backup_cancelled_part_way_leaves_no_backup_and_the_database_as_it_was(
    sqlite_db: Database, share: float
) -> None:
    _fill(sqlite_db)
    before = patients(_url(sqlite_db))
    service = _service(sqlite_db)
    progress, told = _cancelling_at(share)

    with pytest.raises(Cancelled):
        service.backup_now(progress)

    assert told[-1] < 1.0
    assert _files(service.folder) == [], "no backup file, not even a temporary one"
    assert patients(_url(sqlite_db)) == before
    assert sqlite_db.path is not None and integrity(sqlite_db.path) == ["ok"]
    assert service.status().newest is None


def test_a_backup_cancelled_while_it_is_copied_to_the_second_folder_leaves_it_in_neither(
    sqlite_db: Database, tmp_path: Path
) -> None:
    _fill(sqlite_db)
    second = tmp_path / "usb"
    second.mkdir()
    service = _service(sqlite_db)
    assert service.settings is not None
    service.settings.save_policy(BackupPolicy(copy_folder=str(second)))
    older = service.backup_now().path
    progress, _told = _cancelling_at(0.6)

    with pytest.raises(Cancelled):
        service.backup_now(progress)

    assert _files(service.folder) == [older.name], "the older backup is kept, no new one"
    assert _files(second) == [older.name]


@pytest.mark.parametrize("share", [0.0, 0.3])
def test_a_postgresql_backup_cancelled_while_pg_dump_runs_leaves_no_archive(
    postgresql_db: Database, share: float
) -> None:
    _fill(postgresql_db, 50)
    service = _service(postgresql_db)
    progress, told = _cancelling_at(share)

    with pytest.raises(Cancelled):
        service.backup_now(progress)

    assert told[-1] < 0.9, "stopped while the tables were being dumped"
    assert _files(service.folder) == []


def test_a_backup_made_after_one_was_cancelled_is_whole(sqlite_db: Database) -> None:
    _fill(sqlite_db)
    service = _service(sqlite_db)
    progress, _told = _cancelling_at(0.3)
    with pytest.raises(Cancelled):
        service.backup_now(progress)

    made = service.backup_now()

    assert integrity(made.path) == ["ok"]
    assert patients(sqlite_url(made.path)) == patients(_url(sqlite_db))


# --- restores ----------------------------------------------------------------------------------


@pytest.fixture
def yesterday(sqlite_db: Database, tmp_path: Path) -> Path:
    """A backup with other patients than the database has now."""
    other = open_database(sqlite_url(tmp_path / "old" / "mesodesk.sqlite3"))
    try:
        _fill(other, name="Петрова")
        target = tmp_path / "usb" / "mesodesk-2026-03-01T200000.sqlite3"
        target.parent.mkdir()
        _service(other).backup_to(target, replace_existing=False)
    finally:
        other.close()
    _fill(sqlite_db)
    return target


@pytest.mark.parametrize("share", [0.05, 0.2, 0.45, 0.6, 0.8])
def test_a_restore_cancelled_part_way_changes_nothing(
    sqlite_db: Database, yesterday: Path, share: float
) -> None:
    url = _url(sqlite_db)
    before = patients(url)
    service = _service(sqlite_db)
    progress, told = _cancelling_at(share)

    with pytest.raises(Cancelled):
        service.restore(yesterday, progress=progress)

    assert told[-1] < 1.0
    assert patients(url) == before
    assert revision(url) == revision(sqlite_url(yesterday))
    assert sqlite_db.path is not None and integrity(sqlite_db.path) == ["ok"]
    assert _files(service.folder) == [], "the copy of the database as it was is removed again"
    assert sorted(p.name for p in sqlite_db.path.parent.iterdir() if p.name.startswith(".")) == []
    build_services(sqlite_db.sessions).patients.save(PatientCard(last_name="Кузнецова"))


def test_a_full_restore_tells_its_progress_up_to_the_whole(
    sqlite_db: Database, yesterday: Path
) -> None:
    told: list[float] = []

    service = _service(sqlite_db)
    service.restore(yesterday, progress=Progress(told.append))

    _full_run(told)
    assert {name for name, _first, _phone in patients(_url(sqlite_db))} == {"Петрова"}


def test_a_cancel_that_comes_once_the_database_is_replaced_is_refused(
    sqlite_db: Database, yesterday: Path
) -> None:
    answers: list[bool] = []
    progress: Progress

    def seen(_share: float) -> None:
        if not progress.cancellable:
            answers.append(progress.cancel())

    progress = Progress(seen)

    _service(sqlite_db).restore(yesterday, progress=progress)

    assert answers and not any(answers)
    assert {name for name, _first, _phone in patients(_url(sqlite_db))} == {"Петрова"}


def test_a_postgresql_restore_cancelled_before_it_writes_changes_nothing(
    postgresql_db: Database, tmp_path: Path
) -> None:
    _fill(postgresql_db, 20, name="Петрова")
    archive = tmp_path / "clinic.pgdump"
    service = _service(postgresql_db)
    service.backup_to(archive, replace_existing=False)
    _fill(postgresql_db, 5)
    url = _url(postgresql_db)
    before = patients(url)
    progress, told = _cancelling_at(0.4)

    with pytest.raises(Cancelled):
        service.restore(archive, progress=progress)

    assert told[-1] < 1.0
    assert patients(url) == before
    assert _files(service.folder) == []
