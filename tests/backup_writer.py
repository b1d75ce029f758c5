"""A workstation that keeps writing while a backup is made: `python -m tests.backup_writer URL
ACKS`, stopped by the test.

Each transaction adds one patient and sets a counter in the clinic settings to the number of
patients it has added, so any consistent copy of the database has exactly as many of its
patients as its counter says; a copy that caught a transaction half-way would not. After each
commit a line goes to the ACKS file, so the test knows what the database had promised.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from sqlalchemy import Connection, event, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from mesodesk.db import WRITE_LOCK_OPTION, open_database
from mesodesk.models import ClinicSetting, Patient
from tests.schema_helpers import PATIENT_ROW

COUNTER = "backup-test-writer"
PREFIX = "Писатель-"


def written(connection: Connection | Session) -> tuple[int, int]:
    """(the counter, the writer's patients) in one database or copy."""
    counter = connection.execute(
        select(ClinicSetting.value).where(ClinicSetting.key == COUNTER)
    ).scalar()
    patients = connection.execute(
        select(func.count()).select_from(Patient).where(Patient.last_name.like(f"{PREFIX}%"))
    ).scalar_one()
    return (int(counter["n"]) if isinstance(counter, dict) else 0), int(patients)


def main(url: str, acks: str) -> None:
    database = open_database(url, create=False)
    if database.path is not None:
        # the commits stay in the WAL file, as between two checkpoints: a copy of the database
        # file alone would miss them, only SQLite's own backup reads them
        event.listen(database.engine, "connect", _no_checkpoints)
        database.engine.dispose()
    with Path(acks).open("a", encoding="utf-8") as ack:
        _write_for_ever(database.sessions, ack)


def _write_for_ever(sessions: sessionmaker[Session], ack: TextIO) -> None:
    n = 0
    while True:
        n += 1
        with sessions.begin() as session:
            session.connection(execution_options={WRITE_LOCK_OPTION: True})
            session.execute(
                text(PATIENT_ROW),
                {"last": f"{PREFIX}{n}", "first": "Анна", "sort_key": f"писатель-{n}"},
            )
            row = session.get(ClinicSetting, COUNTER)
            if row is None:
                session.add(ClinicSetting(key=COUNTER, value={"n": n}))
            else:
                row.value = {"n": n}
        ack.write(f"{n}\n")
        ack.flush()


def _no_checkpoints(connection: sqlite3.Connection, _record: object) -> None:
    connection.execute("PRAGMA wal_autocheckpoint=0")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
