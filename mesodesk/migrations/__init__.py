"""Alembic migrations shipped inside the package, run from code at start (no alembic.ini).

Every change of the schema, the first creation included, is one transaction: a kill at any
moment leaves the schema as it was or as it should be, never in between. PostgreSQL has
transactional DDL; on SQLite the pysqlite driver's own transaction handling (which lets each
`CREATE TABLE` commit by itself) is switched off and the transaction is begun explicitly.
The same transaction holds a lock that makes every other workstation's upgrade wait its turn.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from mesodesk.revisions import VERSION_TABLE as VERSION_TABLE
from mesodesk.revisions import BrokenMigrations
from mesodesk.revisions import revisions as shipped_revisions

if TYPE_CHECKING:
    from alembic.config import Config

FOLDER = Path(__file__).resolve().parent
BATCH_COPY_PREFIX = "_alembic_tmp_"
POSTGRES_LOCK_KEY = 0x4D65736F4465736B  # "MesoDesk": one schema change at a time per database
WRITE_LOCK_OPTION = "mesodesk_write_lock"
"""Execution option asking an SQLite transaction to take the write lock when it begins."""


class SchemaKind(Enum):
    NEW = "new"
    """No tables at all yet: MesoDesk creates its schema."""
    CURRENT = "current"
    OLDER = "older"
    """A MesoDesk schema of an older revision: upgraded at start."""
    TOO_NEW = "too new"
    FOREIGN = "foreign"
    HALF_CREATED = "half created"
    """Some MesoDesk tables but no revision: an older version's first creation was killed."""
    HALF_UPGRADED = "half upgraded"
    """An older revision plus tables of later ones: an older version's upgrade was killed."""
    DAMAGED = "damaged"


@dataclass(frozen=True)
class SchemaState:
    kind: SchemaKind
    current: str | None
    head: str
    problem: str = ""
    """What is wrong, as a sentence for the user, for the kinds that are not usable as they are."""
    unfinished_tables: frozenset[str] = field(default_factory=frozenset)
    """Tables an interrupted creation or upgrade left behind, which a repair removes."""

    @property
    def too_new(self) -> bool:
        return self.kind is SchemaKind.TOO_NEW

    @property
    def foreign(self) -> bool:
        return self.kind is SchemaKind.FOREIGN

    @property
    def interrupted(self) -> bool:
        return self.kind in (SchemaKind.HALF_CREATED, SchemaKind.HALF_UPGRADED)

    @property
    def needs_upgrade(self) -> bool:
        return self.kind in (SchemaKind.NEW, SchemaKind.OLDER)

    @property
    def usable(self) -> bool:
        return self.kind in (SchemaKind.NEW, SchemaKind.OLDER, SchemaKind.CURRENT)


class SchemaChangeFailed(Exception):
    """The schema change was rolled back; the message says why."""


def config() -> Config:
    from alembic.config import Config  # ~180 ms: only when the schema is changed

    cfg = Config()
    cfg.set_main_option("script_location", str(FOLDER))
    return cfg


@cache
def revisions() -> tuple[str, ...]:
    """Every revision, oldest first (see `mesodesk.revisions`: no Alembic needed)."""
    try:
        return shipped_revisions()
    except BrokenMigrations as exc:
        raise SchemaChangeFailed(str(exc)) from exc


def head_revision() -> str:
    names = revisions()
    if not names:  # pragma: no cover - the package always ships its migrations
        raise SchemaChangeFailed("MesoDesk's migrations are missing from this installation.")
    return names[-1]


@cache
def tables_by_revision() -> dict[str, frozenset[str]]:
    """The tables each revision has, found by running the migrations on an in-memory database."""
    engine = create_engine("sqlite://")
    tables: dict[str, frozenset[str]] = {}
    try:
        with engine.connect() as connection:
            for revision in revisions():
                _run_alembic(connection, revision)
                connection.commit()
                names = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
                tables[revision] = frozenset(names)
    finally:
        engine.dispose()
    return tables


def head_tables() -> frozenset[str]:
    """The newest revision's tables, which the models describe (a test holds them equal)."""
    from mesodesk.models import Base

    return frozenset(Base.metadata.tables)


def schema_state(connection: Connection) -> SchemaState:
    """Which schema the database holds, read without changing anything."""
    tables = {t for t in inspect(connection).get_table_names() if not t.startswith("sqlite_")}
    versions: list[str] | None = None
    if VERSION_TABLE in tables:
        try:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
            versions = [str(v) for v in rows]
        except DBAPIError:
            versions = ["(unreadable)"]
    return classify(versions, tables - {VERSION_TABLE})


def missing_indexes(connection: Connection) -> list[str]:
    """The names of the newest revision's indexes the database lacks, on tables it has.

    A bulk demo fill builds the name-ordered indexes once at its end; a fill killed before
    that leaves every record whole but searches that read every patient. Opening the file
    makes them again (`make_indexes`)."""
    from mesodesk.models import Base

    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    present = _index_names(connection, tables)
    return sorted(
        index.name
        for table in Base.metadata.tables.values()
        if table.name in tables
        for index in table.indexes
        if index.name is not None and index.name not in present
    )


def make_indexes(connection: Connection, names: Iterable[str]) -> None:
    """Create those of the named indexes of the newest revision that the database lacks, as
    its models describe them."""
    from mesodesk.models import Base

    wanted = set(names) - _index_names(connection, set(inspect(connection).get_table_names()))
    for table in Base.metadata.tables.values():
        for index in table.indexes:
            if index.name in wanted:
                index.create(connection)


def _index_names(connection: Connection, tables: set[str]) -> set[str]:
    """The indexes the database has, expression indexes included (which SQLAlchemy's
    reflection skips on SQLite): read from SQLite's schema table in one go."""
    if connection.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'index'"
        return {str(name) for name in connection.exec_driver_sql(query).scalars()}
    inspector = inspect(connection)
    return {str(index["name"]) for table in tables for index in inspector.get_indexes(table)}


def classify(versions: list[str] | None, tables: Iterable[str]) -> SchemaState:
    """The schema state from the rows of the version table (None: no such table) and the
    other tables."""
    head = head_revision()
    tables = frozenset(tables)
    ours = head_tables() | {t for t in tables if t.startswith(BATCH_COPY_PREFIX)}
    known = set(revisions())
    rows = list(versions or [])

    if not rows:
        if not tables:
            return SchemaState(SchemaKind.NEW, None, head)
        if tables <= ours:
            return SchemaState(
                SchemaKind.HALF_CREATED,
                None,
                head,
                "its first creation by an earlier MesoDesk version was interrupted (it has "
                "MesoDesk tables but no schema revision)",
                tables,
            )
        return SchemaState(SchemaKind.FOREIGN, None, head, "it has tables but no MesoDesk schema")
    unknown = [v for v in rows if v not in known]
    if unknown:
        if len(rows) == 1 and head_tables() <= tables:
            return SchemaState(
                SchemaKind.TOO_NEW,
                rows[0],
                head,
                f"it was written by a newer version of MesoDesk (schema {rows[0]})",
            )
        return SchemaState(
            SchemaKind.FOREIGN,
            ", ".join(rows),
            head,
            "it belongs to another program (its schema revision is not one of MesoDesk's)",
        )
    if len(rows) > 1:
        return SchemaState(
            SchemaKind.DAMAGED,
            None,
            head,
            f"its schema version table holds {len(rows)} revisions ({', '.join(rows)}) "
            "instead of one; it was edited by hand or by another program",
        )
    current = rows[0]
    expected = tables_by_revision()[current] if current != head else head_tables()
    missing = expected - tables
    if missing:
        return SchemaState(
            SchemaKind.DAMAGED,
            current,
            head,
            f"tables of schema {current} are missing: {', '.join(sorted(missing))}",
        )
    later = _later_tables(current) | {t for t in tables if t.startswith(BATCH_COPY_PREFIX)}
    unfinished = (tables - expected) & later
    if unfinished:
        return SchemaState(
            SchemaKind.HALF_UPGRADED,
            current,
            head,
            f"an interrupted upgrade of an earlier MesoDesk version left it half-upgraded "
            f"(schema {current} with {len(unfinished)} table(s) of a later one)",
            frozenset(unfinished),
        )
    kind = SchemaKind.CURRENT if current == head else SchemaKind.OLDER
    return SchemaState(kind, current, head)


def _later_tables(revision: str) -> frozenset[str]:
    """The tables only later revisions have; none for the newest, found without running the
    migrations (a current database opens without importing Alembic)."""
    names = revisions()
    later = names[names.index(revision) + 1 :]
    if not later:
        return frozenset()
    by_revision = tables_by_revision()
    found: set[str] = set()
    for name in later:
        found |= by_revision[name]
    return frozenset(found) - by_revision.get(revision, frozenset())


@contextmanager
def schema_transaction(engine: Engine) -> Iterator[Connection]:
    """One connection in one transaction that holds the schema lock; committed on success.

    SQLite: foreign keys are off while Alembic's batch mode copies a table (its DROP would
    otherwise cascade to every row pointing at it) and checked before the commit instead.
    """
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            with _sqlite_transaction(connection):
                yield connection
        else:
            with connection.begin():
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_LOCK_KEY}
                )
                yield connection


@contextmanager
def _sqlite_transaction(connection: Connection) -> Iterator[None]:
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    previous = raw.isolation_level
    raw.isolation_level = None  # no implicit BEGIN/COMMIT by the driver: we drive it
    try:
        raw.execute("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction: set it first
        raw.execute("BEGIN IMMEDIATE")
        with connection.begin():  # the transaction above; the engine's begin hook sees it open
            yield
            broken = raw.execute("PRAGMA foreign_key_check").fetchmany(3)
            if broken:
                tables = ", ".join(sorted({str(row[0]) for row in broken}))
                raise SchemaChangeFailed(
                    f"the schema change would leave rows pointing nowhere (in {tables}); "
                    "it was undone"
                )
    finally:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raw.execute("PRAGMA foreign_keys=ON")
        raw.isolation_level = previous


def run_upgrade(connection: Connection, revision: str = "head") -> None:
    """Alembic's upgrade on a connection already inside `schema_transaction`."""
    _run_alembic(connection, revision)


def drop_tables(connection: Connection, names: Iterable[str]) -> None:
    """Remove what an interrupted creation or upgrade left, children before parents."""
    remaining = set(names)
    for _ in range(len(remaining) + 1):
        if not remaining:
            return
        referenced = set()
        inspector = inspect(connection)
        for name in remaining:
            for key in inspector.get_foreign_keys(name):
                if key["referred_table"] != name:
                    referenced.add(key["referred_table"])
        leaves = remaining - referenced or set(remaining)
        for name in sorted(leaves):
            connection.execute(text(f'DROP TABLE "{name}"'))
        remaining -= leaves


def tables_hold_rows(connection: Connection, names: Iterable[str]) -> list[str]:
    """Which of these tables hold at least one row."""
    return [
        name
        for name in sorted(names)
        if connection.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first() is not None
    ]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` in one transaction (used by tests and tools)."""
    with schema_transaction(engine) as connection:
        run_upgrade(connection, revision)


def downgrade(engine: Engine, revision: str) -> None:
    with schema_transaction(engine) as connection:
        from alembic import command

        cfg = config()
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)


def _run_alembic(connection: Connection, revision: str) -> None:
    from alembic import command

    cfg = config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, revision)
