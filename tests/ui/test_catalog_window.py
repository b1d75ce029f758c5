"""The catalog window, driven as a practitioner drives it: stock, deletions, and lot recall."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, Qt

from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import (
    IngredientRecord,
    LotRecord,
    ProductIngredientRecord,
    ProductRecord,
)
from mesodesk.ui.catalog_common import CAUTION, DANGER
from mesodesk.ui.catalog_window import CatalogWindow
from mesodesk.ui.main_window import MainWindow
from tests.integration.catalog_helpers import record_use


def _catalog(qtbot, window: MainWindow) -> CatalogWindow:
    window.catalog_action.trigger()
    catalog = window.catalog_window
    assert catalog is not None and catalog.isVisible()
    catalog.confirm = lambda question: True
    for page in catalog.pages():
        page._confirm = catalog.confirm
    return catalog


def _product(window: MainWindow, name: str = "REVI Style, 1 ml syringe") -> ProductRecord:
    return window.services.catalog.save_product(ProductRecord(id=None, name=name, pack="1 ml"))


def _texts(page, column: int) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_a_received_lot_is_listed_with_its_expiry_and_stock(qtbot, window):
    product = _product(window)
    catalog = _catalog(qtbot, window)
    catalog.tabs.setCurrentWidget(catalog.lots)
    page = catalog.lots
    page.reload()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.product.setCurrentIndex(page.product.findText(product.name))
    qtbot.keyClicks(page.lot_number, "RS-2611A")
    page.expires_on.setDate(QDate(2028, 5, 31))
    qtbot.keyClicks(page.on_hand, "12,5")
    assert page.is_dirty()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert _texts(page, 1) == ["RS-2611A"]
    assert _texts(page, 2) == ["31/05/2028"]
    assert _texts(page, 3) == ["12.5 ml"]
    stored = window.services.catalog.list_lots()
    assert [(lot.lot_number, lot.on_hand) for lot in stored] == [("RS-2611A", Decimal("12.5"))]
    assert not page.is_dirty()


def test_a_lot_without_a_product_is_not_saved_and_says_why(qtbot, window):
    catalog = _catalog(qtbot, window)
    page = catalog.lots
    page.start_new()
    qtbot.keyClicks(page.lot_number, "X1")
    qtbot.keyClicks(page.on_hand, "5")
    page.save()
    assert not page.error.isHidden()
    assert "Choose the product" in page.error.text()
    assert window.services.catalog.list_lots() == []


def test_expired_lots_are_red_and_lots_near_expiry_amber(qtbot, window):
    product = _product(window)
    today = date.today()
    for number, expires in (
        ("OLD", today - timedelta(days=1)),
        ("SOON", today + timedelta(days=10)),
        ("FINE", today + timedelta(days=400)),
    ):
        window.services.catalog.receive_lot(
            LotRecord(None, product.id, product.name, number, expires, Decimal("3"))
        )
    page = _catalog(qtbot, window).lots
    page.reload()
    colours = {
        page.model.index(row, 1).data(): page.model.index(row, 2).data(
            Qt.ItemDataRole.ForegroundRole
        )
        for row in range(page.model.rowCount())
    }
    assert colours["OLD"].color() == DANGER
    assert colours["SOON"].color() == CAUTION
    assert colours["FINE"] is None
    states = dict(zip(_texts(page, 1), _texts(page, 4), strict=True))
    assert states == {"OLD": "expired", "SOON": "expires in 10 days", "FINE": ""}
    page.usable_only.setChecked(True)
    assert sorted(_texts(page, 1)) == ["FINE", "SOON"]


def test_starter_rows_carry_a_starter_tag_and_stay_editable(qtbot, window):
    window.services.catalog.ensure_starter_catalog()
    catalog = _catalog(qtbot, window)
    page = catalog.ingredients
    page.reload()
    assert set(_texts(page, 1)) == {"starter"}
    page.table.selectRow(0)
    assert page.starter_tag.isVisible()
    page.name_ru.clear()
    qtbot.keyClicks(page.name_ru, "new")
    assert page.save()
    assert page.current().name_ru == "new"
    assert page.current().builtin


def test_deleting_an_ingredient_a_product_contains_is_refused_with_a_sentence(qtbot, window):
    services = window.services
    ha = services.catalog.save_ingredient(IngredientRecord(id=None, name="Hyaluronic acid"))
    services.catalog.save_product(
        ProductRecord(
            id=None,
            name="REVI Silk",
            ingredients=(ProductIngredientRecord(ha.id, ha.name, "", ha.group, "1.2%"),),
        )
    )
    page = _catalog(qtbot, window).ingredients
    page.reload()
    page.table.selectRow(0)
    page.delete()
    assert page.error.text() == (
        "Hyaluronic acid is an ingredient of REVI Silk. Remove it from those products first."
    )
    assert _texts(page, 0) == ["Hyaluronic acid"]


def test_a_product_gets_an_ingredient_with_its_concentration(qtbot, window):
    window.services.catalog.save_ingredient(IngredientRecord(id=None, name="Trehalose"))
    catalog = _catalog(qtbot, window)
    page = catalog.products
    page.reload()
    page.start_new()
    qtbot.keyClicks(page.name, "REVI Eye")
    page.ingredient_choice.setCurrentIndex(page.ingredient_choice.findText("Trehalose"))
    qtbot.mouseClick(page.add_ingredient, Qt.MouseButton.LeftButton)
    page.ingredients.item(0, 1).setText("0.2%")
    assert page.save()
    saved = window.services.catalog.list_products()[0]
    assert [(p.name, p.concentration) for p in saved.ingredients] == [("Trehalose", "0.2%")]
    assert _texts(page, 5) == ["Trehalose 0.2%"]


def test_a_product_is_named_in_russian_for_russian_documents(qtbot, window):
    catalog = _catalog(qtbot, window)
    page = catalog.products
    page.reload()
    page.start_new()
    qtbot.keyClicks(page.name, "Rutin, 2 ml ampoule")
    page.name_ru.setText("Рутин, ампула 2 мл")  # typed Cyrillic: QTest sends Latin keys only
    page.name_ru.textEdited.emit(page.name_ru.text())
    assert page.save()

    saved = window.services.catalog.list_products()[0]
    assert (saved.name, saved.name_ru) == ("Rutin, 2 ml ampoule", "Рутин, ампула 2 мл")
    assert _texts(page, 2) == ["Рутин, ампула 2 мл"]


def test_recall_finds_the_patient_of_a_visit_that_used_the_lot_and_opens_them(
    qtbot, window, sqlite_db
):
    services = window.services
    product = _product(window)
    lot = services.catalog.receive_lot(
        LotRecord(None, product.id, product.name, "RS-2405A", date(2030, 1, 1), Decimal("5"))
    )
    patient = services.patients.save(PatientCard(last_name="Смирнова", first_name="Анна"))
    record_use(sqlite_db.sessions, patient.id, lot.id, datetime(2026, 3, 2, 9, tzinfo=UTC))
    catalog = _catalog(qtbot, window)
    catalog.show_recall()
    recall = catalog.recall
    qtbot.keyClicks(recall.search, "rs-2405a")
    qtbot.keyClick(recall.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: recall.model.rowCount() == 1)
    assert recall.model.index(0, 0).data() == "Смирнова Анна"
    assert recall.model.index(0, 5).data() == "2.0 ml"
    assert "went into 1 patient at 1 visit" in recall.summary.text()
    recall._open_row(0)
    assert window.form.loaded_card().id == patient.id
    assert window.header.name.text() == "Смирнова Анна"


def test_recall_of_an_unknown_lot_says_nothing_was_found(qtbot, window):
    recall = _catalog(qtbot, window).recall
    qtbot.keyClicks(recall.search, "NOPE-1")
    recall.find()
    qtbot.waitUntil(lambda: recall.find_button.isEnabled())
    assert recall.summary.text() == "No visit on record used lot NOPE-1."
    assert recall.model.rowCount() == 0


def test_the_catalog_tables_are_sound_item_models(qtbot, qtmodeltester, window):
    window.services.catalog.ensure_starter_catalog()
    catalog = _catalog(qtbot, window)
    for page in catalog.pages():
        qtmodeltester.check(page.model)
