"""The demo database obeys the app's own rules, read back through the services a user's window
uses: no pregnant men; course visits at the course's interval on working days inside opening
hours; charted volumes that match the product lines; depths within the needle, the area and the
technique; every signed visit screened clean or overridden with a written reason.

One demo is generated on a real SQLite file for the module; the same checks run on PostgreSQL.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from mesodesk.db import Database, open_database, sqlite_url
from mesodesk.domain.anamnesis import AllergyEntry, Anamnesis, ConditionEntry
from mesodesk.domain.chart import charted_volumes, mark_volume, reconcile
from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.contraindications import ContraindicationKind
from mesodesk.domain.courses import CoursePlan, check_plan
from mesodesk.domain.diagram import DiagramName, MarkShape
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import MarkRecord, front_face, mark_depth_findings
from mesodesk.domain.patient import PatientCard, age_on
from mesodesk.domain.records import CourseRecord, VisitRecord
from mesodesk.domain.safety_records import VisitScreening
from mesodesk.domain.vocabulary import Sex, VisitStatus
from mesodesk.services.demo import fill_demo
from mesodesk.services.demo_catalog import fill_demo_catalog
from mesodesk.services.demo_visits import fill_demo_visits
from mesodesk.services.registry import Services, build_services
from mesodesk.services.screening import LAST_VISIT_REACTIONS

PATIENTS = 90
SEED = 5
VISIT_MINUTES = 30
NEEDLE_LENGTH = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:mm|мм)\b")

SESSION_ML = {
    DiagramName.FACE: (Decimal(1), Decimal(5)),
    DiagramName.FACE_FEMALE: (Decimal(1), Decimal(5)),
    DiagramName.BACK: (Decimal("3.5"), Decimal(7)),
    DiagramName.BODY_FRONT: (Decimal(1), Decimal(10)),
}
"""What one session plausibly takes in all: a face session 1-5 ml; the vascular scheme C3-T4
or C3-T6 (56-70 points) at 0.05-0.1 ml a point; a body area a few ml."""
FACES = {DiagramName.FACE, DiagramName.FACE_FEMALE}


@dataclass(frozen=True)
class Demo:
    """The demo as a user's window reads it."""

    today: date
    profile: ClinicProfile
    cards: dict[int, PatientCard]
    anamneses: dict[int, Anamnesis]
    courses: list[CourseRecord]
    visits: list[VisitRecord]
    marks: dict[int, list[MarkRecord]]
    screenings: dict[int, VisitScreening]

    @property
    def done(self) -> list[VisitRecord]:
        return [v for v in self.visits if v.status is VisitStatus.DONE]


def _read(services: Services) -> Demo:
    rows = services.patients.search("", limit=10_000)
    visits = [v for row in rows for v in services.visits.list_for_patient(row.id)]
    done = [v.id for v in visits if v.status is VisitStatus.DONE and v.id is not None]
    return Demo(
        today=date.today(),
        profile=services.settings.profile(),
        cards={row.id: services.patients.get(row.id) for row in rows},
        anamneses={row.id: services.anamnesis.get(row.id).anamnesis for row in rows},
        courses=[c for row in rows for c in services.courses.list_courses(row.id)],
        visits=visits,
        marks={visit_id: services.marks.list_for_visit(visit_id) for visit_id in done},
        screenings={visit_id: services.screening.screening(visit_id) for visit_id in done},
    )


def _make(database: Database, patients: int) -> Demo:
    services = build_services(database.sessions)
    services.catalog.ensure_starter_catalog()
    fill_demo(services, patients, SEED)
    return _read(services)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    database = open_database(sqlite_url(tmp_path_factory.mktemp("demo") / "demo.sqlite3"))
    try:
        yield _make(database, PATIENTS)
    finally:
        database.close()


# --- the rules, each a list of what breaks it ---------------------------------------------------


def facts_a_card_rules_out(demo: Demo) -> list[str]:
    """No pregnant, breastfeeding or just-delivered man; pregnancy only at a childbearing age."""
    problems = []
    for patient_id, facts in demo.anamneses.items():
        card = demo.cards[patient_id]
        female_only = facts.pregnant or facts.breastfeeding or facts.childbirth_on is not None
        if card.sex is not Sex.FEMALE and female_only:
            problems.append(f"patient {patient_id} ({card.sex}) is recorded {facts}")
        age = age_on(card.birth_date, demo.today)
        if facts.pregnant and (age is None or not 18 <= age <= 50):
            problems.append(f"patient {patient_id} is pregnant at {age}")
    return problems


def course_dates_the_rules_refuse(demo: Demo) -> list[str]:
    """Course visits at the course's interval (check_plan finds nothing of warning or worse),
    on working days, inside opening hours, never two at once, done before today and booked
    after it."""
    problems = []
    counted = [v for v in demo.visits if v.status is not VisitStatus.CANCELLED]
    for course in demo.courses:
        own = [_day(v) for v in counted if v.course_id == course.id]
        others = [
            _day(v)
            for v in counted
            if v.patient_id == course.patient_id and v.course_id != course.id
        ]
        plan = CoursePlan(
            course.indication,
            course.area,
            course.sessions,
            course.interval_min_days,
            course.interval_max_days,
            course.start_on,
        )
        serious = [
            f.reason
            for f in check_plan(plan, own, others)
            if f.severity.rank >= Severity.WARNING.rank
        ]
        if serious:
            problems.append(f"course {course.id}: {serious}")
        if not own or min(own) != course.start_on or len(own) > course.sessions:
            problems.append(f"course {course.id} starts {course.start_on}, visits on {own}")
    profile = demo.profile
    for visit in demo.visits:
        local = visit.starts_at.astimezone()
        ends = (local + timedelta(minutes=VISIT_MINUTES)).time()
        if local.weekday() not in profile.working_days:
            problems.append(f"visit {visit.id} on a closed day, {local:%A %Y-%m-%d}")
        if not profile.opens_at <= local.time() < ends <= profile.closes_at:
            problems.append(f"visit {visit.id} at {local:%H:%M}, outside opening hours")
        if local.minute % 15 or local.second:
            problems.append(f"visit {visit.id} at an odd time, {local:%H:%M:%S}")
        past = _day(visit) < demo.today
        if past != (visit.status is VisitStatus.DONE):
            problems.append(f"visit {visit.id} is {visit.status} on {_day(visit)}")
    starts = Counter(v.starts_at for v in demo.visits)
    problems += [
        f"{count} visits booked at {moment}" for moment, count in starts.items() if count > 1
    ]
    return problems


def volumes_that_disagree(demo: Demo) -> list[str]:
    """Every done visit charts what it injects, per mark, and its product lines say the same:
    the reconciliation finds nothing, and the session's total is a plausible one."""
    problems = []
    for visit in demo.done:
        marks = demo.marks[visit.id or 0]
        if not marks or not visit.product_lines:
            problems.append(f"visit {visit.id}: {len(marks)} marks, {visit.product_lines}")
            continue
        unnamed = [m.id for m in marks if m.cocktail_id is None or not m.volume_ml]
        if unnamed:
            problems.append(f"visit {visit.id}: marks {unnamed} say no cocktail or volume")
        findings = reconcile(marks, visit.product_lines)
        if findings:
            problems.append(f"visit {visit.id}: {[f.reason for f in findings]}")
        if {line.cocktail_id for line in visit.product_lines} != {m.cocktail_id for m in marks}:
            problems.append(f"visit {visit.id}: lines of another cocktail than the chart's")
        total = sum(charted_volumes(marks).values(), Decimal(0))
        for diagram in {m.diagram for m in marks}:
            low, high = SESSION_ML[diagram]
            if not low <= total <= high:
                problems.append(f"visit {visit.id}: {total} ml on the {diagram} diagram")
        if any(m.diagram is DiagramName.BACK for m in marks):
            per_point = {m.volume_ml for m in marks}
            points = [m for m in marks if m.shape is MarkShape.POINT]
            plausible = all(
                v is not None and Decimal("0.05") <= v <= Decimal("0.1") for v in per_point
            )
            if len(points) != len(marks) or not plausible:
                problems.append(f"visit {visit.id}: vascular scheme at {per_point} ml a point")
    return problems


def depths_out_of_bounds(demo: Demo) -> list[str]:
    """Every mark's depth within its area's limit and its technique's range (no depth finding
    at all), and no deeper than its needle is long."""
    problems = []
    for visit_id, marks in demo.marks.items():
        for mark in marks:
            findings = mark_depth_findings(mark)
            if findings or mark.technique is None or mark.depth_mm is None:
                problems.append(f"visit {visit_id} mark {mark.id}: {mark.depth_mm} mm {findings}")
                continue
            length = NEEDLE_LENGTH.search(mark.needle)
            if length is None or mark.depth_mm > Decimal(length.group(1).replace(",", ".")):
                problems.append(f"mark {mark.id}: {mark.depth_mm} mm with needle {mark.needle!r}")
    return problems


def faces_not_the_patients(demo: Demo) -> list[str]:
    """A face is charted on the face the window opens for the patient: a woman's on the
    woman's face, a man's on the man's."""
    problems = []
    for visit in demo.done:
        wanted = front_face(demo.cards[visit.patient_id].sex)
        faces = {m.diagram for m in demo.marks[visit.id or 0]} & FACES
        if faces - {wanted}:
            problems.append(f"visit {visit.id}: {sorted(faces)} for {wanted}")
    return problems


def visits_signed_over_a_finding(demo: Demo) -> list[str]:
    """Every done visit signed by its practitioner after the day's questions were answered,
    and screened clean: no block (the demo never injects over an absolute contraindication, so
    no override is needed), nothing to postpone, and a remaining warning only when it is a true
    one for the patient (a relative contraindication, or what followed the last visit), never
    one of the chart, the depths or the course."""
    problems = []
    for visit in demo.done:
        screening = demo.screenings[visit.id or 0]
        if not visit.signed or not visit.practitioner or visit.signed_by != visit.practitioner:
            problems.append(f"visit {visit.id} signed by {visit.signed_by!r}")
        if visit.checklist is None:
            problems.append(f"visit {visit.id}: the day's questions were not asked")
        for finding in screening.findings:
            if finding.severity.rank > Severity.WARNING.rank or (
                finding.severity is Severity.WARNING
                and finding.kind is not ContraindicationKind.RELATIVE
                and finding.code != LAST_VISIT_REACTIONS
            ):
                problems.append(f"visit {visit.id}: {finding.severity} {finding.reason}")
    return problems


RULES: list[Callable[[Demo], list[str]]] = [
    facts_a_card_rules_out,
    course_dates_the_rules_refuse,
    volumes_that_disagree,
    depths_out_of_bounds,
    faces_not_the_patients,
    visits_signed_over_a_finding,
]


def _day(visit: VisitRecord) -> date:
    return visit.starts_at.astimezone().date()


# --- the demo, checked -------------------------------------------------------------------------


def test_the_demo_has_dozens_of_signed_course_visits_on_the_face_the_body_and_the_back(
    demo: Demo,
) -> None:
    done = demo.done
    assert len(done) >= 36 and len(demo.courses) >= 12
    diagrams = Counter(m.diagram for visit in done for m in demo.marks[visit.id or 0][:1])
    assert all(
        diagrams[d] >= 4
        for d in (
            DiagramName.FACE,
            DiagramName.FACE_FEMALE,
            DiagramName.BODY_FRONT,
            DiagramName.BACK,
        )
    )
    assert all(v.course_id is not None for v in demo.visits)
    assert any(v.status is VisitStatus.PLANNED for v in demo.visits)
    assert sum(1 for facts in demo.anamneses.values() if facts != Anamnesis()) >= 5
    assert any(demo.cards[p].sex is Sex.MALE for p, f in demo.anamneses.items() if f != Anamnesis())


def test_no_man_is_recorded_pregnant_or_breastfeeding(demo: Demo) -> None:
    assert facts_a_card_rules_out(demo) == []


def test_course_visits_fall_at_the_course_interval_on_working_days_inside_opening_hours(
    demo: Demo,
) -> None:
    assert course_dates_the_rules_refuse(demo) == []


def test_every_done_visit_charts_the_cocktail_and_volumes_its_product_lines_record(
    demo: Demo,
) -> None:
    assert volumes_that_disagree(demo) == []
    totals = [mark_volume(m) for marks in demo.marks.values() for m in marks]
    assert all(total is not None and total > 0 for total in totals)


def test_every_injection_depth_is_within_its_needle_area_and_technique(demo: Demo) -> None:
    assert depths_out_of_bounds(demo) == []


def test_a_face_is_charted_on_the_face_the_window_shows_for_the_patient(demo: Demo) -> None:
    assert faces_not_the_patients(demo) == []


def test_every_signed_visit_was_screened_clean_or_went_ahead_with_a_written_reason(
    demo: Demo,
) -> None:
    assert visits_signed_over_a_finding(demo) == []


def test_the_demo_keeps_every_rule_on_postgresql(postgresql_db: Database) -> None:
    made = _make(postgresql_db, 40)
    assert len(made.done) >= 12
    assert {rule.__name__: rule(made) for rule in RULES} == {rule.__name__: [] for rule in RULES}


# --- who is treated ----------------------------------------------------------------------------


def test_a_card_that_rules_mesotherapy_out_gets_no_demo_course_and_an_allergy_no_allergen(
    sqlite_services: Services,
) -> None:
    """Pregnancy, hypertension and keloid scars are absolute contraindications: such patients
    are not treated. A patient allergic to lidocaine is treated with no lidocaine, neither in
    the cocktail nor in the numbing cream."""
    services = sqlite_services
    fill_demo_catalog(services, random.Random(1))
    kinds = {
        "pregnant": Anamnesis(pregnant=True),
        "keloid": Anamnesis(keloid_tendency=True),
        "hypertension": Anamnesis(conditions=(ConditionEntry("hypertension"),)),
        "allergic": Anamnesis(allergies=(AllergyEntry("Лидокаин"),)),
    }
    patients: dict[int, str] = {}
    for kind, facts in kinds.items():
        for number in range(12):
            card = services.patients.save(
                PatientCard(
                    last_name=kind.title(),
                    first_name=f"Patient {number}",
                    birth_date=date(1990, 5, 1),
                    sex=Sex.FEMALE,
                )
            )
            assert card.id is not None
            record = services.anamnesis.get(card.id)
            services.anamnesis.save(replace(record, anamnesis=facts))
            patients[card.id] = kind

    assert fill_demo_visits(services, random.Random(4), list(patients)) > 0

    visits = {patient_id: services.visits.list_for_patient(patient_id) for patient_id in patients}
    assert not any(visits[p] for p, kind in patients.items() if kind != "allergic")
    treated = [v for p, kind in patients.items() if kind == "allergic" for v in visits[p]]
    products = {p.id: p for p in services.catalog.list_products()}
    lots = {lot.id: lot for lot in services.catalog.list_lots()}
    for visit in treated:
        names = {
            part.name
            for line in visit.product_lines
            for part in products[lots[line.lot_id].product_id].ingredients
        }
        assert "Lidocaine" not in names, visit
        assert (
            "lidocaine" not in visit.anaesthesia.lower() and "emla" not in visit.anaesthesia.lower()
        )
    signed = [v for v in treated if v.signed]
    assert signed and all(v.overrides == () for v in signed)
    for visit in signed:
        assert services.screening.screening(visit.id or 0).unresolved == ()
