"""A signed visit's record does not change when the catalog does: the lines keep the product,
lot and cocktail as they were at signing, in the pane, the export and the printed sheets; a
product used in visits keeps a composition. Also after upgrading an older database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine, create_engine, text

from mesodesk import migrations
from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.diagram import DiagramName, MarkShape, Point
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.records import (
    CocktailLineRecord,
    CocktailRecord,
    IngredientRecord,
    LotRecord,
    ProductIngredientRecord,
    ProductLineRecord,
    ProductRecord,
    VisitRecord,
)
from mesodesk.services.errors import ValidationFailed
from mesodesk.services.marks import chart_findings, marks_of
from mesodesk.services.registry import Services, build_services
from tests.integration.safety_helpers import add_patient


def _catalog(services: Services) -> tuple[ProductRecord, LotRecord, CocktailRecord]:
    rutin = services.catalog.save_ingredient(IngredientRecord(None, "Rutin", "рутин"))
    assert rutin.id is not None
    product = services.catalog.save_product(
        ProductRecord(
            None,
            "Vascular complex",
            ingredients=(ProductIngredientRecord(rutin.id, rutin.name, "", rutin.group),),
        )
    )
    assert product.id is not None
    lot = services.catalog.receive_lot(
        LotRecord(
            None, product.id, product.name, "VC-17", date.today() + timedelta(days=300), Decimal(20)
        )
    )
    cocktail = services.catalog.save_cocktail(
        CocktailRecord(
            None,
            "Vascular cocktail",
            lines=(CocktailLineRecord(product.id, product.name, Decimal("2")),),
        )
    )
    return product, lot, cocktail


def _visit_with(
    services: Services, lot: LotRecord, cocktail: CocktailRecord, sign: bool
) -> VisitRecord:
    patient = add_patient(services)
    assert patient.id is not None and lot.id is not None and cocktail.id is not None
    visit = services.visits.start_visit(patient.id, practitioner="Practitioner")
    line = ProductLineRecord(lot_id=lot.id, volume_ml=Decimal("2"), cocktail_id=cocktail.id)
    visit = services.visits.save(replace(visit, product_lines=(line,)))
    assert visit.id is not None
    services.marks.add(
        MarkRecord(
            None,
            visit.id,
            DiagramName.BACK,
            MarkShape.POINT,
            (Point(250, 300),),
            volume_ml=Decimal("1"),
            cocktail_id=cocktail.id,
        )
    )
    visit = services.visits.mark_done(services.visits.get(visit.id))
    return services.visits.sign(visit) if sign else visit


def _shown_everywhere(services: Services, visit_id: int) -> set[tuple[str, str, str]]:
    """(product, lot, cocktail) as the pane, the export and the aftercare sheet show them."""
    shown: set[tuple[str, str, str]] = set()
    visit = services.visits.get(visit_id)
    for line in visit.product_lines:
        shown.add((line.product_name, line.lot_number, line.cocktail_name))
    exported = services.export.export_patient(visit.patient_id)
    for item in exported["visits"]:
        for line in item["product_lines"]:
            shown.add((line["product"], line["lot_number"], line["cocktail"]))
    for used in services.documents.aftercare_input(visit_id).products:
        shown.add((used.product, used.lot_number, "Vascular cocktail"))
    return shown


def test_renaming_a_cocktail_leaves_a_signed_visit_as_it_was_signed(services: Services) -> None:
    _product, lot, cocktail = _catalog(services)
    signed = _visit_with(services, lot, cocktail, sign=True)
    open_visit = _visit_with(services, lot, cocktail, sign=False)
    assert signed.id is not None and open_visit.id is not None
    before = _shown_everywhere(services, signed.id)

    services.catalog.save_cocktail(replace(cocktail, name="Renamed cocktail"))

    assert _shown_everywhere(services, signed.id) == before
    assert before == {("Vascular complex", "VC-17", "Vascular cocktail")}
    assert services.visits.get(open_visit.id).product_lines[0].cocktail_name == "Renamed cocktail"
    with services.visits._read() as session:
        reasons = [
            f.reason
            for f in chart_findings(
                session,
                marks_of(session, signed.id),
                services.visits.get(signed.id).product_lines,
            )
        ]
    assert not any("Renamed cocktail" in reason for reason in reasons)


def test_a_product_recorded_in_a_signed_visit_keeps_its_name_there(services: Services) -> None:
    product, lot, cocktail = _catalog(services)
    signed = _visit_with(services, lot, cocktail, sign=True)
    assert signed.id is not None

    with pytest.raises(ValidationFailed):
        services.catalog.save_product(replace(product, name="Another name"))

    assert services.visits.get(signed.id).product_lines[0].product_name == "Vascular complex"


def test_the_composition_of_a_product_used_in_visits_cannot_be_emptied(services: Services) -> None:
    product, lot, cocktail = _catalog(services)
    _visit_with(services, lot, cocktail, sign=True)

    with pytest.raises(ValidationFailed) as refused:
        services.catalog.save_product(replace(product, ingredients=()))

    assert "ingredients" in refused.value.errors
    (kept,) = [p for p in services.catalog.list_products() if p.id == product.id]
    assert [part.name for part in kept.ingredients] == ["Rutin"]


def test_an_unused_products_composition_may_still_be_emptied(services: Services) -> None:
    product, _lot, _cocktail = _catalog(services)
    saved = services.catalog.save_product(replace(product, ingredients=()))
    assert saved.ingredients == ()


# --- an older database ---------------------------------------------------------------------

OLD = "0003"
ROWS = [
    "INSERT INTO patients (id, version, last_name, first_name, middle_name, sex, phone, email,"
    " address, language, notes, archived, sort_key, created_at, updated_at) VALUES (1, 1,"
    " 'Петрова', 'Анна', '', 'female', '', '', '', 'ru', '', false, 'петрова',"
    " '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00')",
    "INSERT INTO products (id, version, name, manufacturer, form, pack, unit, builtin)"
    " VALUES (1, 1, 'Rutin 5%', '', '', '', 'ml', false)",
    "INSERT INTO lots (id, version, product_id, lot_number, expires_on, on_hand, received_at)"
    " VALUES (1, 1, 1, 'R-1', '2030-01-01', 10, '2026-01-01 00:00:00+00')",
    "INSERT INTO cocktails (id, version, name, name_ru, areas, indications, notes, builtin)"
    " VALUES (1, 1, 'Vascular', '', '[]', '[]', '', false)",
    "INSERT INTO visits (id, version, patient_id, starts_at, practitioner, status, areas,"
    " techniques, anaesthesia, disinfection, notes, currency, created_at, updated_at,"
    " signed_at, signed_by) VALUES"
    " (1, 2, 1, '2026-01-02 10:00:00+00', 'Dr', 'done', '[]', '[]', '', '', '', 'RUB',"
    " '2026-01-02 10:00:00+00', '2026-01-02 10:00:00+00', '2026-01-02 11:00:00+00', 'Dr'),"
    " (2, 1, 1, '2026-01-09 10:00:00+00', 'Dr', 'done', '[]', '[]', '', '', '', 'RUB',"
    " '2026-01-09 10:00:00+00', '2026-01-09 10:00:00+00', NULL, NULL)",
    "INSERT INTO visit_product_lines (id, visit_id, lot_id, volume_ml, cocktail_id, position)"
    " VALUES (1, 1, 1, 2, 1, 0), (2, 1, 1, 1, NULL, 1), (3, 2, 1, 1, 1, 0)",
]


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "clinic.sqlite3")
    else:
        url = request.getfixturevalue("postgres_url")
        reset = create_engine(url)
        with reset.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        reset.dispose()
    engine: Engine = create_engine(url)
    migrations.upgrade(engine, OLD)
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
    engine.dispose()
    yield url


def test_an_upgraded_database_keeps_its_signed_visits_as_they_were(old_database: str) -> None:
    database = open_database(old_database)
    try:
        with database.engine.connect() as connection:
            copies = connection.execute(
                text(
                    "SELECT id, product_name, lot_number, expires_on, cocktail_name"
                    " FROM visit_product_lines ORDER BY id"
                )
            ).all()
        services = build_services(database.sessions)
        (cocktail,) = services.catalog.list_cocktails()
        services.catalog.save_cocktail(
            replace(
                cocktail,
                name="Renamed",
                lines=(CocktailLineRecord(1, "Rutin 5%", Decimal(1)),),
            )
        )
        signed = services.visits.get(1)
        unsigned = services.visits.get(2)
    finally:
        database.close()

    # SQLite hands a date column back as text when read as plain SQL
    assert [(*row[:3], row[3] and str(row[3]), row[4]) for row in copies] == [
        (1, "Rutin 5%", "R-1", "2030-01-01", "Vascular"),
        (2, "Rutin 5%", "R-1", "2030-01-01", ""),
        (3, None, None, None, None),
    ]
    assert [(line.product_name, line.cocktail_name) for line in signed.product_lines] == [
        ("Rutin 5%", "Vascular"),
        ("Rutin 5%", ""),
    ]
    assert [line.cocktail_name for line in unsigned.product_lines] == ["Renamed"]
