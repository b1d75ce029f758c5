"""Databases of older schema revisions, and the half-upgraded files older MesoDesk versions left.

Older versions ran the SQLite upgrade through the driver's implicit transactions: each
`CREATE TABLE` committed on its own, so a kill in between left some of the new tables and the
old revision number. `interrupted_old_style_upgrade` makes such a file the same way.
"""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text

from mesodesk import migrations
from mesodesk.db import sqlite_url

PATIENT_ROW = (
    "INSERT INTO patients (version, last_name, first_name, middle_name, sex, phone,"
    " email, address, language, notes, archived, sort_key, created_at, updated_at)"
    " VALUES (1, :last, :first, '', 'female', '', '', '', 'ru', '', false,"
    " :sort_key, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
)


FAILURE = "simulated failure"


def revisions() -> list[str]:
    """Every schema revision, oldest first."""
    scripts = ScriptDirectory.from_config(migrations.config())
    return [rev.revision for rev in reversed(list(scripts.walk_revisions()))]


def old_patients(count: int) -> list[tuple[str, str]]:
    return [(f"Петрова-{n:03d}", f"Анна-{n:03d}") for n in range(count)]


def add_old_patients(engine: Engine, count: int) -> list[tuple[str, str]]:
    """Patients as the first revision stores them, written straight into the table."""
    rows = old_patients(count)
    with engine.begin() as connection:
        for last, first in rows:
            connection.execute(
                text(PATIENT_ROW),
                {"last": last, "first": first, "sort_key": f"{last}\x1f{first}".casefold()},
            )
    return rows


def make_database_at(url: str, revision: str, patients: int = 5) -> list[tuple[str, str]]:
    """A database of an older revision holding `patients` patients (SQLite file or PostgreSQL)."""
    engine = create_engine(url)
    try:
        _plain_alembic_upgrade(engine, revision)
        return add_old_patients(engine, patients)
    finally:
        engine.dispose()


def interrupted_old_style_upgrade(path: Path, creates_before_the_kill: int) -> None:
    """Upgrade the file the way older versions did, failing after some `CREATE TABLE`s.

    A plain engine leaves the pysqlite driver in charge of transactions, which is what older
    versions did: every DDL statement commits by itself.
    """
    engine = create_engine(sqlite_url(path))
    try:
        with failing_statement(engine, "CREATE TABLE", creates_before_the_kill + 1):
            try:
                _plain_alembic_upgrade(engine, "head")
            except Exception as exc:  # the simulated failure, wrapped or not
                if not _caused_by_failure(exc):
                    raise
            else:
                raise AssertionError("the upgrade was expected to fail part way")
    finally:
        engine.dispose()


def old_style_backup(path: Path, label: str) -> Path:
    """The copy older versions made before an upgrade, under the name they gave it."""
    target = path.with_name(f"{path.name}.{label}.bak")
    source = sqlite3.connect(path)
    destination = sqlite3.connect(target)
    source.backup(destination)
    destination.close()
    source.close()
    target.chmod(0o600)
    return target


@contextmanager
def failing_statement(engine: Engine | type[Engine], prefix: str, nth: int) -> Iterator[None]:
    """Make the `nth` statement starting with `prefix` fail as a full or failing disk would:
    with the driver's own error, which is what the app sees then."""
    migrations.tables_by_revision()  # worked out on a database of its own, not to be failed
    seen = 0

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        nonlocal seen
        if statement.lstrip().upper().startswith(prefix):
            seen += 1
            if seen == nth:
                where = statement.split("(")[0].strip()
                raise conn.dialect.loaded_dbapi.OperationalError(f"{FAILURE} at {where}")

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", before)


def sqlite_tables(path: Path) -> set[str]:
    connection = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        connection.close()
    return {name for (name,) in rows}


def sqlite_indexes(path: Path) -> dict[str, str]:
    """The file's indexes by name, each with the SQL that made it (not the automatic ones)."""
    with sqlite3.connect(path) as connection:
        return dict(
            connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            ).fetchall()
        )


def sqlite_patients(path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT last_name, first_name FROM patients ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


def sqlite_revisions(path: Path) -> list[str]:
    connection = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    finally:
        connection.close()


def file_facts(path: Path) -> tuple[str, int]:
    """What "unchanged" means for a file: the same bytes and the same mode."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.S_IMODE(path.stat().st_mode)


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _plain_alembic_upgrade(engine: Engine, revision: str) -> None:
    cfg = migrations.config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def _caused_by_failure(exc: BaseException | None) -> bool:
    while exc is not None:
        if FAILURE in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
