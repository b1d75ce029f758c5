"""`mesodesk user` and `mesodesk audit` as a clinic runs them: real processes, real databases."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from mesodesk.db import Database
from mesodesk.services.registry import build_services
from tests.cli.test_cli_safety import _one_line_error

PASSWORD = "correct horse 1"


def mesodesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mesodesk", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        env=dict(os.environ),
    )


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def test_user_add_reads_the_password_from_standard_input(database):
    url = _url(database)
    added = mesodesk("user", "add", "anna", "--role", "reception", "--db", url, stdin=PASSWORD)
    assert added.returncode == 0, added.stderr
    assert "Added anna (reception)" in added.stdout
    window = build_services(database.sessions)
    assert window.users.sign_in("anna", PASSWORD).role.value == "reception"
    listed = mesodesk("user", "list", "--db", url)
    assert listed.stdout.split() == ["anna", "reception"]


@pytest.mark.parametrize(
    "given", [("--password", PASSWORD), ("--password=" + PASSWORD,), ("-p", PASSWORD)]
)
def test_a_password_given_as_an_argument_is_refused_and_nothing_is_added(sqlite_db, given):
    url = _url(sqlite_db)
    refused = mesodesk("user", "add", "anna", *given, "--db", url, stdin=PASSWORD)
    assert "never given on the command line" in _one_line_error(refused)
    assert not build_services(sqlite_db.sessions).users.any_users()


def test_passwd_and_disable_change_who_can_sign_in(sqlite_db):
    url = _url(sqlite_db)
    mesodesk("user", "add", "anna", "--db", url, stdin=PASSWORD)
    changed = mesodesk("user", "passwd", "anna", "--db", url, stdin="another one 2\n")
    assert changed.returncode == 0, changed.stderr
    build_services(sqlite_db.sessions).users.sign_in("anna", "another one 2")
    assert mesodesk("user", "disable", "anna", "--db", url).returncode == 0
    assert "(disabled)" in mesodesk("user", "list", "--db", url).stdout
    assert mesodesk("user", "lock-after", "5", "--db", url).returncode == 0
    assert build_services(sqlite_db.sessions).users.idle_minutes() == 5


def test_a_short_password_is_refused_in_one_line(sqlite_db):
    refused = mesodesk("user", "add", "anna", "--db", _url(sqlite_db), stdin="short")
    assert "at least 8 characters" in _one_line_error(refused)


def test_audit_verify_names_the_first_altered_entry_and_the_removed_one(database):
    url = _url(database)
    for name in ("anna", "boris", "vera", "gleb"):
        mesodesk("user", "add", name, "--db", url, stdin=PASSWORD)
    whole = mesodesk("audit", "--verify", "--db", url)
    assert whole.returncode == 0 and "4 entries" in whole.stdout
    listing = mesodesk("audit", "--db", url).stdout.splitlines()
    assert len(listing) == 4 and "create users#2" in listing[1] and PASSWORD not in "".join(listing)

    with database.engine.begin() as connection:
        connection.execute(text("UPDATE audit_entries SET fields = 'name' WHERE seq = 3"))
    altered = mesodesk("audit", "--verify", "--db", url)
    assert altered.returncode == 1
    assert "audit entry 3: its content was altered" in _one_line_error(altered)

    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entries WHERE seq IN (2, 3)"))
    removed = mesodesk("audit", "--verify", "--db", url)
    assert "audit entry 4: entries 2 to 3 are missing" in _one_line_error(removed)
