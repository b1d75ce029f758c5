"""Patients, products and visits for the safety tests, made through the app's own services."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from mesodesk.domain.anamnesis import AllergyEntry, Anamnesis
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import (
    IngredientRecord,
    LotRecord,
    ProductIngredientRecord,
    ProductLineRecord,
    ProductRecord,
    VisitRecord,
)
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.domain.vocabulary import Area, IngredientGroup
from mesodesk.services.registry import Services


def add_patient(
    services: Services, last_name: str = "Иванова", anamnesis: Anamnesis | None = None
) -> PatientCard:
    card = services.patients.save(
        PatientCard(last_name=last_name, first_name="Мария", birth_date=date(1988, 4, 2))
    )
    if anamnesis is not None:
        services.anamnesis.save(PatientAnamnesisRecord(card.id, anamnesis))
    return card


def allergic_to(substance: str) -> Anamnesis:
    return Anamnesis(allergies=(AllergyEntry(substance=substance, reaction="urticaria"),))


def add_lot(services: Services, product: str, ingredients: list[tuple[str, str]]) -> int:
    """A lot of a new product made of (English name, Russian name) ingredients."""
    parts = []
    for name, name_ru in ingredients:
        saved = services.catalog.save_ingredient(
            IngredientRecord(id=None, name=name, name_ru=name_ru, group=IngredientGroup.OTHER)
        )
        parts.append(ProductIngredientRecord(saved.id, saved.name, saved.name_ru, saved.group))
    made = services.catalog.save_product(
        ProductRecord(id=None, name=product, ingredients=tuple(parts))
    )
    lot = services.catalog.receive_lot(
        LotRecord(
            id=None,
            product_id=made.id,
            product_name=made.name,
            lot_number=f"L-{made.id}",
            expires_on=date.today() + timedelta(days=365),
            on_hand=Decimal("50"),
        )
    )
    return lot.id


def add_visit(
    services: Services, patient_id: int, lot_ids: tuple[int, ...] = (), areas=(Area.FACE,)
) -> VisitRecord:
    visit = services.visits.start_visit(patient_id, practitioner="Practitioner")
    lines = tuple(ProductLineRecord(lot_id=lot, volume_ml=Decimal("1.0")) for lot in lot_ids)
    return services.visits.save(replace(visit, areas=tuple(areas), product_lines=lines))
