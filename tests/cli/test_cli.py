"""The `mesodesk` command as a user runs it: real processes, real files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mesodesk import __version__


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mesodesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_help_documents_every_command_and_option():
    result = run("--help")
    assert result.returncode == 0
    for word in ["--db", "--demo", "--version", "demo", "check", "screenshot", "MESODESK_DB"]:
        assert word in result.stdout
    demo_help = run("demo", "--help").stdout
    assert "--patients" in demo_help and "--seed" in demo_help


def test_version_prints_the_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"mesodesk {__version__}"


def test_demo_fills_a_database_reproducibly_for_a_seed(tmp_path):
    names = []
    for name in ("a.sqlite3", "b.sqlite3"):
        path = tmp_path / name
        result = run("demo", "--db", f"sqlite:///{path}", "--patients", "40", "--seed", "7")
        assert result.returncode == 0, result.stderr
        assert "Added 40 demo patients" in result.stdout
        connection = sqlite3.connect(path)
        names.append(
            connection.execute(
                "SELECT last_name, first_name, birth_date, phone FROM patients ORDER BY id"
            ).fetchall()
        )
        connection.close()
    assert names[0] == names[1] and len(names[0]) == 40
    scripts = {any("а" <= ch <= "я" for ch in last.lower()) for last, *_ in names[0]}
    assert scripts == {True, False}, "demo patients have Russian and English names"


def test_a_russian_demo_has_only_russian_patients_with_russian_notes(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    result = run("demo", "--db", str(path), "--patients", "40", "--seed", "7", "--language", "ru")
    assert result.returncode == 0, result.stderr
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT last_name, language, notes FROM patients").fetchall()
    practitioners = {p for (p,) in connection.execute("SELECT DISTINCT practitioner FROM visits")}
    connection.close()
    assert len(rows) == 40
    assert all(any("а" <= ch <= "я" for ch in last.lower()) for last, _, _ in rows)
    assert {language for _, language, _ in rows} == {"ru"}
    assert all(not notes or any("а" <= ch <= "я" for ch in notes.lower()) for *_, notes in rows)
    assert practitioners and all(any("а" <= ch <= "я" for ch in p.lower()) for p in practitioners)


def test_check_reports_a_healthy_database_and_exits_zero(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    assert run("demo", "--db", str(path), "--patients", "3").returncode == 0
    result = run("check", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "integrity ok" in result.stdout and "schema revision" in result.stdout


def test_check_on_a_file_that_is_not_a_database_fails_with_one_line_and_no_change(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 2000)
    before = digest(path)
    result = run("check", "--db", str(path))
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "not a MesoDesk database" in result.stderr
    assert digest(path) == before


def test_check_on_a_missing_file_fails_and_creates_nothing(tmp_path):
    path = tmp_path / "missing.sqlite3"
    result = run("check", "--db", str(path))
    assert result.returncode != 0 and "No database file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not path.exists()


@pytest.mark.parametrize("url", ["mysql://clinic@localhost/meso", "redis://localhost/0"])
def test_an_unknown_url_scheme_fails_with_one_clear_line(url):
    result = run("check", "--db", url)
    assert result.returncode != 0
    assert (
        result.stderr.strip().splitlines() == [result.stderr.strip()]
        and "Unsupported database URL scheme" in result.stderr
    )


def test_the_environment_variable_chooses_the_database(tmp_path):
    path = tmp_path / "from-env.sqlite3"
    assert run("demo", "--db", str(path), "--patients", "2").returncode == 0
    shot = tmp_path / "window.png"
    result = run("screenshot", str(shot), env={"MESODESK_DB": f"sqlite:///{path}"})
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_screenshot_renders_the_window_with_a_patient_open(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    assert run("demo", "--db", str(path), "--patients", "30").returncode == 0
    shot = tmp_path / "shots" / "window.png"
    shot.parent.mkdir()
    result = run("screenshot", str(shot), "--db", str(path), "--patient", "3", "--size", "1200x800")
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1200, 800)


def test_screenshot_of_an_unknown_patient_is_a_clear_error(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    assert run("demo", "--db", str(path), "--patients", "2").returncode == 0
    result = run("screenshot", str(tmp_path / "x.png"), "--db", str(path), "--patient", "999")
    assert result.returncode != 0 and "no patient with id 999" in result.stderr


def test_a_screenshot_shows_patients_so_it_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    assert run("demo", "--db", str(path), "--patients", "3").returncode == 0
    shot = tmp_path / "window.png"
    assert run("screenshot", str(shot), "--db", str(path)).returncode == 0
    assert shot.stat().st_mode & 0o777 == 0o600
