"""What starting the window keeps out of memory: Alembic for a database already current, and the
source of every module PySide6's import check reads."""

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


def test_modules_imported_after_pyside6_leave_no_source_in_memory():
    for first in ("import PySide6.QtWidgets, mesodesk", "import mesodesk.ui"):
        _python(
            f"{first}\n"
            "import linecache, sqlalchemy.orm, json.tool, mesodesk.services.registry\n"
            "kept = [name for name in linecache.cache if name.endswith('.py')]\n"
            "assert not kept, kept[:3]\n"
        )
