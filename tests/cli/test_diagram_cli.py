"""`mesodesk screenshot FILE --visit ID`: the visit and its diagram, as a user runs it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QImage

from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.diagram import DiagramName, MarkShape, Point
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.patient import PatientCard
from mesodesk.services.registry import build_services
from tests.cli.test_cli import run


def _visit_with_a_mark(path) -> int:
    database = open_database(sqlite_url(path))
    try:
        services = build_services(database.sessions)
        patient = services.patients.save(PatientCard(last_name="Зайцева", first_name="Ольга"))
        visit = services.visits.start_visit(patient.id, datetime.now(UTC) - timedelta(hours=1))
        services.marks.add(
            MarkRecord(None, visit.id, DiagramName.FACE, MarkShape.POINT, (Point(150, 200),))
        )
        return visit.id
    finally:
        database.close()


def test_screenshot_of_a_visit_shows_the_window_with_that_visit_open(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    visit_id = _visit_with_a_mark(path)
    shot = tmp_path / "visit.png"
    result = run(
        "screenshot", str(shot), "--db", str(path), "--visit", str(visit_id), "--size", "1440x900"
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1440, 900)


def test_screenshot_of_an_unknown_visit_is_one_line_on_stderr_and_exit_2(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    _visit_with_a_mark(path)
    result = run("screenshot", str(tmp_path / "x.png"), "--db", str(path), "--visit", "999")
    assert result.returncode == 2
    assert result.stderr.strip() == "mesodesk: error: There is no visit with id 999."
    assert not (tmp_path / "x.png").exists()
