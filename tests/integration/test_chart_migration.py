"""Revision 0003: marks that pointed at a product line now name its cocktail or its lot."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from mesodesk import migrations
from mesodesk.db import open_database, sqlite_url

ROWS = [
    "INSERT INTO patients (id, version, last_name, first_name, middle_name, sex, phone, email,"
    " address, language, notes, archived, sort_key, created_at, updated_at) VALUES (1, 1,"
    " 'Петрова', 'Анна', '', 'female', '', '', '', 'ru', '', false, 'петрова',"
    " '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00')",
    "INSERT INTO products (id, version, name, manufacturer, form, pack, unit, builtin)"
    " VALUES (1, 1, 'Rutin', '', '', '', 'ml', false)",
    "INSERT INTO lots (id, version, product_id, lot_number, expires_on, on_hand, received_at)"
    " VALUES (1, 1, 1, 'R-1', '2030-01-01', 10, '2026-01-01 00:00:00+00')",
    "INSERT INTO cocktails (id, version, name, name_ru, areas, indications, notes, builtin)"
    " VALUES (1, 1, 'Vascular', '', '[]', '[]', '', false)",
    "INSERT INTO visits (id, version, patient_id, starts_at, practitioner, status, areas,"
    " techniques, anaesthesia, disinfection, notes, currency, created_at, updated_at) VALUES"
    " (1, 1, 1, '2026-01-02 10:00:00+00', 'Dr', 'done', '[]', '[]', '', '', '', 'RUB',"
    " '2026-01-02 10:00:00+00', '2026-01-02 10:00:00+00')",
    "INSERT INTO visit_product_lines (id, visit_id, lot_id, volume_ml, cocktail_id, position)"
    " VALUES (1, 1, 1, 2, 1, 0), (2, 1, 1, 1, NULL, 1)",
    "INSERT INTO injection_marks (id, version, visit_id, diagram, shape, points, needle, note,"
    " product_line_id) VALUES (1, 1, 1, 'back', 'point', '[[250, 300]]', '', '', 1),"
    " (2, 1, 1, 'back', 'point', '[[250, 320]]', '', '', 2),"
    " (3, 1, 1, 'back', 'point', '[[250, 340]]', '', '', NULL)",
]


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[tuple[str, Engine]]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "clinic.sqlite3")
    else:
        url = request.getfixturevalue("postgres_url")
        reset = create_engine(url)
        with reset.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        reset.dispose()
    engine = create_engine(url)
    migrations.upgrade(engine, "0002")
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
    yield url, engine
    engine.dispose()


def test_marks_keep_what_their_product_line_said_after_the_upgrade(old_database):
    url, engine = old_database
    engine.dispose()
    database = open_database(url)
    with database.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, cocktail_id, lot_id FROM injection_marks ORDER BY id")
        ).all()
        templates = connection.execute(text("SELECT count(*) FROM chart_templates")).scalar()
    database.close()
    assert [tuple(row) for row in rows] == [(1, 1, None), (2, None, 1), (3, None, None)]
    assert templates == 0
