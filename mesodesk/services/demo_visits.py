"""Demo history: courses whose visits obey the app's rules, recorded as a practitioner would.

Each course's sessions fall on the clinic's working days, at intervals the course rules accept,
at a time inside opening hours that the practitioner has free. Each done visit is charted with
the cocktail it injects, its product lines are taken from the chart and the day's questions
are answered before it is marked done and signed, the signing policy screening it as it does
at the chair.

The plan of each course is one the screening finds nothing to stop: an allergic patient gets a
cocktail and an anaesthetic without the allergen, and a patient whose card rules mesotherapy
out (pregnancy, hypertension, keloid scars: absolute contraindications, "the procedure must not
be done while present") gets no course at all. So no demo visit goes ahead over a block, and
its remaining warnings are true ones for the patient (a relative contraindication, what
followed the last visit).

Dates are counted from the day the demo is made, so the history is recent and the booked
visits lie ahead; the same seed on the same day gives the same database.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from mesodesk.domain.allergy import match_allergy
from mesodesk.domain.anamnesis import DayChecklist
from mesodesk.domain.chart import (
    Injected,
    TemplateMark,
    charted_volumes,
    lines_from_chart,
    marks_for_visit,
    split_volume,
)
from mesodesk.domain.courses import CoursePlan, check_plan
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.progress import Progress, unwatched
from mesodesk.domain.records import (
    CocktailLineRecord,
    CocktailRecord,
    CourseRecord,
    LotRecord,
    ProductLineRecord,
    ReactionRecord,
    VisitRecord,
)
from mesodesk.domain.screening import IngredientRef
from mesodesk.domain.vocabulary import (
    Area,
    IngredientGroup,
    Language,
    Method,
    Reaction,
    ReactionSeverity,
    Sex,
    Technique,
    VisitStatus,
)
from mesodesk.services.demo_catalog import lot_number
from mesodesk.services.demo_marks import TECHNIQUES, course_chart

if TYPE_CHECKING:
    from mesodesk.domain.clinic import ClinicProfile
    from mesodesk.services.registry import Services

MAX_PATIENTS_WITH_VISITS = 150
"""Enough history to look real; a demo of 100,000 patients still fills in seconds."""

DEMO_PRACTITIONER = "Demo practitioner"
DEMO_PRACTITIONER_RU = "Смирнова Елена Андреевна"
"""Who records and signs the demo visits: a Russian-reading patient's are in Russian."""

RESERVE = Decimal("0.4")
"""The share of each lot the demo history leaves on the shelf, so new visits can use it."""

MAX_SESSIONS = 8
"""A demo course has the usual number of sessions for its indication, but at most this many,
so the history of a finished course stays a few months long."""

SLOT_MINUTES = 30
"""One demo visit takes a half-hour slot of the practitioner's day."""

_REACTIONS = [
    (Reaction.REDNESS, ReactionSeverity.MILD, ("Gone within two hours.", "Прошло за два часа.")),
    (Reaction.SWELLING, ReactionSeverity.MILD, ("", "")),
    (
        Reaction.BRUISING,
        ReactionSeverity.MODERATE,
        ("Small bruise at one point.", "Небольшой синяк в одной точке."),
    ),
    (
        Reaction.PAPULES,
        ReactionSeverity.MILD,
        ("Papules resolved the next day.", "Папулы рассосались на следующий день."),
    ),
    (
        Reaction.PAIN_BURNING,
        ReactionSeverity.MILD,
        ("Burning during injection.", "Жжение во время введения."),
    ),
    (Reaction.ITCHING, ReactionSeverity.MILD, ("", "")),
]


@dataclass(frozen=True, slots=True)
class _Numbing:
    """An anaesthetic cream as the record names it (in English and Russian) and what it
    contains, so a patient is never numbed with what they are allergic to, whether or not the
    screening reads the anaesthesia field."""

    words: tuple[str, str]
    contains: tuple[IngredientRef, ...] = ()


_LIDOCAINE = IngredientRef("Lidocaine", IngredientGroup.ANAESTHETIC, ("Лидокаин",))
_PRILOCAINE = IngredientRef("Prilocaine", IngredientGroup.ANAESTHETIC, ("Прилокаин",))
_ANAESTHESIA = (
    _Numbing(("", "")),
    _Numbing(("Lidocaine cream 5%, 30 minutes", "Крем с лидокаином 5%, 30 минут"), (_LIDOCAINE,)),
    _Numbing(("Emla cream, 40 minutes", "Крем «Эмла», 40 минут"), (_LIDOCAINE, _PRILOCAINE)),
)
_DISINFECTION = (
    ("Chlorhexidine 0.05%", "Хлоргексидин 0,05%"),
    ("Miramistin", "Мирамистин"),
    ("Chlorhexidine 0.05%, then alcohol 70%", "Хлоргексидин 0,05%, затем спирт 70%"),
)
_NOTES = (
    (
        "Skin calm before the procedure; patient tolerated it well.",
        "Кожа перед процедурой спокойная; процедуру перенесла хорошо.",
    ),
    (
        "Slight dryness noted; advised a moisturiser and sunscreen.",
        "Лёгкая сухость; рекомендованы увлажняющий и солнцезащитный кремы.",
    ),
    (
        "Good tolerance; texture improved since the last session.",
        "Переносимость хорошая; текстура кожи лучше, чем на прошлом визите.",
    ),
    (
        "Patient reports less puffiness in the mornings.",
        "По утрам отёчность меньше, со слов пациентки.",
    ),
)
"""What the demo writes, in English and in Russian: a Russian-reading patient's visits are
written in Russian, as their documents are."""
_PRICES = {"face": (3000, 3500, 4000, 4500), "body": (3500, 4500, 5500), "vascular": (4000, 5000)}
_CHARTED_AREAS = {
    "face": (Area.FACE,),
    "vascular": (Area.VASCULAR,),
    "body": (Area.STOMACH, Area.HIPS_BUTTOCKS),
}
"""The areas of a cocktail a demo course can chart, by region."""


@dataclass(frozen=True, slots=True)
class _Choice:
    """What a demo course does: the cocktail, where and how, and the anaesthesia used;
    `russian` for a patient whose record and documents are in Russian, `sex` the patient's
    (a face is charted on the face the window shows for it)."""

    cocktail: CocktailRecord
    area: Area
    technique: Technique
    anaesthesia: str
    russian: bool
    sex: Sex | None

    @property
    def practitioner(self) -> str:
        return DEMO_PRACTITIONER_RU if self.russian else DEMO_PRACTITIONER

    def words(self, pair: tuple[str, str]) -> str:
        """The English or the Russian of a demo text, as the patient reads."""
        return pair[1] if self.russian else pair[0]


@dataclass
class _Shelf:
    """The lots as the demo uses them: what is left on each, and what it must leave."""

    lots: list[LotRecord]
    left: dict[int, Decimal] = field(default_factory=dict)
    reserve: dict[int, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for lot in self.lots:
            if lot.id is not None:
                self.left[lot.id] = lot.on_hand
                self.reserve[lot.id] = lot.on_hand * RESERVE

    def usable(self) -> list[LotRecord]:
        """The lots with what the demo may still take from them as their stock."""
        return [
            replace(lot, on_hand=self.left[lot.id] - self.reserve[lot.id])
            for lot in self.lots
            if lot.id is not None
        ]

    def take(self, lines: Sequence[ProductLineRecord]) -> None:
        for line in lines:
            self.left[line.lot_id] -= line.volume_ml

    def receive(self, lot: LotRecord) -> None:
        self.lots.append(lot)
        if lot.id is not None:
            self.left[lot.id] = lot.on_hand
            self.reserve[lot.id] = lot.on_hand * RESERVE


@dataclass
class _Diary:
    """The practitioner's appointment book: which half-hours of each day are taken."""

    profile: ClinicProfile
    taken: dict[date, set[time]] = field(default_factory=lambda: defaultdict(set))

    def slots(self) -> list[time]:
        """The half-hours a visit can start at and still end by closing time."""
        opens = self.profile.opens_at.hour * 60 + self.profile.opens_at.minute
        closes = self.profile.closes_at.hour * 60 + self.profile.closes_at.minute
        first = -(-opens // SLOT_MINUTES) * SLOT_MINUTES
        slots = [
            time(minute // 60, minute % 60)
            for minute in range(first, closes - SLOT_MINUTES + 1, SLOT_MINUTES)
        ]
        return slots or [self.profile.opens_at]

    def book(self, day: date, usual: time) -> datetime:
        """The free slot of `day` nearest the patient's usual time, as a local time."""
        free = [slot for slot in self.slots() if slot not in self.taken[day]] or self.slots()
        chosen = min(free, key=lambda slot: abs(_minutes(slot) - _minutes(usual)))
        self.taken[day].add(chosen)
        return datetime.combine(day, chosen).astimezone()


def fill_demo_visits(
    services: Services,
    rnd: random.Random,
    patient_ids: Sequence[int],
    today: date | None = None,
    progress: Progress | None = None,
) -> int:
    """For about a third of the first patients given (up to `MAX_PATIENTS_WITH_VISITS` of
    them), a course with signed visits, the running ones with their next visits booked.
    Returns how many visits were recorded as done; `progress` is told patient by patient.
    Stopped through `progress`, it raises `Cancelled` before the next patient's course: the
    courses recorded before it stay."""
    progress = unwatched(progress)
    cocktails = [c for c in services.catalog.list_cocktails() if c.lines and c.id is not None]
    lots = services.catalog.list_lots()
    if not cocktails or not lots:
        return 0
    today = today or date.today()
    profile = services.settings.profile()
    shelf = _Shelf(lots)
    diary = _Diary(profile)
    recorded = 0
    considered = patient_ids[: MAX_PATIENTS_WITH_VISITS * 3]
    for done, patient_id in enumerate(considered):
        progress.report(done / len(considered))
        progress.check()
        if rnd.random() >= 1 / 3:
            continue
        choice = _choose_plan(services, rnd, patient_id, cocktails, lots, today)
        if choice is None:
            continue
        recorded += _course(services, rnd, patient_id, choice, shelf, diary, today)
    return recorded


def _choose_plan(
    services: Services,
    rnd: random.Random,
    patient_id: int,
    cocktails: Sequence[CocktailRecord],
    lots: Sequence[LotRecord],
    today: date,
) -> _Choice | None:
    """A cocktail, area, technique and anaesthesia for which the screening of this patient
    finds nothing that blocks or postpones the procedure, else None.

    The cocktail is drawn first, so face, body and vascular courses are all common.
    """
    lot_of = {lot.product_id: lot.id for lot in lots if lot.id is not None}
    card = services.patients.get(patient_id)
    russian = card.language is Language.RUSSIAN
    allergies = services.anamnesis.get(patient_id).anamnesis.allergies
    numbing = [
        cream.words[1] if russian else cream.words[0]
        for cream in _ANAESTHESIA
        if not any(match_allergy(a, part) for a in allergies for part in cream.contains)
    ]
    for cocktail in rnd.sample(list(cocktails), len(cocktails)):
        areas = [area for area in cocktail.areas if area in _CHARTED_AREAS[area.region]]
        stocked = all(part.product_id in lot_of for part in cocktail.lines)
        if not areas or not cocktail.indications or not stocked:
            continue
        area = rnd.choice(areas)
        lines = tuple(
            ProductLineRecord(lot_id=lot_of[part.product_id], volume_ml=part.volume_ml)
            for part in cocktail.lines
        )
        technique = rnd.choice(TECHNIQUES[area.region])
        for anaesthesia in rnd.sample(numbing, len(numbing)):
            plan = VisitRecord(
                id=None,
                patient_id=patient_id,
                starts_at=datetime.combine(today, time(12)).astimezone(),
                areas=(area,),
                techniques=(technique,),
                anaesthesia=anaesthesia,
                product_lines=lines,
            )
            findings = services.screening.preview(plan).findings
            if all(f.severity.rank < Severity.POSTPONE.rank for f in findings):
                return _Choice(cocktail, area, technique, anaesthesia, russian, card.sex)
    return None


def _course(
    services: Services,
    rnd: random.Random,
    patient_id: int,
    choice: _Choice,
    shelf: _Shelf,
    diary: _Diary,
    today: date,
) -> int:
    """The course, its done and signed visits and the ones booked ahead; returns how many
    visits were done."""
    cocktail = choice.cocktail
    indication = rnd.choice(cocktail.indications)
    draft = services.courses.plan(patient_id, indication, choice.area, today)
    draft = replace(draft, sessions=min(draft.sessions, MAX_SESSIONS))
    plan = CoursePlan(
        indication=draft.indication,
        area=draft.area,
        sessions=draft.sessions,
        interval_min_days=draft.interval_min_days,
        interval_max_days=draft.interval_max_days,
        start_on=today,
    )
    finished = plan.sessions == 1 or rnd.random() < 0.3
    done = plan.sessions if finished else rnd.randint(1, min(plan.sessions - 1, 6))
    ahead = 0 if finished else min(plan.sessions - done, rnd.choice((1, 2, 2, 3)))
    past, booked = _course_days(plan, done, ahead, today, diary.profile.working_days, rnd)
    course = services.courses.save_course(
        replace(draft, start_on=(past or booked)[0]), create_planned_visits=False
    )
    chart = course_chart(choice.area, choice.technique, rnd, choice.russian, choice.sex)
    usual = rnd.choice(diary.slots())
    for day in past:
        _done_visit(services, rnd, course, choice, chart, diary.book(day, usual), shelf)
    for day in booked:  # as the course planner books them: the course's area planned
        visit = services.visits.start_visit(
            patient_id, diary.book(day, usual), choice.practitioner, course_id=course.id
        )
        services.visits.save(replace(visit, areas=(course.area,)))
    return len(past)


def _course_days(
    plan: CoursePlan,
    done: int,
    ahead: int,
    today: date,
    working_days: Collection[int],
    rnd: random.Random,
) -> tuple[list[date], list[date]]:
    """Up to `done` session days before `today` and `ahead` after it, on working days, each
    step one the course rules accept (no finding of warning or worse from `check_plan`).

    A course still running has its next session within ten days; a finished one ended some
    time in the last four months. Most steps keep the patient's weekday when the interval
    allows whole weeks. Where no day fits (an interval that never lands on a working day),
    the course has fewer sessions, never a broken rule.
    """
    if ahead:
        booked = [_working_day(today + timedelta(days=rnd.randint(1, 10)), working_days, 1)]
        past: list[date] = []
    else:
        booked = []
        past = [_working_day(today - timedelta(days=rnd.randint(3, 120)), working_days, -1)]
    while 0 < len(booked) < ahead:
        following = _step(plan, booked, booked[-1], 1, today, working_days, rnd)
        if following is None:
            break
        booked.append(following)
    while len(past) < done:
        earlier = _step(plan, [*past, *booked], (past or booked)[0], -1, today, working_days, rnd)
        if earlier is None:
            break
        past.insert(0, earlier)
    return past, booked


def _step(
    plan: CoursePlan,
    days: list[date],
    start: date,
    direction: int,
    today: date,
    working_days: Collection[int],
    rnd: random.Random,
) -> date | None:
    """The next (or, with `direction` -1, the previous) session day from `start` that the
    course rules accept; a past session lies before `today`.

    A step of whole weeks keeps the patient's weekday, so the usual intervals (6-10 days,
    3-7 days, 28-31 days) always have one; other steps add variety.
    """
    candidates = []
    for gap in range(plan.interval_min_days, plan.interval_max_days + 1):
        day = start + timedelta(days=gap * direction)
        if day.weekday() not in working_days or (direction < 0 and day >= today):
            continue
        if all(f.severity.rank < Severity.WARNING.rank for f in check_plan(plan, [*days, day])):
            candidates.append(day)
    if not candidates:
        return None
    weekly = [day for day in candidates if abs((day - start).days) % 7 == 0]
    if weekly and rnd.random() < 0.6:
        return weekly[0]
    return rnd.choice(candidates)


def _working_day(day: date, working_days: Collection[int], direction: int) -> date:
    """`day`, or the nearest working day after it (`direction` 1) or before it (-1)."""
    while day.weekday() not in working_days:
        day += timedelta(days=direction)
    return day


def _done_visit(
    services: Services,
    rnd: random.Random,
    course: CourseRecord,
    choice: _Choice,
    chart: Sequence[TemplateMark],
    moment: datetime,
    shelf: _Shelf,
) -> None:
    """One session as it is recorded at the chair: the chart, the day's questions answered,
    then the record with the products from the chart stored, marked done and signed in one
    step (`sign` stores the edits; the signing policy screens the visit as it is marked done
    and again as it is signed)."""
    visit = services.visits.start_visit(
        course.patient_id, moment, choice.practitioner, course_id=course.id
    )
    visit_id = visit.id
    assert visit_id is not None  # a started visit is stored
    marks = services.marks.add_many(marks_for_visit(chart, visit_id, choice.cocktail.id))
    lines = _lines(services, rnd, marks, choice.cocktail, shelf, moment.date())
    region = choice.area.region
    reactions = tuple(
        ReactionRecord(reaction, severity, choice.words(note))
        for reaction, severity, note in rnd.sample(_REACTIONS, rnd.choice((0, 1, 1, 2)))
    )
    services.screening.save_checklist(visit_id, DayChecklist())
    services.visits.sign(
        replace(
            visit,
            status=VisitStatus.DONE,
            method=Method.MANUAL,
            anaesthesia=choice.anaesthesia,
            disinfection=choice.words(rnd.choice(_DISINFECTION)),
            notes=choice.words(rnd.choice(_NOTES)),
            price_minor=rnd.choice(_PRICES[region]) * 100,
            product_lines=lines,
            reactions=reactions,
        )
    )


def _lines(
    services: Services,
    rnd: random.Random,
    marks: Sequence[MarkRecord],
    cocktail: CocktailRecord,
    shelf: _Shelf,
    day: date,
) -> tuple[ProductLineRecord, ...]:
    """The product lines the chart says were injected, from lots with enough left; a
    product that has run short is restocked first, as a clinic reorders."""
    charted = charted_volumes(marks).get(Injected(cocktail_id=cocktail.id), Decimal(0))
    amounts = split_volume(charted, [part.volume_ml for part in cocktail.lines])
    for part, amount in zip(cocktail.lines, amounts, strict=True):
        if not any(
            lot.product_id == part.product_id and lot.expires_on >= day and lot.on_hand >= amount
            for lot in shelf.usable()
        ):
            shelf.receive(_restock(services, rnd, part, day))
    filled = lines_from_chart(marks, [], [cocktail], shelf.usable(), day)
    shelf.take(filled.lines)
    return filled.lines


def _restock(
    services: Services, rnd: random.Random, part: CocktailLineRecord, day: date
) -> LotRecord:
    """A fresh box of a product of the cocktail, good for a year and a half from `day`."""
    expires = day + timedelta(days=540)
    return services.catalog.receive_lot(
        LotRecord(
            id=None,
            product_id=part.product_id,
            product_name=part.product_name,
            lot_number=lot_number(part.product_name, expires, rnd),
            expires_on=expires,
            on_hand=Decimal(100),
        )
    )


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute
