"""Backups as the clinic gets them: private files named with their time in the backups folder,
the newest N kept, at most one automatic backup a day, a second copy on a chosen folder, and a
copy that stays consistent while another workstation keeps writing."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from mesodesk import migrations
from mesodesk.db import Database, open_database, sqlite_url
from mesodesk.domain.backups import BackupPolicy
from mesodesk.domain.patient import PatientCard
from mesodesk.services.backup import BackupFailed, BackupService
from mesodesk.services.errors import StaleRecord, ValidationFailed
from mesodesk.services.registry import build_services
from tests import backup_writer
from tests.backup_helpers import Clock, archive_tables, integrity, patients
from tests.schema_helpers import make_database_at

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 3, 2, 9, 30, 0)


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of this test's own: a server database's backups go there."""
    folder = tmp_path / "data"
    monkeypatch.setenv("MESODESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


def _service(database: Database, clock: Clock) -> BackupService:
    return BackupService.for_database(database, clock)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- one backup --------------------------------------------------------------------------------


def test_backing_up_now_makes_a_private_copy_named_with_its_time(
    database: Database, clock: Clock
) -> None:
    build_services(database.sessions).patients.save(
        PatientCard(last_name="Иванова", first_name="Мария")
    )
    service = _service(database, clock)

    made = service.backup_now()

    assert made.path.parent == service.folder
    assert made.made_at == START
    assert "-2026-03-02T093000." in made.path.name
    assert _mode(made.path) == 0o600
    assert _mode(service.folder) == 0o700
    assert [p.name for p in service.folder.iterdir()] == [made.path.name], "no temporary left"
    if database.path is not None:
        assert made.path.name == "mesodesk-2026-03-02T093000.sqlite3"
        assert integrity(made.path) == ["ok"]
        assert patients(sqlite_url(made.path)) == [("Иванова", "Мария", "")]
        assert not made.path.with_name(made.path.name + "-wal").exists(), "one whole file"
    else:
        assert made.path.name.endswith("-2026-03-02T093000.pgdump")
        assert made.path.read_bytes().startswith(b"PGDMP")
        assert {"patients", "visits", "alembic_version"} <= archive_tables(made.path)


def test_two_backups_in_the_same_second_both_keep_their_time(sqlite_db: Database, clock: Clock):
    service = _service(sqlite_db, clock)

    first = service.backup_now()
    second = service.backup_now()

    assert first.path != second.path
    assert second.path.name == "mesodesk-2026-03-02T093000-2.sqlite3"
    assert service.status().newest == START


def test_a_failed_backup_says_why_and_leaves_nothing_under_a_backups_name(
    sqlite_db: Database, clock: Clock
) -> None:
    service = _service(sqlite_db, clock)
    service.folder.write_text("not a folder")  # the backups folder cannot be made

    with pytest.raises(BackupFailed, match="No backup was made"):
        service.backup_now()

    assert service.folder.read_text() == "not a folder"


def test_a_file_that_is_not_a_mesodesk_database_is_not_backed_up(tmp_path: Path) -> None:
    other = tmp_path / "notes.sqlite3"
    other.write_bytes(b"shopping list\n" * 50)
    service = BackupService(make_url(sqlite_url(other)), other)

    with pytest.raises(BackupFailed, match="not a MesoDesk database"):
        service.backup_to(tmp_path / "copy.sqlite3", replace_existing=False)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_what_a_killed_backup_left_is_tidied_and_nothing_of_anyone_else(
    sqlite_db: Database, clock: Clock
) -> None:
    service = _service(sqlite_db, clock)
    service.folder.mkdir(parents=True)
    ours = service.folder / ".mesodesk-2026-03-01T093000.sqlite3.k1ll3d.partial"
    fresh = service.folder / ".mesodesk-2026-03-02T092959.sqlite3.runn1ng.partial"
    theirs = service.folder / ".sync-client.partial"
    for leftover in (ours, fresh, theirs):
        leftover.write_bytes(b"half")
    day_ago = time.time() - 86400
    for old in (ours, theirs):
        os.utime(old, (day_ago, day_ago))

    service.backup_now()

    assert not ours.exists()
    assert fresh.exists(), "a backup under way elsewhere is left alone"
    assert theirs.exists(), "another program's file is never removed"


# --- keeping N, once a day, the second copy ------------------------------------------------------


def test_only_the_newest_backups_are_kept_and_nothing_else_in_the_folder_is_touched(
    sqlite_db: Database, clock: Clock
) -> None:
    service = _service(sqlite_db, clock)
    service.settings.save_policy(BackupPolicy(keep=3))  # type: ignore[union-attr]
    service.folder.mkdir(parents=True)
    others = [
        "notes.txt",
        "mesodesk-demo-2020-01-01T000000.sqlite3",  # the demo database's backup
        "mesodesk-2020-13-45T999999.sqlite3",  # only looks like a backup
        "clinic-2020-01-01T000000.pgdump",
    ]
    for name in others:
        (service.folder / name).write_text("keep me")

    made = []
    for day in range(5):
        clock.now = START + timedelta(days=day)
        made.append(service.backup_now())

    kept = [m.path.name for m in made[2:]]
    assert _names(service.folder) == sorted([*kept, *others])
    assert made[-1].removed == (made[1].path.name,)
    assert all((service.folder / name).read_text() == "keep me" for name in others)


def test_the_automatic_backup_is_made_at_most_once_a_day(sqlite_db: Database, clock: Clock):
    service = _service(sqlite_db, clock)

    first = service.backup_if_due()
    clock.now = START + timedelta(hours=9)
    again_today = service.backup_if_due()
    clock.now = START + timedelta(days=1, hours=-2)  # next morning, 07:30
    tomorrow = service.backup_if_due()
    clock.now = START  # the clock put back: a backup of today or later exists
    put_back = service.backup_if_due()

    assert first is not None and tomorrow is not None
    assert again_today is None and put_back is None
    assert len(_names(service.folder)) == 2


def test_a_backup_made_by_hand_today_counts_as_the_days_backup(sqlite_db: Database, clock):
    service = _service(sqlite_db, clock)
    service.backup_now()
    clock.now = START + timedelta(hours=1)

    assert service.backup_if_due() is None


def test_a_copy_before_an_upgrade_counts_as_the_days_backup(tmp_path: Path, clock: Clock):
    path = tmp_path / "mesodesk.sqlite3"
    make_database_at(sqlite_url(path), migrations.revisions()[0])
    database = open_database(sqlite_url(path))
    try:
        assert database.backup_path is not None
        clock.now = datetime.now()
        service = _service(database, clock)
        assert service.status().newest is not None
        assert service.backup_if_due() is None
    finally:
        database.close()


def test_each_backup_is_also_copied_to_the_chosen_folder_which_keeps_as_many(
    sqlite_db: Database, clock: Clock, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "holiday.jpg").write_bytes(b"not ours")
    service = _service(sqlite_db, clock)
    service.settings.save_policy(BackupPolicy(keep=2, copy_folder=str(usb)))  # type: ignore[union-attr]

    made = []
    for day in range(3):
        clock.now = START + timedelta(days=day)
        made.append(service.backup_now())

    assert all(m.copy_problem is None for m in made)
    assert made[-1].copied_to == usb / made[-1].path.name
    assert _names(usb) == sorted(["holiday.jpg", made[1].path.name, made[2].path.name])
    for m in made[1:]:
        copy = usb / m.path.name
        assert copy.read_bytes() == m.path.read_bytes()
        assert _mode(copy) == 0o600


def test_a_missing_copy_folder_is_reported_and_the_backup_is_still_made(
    sqlite_db: Database, clock: Clock, tmp_path: Path
) -> None:
    unplugged = tmp_path / "usb-disk"
    service = _service(sqlite_db, clock)
    service.settings.save_policy(BackupPolicy(copy_folder=str(unplugged)))  # type: ignore[union-attr]

    made = service.backup_now()

    assert made.path.exists()
    assert made.copied_to is None
    assert made.copy_problem is not None and "usb-disk" in made.copy_problem
    assert "is the disk connected" in made.copy_problem
    assert not unplugged.exists(), "the folder of an unplugged disk is never made"


# --- the status the window shows -----------------------------------------------------------------


def test_the_status_tells_a_backup_more_than_a_week_old(sqlite_db: Database, clock: Clock):
    service = _service(sqlite_db, clock)
    never = service.status()
    service.backup_now()
    clock.now = START + timedelta(days=7)
    a_week = service.status()
    clock.now = START + timedelta(days=7, minutes=1)
    over_a_week = service.status()

    assert never.newest is None and never.stale
    assert a_week.newest == START and not a_week.stale
    assert over_a_week.stale


# --- the policy ----------------------------------------------------------------------------------


def test_the_backup_policy_is_stored_with_the_clinic_settings_and_checked(
    database: Database,
) -> None:
    settings = BackupService.for_database(database).settings
    assert settings is not None
    assert settings.policy() == BackupPolicy(keep=14, copy_folder="")

    saved = settings.save_policy(BackupPolicy(keep=30, copy_folder="  /media/usb/backups "))

    assert settings.policy() == saved
    assert (saved.keep, saved.copy_folder) == (30, "/media/usb/backups")
    with pytest.raises(ValidationFailed) as refused:
        settings.save_policy(BackupPolicy(keep=0, copy_folder="relative/folder", version=1))
    assert set(refused.value.errors) == {"keep", "copy_folder"}
    with pytest.raises(StaleRecord):
        settings.save_policy(BackupPolicy(keep=20, version=0))
    assert settings.policy() == saved


# --- backups of a database being written ---------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def live_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database another process will write while it is backed up."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "clinic" / "mesodesk.sqlite3")
    else:
        url = request.getfixturevalue("scratch_postgres_url")
    open_database(url).close()
    yield url


def _acked(acks: Path) -> int:
    lines = acks.read_text(encoding="utf-8").split("\n")[:-1] if acks.exists() else []
    return int(lines[-1]) if lines else 0


def _wait_for(condition: object, seconds: float = 60) -> None:
    limit = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < limit, "the writer did not get going"
        time.sleep(0.05)


def test_a_backup_made_while_another_process_keeps_writing_is_whole_and_consistent(
    live_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    acks = tmp_path / "acks"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.backup_writer", live_url, str(acks)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(lambda: _acked(acks) >= 20)
        for round_ in range(3):
            before = _acked(acks)
            out = tmp_path / f"copy-{round_}.backup"
            result = subprocess.run(
                [sys.executable, "-m", "mesodesk", "backup", "--db", live_url, "-o", str(out)],
                capture_output=True,
                text=True,
                timeout=120,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            assert result.returncode == 0, result.stderr
            assert writer.poll() is None, "the writer was not stopped by the backup"
            assert _mode(out) == 0o600
            counter, written = _contents(out, live_url, request)
            assert counter == written, "the copy holds a transaction half-way"
            assert counter >= before, "the copy lost what was committed before it began"
        _wait_for(lambda: _acked(acks) > counter)  # still writing after the backups
    finally:
        writer.terminate()
        writer.wait(30)


def _contents(out: Path, live_url: str, request: pytest.FixtureRequest) -> tuple[int, int]:
    """(counter, the writer's patients) in a backup, read as a restored database would be."""
    if live_url.startswith("sqlite"):
        assert integrity(out) == ["ok"]
        url = sqlite_url(out)
    else:
        url = request.getfixturevalue("postgres_url")
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
        target = BackupService(make_url(url), None)
        target.restore(out)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return backup_writer.written(connection)
    finally:
        engine.dispose()


# --- the copy before an upgrade of a server database ---------------------------------------------


def test_a_postgresql_upgrade_keeps_a_pg_dump_of_the_older_schema_first(
    scratch_postgres_url: str, data_folder: Path
) -> None:
    first = migrations.revisions()[0]
    make_database_at(scratch_postgres_url, first, patients=2)

    database = open_database(scratch_postgres_url)
    database.close()

    copy = database.backup_path
    assert database.notice is None
    assert copy is not None and copy.parent == data_folder / "backups"
    assert copy.name.endswith(f"-before-{migrations.head_revision()}.pgdump")
    assert _mode(copy) == 0o600
    older = migrations.tables_by_revision()[first]
    assert archive_tables(copy) == set(older) | {"alembic_version"}


def test_without_pg_dump_a_postgresql_upgrade_goes_ahead_and_says_no_copy_was_kept(
    scratch_postgres_url: str, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_database_at(scratch_postgres_url, migrations.revisions()[0], patients=2)
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr("mesodesk.backup.POSTGRES_TOOL_FOLDERS", ())

    database = open_database(scratch_postgres_url)
    database.close()

    assert database.backup_path is None
    assert database.notice is not None
    assert database.notice.startswith("No copy of the database was kept before its upgrade")
    assert "pg_dump was not found" in database.notice
    assert patients(scratch_postgres_url)[0][0].startswith("Петрова")
