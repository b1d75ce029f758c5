"""The starter catalog and demo stock as the `mesodesk demo` command leaves them."""

from __future__ import annotations

import sqlite3

from tests.cli.test_cli import run

LOTS = "SELECT lot_number, expires_on, product_id FROM lots ORDER BY id"


def _rows(path, query: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def test_demo_stocks_every_starter_product_once_and_the_same_way_for_a_seed(tmp_path):
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert run("demo", "--db", str(first), "--patients", "3", "--seed", "7").returncode == 0
    products = _rows(first, "SELECT count(*) FROM products WHERE builtin")[0][0]
    stocked = _rows(first, "SELECT count(DISTINCT product_id) FROM lots")[0][0]
    assert products > 20 and stocked == products
    lots = _rows(first, LOTS)
    assert _rows(first, "SELECT key FROM clinic_settings WHERE key = 'starter_catalog'")

    assert run("demo", "--db", str(first), "--patients", "3").returncode == 0
    assert _rows(first, "SELECT count(*) FROM products")[0][0] == products
    assert _rows(first, LOTS) == lots

    assert run("demo", "--db", str(second), "--patients", "3", "--seed", "7").returncode == 0
    assert _rows(second, LOTS) == lots
