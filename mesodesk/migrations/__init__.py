"""Alembic migrations shipped inside the package, run from code at start (no alembic.ini)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, inspect

FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    too_new: bool
    foreign: bool

    @property
    def needs_upgrade(self) -> bool:
        return not self.too_new and not self.foreign and self.current != self.head


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(FOLDER))
    return cfg


def schema_state(connection: Connection) -> SchemaState:
    scripts = ScriptDirectory.from_config(config())
    head = scripts.get_current_head()
    assert head is not None
    current = MigrationContext.configure(connection).get_current_revision()
    too_new = False
    if current is not None:
        try:
            too_new = scripts.get_revision(current) is None
        except CommandError:
            too_new = True
    tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
    foreign = current is None and bool(tables)
    return SchemaState(current, head, too_new, foreign)


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    cfg = config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)
