"""The patient list's first page, read straight from an SQLite file while the database is still
being opened, so the list shows at once.

Opening the database for the services (SQLAlchemy, the upgrade check, the catalog) takes
seconds at clinic scale; the first page is one indexed query. It is read here with the standard
library's sqlite3 over a read-only connection, only when it is certainly what the full list will
show and may be shown: a MesoDesk database at the current revision, writable (the window refuses
a read-only one), with patients and without users (then nobody sees a patient before signing
in). Anything else answers None and the window waits for the full opening, which explains it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

from mesodesk import revisions
from mesodesk.domain.patient import PatientRow, full_name

PAGE_SIZE = 200
"""Patients on one page of the list (the service's pages and the window's list)."""
SQLITE_HEADER = b"SQLite format 3\x00"

_FIRST_PAGE = (
    "SELECT id, last_name, first_name, middle_name, birth_date, phone, last_visit_on, "
    "archived, sort_key FROM patients WHERE archived = 0 ORDER BY sort_key, id LIMIT ?"
)
"""The list's first page as `PatientService.search("")` reads it (a test holds them equal)."""


def read_first_page(path: Path, limit: int = PAGE_SIZE) -> list[PatientRow] | None:
    """The first page of the list (archived patients hidden), or None when it must wait for
    the full opening (see the module's docstring); never raises for a file it cannot read."""
    if not _plain_writable_sqlite(path):
        return None
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        if not _current_and_open(connection):
            return None
        rows = [_row(r) for r in connection.execute(_FIRST_PAGE, (limit,))]
    except (sqlite3.Error, ValueError, revisions.BrokenMigrations):
        return None
    finally:
        connection.close()
    return rows or None


def _plain_writable_sqlite(path: Path) -> bool:
    """An SQLite file that the window's opening would not refuse as read-only (the same test
    as the database layer's: the owner's write bit, and access, of the file and its folder)."""
    try:
        if not path.is_file():
            return False
        for target in (path, path.parent):
            if not (os.access(target, os.W_OK) and target.stat().st_mode & stat.S_IWUSR):
                return False
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _read_only_uri(path: Path) -> str:
    """Read without writing a byte beside the file: as immutable when no journal shows that
    someone is writing it (as the start-up check reads it), else through the journal."""
    busy = any(
        os.path.lexists(path.with_name(path.name + suffix)) for suffix in ("-wal", "-journal")
    )
    return path.as_uri() + ("?mode=ro" if busy else "?mode=ro&immutable=1")


def _current_and_open(connection: sqlite3.Connection) -> bool:
    """At the shipped head revision (so no upgrade is due) and with no active user to sign in."""
    versions = [v for (v,) in connection.execute(f"SELECT version_num FROM {_VERSIONS}")]
    if versions != [revisions.revisions()[-1]]:
        return False
    signing_in = connection.execute("SELECT 1 FROM users WHERE disabled = 0 LIMIT 1").fetchone()
    return signing_in is None


_VERSIONS = revisions.VERSION_TABLE


def _row(r: tuple[int, str, str, str, str | None, str, str | None, int, str]) -> PatientRow:
    ident, last, first, middle, born, phone, visited, archived, sort_key = r
    return PatientRow(
        id=ident,
        name=full_name(last, first, middle),
        birth_date=_date(born),
        phone=phone,
        last_visit_on=_date(visited),
        archived=bool(archived),
        sort_key=sort_key,
    )


def _date(stored: str | None) -> date | None:
    return None if stored is None else date.fromisoformat(stored)
