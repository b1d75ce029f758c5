"""A large demo clinic written in bulk: every patient with years of history, and the plans the
patient search reads it by."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, text

from mesodesk.db import Database, open_database, sqlite_url
from mesodesk.domain.patient import PatientCard
from mesodesk.services import patient_search
from mesodesk.services.demo import fill_demo
from mesodesk.services.registry import Services, build_services
from tests.schema_helpers import sqlite_indexes

PATIENTS = 2000


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mesodesk demo --patients 2000` as a user runs it."""
    path = tmp_path_factory.mktemp("scale") / "demo.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "mesodesk", "demo", "--db", str(path), "--patients", str(PATIENTS)],
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    assert f"Added {PATIENTS} demo patients" in result.stdout
    return path


@pytest.fixture
def demo(demo_file: Path) -> Iterator[Database]:
    database = open_database(sqlite_url(demo_file))
    yield database
    database.close()


def _check_history(database: Database, services: Services) -> None:
    """About five visits a patient over years, the done ones signed, charted and drawn from
    lots on the shelf at the time; the booked ones ahead."""
    today = date.today()
    with database.engine.connect() as c:
        patients = c.execute(text("SELECT count(*) FROM patients")).scalar_one()
        visits = c.execute(text("SELECT count(*) FROM visits")).scalar_one()
        done = c.execute(text("SELECT count(*) FROM visits WHERE status = 'done'")).scalar_one()
        marks = c.execute(text("SELECT count(*) FROM injection_marks")).scalar_one()
        unsigned_done = c.execute(
            text("SELECT count(*) FROM visits WHERE status = 'done' AND signed_at IS NULL")
        ).scalar_one()
        uncharted = c.execute(
            text(
                "SELECT count(*) FROM visits v WHERE status = 'done' AND NOT EXISTS"
                " (SELECT 1 FROM injection_marks m WHERE m.visit_id = v.id)"
            )
        ).scalar_one()
        without_lines = c.execute(
            text(
                "SELECT count(*) FROM visits v WHERE status = 'done' AND NOT EXISTS"
                " (SELECT 1 FROM visit_product_lines l WHERE l.visit_id = v.id)"
            )
        ).scalar_one()
        stale_lots = c.execute(
            text(
                "SELECT count(*) FROM visit_product_lines l JOIN visits v ON v.id = l.visit_id"
                " JOIN lots ON lots.id = l.lot_id WHERE lots.expires_on < v.starts_at"
                " OR lots.received_at > v.starts_at OR l.lot_number <> lots.lot_number"
            )
        ).scalar_one()
        planned_past = c.execute(
            text("SELECT count(*) FROM visits WHERE status = 'planned' AND starts_at < :today"),
            {"today": today},
        ).scalar_one()
        years = c.execute(
            text("SELECT count(DISTINCT substr(CAST(starts_at AS TEXT), 1, 4)) FROM visits")
        ).scalar_one()
        reactions = c.execute(text("SELECT count(*) FROM visit_reactions")).scalar_one()
        faces = dict(
            c.execute(
                text(
                    "SELECT CASE WHEN p.sex = 'female' THEN 'female' ELSE 'other' END || ' on '"
                    " || m.diagram, count(*) FROM injection_marks m"
                    " JOIN visits v ON v.id = m.visit_id JOIN patients p ON p.id = v.patient_id"
                    " WHERE m.diagram IN ('face', 'face_female') GROUP BY 1"
                )
            ).all()
        )
        courses = c.execute(text("SELECT count(*) FROM courses")).scalar_one()
        wrong_last_visit = c.execute(
            text(
                "SELECT count(*) FROM patients p WHERE p.last_visit_on IS NOT"
                " (SELECT max(date(v.starts_at)) FROM visits v"
                "  WHERE v.patient_id = p.id AND v.status = 'done')"
            )
            if database.engine.dialect.name == "sqlite"
            else text(
                "SELECT count(*) FROM patients p WHERE p.last_visit_on IS DISTINCT FROM"
                " (SELECT max(CAST(v.starts_at AS DATE)) FROM visits v"
                "  WHERE v.patient_id = p.id AND v.status = 'done')"
            )
        ).scalar_one()
    assert patients == PATIENTS
    assert 4.0 <= visits / patients <= 6.0
    assert 30 <= marks / done <= 60
    assert unsigned_done == uncharted == without_lines == stale_lots == planned_past == 0
    assert years >= 4 and reactions > done / 10 and courses > patients
    assert wrong_last_visit == 0
    assert set(faces) == {"female on face_female", "other on face"}, "a face as the window shows"
    first = services.patients.search("", limit=1)[0]
    assert services.patients.get(first.id).last_name


def test_a_demo_of_thousands_gives_every_patient_years_of_charted_signed_visits(demo):
    services = build_services(demo.sessions)
    _check_history(demo, services)
    visit = next(
        v
        for row in services.patients.search("", limit=50)
        for v in services.visits.list_for_patient(row.id)
        if v.signed
    )
    assert visit.product_lines and len(services.marks.list_for_visit(visit.id)) >= 1


def test_the_large_demo_on_postgresql_leaves_the_ids_ready_for_new_records(postgresql_db):
    services = build_services(postgresql_db.sessions)
    services.catalog.ensure_starter_catalog()
    assert fill_demo(services, PATIENTS, seed=2) == PATIENTS
    _check_history(postgresql_db, services)
    card = services.patients.save(PatientCard(last_name="Цыплакова"), date(2026, 11, 23))
    assert card.id == PATIENTS + 1
    assert [row.id for row in services.patients.search("tsyplakova")] == [card.id]
    with postgresql_db.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    with pytest.MonkeyPatch.context() as patch:  # a letter of a large clinic: its head's order
        patch.setattr(patient_search, "MERGE_TERMS_MAX", 0)
        plans = _plans(postgresql_db, services, "м", explain="EXPLAIN")
    assert len(plans) == 1 and "ix_patient_search_terms_head" in plans[0], plans
    assert len(services.patients.search("м")) == 200


def _plans(
    database: Database,
    services: Services,
    query: str,
    explain: str = "EXPLAIN QUERY PLAN",
    limit: int = 200,
) -> list[str]:
    """The query plans of the statements of one search that sort what they read."""
    statements: list[tuple[str, object]] = []

    def grab(_conn, _cursor, statement, parameters, _context, _many) -> None:
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", grab)
    try:
        services.patients.search(query, limit=limit)
    finally:
        event.remove(database.engine, "before_cursor_execute", grab)
    plans = []
    with database.engine.connect() as connection:
        for statement, parameters in statements:
            if "ORDER BY" in statement:
                rows = connection.exec_driver_sql(f"{explain} {statement}", parameters)
                plans.append(" | ".join(row[-1] for row in rows))
    return plans


@pytest.mark.parametrize("query", ["смирнова мария", "воробьёва ксения", "4789", "iwanowa"])
def test_a_rare_query_is_read_from_the_term_index_not_along_the_patients(demo, query):
    services = build_services(demo.sessions)
    plans = _plans(demo, services, query)
    assert plans
    for plan in plans:
        assert re.search(READ_RANGE, plan), plan
        assert "SCAN f" not in plan and "SCAN patients" not in plan
        assert "ix_patients_archived_sort" not in plan, "never along the list"


READ_RANGE = (
    r"SEARCH f USING (PRIMARY KEY|COVERING INDEX ix_patient_search_terms_term_sort) "
    r"\(term>\? AND term<\?\)"
)


@pytest.mark.parametrize("query", ["иванова", "иванова м", "ivanova"])
def test_a_common_surname_reads_its_patients_in_order_and_stops_at_the_page(demo, query):
    services = build_services(demo.sessions)
    with pytest.MonkeyPatch.context() as patch:  # as many Ivanovas as a large clinic has
        patch.setattr(patient_search, "drive_limit", lambda _limit, _patients: 0)
        plans = _plans(demo, services, query, limit=5)
        found = services.patients.search(query, limit=5)
    assert len(plans) == 1 and len(found) == 5
    assert "SEARCH f USING COVERING INDEX ix_patient_search_terms_term_sort (term=?)" in plans[0]
    assert plans[0].count("TEMP B-TREE") == 1, "only the page's own rows are sorted"
    if " " in query:
        assert "ix_patient_search_terms_head (<expr>=? AND sort_key=?)" in plans[0], (
            "the other word is checked beside the patient's place in the list"
        )


def test_a_query_that_matches_nobody_never_reads_the_patients(demo):
    services = build_services(demo.sessions)
    assert _plans(demo, services, "zzz") == []
    assert services.patients.search("zzz") == []


@pytest.mark.parametrize("query", ["и", "м", "с", "9", "+7 9"])
def test_a_broad_query_reads_in_order_and_stops_at_the_page(demo, query):
    services = build_services(demo.sessions)
    plans = _plans(demo, services, query)
    assert len(plans) == 1, "the first rank fills the page (or the second alone does)"
    assert (
        "SEARCH f USING COVERING INDEX ix_patient_search_terms_head (<expr>=?)" in plans[0]
        or "SEARCH f USING COVERING INDEX ix_patient_search_terms_term_sort (term=?)" in plans[0]
    ), "its head's terms, or each of its few terms, in the list's order"
    assert plans[0].count("TEMP B-TREE") == 1 and "SCAN f" not in plans[0]
    assert "ix_patients_archived_sort" not in plans[0]
    assert len(services.patients.search(query)) == 200


def test_a_broad_phone_typed_from_the_trunk_prefix_reads_each_head_and_stops_at_the_page(demo):
    services = build_services(demo.sessions)
    plans = _plans(demo, services, "8 9")
    assert len(plans) == 2, "one read for each head, 8 and 9"
    for plan in plans:
        assert "ix_patient_search_terms_head (<expr>=?)" in plan or "PRIMARY KEY" in plan
        assert "ix_patients_archived_sort" not in plan and "SCAN f" not in plan
    assert len(services.patients.search("8 9")) == 200


def test_the_indexes_built_after_the_fill_are_the_ones_the_migrations_make(demo_file, tmp_path):
    """The bulk fill drops the name-ordered indexes and builds each once at its end: they
    must be back, word for word as a new database of the same schema has them."""
    fresh = open_database(sqlite_url(tmp_path / "fresh.sqlite3"))
    fresh.close()

    filled, made = sqlite_indexes(demo_file), sqlite_indexes(tmp_path / "fresh.sqlite3")
    assert filled == made
    assert {"ix_patients_archived_sort", "ix_patient_search_terms_term_sort"} <= set(filled)


def test_a_demo_fill_killed_midway_leaves_a_file_whose_opening_builds_its_search_indexes(
    tmp_path: Path,
):
    """Killed between two chunks, the fill has left whole patients and no name-ordered
    indexes: `mesodesk check` says so, and the next opening builds them."""
    path = tmp_path / "killed.sqlite3"
    fill = subprocess.Popen(
        [sys.executable, "-m", "mesodesk", "demo", "--db", str(path), "--patients", "200000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
    )
    try:
        for _ in range(1200):  # until the first chunk is in (at most two minutes)
            if fill.poll() is not None or _patients(path) > 0:
                break
            time.sleep(0.1)
    finally:
        fill.kill()
        fill.wait()
    assert _patients(path) > 0, "the fill wrote a chunk before it was killed"
    checked = subprocess.run(
        [sys.executable, "-m", "mesodesk", "check", "--db", str(path)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert "indexes missing" in checked.stdout + checked.stderr
    database = open_database(sqlite_url(path))
    database.close()
    with sqlite3.connect(path) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"ix_patients_archived_sort", "ix_patient_search_terms_term_sort"} <= names


def _patients(path: Path) -> int:
    """Patients committed to the file so far (0 while it is being created)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM patients").fetchone()[0])
    except sqlite3.Error:
        return 0
