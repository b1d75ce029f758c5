"""What starting the window keeps out of memory: Alembic for a database already current,
SQLAlchemy's PostgreSQL dialect for an SQLite clinic, and the source of every module PySide6's
import check reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mesodesk.db import Database

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


def test_a_current_database_opens_without_importing_alembic(sqlite_db: Database, tmp_path):
    path = tmp_path / "clinic" / "mesodesk.sqlite3"
    assert path.exists()
    _python(
        "import sys\n"
        "from mesodesk.db import open_database, sqlite_url\n"
        f"open_database(sqlite_url({str(path)!r})).close()\n"
        "assert 'alembic' not in sys.modules, 'Alembic was imported'\n"
    )


def test_an_sqlite_clinic_never_loads_the_postgresql_dialect(sqlite_db: Database, tmp_path):
    path = tmp_path / "clinic" / "mesodesk.sqlite3"
    _python(
        "import sys\n"
        "from mesodesk.db import open_database, sqlite_url\n"
        "from mesodesk.services.registry import build_services\n"
        f"database = open_database(sqlite_url({str(path)!r}))\n"
        "build_services(database.sessions).patients.search('ив')\n"
        "database.close()\n"
        "loaded = [m for m in sys.modules if m.startswith('sqlalchemy.dialects.postgresql')]\n"
        "assert not loaded, loaded[:3]\n"
    )


def test_modules_imported_after_pyside6_leave_no_source_in_memory():
    for first in ("import PySide6.QtWidgets, mesodesk", "import mesodesk.ui"):
        _python(
            f"{first}\n"
            "import linecache, sqlalchemy.orm, json.tool, mesodesk.services.registry\n"
            "kept = [name for name in linecache.cache if name.endswith('.py')]\n"
            "assert not kept, kept[:3]\n"
        )
