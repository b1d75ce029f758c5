"""Writers the race tests run in two real processes at once: one signs visits while the other
charts them, and two workstations save the same records from the same copy.

Each writer appends one line to an acknowledgement file after each commit it reports, so the
test knows what each side was told. Imported by a fork server once, so a writer starts in
milliseconds.
"""

from __future__ import annotations

import json
import os
import random
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mesodesk.db import open_database
from mesodesk.domain.anamnesis import AllergyEntry, Anamnesis, DayChecklist
from mesodesk.domain.diagram import DiagramName, MarkShape, Point
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import (
    CocktailLineRecord,
    CocktailRecord,
    CourseRecord,
    IngredientRecord,
    LotRecord,
    ProductIngredientRecord,
    ProductLineRecord,
    ProductRecord,
)
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.domain.screening import ScreeningFinding
from mesodesk.domain.vocabulary import Area, Indication, IngredientGroup
from mesodesk.models import Visit, VisitOverride
from mesodesk.models.marks import InjectionMark
from mesodesk.services.errors import NotFound, ReadOnlyRecord, ServiceError, StaleRecord
from mesodesk.services.marks import chart_findings
from mesodesk.services.registry import Services, build_services
from mesodesk.services.screening import ScreeningService
from mesodesk.services.settings import ClinicSettingsService
from mesodesk.services.visits import VisitService

SIGNER = "Race Test Practitioner"
CHARTER = "Race Test Assistant"


def nothing() -> None:
    """Starts the fork server before anything is timed."""


# --- the visit's chart as stored -------------------------------------------------------------


def chart_state(session: Session, visit_id: int) -> dict[str, Any]:
    """Everything charted in a visit (marks, overrides, the day's answers), as JSON data."""
    marks = [
        [
            row.id,
            row.version,
            row.diagram,
            row.shape,
            row.points,
            row.technique,
            None if row.depth_mm is None else str(row.depth_mm),
            None if row.volume_ml is None else str(row.volume_ml),
            row.needle,
            row.lot_id,
            row.cocktail_id,
            row.zone,
            row.note,
        ]
        for row in session.scalars(
            select(InjectionMark)
            .where(InjectionMark.visit_id == visit_id)
            .order_by(InjectionMark.id)
        )
    ]
    overrides = [
        [row.id, row.finding_code, row.finding_reason, row.reason, row.decided_by]
        for row in session.scalars(
            select(VisitOverride)
            .where(VisitOverride.visit_id == visit_id)
            .order_by(VisitOverride.id)
        )
    ]
    visit = session.get(Visit, visit_id)
    assert visit is not None
    return {
        "marks": marks,
        "overrides": overrides,
        "checklist": visit.checklist,
    }


# --- a visit signed while it is charted ------------------------------------------------------


@dataclass(frozen=True)
class ChartedVisits:
    """Done visits of one patient, newest first, each with a few marks, and what to chart."""

    visit_ids: list[int]
    template_id: int
    lot_id: int
    cocktail_id: int


def prepare_charted_visits(url: str, count: int) -> ChartedVisits:
    """Done, unsigned visits with marks, a lot, a cocktail and a template to chart them with."""
    database = open_database(url)
    services = build_services(database.sessions)
    try:
        ingredient = services.catalog.save_ingredient(IngredientRecord(None, "Race acid"))
        product = services.catalog.save_product(
            ProductRecord(
                None,
                "Race product",
                ingredients=(
                    ProductIngredientRecord(
                        ingredient.id or 0, ingredient.name, "", ingredient.group
                    ),
                ),
            )
        )
        assert product.id is not None
        lot = services.catalog.receive_lot(
            LotRecord(
                None,
                product.id,
                product.name,
                "R-1",
                date.today() + timedelta(days=400),
                Decimal(900),
            )
        )
        cocktail = services.catalog.save_cocktail(
            CocktailRecord(
                None,
                "Race cocktail",
                lines=(CocktailLineRecord(product.id, product.name, Decimal("2")),),
            )
        )
        patient = services.patients.save(PatientCard(last_name="Гонкова", first_name="Анна"))
        assert patient.id is not None and lot.id is not None and cocktail.id is not None
        when = (datetime.now() - timedelta(days=1)).replace(microsecond=0).astimezone()
        ids: list[int] = []
        for index in range(count):
            visit = services.visits.start_visit(
                patient.id, starts_at=when - timedelta(minutes=index), practitioner="Race"
            )
            assert visit.id is not None
            visit = services.visits.save(
                replace(
                    visit,
                    product_lines=(ProductLineRecord(lot_id=lot.id, volume_ml=Decimal("1")),),
                )
            )
            services.marks.add_many(
                [_point(visit.id, 100 + step, 150, lot_id=lot.id) for step in range(3)]
            )
            services.visits.mark_done(visit)
            ids.append(visit.id)
        template = services.templates.save_template(
            "Race template", services.marks.list_for_visit(ids[0])
        )
        assert template.id is not None
        return ChartedVisits(ids, template.id, lot.id, cocktail.id)
    finally:
        database.close()


def sign_visits(url: str, acks: str, visit_ids: list[int], seconds: float, seed: int) -> None:
    """Sign the visits one after the other; `signed ID STATE` after each commit, STATE being
    the visit's chart as the signing transaction saw it just before it committed."""
    with _reporting(acks):
        deadline = time.monotonic() + seconds
        database = open_database(url, create=False)
        sessions = database.sessions
        screening = ScreeningService(sessions, chart=chart_findings)
        seen: dict[int, dict[str, Any]] = {}

        def go_ahead_and_look(session: Session, visit_id: int) -> None:
            screening.go_ahead(session, visit_id)
            seen[visit_id] = chart_state(session, visit_id)

        visits = VisitService(sessions, ClinicSettingsService(sessions), go_ahead_and_look)
        rng = random.Random(seed)
        for visit_id in visit_ids:
            while time.monotonic() < deadline:
                time.sleep(rng.uniform(0.005, 0.04))
                try:
                    visits.sign(replace(visits.get(visit_id), practitioner=SIGNER))
                except StaleRecord:
                    continue  # the visit changed between reading and signing: read it again
                _ack(acks, f"signed {visit_id} {json.dumps(seen[visit_id])}")
                break
        database.close()


def chart_visits(url: str, acks: str, prepared: ChartedVisits, seconds: float, seed: int) -> None:
    """Chart the first visit not signed yet (and now and then one a little ahead) with every
    kind of chart write, until every visit refuses; `charted COUNTS` at the end."""
    with _reporting(acks):
        deadline = time.monotonic() + seconds
        database = open_database(url, create=False)
        services = build_services(database.sessions)
        rng = random.Random(seed)
        ids = prepared.visit_ids
        deleted: dict[int, list[MarkRecord]] = {}
        counts: Counter[str] = Counter()
        frontier = 0
        while frontier < len(ids) and time.monotonic() < deadline:
            index = frontier
            if rng.random() < 0.25:
                index = min(frontier + rng.randint(1, 3), len(ids) - 1)
            visit_id = ids[index]
            name, action = rng.choice(_CHART_ACTIONS)
            try:
                action(services, prepared, visit_id, rng, deleted)
            except ReadOnlyRecord:
                counts[f"{name} refused"] += 1
                if index == frontier:
                    frontier += 1
            except (StaleRecord, NotFound):
                counts[f"{name} stale"] += 1
            else:
                counts[f"{name} ok"] += 1
        _ack(acks, f"charted {json.dumps(dict(counts))}")
        database.close()


def _next_year() -> date:
    return date.today() + timedelta(days=400)


def _point(visit_id: int, x: float, y: float, **fields: Any) -> MarkRecord:
    return MarkRecord(None, visit_id, DiagramName.FACE, MarkShape.POINT, (Point(x, y),), **fields)


def _some_mark(services: Services, visit_id: int, rng: random.Random) -> MarkRecord:
    marks = services.marks.list_for_visit(visit_id)
    if not marks:
        raise NotFound("no mark left to change")
    return rng.choice(marks)


def _add(services: Services, p: ChartedVisits, visit_id: int, rng: random.Random, _: Any) -> None:
    services.marks.add(
        _point(visit_id, rng.uniform(60, 240), rng.uniform(80, 300), cocktail_id=p.cocktail_id)
    )


def _move(services: Services, _p: Any, visit_id: int, rng: random.Random, _: Any) -> None:
    mark = _some_mark(services, visit_id, rng)
    assert mark.id is not None
    services.marks.move(mark.id, [Point(rng.uniform(60, 240), rng.uniform(80, 300))], mark.version)


def _edit(services: Services, _p: Any, visit_id: int, rng: random.Random, _: Any) -> None:
    mark = _some_mark(services, visit_id, rng)
    services.marks.update(replace(mark, needle=f"30G {rng.randint(4, 13)} mm", note="edited"))


def _delete(
    services: Services,
    _p: Any,
    visit_id: int,
    rng: random.Random,
    deleted: dict[int, list[MarkRecord]],
) -> None:
    mark = _some_mark(services, visit_id, rng)
    assert mark.id is not None
    deleted.setdefault(visit_id, []).extend(services.marks.delete([mark.id]))


def _restore(
    services: Services,
    _p: Any,
    visit_id: int,
    _rng: random.Random,
    deleted: dict[int, list[MarkRecord]],
) -> None:
    marks = deleted.get(visit_id)
    if not marks:
        raise NotFound("nothing deleted to put back")
    services.marks.restore([marks[-1]])
    marks.pop()


def _template(services: Services, p: ChartedVisits, visit_id: int, _r: Any, _d: Any) -> None:
    services.marks.apply_template(visit_id, p.template_id)


def _repeat(services: Services, _p: Any, visit_id: int, _r: Any, _d: Any) -> None:
    services.marks.repeat_previous(visit_id)


def _override(services: Services, _p: Any, visit_id: int, rng: random.Random, _: Any) -> None:
    finding = ScreeningFinding("race_check", Severity.WARNING, f"Race finding {rng.random()}")
    services.screening.record_override(visit_id, finding, "Checked at the chair.", CHARTER)


def _checklist(services: Services, _p: Any, visit_id: int, rng: random.Random, _: Any) -> None:
    services.screening.save_checklist(visit_id, DayChecklist(fever=rng.random() < 0.5))


_CHART_ACTIONS: list[tuple[str, Callable[..., None]]] = [
    ("add", _add),
    ("move", _move),
    ("edit", _edit),
    ("delete", _delete),
    ("restore", _restore),
    ("template", _template),
    ("repeat", _repeat),
    ("override", _override),
    ("checklist", _checklist),
]


# --- two workstations saving the same records from the same copy -----------------------------


@dataclass(frozen=True)
class SharedRecords:
    """One record of each kind that two workstations edit at the same moment."""

    ingredient_ids: tuple[int, int]
    product_id: int
    lot_id: int
    cocktail_id: int
    patient_id: int
    visit_id: int
    course_id: int
    mark_id: int


def prepare_shared_records(url: str) -> SharedRecords:
    database = open_database(url)
    services = build_services(database.sessions)
    try:
        first, second = (
            services.catalog.save_ingredient(IngredientRecord(None, name))
            for name in ("Shared A", "Shared B")
        )
        product = services.catalog.save_product(ProductRecord(None, "Shared product"))
        assert product.id is not None and first.id is not None and second.id is not None
        lot = services.catalog.receive_lot(
            LotRecord(
                None,
                product.id,
                product.name,
                "S-1",
                date.today() + timedelta(days=400),
                Decimal(5),
            )
        )
        cocktail = services.catalog.save_cocktail(
            CocktailRecord(
                None,
                "Shared cocktail",
                lines=(CocktailLineRecord(product.id, product.name, Decimal(1)),),
            )
        )
        patient = services.patients.save(PatientCard(last_name="Общая", first_name="Ольга"))
        assert patient.id is not None
        services.anamnesis.save(PatientAnamnesisRecord(patient.id, Anamnesis()))
        course = services.courses.save_course(
            services.courses.plan(patient.id, Indication.ACNE, Area.FACE, date.today()),
            create_planned_visits=False,
        )
        visit = services.visits.start_visit(patient.id, practitioner="Shared")
        assert visit.id is not None and course.id is not None
        mark = services.marks.add(_point(visit.id, 150, 200))
        assert lot.id is not None and cocktail.id is not None and mark.id is not None
        return SharedRecords(
            (first.id, second.id),
            product.id,
            lot.id,
            cocktail.id,
            patient.id,
            visit.id,
            course.id,
            mark.id,
        )
    finally:
        database.close()


@dataclass(frozen=True)
class Contest:
    """How one kind of record is read, changed by workstation `who` in round `n`, saved, and
    which of its values a lost update would show."""

    load: Callable[[Services, SharedRecords], Any]
    change: Callable[[Any, SharedRecords, int, int], Any]
    save: Callable[[Services, Any], Any]
    value: Callable[[Any], Any]


def _product(services: Services, shared: SharedRecords) -> ProductRecord:
    return next(p for p in services.catalog.list_products() if p.id == shared.product_id)


def _cocktail(services: Services, shared: SharedRecords) -> CocktailRecord:
    return next(c for c in services.catalog.list_cocktails() if c.id == shared.cocktail_id)


def _lot(services: Services, shared: SharedRecords) -> LotRecord:
    return next(x for x in services.catalog.list_lots() if x.id == shared.lot_id)


def _ingredient(services: Services, shared: SharedRecords) -> IngredientRecord:
    wanted = shared.ingredient_ids[0]
    return next(i for i in services.catalog.list_ingredients() if i.id == wanted)


def _course(services: Services, shared: SharedRecords) -> CourseRecord:
    return next(
        c for c in services.courses.list_courses(shared.patient_id) if c.id == shared.course_id
    )


def _mark(services: Services, shared: SharedRecords) -> MarkRecord:
    return next(m for m in services.marks.list_for_visit(shared.visit_id) if m.id == shared.mark_id)


def _composition(record: ProductRecord, shared: SharedRecords, who: int, n: int) -> ProductRecord:
    part = ProductIngredientRecord(
        shared.ingredient_ids[who], f"Shared {'AB'[who]}", "", IngredientGroup.OTHER, f"{n + 1}%"
    )
    return replace(record, ingredients=(part,))


CONTESTS: dict[str, Contest] = {
    "ingredient": Contest(
        _ingredient,
        lambda r, _s, who, n: replace(r, name_ru=f"вещество {who}-{n}"),
        lambda services, r: services.catalog.save_ingredient(r),
        lambda r: r.name_ru,
    ),
    "product composition": Contest(
        _product,
        _composition,
        lambda services, r: services.catalog.save_product(r),
        lambda r: [(p.ingredient_id, p.concentration) for p in r.ingredients],
    ),
    "lot on hand": Contest(
        _lot,
        lambda r, _s, who, n: replace(r, on_hand=Decimal(10 * n + who)),
        lambda services, r: services.catalog.save_lot(r),
        lambda r: r.on_hand,
    ),
    "cocktail recipe": Contest(
        _cocktail,
        lambda r, _s, who, n: replace(
            r, lines=(replace(r.lines[0], volume_ml=Decimal(f"{n + 1}.{who + 1}")),)
        ),
        lambda services, r: services.catalog.save_cocktail(r),
        lambda r: [line.volume_ml for line in r.lines],
    ),
    "patient card": Contest(
        lambda services, s: services.patients.get(s.patient_id),
        lambda r, _s, who, n: replace(r, notes=f"card {who}-{n}"),
        lambda services, r: services.patients.save(r),
        lambda r: r.notes,
    ),
    "anamnesis": Contest(
        lambda services, s: services.anamnesis.get(s.patient_id),
        lambda r, _s, who, n: replace(
            r, anamnesis=Anamnesis(allergies=(AllergyEntry(substance=f"allergen {who}-{n}"),))
        ),
        lambda services, r: services.anamnesis.save(r),
        lambda r: [a.substance for a in r.anamnesis.allergies],
    ),
    "course": Contest(
        _course,
        lambda r, _s, who, n: replace(r, notes=f"course {who}-{n}"),
        lambda services, r: services.courses.save_course(r, create_planned_visits=False),
        lambda r: r.notes,
    ),
    "visit notes": Contest(
        lambda services, s: services.visits.get(s.visit_id),
        lambda r, _s, who, n: replace(r, notes=f"visit {who}-{n}"),
        lambda services, r: services.visits.save(r),
        lambda r: r.notes,
    ),
    "mark": Contest(
        _mark,
        lambda r, _s, who, n: replace(r, points=(Point(100 + 10 * n, 120 + 40 * who),)),
        lambda services, r: services.marks.update(r),
        lambda r: list(r.points),
    ),
    "clinic profile": Contest(
        lambda services, s: services.settings.profile(),
        lambda r, _s, who, n: replace(r, name=f"Clinic {who}-{n}"),
        lambda services, r: services.settings.save_profile(r),
        lambda r: r.name,
    ),
}


def contest(
    url: str,
    acks: str,
    who: int,
    shared: SharedRecords,
    rounds: int,
    barrier: Barrier,
    kinds: list[str],
) -> None:
    """Each round: read the record, wait for the other workstation to have read it too, then
    save a change of it; `WHO KIND ROUND won|stale` after each save."""
    with _reporting(acks):
        database = open_database(url, create=False)
        services = build_services(database.sessions)
        for kind in kinds:
            rules = CONTESTS[kind]
            for n in range(rounds):
                record = rules.load(services, shared)
                barrier.wait(30)
                try:
                    rules.save(services, rules.change(record, shared, who, n))
                    outcome = "won"
                except StaleRecord:
                    outcome = "stale"
                except ServiceError as error:
                    outcome = f"refused:{type(error).__name__}:{error}"
                _ack(acks, f"{who}\t{kind}\t{n}\t{outcome}")
                barrier.wait(30)
        database.close()


# --- reporting -------------------------------------------------------------------------------


def _ack(acks: str, line: str) -> None:
    handle = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(handle, (line + "\n").encode())
    finally:
        os.close(handle)


@contextmanager
def _reporting(acks: str) -> Iterator[None]:
    """An unexpected error in a writer is written beside the acknowledgements for the test."""
    try:
        yield
    except BaseException as error:
        errors = Path(acks).with_suffix(".errors")
        with errors.open("a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(error)))
        raise
