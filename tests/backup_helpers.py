"""What the backup and restore tests share: a clock they set, a look inside a backup, and the
patients of a database as a user would compare them."""

from __future__ import annotations

import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, text

from mesodesk.backup import postgres_tool


class Clock:
    """The time the backup service reads, moved by the test (never the wall clock)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def patients(url: str) -> list[tuple[str, str, str]]:
    """Every patient's name and phone, in id order, read through a plain connection."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT last_name, first_name, phone FROM patients ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def revision(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [
                str(v)
                for v in connection.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalars()
            ]
    finally:
        engine.dispose()


def integrity(path: Path) -> list[str]:
    connection = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def archive_tables(path: Path) -> set[str]:
    """The tables a pg_dump archive holds, as pg_restore lists them."""
    listing = subprocess.run(
        [str(postgres_tool("pg_restore")), "--list", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {
        line.split()[5]
        for line in listing.splitlines()
        if not line.startswith(";") and " TABLE public " in line
    }
