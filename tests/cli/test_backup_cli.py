"""`mesodesk backup` and `mesodesk restore` as a clinic runs them: real processes, real files,
the real PostgreSQL server; every refusal one line on stderr, the database untouched."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mesodesk import migrations
from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.patient import PatientCard
from mesodesk.services.registry import build_services
from tests.backup_helpers import integrity, patients, revision
from tests.cli.test_cli import run
from tests.cli.test_cli_safety import _one_line_error
from tests.schema_helpers import file_facts, folder_listing, make_database_at

HEAD = migrations.head_revision()


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MESODESK_DATA_DIR", str(folder))
    return folder


def _clinic(url: str, *names: str) -> None:
    database = open_database(url)
    try:
        saved = build_services(database.sessions).patients
        for name in names:
            saved.save(PatientCard(last_name=name, first_name="Анна"))
    finally:
        database.close()


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    path = tmp_path / "clinic" / "mesodesk.sqlite3"
    _clinic(sqlite_url(path), "Иванова", "Петрова")
    return path


def test_help_lists_backup_and_restore() -> None:
    result = run("--help")
    assert "backup" in result.stdout and "restore" in result.stdout
    assert "pg_dump --format=custom" in " ".join(run("backup", "--help").stdout.split())
    assert "--from" in run("restore", "--help").stdout


# --- backup ---------------------------------------------------------------------------------------


def test_backup_writes_a_private_consistent_copy(clinic: Path, tmp_path: Path) -> None:
    out = tmp_path / "friday.sqlite3"

    result = run("backup", "--db", str(clinic), "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Saved {out}"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert integrity(out) == ["ok"]
    assert [p[0] for p in patients(sqlite_url(out))] == ["Иванова", "Петрова"]
    assert folder_listing(tmp_path) == ["clinic", "friday.sqlite3"]


def test_backup_never_replaces_a_file_without_force_nor_a_database_even_with_it(
    clinic: Path, tmp_path: Path
) -> None:
    existing = tmp_path / "old.backup"
    existing.write_bytes(b"PGDMP an older archive")
    older_backup = tmp_path / "older.sqlite3"
    run("backup", "--db", str(clinic), "-o", str(older_backup))
    facts = file_facts(older_backup), file_facts(existing), file_facts(clinic)

    without_force = _one_line_error(run("backup", "--db", str(clinic), "-o", str(existing)))
    onto_a_database = _one_line_error(
        run("backup", "--db", str(clinic), "-o", str(older_backup), "--force")
    )
    onto_itself = _one_line_error(run("backup", "--db", str(clinic), "-o", str(clinic), "--force"))

    assert "--force" in without_force
    assert "never replaces a database" in onto_a_database
    assert "is the database" in onto_itself
    assert (file_facts(older_backup), file_facts(existing), file_facts(clinic)) == facts
    assert run("backup", "--db", str(clinic), "-o", str(existing), "--force").returncode == 0
    assert integrity(existing) == ["ok"]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "No database file"),
        (lambda p: p.write_text("a list of names\n"), "not a MesoDesk database"),
        (lambda p: p.write_bytes(b""), "empty file"),
    ],
    ids=["missing", "text", "empty"],
)
def test_backup_of_what_is_not_a_mesodesk_database_is_refused(
    tmp_path: Path, make: object, words: str
) -> None:
    source = tmp_path / "clinic.sqlite3"
    make(source)  # type: ignore[operator]
    listing = folder_listing(tmp_path)

    line = _one_line_error(run("backup", "--db", str(source), "-o", str(tmp_path / "out.db")))

    assert words in line
    assert folder_listing(tmp_path) == listing


def test_a_killed_backup_never_leaves_a_file_under_the_name_asked_for(
    tmp_path: Path,
) -> None:
    """SIGKILL while the copy is being written: the name holds a whole backup or nothing."""
    path = tmp_path / "clinic" / "mesodesk.sqlite3"
    database = open_database(sqlite_url(path))
    with database.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS padding (x BLOB)")
    database.close()
    filler = sqlite3.connect(path)
    filler.executemany("INSERT INTO padding VALUES (?)", [(os.urandom(4000),)] * 6000)
    filler.commit()
    filler.close()
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    outcomes = set()
    for round_ in range(8):
        out = tmp_path / f"copy-{round_}.sqlite3"
        writer = subprocess.Popen(
            [sys.executable, "-m", "mesodesk", "backup", "--db", str(path), "-o", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        limit = time.monotonic() + 60
        while writer.poll() is None and not list(tmp_path.glob(f".{out.name}.*.partial")):
            assert time.monotonic() < limit
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.3))  # the copy takes about 0.2 s after its file appears
        writer.send_signal(signal.SIGKILL)
        writer.wait(30)
        if out.exists():
            assert integrity(out) == ["ok"]
            outcomes.add("whole")
        else:
            outcomes.add("none")
        visible = [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")]
        assert all(name == "clinic" or name.startswith("copy-") for name in visible)
    print(f"killed backups ended as {sorted(outcomes)}")


# --- restore --------------------------------------------------------------------------------------


def test_restore_brings_the_backup_back_and_says_where_the_old_data_are(
    clinic: Path, tmp_path: Path
) -> None:
    out = tmp_path / "monday.sqlite3"
    run("backup", "--db", str(clinic), "-o", str(out))
    before = patients(sqlite_url(clinic))
    _clinic(sqlite_url(clinic), "Сидорова")

    result = run("restore", "--db", str(clinic), "--from", str(out))

    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"Restored {out} (schema {HEAD}) into {clinic}."
    kept = Path(lines[1].removeprefix("The database as it was before is kept at "))
    assert kept.parent == clinic.parent / "backups" and kept.exists()
    assert patients(sqlite_url(clinic)) == before
    assert [p[0] for p in patients(sqlite_url(kept))] == ["Иванова", "Петрова", "Сидорова"]


def test_restore_of_an_older_backup_upgrades_it(clinic: Path, tmp_path: Path) -> None:
    old = tmp_path / "2019.sqlite3"
    names = make_database_at(sqlite_url(old), migrations.revisions()[0], patients=3)

    result = run("restore", "--db", str(clinic), "--from", str(old))

    assert result.returncode == 0, result.stderr
    assert "upgraded to this version's schema" in result.stdout
    assert revision(sqlite_url(clinic)) == [HEAD]
    assert [(p[0], p[1]) for p in patients(sqlite_url(clinic))] == names


def _newer(good: Path, bad: Path) -> None:
    bad.write_bytes(good.read_bytes())
    connection = sqlite3.connect(bad)
    connection.execute("UPDATE alembic_version SET version_num = '9999_newer'")
    connection.commit()
    connection.close()


def _foreign(_good: Path, bad: Path) -> None:
    connection = sqlite3.connect(bad)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda good, bad: bad.write_bytes(b""), "empty file"),
        (lambda good, bad: bad.write_bytes(good.read_bytes()[:20000]), "cut short"),
        (_foreign, "not a MesoDesk backup"),
        (_newer, "newer version of MesoDesk"),
        (lambda good, bad: bad.write_text("not a backup\n"), "not an SQLite database"),
        (lambda good, bad: None, "No file at"),
    ],
    ids=["empty", "truncated", "foreign", "newer", "text", "missing"],
)
def test_restore_refuses_a_bad_file_in_one_line_and_changes_nothing(
    clinic: Path, tmp_path: Path, make: object, words: str
) -> None:
    good = tmp_path / "good.sqlite3"
    run("backup", "--db", str(clinic), "-o", str(good))
    bad = tmp_path / "bad.sqlite3"
    make(good, bad)  # type: ignore[operator]
    _clinic(sqlite_url(clinic), "Сидорова")
    before = file_facts(clinic)
    listing = folder_listing(clinic.parent)

    line = _one_line_error(run("restore", "--db", str(clinic), "--from", str(bad)))

    assert words in line and "nothing was restored" in line
    assert file_facts(clinic) == before
    assert folder_listing(clinic.parent) == listing


def test_restore_into_a_missing_file_needs_create(clinic: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite3"
    run("backup", "--db", str(clinic), "-o", str(good))
    target = tmp_path / "new-disk" / "mesodesk.sqlite3"
    target.parent.mkdir()

    line = _one_line_error(run("restore", "--db", str(target), "--from", str(good)))
    assert "--create" in line and not target.exists()

    result = run("restore", "--db", str(target), "--from", str(good), "--create")
    assert result.returncode == 0, result.stderr
    assert [p[0] for p in patients(sqlite_url(target))] == ["Иванова", "Петрова"]


# --- PostgreSQL -----------------------------------------------------------------------------------


def test_backup_and_restore_of_a_postgresql_database_with_pg_dump(
    scratch_postgres_url: str, tmp_path: Path, data_folder: Path
) -> None:
    url = scratch_postgres_url
    _clinic(url, "Иванова", "Петрова")
    out = tmp_path / "clinic.pgdump"

    backed_up = run("backup", "--db", url, "-o", str(out))
    assert backed_up.returncode == 0, backed_up.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes().startswith(b"PGDMP")
    before = patients(url)
    _clinic(url, "Сидорова")

    restored = run("restore", "--db", url, "--from", str(out))

    assert restored.returncode == 0, restored.stderr
    assert patients(url) == before
    assert "password" not in restored.stdout
    kept = list((data_folder / "backups").glob("*-before-restore.pgdump"))
    assert len(kept) == 1
    line = _one_line_error(run("restore", "--db", url, "--from", str(tmp_path / "none.pgdump")))
    assert "No file at" in line


def test_backup_of_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://nobody@/nowhere?host={tmp_path}&port=1"
    line = _one_line_error(run("backup", "--db", url, "-o", str(tmp_path / "x.pgdump")))
    assert "pg_dump failed" in line
    assert folder_listing(tmp_path) == ["data"] or folder_listing(tmp_path) == []


# --- photos ---------------------------------------------------------------------------------------


def _photographed(clinic: Path, tmp_path: Path) -> dict[str, bytes]:
    """Two photos on a visit of the clinic's database; their stored names and bytes."""
    from datetime import UTC, datetime

    from mesodesk.domain.photos import PhotoKind, PhotoView
    from tests.photo_files import camera_jpeg, plain_png

    database = open_database(sqlite_url(clinic))
    try:
        services = build_services(database.sessions)
        visit = services.visits.start_visit(1, datetime(2026, 3, 2, 9, tzinfo=UTC), "Dr Smirnova")
        assert visit.id is not None
        sources = [camera_jpeg(tmp_path / "a.jpg"), plain_png(tmp_path / "b.png")]
        added = services.photos.add(visit.id, PhotoKind.BEFORE, PhotoView.FRONT, sources)
        return {p.file_name: services.photos.image_path(p.id).read_bytes() for p in added}
    finally:
        database.close()


def test_backup_and_restore_carry_the_photos_and_a_lost_one_is_a_warning(
    clinic: Path, tmp_path: Path, data_folder: Path
) -> None:
    stored = _photographed(clinic, tmp_path)
    out = tmp_path / "usb" / "monday.sqlite3"
    out.parent.mkdir()

    backed_up = run("backup", "--db", str(clinic), "-o", str(out))
    again = run("backup", "--db", str(clinic), "-o", str(tmp_path / "usb" / "tuesday.sqlite3"))

    assert backed_up.returncode == 0, backed_up.stderr
    assert backed_up.stdout.splitlines()[1] == f"Copied 2 photos into {out.parent / 'photos'}"
    assert again.returncode == 0 and len(again.stdout.splitlines()) == 1  # nothing copied again
    beside = {p.name: p.read_bytes() for p in (out.parent / "photos").glob("*/*")}
    assert beside == stored
    assert {stat.S_IMODE(p.stat().st_mode) for p in (out.parent / "photos").glob("*/*")} == {0o600}

    lost = sorted(stored)[0]
    (out.parent / "photos" / lost[:2] / lost).unlink()
    for name in stored:
        (data_folder / "photos" / name[:2] / name).unlink()
    restored = run("restore", "--db", str(clinic), "--from", str(out))

    assert restored.returncode == 0, restored.stderr
    assert f"Put back 1 photo from {out.parent / 'photos'}" in restored.stdout.splitlines()
    (warning,) = restored.stderr.strip().splitlines()
    assert warning.startswith("Warning: 1 photo of the restored records was not found")
    assert warning.endswith("the records of it are kept, without the picture.")
    back = {p.name: p.read_bytes() for p in (data_folder / "photos").glob("*/*.*")}
    assert {k: v for k, v in back.items() if k in stored} == {
        k: v for k, v in stored.items() if k != lost
    }
