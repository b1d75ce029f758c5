"""The starter catalog shipped with the app: ingredients, products and cocktails as plain data.

A seed step copies it into the database once, as editable rows; the practitioner's own catalog
grows from there. Loading checks every reference, so a typo in the JSON fails at start-up with
the offending name instead of leaving a cocktail that points at nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from mesodesk.domain.lots import UNITS
from mesodesk.domain.vocabulary import Area, Indication, IngredientGroup
from mesodesk.paths import resource_path

_E = TypeVar("_E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class IngredientSpec:
    """An active substance; allergy checks match a patient's allergies against these names."""

    name: str
    name_ru: str
    group: IngredientGroup
    homeopathic: bool = False


@dataclass(frozen=True, slots=True)
class ProductIngredientSpec:
    """One ingredient of a product, with its concentration where the source states it."""

    ingredient: str
    concentration: str | None = None


@dataclass(frozen=True, slots=True)
class ProductSpec:
    """Something on the shelf that lots are bought of; `unit` is how its stock is counted."""

    name: str
    name_ru: str
    manufacturer: str | None
    form: str
    pack: str
    unit: str
    ingredients: tuple[ProductIngredientSpec, ...]


@dataclass(frozen=True, slots=True)
class CocktailLineSpec:
    """How much of one product goes into a cocktail, in millilitres."""

    product: str
    volume_ml: Decimal


@dataclass(frozen=True, slots=True)
class CocktailSpec:
    """A named recipe the practitioner starts from and adjusts per patient."""

    name: str
    name_ru: str
    areas: tuple[Area, ...]
    indications: tuple[Indication, ...]
    lines: tuple[CocktailLineSpec, ...]


@dataclass(frozen=True, slots=True)
class StarterCatalog:
    """The whole starter catalog, every reference already checked."""

    ingredients: tuple[IngredientSpec, ...]
    products: tuple[ProductSpec, ...]
    cocktails: tuple[CocktailSpec, ...]

    def ingredient(self, name: str) -> IngredientSpec:
        """The ingredient of that name; KeyError if the catalog has none."""
        return _by_name(self.ingredients, name, "ingredient")

    def product(self, name: str) -> ProductSpec:
        """The product of that name; KeyError if the catalog has none."""
        return _by_name(self.products, name, "product")

    def cocktail(self, name: str) -> CocktailSpec:
        """The cocktail of that name; KeyError if the catalog has none."""
        return _by_name(self.cocktails, name, "cocktail")


def default_catalog_path() -> Path:
    """Where the shipped starter catalog lives."""
    return resource_path("catalog", "starter_catalog.json")


def load_starter_catalog(path: Path | None = None) -> StarterCatalog:
    """Read and check the starter catalog; ValueError names the first problem found."""
    source = path or default_catalog_path()
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"The starter catalog {source.name} is not valid JSON: {error}") from error
    return parse_starter_catalog(raw)


def parse_starter_catalog(raw: Any) -> StarterCatalog:
    """Build the catalog from already-decoded JSON, checking types, enums and references."""
    top = _mapping(raw, "The starter catalog", {"ingredients", "products", "cocktails"})
    ingredients = tuple(
        _ingredient(item, f"ingredients[{i}]")
        for i, item in enumerate(_list(top["ingredients"], "ingredients"))
    )
    products = tuple(
        _product(item, f"products[{i}]")
        for i, item in enumerate(_list(top["products"], "products"))
    )
    cocktails = tuple(
        _cocktail(item, f"cocktails[{i}]")
        for i, item in enumerate(_list(top["cocktails"], "cocktails"))
    )
    _unique((i.name for i in ingredients), "ingredient")
    _unique((p.name for p in products), "product")
    _unique((c.name for c in cocktails), "cocktail")
    known_ingredients = {i.name for i in ingredients}
    for product in products:
        for part in product.ingredients:
            if part.ingredient not in known_ingredients:
                raise ValueError(
                    f"Product '{product.name}' lists ingredient '{part.ingredient}', "
                    "which is not in the catalog's ingredients."
                )
    known_products = {p.name for p in products}
    for cocktail in cocktails:
        for line in cocktail.lines:
            if line.product not in known_products:
                raise ValueError(
                    f"Cocktail '{cocktail.name}' uses product '{line.product}', "
                    "which is not in the catalog's products."
                )
    return StarterCatalog(ingredients, products, cocktails)


def _ingredient(raw: Any, where: str) -> IngredientSpec:
    item = _mapping(raw, where, {"name", "name_ru", "group"}, optional={"homeopathic"})
    homeopathic = item.get("homeopathic", False)
    if not isinstance(homeopathic, bool):
        raise ValueError(f"{where}.homeopathic must be true or false, not {homeopathic!r}.")
    return IngredientSpec(
        name=_text(item["name"], f"{where}.name"),
        name_ru=_text(item["name_ru"], f"{where}.name_ru"),
        group=_enum(IngredientGroup, item["group"], f"{where}.group"),
        homeopathic=homeopathic,
    )


def _product(raw: Any, where: str) -> ProductSpec:
    item = _mapping(
        raw, where, {"name", "name_ru", "manufacturer", "form", "pack", "unit", "ingredients"}
    )
    unit = _text(item["unit"], f"{where}.unit")
    if unit not in UNITS:
        raise ValueError(f"{where}.unit is '{unit}'; use one of: {', '.join(sorted(UNITS))}.")
    manufacturer = item["manufacturer"]
    parts = _list(item["ingredients"], f"{where}.ingredients", non_empty=True)
    return ProductSpec(
        name=_text(item["name"], f"{where}.name"),
        name_ru=_text(item["name_ru"], f"{where}.name_ru"),
        manufacturer=None if manufacturer is None else _text(manufacturer, f"{where}.manufacturer"),
        form=_text(item["form"], f"{where}.form"),
        pack=_text(item["pack"], f"{where}.pack"),
        unit=unit,
        ingredients=tuple(
            _product_ingredient(part, f"{where}.ingredients[{i}]") for i, part in enumerate(parts)
        ),
    )


def _product_ingredient(raw: Any, where: str) -> ProductIngredientSpec:
    item = _mapping(raw, where, {"name"}, optional={"concentration"})
    concentration = item.get("concentration")
    return ProductIngredientSpec(
        ingredient=_text(item["name"], f"{where}.name"),
        concentration=None
        if concentration is None
        else _text(concentration, f"{where}.concentration"),
    )


def _cocktail(raw: Any, where: str) -> CocktailSpec:
    item = _mapping(raw, where, {"name", "name_ru", "areas", "indications", "lines"})
    lines = _list(item["lines"], f"{where}.lines", non_empty=True)
    return CocktailSpec(
        name=_text(item["name"], f"{where}.name"),
        name_ru=_text(item["name_ru"], f"{where}.name_ru"),
        areas=_enums(Area, item["areas"], f"{where}.areas"),
        indications=_enums(Indication, item["indications"], f"{where}.indications"),
        lines=tuple(_line(line, f"{where}.lines[{i}]") for i, line in enumerate(lines)),
    )


def _line(raw: Any, where: str) -> CocktailLineSpec:
    item = _mapping(raw, where, {"product", "volume_ml"})
    text = item["volume_ml"]
    if not isinstance(text, str):
        raise ValueError(f'{where}.volume_ml must be a decimal string such as "2.0", not {text!r}.')
    try:
        volume = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(f"{where}.volume_ml '{text}' is not a number.") from error
    if not volume.is_finite() or volume <= 0:
        raise ValueError(f"{where}.volume_ml must be above zero, not '{text}'.")
    return CocktailLineSpec(product=_text(item["product"], f"{where}.product"), volume_ml=volume)


def _mapping(
    raw: Any, where: str, required: set[str], optional: frozenset[str] | set[str] = frozenset()
) -> Mapping[str, Any]:
    """A JSON object with exactly the expected keys: a misspelt key is an error, not a default."""
    if not isinstance(raw, dict):
        raise ValueError(f"{where} must be an object, not {type(raw).__name__}.")
    missing = required - raw.keys()
    if missing:
        raise ValueError(f"{where} is missing: {', '.join(sorted(missing))}.")
    unknown = raw.keys() - required - optional
    if unknown:
        raise ValueError(f"{where} has unknown keys: {', '.join(sorted(unknown))}.")
    return raw


def _list(raw: Any, where: str, non_empty: bool = False) -> list[Any]:
    if not isinstance(raw, list):
        raise ValueError(f"{where} must be a list, not {type(raw).__name__}.")
    if non_empty and not raw:
        raise ValueError(f"{where} must not be empty.")
    return raw


def _text(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"{where} must be non-empty text, not {raw!r}.")
    return raw.strip()


def _enum(kind: type[_E], raw: Any, where: str) -> _E:
    try:
        return kind(raw)
    except ValueError as error:
        allowed = ", ".join(member.value for member in kind)
        raise ValueError(f"{where} is {raw!r}; use one of: {allowed}.") from error


def _enums(kind: type[_E], raw: Any, where: str) -> tuple[_E, ...]:
    return tuple(_enum(kind, value, f"{where}[{i}]") for i, value in enumerate(_list(raw, where)))


_N = TypeVar("_N", IngredientSpec, ProductSpec, CocktailSpec)


def _by_name(items: Iterable[_N], name: str, kind: str) -> _N:
    for item in items:
        if item.name == name:
            return item
    raise KeyError(f"The starter catalog has no {kind} named '{name}'.")


def _unique(names: Iterable[str], kind: str) -> None:
    """Names are the keys references use, so two entries of one name would be ambiguous."""
    seen: set[str] = set()
    for name in names:
        key = name.casefold()
        if key in seen:
            raise ValueError(f"The starter catalog names the {kind} '{name}' twice.")
        seen.add(key)
