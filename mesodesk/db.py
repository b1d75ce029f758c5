"""Opening the clinic's database: choosing the URL, SQLite files and pragmas, migrations.

Everything that can go wrong before the first query is turned into `DatabaseError` with a
message for the practitioner (and one line on stderr in the CLI). A file MesoDesk refuses is
left exactly as it was: it is looked at through a read-only connection first, and only a
MesoDesk database the user may write is ever opened for writing (switched to WAL, its mode
tightened, upgraded).

SQLite transactions are driven explicitly: the pysqlite driver would otherwise begin a
transaction only at the first INSERT/UPDATE/DELETE and let DDL commit by itself. Reads begin a
deferred transaction (one consistent snapshot); the service write gate asks for `BEGIN
IMMEDIATE`, so a check and the write it guards happen under the write lock.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import sqlite3
import stat
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from mesodesk import backup, migrations, paths
from mesodesk.domain.backups import newest_first
from mesodesk.migrations import WRITE_LOCK_OPTION, SchemaKind, SchemaState

__all__ = ["WRITE_LOCK_OPTION", "Database", "DatabaseError", "open_database"]

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
SQLITE_CACHE_KIB = 1024
"""Each SQLite connection's own page cache (SQLite's default is 2,000 KiB). The window and
its workers hold three connections, and the operating system caches the file for all of them:
a megabyte each keeps the pages a search or a patient touches twice, without three copies of
the rest."""
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
STALE_CREATION_SECONDS = 600
NOTHING_CHANGED = "nothing was changed"


class DatabaseError(Exception):
    """A problem with the database that the user must act on; the message says what to do."""


@dataclass(frozen=True)
class Database:
    """An open, migrated database: the engine and the factory every service opens sessions from."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    backup_path: Path | None = None
    """The copy kept from before this start's upgrade (or repair), if there was one."""
    notice: str | None = None
    """Something the user must be told about this start (a repaired file), for a banner."""
    read_only: bool = False
    path: Path | None = None
    """The SQLite file; None on a database server."""

    @property
    def location(self) -> str:
        """Where the data is, for the status bar: a file path or host/db, never a password."""
        if self.path is not None:
            return str(self.path)
        if self.url.get_backend_name() == "sqlite":
            return self.url.database or ":memory:"
        return self.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


# --- choosing the database ------------------------------------------------------------------


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
    try:
        return URL.create("sqlite+pysqlite", database=str(path)).render_as_string()
    except UnicodeEncodeError as exc:  # a Linux file name with bytes that are not UTF-8
        raise DatabaseError(
            f"The path {_shown(path)} holds bytes that are not UTF-8 text, which a database "
            "URL cannot carry; rename the file or folder."
        ) from exc


def as_url(value: str) -> str:
    """Accept a full URL or, for convenience, a plain path to an SQLite file."""
    if "://" in value:
        return value
    return sqlite_url(Path(value).expanduser().resolve())


def parse_url(value: str) -> URL:
    try:
        url = make_url(value)
        port = url.port
    except ArgumentError as exc:
        raise DatabaseError(f"'{_masked(value)}' is not a database URL.") from exc
    except ValueError as exc:  # what SQLAlchemy raises for host:port it cannot read
        raise DatabaseError(
            f"'{_masked(value)}' is not a database URL: its host and port cannot be read "
            "(the port must be a number, as in HOST:5432)."
        ) from exc
    backend = url.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise DatabaseError(
            f"Unsupported database URL scheme '{url.drivername}': use sqlite:///PATH "
            "or postgresql+psycopg://USER@HOST/DBNAME."
        )
    if port is not None and not 0 < port < 65536:
        raise DatabaseError(f"The database URL's port {port} is not a port number (1-65535).")
    if backend == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).absolute()


def database_files(path: Path) -> list[Path]:
    """The files that make up an SQLite database, and the copies MesoDesk keeps of it: its
    backups, and the `.bak` copies earlier versions kept beside it."""
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
    return [path, *companions, *_copies(path)]


def _copies(path: Path) -> list[Path]:
    place = backup.place_for(URL.create("sqlite"), path)
    kept = [
        place.folder / name
        for _, name in newest_first(backup.backups_in(place.folder), place.stem, place.suffix)
    ]
    older = sorted(path.parent.glob(f"{glob.escape(path.name)}.*.bak"))
    return [*kept, *older]


# --- opening -------------------------------------------------------------------------------


def open_database(
    url_text: str,
    migrate: bool = True,
    *,
    create: bool = True,
    allow_read_only: bool = False,
) -> Database:
    """Open and migrate the database at `url_text`.

    `create`: a missing SQLite file is created (else refused). `allow_read_only`: a database
    the user may not write (a read-only file or folder) is opened read-only instead of refused,
    for the commands that only read. An existing SQLite database is copied next to itself
    before an upgrade changes it.
    """
    url = parse_url(url_text)
    path = sqlite_path(url)
    if path is None:
        return _open_server(url, migrate)
    return _open_sqlite(url, path, migrate, create, allow_read_only)


def upgrade_restored(url_text: str) -> None:
    """Bring a restored database to the current revision in one transaction, with no copy
    kept: the backup it came from is that copy."""
    engine = make_engine(parse_url(url_text))
    try:
        _prepare_schema(engine, None, migrate=True, keep_copy=False)
    finally:
        engine.dispose()


def _open_server(url: URL, migrate: bool) -> Database:
    engine = make_engine(url)
    try:
        copy, notice = _prepare_schema(engine, None, migrate)
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, _sessions(engine), copy, notice)


def _open_sqlite(
    url: URL, path: Path, migrate: bool, create: bool, allow_read_only: bool
) -> Database:
    if not os.path.lexists(path):
        if not create:
            raise DatabaseError(
                f"No database file at {_shown(path)}; nothing was created. Check the path, "
                "or add --create to start a new database there."
            )
        _create_sqlite(path)
    state = inspect_sqlite_file(path)
    if not state.usable and not state.interrupted:
        raise DatabaseError(_refusal(path, state))
    problem = _write_problem(path)
    if problem is not None:
        if not allow_read_only:
            raise DatabaseError(f"{problem}; {NOTHING_CHANGED}.")
        if state.kind is not SchemaKind.CURRENT:
            raise DatabaseError(
                f"{problem}, and the database needs "
                f"{'a repair' if state.interrupted else 'an upgrade'} first, which needs "
                f"write access; {NOTHING_CHANGED}."
            )
        engine = _sqlite_engine(path, read_only=True)
        return Database(url, engine, _sessions(engine), read_only=True, path=path)
    _keep_private(path)
    engine = _sqlite_engine(path, read_only=False)
    try:
        copy, notice = _prepare_schema(engine, path, migrate)
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, _sessions(engine), copy, notice, path=path)


def _sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _prepare_schema(
    engine: Engine, path: Path | None, migrate: bool, keep_copy: bool = True
) -> tuple[Path | None, str | None]:
    """Create, repair or upgrade the schema in one transaction; (copy kept, notice).

    Before an upgrade a copy of the database is kept in its backups folder (an SQLite file
    is given as `path`; a server database is dumped), unless `keep_copy` is False.
    """
    try:
        with engine.connect() as connection:
            state = migrations.schema_state(connection)
            unbuilt = (
                migrations.missing_indexes(connection)
                if migrate and path is not None and state.kind is SchemaKind.CURRENT
                else []
            )
        if not migrate or state.kind is SchemaKind.CURRENT:
            if not state.usable:
                raise DatabaseError(_refusal(path, state))
            if unbuilt:  # a bulk demo fill killed before it built them
                with migrations.schema_transaction(engine) as connection:
                    migrations.make_indexes(connection, unbuilt)
            return None, None
        made: list[Path] = []
        try:
            with migrations.schema_transaction(engine) as connection:
                state = migrations.schema_state(connection)  # again, now that it is ours
                copy: Path | None = None
                notice: str | None = None
                if state.interrupted:
                    copy, notice = _finish_interrupted(connection, path, state, made)
                    state = migrations.schema_state(connection)
                if not state.usable:
                    raise DatabaseError(_refusal(path, state))
                if state.needs_upgrade:
                    if keep_copy and state.current is not None and copy is None:
                        label = f"before-{state.head}"
                        if path is not None:
                            copy = _backup_sqlite(path, label)
                        elif engine.dialect.name == "postgresql":
                            copy, notice = _backup_postgres(engine.url, label)
                        if copy is not None:
                            made.append(copy)
                    migrations.run_upgrade(connection)
        except BaseException:
            for made_copy in made:  # the database is as it was: a copy of it says nothing new
                made_copy.unlink(missing_ok=True)
            raise
        return copy, notice
    except migrations.SchemaChangeFailed as exc:
        raise DatabaseError(f"Cannot upgrade the database: {exc}.") from exc
    except DBAPIError as exc:
        raise DatabaseError(f"Cannot open the database: {_first_line(exc)}") from exc
    except backup.BackupError as exc:
        raise DatabaseError(
            f"Cannot keep a copy of the database before its upgrade: {exc}"
        ) from exc
    except OSError as exc:
        raise DatabaseError(f"Cannot keep a copy of the database: {_os_reason(exc)}") from exc


def _finish_interrupted(
    connection: Connection, path: Path | None, state: SchemaState, made: list[Path]
) -> tuple[Path | None, str]:
    """Undo what an earlier version's interrupted creation or upgrade left, if no record can
    be lost by it: the tables it left must be empty. Returns (copy it matches, notice)."""
    holding = migrations.tables_hold_rows(connection, state.unfinished_tables)
    if holding:
        raise DatabaseError(_unrepairable(path, state, holding))
    if state.kind is SchemaKind.HALF_CREATED:
        migrations.drop_tables(connection, state.unfinished_tables)
        return None, (
            "This database's first creation by an earlier MesoDesk version had been "
            "interrupted; it held no records and was set up again."
        )
    copy = _matching_copy(path, state) if path is not None else None
    if copy is None and path is not None:
        copy = _backup_sqlite(path, f"half-upgraded-{state.current}")
        made.append(copy)
    migrations.drop_tables(connection, state.unfinished_tables)
    if copy is not None and copy not in made:
        told = (
            f"It was restored to its copy {copy.name}, made before that upgrade, and "
            "upgraded again; nothing recorded was lost."
        )
    else:
        kept = f" A copy of the file as it was is kept at {copy.name}." if copy else ""
        told = (
            "The empty tables the interrupted upgrade left were removed and the upgrade run "
            f"again; nothing recorded was lost.{kept}"
        )
    return copy, (
        "This database had been left half-upgraded by an interrupted upgrade of an earlier "
        f"MesoDesk version. {told}"
    )


def _matching_copy(path: Path, state: SchemaState) -> Path | None:
    """The newest copy of the file that holds exactly its records at its revision."""
    if state.current is None:
        return None
    expected = migrations.tables_by_revision()[state.current]
    candidates = sorted(_copies(path), key=lambda p: p.stat().st_mtime, reverse=True)
    for candidate in candidates:
        with contextlib.suppress(DatabaseError, sqlite3.Error, OSError):
            if _same_records(candidate, path, state.current, expected):
                return candidate
    return None


def _same_records(copy: Path, path: Path, revision: str, tables: frozenset[str]) -> bool:
    _check_sqlite_header(copy)
    connection = sqlite3.connect(_read_only_uri(copy), uri=True)
    try:
        if connection.execute("PRAGMA quick_check").fetchone() != ("ok",):
            return False
        found = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        versions = [v for (v,) in connection.execute("SELECT version_num FROM alembic_version")]
        if versions != [revision] or found - {migrations.VERSION_TABLE} != tables:
            return False
        connection.execute("ATTACH DATABASE ? AS live", (_read_only_uri(path),))
        for table in sorted(tables):
            for first, second in (("main", "live"), ("live", "main")):
                differs = connection.execute(
                    f'SELECT 1 FROM (SELECT * FROM {first}."{table}" '
                    f'EXCEPT SELECT * FROM {second}."{table}") LIMIT 1'
                ).fetchone()
                if differs is not None:
                    return False
        return True
    finally:
        connection.close()


def _unrepairable(path: Path | None, state: SchemaState, holding: list[str]) -> str:
    return (
        f"{_where(path)} cannot be opened: {state.problem}, and the unfinished tables "
        f"({', '.join(holding)}) hold records, so it cannot be repaired automatically. "
        f"{NOTHING_CHANGED.capitalize()}; keep the file and ask for support."
    )


def _refusal(path: Path | None, state: SchemaState) -> str:
    where = _where(path)
    if state.kind is SchemaKind.TOO_NEW:
        return (
            f"This database was written by a newer version of MesoDesk (schema "
            f"{state.current}). Install the newer MesoDesk to open it; {NOTHING_CHANGED}."
        )
    if state.kind is SchemaKind.FOREIGN:
        return (
            f"{where} belongs to another program, not MesoDesk ({state.problem}); "
            f"{NOTHING_CHANGED}."
        )
    return f"{where} cannot be opened: {state.problem}. {NOTHING_CHANGED.capitalize()}."


def _where(path: Path | None) -> str:
    return _shown(path) if path is not None else "The database"


# --- SQLite files --------------------------------------------------------------------------


def inspect_sqlite_file(path: Path) -> SchemaState:
    """What the file holds, read without changing a byte of it (or its mode, or its folder)."""
    _check_sqlite_header(path)
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Cannot read {_shown(path)}: {exc}.") from exc
    try:
        tables = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        versions: list[str] | None = None
        if migrations.VERSION_TABLE in tables:
            try:
                rows = connection.execute("SELECT version_num FROM alembic_version")
                versions = [str(v) for (v,) in rows]
            except sqlite3.Error:
                versions = ["(unreadable)"]
        state = migrations.classify(versions, tables - {migrations.VERSION_TABLE})
        if state.interrupted:
            holding = [
                name
                for name in sorted(state.unfinished_tables)
                if connection.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() is not None
            ]
            if holding:
                raise DatabaseError(_unrepairable(path, state, holding))
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{_shown(path)} cannot be read as a database: {exc}.") from exc
    finally:
        connection.close()
    return state


def _check_sqlite_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite touches it, so it is never modified."""
    if not os.path.lexists(path):
        raise DatabaseError(f"No database file at {_shown(path)}.")
    if path.is_dir():
        raise DatabaseError(f"{_shown(path)} is a folder, not a database file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"Cannot read {_shown(path)}: {_os_reason(exc)}.") from exc
    if not header:
        raise DatabaseError(
            f"{_shown(path)} is an empty file, not a MesoDesk database; {NOTHING_CHANGED}."
        )
    if header != SQLITE_HEADER:
        raise DatabaseError(
            f"{_shown(path)} is not a MesoDesk database (not an SQLite file); {NOTHING_CHANGED}."
        )


def _read_only_uri(path: Path) -> str:
    """A URI that reads the file without writing anything, beside it included.

    Without a WAL or rollback journal beside it nobody is writing it (a writer of a WAL database
    keeps its -wal file while open), so it is read as immutable: no -shm/-wal files are made,
    and a read-only folder is no obstacle. Otherwise SQLite must read the journal too.
    """
    busy = any(
        os.path.lexists(path.with_name(path.name + suffix)) for suffix in ("-wal", "-journal")
    )
    return path.as_uri() + ("?mode=ro" if busy else "?mode=ro&immutable=1")


def _write_problem(path: Path) -> str | None:
    """Why MesoDesk may not write this database, naming the real cause; None if it may."""
    for target, what in ((path, "file"), (path.parent, "folder")):
        mode = target.stat().st_mode
        if not (os.access(target, os.W_OK) and mode & stat.S_IWUSR):
            rights = stat.filemode(mode)[1:]
            if what == "file":
                return f"The database file {_shown(path)} is read-only ({rights})"
            return (
                f"The folder {_shown(target)} is read-only ({rights}) and SQLite needs to "
                "write its journal files beside the database"
            )
    return None


def _keep_private(path: Path) -> None:
    """Take away what group and others may do with the clinic's file; never add a right."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        os.chmod(path, mode & ~0o077)


def _create_sqlite(path: Path) -> None:
    """A new database, created whole under a temporary name and then put in place.

    A kill at any moment leaves either no database or a complete one. When two workstations
    create the same file at once, the first one's file is kept and the other one opens it.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _remove_stale_creations(path)
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".creating")
        os.close(handle)
    except OSError as exc:
        raise DatabaseError(f"Cannot create {_shown(path)}: {_os_reason(exc)}.") from exc
    temporary = Path(name)
    try:
        engine = _sqlite_engine(temporary, read_only=False)
        try:
            _prepare_schema(engine, None, migrate=True)
        finally:
            engine.dispose()
        paths.fsync_file(temporary)
        _put_in_place(temporary, path)
    except OSError as exc:
        raise DatabaseError(f"Cannot create {_shown(path)}: {_os_reason(exc)}.") from exc
    finally:
        for leftover in _sqlite_set(temporary):
            leftover.unlink(missing_ok=True)


def _put_in_place(temporary: Path, path: Path) -> None:
    """Give the finished file its name unless a file of that name appeared meanwhile."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        return  # another workstation created it at the same moment: theirs is used
    except OSError:
        # no hard links here (some network shares): the best remaining is a check, then rename
        if os.path.lexists(path):
            return
        os.replace(temporary, path)
    paths.fsync_folder(path.parent)


def _remove_stale_creations(path: Path) -> None:
    """Files of creations killed long ago (never one in progress: those are seconds old)."""
    limit = time.time() - STALE_CREATION_SECONDS
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.creating*"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()


def _sqlite_set(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))]


def _backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy of the file into its backups folder (see `mesodesk.backup`), 0600.

    Made while the schema lock is held, under a temporary name first: a kill leaves no
    half-copy under a backup's name.
    """
    return backup.make_backup(URL.create("sqlite"), path, datetime.now(), label)


def _backup_postgres(url: URL, label: str) -> tuple[Path | None, str | None]:
    """A pg_dump of the server database before its upgrade: (the dump, or why there is none).

    Best effort: without the PostgreSQL client programs the upgrade goes ahead (it is one
    transaction, so it fails whole or not at all) and the window says no copy was kept.
    """
    try:
        return backup.make_backup(url, None, datetime.now(), label), None
    except (backup.BackupError, OSError) as exc:
        reason = str(exc) if isinstance(exc, backup.BackupError) else _os_reason(exc)
        return None, f"No copy of the database was kept before its upgrade: {reason}"


# --- engines -------------------------------------------------------------------------------


def make_engine(url: URL) -> Engine:
    """An engine whose errors never quote the values bound (names, notes, allergies)."""
    path = sqlite_path(url)
    if path is not None:
        return _sqlite_engine(path, read_only=False)
    from mesodesk.models.marks import for_postgresql

    for_postgresql()
    try:
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(
            f"No driver for '{url.drivername}': install MesoDesk with the 'postgres' extra."
        ) from exc


def _sqlite_engine(path: Path, read_only: bool) -> Engine:
    """Connections by URI, so any file name works and nothing is created by accident."""
    uri = _read_only_uri(path) if read_only else path.as_uri() + "?mode=rw"
    target, _, query = uri.partition("?")
    options = dict(item.split("=", 1) for item in query.split("&"))
    url = URL.create("sqlite+pysqlite", database=target, query={**options, "uri": "true"})
    engine = create_engine(
        url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
    )
    event.listen(engine, "connect", _sqlite_read_only_pragmas if read_only else _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun explicitly (_sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def _sqlite_read_only_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    raw = connection.connection.driver_connection
    if isinstance(raw, sqlite3.Connection) and raw.in_transaction:
        return  # begun already (a schema change begins its own)
    write = connection.get_execution_options().get(WRITE_LOCK_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


# --- checking ------------------------------------------------------------------------------


def check_database(url_text: str) -> tuple[bool, str]:
    """The `mesodesk check` verdict: (healthy, one line for the user). Never modifies anything,
    not even the folder: a healthy database in a read-only folder is reported healthy."""
    try:
        url = parse_url(url_text)
        path = sqlite_path(url)
        if path is not None:
            _check_sqlite_header(path)
            engine = _sqlite_engine(path, read_only=True)
        else:
            engine = make_engine(url)
    except DatabaseError as exc:
        return False, _without_reassurance(str(exc))
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
            unbuilt = (
                migrations.missing_indexes(connection) if state.kind is SchemaKind.CURRENT else []
            )
    except DBAPIError as exc:
        return False, f"cannot read the database: {_first_line(exc)}"
    finally:
        engine.dispose()
    if state.kind is SchemaKind.NEW:
        return False, f"{detail}; an empty database, with no MesoDesk tables"
    if state.kind is SchemaKind.FOREIGN:
        return False, f"{detail}; not a MesoDesk database: {state.problem}"
    if not state.usable:
        return False, f"{detail}; {state.problem}"
    lag = "" if not state.needs_upgrade else f" (will be upgraded to {state.head})"
    if unbuilt:
        lag += (
            f"; {len(unbuilt)} indexes missing, which slows searches (a demo fill stopped "
            "before its end leaves them so): opening the database builds them"
        )
    return healthy, f"{detail}; schema revision {state.current}{lag}"


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()


# --- words ---------------------------------------------------------------------------------


def _shown(value: object) -> str:
    """A path or URL as text that can always be printed (undecodable bytes escaped)."""
    text = os.fspath(value) if isinstance(value, os.PathLike) else str(value)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _masked(url: str) -> str:
    """A URL that could not be parsed, shown without the password it may hold."""
    return _shown(re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url))


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"{reason} ({_shown(exc.filename)})" if exc.filename else reason


def _without_reassurance(message: str) -> str:
    for ending in (f"; {NOTHING_CHANGED}.", f" {NOTHING_CHANGED.capitalize()}."):
        if message.endswith(ending):
            return message[: -len(ending)]
    return message.rstrip(".")


def _first_line(exc: Exception) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0] if str(original).strip() else type(exc).__name__
