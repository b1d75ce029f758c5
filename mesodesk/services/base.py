"""The one gate every write passes through, so audit, backups-on-write and conflict checks
have a single place to live."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from mesodesk.services.errors import ServiceError, StaleRecord

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


class Service:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """A transaction committed on success; a version clash becomes `StaleRecord`."""
        try:
            with self._sessions.begin() as session:
                yield session
        except StaleDataError as exc:
            raise StaleRecord(STALE_MESSAGE) from exc
        except IntegrityError as exc:
            raise StaleRecord(CLASH_MESSAGE) from exc
        except OperationalError as exc:
            raise ServiceError(BUSY_MESSAGE) from exc

    @staticmethod
    def _check_version(stored: int, opened: int) -> None:
        """Refuse a save based on an older copy than the one stored now."""
        if stored != opened:
            raise StaleRecord(STALE_MESSAGE)
