"""The schema revisions MesoDesk ships, read from its migration files without Alembic or
SQLAlchemy: checking that a database is current, at start, then costs a file read."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
VERSION_TABLE = "alembic_version"

_REVISION = re.compile(r'^revision(?:: str)? = "([^"]+)"$', re.MULTILINE)
_DOWN_REVISION = re.compile(r'^down_revision(?:: [^=]+)? = (?:"([^"]+)"|None)$', re.MULTILINE)


class BrokenMigrations(Exception):
    """The installed migration files do not form one line of revisions."""


@cache
def revisions() -> tuple[str, ...]:
    """Every revision, oldest first, read from the version files' own `revision` and
    `down_revision` lines (a test holds this equal to Alembic's own walk)."""
    parents: dict[str, str | None] = {}
    for script in sorted(VERSIONS.glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:
            raise BrokenMigrations(f"The migration {script.name} names no revision.")
        parents[revision.group(1)] = down.group(1)
    children = {parent: child for child, parent in parents.items()}
    if len(children) != len(parents):
        raise BrokenMigrations("MesoDesk's migrations branch; they must form one line.")
    ordered: list[str] = []
    current = children.get(None)
    while current is not None:
        ordered.append(current)
        current = children.get(current)
    if len(ordered) != len(parents):
        raise BrokenMigrations("MesoDesk's migrations do not form one line.")
    return tuple(ordered)
