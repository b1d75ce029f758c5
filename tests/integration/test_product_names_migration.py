"""Revision 0005: products get a Russian name; a clinic's starter rows get theirs on upgrade."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from mesodesk import migrations
from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.catalog import load_starter_catalog

BEFORE = "0002"


def _products(engine: Engine) -> None:
    """Rows as a clinic has them before the upgrade: a starter product, the clinic's own
    product, and a starter name the clinic reused for a product of its own."""
    with engine.begin() as connection:
        for name, builtin in (
            ("Rutin, 2 ml ampoule", True),
            ("Our hyaluronic serum", False),
            ("Zinc, 5 ml vial", False),
            ("REVI Silk", True),
        ):
            connection.execute(
                text(
                    "INSERT INTO products (version, name, manufacturer, form, pack, unit, builtin)"
                    " VALUES (1, :name, '', '', '', 'ml', :builtin)"
                ),
                {"name": name, "builtin": builtin},
            )
        connection.execute(
            text(
                "INSERT INTO lots (version, product_id, lot_number, expires_on, on_hand,"
                " received_at) SELECT 1, id, 'RU-1', '2030-01-01', 5, '2026-01-01 00:00:00'"
                " FROM products WHERE name = 'Rutin, 2 ml ampoule'"
            )
        )


def _check_upgraded(url: str) -> None:
    database = open_database(url)
    try:
        with database.engine.connect() as connection:
            assert not migrations.schema_state(connection).needs_upgrade
            names = dict(connection.execute(text("SELECT name, name_ru FROM products")).all())
            lots = connection.execute(text("SELECT lot_number FROM lots")).scalars().all()
    finally:
        database.close()
    assert names == {
        "Rutin, 2 ml ampoule": "Рутин, ампула 2 мл",
        "Our hyaluronic serum": "",
        "Zinc, 5 ml vial": "",
        "REVI Silk": "",
    }
    assert lots == ["RU-1"]


def test_an_sqlite_database_of_0002_gets_russian_product_names(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "mesodesk.sqlite3")
    engine = create_engine(url)
    migrations.upgrade(engine, BEFORE)
    _products(engine)
    engine.dispose()

    _check_upgraded(url)


def test_a_postgresql_database_of_0002_gets_russian_product_names(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    migrations.upgrade(engine, BEFORE)
    _products(engine)
    engine.dispose()

    _check_upgraded(postgres_url)


def test_the_russian_names_go_away_on_downgrade(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "mesodesk.sqlite3")
    open_database(url).close()
    engine = create_engine(url)
    migrations.downgrade(engine, BEFORE)
    with engine.connect() as connection:
        columns = [row[1] for row in connection.execute(text("PRAGMA table_info(products)"))]
    engine.dispose()

    assert "name_ru" not in columns and "name" in columns


@pytest.mark.parametrize("product", load_starter_catalog().products, ids=lambda p: p.name)
def test_every_starter_product_is_named_in_russian(product) -> None:
    assert product.name_ru.strip()
    assert product.name.startswith("REVI") or product.name_ru != product.name
