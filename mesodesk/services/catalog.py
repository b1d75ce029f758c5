"""The clinic's catalog: ingredients, products, lots on the shelf, cocktails, and lot recall.

The starter catalog is copied in once per database; after that every row is the clinic's own,
so a deleted starter row stays deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Row, Select, bindparam, delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from mesodesk.domain import limits
from mesodesk.domain.catalog import StarterCatalog, load_starter_catalog
from mesodesk.domain.catalog_records import RecallHit
from mesodesk.domain.lots import UNITS
from mesodesk.domain.patient import full_name
from mesodesk.domain.records import (
    CocktailLineRecord,
    CocktailRecord,
    IngredientRecord,
    LotRecord,
    ProductIngredientRecord,
    ProductRecord,
)
from mesodesk.domain.users import Permission
from mesodesk.domain.vocabulary import Area, Indication, IngredientGroup, VisitStatus
from mesodesk.models import (
    ClinicSetting,
    Cocktail,
    CocktailLine,
    Ingredient,
    InjectionMark,
    Lot,
    Patient,
    Product,
    ProductIngredient,
    Visit,
    VisitProductLine,
)
from mesodesk.models.base import columns_of, utcnow
from mesodesk.services.access import Access
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ValidationFailed

STARTER_KEY = "starter_catalog"
"""The clinic setting that records the starter catalog was loaded, so it is loaded only once."""


MAX_AMOUNT = limits.AMOUNT_MAX
"""The largest quantity a lot or recipe line can hold: what the database column stores."""


class CatalogService(Service):
    def __init__(
        self, sessions: Any, starter: StarterCatalog | None = None, access: Access | None = None
    ) -> None:
        super().__init__(sessions, access)
        self._starter = starter

    # --- the starter catalog ----------------------------------------------------------------

    def ensure_starter_catalog(self) -> bool:
        """Copy the starter catalog in if this database never had it; True when it was copied.

        Rows already present under the same name are left as the clinic edited them.
        """
        with self._read(needs=None) as session:
            if session.get(ClinicSetting, STARTER_KEY) is not None:
                return False
        starter = self._starter or load_starter_catalog()
        with self._write(exclusive=STARTER_KEY, needs=None) as session:
            if session.get(ClinicSetting, STARTER_KEY) is not None:
                return False  # another workstation loaded it at the same moment
            session.add(ClinicSetting(key=STARTER_KEY, value={"loaded_at": utcnow().isoformat()}))
            session.flush()
            _seed(session, starter)
        return True

    # --- ingredients ------------------------------------------------------------------------

    def list_ingredients(self) -> list[IngredientRecord]:
        with self._read(needs=None) as session:
            rows = session.scalars(select(Ingredient).order_by(func.lower(Ingredient.name)))
            return [_ingredient(row) for row in rows]

    def save_ingredient(self, record: IngredientRecord) -> IngredientRecord:
        errors: dict[str, str] = {}
        limits.check_text(errors, "name", record.name, limits.INGREDIENT_NAME)
        limits.check_text(errors, "name_ru", record.name_ru, limits.INGREDIENT_NAME)
        _check_choices(errors, "group", IngredientGroup, (record.group,))
        if errors:
            raise ValidationFailed(errors)
        name = record.name.strip()
        with self._write(needs=Permission.CLINIC) as session:
            errors = _name_errors(session, Ingredient, name, record.id, "ingredient")
            if errors:
                raise ValidationFailed(errors)
            if record.id is None:
                row = Ingredient(builtin=False)
                session.add(row)
            else:
                row = _get(session, Ingredient, record.id, "ingredient")
                self._check_version(row.version, record.version)
            row.name = name
            row.name_ru = record.name_ru.strip()
            row.group = IngredientGroup(record.group).value
            row.homeopathic = record.homeopathic
            session.flush()
            return _ingredient(row)

    def delete_ingredient(self, ingredient_id: int, version: int) -> None:
        """Delete an ingredient no product contains; otherwise say which products do."""
        with self._write(needs=Permission.CLINIC) as session:
            row = _get(session, Ingredient, ingredient_id, "ingredient")
            self._check_version(row.version, version)
            users = _names_of(
                session,
                select(Product.name)
                .join(ProductIngredient, ProductIngredient.product_id == Product.id)
                .where(ProductIngredient.ingredient_id == ingredient_id),
            )
            if users:
                raise ValidationFailed(
                    {
                        "delete": f"{row.name} is an ingredient of {users}. "
                        "Remove it from those products first."
                    }
                )
            session.delete(row)

    # --- products ---------------------------------------------------------------------------

    def list_products(self) -> list[ProductRecord]:
        with self._read(needs=None) as session:
            rows = list(session.scalars(select(Product).order_by(func.lower(Product.name))))
            parts = _compositions(session, [row.id for row in rows])
            return [_product(row, parts.get(row.id, ())) for row in rows]

    def product_compositions(self, product_ids: Iterable[int]) -> dict[int, ProductRecord]:
        """The products asked for, with their ingredients (allergy screening reads these)."""
        with self._read(needs=None) as session:
            return product_compositions(session, product_ids)

    def save_product(self, record: ProductRecord) -> ProductRecord:
        """Create or update a product together with its ingredient list.

        The Russian name is what Russian documents print; it can be added to a product already
        used in visits, but once set it stays as those visits were printed, like the name.
        """
        errors: dict[str, str] = {}
        limits.check_text(errors, "name", record.name, limits.PRODUCT_NAME)
        limits.check_text(errors, "name_ru", record.name_ru, limits.PRODUCT_NAME)
        limits.check_text(errors, "manufacturer", record.manufacturer, limits.MANUFACTURER)
        limits.check_text(errors, "form", record.form, limits.PRODUCT_FORM)
        limits.check_text(errors, "pack", record.pack, limits.PRODUCT_PACK)
        if len(record.ingredients) > limits.INGREDIENTS_PER_PRODUCT:
            errors["ingredients"] = (
                f"A product can list at most {limits.INGREDIENTS_PER_PRODUCT} ingredients."
            )
        for part in record.ingredients:
            if part.concentration is not None:
                limits.check_text(errors, "ingredients", part.concentration, limits.CONCENTRATION)
        if errors:
            raise ValidationFailed(errors)
        name = record.name.strip()
        name_ru = record.name_ru.strip()
        with self._write(needs=Permission.CLINIC) as session:
            errors = _name_errors(session, Product, name, record.id, "product")
            if record.unit not in UNITS:
                errors["unit"] = "Count the stock in millilitres or in units."
            seen: set[int] = set()
            for part in record.ingredients:
                if part.ingredient_id in seen:
                    errors["ingredients"] = f"{part.name} is listed twice; list it once."
                seen.add(part.ingredient_id)
            if seen:
                found = set(session.scalars(select(Ingredient.id).where(Ingredient.id.in_(seen))))
                if found != seen:
                    errors["ingredients"] = (
                        "An ingredient of this product was deleted meanwhile; "
                        "reload the catalog and choose again."
                    )
            if (
                record.id is not None
                and not record.ingredients
                and _has_ingredients(session, record.id)
            ):
                _lock_lots_of(session, record.id)  # no visit takes one while this is checked
                if _product_used_in_visits(session, record.id):
                    errors["ingredients"] = (
                        "This product is recorded in visits, whose screening reads its "
                        "composition; it cannot be left without ingredients."
                    )
            if errors:
                raise ValidationFailed(errors)
            if record.id is None:
                row = Product(builtin=False)
                session.add(row)
            else:
                row = _get(session, Product, record.id, "product")
                self._check_version(row.version, record.version)
                renamed = row.name != name or row.unit != record.unit
                renamed_ru = bool(row.name_ru) and row.name_ru != name_ru
                if (renamed or renamed_ru) and _product_used_in_visits(session, row.id):
                    field = "name" if renamed else "name_ru"
                    raise ValidationFailed(
                        {
                            field: f"{row.name} is recorded in visits; its names and unit stay "
                            "as recorded there (a missing Russian name may still be added). "
                            "Add a new product instead."
                        }
                    )
            row.name = name
            row.name_ru = name_ru
            row.manufacturer = record.manufacturer.strip()
            row.form = record.form.strip()
            row.pack = record.pack.strip()
            row.unit = record.unit
            flag_modified(row, "name")  # a new composition alone still takes a new version
            session.flush()
            session.execute(
                delete(ProductIngredient)
                .where(ProductIngredient.product_id == row.id)
                .execution_options(synchronize_session=False)
            )
            for part in record.ingredients:
                concentration = (part.concentration or "").strip() or None
                session.add(
                    ProductIngredient(
                        product_id=row.id,
                        ingredient_id=part.ingredient_id,
                        concentration=concentration,
                    )
                )
            session.flush()
            return _product(row, _compositions(session, [row.id]).get(row.id, ()))

    def delete_product(self, product_id: int, version: int) -> None:
        """Delete a product with no lots and in no cocktail; otherwise say what holds it."""
        with self._write(needs=Permission.CLINIC) as session:
            row = _get(session, Product, product_id, "product")
            self._check_version(row.version, version)
            lots = session.scalar(select(func.count(Lot.id)).where(Lot.product_id == product_id))
            if lots:
                raise ValidationFailed(
                    {
                        "delete": f"{row.name} has {lots} lot{'s' if lots != 1 else ''} "
                        "on record, which visits may refer to; it cannot be deleted."
                    }
                )
            cocktails = _names_of(
                session,
                select(Cocktail.name)
                .join(CocktailLine, CocktailLine.cocktail_id == Cocktail.id)
                .where(CocktailLine.product_id == product_id),
            )
            if cocktails:
                raise ValidationFailed(
                    {
                        "delete": f"{row.name} is used in the cocktail {cocktails}. "
                        "Remove it from the recipe first."
                    }
                )
            session.delete(row)

    # --- lots -------------------------------------------------------------------------------

    def list_lots(
        self, usable_on: date | None = None, product_id: int | None = None
    ) -> list[LotRecord]:
        """Lots by product and expiry; with `usable_on`, only unexpired lots with stock left."""
        with self._read(needs=None) as session:
            return lots_in(session, usable_on, product_id)

    def receive_lot(self, record: LotRecord) -> LotRecord:
        """Put a new lot on the shelf."""
        return self._store_lot(record, new=True)

    def save_lot(self, record: LotRecord) -> LotRecord:
        """Correct a lot (number, expiry, quantity on hand)."""
        if record.id is None:
            return self.receive_lot(record)
        return self._store_lot(record, new=False)

    def delete_lot(self, lot_id: int, version: int) -> None:
        """Delete a lot entered by mistake; one used in a visit must stay for recalls."""
        with self._write(needs=Permission.CLINIC) as session:
            row = _get(session, Lot, lot_id, "lot")
            self._check_version(row.version, version)
            used = session.scalar(
                select(func.count(func.distinct(VisitProductLine.visit_id))).where(
                    VisitProductLine.lot_id == lot_id
                )
            ) or session.scalar(
                select(func.count(func.distinct(InjectionMark.visit_id))).where(
                    InjectionMark.lot_id == lot_id
                )
            )
            if used:
                raise ValidationFailed(
                    {
                        "delete": f"Lot {row.lot_number} was used in {used} "
                        f"visit{'s' if used != 1 else ''}; it is kept so a recall can find "
                        "the patients."
                    }
                )
            session.delete(row)

    def _store_lot(self, record: LotRecord, new: bool) -> LotRecord:
        errors: dict[str, str] = {}
        limits.check_text(errors, "lot_number", record.lot_number, limits.LOT_NUMBER)
        number = record.lot_number.strip() if "lot_number" not in errors else ""
        if not number and "lot_number" not in errors:
            errors["lot_number"] = "Enter the lot number printed on the pack."
        if not isinstance(record.expires_on, date):
            errors["expires_on"] = "Enter the expiry date printed on the pack."
        elif (problem := limits.day_problem(record.expires_on)) is not None:
            errors["expires_on"] = problem
        on_hand = record.on_hand
        if not isinstance(on_hand, Decimal) or not on_hand.is_finite():
            errors["on_hand"] = "Enter the quantity on hand as a number."
        elif on_hand < 0:
            errors["on_hand"] = "The quantity on hand cannot be below zero."
        elif on_hand > MAX_AMOUNT:
            errors["on_hand"] = f"Enter at most {MAX_AMOUNT}; larger numbers are a typing slip."
        elif (problem := limits.amount_problem(on_hand, allow_zero=True)) is not None:
            errors["on_hand"] = problem
        with self._write(needs=Permission.CLINIC) as session:
            product = session.get(Product, record.product_id)
            if product is None:
                errors["product_id"] = "Choose the product this lot is of."
            elif (
                "on_hand" not in errors
                and product.unit == "unit"
                and on_hand != on_hand.to_integral_value()
            ):
                errors["on_hand"] = f"{product.name} is counted in whole units."
            if number and product is not None:
                # compared in Python: SQLite's lower() folds ASCII letters only
                others = session.execute(
                    select(Lot.id, Lot.lot_number).where(Lot.product_id == product.id)
                )
                if any(
                    other_id != record.id and _same_text(other, number)
                    for other_id, other in others
                ):
                    errors["lot_number"] = (
                        f"Lot {number} of {product.name} is already on record; "
                        "edit that lot instead."
                    )
            if errors:
                raise ValidationFailed(errors)
            assert product is not None
            if new:
                row = Lot(product_id=product.id)
                session.add(row)
            else:
                assert record.id is not None
                row = _get(session, Lot, record.id, "lot")
                self._check_version(row.version, record.version)
                changes_identity = (
                    row.product_id != product.id
                    or row.lot_number != number
                    or row.expires_on != record.expires_on
                )
                if changes_identity and _used_in_visits(session, VisitProductLine.lot_id, row.id):
                    raise ValidationFailed(
                        {
                            "lot_number": f"Lot {row.lot_number} is recorded in visits; its "
                            "product, number and expiry stay as recorded. Only the quantity "
                            "on hand can change."
                        }
                    )
                row.product_id = product.id
            row.lot_number = number
            row.expires_on = record.expires_on
            row.on_hand = on_hand
            session.flush()
            return _lot(row, product.name, product.unit, product.name_ru)

    # --- cocktails --------------------------------------------------------------------------

    def list_cocktails(self) -> list[CocktailRecord]:
        with self._read(needs=None) as session:
            return cocktails_in(session)

    def save_cocktail(self, record: CocktailRecord) -> CocktailRecord:
        """Create or update a recipe with its lines, in the order given."""
        errors: dict[str, str] = {}
        limits.check_text(errors, "name", record.name, limits.COCKTAIL_NAME)
        limits.check_text(errors, "name_ru", record.name_ru, limits.COCKTAIL_NAME)
        limits.check_text(errors, "notes", record.notes, limits.COCKTAIL_NOTES, multiline=True)
        _check_choices(errors, "areas", Area, record.areas)
        _check_choices(errors, "indications", Indication, record.indications)
        if len(record.lines) > limits.COCKTAIL_LINES:
            errors["lines"] = f"A recipe can hold at most {limits.COCKTAIL_LINES} products."
        if errors:
            raise ValidationFailed(errors)
        name = record.name.strip()
        with self._write(needs=Permission.CLINIC) as session:
            errors = _name_errors(session, Cocktail, name, record.id, "cocktail")
            if not record.lines:
                errors["lines"] = "Add at least one product to the recipe."
            for line in record.lines:
                problem = limits.amount_problem(line.volume_ml)
                if problem is not None:
                    errors["lines"] = f"The volume of {line.product_name}: {problem}"
            product_ids = {line.product_id for line in record.lines}
            if product_ids:
                found = set(session.scalars(select(Product.id).where(Product.id.in_(product_ids))))
                if found != product_ids:
                    errors["lines"] = (
                        "A product of this recipe was deleted meanwhile; "
                        "reload the catalog and choose again."
                    )
            if errors:
                raise ValidationFailed(errors)
            if record.id is None:
                row = Cocktail(builtin=False)
                session.add(row)
            else:
                row = _get(session, Cocktail, record.id, "cocktail")
                self._check_version(row.version, record.version)
            row.name = name
            row.name_ru = record.name_ru.strip()
            row.areas = [Area(area).value for area in record.areas]
            row.indications = [Indication(item).value for item in record.indications]
            row.notes = record.notes.strip()
            flag_modified(row, "name")  # a new recipe alone still takes a new version
            session.flush()
            session.execute(
                delete(CocktailLine)
                .where(CocktailLine.cocktail_id == row.id)
                .execution_options(synchronize_session=False)
            )
            for position, line in enumerate(record.lines):
                session.add(
                    CocktailLine(
                        cocktail_id=row.id,
                        product_id=line.product_id,
                        volume_ml=line.volume_ml,
                        position=position,
                    )
                )
            session.flush()
            return _cocktail(row, _cocktail_lines(session, [row.id]).get(row.id, ()))

    def delete_cocktail(self, cocktail_id: int, version: int) -> None:
        """Delete a recipe no visit has used; a used one stays so signed records stay whole."""
        with self._write(needs=Permission.CLINIC) as session:
            row = _get(session, Cocktail, cocktail_id, "cocktail")
            self._check_version(row.version, version)
            if _used_in_visits(
                session, VisitProductLine.cocktail_id, cocktail_id
            ) or _used_in_visits(session, InjectionMark.cocktail_id, cocktail_id):
                raise ValidationFailed(
                    {
                        "delete": f"{row.name} is recorded in visits; it is kept so those "
                        "records stay complete."
                    }
                )
            session.delete(row)

    # --- recall -----------------------------------------------------------------------------

    def recall(self, lot_number: str) -> list[RecallHit]:
        """Every visit that used a lot of this number (any product, any case), oldest first."""
        problem = limits.text_problem(lot_number, limits.LOT_NUMBER)
        if problem is not None:
            raise ValidationFailed({"lot_number": problem})
        number = lot_number.strip()
        if not number:
            return []
        with self._read(needs=None) as session:
            # compared in Python: SQLite's lower() folds ASCII letters only
            lot_ids = [
                lot_id
                for lot_id, other in session.execute(select(Lot.id, Lot.lot_number))
                if _same_text(other, number)
            ]
        if not lot_ids:
            return []
        statement = (
            select(
                Patient.id,
                Patient.last_name,
                Patient.first_name,
                Patient.middle_name,
                Visit.id,
                Visit.starts_at,
                Visit.status,
                VisitProductLine.volume_ml,
                Product.name,
                Product.unit,
                Lot.lot_number,
                Product.name_ru,
            )
            .select_from(VisitProductLine)
            .join(Lot, Lot.id == VisitProductLine.lot_id)
            .join(Product, Product.id == Lot.product_id)
            .join(Visit, Visit.id == VisitProductLine.visit_id)
            .join(Patient, Patient.id == Visit.patient_id)
            .where(Lot.id.in_(lot_ids))
            .order_by(Visit.starts_at, Visit.id, VisitProductLine.position)
        )
        with self._read(needs=None) as session:
            return [
                RecallHit(
                    patient_id=r[0],
                    patient_name=full_name(r[1], r[2], r[3]),
                    visit_id=r[4],
                    visit_at=r[5],
                    visit_status=VisitStatus(r[6]),
                    volume_ml=r[7],
                    product_name=r[8],
                    unit=r[9],
                    lot_number=r[10],
                    product_name_ru=r[11],
                )
                for r in session.execute(statement)
            ]


# --- seeding --------------------------------------------------------------------------------


def _seed(session: Session, starter: StarterCatalog) -> None:
    ingredient_ids = _existing(session, Ingredient, [i.name for i in starter.ingredients])
    for spec in starter.ingredients:
        if spec.name not in ingredient_ids:
            row = Ingredient(
                name=spec.name,
                name_ru=spec.name_ru,
                group=spec.group.value,
                homeopathic=spec.homeopathic,
                builtin=True,
            )
            session.add(row)
            session.flush()
            ingredient_ids[spec.name] = row.id
    product_ids = _existing(session, Product, [p.name for p in starter.products])
    for product in starter.products:
        if product.name in product_ids:
            continue
        product_row = Product(
            name=product.name,
            name_ru=product.name_ru,
            manufacturer=product.manufacturer or "",
            form=product.form,
            pack=product.pack,
            unit=product.unit,
            builtin=True,
        )
        session.add(product_row)
        session.flush()
        product_ids[product.name] = product_row.id
        session.add_all(
            ProductIngredient(
                product_id=product_row.id,
                ingredient_id=ingredient_ids[part.ingredient],
                concentration=part.concentration,
            )
            for part in product.ingredients
        )
    cocktail_names = _existing(session, Cocktail, [c.name for c in starter.cocktails])
    for recipe in starter.cocktails:
        if recipe.name in cocktail_names:
            continue
        cocktail = Cocktail(
            name=recipe.name,
            name_ru=recipe.name_ru,
            areas=[area.value for area in recipe.areas],
            indications=[item.value for item in recipe.indications],
            builtin=True,
        )
        session.add(cocktail)
        session.flush()
        session.add_all(
            CocktailLine(
                cocktail_id=cocktail.id,
                product_id=product_ids[line.product],
                volume_ml=line.volume_ml,
                position=position,
            )
            for position, line in enumerate(recipe.lines)
        )
    session.flush()


def _existing(
    session: Session, table: type[Ingredient] | type[Product] | type[Cocktail], names: list[str]
) -> dict[str, int]:
    """Name -> id of the rows among `names` that the clinic already has."""
    statement = select(table.name, table.id).where(table.name.in_(names))
    return dict(session.execute(statement).all())


# --- helpers --------------------------------------------------------------------------------


def _check_choices(
    errors: dict[str, str], field: str, kind: type[StrEnum], values: Iterable[object]
) -> None:
    """Refuse a value that is not one of the vocabulary's."""
    if not limits.all_chosen(kind, values):
        errors.setdefault(field, "Choose from the list.")


def _get(session: Session, table: Any, row_id: int, kind: str) -> Any:
    row = session.get(table, row_id)
    if row is None:
        raise NotFound(f"This {kind} is no longer in the catalog; it was deleted meanwhile.")
    return row


def _name_errors(
    session: Session, table: Any, name: str, own_id: int | None, kind: str
) -> dict[str, str]:
    if not name:
        return {"name": f"Enter the {kind}'s name."}
    # a catalog holds hundreds of names, not millions: compared in Python, which folds every
    # script's case the same on both engines (SQLite's lower() folds ASCII letters only)
    for other_id, other in session.execute(select(table.id, table.name)):
        if other_id != own_id and _same_text(other, name):
            return {"name": f"The catalog already has {kind} named {name}; choose another name."}
    return {}


def _has_ingredients(session: Session, product_id: int) -> bool:
    """Whether the stored product lists ingredients (one without any never had a screened
    composition to lose)."""
    listed = select(ProductIngredient.product_id).where(ProductIngredient.product_id == product_id)
    return session.scalar(listed.limit(1)) is not None


def _same_text(first: str, second: str) -> bool:
    """Equal but for letter case, in any script."""
    return first == second or first.casefold() == second.casefold()


def _names_of(session: Session, statement: Select[str], shown: int = 3) -> str:
    """'A', 'A and B' or 'A, B, C and 2 more', from the first names the statement yields."""
    names = list(session.scalars(statement.order_by(statement.selected_columns[0]).limit(50)))
    if not names:
        return ""
    head = names[:shown]
    rest = len(names) - len(head)
    if rest:
        return f"{', '.join(head)} and {rest} more"
    if len(head) == 1:
        return head[0]
    return f"{', '.join(head[:-1])} and {head[-1]}"


def product_compositions(session: Session, product_ids: Iterable[int]) -> dict[int, ProductRecord]:
    """The products asked for with their ingredients, read in the caller's transaction."""
    ids = sorted(set(product_ids))
    if not ids:
        return {}
    rows = session.scalars(select(Product).where(Product.id.in_(ids)))
    parts = _compositions(session, ids)
    return {row.id: _product(row, parts.get(row.id, ())) for row in rows}


def _compositions(
    session: Session, product_ids: list[int]
) -> dict[int, tuple[ProductIngredientRecord, ...]]:
    if not product_ids:
        return {}
    statement = (
        select(ProductIngredient, Ingredient)
        .join(Ingredient, Ingredient.id == ProductIngredient.ingredient_id)
        .where(ProductIngredient.product_id.in_(product_ids))
        .order_by(ProductIngredient.product_id, func.lower(Ingredient.name))
    )
    found: dict[int, list[ProductIngredientRecord]] = {}
    for part, ingredient in session.execute(statement):
        found.setdefault(part.product_id, []).append(
            ProductIngredientRecord(
                ingredient_id=ingredient.id,
                name=ingredient.name,
                name_ru=ingredient.name_ru,
                group=IngredientGroup(ingredient.group),
                concentration=part.concentration,
            )
        )
    return {key: tuple(value) for key, value in found.items()}


LOT_COLUMNS = columns_of(Lot)
"""Read as plain rows: a visit is opened with every usable lot, often hundreds."""

# Read at every opening of a visit, so built once (see `visits.visit_records`).
_USABLE_LOTS = (
    select(
        *LOT_COLUMNS,
        Product.name.label("product_name"),
        Product.name_ru.label("product_name_ru"),
        Product.unit,
    )
    .join(Product, Product.id == Lot.product_id)
    .where(Lot.expires_on >= bindparam("usable_on", type_=Lot.expires_on.type), Lot.on_hand > 0)
    .order_by(func.lower(Product.name), Lot.expires_on, Lot.id)
)
_COCKTAILS = select(Cocktail).order_by(func.lower(Cocktail.name))
_COCKTAIL_LINES = (
    select(CocktailLine, Product.name, Product.name_ru)
    .join(Product, Product.id == CocktailLine.product_id)
    .where(CocktailLine.cocktail_id.in_(bindparam("ids", expanding=True)))
    .order_by(CocktailLine.cocktail_id, CocktailLine.position, CocktailLine.id)
)


def lots_in(
    session: Session, usable_on: date | None = None, product_id: int | None = None
) -> list[LotRecord]:
    """`CatalogService.list_lots` in the caller's transaction."""
    if usable_on is not None and product_id is None:  # a visit opened: built once
        rows = session.execute(_USABLE_LOTS, {"usable_on": usable_on})
        return [_lot(row, row.product_name, row.unit, row.product_name_ru) for row in rows]
    statement = select(
        *LOT_COLUMNS,
        Product.name.label("product_name"),
        Product.name_ru.label("product_name_ru"),
        Product.unit,
    ).join(Product, Product.id == Lot.product_id)
    if usable_on is not None:
        statement = statement.where(Lot.expires_on >= usable_on, Lot.on_hand > 0)
    if product_id is not None:
        statement = statement.where(Lot.product_id == product_id)
    statement = statement.order_by(func.lower(Product.name), Lot.expires_on, Lot.id)
    return [
        _lot(row, row.product_name, row.unit, row.product_name_ru)
        for row in session.execute(statement)
    ]


def cocktails_in(session: Session) -> list[CocktailRecord]:
    """Every cocktail with its lines, by name, in the caller's transaction."""
    rows = list(session.scalars(_COCKTAILS))
    lines = _cocktail_lines(session, [row.id for row in rows])
    return [_cocktail(row, lines.get(row.id, ())) for row in rows]


def _cocktail_lines(
    session: Session, cocktail_ids: list[int]
) -> dict[int, tuple[CocktailLineRecord, ...]]:
    if not cocktail_ids:
        return {}
    found: dict[int, list[CocktailLineRecord]] = {}
    for line, name, name_ru in session.execute(_COCKTAIL_LINES, {"ids": cocktail_ids}):
        found.setdefault(line.cocktail_id, []).append(
            CocktailLineRecord(
                product_id=line.product_id,
                product_name=name,
                volume_ml=line.volume_ml,
                product_name_ru=name_ru,
            )
        )
    return {key: tuple(value) for key, value in found.items()}


def _ingredient(row: Ingredient) -> IngredientRecord:
    return IngredientRecord(
        id=row.id,
        name=row.name,
        name_ru=row.name_ru,
        group=IngredientGroup(row.group),
        homeopathic=row.homeopathic,
        builtin=row.builtin,
        version=row.version,
    )


def _product(row: Product, parts: tuple[ProductIngredientRecord, ...]) -> ProductRecord:
    return ProductRecord(
        id=row.id,
        name=row.name,
        name_ru=row.name_ru,
        manufacturer=row.manufacturer,
        form=row.form,
        pack=row.pack,
        unit=row.unit,
        ingredients=parts,
        builtin=row.builtin,
        version=row.version,
    )


def _lot(
    row: Lot | Row[*tuple[Any, ...]], product_name: str, unit: str, product_name_ru: str
) -> LotRecord:
    return LotRecord(
        id=row.id,
        product_id=row.product_id,
        product_name=product_name,
        lot_number=row.lot_number,
        expires_on=row.expires_on,
        on_hand=Decimal(row.on_hand),
        unit=unit,
        version=row.version,
        product_name_ru=product_name_ru,
    )


def _cocktail(row: Cocktail, lines: tuple[CocktailLineRecord, ...]) -> CocktailRecord:
    return CocktailRecord(
        id=row.id,
        name=row.name,
        name_ru=row.name_ru,
        areas=tuple(Area(area) for area in row.areas),
        indications=tuple(Indication(item) for item in row.indications),
        lines=lines,
        notes=row.notes,
        builtin=row.builtin,
        version=row.version,
    )


def _used_in_visits(session: Session, column: Any, value: int | None) -> bool:
    """Whether a visit line or mark refers to this lot or cocktail: then it is history."""
    return value is not None and bool(
        session.scalar(select(column).where(column == value).limit(1))
    )


def _lock_lots_of(session: Session, product_id: int) -> None:
    """Lock the product's lots until the transaction ends (PostgreSQL; SQLite's write
    transaction is exclusive already): a visit recording one of them waits, so a check that
    the product is unused still holds when the write it guards is made."""
    session.scalars(select(Lot.id).where(Lot.product_id == product_id).with_for_update()).all()


def _product_used_in_visits(session: Session, product_id: int) -> bool:
    return bool(
        session.scalar(
            select(VisitProductLine.id)
            .join(Lot, Lot.id == VisitProductLine.lot_id)
            .where(Lot.product_id == product_id)
            .limit(1)
        )
    )
