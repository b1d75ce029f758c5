"""Revision 0012: a database of 0011 with marks and photos upgrades with every mark kept on its
diagram, and its photos then take marks of their own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from mesodesk import migrations
from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.diagram import DiagramName, MarkShape, Point
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.photo_marks import MarkPhoto
from mesodesk.domain.photos import PhotoKind, PhotoView
from mesodesk.services.registry import build_services

BEFORE = "0011"


def _clinic(engine: Engine) -> None:
    """A patient, a visit with two marks on the face and a before-photo, as 0011 keeps them."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO patients (id, version, last_name, first_name, middle_name, sex,"
                " phone, email, address, language, notes, archived, sort_key, created_at,"
                " updated_at)"
                " VALUES (1, 1, 'Орлова', 'Вера', '', 'female', '', '', '', 'ru', '', :no,"
                " 'орлова вера', '2026-03-01 09:00:00', '2026-03-01 09:00:00')"
            ),
            {"no": False},
        )
        connection.execute(
            text(
                "INSERT INTO visits (id, version, patient_id, starts_at, status, practitioner,"
                " areas, techniques, anaesthesia, disinfection, notes, currency, created_at,"
                " updated_at)"
                " VALUES (1, 1, 1, '2026-03-02 09:00:00', 'planned', 'Dr Smirnova', '[]', '[]',"
                " '', '', '', 'RUB', '2026-03-02 09:00:00', '2026-03-02 09:00:00')"
            )
        )
        for mark_id, x in ((1, 60.0), (2, 90.0)):
            connection.execute(
                text(
                    "INSERT INTO injection_marks (id, version, visit_id, diagram, shape, points,"
                    " technique, depth_mm, volume_ml, needle, zone, note)"
                    " VALUES (:id, 1, 1, 'face_female', 'point', :points, 'pinpoint', 1.5, 0.1,"
                    " '', NULL, '')"
                ),
                {"id": mark_id, "points": f"[[{x}, 80.0]]"},
            )
        connection.execute(
            text(
                "INSERT INTO visit_photos (id, visit_id, kind, view, taken_at, note, file_name,"
                " width, height, added_at, added_after_signing)"
                " VALUES (1, 1, 'before', 'front', '2026-03-02 09:05:00', '', :name, 400, 300,"
                " '2026-03-02 09:05:00', :no)"
            ),
            {"name": "a" * 64 + ".jpg", "no": False},
        )
        if connection.dialect.name == "postgresql":  # rows given their ids move no sequence
            for table in ("patients", "visits", "injection_marks", "visit_photos"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" (SELECT max(id) FROM {table}))"
                    )
                )


def _check_upgraded(url: str) -> None:
    database = open_database(url)
    try:
        with database.engine.connect() as connection:
            assert not migrations.schema_state(connection).needs_upgrade
            references = inspect(connection).get_foreign_keys("injection_marks")
            assert {
                "constrained_columns": ["photo_id"],
                "referred_table": "visit_photos",
            }.items() <= next(
                r for r in references if r["constrained_columns"] == ["photo_id"]
            ).items()
        with pytest.raises(IntegrityError), database.engine.begin() as connection:
            connection.execute(text("UPDATE injection_marks SET photo_id = 999"))  # refused
        services = build_services(database.sessions)
        kept = services.marks.list_for_visit(1)
        assert [(m.id, m.diagram, m.points, m.photo) for m in kept] == [
            (1, DiagramName.FACE_FEMALE, (Point(60.0, 80.0),), None),
            (2, DiagramName.FACE_FEMALE, (Point(90.0, 80.0),), None),
        ]
        place = MarkPhoto(1, PhotoKind.BEFORE, PhotoView.FRONT, 1.0, 1.0)
        on_photo = services.marks.add(
            MarkRecord(
                None,
                1,
                DiagramName.FACE,
                MarkShape.POINT,
                (Point(10, 10),),
                volume_ml=Decimal("0.1"),
                photo=place,
            )
        )
        assert on_photo.photo is not None and on_photo.photo.view is PhotoView.FRONT
        assert services.marks.list_for_visit(1)[-1] == on_photo
        assert sum(t.injections for t in services.marks.totals(1)) == 3
    finally:
        database.close()


def test_an_sqlite_database_of_0011_keeps_its_marks_and_takes_marks_on_photos(
    tmp_path: Path,
) -> None:
    url = sqlite_url(tmp_path / "mesodesk.sqlite3")
    engine = create_engine(url)
    migrations.upgrade(engine, BEFORE)
    _clinic(engine)
    engine.dispose()

    _check_upgraded(url)


def test_a_postgresql_database_of_0011_keeps_its_marks_and_takes_marks_on_photos(
    postgres_url: str,
) -> None:
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    migrations.upgrade(engine, BEFORE)
    _clinic(engine)
    engine.dispose()

    _check_upgraded(postgres_url)


def test_a_downgrade_drops_the_marks_on_photos_and_keeps_the_others(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "mesodesk.sqlite3")
    engine = create_engine(url)
    migrations.upgrade(engine, BEFORE)
    _clinic(engine)
    engine.dispose()
    _check_upgraded(url)

    engine = create_engine(url)
    migrations.downgrade(engine, BEFORE)
    with engine.connect() as connection:
        columns = [row[1] for row in connection.execute(text("PRAGMA table_info(injection_marks)"))]
        ids = connection.execute(text("SELECT id FROM injection_marks ORDER BY id")).scalars().all()
    engine.dispose()

    assert "photo_id" not in columns and ids == [1, 2]


@pytest.fixture(autouse=True)
def _no_photo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESODESK_DATA_DIR", str(tmp_path / "data"))
