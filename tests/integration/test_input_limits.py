"""Bad input is refused by the service with a field and a message before the database sees it,
the same on SQLite (which would store it) and PostgreSQL (which would raise): over-long text,
NUL and other control characters, lone surrogates, dates outside the years kept, volumes below
the stored precision or absurdly large. Nothing is stored by a refused save."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from mesodesk.domain import limits
from mesodesk.domain.anamnesis import (
    AllergyEntry,
    Anamnesis,
    ConditionEntry,
    DayChecklist,
    MedicationEntry,
)
from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.diagram import DiagramName, MarkShape, Point
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import (
    CocktailLineRecord,
    CocktailRecord,
    IngredientRecord,
    LotRecord,
    ProductIngredientRecord,
    ProductLineRecord,
    ProductRecord,
    ReactionRecord,
    VisitRecord,
)
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.domain.screening import ScreeningFinding
from mesodesk.domain.vocabulary import Area, Indication, Reaction
from mesodesk.services.errors import ValidationFailed
from mesodesk.services.registry import Services
from tests.png_files import claimed_size_png, png_bytes

NUL = "a\x00b"
SURROGATE = "Ив\ud800ва"
MOSCOW = timezone(timedelta(hours=3))

Case = Callable[[Services, dict[str, Any]], object]


def _refusals(services: Services, context: dict[str, Any], cases: dict[str, Case]) -> dict:
    """For each case, the field the service refused (or what else happened)."""
    found: dict[str, object] = {}
    for name, case in cases.items():
        try:
            case(services, context)
        except ValidationFailed as refused:
            found[name] = sorted(refused.errors)
        except Exception as error:  # the point: anything else is a failure to report
            found[name] = f"{type(error).__name__}: {error}"
        else:
            found[name] = "saved"
    return found


def _card(**fields: object) -> PatientCard:
    return PatientCard(**{"last_name": "Иванова", "first_name": "Мария", **fields})


# --- patients -------------------------------------------------------------------------------


def test_bad_patient_cards_are_refused_beside_the_field(services: Services) -> None:
    cases: dict[str, Case] = {
        "45-character phone": lambda s, _: s.patients.save(
            _card(phone="+7" + " " * 33 + "9161234567")
        ),
        "150-character e-mail": lambda s, _: s.patients.save(
            _card(email="a" * 138 + "@example.com")
        ),
        "NUL in notes": lambda s, _: s.patients.save(_card(notes=NUL)),
        "NUL in the address": lambda s, _: s.patients.save(_card(address=NUL)),
        "surrogate in a name": lambda s, _: s.patients.save(_card(last_name=SURROGATE)),
        "control character in a name": lambda s, _: s.patients.save(_card(first_name="М\x07")),
        "notes of 20,001 characters": lambda s, _: s.patients.save(_card(notes="н" * 20_001)),
        "address of 501 characters": lambda s, _: s.patients.save(_card(address="у" * 501)),
    }
    assert _refusals(services, {}, cases) == {
        "45-character phone": ["phone"],
        "150-character e-mail": ["email"],
        "NUL in notes": ["notes"],
        "NUL in the address": ["address"],
        "surrogate in a name": ["last_name"],
        "control character in a name": ["first_name"],
        "notes of 20,001 characters": ["notes"],
        "address of 501 characters": ["address"],
    }
    assert services.patients.count() == 0


def test_names_whose_sort_form_is_longer_than_the_name_are_kept(services: Services) -> None:
    card = _card(last_name="ß" * 80, first_name="ﬃ" * 80, middle_name="ΐ" * 80)
    saved = services.patients.save(card)
    assert saved.id is not None
    assert services.patients.get(saved.id).same_content(card)
    assert [row.id for row in services.patients.search("ss")] == [saved.id]


@pytest.mark.parametrize(
    ("query", "finds_her"),
    [
        ("\U0010ffff", False),
        ("анна\U0010ffff", True),
        ("ан", True),
        ("\U0010ffff\U0010ffff 9", False),
    ],
)
def test_a_search_ending_in_the_last_code_point_is_answered(
    services: Services, query: str, finds_her: bool
):
    anna = services.patients.save(_card(last_name="Анна\U0010ffff"))
    found = [row.id for row in services.patients.search(query)]
    assert (anna.id in found) is finds_her
    assert (
        services.patients.likely_duplicates(
            _card(last_name="\U0010ffff", birth_date=date(1990, 1, 1))
        )
        == []
    )


# --- visits, lines, reactions -------------------------------------------------------------


@pytest.fixture
def context(services: Services) -> dict[str, Any]:
    patient = services.patients.save(_card())
    ingredient = services.catalog.save_ingredient(IngredientRecord(None, "Rutin"))
    product = services.catalog.save_product(
        ProductRecord(
            None,
            "Rutin 5%",
            ingredients=(ProductIngredientRecord(ingredient.id, "Rutin", "", ingredient.group),),
        )
    )
    lot = services.catalog.receive_lot(
        LotRecord(
            None, product.id, product.name, "R-1", date.today() + timedelta(days=90), Decimal(50)
        )
    )
    cocktail = services.catalog.save_cocktail(
        CocktailRecord(
            None, "Vascular", lines=(CocktailLineRecord(product.id, product.name, Decimal(2)),)
        )
    )
    visit = services.visits.start_visit(patient.id, practitioner="Орлова Е. В.")
    return {
        "patient": patient,
        "ingredient": ingredient,
        "product": product,
        "lot": lot,
        "cocktail": cocktail,
        "visit": visit,
    }


def _line(context: dict[str, Any], volume: object) -> ProductLineRecord:
    return ProductLineRecord(lot_id=context["lot"].id, volume_ml=volume)  # type: ignore[arg-type]


def _visit(context: dict[str, Any], **fields: object) -> VisitRecord:
    return replace(context["visit"], **fields)


def test_bad_visits_are_refused_beside_the_field(services: Services, context) -> None:
    year_one = datetime(1, 1, 1, 1, 0, tzinfo=MOSCOW)
    cases: dict[str, Case] = {
        "visit in year 1 at UTC+3": lambda s, c: s.visits.start_visit(c["patient"].id, year_one),
        "visit moved to year 1": lambda s, c: s.visits.save(_visit(c, starts_at=year_one)),
        "rescheduled to year 3000": lambda s, c: s.visits.reschedule(c["visit"], date(3000, 1, 1)),
        "0.0004 ml": lambda s, c: s.visits.save(
            _visit(c, product_lines=(_line(c, Decimal("0.0004")),))
        ),
        "1.0004 ml": lambda s, c: s.visits.save(
            _visit(c, product_lines=(_line(c, Decimal("1.0004")),))
        ),
        "1E+30 ml": lambda s, c: s.visits.save(
            _visit(c, product_lines=(_line(c, Decimal("1E+30")),))
        ),
        "NaN ml": lambda s, c: s.visits.save(_visit(c, product_lines=(_line(c, Decimal("NaN")),))),
        "sNaN ml": lambda s, c: s.visits.save(
            _visit(c, product_lines=(_line(c, Decimal("sNaN")),))
        ),
        "infinite ml": lambda s, c: s.visits.save(
            _visit(c, product_lines=(_line(c, Decimal("Inf")),))
        ),
        "negative ml": lambda s, c: s.visits.save(
            _visit(c, product_lines=(_line(c, Decimal(-1)),))
        ),
        "NUL in notes": lambda s, c: s.visits.save(_visit(c, notes=NUL)),
        "surrogate practitioner": lambda s, c: s.visits.save(_visit(c, practitioner=SURROGATE)),
        "long anaesthesia": lambda s, c: s.visits.save(_visit(c, anaesthesia="x" * 201)),
        "long reaction note": lambda s, c: s.visits.save(
            _visit(c, reactions=(ReactionRecord(Reaction.BRUISING, note="x" * 1001),))
        ),
        "price beyond the column": lambda s, c: s.visits.save(_visit(c, price_minor=10**10)),
        "started by a NUL name": lambda s, c: s.visits.start_visit(
            c["patient"].id, practitioner=NUL
        ),
        "signed by a NUL name": lambda s, c: s.visits.sign(_visit(c, practitioner=NUL)),
        "addendum by a surrogate": lambda s, c: s.visits.add_addendum(
            c["visit"].id, SURROGATE, "t"
        ),
        "addendum with NUL": lambda s, c: s.visits.add_addendum(c["visit"].id, "Dr", NUL),
    }
    found = _refusals(services, context, cases)
    assert found == {
        "visit in year 1 at UTC+3": ["starts_at"],
        "visit moved to year 1": ["starts_at"],
        "rescheduled to year 3000": ["starts_at"],
        "0.0004 ml": ["product_lines"],
        "1.0004 ml": ["product_lines"],
        "1E+30 ml": ["product_lines"],
        "NaN ml": ["product_lines"],
        "sNaN ml": ["product_lines"],
        "infinite ml": ["product_lines"],
        "negative ml": ["product_lines"],
        "NUL in notes": ["notes"],
        "surrogate practitioner": ["practitioner"],
        "long anaesthesia": ["anaesthesia"],
        "long reaction note": ["reactions"],
        "price beyond the column": ["price"],
        "started by a NUL name": ["practitioner"],
        "signed by a NUL name": ["practitioner"],
        "addendum by a surrogate": ["author"],
        "addendum with NUL": ["text"],
    }
    (stored,) = services.visits.list_for_patient(context["patient"].id)
    assert stored == services.visits.get(context["visit"].id)
    assert stored.product_lines == () and stored.notes == "" and stored.version == 1


def test_the_smallest_volume_kept_is_saved_exactly(services: Services, context) -> None:
    saved = services.visits.save(_visit(context, product_lines=(_line(context, Decimal("0.001")),)))
    assert saved.product_lines[0].volume_ml == Decimal("0.001")


# --- marks and templates -------------------------------------------------------------------


def _mark(context: dict[str, Any], **fields: object) -> MarkRecord:
    defaults: dict[str, object] = {
        "id": None,
        "visit_id": context["visit"].id,
        "diagram": DiagramName.FACE,
        "shape": MarkShape.POINT,
        "points": (Point(150, 200),),
    }
    return MarkRecord(**{**defaults, **fields})  # type: ignore[arg-type]


def test_bad_marks_and_templates_are_refused_beside_the_field(services: Services, context) -> None:
    square = (Point(140, 190), Point(160, 190), Point(160, 210), Point(140, 210))
    cases: dict[str, Case] = {
        "depth 1.234 mm": lambda s, c: s.marks.add(_mark(c, depth_mm=Decimal("1.234"))),
        "depth NaN": lambda s, c: s.marks.add(_mark(c, depth_mm=Decimal("NaN"))),
        "depth 1E+30": lambda s, c: s.marks.add(_mark(c, depth_mm=Decimal("1E+30"))),
        "volume 0.0004 ml": lambda s, c: s.marks.add(_mark(c, volume_ml=Decimal("0.0004"))),
        "volume NaN": lambda s, c: s.marks.add(_mark(c, volume_ml=Decimal("NaN"))),
        "NUL in the needle": lambda s, c: s.marks.add(_mark(c, needle=NUL)),
        "long note": lambda s, c: s.marks.add(_mark(c, note="x" * 1001)),
        "unknown technique": lambda s, c: s.marks.add(_mark(c, technique="hammering")),
        "unknown shape": lambda s, c: s.marks.add(_mark(c, shape="blob")),
        "point off the diagram": lambda s, c: s.marks.add(
            _mark(c, points=(Point(float("nan"), 1),))
        ),
        "3,000 corners": lambda s, c: s.marks.add(
            _mark(c, shape=MarkShape.AREA, points=square * 750)
        ),
        "moved to infinity": lambda s, c: s.marks.move(
            s.marks.add(_mark(c)).id, [Point(float("inf"), 1)], 1
        ),
        "template named with NUL": lambda s, c: s.templates.save_template(NUL, [_mark(c)]),
        "template with a NaN point": lambda s, c: s.templates.save_template(
            "Лоб", [_mark(c, points=(Point(float("nan"), 1),))]
        ),
    }
    found = _refusals(services, context, cases)
    assert found == {
        "depth 1.234 mm": ["depth_mm"],
        "depth NaN": ["depth_mm"],
        "depth 1E+30": ["depth_mm"],
        "volume 0.0004 ml": ["volume_ml"],
        "volume NaN": ["volume_ml"],
        "NUL in the needle": ["needle"],
        "long note": ["note"],
        "unknown technique": ["technique"],
        "unknown shape": ["shape"],
        "point off the diagram": ["points"],
        "3,000 corners": ["points"],
        "moved to infinity": ["points"],
        "template named with NUL": ["name"],
        "template with a NaN point": ["marks"],
    }
    assert len(services.marks.list_for_visit(context["visit"].id)) == 1  # the one moved
    assert services.templates.list_templates() == []


# --- catalog ---------------------------------------------------------------------------------


def test_bad_catalog_entries_are_refused_beside_the_field(services: Services, context) -> None:
    product: ProductRecord = context["product"]
    lot: LotRecord = context["lot"]
    cocktail: CocktailRecord = context["cocktail"]
    ingredient: IngredientRecord = context["ingredient"]
    part = product.ingredients[0]
    cases: dict[str, Case] = {
        "ingredient name of 121": lambda s, _: s.catalog.save_ingredient(
            IngredientRecord(None, "и" * 121)
        ),
        "NUL in a Russian name": lambda s, _: s.catalog.save_ingredient(
            IngredientRecord(None, "Arnica", name_ru=NUL)
        ),
        "unknown group": lambda s, _: s.catalog.save_ingredient(
            IngredientRecord(None, "Arnica", group="poison")  # type: ignore[arg-type]
        ),
        "product name of 161": lambda s, _: s.catalog.save_product(ProductRecord(None, "п" * 161)),
        "manufacturer of 121": lambda s, _: s.catalog.save_product(
            ProductRecord(None, "Arnica gel", manufacturer="m" * 121)
        ),
        "concentration of 41": lambda s, _: s.catalog.save_product(
            replace(product, ingredients=(replace(part, concentration="1" * 41),))
        ),
        "lot number of 61": lambda s, _: s.catalog.save_lot(replace(lot, lot_number="L" * 61)),
        "lot expiring in year 1": lambda s, _: s.catalog.receive_lot(
            replace(lot, id=None, lot_number="R-2", expires_on=date(1, 1, 1))
        ),
        "0.0004 ml on hand": lambda s, _: s.catalog.save_lot(
            replace(lot, on_hand=Decimal("0.0004"))
        ),
        "NaN on hand": lambda s, _: s.catalog.save_lot(replace(lot, on_hand=Decimal("NaN"))),
        "cocktail line of 1E+30": lambda s, _: s.catalog.save_cocktail(
            replace(cocktail, lines=(replace(cocktail.lines[0], volume_ml=Decimal("1E+30")),))
        ),
        "cocktail line of 0.0004": lambda s, _: s.catalog.save_cocktail(
            replace(cocktail, lines=(replace(cocktail.lines[0], volume_ml=Decimal("0.0004")),))
        ),
        "NUL in cocktail notes": lambda s, _: s.catalog.save_cocktail(replace(cocktail, notes=NUL)),
        "surrogate cocktail name": lambda s, _: s.catalog.save_cocktail(
            replace(cocktail, name=SURROGATE)
        ),
        "unknown area": lambda s, _: s.catalog.save_cocktail(replace(cocktail, areas=("moon",))),
        "recall of a NUL lot": lambda s, _: s.catalog.recall(NUL),
    }
    found = _refusals(services, context, cases)
    assert found == {
        "ingredient name of 121": ["name"],
        "NUL in a Russian name": ["name_ru"],
        "unknown group": ["group"],
        "product name of 161": ["name"],
        "manufacturer of 121": ["manufacturer"],
        "concentration of 41": ["ingredients"],
        "lot number of 61": ["lot_number"],
        "lot expiring in year 1": ["expires_on"],
        "0.0004 ml on hand": ["on_hand"],
        "NaN on hand": ["on_hand"],
        "cocktail line of 1E+30": ["lines"],
        "cocktail line of 0.0004": ["lines"],
        "NUL in cocktail notes": ["notes"],
        "surrogate cocktail name": ["name"],
        "unknown area": ["areas"],
        "recall of a NUL lot": ["lot_number"],
    }
    assert [i.name for i in services.catalog.list_ingredients()] == [ingredient.name]
    assert services.catalog.list_lots() == [lot]


# --- courses, anamnesis, settings, screening ------------------------------------------------


def test_bad_courses_anamnesis_and_answers_are_refused_beside_the_field(
    services: Services, context
) -> None:
    patient_id = context["patient"].id
    visit_id = context["visit"].id
    course = services.courses.plan(patient_id, Indication.ACNE, Area.FACE, date.today())
    finding = ScreeningFinding("fever", Severity.POSTPONE, "Fever: postpone.")

    def anamnesis(**facts: Any) -> object:
        return services.anamnesis.save(PatientAnamnesisRecord(patient_id, Anamnesis(**facts)))

    cases: dict[str, Case] = {
        "a billion sessions": lambda s, _: s.courses.propose(replace(course, sessions=10**9)),
        "an interval of 10^6 days": lambda s, _: s.courses.save_course(
            replace(course, interval_max_days=10**6), create_planned_visits=True
        ),
        "course from year 1": lambda s, _: s.courses.propose(
            replace(course, start_on=date(1, 1, 1))
        ),
        "NUL in course notes": lambda s, _: s.courses.save_course(
            replace(course, notes=NUL), create_planned_visits=False
        ),
        "allergy of 161": lambda _s, _c: anamnesis(allergies=(AllergyEntry("a" * 161),)),
        "NUL reaction": lambda _s, _c: anamnesis(
            allergies=(AllergyEntry("Lidocaine", reaction=NUL),)
        ),
        "surrogate medication": lambda _s, _c: anamnesis(medications=(MedicationEntry(SURROGATE),)),
        "condition note of 1,001": lambda _s, _c: anamnesis(
            conditions=(ConditionEntry("diabetes", note="x" * 1001),)
        ),
        "condition noted in year 1": lambda _s, _c: anamnesis(
            conditions=(ConditionEntry("diabetes", noted_on=date(1, 1, 1)),)
        ),
        "childbirth in year 1": lambda _s, _c: anamnesis(childbirth_on=date(1, 1, 1)),
        "override with NUL": lambda s, _: s.screening.record_override(visit_id, finding, NUL, "Dr"),
        "override by 121": lambda s, _: s.screening.record_override(
            visit_id, finding, "ok", "Д" * 121
        ),
        "answer code with NUL": lambda s, _: s.screening.save_checklist(
            visit_id, DayChecklist(other_codes=frozenset({NUL}))
        ),
        "peeling in year 1": lambda s, _: s.screening.save_checklist(
            visit_id, DayChecklist(recent_peeling_on=date(1, 1, 1))
        ),
    }
    found = _refusals(services, context, cases)
    assert found == {
        "a billion sessions": ["sessions"],
        "an interval of 10^6 days": ["interval"],
        "course from year 1": ["start_on"],
        "NUL in course notes": ["notes"],
        "allergy of 161": ["allergies"],
        "NUL reaction": ["allergies"],
        "surrogate medication": ["medications"],
        "condition note of 1,001": ["conditions"],
        "condition noted in year 1": ["conditions"],
        "childbirth in year 1": ["childbirth_on"],
        "override with NUL": ["reason"],
        "override by 121": ["decided_by"],
        "answer code with NUL": ["checklist"],
        "peeling in year 1": ["checklist"],
    }
    assert services.courses.list_courses(patient_id) == []
    assert services.anamnesis.get(patient_id).version == 0
    assert services.visits.get(visit_id).overrides == ()
    assert services.visits.get(visit_id).checklist is None


def test_a_letterhead_that_breaks_documents_is_refused_beside_the_field(services: Services) -> None:
    cases: dict[str, Case] = {
        "2,800-character name": lambda s, _: s.settings.save_profile(
            ClinicProfile(name="К" * 2800)
        ),
        "200-digit phone": lambda s, _: s.settings.save_profile(ClinicProfile(phone="9" * 200)),
        "NUL in the address": lambda s, _: s.settings.save_profile(ClinicProfile(address=NUL)),
        "surrogate practitioner": lambda s, _: s.settings.save_profile(
            ClinicProfile(practitioner=SURROGATE)
        ),
        "PNG signature then garbage": lambda s, _: s.settings.save_profile(
            ClinicProfile(logo_png=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        ),
        "PNG cut in half": lambda s, _: s.settings.save_profile(
            ClinicProfile(logo_png=png_bytes(40, 40)[:60])
        ),
        "PNG claiming 100000 x 100000 pixels": lambda s, _: s.settings.save_profile(
            ClinicProfile(logo_png=claimed_size_png(100_000, 100_000))
        ),
        "PNG of 5000 x 4 pixels": lambda s, _: s.settings.save_profile(
            ClinicProfile(logo_png=png_bytes(5000, 4))
        ),
        "closing when opening": lambda s, _: s.settings.save_profile(
            ClinicProfile(opens_at=time(9), closes_at=time(9))
        ),
    }
    found = _refusals(services, {}, cases)
    assert found == {
        "2,800-character name": ["name"],
        "200-digit phone": ["phone"],
        "NUL in the address": ["address"],
        "surrogate practitioner": ["practitioner"],
        "PNG signature then garbage": ["logo_png"],
        "PNG cut in half": ["logo_png"],
        "PNG claiming 100000 x 100000 pixels": ["logo_png"],
        "PNG of 5000 x 4 pixels": ["logo_png"],
        "closing when opening": ["closes_at"],
    }
    assert services.settings.profile() == ClinicProfile()


def test_a_real_png_logo_within_the_limits_is_kept(services: Services) -> None:
    logo = png_bytes(400, 120)
    saved = services.settings.save_profile(
        ClinicProfile(name="Клиника", logo_png=logo, show_logo=True)
    )
    assert services.settings.profile().logo_png == logo == saved.logo_png


COLUMN_LIMITS = {
    "patients.last_name": limits.PERSON_NAME,
    "patients.first_name": limits.PERSON_NAME,
    "patients.middle_name": limits.PERSON_NAME,
    "patients.phone": limits.PHONE,
    "patients.email": limits.EMAIL,
    "visits.practitioner": limits.PRACTITIONER,
    "visits.signed_by": limits.PRACTITIONER,
    "visits.anaesthesia": limits.VISIT_DETAIL,
    "visits.disinfection": limits.VISIT_DETAIL,
    "visit_addenda.author": limits.PRACTITIONER,
    "visit_overrides.decided_by": limits.PRACTITIONER,
    "visit_overrides.finding_code": limits.FINDING_CODE,
    "visit_product_lines.product_name": limits.PRODUCT_NAME,
    "visit_product_lines.lot_number": limits.LOT_NUMBER,
    "visit_product_lines.cocktail_name": limits.COCKTAIL_NAME,
    "injection_marks.needle": limits.NEEDLE,
    "chart_templates.name": limits.TEMPLATE_NAME,
    "ingredients.name": limits.INGREDIENT_NAME,
    "ingredients.name_ru": limits.INGREDIENT_NAME,
    "products.name": limits.PRODUCT_NAME,
    "products.manufacturer": limits.MANUFACTURER,
    "products.form": limits.PRODUCT_FORM,
    "products.pack": limits.PRODUCT_PACK,
    "product_ingredients.concentration": limits.CONCENTRATION,
    "lots.lot_number": limits.LOT_NUMBER,
    "cocktails.name": limits.COCKTAIL_NAME,
    "cocktails.name_ru": limits.COCKTAIL_NAME,
    "patient_conditions.code": limits.CONDITION_CODE,
    "patient_allergies.substance": limits.ALLERGY_SUBSTANCE,
    "patient_allergies.reaction": limits.ALLERGY_REACTION,
    "patient_medications.name": limits.MEDICATION_NAME,
}


def test_every_text_limit_is_what_its_column_holds() -> None:
    from mesodesk.models import Base

    held = {
        name: Base.metadata.tables[name.split(".")[0]].c[name.split(".")[1]].type.length
        for name in COLUMN_LIMITS
    }
    assert held == COLUMN_LIMITS
    assert limits.PRICE_MAX_MINOR < 2**31  # a 32-bit integer column on PostgreSQL
    for column, largest, places in (
        ("lots.on_hand", limits.AMOUNT_MAX, limits.AMOUNT_PLACES),
        ("visit_product_lines.volume_ml", limits.AMOUNT_MAX, limits.AMOUNT_PLACES),
        ("injection_marks.volume_ml", limits.INJECTION_VOLUME_MAX, limits.AMOUNT_PLACES),
        ("injection_marks.depth_mm", limits.DEPTH_MAX, limits.DEPTH_PLACES),
    ):
        table, name = column.split(".")
        kind = Base.metadata.tables[table].c[name].type
        assert kind.scale == places, column
        assert largest <= Decimal(10) ** (kind.precision - kind.scale) - Decimal(1).scaleb(-places)
    assert datetime.combine(limits.FIRST_DAY, time(), MOSCOW).astimezone(UTC).year >= 1899
