"""The records a screen shows carry each product's and cocktail's Russian name beside its name,
read in the same queries, on both engines; a finding names them in the language it is shown in.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from mesodesk.domain.chart import CHART_UNRECORDED_CODE
from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.records import (
    CocktailLineRecord,
    CocktailRecord,
    IngredientRecord,
    LotRecord,
    ProductIngredientRecord,
    ProductLineRecord,
    ProductRecord,
)
from mesodesk.domain.vocabulary import IngredientGroup
from mesodesk.services.registry import Services
from tests.integration.safety_helpers import add_patient, allergic_to

EXPIRES = date.today() + timedelta(days=365)


def _product(services: Services, name: str, name_ru: str, number: str) -> tuple[int, int]:
    """A product (its id) and a lot of it (the lot's id)."""
    product = services.catalog.save_product(ProductRecord(id=None, name=name, name_ru=name_ru))
    lot = services.catalog.receive_lot(
        LotRecord(None, product.id, product.name, number, EXPIRES, Decimal("10"))
    )
    return product.id, lot.id


def _stock(services: Services) -> dict[str, int]:
    """Vitamin C with a Russian name, Rutin without, and a cocktail of both named in Russian."""
    ids: dict[str, int] = {}
    ids["vc"], ids["VC-1"] = _product(services, "Vitamin C 5%", "Витамин C 5%", "VC-1")
    ids["rutin"], ids["RT-1"] = _product(services, "Rutin 1%", "", "RT-1")
    cocktail = services.catalog.save_cocktail(
        CocktailRecord(
            id=None,
            name="Vascular cocktail",
            name_ru="Сосудистый коктейль",
            lines=(
                CocktailLineRecord(ids["vc"], "Vitamin C 5%", Decimal("2")),
                CocktailLineRecord(ids["rutin"], "Rutin 1%", Decimal("1")),
            ),
        )
    )
    assert cocktail.id is not None
    ids["cocktail"] = cocktail.id
    return ids


def _names(records) -> list[tuple[str, str]]:
    return [(r.product_name, r.product_name_ru) for r in records]


def test_lots_and_recipe_lines_carry_the_russian_name_beside_the_name(services):
    _stock(services)
    both = [("Rutin 1%", ""), ("Vitamin C 5%", "Витамин C 5%")]
    assert _names(services.catalog.list_lots()) == both
    assert _names(services.catalog.list_lots(usable_on=date.today())) == both
    (cocktail,) = services.catalog.list_cocktails()
    assert (cocktail.name, cocktail.name_ru) == ("Vascular cocktail", "Сосудистый коктейль")
    assert _names(cocktail.lines) == [("Vitamin C 5%", "Витамин C 5%"), ("Rutin 1%", "")]


def test_a_lot_received_or_edited_comes_back_with_its_products_russian_name(services):
    ids = _stock(services)
    (lot,) = services.catalog.list_lots(product_id=ids["vc"])
    saved = services.catalog.save_lot(replace(lot, on_hand=Decimal("9")))
    assert (saved.product_name, saved.product_name_ru) == ("Vitamin C 5%", "Витамин C 5%")


def test_opening_a_visit_gives_lines_lots_and_cocktails_with_both_names(services):
    ids = _stock(services)
    patient = add_patient(services)
    visit = services.visits.start_visit(patient.id, practitioner="Practitioner")
    lines = (_line(ids["VC-1"], "2", ids["cocktail"]), _line(ids["RT-1"], "1", None))
    services.visits.save(replace(visit, product_lines=lines))

    opening = services.visit_opening.open_visit(visit.id)

    shown = [
        (line.product_name, line.product_name_ru, line.cocktail_name, line.cocktail_name_ru)
        for line in opening.record.product_lines
    ]
    assert shown == [
        ("Vitamin C 5%", "Витамин C 5%", "Vascular cocktail", "Сосудистый коктейль"),
        ("Rutin 1%", "", "", ""),
    ]
    assert _names(opening.lots) == [("Rutin 1%", ""), ("Vitamin C 5%", "Витамин C 5%")]
    assert [(c.name, c.name_ru) for c in opening.cocktails] == [
        ("Vascular cocktail", "Сосудистый коктейль")
    ]


def test_a_signed_visit_gives_no_russian_name_for_a_cocktail_renamed_since(services):
    """The signed record keeps the cocktail's name as signed; the catalog's Russian name now
    belongs to another name, so the screens show the recorded one in both languages."""
    ids = _stock(services)
    patient = add_patient(services)
    visit = services.visits.start_visit(patient.id, practitioner="Practitioner")
    visit = services.visits.save(
        replace(visit, product_lines=(_line(ids["VC-1"], "2", ids["cocktail"]),))
    )
    services.visits.sign(services.visits.mark_done(visit))
    (cocktail,) = services.catalog.list_cocktails()
    services.catalog.save_cocktail(
        replace(cocktail, name="Renamed cocktail", name_ru="Новый коктейль")
    )

    (line,) = services.visits.get(visit.id).product_lines

    assert (line.product_name, line.product_name_ru) == ("Vitamin C 5%", "Витамин C 5%")
    assert (line.cocktail_name, line.cocktail_name_ru) == ("Vascular cocktail", "")


def test_a_lot_recall_names_the_product_in_both_languages(services):
    ids = _stock(services)
    patient = add_patient(services)
    visit = services.visits.start_visit(patient.id, practitioner="Practitioner")
    services.visits.save(replace(visit, product_lines=(_line(ids["VC-1"], "2", None),)))

    (hit,) = services.catalog.recall("VC-1")

    assert (hit.product_name, hit.product_name_ru) == ("Vitamin C 5%", "Витамин C 5%")


def test_a_chart_finding_names_the_lot_in_the_language_it_is_shown_in(services):
    ids = _stock(services)
    patient = add_patient(services)
    visit = services.visits.start_visit(patient.id, practitioner="Practitioner")
    services.visits.save(replace(visit, product_lines=(_line(ids["RT-1"], "1", None),)))
    for number, zone in (("VC-1", "thoracic"), ("RT-1", "lumbar")):
        x, y = load_diagram(DiagramName.BACK).zone(zone).label_point
        services.marks.add(
            MarkRecord(
                None,
                visit.id,
                DiagramName.BACK,
                MarkShape.POINT,
                (Point(x, y),),
                volume_ml=Decimal("0.5"),
                lot_id=ids[number],
            )
        )

    (unrecorded,) = [
        f for f in services.screening.screen_visit(visit.id) if f.code == CHART_UNRECORDED_CODE
    ]

    assert unrecorded.text("en") == (
        "0.5 ml of Vitamin C 5% (lot VC-1) is charted but no product line records it."
    )
    assert unrecorded.reason == unrecorded.text("en")
    assert "Витамин C 5% (серия VC-1)" in unrecorded.text("ru")


def test_an_allergy_finding_names_the_product_in_russian_on_a_russian_screen(services):
    lidocaine = services.catalog.save_ingredient(
        IngredientRecord(id=None, name="Lidocaine", name_ru="", group=IngredientGroup.OTHER)
    )
    product = services.catalog.save_product(
        ProductRecord(
            id=None,
            name="Anaesthetic mix",
            name_ru="Смесь с анестетиком",
            ingredients=(
                ProductIngredientRecord(lidocaine.id, "Lidocaine", "", IngredientGroup.OTHER),
            ),
        )
    )
    lot = services.catalog.receive_lot(
        LotRecord(None, product.id, product.name, "AN-1", EXPIRES, Decimal("10"))
    )
    patient = add_patient(services, anamnesis=allergic_to("lidocaine"))
    visit = services.visits.start_visit(patient.id, practitioner="Practitioner")
    services.visits.save(replace(visit, product_lines=(_line(lot.id, "1", None),)))

    (block,) = [
        f for f in services.screening.screen_visit(visit.id) if f.key == "allergy:lidocaine"
    ]

    assert '"Anaesthetic mix" contains Lidocaine' in block.reason
    assert "«Смесь с анестетиком» содержит" in block.text("ru")


def _line(lot_id: int, volume: str, cocktail_id: int | None) -> ProductLineRecord:
    return ProductLineRecord(lot_id=lot_id, volume_ml=Decimal(volume), cocktail_id=cocktail_id)
