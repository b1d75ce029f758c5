"""The starter catalog shipped with the app: it loads, matches domain.md and has no loose ends."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mesodesk.domain.catalog import (
    ProductIngredientSpec,
    StarterCatalog,
    default_catalog_path,
    load_starter_catalog,
    parse_starter_catalog,
)
from mesodesk.domain.vocabulary import Area, Indication, IngredientGroup


@pytest.fixture(scope="module")
def catalog() -> StarterCatalog:
    return load_starter_catalog()


@pytest.fixture
def raw() -> dict[str, Any]:
    return json.loads(default_catalog_path().read_text(encoding="utf-8"))


def test_the_shipped_catalog_loads_with_ingredients_products_and_cocktails(
    catalog: StarterCatalog,
) -> None:
    assert catalog.ingredients
    assert catalog.products
    assert catalog.cocktails


@pytest.mark.parametrize(
    ("product", "hyaluronic_acid", "trehalose"),
    [
        ("REVI Style", "1%", "0.15%"),
        ("REVI Silk", "1.2%", "0.25%"),
        ("REVI Strong", "1.5%", "0.3%"),
        ("REVI Eye", "1%", "0.2%"),
    ],
)
def test_revi_compositions_are_exactly_as_the_source_states(
    catalog: StarterCatalog, product: str, hyaluronic_acid: str, trehalose: str
) -> None:
    assert catalog.product(product).ingredients == (
        ProductIngredientSpec("Hyaluronic acid", hyaluronic_acid),
        ProductIngredientSpec("Trehalose", trehalose),
    )


@pytest.mark.parametrize(
    ("cocktail", "ingredients"),
    [
        ("Vitamin C, Nicotinic acid, Novocaine", {"Vitamin C", "Nicotinic acid", "Novocaine"}),
        ("Gentamicin, Lidocaine", {"Gentamicin", "Lidocaine"}),
    ],
)
def test_the_acne_cocktails_are_present_with_their_named_ingredients(
    catalog: StarterCatalog, cocktail: str, ingredients: set[str]
) -> None:
    spec = catalog.cocktail(cocktail)
    used = {
        part.ingredient for line in spec.lines for part in catalog.product(line.product).ingredients
    }

    assert used == ingredients
    assert Indication.ACNE in spec.indications
    assert Area.FACE in spec.areas


def test_the_vascular_cocktail_uses_the_components_from_seed_000(catalog: StarterCatalog) -> None:
    spec = catalog.cocktail("Vascular cocktail")
    used = {
        part.ingredient for line in spec.lines for part in catalog.product(line.product).ingredients
    }

    assert used == {
        "Rutin",
        "Pentoxifylline",
        "Ginkgo biloba extract",
        "Melilot extract",
        "Arnica",
        "Organic silicon",
    }
    assert spec.areas == (Area.VASCULAR,)


def test_every_reference_resolves(catalog: StarterCatalog) -> None:
    for product in catalog.products:
        for part in product.ingredients:
            assert catalog.ingredient(part.ingredient)
    for cocktail in catalog.cocktails:
        for line in cocktail.lines:
            assert catalog.product(line.product)
            assert line.volume_ml > 0


def test_sourced_details_are_kept(catalog: StarterCatalog) -> None:
    glycolic = catalog.product("Glycolic acid 1%, 2 ml ampoule")
    assert glycolic.pack == "2 ml ampoule"
    assert glycolic.ingredients == (ProductIngredientSpec("Glycolic acid", "1%"),)
    assert catalog.product("Placentex, 3 ml ampoule").pack == "3 ml ampoule"
    assert catalog.ingredient("Arnica").homeopathic
    assert catalog.ingredient("Lidocaine").group is IngredientGroup.ANAESTHETIC
    assert catalog.ingredient("Novocaine").group is IngredientGroup.ANAESTHETIC
    assert catalog.ingredient("Gentamicin").group is IngredientGroup.ANTIBIOTIC


def test_cocktail_volumes_are_exact_decimals(catalog: StarterCatalog) -> None:
    lines = catalog.cocktail("Gentamicin, Lidocaine").lines

    assert all(isinstance(line.volume_ml, Decimal) for line in lines)
    assert sum((line.volume_ml for line in lines), Decimal(0)) == Decimal("2.0")


def test_a_product_naming_an_unknown_ingredient_is_rejected(raw: dict[str, Any]) -> None:
    raw["products"][0]["ingredients"][0]["name"] = "Unobtainium"

    with pytest.raises(ValueError, match="Unobtainium"):
        parse_starter_catalog(raw)


def test_a_cocktail_using_an_unknown_product_is_rejected(raw: dict[str, Any]) -> None:
    raw["cocktails"][0]["lines"][0]["product"] = "Missing ampoule"

    with pytest.raises(ValueError, match="Missing ampoule"):
        parse_starter_catalog(raw)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("ingredients", 0, "group"), "magic", "group"),
        (("products", 0, "unit"), "litre", "unit"),
        (("cocktails", 0, "areas"), ["elbow"], "areas"),
        (("cocktails", 0, "lines", 0, "volume_ml"), 2.0, "decimal string"),
        (("cocktails", 0, "lines", 0, "volume_ml"), "0", "above zero"),
        (("cocktails", 0, "lines"), [], "must not be empty"),
    ],
)
def test_malformed_entries_are_rejected_with_their_place(
    raw: dict[str, Any], path: tuple[Any, ...], value: Any, message: str
) -> None:
    changed = copy.deepcopy(raw)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value

    with pytest.raises(ValueError, match=message):
        parse_starter_catalog(changed)


def test_a_duplicate_name_is_rejected(raw: dict[str, Any]) -> None:
    raw["ingredients"].append(dict(raw["ingredients"][0]))

    with pytest.raises(ValueError, match="twice"):
        parse_starter_catalog(raw)


def test_a_misspelt_key_is_rejected_rather_than_ignored(raw: dict[str, Any]) -> None:
    raw["cocktails"][0]["lines"][0]["volume_mL"] = raw["cocktails"][0]["lines"][0].pop("volume_ml")

    with pytest.raises(ValueError, match="volume_m"):
        parse_starter_catalog(raw)


def test_a_file_that_is_not_json_gives_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "catalog.json"
    broken.write_text("{not json", encoding="utf-8")

    with pytest.raises(ValueError, match="not valid JSON"):
        load_starter_catalog(broken)
