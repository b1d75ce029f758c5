"""The one gate every write passes through, so audit, backups-on-write and conflict checks
have a single place to live.

A write transaction takes the database's write lock when it begins (SQLite: `BEGIN
IMMEDIATE`; PostgreSQL locks rows as they are written), so what a service checks inside it
still holds when it writes. When the database refuses a write, the user is told the real
cause: a duplicate, a record deleted meanwhile, a missing value, a busy or read-only database;
"another workstation saved the same record at the same moment" only when that is what happened.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from mesodesk.db import WRITE_LOCK_OPTION
from mesodesk.domain.audit import AuditEvent
from mesodesk.domain.users import Permission
from mesodesk.services.access import Access
from mesodesk.services.audit import AUDIT_LOCK, AuditLog
from mesodesk.services.errors import DuplicateRecord, MissingReference, ServiceError, StaleRecord

STALE_MESSAGE = (
    "This record was changed on another workstation after you opened it. "
    "Reload it to see the changes, then edit again."
)
CLASH_MESSAGE = (
    "Another workstation saved the same record at the same moment. Reload it, then save again."
)
BUSY_MESSAGE = (
    "The database is busy or cannot be written just now; nothing was saved. Try again in a moment."
)
READ_ONLY_MESSAGE = (
    "The database is open read-only (its file or folder is read-only); nothing was saved."
)
UNREADABLE_MESSAGE = "The database cannot be read just now. Try again in a moment."
DUPLICATE_MESSAGE = (
    "Another record already has this {what}; nothing was saved. Choose another {what}, or "
    "reload to use the existing record (it may have just been saved on another workstation)."
)
MISSING_REFERENCE_MESSAGE = (
    "This refers to a record that no longer exists (it may have been deleted on another "
    "workstation); nothing was saved. Reload, then save again."
)
UNSTORABLE_MESSAGE = (
    "A value is too long or cannot be stored (a text with a NUL character, a number out of "
    "range); nothing was saved."
)
BROKEN_SEARCH_MESSAGE = (
    "The text asked for contains a broken character (often from a damaged paste) and cannot "
    "be looked up. Retype it."
)
UNUSABLE_VALUE_MESSAGE = (
    "A value asked for cannot be used by the database (a NUL character, a number out of range)."
)
MISSING_VALUE_MESSAGE = "A required value is missing or out of range; nothing was saved."
BROKEN_TEXT_MESSAGE = (
    "A text contains a broken character (often from a damaged paste) that cannot be stored; "
    "nothing was saved. Retype the text and try again."
)

_WORDS = {"name": "name", "lot_number": "lot number", "term": "search term", "key": "key"}
_PG_UNIQUE_WORDS = {"uq_lots_product_id": "lot_number"}
"""PostgreSQL names a unique constraint after its first column only."""
_PG_SQLSTATE = {
    "23505": "unique",
    "23503": "foreign key",
    "23502": "not null",
    "23514": "check",
}
_SQLITE_CODES = {
    "SQLITE_CONSTRAINT_UNIQUE": "unique",
    "SQLITE_CONSTRAINT_PRIMARYKEY": "primary key",
    "SQLITE_CONSTRAINT_FOREIGNKEY": "foreign key",
    "SQLITE_CONSTRAINT_NOTNULL": "not null",
    "SQLITE_CONSTRAINT_CHECK": "check",
}


CLINICAL = Permission.CLINICAL


class Service:
    """A service sees the database through `sessions` and acts as `access`'s current user.

    Reads and writes are clinical unless the method says otherwise (`needs`), so a method
    nobody thought about is closed to reception rather than open.
    """

    def __init__(self, sessions: sessionmaker[Session], access: Access | None = None) -> None:
        self._sessions = sessions
        self._access = access if access is not None else Access()
        self._audit = AuditLog()

    @property
    def access(self) -> Access:
        return self._access

    @contextmanager
    def _read(self, needs: Permission | None = CLINICAL) -> Iterator[Session]:
        """A session for reading: one consistent snapshot of the database, opened only for a
        user whose role allows `needs` (None: anyone, like the clinic's letterhead)."""
        try:
            with self._sessions() as session:
                if needs is not None:
                    self._access.require(session, needs)
                yield session
        except UnicodeEncodeError as exc:
            raise ServiceError(BROKEN_SEARCH_MESSAGE) from exc
        except DataError as exc:
            raise ServiceError(UNUSABLE_VALUE_MESSAGE) from exc
        except OperationalError as exc:
            raise ServiceError(UNREADABLE_MESSAGE) from exc

    @contextmanager
    def _write(
        self, exclusive: str | None = None, needs: Permission | None = CLINICAL
    ) -> Iterator[Session]:
        """A transaction holding the write lock, committed on success; a refusal by the
        database becomes a `ServiceError` saying what happened. The role check (`needs`) and
        the audit entries of every row written are in this same transaction.

        `exclusive` names a one-time job (seeding the starter catalog) that must not run on
        two workstations at once: on PostgreSQL a lock of that name is held until the commit.
        """
        try:
            with self._sessions.begin() as session:
                connection = session.connection(execution_options={WRITE_LOCK_OPTION: True})
                if connection.dialect.name == "postgresql":
                    # the one-time job's lock, then the audit trail's, always in this order:
                    # taking the trail's lock first thing (not at the first flush, after row
                    # locks) keeps two writers from waiting on each other
                    for name in (exclusive, AUDIT_LOCK):
                        if name is not None:
                            connection.execute(
                                text("SELECT pg_advisory_xact_lock(hashtext(:name))"),
                                {"name": name},
                            )
                if needs is not None:
                    self._access.require(session, needs)
                self._audit.watch(session, lambda: self._access.actor)
                yield session
        except StaleDataError as exc:
            raise StaleRecord(STALE_MESSAGE) from exc
        except IntegrityError as exc:
            raise _integrity_error(exc) from exc
        except OperationalError as exc:
            if "readonly" in str(exc.orig) or "read-only" in str(exc.orig):
                raise ServiceError(READ_ONLY_MESSAGE) from exc
            raise ServiceError(BUSY_MESSAGE) from exc
        except UnicodeEncodeError as exc:
            raise ServiceError(BROKEN_TEXT_MESSAGE) from exc
        except DataError as exc:
            if _is_encoding_error(exc):
                raise ServiceError(BROKEN_TEXT_MESSAGE) from exc
            raise ServiceError(UNSTORABLE_MESSAGE) from exc
        except DBAPIError as exc:
            if _is_encoding_error(exc):
                raise ServiceError(BROKEN_TEXT_MESSAGE) from exc
            raise

    def _record(self, session: Session, event: AuditEvent) -> None:
        """An audit entry for what the flush cannot see (rows written by one statement)."""
        self._audit.record(session, self._access.actor, event)

    def _note(self, make: Callable[[Session], AuditEvent]) -> None:
        """Record an action that changes no record (an export, a printed document) in a short
        transaction of its own. A database opened read-only (a command reading a read-only
        file) cannot hold an entry: there the action is not recorded."""
        with self._read(needs=None) as session:
            if _read_only(session):
                return
        with self._write(needs=None) as session:
            self._record(session, make(session))

    @staticmethod
    def _check_version(stored: int, opened: int) -> None:
        """Refuse a save based on an older copy than the one stored now."""
        if stored != opened:
            raise StaleRecord(STALE_MESSAGE)


def _read_only(session: Session) -> bool:
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return False
    return bool(connection.exec_driver_sql("PRAGMA query_only").scalar())


def _integrity_error(exc: IntegrityError) -> ServiceError:
    """The refusal in words: which rule the row broke, never the values it held."""
    kind, columns = _violation(exc)
    if kind == "primary key":
        return StaleRecord(CLASH_MESSAGE)
    if kind == "unique":
        what = _WORDS.get(columns[-1], columns[-1].replace("_", " ")) if columns else "value"
        if what == "key":
            return StaleRecord(CLASH_MESSAGE)
        return DuplicateRecord(DUPLICATE_MESSAGE.format(what=what))
    if kind == "foreign key":
        return MissingReference(MISSING_REFERENCE_MESSAGE)
    return ServiceError(MISSING_VALUE_MESSAGE)


def _violation(exc: IntegrityError) -> tuple[str, list[str]]:
    """(kind of constraint, columns) from the driver's error, on SQLite and PostgreSQL."""
    original = exc.orig
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate is not None:
        kind = _PG_SQLSTATE.get(str(sqlstate), "other")
        diag = getattr(original, "diag", None)
        constraint = str(getattr(diag, "constraint_name", "") or "")
        table = str(getattr(diag, "table_name", "") or "")
        if constraint.startswith("pk_"):
            return "primary key", []
        column = _PG_UNIQUE_WORDS.get(constraint) or (
            constraint.removeprefix("uq_").removeprefix(f"{table}_") if constraint else ""
        )
        return kind, [column] if column else []
    name = str(getattr(original, "sqlite_errorname", ""))
    kind = _SQLITE_CODES.get(name, "other")
    # "UNIQUE constraint failed: ingredients.name" names table.column, never a value
    columns = re.findall(r"\w+\.(\w+)", str(original).partition(":")[2])
    return kind, columns


def _is_encoding_error(exc: DBAPIError) -> bool:
    return isinstance(exc.orig, UnicodeError) or "encod" in type(exc.orig).__name__.lower()
