"""Demo history: realistic, signed, from real lots, and the same for the same seed."""

from __future__ import annotations

from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.progress import Progress
from mesodesk.domain.vocabulary import VisitStatus
from mesodesk.services.demo import fill_demo
from mesodesk.services.registry import build_services


def _history(path) -> list[tuple]:
    database = open_database(sqlite_url(path))
    services = build_services(database.sessions)
    services.catalog.ensure_starter_catalog()
    fill_demo(services, patients=30, seed=3)
    rows = []
    for patient in services.patients.search("", limit=100):
        for visit in services.visits.list_for_patient(patient.id):
            rows.append(
                (
                    patient.name,
                    visit.starts_at.isoformat(),
                    visit.status,
                    visit.signed,
                    tuple((line.lot_number, line.volume_ml) for line in visit.product_lines),
                    tuple((r.reaction, r.severity) for r in visit.reactions),
                )
            )
    lots = services.catalog.list_lots()
    database.close()
    assert all(lot.on_hand >= 0 for lot in lots)
    return rows


def test_demo_fills_signed_visits_from_real_lots_reproducibly(tmp_path):
    first = _history(tmp_path / "a.sqlite3")
    assert first == _history(tmp_path / "b.sqlite3")
    done = [row for row in first if row[2] is VisitStatus.DONE]
    assert done and all(row[3] for row in done)
    assert any(row[4] for row in done) and any(row[5] for row in done)
    assert any(row[2] is VisitStatus.PLANNED for row in first)


def test_the_demo_fill_tells_how_far_it_has_come_batch_by_batch_up_to_the_whole(tmp_path):
    database = open_database(sqlite_url(tmp_path / "demo.sqlite3"))
    try:
        services = build_services(database.sessions)
        services.catalog.ensure_starter_catalog()
        told: list[float] = []

        fill_demo(services, patients=30, seed=3, progress=Progress(told.append))

        assert told == sorted(told) and told[-1] == 1.0
        assert len(told) > 5, "told as it goes, not only at the end"
    finally:
        database.close()
