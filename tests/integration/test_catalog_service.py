"""The catalog service on real databases: starter catalog, editing, stock, and lot recall."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import (
    CocktailLineRecord,
    CocktailRecord,
    IngredientRecord,
    LotRecord,
    ProductIngredientRecord,
    ProductRecord,
)
from mesodesk.domain.vocabulary import Area, IngredientGroup
from mesodesk.models import VisitProductLine
from mesodesk.services.errors import StaleRecord, ValidationFailed
from tests.integration.catalog_helpers import record_use


def _product(services, name: str) -> ProductRecord:
    return next(p for p in services.catalog.list_products() if p.name == name)


def _lot(product: ProductRecord, number: str, expires: date, on_hand: str = "10") -> LotRecord:
    return LotRecord(
        id=None,
        product_id=product.id,
        product_name=product.name,
        lot_number=number,
        expires_on=expires,
        on_hand=Decimal(on_hand),
    )


def _new_product(services, name: str = "Test serum") -> ProductRecord:
    return services.catalog.save_product(ProductRecord(id=None, name=name, pack="5 ml vial"))


def test_the_starter_catalog_is_loaded_once_with_revi_compositions(services):
    assert services.catalog.ensure_starter_catalog() is True
    assert services.catalog.ensure_starter_catalog() is False
    products = services.catalog.list_products()
    style = next(p for p in products if p.name.startswith("REVI Style"))
    parts = {part.name: part.concentration for part in style.ingredients}
    assert parts["Hyaluronic acid"] == "1%"
    assert parts["Trehalose"] == "0.15%"
    assert style.builtin
    assert all(p.builtin for p in products)
    assert services.catalog.list_cocktails()


def test_a_deleted_starter_ingredient_does_not_come_back(services):
    services.catalog.ensure_starter_catalog()
    unused = [
        i
        for i in services.catalog.list_ingredients()
        if not any(
            part.ingredient_id == i.id
            for p in services.catalog.list_products()
            for part in p.ingredients
        )
    ]
    ingredient = (
        unused[0]
        if unused
        else services.catalog.save_ingredient(IngredientRecord(id=None, name="Spare extract"))
    )
    services.catalog.delete_ingredient(ingredient.id, ingredient.version)
    assert services.catalog.ensure_starter_catalog() is False
    assert ingredient.name not in {i.name for i in services.catalog.list_ingredients()}


def test_a_starter_product_stays_editable(services):
    services.catalog.ensure_starter_catalog()
    style = next(p for p in services.catalog.list_products() if p.name.startswith("REVI Style"))
    edited = services.catalog.save_product(replace(style, manufacturer="REVI, Moscow"))
    assert edited.manufacturer == "REVI, Moscow"
    assert edited.builtin
    assert edited.ingredients == style.ingredients


def test_a_product_is_saved_with_its_ingredients_and_concentrations(services):
    ha = services.catalog.save_ingredient(
        IngredientRecord(id=None, name="HA", group=IngredientGroup.HYALURONIC_ACID)
    )
    lido = services.catalog.save_ingredient(
        IngredientRecord(id=None, name="Lidocaine HCl", group=IngredientGroup.ANAESTHETIC)
    )
    saved = services.catalog.save_product(
        ProductRecord(
            id=None,
            name="Booster",
            manufacturer="Lab",
            form="ampoule",
            pack="2 ml ampoule",
            ingredients=(
                ProductIngredientRecord(ha.id, ha.name, "", ha.group, " 1.2% "),
                ProductIngredientRecord(lido.id, lido.name, "", lido.group, None),
            ),
        )
    )
    compositions = services.catalog.product_compositions([saved.id])
    assert {(p.name, p.concentration) for p in compositions[saved.id].ingredients} == {
        ("HA", "1.2%"),
        ("Lidocaine HCl", None),
    }
    assert compositions[saved.id].pack == "2 ml ampoule"


def test_names_must_be_given_and_unique_whatever_the_case(services):
    services.catalog.save_ingredient(IngredientRecord(id=None, name="Rutin"))
    with pytest.raises(ValidationFailed) as empty:
        services.catalog.save_ingredient(IngredientRecord(id=None, name="  "))
    assert empty.value.errors == {"name": "Enter the ingredient's name."}
    with pytest.raises(ValidationFailed) as twice:
        services.catalog.save_ingredient(IngredientRecord(id=None, name="RUTIN"))
    assert "already has ingredient named RUTIN" in twice.value.errors["name"]


def test_an_ingredient_in_a_product_cannot_be_deleted_and_the_message_names_it(services):
    ha = services.catalog.save_ingredient(IngredientRecord(id=None, name="HA"))
    services.catalog.save_product(
        ProductRecord(
            id=None,
            name="Booster",
            ingredients=(ProductIngredientRecord(ha.id, ha.name, "", ha.group, "1%"),),
        )
    )
    with pytest.raises(ValidationFailed) as refused:
        services.catalog.delete_ingredient(ha.id, ha.version)
    assert refused.value.errors["delete"] == (
        "HA is an ingredient of Booster. Remove it from those products first."
    )


def test_a_product_with_lots_or_in_a_cocktail_cannot_be_deleted(services):
    product = _new_product(services)
    services.catalog.save_cocktail(
        CocktailRecord(
            id=None,
            name="Mix",
            lines=(CocktailLineRecord(product.id, product.name, Decimal("1.5")),),
        )
    )
    with pytest.raises(ValidationFailed) as in_cocktail:
        services.catalog.delete_product(product.id, product.version)
    assert "used in the cocktail Mix" in in_cocktail.value.errors["delete"]
    other = _new_product(services, "Other serum")
    services.catalog.receive_lot(_lot(other, "A1", date(2030, 1, 1)))
    with pytest.raises(ValidationFailed) as with_lots:
        services.catalog.delete_product(other.id, other.version)
    assert "has 1 lot on record" in with_lots.value.errors["delete"]


def test_an_unused_product_is_deleted(services):
    product = _new_product(services)
    services.catalog.delete_product(product.id, product.version)
    assert services.catalog.list_products() == []


def test_lots_refuse_negative_stock_missing_expiry_and_a_repeated_number(services):
    product = _new_product(services)
    with pytest.raises(ValidationFailed) as negative:
        services.catalog.receive_lot(_lot(product, "A1", date(2030, 1, 1), "-1"))
    assert negative.value.errors == {"on_hand": "The quantity on hand cannot be below zero."}
    with pytest.raises(ValidationFailed) as no_expiry:
        services.catalog.receive_lot(
            replace(_lot(product, "A1", date(2030, 1, 1)), expires_on=None)
        )
    assert no_expiry.value.errors == {"expires_on": "Enter the expiry date printed on the pack."}
    services.catalog.receive_lot(_lot(product, "A1", date(2030, 1, 1)))
    with pytest.raises(ValidationFailed) as repeated:
        services.catalog.receive_lot(_lot(product, "a1", date(2031, 1, 1)))
    assert "already on record" in repeated.value.errors["lot_number"]


def test_usable_lots_leave_out_expired_and_empty_ones(services):
    product = _new_product(services)
    other = _new_product(services, "Other serum")
    services.catalog.receive_lot(_lot(product, "OLD", date(2026, 1, 31)))
    services.catalog.receive_lot(_lot(product, "EMPTY", date(2030, 1, 1), "0"))
    services.catalog.receive_lot(_lot(product, "TODAY", date(2026, 2, 1)))
    services.catalog.receive_lot(_lot(other, "ELSE", date(2030, 1, 1)))
    usable = services.catalog.list_lots(usable_on=date(2026, 2, 1), product_id=product.id)
    assert [lot.lot_number for lot in usable] == ["TODAY"]
    assert len(services.catalog.list_lots()) == 4


def test_a_lot_edited_on_another_workstation_is_not_overwritten(services):
    product = _new_product(services)
    lot = services.catalog.receive_lot(_lot(product, "A1", date(2030, 1, 1)))
    services.catalog.save_lot(replace(lot, on_hand=Decimal("8")))
    with pytest.raises(StaleRecord):
        services.catalog.save_lot(replace(lot, on_hand=Decimal("6")))
    assert services.catalog.list_lots()[0].on_hand == Decimal("8")


def test_a_cocktail_keeps_its_lines_in_order_with_volumes(services):
    first = _new_product(services, "Vitamin C")
    second = _new_product(services, "Novocaine")
    saved = services.catalog.save_cocktail(
        CocktailRecord(
            id=None,
            name="Acne mix",
            areas=(Area.FACE,),
            lines=(
                CocktailLineRecord(second.id, second.name, Decimal("0.5")),
                CocktailLineRecord(first.id, first.name, Decimal("2")),
            ),
        )
    )
    listed = services.catalog.list_cocktails()
    assert listed == [saved]
    assert [(line.product_name, line.volume_ml) for line in saved.lines] == [
        ("Novocaine", Decimal("0.5")),
        ("Vitamin C", Decimal("2")),
    ]
    with pytest.raises(ValidationFailed) as empty:
        services.catalog.save_cocktail(CocktailRecord(id=None, name="Nothing"))
    assert empty.value.errors == {"lines": "Add at least one product to the recipe."}


def test_recall_lists_every_patient_who_received_the_lot_oldest_visit_first(services, database):
    product = _new_product(services)
    lot = services.catalog.receive_lot(_lot(product, "RS-2405A", date(2030, 1, 1)))
    other_lot = services.catalog.receive_lot(_lot(product, "RS-2405B", date(2030, 1, 1)))
    anna = services.patients.save(PatientCard(last_name="Смирнова", first_name="Анна"))
    olga = services.patients.save(PatientCard(last_name="Петрова", first_name="Ольга"))
    later = record_use(database.sessions, anna.id, lot.id, datetime(2026, 3, 2, 9, tzinfo=UTC))
    earlier = record_use(
        database.sessions, olga.id, lot.id, datetime(2026, 2, 1, 9, tzinfo=UTC), "1.5"
    )
    record_use(database.sessions, olga.id, other_lot.id, datetime(2026, 2, 5, 9, tzinfo=UTC))
    hits = services.catalog.recall(" rs-2405a ")
    assert [(h.patient_name, h.visit_id, h.volume_ml) for h in hits] == [
        ("Петрова Ольга", earlier, Decimal("1.5")),
        ("Смирнова Анна", later, Decimal("2")),
    ]
    assert hits[0].visit_at == datetime(2026, 2, 1, 9, tzinfo=UTC)
    assert services.catalog.recall("NO-SUCH") == []
    with pytest.raises(ValidationFailed) as kept:
        services.catalog.delete_lot(lot.id, lot.version)
    assert "used in 2 visits" in kept.value.errors["delete"]


def test_what_a_visit_recorded_cannot_be_rewritten_from_the_catalog(services, database):
    product = _new_product(services, "REVI Silk")
    lot = services.catalog.receive_lot(_lot(product, "RS-2411", date(2030, 1, 1)))
    cocktail = services.catalog.save_cocktail(
        CocktailRecord(
            id=None,
            name="Silk only",
            lines=(CocktailLineRecord(product.id, product.name, Decimal("1")),),
        )
    )
    anna = services.patients.save(PatientCard(last_name="Смирнова", first_name="Анна"))
    visit_id = record_use(database.sessions, anna.id, lot.id, datetime(2026, 3, 2, 9, tzinfo=UTC))
    with database.sessions.begin() as session:
        line = session.query(VisitProductLine).filter_by(visit_id=visit_id).one()
        line.cocktail_id = cocktail.id

    with pytest.raises(ValidationFailed, match="recorded in visits"):
        services.catalog.save_lot(replace(lot, lot_number="ZZZ"))
    with pytest.raises(ValidationFailed, match="recorded in visits"):
        services.catalog.save_lot(replace(lot, expires_on=date(2026, 1, 1)))
    with pytest.raises(ValidationFailed, match="recorded in visits"):
        services.catalog.save_product(replace(product, name="Other"))
    with pytest.raises(ValidationFailed, match="recorded in visits"):
        services.catalog.delete_cocktail(cocktail.id, cocktail.version)
    recounted = services.catalog.save_lot(replace(lot, on_hand=Decimal("4")))
    assert recounted.on_hand == Decimal("4") and recounted.lot_number == "RS-2411"
    assert [hit.visit_id for hit in services.catalog.recall("RS-2411")] == [visit_id]


def test_a_russian_name_may_be_added_to_a_used_product_but_then_stays(services, database):
    product = _new_product(services, "Rutin, 2 ml ampoule")
    lot = services.catalog.receive_lot(_lot(product, "RU-1", date(2030, 1, 1)))
    anna = services.patients.save(PatientCard(last_name="Смирнова", first_name="Анна"))
    record_use(database.sessions, anna.id, lot.id, datetime(2026, 3, 2, 9, tzinfo=UTC))

    named = services.catalog.save_product(replace(product, name_ru="  Рутин, ампула 2 мл "))

    assert named.name_ru == "Рутин, ампула 2 мл"
    assert services.catalog.list_products()[0].name_ru == "Рутин, ампула 2 мл"
    with pytest.raises(ValidationFailed, match="recorded in visits") as refused:
        services.catalog.save_product(replace(named, name_ru="Рутин"))
    assert "name_ru" in refused.value.errors


def test_an_unused_product_is_renamed_in_both_languages(services):
    product = services.catalog.save_product(
        replace(_new_product(services), name_ru="Тестовая сыворотка")
    )

    renamed = services.catalog.save_product(replace(product, name_ru="Сыворотка"))

    assert renamed.name_ru == "Сыворотка"


def test_a_quantity_no_shelf_could_hold_is_refused(services):
    product = _new_product(services)
    with pytest.raises(ValidationFailed) as refused:
        services.catalog.receive_lot(_lot(product, "A1", date(2030, 1, 1), on_hand="1e400"))
    assert "at most" in refused.value.errors["on_hand"]
    assert services.catalog.list_lots() == []
