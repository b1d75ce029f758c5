"""A command line that cannot misroute or overwrite: options wherever they stand, outputs that
never replace the database or an existing file by accident, paths never created by a typo,
bad values refused in one line."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.patient import PatientCard
from mesodesk.services.registry import build_services
from tests.cli.test_cli import run
from tests.schema_helpers import (
    file_facts,
    folder_listing,
    interrupted_old_style_upgrade,
    make_database_at,
    old_style_backup,
)


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """A clinic database with one patient, Иванова, at id 1."""
    path = tmp_path / "clinic" / "clinic.sqlite3"
    database = open_database(sqlite_url(path))
    build_services(database.sessions).patients.save(
        PatientCard(last_name="Иванова", first_name="Мария")
    )
    database.close()
    return path


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def _foreign_file(path: Path) -> Path:
    """A file MesoDesk must refuse to open: opening it by mistake makes the command fail."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE real_names (name TEXT)")
    connection.commit()
    connection.close()
    return path


# --- options wherever they stand ------------------------------------------------------------


def test_db_before_the_command_chooses_the_database_to_export_from(
    clinic: Path, tmp_path: Path
) -> None:
    out = tmp_path / "record.json"

    result = run("--db", str(clinic), "export", "--patient", "1", "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["patient"]["last_name"] == "Иванова"


def test_a_missing_database_before_the_command_is_refused_and_not_created(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "typo" / "clinic.sqlite3"
    out = tmp_path / "record.json"

    line = _one_line_error(run("--db", str(missing), "export", "--patient", "1", "-o", str(out)))

    assert "No database" in line and str(missing) in line
    assert not missing.parent.exists() and not out.exists()


def test_the_same_option_twice_with_different_values_is_refused(
    clinic: Path, tmp_path: Path
) -> None:
    out = tmp_path / "record.json"
    line = _one_line_error(
        run("--db", str(clinic), "export", "--db", str(tmp_path / "b.sqlite3"), "--patient",
            "1", "-o", str(out))
    )  # fmt: skip
    assert "--db" in line and not out.exists()


def test_db_twice_before_the_command_is_refused(clinic: Path, tmp_path: Path) -> None:
    line = _one_line_error(run("--db", str(clinic), "--db", str(tmp_path / "b"), "check"))
    assert "--db" in line and "twice" in line


def test_db_and_demo_together_are_refused(clinic: Path, tmp_path: Path) -> None:
    line = _one_line_error(run("--demo", "check", "--db", str(clinic)))
    assert "--demo" in line and "--db" in line


def test_demo_screenshot_never_renders_the_real_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    real = _foreign_file(data / "mesodesk.sqlite3")
    elsewhere = _foreign_file(tmp_path / "elsewhere.sqlite3")
    before = file_facts(real)
    shot = tmp_path / "demo.png"
    demo = data / "mesodesk-demo.sqlite3"  # a small one, so the window need not fill it
    assert run("demo", "--db", str(demo), "--patients", "3").returncode == 0

    result = run(
        "--demo",
        "screenshot",
        str(shot),
        "--size",
        "800x600",
        env={"MESODESK_DATA_DIR": str(data), "MESODESK_DB": str(elsewhere)},
    )

    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert file_facts(real) == before


def test_a_screenshot_of_a_database_that_does_not_exist_fails_and_creates_nothing(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "typo" / "clinic.sqlite3"
    shot = tmp_path / "window.png"

    line = _one_line_error(run("screenshot", str(shot), "--db", str(missing)))

    assert "No database" in line and "--create" in line
    assert not missing.parent.exists() and not shot.exists()


def test_create_makes_a_new_database_on_request(tmp_path: Path) -> None:
    new = tmp_path / "new" / "clinic.sqlite3"
    shot = tmp_path / "window.png"

    result = run("--create", "screenshot", str(shot), "--db", str(new), "--size", "800x600")

    assert result.returncode == 0, result.stderr
    assert new.exists() and stat.S_IMODE(new.stat().st_mode) == 0o600


# --- outputs that cannot overwrite ----------------------------------------------------------


@pytest.mark.parametrize("companion", ["", "-wal", "-shm"])
@pytest.mark.parametrize("force", [False, True])
def test_output_refuses_the_database_and_its_companion_files(
    clinic: Path, companion: str, force: bool
) -> None:
    target = clinic.with_name(clinic.name + companion)
    if companion:
        target.write_bytes(b"")
    before = file_facts(clinic)

    extra = ["--force"] if force else []
    line = _one_line_error(
        run("export", "--db", str(clinic), "--patient", "1", "-o", str(target), *extra)
    )

    assert "database" in line
    assert file_facts(clinic) == before
    if companion:
        assert target.read_bytes() == b""


def test_output_refuses_a_backup_copy_of_the_database_even_with_force(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clinic.sqlite3"
    make_database_at(sqlite_url(path), "0001", patients=1)
    copy = old_style_backup(path, "before-0002-20260101-101010")
    before = file_facts(copy)

    line = _one_line_error(
        run("export", "--db", str(path), "--patient", "1", "-o", str(copy), "--force")
    )

    assert "copy" in line or "backup" in line
    assert file_facts(copy) == before


def test_a_document_refuses_to_replace_the_database(clinic: Path) -> None:
    before = file_facts(clinic)
    line = _one_line_error(
        run("aftercare", "--db", str(clinic), "--visit", "1", "-o", str(clinic), "--force")
    )
    assert "database" in line and file_facts(clinic) == before


def test_output_refuses_an_existing_file_without_force(clinic: Path, tmp_path: Path) -> None:
    target = tmp_path / "letter.txt"
    target.write_text("keep me", encoding="utf-8")

    line = _one_line_error(run("export", "--db", str(clinic), "--patient", "1", "-o", str(target)))

    assert "--force" in line and str(target) in line
    assert target.read_text(encoding="utf-8") == "keep me"


def test_force_replaces_an_existing_file_whole_and_private(clinic: Path, tmp_path: Path) -> None:
    target = tmp_path / "record.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)

    result = run("export", "--db", str(clinic), "--patient", "1", "-o", str(target), "--force")

    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["patient"]["first_name"] == "Мария"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert folder_listing(tmp_path) == ["clinic", "record.json"]


def test_an_output_that_is_not_a_regular_file_is_refused_even_with_force(
    clinic: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    line = _one_line_error(
        run("export", "--db", str(clinic), "--patient", "1", "-o", str(fifo), "--force")
    )
    assert "regular file" in line and fifo.exists() and not fifo.is_file()


def test_an_empty_db_option_is_refused_rather_than_using_the_default(tmp_path: Path) -> None:
    out = tmp_path / "record.json"
    line = _one_line_error(run("--db", "", "export", "--patient", "1", "-o", str(out)))
    assert "--db" in line and not out.exists()


def test_an_output_in_a_missing_folder_names_the_path(clinic: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "record.json"
    line = _one_line_error(run("export", "--db", str(clinic), "--patient", "1", "-o", str(target)))
    assert str(target.parent) in line
    assert not target.parent.exists()


def test_a_screenshot_refuses_to_replace_the_database(clinic: Path) -> None:
    before = file_facts(clinic)
    line = _one_line_error(run("screenshot", str(clinic), "--db", str(clinic), "--force"))
    assert "database" in line and file_facts(clinic) == before


# --- bad values in one line ------------------------------------------------------------------


@pytest.mark.parametrize("size", ["10xabc", "100000x100000", "0x0", "-5x10", "800", "1e3x600"])
def test_a_bad_window_size_is_refused_in_one_line(clinic: Path, tmp_path: Path, size: str) -> None:
    shot = tmp_path / "window.png"
    line = _one_line_error(run("screenshot", str(shot), "--db", str(clinic), f"--size={size}"))
    assert "--size" in line and not shot.exists()


@pytest.mark.parametrize("value", ["abc", "0", "99999999999999999999999"])
def test_a_bad_id_is_refused_in_one_line(clinic: Path, tmp_path: Path, value: str) -> None:
    out = tmp_path / "record.json"
    line = _one_line_error(run("export", "--db", str(clinic), "--patient", value, "-o", str(out)))
    assert "--patient" in line and not out.exists()


def test_a_postgresql_url_with_a_bad_port_is_refused_in_one_line() -> None:
    line = _one_line_error(run("check", "--db", "postgresql+psycopg://meso@localhost:abc/clinic"))
    assert "port" in line


def test_a_path_that_is_not_valid_text_is_reported_in_one_line(tmp_path: Path) -> None:
    missing = os.fsencode(tmp_path) + b"/clinic-\xff\xfe.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "mesodesk", "check", "--db", missing],
        capture_output=True,
        timeout=60,
    )
    assert result.returncode != 0
    stderr = result.stderr.decode("utf-8", "replace").strip()
    assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr
    assert "not UTF-8" in stderr


def test_an_unknown_command_or_option_is_one_line() -> None:
    assert "unrecognized" in _one_line_error(
        run("export", "--patient", "1", "-o", "x.json", "--colour", "red")
    )
    assert "invalid choice" in _one_line_error(run("exprot"))


# --- files that are not the clinic's database, at the command line ---------------------------


def test_export_from_a_read_only_database_works_and_leaves_it_read_only(
    clinic: Path, tmp_path: Path
) -> None:
    clinic.chmod(0o400)
    before, listing = file_facts(clinic), folder_listing(clinic.parent)
    out = tmp_path / "record.json"

    result = run("export", "--db", str(clinic), "--patient", "1", "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert file_facts(clinic) == before and folder_listing(clinic.parent) == listing


def test_check_on_an_empty_file_fails(tmp_path: Path) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    path.touch()
    result = run("check", "--db", str(path))
    assert result.returncode == 1 and "empty" in result.stderr
    assert path.stat().st_size == 0


def test_a_half_upgraded_file_is_restored_and_the_user_told(tmp_path: Path) -> None:
    path = tmp_path / "clinic.sqlite3"
    make_database_at(sqlite_url(path), "0001", patients=1)
    old_style_backup(path, "before-0002-20260101-101010")
    interrupted_old_style_upgrade(path, creates_before_the_kill=2)
    assert run("check", "--db", str(path)).returncode == 1

    out = tmp_path / "record.json"
    result = run("export", "--db", str(path), "--patient", "1", "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert "interrupted upgrade" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert run("check", "--db", str(path)).returncode == 0
