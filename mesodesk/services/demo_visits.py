"""Demo history: courses with done, signed visits from real lots, reactions, and planned visits.

Past visits are dated from the demo reference day, not from today, so a seed always gives the
same history; only the planned visits ahead are placed from today, so they stay ahead.
"""

from __future__ import annotations

import random
from contextlib import suppress
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from mesodesk.domain.records import CocktailRecord, LotRecord, ProductLineRecord, ReactionRecord
from mesodesk.domain.vocabulary import (
    Area,
    Indication,
    Language,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
)
from mesodesk.services.demo_catalog import DEMO_REFERENCE_DAY
from mesodesk.services.demo_marks import demo_marks
from mesodesk.services.errors import ServiceError

if TYPE_CHECKING:
    from mesodesk.services.registry import Services

MAX_PATIENTS_WITH_VISITS = 150
"""Enough history to look real; a demo of 100,000 patients still fills in seconds."""

DEMO_PRACTITIONER = "Demo practitioner"
DEMO_PRACTITIONER_RU = "Смирнова Елена Андреевна"
"""A Russian-reading patient's demo visits are written in Russian, as their documents are."""

RESERVE = Decimal("0.4")
"""The share of each lot the demo history leaves on the shelf, so new visits can use it."""

_REACTIONS = [
    (Reaction.REDNESS, ReactionSeverity.MILD, "Gone within two hours."),
    (Reaction.SWELLING, ReactionSeverity.MILD, ""),
    (Reaction.BRUISING, ReactionSeverity.MODERATE, "Small bruise at one point."),
    (Reaction.PAPULES, ReactionSeverity.MILD, "Papules resolved the next day."),
    (Reaction.PAIN_BURNING, ReactionSeverity.MILD, "Burning during injection."),
    (Reaction.ITCHING, ReactionSeverity.MILD, ""),
]
_TECHNIQUES = {
    "face": (Technique.NAPPAGE_SUPERFICIAL, Technique.PAPULAR, Technique.PINPOINT),
    "body": (Technique.PINPOINT, Technique.INFILTRATION, Technique.NAPPAGE_MIDDLE),
    "vascular": (Technique.PINPOINT,),
}
_REACTION_NOTES_RU = {
    "Gone within two hours.": "Прошло за два часа.",
    "Small bruise at one point.": "Небольшой синяк в одной точке.",
    "Papules resolved the next day.": "Папулы рассосались на следующий день.",
    "Burning during injection.": "Жжение во время введения.",
}
_ANAESTHESIA = ("", "Lidocaine cream 5%, 30 minutes", "Emla cream, 40 minutes")
_ANAESTHESIA_RU = ("", "Крем с лидокаином 5%, 30 минут", "Крем «Эмла», 40 минут")
_DISINFECTION = ("Chlorhexidine 0.05%", "Miramistin", "Chlorhexidine 0.05%, then alcohol 70%")
_DISINFECTION_RU = ("Хлоргексидин 0,05%", "Мирамистин", "Хлоргексидин 0,05%, затем спирт 70%")
_NOTES = (
    "Skin calm before the procedure; patient tolerated it well.",
    "Slight dryness noted; advised a moisturiser and sunscreen.",
    "Good tolerance; texture improved since the last session.",
    "Patient reports less puffiness in the mornings.",
)
_NOTES_RU = (
    "Кожа перед процедурой спокойная; процедуру перенесла хорошо.",
    "Лёгкая сухость; рекомендованы увлажняющий и солнцезащитный кремы.",
    "Переносимость хорошая; текстура кожи лучше, чем на прошлом визите.",
    "По утрам отёчность меньше, со слов пациентки.",
)


def fill_demo_visits(
    services: Services,
    rnd: random.Random,
    reference: date = DEMO_REFERENCE_DAY,
    today: date | None = None,
) -> int:
    """For about a third of the patients, a course with signed visits and the next ones planned.

    Returns how many visits were recorded. Lots are taken in expiry order, as on the shelf.
    """
    cocktails = [c for c in services.catalog.list_cocktails() if c.lines]
    lots = services.catalog.list_lots()
    if not cocktails or not lots:
        return 0
    stock = {lot.id: lot.on_hand for lot in lots if lot.id is not None}
    reserve = {lot_id: amount * RESERVE for lot_id, amount in stock.items()}
    today = today or date.today()
    patients = services.patients.search("", limit=MAX_PATIENTS_WITH_VISITS * 3)
    recorded = 0
    for patient in patients:
        if rnd.random() >= 1 / 3:
            continue
        course_id, count = _history(
            services, rnd, patient.id, cocktails, lots, stock, reserve, reference
        )
        recorded += count
        _plan_next(services, rnd, patient.id, course_id, today)
    return recorded


def _history(
    services: Services,
    rnd: random.Random,
    patient_id: int,
    cocktails: list[CocktailRecord],
    lots: list[LotRecord],
    stock: dict[int, Decimal],
    reserve: dict[int, Decimal],
    reference: date,
) -> tuple[int | None, int]:
    """A course from a cocktail of the catalog and its visits so far; (course id, visits)."""
    russian = services.patients.get(patient_id).language is Language.RUSSIAN
    practitioner = DEMO_PRACTITIONER_RU if russian else DEMO_PRACTITIONER
    cocktail = rnd.choice(cocktails)
    area = cocktail.areas[0] if cocktail.areas else Area.FACE
    indication = cocktail.indications[0] if cocktail.indications else Indication.DEHYDRATION
    start = reference - timedelta(days=rnd.randint(30, 150))
    course = services.courses.save_course(
        services.courses.plan(patient_id, indication, area, start), create_planned_visits=False
    )
    # a week at least between demo sessions, well clear of the two-in-seven-days rule
    interval = max(rnd.randint(course.interval_min_days, course.interval_max_days), 7)
    done = rnd.randint(1, min(course.sessions, 5))
    count = 0
    for number in range(done):
        day = start + timedelta(days=number * interval)
        if day >= reference:
            break
        moment = datetime.combine(day, time(rnd.randint(9, 18), rnd.choice((0, 30)))).astimezone()
        visit = services.visits.start_visit(patient_id, moment, practitioner, course_id=course.id)
        lines = _lines(cocktail, lots, stock, reserve, day)
        reactions = tuple(
            ReactionRecord(kind, severity, _REACTION_NOTES_RU.get(note, note) if russian else note)
            for kind, severity, note in rnd.sample(_REACTIONS, rnd.choice((0, 1, 1, 2)))
        )
        technique = (
            Technique.PINPOINT if area is Area.VASCULAR else rnd.choice(_TECHNIQUES[area.region])
        )
        visit = services.visits.save(
            replace(
                visit,
                areas=(area,),
                techniques=(technique,),
                method=Method.MANUAL,
                anaesthesia=rnd.choice(_ANAESTHESIA_RU if russian else _ANAESTHESIA),
                disinfection=rnd.choice(_DISINFECTION_RU if russian else _DISINFECTION),
                notes=rnd.choice(_NOTES_RU if russian else _NOTES),
                price_minor=rnd.choice((3000, 3500, 4000, 4500)) * 100,
                product_lines=lines,
                reactions=reactions,
            )
        )
        services.marks.add_many(
            demo_marks(visit.id or 0, area, technique, cocktail.id, rnd, russian)
        )
        # a safety check may want a written reason first: then the visit stays as it is
        with suppress(ServiceError):
            marked = services.visits.mark_done(visit)
            services.visits.sign(replace(marked, practitioner=practitioner))
        count += 1
    return course.id, count


def _lines(
    cocktail: CocktailRecord,
    lots: list[LotRecord],
    stock: dict[int, Decimal],
    reserve: dict[int, Decimal],
    day: date,
) -> tuple[ProductLineRecord, ...]:
    """One line per cocktail product, from the first usable lot with enough left."""
    lines = []
    for part in cocktail.lines:
        for lot in lots:
            if (
                lot.product_id == part.product_id
                and lot.id is not None
                and lot.expires_on >= day
                and stock[lot.id] - part.volume_ml >= reserve[lot.id]
            ):
                stock[lot.id] -= part.volume_ml
                lines.append(
                    ProductLineRecord(
                        lot_id=lot.id, volume_ml=part.volume_ml, cocktail_id=cocktail.id
                    )
                )
                break
    return tuple(lines)


def _plan_next(
    services: Services, rnd: random.Random, patient_id: int, course_id: int | None, today: date
) -> None:
    """One or two visits booked ahead, at a round hour."""
    russian = services.patients.get(patient_id).language is Language.RUSSIAN
    practitioner = DEMO_PRACTITIONER_RU if russian else DEMO_PRACTITIONER
    first = today + timedelta(days=rnd.randint(1, 10))
    for number in range(rnd.randint(1, 2)):
        day = first + timedelta(days=7 * number)
        moment = datetime.combine(day, time(rnd.randint(9, 18))).astimezone()
        services.visits.start_visit(patient_id, moment, practitioner, course_id=course_id)
