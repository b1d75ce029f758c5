"""Stopping the demo fill: it stops at its next clean point, keeps what it wrote (each batch
and each patient's history is whole) and says how many patients it added."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from mesodesk.db import SQLITE_CACHE_KIB, Database, open_database, sqlite_url
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.progress import Progress
from mesodesk.services import demo_scale
from mesodesk.services.demo import SCALE_FROM, fill_demo
from mesodesk.services.registry import Services, build_services

PATIENTS = 30


def _stopped_at(share: float) -> Progress:
    """A progress whose watcher asks to stop once the fill has come `share` of the way."""

    def told(done: float) -> None:
        if done >= share:
            progress.cancel()

    progress = Progress(told)
    return progress


def _visits(database: Database) -> tuple[int, int]:
    """How many visits, and how many of the done ones are not signed."""
    with database.engine.connect() as c:
        visits = c.execute(text("SELECT count(*) FROM visits")).scalar_one()
        unsigned = c.execute(
            text("SELECT count(*) FROM visits WHERE status = 'done' AND signed_at IS NULL")
        ).scalar_one()
    return visits, unsigned


def _fill(path: Path, progress: Progress) -> tuple[int, int, int, int]:
    """The demo filled into a new file: patients added as told and as stored, visits, and
    done visits left unsigned."""
    database = open_database(sqlite_url(path))
    try:
        services = build_services(database.sessions)
        services.catalog.ensure_starter_catalog()
        added = fill_demo(services, PATIENTS, seed=3, progress=progress)
        stored = services.patients.count(include_archived=True)
        return (added, stored, *_visits(database))
    finally:
        database.close()


def test_a_demo_fill_stopped_among_the_histories_keeps_whole_ones_and_says_how_many_it_added(
    tmp_path: Path,
):
    whole = Progress()
    _, _, all_visits, _ = _fill(tmp_path / "whole.sqlite3", whole)
    stopping = _stopped_at(0.6)  # the histories are written from 0.35 to 1.0

    added, stored, visits, unsigned = _fill(tmp_path / "stopped.sqlite3", stopping)

    assert added == stored == PATIENTS, "the patients were saved before the stop"
    assert 0 < visits < all_visits, "the histories written before the stop stay, no more"
    assert unsigned == 0, "no history is left half-written"
    assert stopping.cancelled and stopping.share < 1.0
    assert not whole.cancelled and not whole.cancel(), "a finished fill refuses a late stop"


def test_a_demo_fill_stopped_before_its_patients_adds_none(tmp_path: Path):
    stopping = Progress()
    stopping.cancel()

    assert _fill(tmp_path / "demo.sqlite3", stopping) == (0, 0, 0, 0)
    assert stopping.cancelled


def test_a_large_demo_stops_between_chunks_with_the_ids_ready_for_new_records(
    database: Database, services: Services, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(demo_scale, "CHUNK", SCALE_FROM // 4)
    services.catalog.ensure_starter_catalog()
    stopping = _stopped_at(0.1)  # the first chunk is told at 0.05 + 0.95 / 4

    added = fill_demo(services, SCALE_FROM, seed=2, progress=stopping)

    assert added == SCALE_FROM // 4 == services.patients.count(include_archived=True)
    visits, unsigned = _visits(database)
    assert visits > added and unsigned == 0, "the chunk written has its whole history"
    assert stopping.cancelled
    card = services.patients.save(PatientCard(last_name="Цыплакова"), date(2026, 11, 23))
    assert card.id == added + 1
    assert [row.id for row in services.patients.search("tsyplakova")] == [card.id]


def test_a_large_demo_interrupted_between_chunks_leaves_the_ids_ready_for_new_records(
    database: Database, services: Services, monkeypatch: pytest.MonkeyPatch
):
    """Ctrl+C in `mesodesk demo`: what was written stays, and the next patient saved gets
    the next id (PostgreSQL's sequences are moved past the rows written with their ids)."""
    monkeypatch.setattr(demo_scale, "CHUNK", SCALE_FROM // 4)
    services.catalog.ensure_starter_catalog()

    def interrupted(done: float) -> None:
        if done >= 0.1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fill_demo(services, SCALE_FROM, seed=2, progress=Progress(interrupted))

    written = services.patients.count(include_archived=True)
    assert written == SCALE_FROM // 4
    card = services.patients.save(PatientCard(last_name="Цыплакова"), date(2026, 11, 23))
    assert card.id == written + 1


def test_after_a_demo_fill_its_connection_is_back_to_the_apps_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The bulk fill runs SQLite without waits, checks or its small cache; the connection it
    used goes back to the pool as every other is opened, also when the fill is stopped."""
    monkeypatch.setattr(demo_scale, "CHUNK", SCALE_FROM // 4)
    database = open_database(sqlite_url(tmp_path / "demo.sqlite3"))
    try:
        services = build_services(database.sessions)
        services.catalog.ensure_starter_catalog()
        fill_demo(services, SCALE_FROM, seed=3, progress=_stopped_at(0.1))
        held = [database.engine.connect() for _ in range(4)]  # every pooled one, and a new one
        pragmas = {
            tuple(
                connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("synchronous", "foreign_keys", "cache_size", "temp_store")
            )
            for connection in held
        }
        for connection in held:
            connection.close()
    finally:
        database.close()
    # NORMAL, on, the app's cache, DEFAULT
    assert pragmas == {(1, 1, -SQLITE_CACHE_KIB, 0)}
