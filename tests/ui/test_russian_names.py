"""The screens name a product or cocktail as the catalog does in the interface language: its
Russian name in Russian, its (English) name in English or when the catalog has no Russian one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QComboBox

from mesodesk.domain.chart import Injected
from mesodesk.domain.records import ProductLineRecord
from mesodesk.ui.language import install_language
from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.text import catalog_name
from mesodesk.ui.timeline import products_text


@pytest.fixture
def russian(qapp) -> Iterator[None]:
    install_language("ru")
    yield
    install_language("en")


def _name_in_russian(window: MainWindow) -> None:
    """Vitamin C and the cocktail get a Russian name; Rutin has none."""
    catalog = window.services.catalog
    for product in catalog.list_products():
        if product.name == "Vitamin C 5%":
            catalog.save_product(replace(product, name_ru="Витамин C 5%"))
    (cocktail,) = catalog.list_cocktails()
    catalog.save_cocktail(replace(cocktail, name_ru="Сосудистый коктейль"))


def _open_new_visit(qtbot, window: MainWindow, patient_id: int) -> None:
    visit = window.services.visits.start_visit(patient_id, practitioner="Орлова Е. В.")
    window.open_visit(visit.id)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert window.visit.record is not None and window.visit.record.id == visit.id


def _texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_russian_interface_names_products_and_cocktails_in_russian_where_it_can(
    russian, qtbot, window, clinic
):
    _name_in_russian(window)
    _open_new_visit(qtbot, window, clinic["patient"])
    lines = window.visit_tab.form.lines

    assert [text.split(" — ")[0] for text in _texts(lines.add_lot)] == [
        "Rutin 1%",
        "Витамин C 5%",
    ]
    assert _texts(lines.add_cocktail_choice) == ["Сосудистый коктейль"]

    lines.add_cocktail_button.click()

    products = [lines.table.item(row, 0).text() for row in range(lines.table.rowCount())]
    assert products == ["Витамин C 5%", "Rutin 1%"]
    assert lines.table.item(0, 0).toolTip() == "Витамин C 5%, из коктейля Сосудистый коктейль"
    # each row still offers its own product's lots, matched by the catalog's name
    assert [lines.table.cellWidget(row, 1).currentData() for row in range(2)] == [
        clinic["VC-101"],
        clinic["RT-7"],
    ]
    recorded, problem = lines.lines()
    assert problem is None
    assert [(line.product_name, line.lot_id) for line in recorded] == [
        ("Vitamin C 5%", clinic["VC-101"]),
        ("Rutin 1%", clinic["RT-7"]),
    ]

    assert window.visit.save()
    qtbot.waitUntil(lambda: not window.runner.busy)
    injected = _texts(window.visit_tab.diagram.editor.product)
    assert "Коктейль: Сосудистый коктейль" in injected
    assert window.visit.injected_label(Injected(lot_id=clinic["RT-7"])) == "Rutin 1% · RT-7"
    assert window.visit.injected_label(Injected(lot_id=clinic["VC-101"])) == (
        "Витамин C 5% · VC-101"
    )
    assert window.visit.injected_label(Injected(cocktail_id=clinic["cocktail"])) == (
        "Сосудистый коктейль"
    )
    saved = window.services.visits.get(window.visit.record.id)
    assert products_text(saved).startswith("Витамин C 5% 2 мл (серия VC-101); Rutin 1% 1 мл")


def test_a_lot_of_the_visit_is_offered_to_the_chart_by_its_russian_name(
    russian, qtbot, window, clinic
):
    _name_in_russian(window)
    visit = window.services.visits.start_visit(clinic["patient"], practitioner="Орлова Е. В.")
    line = ProductLineRecord(lot_id=clinic["VC-101"], volume_ml=Decimal("1"))
    window.services.visits.save(replace(visit, product_lines=(line,)))

    window.open_visit(visit.id)
    qtbot.waitUntil(lambda: not window.runner.busy)

    assert "Витамин C 5% · VC-101" in _texts(window.visit_tab.diagram.editor.product)


def test_the_english_interface_keeps_the_catalog_name(qtbot, window, clinic):
    _name_in_russian(window)
    _open_new_visit(qtbot, window, clinic["patient"])
    lines = window.visit_tab.form.lines

    assert _texts(lines.add_cocktail_choice) == ["Vascular cocktail"]
    lines.add_cocktail_button.click()
    products = [lines.table.item(row, 0).text() for row in range(lines.table.rowCount())]
    assert products == ["Vitamin C 5%", "Rutin 1%"]
    assert "Cocktail: Vascular cocktail" in _texts(window.visit_tab.diagram.editor.product)


def test_a_name_without_a_russian_one_is_shown_as_it_is_in_both_languages(qapp):
    install_language("ru")
    try:
        russian = (catalog_name("Rutin 1%", ""), catalog_name("Vitamin C 5%", "Витамин C 5%"))
    finally:
        install_language("en")
    english = (catalog_name("Rutin 1%", ""), catalog_name("Vitamin C 5%", "Витамин C 5%"))

    assert russian == ("Rutin 1%", "Витамин C 5%")
    assert english == ("Rutin 1%", "Vitamin C 5%")


def test_the_catalogs_stock_and_recipes_name_products_in_russian_where_they_can(
    russian, qtbot, window, clinic
):
    _name_in_russian(window)
    window.catalog_action.trigger()
    catalog = window.catalog_window
    assert catalog is not None
    lots, cocktails = catalog.lots, catalog.cocktails
    lots.reload()
    cocktails.reload()

    shown = [lots.model.index(row, 0).data() for row in range(lots.model.rowCount())]
    assert shown == ["Rutin 1%", "Витамин C 5%"]
    assert _texts(lots.product) == ["Rutin 1%", "Витамин C 5%"]
    # a lot saved from the form keeps the catalog's name, whatever the choice shows
    lots.show_record(None)
    lots.product.setCurrentIndex(lots.product.findText("Витамин C 5%"))
    lots.lot_number.setText("VC-202")
    lots.on_hand.setText("3")
    read = lots.read_form(None)
    assert (read.product_name, read.product_name_ru) == ("Vitamin C 5%", "Витамин C 5%")

    cocktails.show_record(window.services.catalog.list_cocktails()[0])
    recipe = [cocktails.lines.item(row, 0).text() for row in range(cocktails.lines.rowCount())]
    assert recipe == ["Витамин C 5%", "Rutin 1%"]
    assert cocktails.model.index(0, 3).data() == "Витамин C 5% 2,0 мл + Rutin 1% 1,0 мл"
