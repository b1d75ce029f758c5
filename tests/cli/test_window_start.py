"""`mesodesk` starts the window as a user runs it: the frame is painted, then the list's first
page shows, read from the file before the database layer is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.patient import PatientCard
from mesodesk.services.registry import build_services


def _clinic(path: Path) -> None:
    database = open_database(sqlite_url(path))
    try:
        services = build_services(database.sessions)
        services.patients.save_many([PatientCard(last_name=f"Patient{n}") for n in range(3)])
    finally:
        database.close()


def test_the_window_paints_then_shows_the_first_page_read_from_the_file(tmp_path: Path):
    database = tmp_path / "clinic.sqlite3"
    _clinic(database)
    trace = tmp_path / "trace.txt"
    probe = tmp_path / "probe.py"
    probe.write_text(  # which heavy modules were imported when the list's first page showed
        "import sys, runpy, pathlib\n"
        "write = pathlib.Path.write_text\n"
        "def noting(self, text, *a, **k):\n"
        "    if 'ready' in text:\n"
        "        heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy'})\n"
        "        write(self.with_suffix('.heavy'), ' '.join(heavy) or '-')\n"
        "    return write(self, text, *a, **k)\n"
        "pathlib.Path.write_text = noting\n"
        "sys.argv = ['mesodesk', *sys.argv[1:]]\n"
        "runpy.run_module('mesodesk', run_name='__main__', alter_sys=True)\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "MESODESK_DATA_DIR": str(tmp_path / "data"),
        "MESODESK_STARTUP_TRACE": str(trace),
    }
    result = subprocess.run(
        [sys.executable, str(probe), "--db", str(database)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    marks = [line.split()[0] for line in trace.read_text(encoding="utf-8").splitlines()]
    assert marks == ["window", "ready"]
    assert trace.with_suffix(".heavy").read_text(encoding="utf-8") == "-"
