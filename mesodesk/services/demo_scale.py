"""A large demo clinic in a minute or two: years of courses, signed visits, charts and lots.

The small demo records each visit through the services, as at the chair; that takes a few
milliseconds a visit, hours for a clinic of 100,000 patients. This fill writes the same kind of
records straight into the tables instead, many rows per statement and one transaction per chunk
of patients, so its memory stays the same for any count:

- the people of the small demo (`demo_people`), their sort keys and search terms;
- on average about five visits each over up to five years, in courses planned from the usual
  course of the indication, on the clinic's working days at the patient's usual time; the
  visits of the past done and signed, the next ones of a running course booked;
- each done visit charted as the small demo charts its course (`course_chart`, about 40 marks
  on average), its zones computed, the products of the chart on its lines from the lot on the
  shelf at the time (one batch per product every half year), sometimes a reaction.

The charts are made once and copied to each visit by the database (INSERT ... SELECT from a
temporary table), the heaviest part of the fill.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    func,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.orm import Session, sessionmaker

from mesodesk import migrations
from mesodesk.db import SQLITE_CACHE_KIB, WRITE_LOCK_OPTION
from mesodesk.domain import patient as rules
from mesodesk.domain.anamnesis import DayChecklist
from mesodesk.domain.chart import Injected, charted_volumes, marks_for_visit, split_volume
from mesodesk.domain.courses import default_plan
from mesodesk.domain.diagram.totals import mark_zone
from mesodesk.domain.progress import Progress, unwatched
from mesodesk.domain.records import CocktailRecord
from mesodesk.domain.safety_records import checklist_to_json
from mesodesk.domain.vocabulary import Area, Language, Method, Sex, Technique, VisitStatus
from mesodesk.models import Patient, PatientSearchTerm
from mesodesk.models.catalog import Lot
from mesodesk.models.marks import InjectionMark
from mesodesk.models.visit import Course, Visit, VisitProductLine, VisitReaction
from mesodesk.services.base import Service
from mesodesk.services.catalog import CatalogService
from mesodesk.services.demo_catalog import lot_number
from mesodesk.services.demo_marks import TECHNIQUES, course_chart
from mesodesk.services.demo_people import person
from mesodesk.services.demo_visits import (
    _CHARTED_AREAS,
    _DISINFECTION,
    _NOTES,
    _PRICES,
    _REACTIONS,
    DEMO_PRACTITIONER,
    DEMO_PRACTITIONER_RU,
    MAX_SESSIONS,
)

CHUNK = 2000
"""Patients written per transaction: big enough for fast statements, small for memory."""
HISTORY_DAYS = 5 * 365
VISITS_PER_PATIENT = (0, 1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 12)
"""How many visits a patient has had or booked: about five on average, some none."""
CHARTS_PER_WAY = 3
"""Charts made per cocktail, area and technique (and language): variety without cost."""
LOT_MONTHS = 6
_WORKING_DAYS = frozenset(range(6))
_ANAESTHESIA = (("", ""), ("Lidocaine cream 5%, 30 minutes", "Крем с лидокаином 5%, 30 минут"))


@dataclass(frozen=True, slots=True)
class _Way:
    """One way a demo course is done: the cocktail, the area and technique, and its charts."""

    cocktail: CocktailRecord
    area: Area
    technique: Technique
    charts: tuple[tuple[int, tuple[tuple[int, str, Decimal], ...]], ...]
    """(chart number, (product id, name, volume) per line): for a man in English, in Russian,
    for a woman in English, in Russian, by turns."""

    areas: tuple[str, ...]
    techniques: tuple[str, ...]
    prices: tuple[int, ...]
    """As a visit row stores them, converted once."""


class DemoClinicService(Service):
    """Writes a large demo clinic by bulk inserts; see the module's docstring."""

    def __init__(self, sessions: sessionmaker[Session], catalog: CatalogService) -> None:
        super().__init__(sessions)
        self._catalog = catalog

    def fill(
        self,
        patients: int,
        seed: int,
        today: date,
        progress: Progress | None = None,
    ) -> int:
        """Add `patients` demo patients with their history; returns how many were added.

        `progress` is told the share done chunk by chunk; cancelled, the fill stops before the
        next chunk (each chunk is its own transaction), keeping those written, and returns
        fewer than `patients`."""
        progress = unwatched(progress)
        rnd = random.Random(f"{seed}:scale")
        cocktails = [c for c in self._catalog.list_cocktails() if c.lines and c.id is not None]
        products = {p.id: p.name for p in self._catalog.list_products() if p.id is not None}
        with self._sessions() as session:
            bind = session.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine
        with engine.connect() as connection:
            connection = connection.execution_options(**{WRITE_LOCK_OPTION: True})
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                _fast_fill(connection, on=True)
                with connection.begin():
                    _drop_deferred_indexes(connection)
            try:
                with connection.begin():
                    ways = _ways(connection, rnd, cocktails, products)
                    lots = _history_lots(connection, products, rnd, today)
                writer = _Writer(connection, rnd, ways, lots, today)
                added = 0
                people = random.Random(seed)
                while added < patients and not progress.cancelled:
                    count = min(CHUNK, patients - added)
                    with connection.begin():
                        writer.write([person(people) for _ in range(count)])
                    added += count
                    progress.report(added / patients)
            finally:  # stopped, interrupted (Ctrl+C) or done: what was written is usable
                if sqlite:
                    with connection.begin():  # those still missing (an opening builds them too)
                        migrations.make_indexes(connection, _DEFERRED_INDEXES)
                    _fast_fill(connection, on=False)
                else:
                    with connection.begin():
                        _move_sequences(connection)
        return added


def _fast_fill(connection: Connection, on: bool) -> None:
    """While filling, SQLite keeps more pages in memory, does not wait for the disk at each
    commit and does not look up each new row's references (the fill makes them whole): a crash
    during the demo fill loses demo data only."""
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute(f"PRAGMA synchronous={'OFF' if on else 'NORMAL'}")
    raw.execute(f"PRAGMA foreign_keys={'OFF' if on else 'ON'}")
    raw.execute(f"PRAGMA cache_size={-65536 if on else -SQLITE_CACHE_KIB}")
    raw.execute(f"PRAGMA temp_store={'MEMORY' if on else 'DEFAULT'}")


_DEFERRED_INDEXES = (
    "ix_patients_archived_sort",
    "ix_patient_search_terms_head",
    "ix_patient_search_terms_term_sort",
)
"""Indexes whose keys come in no order as patients are added (by name, by term): kept up to
date, each chunk would rewrite pages all over them, more of them as the clinic grows."""


def _drop_deferred_indexes(connection: Connection) -> None:
    """Drop `_DEFERRED_INDEXES` for the fill; they are made again once the patients are in,
    as the migrations make them (`migrations.make_indexes`): one sorted build each instead of
    row by row. A fill killed before that leaves them to the next opening of the file."""
    for name in _DEFERRED_INDEXES:
        connection.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')


_MARK_COLUMNS = (
    "diagram",
    "shape",
    "points",
    "technique",
    "depth_mm",
    "volume_ml",
    "needle",
    "cocktail_id",
    "zone",
)
_TEMP = MetaData()
_CHART_MARKS = Table(
    "demo_chart_marks",
    _TEMP,
    Column("chart", Integer, primary_key=True, autoincrement=False),
    Column("id", Integer, primary_key=True, autoincrement=False),
    *(InjectionMark.__table__.c[name]._copy() for name in _MARK_COLUMNS),
    prefixes=["TEMPORARY"],
    sqlite_with_rowid=False,
)
"""Keyed by chart, then mark, and the charted visits by visit: the copy reads the visits in
order and each chart's marks in order, so the marks go in as the ORDER BY asks, unsorted."""
_CHARTED = Table(
    "demo_charted_visits",
    _TEMP,
    Column("visit_id", Integer, primary_key=True, autoincrement=False),
    Column("chart", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)


def _ways(
    connection: Connection,
    rnd: random.Random,
    cocktails: Sequence[CocktailRecord],
    products: dict[int, str],
) -> list[_Way]:
    """Every cocktail, area and technique a demo course can use, with charts made for each."""
    _CHART_MARKS.create(connection, checkfirst=True)
    _CHARTED.create(connection, checkfirst=True)
    connection.execute(_CHART_MARKS.delete())
    ways: list[_Way] = []
    rows: list[dict[str, Any]] = []
    for cocktail in cocktails:
        if not cocktail.indications or any(p.product_id not in products for p in cocktail.lines):
            continue
        for area in cocktail.areas:
            if area not in _CHARTED_AREAS[area.region]:
                continue
            for technique in TECHNIQUES[area.region]:
                charts: list[tuple[int, tuple[tuple[int, str, Decimal], ...]]] = []
                for number in range(CHARTS_PER_WAY * 4):
                    chart_id = sum(len(way.charts) for way in ways) + len(charts)
                    russian, female = number % 2 == 1, number // 2 % 2 == 1
                    sex = Sex.FEMALE if female else Sex.MALE
                    marks = marks_for_visit(
                        course_chart(area, technique, rnd, russian, sex), 0, cocktail.id
                    )
                    for mark in marks:
                        rows.append(
                            {
                                "chart": chart_id,
                                "id": len(rows),
                                "diagram": mark.diagram.value,
                                "shape": mark.shape.value,
                                "points": [[p.x, p.y] for p in mark.points],
                                "technique": mark.technique.value if mark.technique else None,
                                "depth_mm": mark.depth_mm,
                                "volume_ml": mark.volume_ml,
                                "needle": mark.needle,
                                "cocktail_id": cocktail.id,
                                "zone": mark_zone(mark.geometry()),
                            }
                        )
                    charted = charted_volumes(marks).get(Injected(cocktail_id=cocktail.id))
                    amounts = split_volume(
                        charted or Decimal(0), [part.volume_ml for part in cocktail.lines]
                    )
                    lines = tuple(
                        (part.product_id, part.product_name, amount)
                        for part, amount in zip(cocktail.lines, amounts, strict=True)
                    )
                    charts.append((chart_id, lines))
                ways.append(
                    _Way(
                        cocktail,
                        area,
                        technique,
                        tuple(charts),
                        (area.value,),
                        (technique.value,),
                        _PRICES[area.region],
                    )
                )
    connection.execute(insert(_CHART_MARKS), rows)
    return ways


def _history_lots(
    connection: Connection, products: dict[int, str], rnd: random.Random, today: date
) -> dict[tuple[int, int], tuple[int, str, date]]:
    """A batch of every product received every `LOT_MONTHS` months of the history, used up by
    now except the last two: (product, half-year) -> (lot id, lot number, expiry)."""
    first = today - timedelta(days=HISTORY_DAYS + 30)
    periods = HISTORY_DAYS // (LOT_MONTHS * 30) + 2
    taken = {(p, n) for p, n in connection.execute(select(Lot.product_id, Lot.lot_number))}
    start = _next_id(connection, Lot)
    rows: list[dict[str, Any]] = []
    lots: dict[tuple[int, int], tuple[int, str, date]] = {}
    for product_id, name in products.items():
        for period in range(periods):
            received = first + timedelta(days=period * LOT_MONTHS * 30)
            expires = received + timedelta(days=540)
            number = lot_number(name, expires, rnd)
            while (product_id, number) in taken:
                number = lot_number(name, expires, rnd)
            taken.add((product_id, number))
            lots[(product_id, period)] = (start + len(rows), number, expires)
            rows.append(
                {
                    "id": start + len(rows),
                    "version": 1,
                    "product_id": product_id,
                    "lot_number": number,
                    "expires_on": expires,
                    "on_hand": Decimal(rnd.randint(5, 40)) if period >= periods - 2 else Decimal(0),
                    "received_at": datetime.combine(received, time(9), UTC),
                }
            )
    connection.execute(insert(Lot), rows)
    return lots


class _Bound(dict[Any, Any]):
    """Values of one column as the driver takes them, each converted once: days, times and
    areas repeat across thousands of rows."""

    def __init__(self, process: Callable[[Any], Any]) -> None:
        super().__init__()
        self.process = process

    def __missing__(self, value: Any) -> Any:
        bound = self[value] = self.process(value)
        return bound


class _Rows:
    """One table's rows for an executemany of the driver: plain tuples in `columns` order, each
    value bound as its column's type binds it (the per-row work of a Core insert of many rows
    without its per-row dictionaries and statement). Columns in `ready` are given already bound
    (`bound`), for values that are not hashable."""

    def __init__(
        self,
        connection: Connection,
        model: Any,
        columns: Sequence[str],
        ready: Sequence[str] = (),
    ) -> None:
        table = cast(Table, model.__table__)
        dialect = connection.dialect
        self._processors = {
            name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in columns
        }
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self._statement = (
            f"INSERT INTO {table.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join([mark] * len(columns))})"
        )
        self._converting = [
            (i, _Bound(process))
            for i, (name, process) in enumerate(self._processors.items())
            if process is not None and name not in ready
        ]
        self.rows: list[tuple[Any, ...]] = []

    def bound(self, column: str, value: Any) -> Any:
        """`value` as the driver takes it for `column` (one of `ready`)."""
        process = self._processors[column]
        return value if process is None else process(value)

    def write(self, connection: Connection) -> None:
        """Insert the rows gathered, and start again."""
        if not self.rows:
            return
        rows: Sequence[tuple[Any, ...]] = self.rows
        if self._converting:
            columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
            for i, known in self._converting:
                columns[i] = list(map(known.__getitem__, columns[i]))
            rows = list(zip(*columns, strict=True))
        connection.exec_driver_sql(self._statement, rows)
        self.rows = []


_PATIENT_COLUMNS = (
    "id",
    "version",
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "sex",
    "phone",
    "email",
    "address",
    "skin_type",
    "language",
    "notes",
    "archived",
    "last_visit_on",
    "sort_key",
    "created_at",
    "updated_at",
)
_COURSE_COLUMNS = (
    "id",
    "version",
    "patient_id",
    "indication",
    "area",
    "sessions",
    "interval_min_days",
    "interval_max_days",
    "start_on",
    "notes",
    "created_at",
)
_VISIT_COLUMNS = (
    "id",
    "version",
    "patient_id",
    "course_id",
    "starts_at",
    "practitioner",
    "status",
    "areas",
    "techniques",
    "method",
    "anaesthesia",
    "disinfection",
    "notes",
    "price_minor",
    "currency",
    "checklist",
    "signed_at",
    "signed_by",
    "created_at",
    "updated_at",
)
_LINE_COLUMNS = (
    "visit_id",
    "lot_id",
    "volume_ml",
    "cocktail_id",
    "position",
    "product_name",
    "lot_number",
    "expires_on",
    "cocktail_name",
)


def _next_id(connection: Connection, model: Any) -> int:
    return int(connection.execute(select(func.max(model.id))).scalar() or 0) + 1


def _move_sequences(connection: Connection) -> None:
    """On PostgreSQL, rows written with their ids leave the id sequences behind: move them."""
    for table in ("patients", "courses", "visits", "lots"):
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        )


class _Writer:
    """Writes chunks of patients with their histories; made once per fill, so each statement
    is made and each repeated value converted once for the whole fill."""

    def __init__(
        self,
        connection: Connection,
        rnd: random.Random,
        ways: Sequence[_Way],
        lots: dict[tuple[int, int], tuple[int, str, date]],
        today: date,
    ) -> None:
        self.connection = connection
        self.rnd = rnd
        self.ways = ways
        self.lots = lots
        self.today = today
        self.first_day = today - timedelta(days=HISTORY_DAYS + 30)
        self.last_start = today + timedelta(days=10)
        self.last_booked = today + timedelta(days=60)
        self.patients = _Rows(connection, Patient, _PATIENT_COLUMNS)
        self.terms = _Rows(
            connection, PatientSearchTerm, ("term", "patient_id", "sort_key", "archived")
        )
        self.courses = _Rows(connection, Course, _COURSE_COLUMNS)
        self.visits = _Rows(connection, Visit, _VISIT_COLUMNS, ready=("checklist",))
        self.lines = _Rows(connection, VisitProductLine, _LINE_COLUMNS)
        self.reactions = _Rows(
            connection, VisitReaction, ("visit_id", "reaction", "severity", "note")
        )
        self.no_checklist = self.visits.bound("checklist", None)
        self.checklist = self.visits.bound("checklist", _CHECKLIST)
        self.charted: list[tuple[int, int]] = []
        self.line_parts: dict[tuple[int, int], tuple[tuple[Any, ...], ...]] = {}
        self.insert_charted, self.copy_charts = _chart_copy(connection)
        self.patient_id = self.course_id = self.visit_id = 0

    def write(self, cards: Sequence[rules.PatientCard]) -> None:
        """One transaction's patients and everything recorded for them."""
        c = self.connection
        self.patient_id = _next_id(c, Patient)
        self.course_id = _next_id(c, Course)
        self.visit_id = _next_id(c, Visit)
        now = datetime.now(UTC)
        patients, terms = self.patients.rows, self.terms.rows
        for card in cards:
            patient_id = self.patient_id
            self.patient_id += 1
            last_visit = self._history(
                patient_id, card.language is Language.RUSSIAN, card.sex is Sex.FEMALE
            )
            key = rules.sort_key(card)
            patients.append(_patient_row(patient_id, card, last_visit, key, now))
            terms += [(t, patient_id, key, False) for t in rules.search_terms(card)]
        for rows in (
            self.patients,
            self.terms,
            self.courses,
            self.visits,
            self.lines,
            self.reactions,
        ):
            rows.write(c)
        if self.charted:
            c.exec_driver_sql(self.insert_charted, self.charted)
            c.exec_driver_sql(self.copy_charts)
            c.execute(_CHARTED.delete())
            self.charted = []

    def _history(self, patient_id: int, russian: bool, female: bool) -> date | None:
        """The patient's courses and visits, each charted on the face the window shows for
        the patient; returns the day of the last done visit."""
        rnd = self.rnd
        wanted = rnd.choice(VISITS_PER_PATIENT)
        if not wanted:
            return None
        day = self.first_day + timedelta(days=rnd.randint(0, HISTORY_DAYS))
        usual = time(rnd.randint(10, 18), rnd.choice((0, 30)))
        last_done: date | None = None
        made = 0
        while made < wanted and day < self.last_start:
            way = rnd.choice(self.ways)
            indication = rnd.choice(way.cocktail.indications)
            plan = default_plan(indication, way.area, day)
            sessions = max(1, min(plan.sessions, MAX_SESSIONS, wanted - made))
            course_id = self.course_id
            self.course_id += 1
            days = _session_days(day, sessions, plan.interval_min_days, plan.interval_max_days, rnd)
            self.courses.rows.append(
                (
                    course_id,
                    1,
                    patient_id,
                    indication.value,
                    way.area.value,
                    sessions,
                    plan.interval_min_days,
                    plan.interval_max_days,
                    days[0],
                    "",
                    _at_nine(days[0]),
                )
            )
            chart, lines = way.charts[rnd.randrange(CHARTS_PER_WAY) * 4 + female * 2 + russian]
            for session_day in days:
                if session_day > self.last_booked:
                    break
                done = session_day < self.today
                self._visit(
                    patient_id, course_id, way, chart, lines, session_day, usual, done, russian
                )
                made += 1
                if done:
                    last_done = session_day
            day = days[-1] + timedelta(days=rnd.randint(60, 400))
        return last_done

    def _visit(
        self,
        patient_id: int,
        course_id: int,
        way: _Way,
        chart: int,
        lines: tuple[tuple[int, str, Decimal], ...],
        day: date,
        usual: time,
        done: bool,
        russian: bool,
    ) -> None:
        rnd = self.rnd
        visit_id = self.visit_id
        self.visit_id += 1
        starts, booked, signed = _visit_times(day, usual)
        practitioner = DEMO_PRACTITIONER_RU if russian else DEMO_PRACTITIONER
        if not done:
            self.visits.rows.append(
                (
                    visit_id,
                    1,
                    patient_id,
                    course_id,
                    starts,
                    practitioner,
                    _PLANNED,
                    way.areas,
                    (),
                    None,
                    "",
                    "",
                    "",
                    None,
                    "RUB",
                    self.no_checklist,
                    None,
                    None,
                    booked,
                    booked,
                )
            )
            return
        language = 1 if russian else 0
        self.visits.rows.append(
            (
                visit_id,
                1,
                patient_id,
                course_id,
                starts,
                practitioner,
                _DONE,
                way.areas,
                way.techniques,
                _MANUAL,
                rnd.choice(_ANAESTHESIA)[language],
                rnd.choice(_DISINFECTION)[language],
                rnd.choice(_NOTES)[language],
                rnd.choice(way.prices) * 100,
                "RUB",
                self.checklist,
                signed,
                practitioner,
                booked,
                signed,
            )
        )
        self.charted.append((visit_id, chart))
        period = (day - self.first_day).days // (LOT_MONTHS * 30)
        parts = self.line_parts.get((chart, period))
        if parts is None:
            parts = self.line_parts[(chart, period)] = self._line_parts(way, lines, period)
        self.lines.rows += [(visit_id, *part) for part in parts]
        for reaction, severity, note in rnd.sample(_REACTION_ROWS, rnd.choice((0, 0, 1, 1, 2))):
            self.reactions.rows.append((visit_id, reaction, severity, note[language]))

    def _line_parts(
        self, way: _Way, lines: tuple[tuple[int, str, Decimal], ...], period: int
    ) -> tuple[tuple[Any, ...], ...]:
        """A chart's product lines from the lots on the shelf in `period`, but for the visit."""
        parts = []
        for position, (product_id, name, volume) in enumerate(lines):
            lot_id, number, expires = self.lots[(product_id, period)]
            parts.append(
                (
                    lot_id,
                    volume,
                    way.cocktail.id,
                    position,
                    name,
                    number,
                    expires,
                    way.cocktail.name,
                )
            )
        return tuple(parts)


def _chart_copy(connection: Connection) -> tuple[str, str]:
    """The statements that record which chart each done visit has, and copy the charts' marks
    to their visits, in the order of the visits and of each chart's marks."""
    dialect = connection.dialect
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    insert_charted = f"INSERT INTO {_CHARTED.name} (visit_id, chart) VALUES ({mark}, {mark})"
    columns = [_CHART_MARKS.c[name] for name in _MARK_COLUMNS]
    copy = insert(InjectionMark).from_select(
        ["version", "visit_id", *_MARK_COLUMNS, "note"],
        select(literal_column("1"), _CHARTED.c.visit_id, *columns, literal_column("''"))
        .select_from(_CHARTED.join(_CHART_MARKS, _CHARTED.c.chart == _CHART_MARKS.c.chart))
        .order_by(_CHARTED.c.visit_id, _CHART_MARKS.c.id),
    )
    return insert_charted, str(copy.compile(dialect=dialect))


_CHECKLIST = checklist_to_json(DayChecklist())
_REACTION_ROWS = [(reaction.value, severity.value, note) for reaction, severity, note in _REACTIONS]
_DONE = VisitStatus.DONE.value
_PLANNED = VisitStatus.PLANNED.value
_MANUAL = Method.MANUAL.value


@lru_cache(maxsize=65536)
def _utc(day: date, at: time) -> datetime:
    """The clinic's local time on `day` in UTC (the offset of that day: summer time too)."""
    return datetime.combine(day, at).astimezone().astimezone(UTC)


@lru_cache(maxsize=65536)
def _visit_times(day: date, at: time) -> tuple[datetime, datetime, datetime]:
    """A visit's start, when it was booked (a week before) and when it is signed if done
    (40 minutes after its start)."""
    starts = _utc(day, at)
    return starts, starts - timedelta(days=7), starts + timedelta(minutes=40)


@lru_cache(maxsize=4096)
def _at_nine(day: date) -> datetime:
    return datetime.combine(day, time(9), UTC)


def _session_days(
    start: date, sessions: int, gap_min: int, gap_max: int, rnd: random.Random
) -> list[date]:
    """Session days from `start`, each gap inside the course's interval, on working days."""
    days = [_working(start)]
    for _ in range(sessions - 1):
        candidates = _next_days(days[-1], gap_min, gap_max)
        if not candidates:
            break
        days.append(rnd.choice(candidates))
    return days


@lru_cache(maxsize=16384)
def _next_days(day: date, gap_min: int, gap_max: int) -> tuple[date, ...]:
    """The working days from `gap_min` to `gap_max` days after `day`."""
    return tuple(
        day + timedelta(days=gap)
        for gap in range(gap_min, gap_max + 1)
        if (day + timedelta(days=gap)).weekday() in _WORKING_DAYS
    )


def _working(day: date) -> date:
    while day.weekday() not in _WORKING_DAYS:
        day += timedelta(days=1)
    return day


def _patient_row(
    patient_id: int, card: rules.PatientCard, last_visit: date | None, key: str, now: datetime
) -> tuple[Any, ...]:
    return (
        patient_id,
        1,
        card.last_name,
        card.first_name,
        card.middle_name,
        card.birth_date,
        card.sex.value,
        card.phone,
        card.email,
        card.address,
        card.skin_type.value if card.skin_type else None,
        card.language.value,
        card.notes,
        False,
        last_visit,
        key,
        now,
        now,
    )
