"""Opening the clinic's database: choosing the URL, SQLite pragmas, file permissions, migrations.

Everything that can go wrong before the first query is turned into `DatabaseError` with a
message for the practitioner (and one line on stderr in the CLI).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from mesodesk import paths

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


class DatabaseError(Exception):
    """A problem with the database that the user must act on; the message says what to do."""


@dataclass(frozen=True)
class Database:
    """An open, migrated database: the engine and the factory every service opens sessions from."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    backup_path: Path | None = None

    @property
    def location(self) -> str:
        """Where the data is, for the status bar: a file path or host/db, never a password."""
        if self.url.get_backend_name() == "sqlite":
            return self.url.database or ":memory:"
        return self.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def resolve_url(cli_value: str | None, env: Mapping[str, str] = os.environ) -> str:
    """--db first, then MESODESK_DB, then the SQLite file in the user data folder."""
    if cli_value:
        return as_url(cli_value)
    if env.get("MESODESK_DB"):
        return as_url(env["MESODESK_DB"])
    return default_url()


def default_url(demo: bool = False) -> str:
    name = paths.DEMO_DB_FILENAME if demo else paths.DB_FILENAME
    return sqlite_url(paths.data_dir() / name)


def sqlite_url(path: Path) -> str:
    return URL.create("sqlite+pysqlite", database=str(path)).render_as_string()


def as_url(value: str) -> str:
    """Accept a full URL or, for convenience, a plain path to an SQLite file."""
    if "://" in value:
        return value
    return sqlite_url(Path(value).expanduser().resolve())


def parse_url(value: str) -> URL:
    try:
        url = make_url(value)
    except ArgumentError as exc:
        raise DatabaseError(f"'{value}' is not a database URL.") from exc
    backend = url.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise DatabaseError(
            f"Unsupported database URL scheme '{url.drivername}': use sqlite:///PATH "
            "or postgresql+psycopg://USER@HOST/DBNAME."
        )
    if backend == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def check_sqlite_file(path: Path, must_exist: bool = False) -> None:
    """Refuse a file that is not SQLite before SQLite touches it, so it is never modified."""
    if not path.exists():
        if must_exist:
            raise DatabaseError(f"No database file at {path}.")
        return
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"Cannot read {path}: {exc.strerror}.") from exc
    if header and header != SQLITE_HEADER:
        raise DatabaseError(f"{path} is not a MesoDesk database (not an SQLite file).")


def create_private_file(path: Path) -> None:
    """Make an empty database file readable by its owner only, in a folder only they can open."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)


def make_engine(url: URL) -> Engine:
    """An engine whose errors never quote the values bound (names, notes, allergies)."""
    try:
        if url.get_backend_name() == "sqlite":
            engine = create_engine(
                url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
            )
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(
            f"No driver for '{url.drivername}': install MesoDesk with the 'postgres' extra."
        ) from exc


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def open_database(url_text: str, migrate: bool = True) -> Database:
    """Open (creating if needed) and migrate the database at `url_text`.

    An existing SQLite database is copied next to itself before a migration changes it.
    """
    from mesodesk import migrations

    url = parse_url(url_text)
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path)
        create_private_file(path)
    engine = make_engine(url)
    backup: Path | None = None
    try:
        with engine.connect() as connection:
            state = migrations.schema_state(connection)
        if state.too_new:
            raise DatabaseError(
                f"This database was written by a newer version of MesoDesk (schema "
                f"{state.current}). Install the newer MesoDesk to open it; nothing was changed."
            )
        if state.foreign:
            raise DatabaseError(
                "This database belongs to another program (it has tables but no MesoDesk "
                "schema); nothing was changed."
            )
        if migrate and state.needs_upgrade:
            if path is not None and state.current is not None:
                backup = backup_sqlite(path, f"before-{state.head}")
            migrations.upgrade(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise DatabaseError(f"Cannot open the database: {_first_line(exc)}") from exc
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False), backup)


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy of the file (SQLite's online backup, WAL included), owner-only."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    create_private_file(target)
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def check_database(url_text: str) -> tuple[bool, str]:
    """The `mesodesk check` verdict: (healthy, one line for the user). Never modifies the file."""
    from mesodesk import migrations

    url = parse_url(url_text)
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path, must_exist=True)
        url = url.set(query={**url.query, "mode": "ro"}, database=f"file:{path}").update_query_dict(
            {"uri": "true"}
        )
    engine = create_engine(url) if path is not None else make_engine(url)
    try:
        with engine.connect() as connection:
            if path is not None:
                result = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
                healthy = result == ["ok"]
                detail = "integrity ok" if healthy else f"integrity check failed: {result[0]}"
            else:
                connection.exec_driver_sql("SELECT 1")
                healthy, detail = True, "connection ok"
            state = migrations.schema_state(connection)
    except (OperationalError, DBAPIError) as exc:
        return False, f"cannot read the database: {_first_line(exc)}"
    finally:
        engine.dispose()
    if state.too_new:
        return False, f"{detail}; schema {state.current} is newer than this MesoDesk"
    if state.foreign:
        return False, f"{detail}; not a MesoDesk database"
    revision = state.current or "empty"
    lag = "" if not state.needs_upgrade else f" (will be upgraded to {state.head})"
    return healthy, f"{detail}; schema revision {revision}{lag}"


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()


def _first_line(exc: Exception) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0] if str(original).strip() else type(exc).__name__
