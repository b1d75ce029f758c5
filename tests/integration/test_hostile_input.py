"""Random and hostile values thrown at every service that takes user input, on SQLite and on
PostgreSQL: names with emoji, right-to-left text and 10,000 characters, lone surrogates, NUL
and other control characters, SQL-looking strings, dates out of range, negative, zero, NaN,
tiny and huge volumes and depths. Each call ends in a `ValidationFailed` naming a field, or in
a save that reads back equal; never another error, never a row that reads back different.

Examples are few per property and the database is shared by the examples of one test, so the
whole file stays well under a minute per engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mesodesk.domain.anamnesis import (
    AllergyEntry,
    Anamnesis,
    ConditionEntry,
    DayChecklist,
    MedicationEntry,
)
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
)
from mesodesk.domain.screening import ScreeningFinding
from mesodesk.domain.vocabulary import (
    Area,
    Indication,
    IngredientGroup,
    Reaction,
    ReactionSeverity,
    Sex,
    Technique,
)
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.services.registry import Services
from tests.png_files import claimed_size_png, png_bytes

T = TypeVar("T")

HOSTILE = settings(
    max_examples=35,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- values -----------------------------------------------------------------------------------

SQL = [
    "'; DROP TABLE patients; --",
    "Robert'); DELETE FROM visits; --",
    "' OR '1'='1",
    "%_\\",
    '"; SELECT pg_sleep(5); --',
    "NULL",
]
WORLD = [
    "Иванова-Петрова Анна-Мария",
    "😀👩‍⚕️💉 Ёлкина",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eпереворот\u202c",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o",
    "ß ﬃ ΐ İ",
    "\U0010ffff",
    "  с пробелами  ",
]
LONG = ["Я" * 10_000, "😀" * 10_000, "א" * 10_000, "ß" * 250]
BROKEN = ["\x00", "a\x00b", "\ud800", "Ив\udfffва", "\x07\x1b[31m", "line\nbreak", "\x7f"]
any_character = st.characters(codec=None, exclude_categories=())


def texts(max_size: int = 60) -> st.SearchStrategy[str]:
    """Plain names, the world's scripts, SQL, broken characters and very long text."""
    return st.one_of(
        st.text(st.characters(categories=("Lu", "Ll", "Zs", "Nd")), max_size=max_size),
        st.text(any_character, max_size=max_size),
        st.sampled_from(SQL + WORLD + LONG + BROKEN),
        st.tuples(st.sampled_from(WORLD), st.sampled_from(BROKEN + SQL)).map("".join),
    )


def decimals() -> st.SearchStrategy[Decimal]:
    """Volumes and depths: ordinary ones, and zero, negative, NaN, infinite, tiny and huge."""
    return st.one_of(
        st.decimals(min_value=Decimal("0.001"), max_value=Decimal(50), places=3),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.sampled_from(
            [
                Decimal(0),
                Decimal("-0"),
                Decimal(-1),
                Decimal("0.0004"),
                Decimal("1.0004"),
                Decimal("1E-30"),
                Decimal("1E+30"),
                Decimal("NaN"),
                Decimal("sNaN"),
                Decimal("Infinity"),
                Decimal("9999999.999"),
                Decimal("10000000"),
            ]
        ),
    )


def days() -> st.SearchStrategy[date]:
    return st.one_of(
        st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
        st.dates(),
    )


def moments() -> st.SearchStrategy[datetime]:
    zones = st.timedeltas(min_value=-timedelta(hours=23), max_value=timedelta(hours=23)).map(
        lambda offset: timezone(timedelta(minutes=offset // timedelta(minutes=1)))
    )
    return st.one_of(
        st.datetimes(
            min_value=datetime(2020, 1, 1), max_value=datetime.now() - timedelta(days=1)
        ).map(lambda moment: moment.astimezone()),
        st.datetimes(timezones=zones),
        st.datetimes(),
    )


def _saved_or_refused(action: Callable[[], T]) -> T | None:
    """The action's result, or None when it was refused with a field and a message."""
    try:
        return action()
    except ValidationFailed as refused:
        assert refused.errors and all(refused.errors.values()), refused.errors
        return None


# --- patients ---------------------------------------------------------------------------------


@HOSTILE
@given(
    last=texts(),
    first=texts(),
    middle=texts(),
    phone=st.one_of(texts(50), st.sampled_from(["+7 916 123-45-67", "8 (495) 000 00 00"])),
    email=st.one_of(texts(), st.sampled_from(["anna@example.com", "a@b.co"])),
    address=texts(600),
    notes=texts(600),
    birth=st.one_of(st.none(), days()),
    sex=st.sampled_from(Sex),
)
def test_patient_cards(
    services: Services, last, first, middle, phone, email, address, notes, birth, sex
):
    card = PatientCard(
        last_name=last,
        first_name=first,
        middle_name=middle,
        phone=phone,
        email=email,
        address=address,
        notes=notes,
        birth_date=birth,
        sex=sex,
    )
    saved = _saved_or_refused(lambda: services.patients.save(card))
    if saved is not None:
        assert saved.id is not None
        assert services.patients.get(saved.id).same_content(card)
    for query in (last, first + " " + middle, phone):
        services.patients.search(query)
    services.patients.likely_duplicates(card)


# --- visits -----------------------------------------------------------------------------------


@pytest.fixture
def clinic(services: Services) -> dict[str, Any]:
    patient = services.patients.save(PatientCard(last_name="Случайная", first_name="Вера"))
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
            None, product.id, product.name, "R-1", date.today() + timedelta(days=90), Decimal(10**6)
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


@HOSTILE
@given(
    practitioner=texts(),
    anaesthesia=texts(),
    notes=texts(600),
    price=st.one_of(st.none(), st.integers(min_value=-(2**40), max_value=2**40)),
    starts_at=moments(),
    volumes=st.lists(decimals(), max_size=3),
    reaction_note=texts(1200),
)
def test_visit_records(
    services: Services,
    clinic,
    practitioner,
    anaesthesia,
    notes,
    price,
    starts_at,
    volumes,
    reaction_note,
):
    stored = services.visits.get(clinic["visit"].id)
    edited = replace(
        stored,
        practitioner=practitioner,
        anaesthesia=anaesthesia,
        notes=notes,
        price_minor=price,
        starts_at=starts_at,
        product_lines=tuple(ProductLineRecord(clinic["lot"].id, v) for v in volumes),
        reactions=(ReactionRecord(Reaction.SWELLING, ReactionSeverity.MILD, reaction_note),),
    )
    saved = _saved_or_refused(lambda: services.visits.save(edited))
    after = services.visits.get(clinic["visit"].id)
    if saved is None:
        assert after == stored
        return
    assert after == saved
    assert (after.practitioner, after.anaesthesia, after.notes, after.price_minor) == (
        practitioner.strip(),
        anaesthesia.strip(),
        notes,
        price,
    )
    assert after.starts_at == starts_at
    assert [line.volume_ml for line in after.product_lines] == volumes
    assert [r.note for r in after.reactions] == [reaction_note.strip()]


@HOSTILE
@given(
    start=st.one_of(st.none(), moments()),
    who=st.one_of(st.none(), texts()),
    day=days(),
    signer=texts(),
)
def test_starting_moving_and_signing_visits(services: Services, clinic, start, who, day, signer):
    started = _saved_or_refused(
        lambda: services.visits.start_visit(clinic["patient"].id, start, practitioner=who)
    )
    if started is None:
        return
    assert services.visits.get(started.id) == started
    moved = _saved_or_refused(lambda: services.visits.reschedule(started, day))
    if moved is not None:
        assert moved.starts_at.astimezone().date() == day
        assert services.visits.get(started.id) == moved
    else:
        moved = started
    if moved.starts_at.astimezone().date() > date.today():
        return
    done = services.visits.mark_done(moved)
    signed = _saved_or_refused(lambda: services.visits.sign(replace(done, practitioner=signer)))
    if signed is not None:
        assert signed.signed_by == signer.strip()
        assert services.visits.get(started.id) == signed


@HOSTILE
@given(author=texts(), text=texts(800))
def test_addenda(services: Services, clinic, author, text):
    visit = clinic.get("signed")
    if visit is None:
        done = services.visits.mark_done(services.visits.get(clinic["visit"].id))
        visit = clinic["signed"] = services.visits.sign(done)
    saved = _saved_or_refused(lambda: services.visits.add_addendum(visit.id, author, text))
    if saved is not None:
        last = services.visits.get(visit.id).addenda[-1]
        assert (last.author, last.text) == (author.strip(), text.strip())


# --- marks and templates ----------------------------------------------------------------------


coordinates = st.one_of(
    st.floats(min_value=0, max_value=300),
    st.floats(allow_nan=True, allow_infinity=True),
)


@HOSTILE
@given(
    shape=st.sampled_from(MarkShape),
    points=st.lists(st.tuples(coordinates, coordinates), min_size=0, max_size=6),
    technique=st.one_of(st.none(), st.sampled_from(Technique), texts(20)),
    depth=st.one_of(st.none(), decimals()),
    volume=st.one_of(st.none(), decimals()),
    needle=texts(),
    note=texts(1200),
    name=texts(),
)
def test_marks_and_templates(
    services: Services, clinic, shape, points, technique, depth, volume, needle, note, name
):
    mark = MarkRecord(
        None,
        clinic["visit"].id,
        DiagramName.FACE,
        shape,
        tuple(Point(x, y) for x, y in points),
        technique=technique,
        depth_mm=depth,
        volume_ml=volume,
        needle=needle,
        note=note,
        cocktail_id=clinic["cocktail"].id,
    )
    saved = _saved_or_refused(lambda: services.marks.add(mark))
    if saved is not None:
        (stored,) = [m for m in services.marks.list_for_visit(mark.visit_id) if m.id == saved.id]
        assert stored == saved
        assert stored.points == mark.points
        assert (stored.depth_mm, stored.volume_ml) == (depth, volume)
        assert (stored.needle, stored.note) == (needle.strip(), note)
        moved = _saved_or_refused(
            lambda: services.marks.move(stored.id, list(mark.points), stored.version)
        )
        assert moved is not None
    template = _saved_or_refused(lambda: services.templates.save_template(name, [mark]))
    if template is not None:
        assert template.name == " ".join(name.split())
        assert template in services.templates.list_templates()
        services.templates.delete_template(template.id)


# --- catalog ----------------------------------------------------------------------------------


@HOSTILE
@given(
    name=texts(),
    name_ru=texts(),
    manufacturer=texts(),
    concentration=st.one_of(st.none(), texts(50)),
    lot_number=texts(),
    expires=days(),
    on_hand=decimals(),
    volume=decimals(),
    notes=texts(2100),
)
def test_catalog_entries(
    services: Services,
    clinic,
    name,
    name_ru,
    manufacturer,
    concentration,
    lot_number,
    expires,
    on_hand,
    volume,
    notes,
):
    ingredient = _saved_or_refused(
        lambda: services.catalog.save_ingredient(
            IngredientRecord(None, name, name_ru, IngredientGroup.VITAMIN)
        )
    )
    if ingredient is not None:
        assert ingredient in services.catalog.list_ingredients()
        assert (ingredient.name, ingredient.name_ru) == (name.strip(), name_ru.strip())
        services.catalog.delete_ingredient(ingredient.id, ingredient.version)
    base = clinic["ingredient"]
    part = ProductIngredientRecord(base.id, base.name, "", base.group, concentration)
    product = _saved_or_refused(
        lambda: services.catalog.save_product(
            ProductRecord(None, name, manufacturer=manufacturer, ingredients=(part,))
        )
    )
    if product is not None:
        assert product in services.catalog.list_products()
        assert product.ingredients[0].concentration == ((concentration or "").strip() or None)
    lot = _saved_or_refused(
        lambda: services.catalog.receive_lot(
            LotRecord(None, clinic["product"].id, "", lot_number, expires, on_hand)
        )
    )
    if lot is not None:
        assert lot in services.catalog.list_lots()
        assert (lot.lot_number, lot.expires_on, lot.on_hand) == (
            lot_number.strip(),
            expires,
            on_hand,
        )
        services.catalog.delete_lot(lot.id, lot.version)
    line = CocktailLineRecord(clinic["product"].id, "Rutin 5%", volume)
    cocktail = _saved_or_refused(
        lambda: services.catalog.save_cocktail(
            CocktailRecord(None, name, lines=(line,), notes=notes)
        )
    )
    if cocktail is not None:
        assert cocktail in services.catalog.list_cocktails()
        assert (cocktail.notes, cocktail.lines[0].volume_ml) == (notes.strip(), volume)
        services.catalog.delete_cocktail(cocktail.id, cocktail.version)
    _saved_or_refused(lambda: services.catalog.recall(lot_number))


# --- courses, anamnesis, answers, overrides, the clinic ---------------------------------------


@HOSTILE
@given(
    sessions=st.integers(min_value=-5, max_value=10**9),
    shortest=st.integers(min_value=-5, max_value=10**7),
    longest=st.integers(min_value=-5, max_value=10**7),
    start=days(),
    notes=texts(2100),
)
def test_courses(services: Services, clinic, sessions, shortest, longest, start, notes):
    patient_id = clinic["patient"].id
    course = _saved_or_refused(
        lambda: services.courses.plan(patient_id, Indication.ACNE, Area.FACE, start)
    )
    if course is None:
        return
    course = replace(
        course,
        sessions=sessions,
        interval_min_days=shortest,
        interval_max_days=longest,
        notes=notes,
    )
    if _saved_or_refused(lambda: services.courses.propose(course)) is None:
        return
    saved = _saved_or_refused(
        lambda: services.courses.save_course(course, create_planned_visits=False)
    )
    if saved is not None:
        assert saved in services.courses.list_courses(patient_id)
        assert (saved.sessions, saved.notes) == (sessions, notes.strip())


@HOSTILE
@given(
    substance=texts(),
    reaction=texts(),
    medication=texts(),
    code=texts(80),
    note=texts(1100),
    noted=st.one_of(st.none(), days()),
    childbirth=st.one_of(st.none(), days()),
)
def test_anamnesis(
    services: Services, clinic, substance, reaction, medication, code, note, noted, childbirth
):
    patient_id = clinic["patient"].id
    stored = services.anamnesis.get(patient_id)
    facts = Anamnesis(
        conditions=(ConditionEntry(code, True, noted, note),),
        allergies=(AllergyEntry(substance, IngredientGroup.ANAESTHETIC, reaction),),
        medications=(MedicationEntry(medication),),
        childbirth_on=childbirth,
    )
    saved = _saved_or_refused(lambda: services.anamnesis.save(replace(stored, anamnesis=facts)))
    after = services.anamnesis.get(patient_id)
    if saved is None:
        assert after == stored
        return
    assert after == saved
    (condition,) = after.anamnesis.conditions
    (allergy,) = after.anamnesis.allergies
    (drug,) = after.anamnesis.medications
    assert (condition.code, condition.noted_on, condition.note) == (code, noted, note.strip())
    assert (allergy.substance, allergy.reaction) == (substance.strip(), reaction.strip())
    assert drug.name == medication.strip()


@HOSTILE
@given(
    reason=texts(2100),
    decided_by=texts(),
    peeled=st.one_of(st.none(), days()),
    codes=st.frozensets(texts(80), max_size=3),
    fever=st.booleans(),
)
def test_overrides_and_the_days_answers(
    services: Services, clinic, reason, decided_by, peeled, codes, fever
):
    visit_id = clinic["visit"].id
    finding = ScreeningFinding("fever", Severity.POSTPONE, "Fever: postpone the visit.")
    override = _saved_or_refused(
        lambda: services.screening.record_override(visit_id, finding, reason, decided_by)
    )
    if override is not None:
        assert override in services.screening.overrides(visit_id)
        assert (override.reason, override.decided_by) == (reason.strip(), decided_by.strip())
    answers = DayChecklist(fever=fever, recent_peeling_on=peeled, other_codes=codes)
    shown = services.screening.screening(visit_id).checklist
    kept = _saved_or_refused(
        lambda: services.screening.save_checklist(visit_id, answers, based_on=shown)
    )
    if kept is not None:
        assert services.screening.screening(visit_id).checklist == kept == answers


@HOSTILE
@given(
    name=texts(200),
    address=texts(400),
    phone=st.one_of(texts(80), st.text("0123456789", min_size=100, max_size=250)),
    practitioner=texts(),
    currency=texts(5),
    logo=st.one_of(
        st.none(),
        st.binary(max_size=200),
        st.builds(png_bytes, st.integers(1, 60), st.integers(1, 60)),
        st.builds(lambda data, cut: data[:cut], st.just(png_bytes(30, 30)), st.integers(0, 80)),
        st.just(claimed_size_png(100_000, 100_000)),
    ),
)
def test_the_clinic_letterhead(
    services: Services, name, address, phone, practitioner, currency, logo
):
    stored = services.settings.profile()
    profile = replace(
        stored,
        name=name,
        address=address,
        phone=phone,
        practitioner=practitioner,
        currency=currency,
        logo_png=logo,
        show_logo=logo is not None,
        opens_at=time(9),
        closes_at=time(20),
    )
    saved = _saved_or_refused(lambda: services.settings.save_profile(profile))
    after = services.settings.profile()
    if saved is None:
        assert after == stored
        return
    assert after == saved
    assert (after.name, after.phone, after.logo_png) == (name.strip(), phone.strip(), logo)


def test_a_refusal_is_always_a_service_error_the_window_shows() -> None:
    assert issubclass(ValidationFailed, ServiceError)
