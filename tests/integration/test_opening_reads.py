"""Opening a card or a visit reads what it shows once: the same answer, without reading it again."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import event

from mesodesk.db import Database
from mesodesk.domain.anamnesis import Anamnesis, ConditionEntry, MedicationEntry
from mesodesk.domain.diagram import DiagramName, MarkShape, Point
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.vocabulary import Technique
from mesodesk.services.registry import Services
from tests.integration.safety_helpers import add_lot, add_patient, add_visit, allergic_to

T = TypeVar("T")


def _reading(database: Database, call: Callable[[], T]) -> tuple[T, list[str]]:
    """What `call` returns, and the statements it sent, one line each."""
    sent: list[str] = []

    def grab(_conn, _cursor, statement, _parameters, _context, _many) -> None:
        sent.append(" ".join(statement.split()))

    event.listen(database.engine, "before_cursor_execute", grab)
    try:
        result = call()
    finally:
        event.remove(database.engine, "before_cursor_execute", grab)
    return result, sent


def _begun(sent: list[str]) -> int:
    """Transactions begun (SQLite's explicit BEGIN; PostgreSQL's begins unseen: one)."""
    return sum(1 for statement in sent if statement.startswith("BEGIN")) or 1


def _reads(sent: list[str], table: str) -> int:
    return sum(1 for statement in sent if f"FROM {table} " in f"{statement} ")


def test_opening_a_card_reads_its_anamnesis_and_each_rule_file_once_with_the_same_alerts(
    services: Services, database: Database
):
    facts = Anamnesis(
        conditions=(ConditionEntry("diabetes"),),
        medications=(MedicationEntry("Warfarin 5 mg"),),
        allergies=allergic_to("lidocaine").allergies,
    )
    patient = add_patient(services, anamnesis=facts)
    safety, sent = _reading(database, lambda: services.anamnesis.card_safety(patient.id))
    assert safety.record == services.anamnesis.get(patient.id)
    assert [m.render() for m in safety.alerts] == services.anamnesis.alerts(patient.id)
    assert [m.render() for m in safety.alerts] == [
        "Allergy: lidocaine",
        "Anticoagulant: Warfarin 5 mg",
        "Diabetes mellitus",
    ]
    assert safety.rule_problems == ()
    assert _reads(sent, "patient_anamnesis") == 1
    assert _reads(sent, "patient_medications") == 1
    assert _reads(sent, "clinic_settings") == 1  # the catalog and the dictionary together
    assert _begun(sent) == 1


def test_opening_a_visit_reads_its_marks_once_and_screens_it_in_one_transaction(
    services: Services, database: Database
):
    patient = add_patient(services)
    visit = add_visit(services, patient.id, ())
    services.marks.add_many(
        [
            MarkRecord(None, visit.id, DiagramName.FACE_FEMALE, MarkShape.POINT, (Point(60, 90),)),
            MarkRecord(None, visit.id, DiagramName.FACE_FEMALE, MarkShape.POINT, (Point(70, 90),)),
        ]
    )
    opening, sent = _reading(database, lambda: services.visit_opening.open_visit(visit.id))
    assert opening.record == services.visits.get(visit.id)
    assert opening.marks == tuple(services.marks.list_for_visit(visit.id))
    assert opening.screening == services.screening.screening(visit.id, plan=opening.record)
    assert _reads(sent, "injection_marks") == 1
    assert _reads(sent, "visit_product_lines") == 1
    assert _begun(sent) == 1


def test_screening_a_visit_reads_the_visit_and_its_lines_once(
    services: Services, database: Database
):
    patient = add_patient(services, anamnesis=allergic_to("lidocaine"))
    lot = add_lot(services, "Anaesthetic mix", [("Lidocaine", "лидокаин")])
    visit = add_visit(services, patient.id, (lot,))
    services.marks.add_many(
        [
            MarkRecord(
                None,
                visit.id,
                DiagramName.FACE_FEMALE,
                MarkShape.POINT,
                (Point(60 + 10 * n, 90),),
                technique=Technique.PAPULAR,
                depth_mm=Decimal(1),
                volume_ml=Decimal("0.05"),
            )
            for n in range(3)
        ]
    )
    for plan in (None, visit):
        screening, sent = _reading(
            database, lambda plan=plan: services.screening.screening(visit.id, plan=plan)
        )
        assert [f.key for f in screening.unresolved] == ["allergy:lidocaine"]
        assert _reads(sent, "visit_product_lines") == 1
        assert _reads(sent, "injection_marks") == 1
        assert _reads(sent, "visit_addenda") == 1
        assert _reads(sent, "clinic_settings") == 1  # the rules, in the same transaction
        assert _begun(sent) == 1


def test_the_timeline_is_read_in_one_transaction(services: Services, database: Database):
    patient = add_patient(services)
    visits = [add_visit(services, patient.id, ()) for _ in range(3)]
    timeline, sent = _reading(database, lambda: services.visits.timeline(patient.id))
    assert [entry.visit.id for entry in timeline.entries if entry.visit] == sorted(
        v.id for v in visits
    )
    assert _reads(sent, "visits") == 1
    assert _begun(sent) == 1


def test_statements_built_once_read_each_patients_own_records_in_turn(services: Services):
    """The opening's statements are built once with bound parameters: reading one patient
    and then another gives each their own visits, marks, anamnesis and rules' alerts."""
    first = add_patient(services, "Иванова", anamnesis=allergic_to("lidocaine"))
    second = add_patient(services, "Петрова")
    first_visits = [add_visit(services, first.id, ()) for _ in range(2)]
    second_visit = add_visit(services, second.id, ())
    services.marks.add(
        MarkRecord(
            None, second_visit.id, DiagramName.FACE_FEMALE, MarkShape.POINT, (Point(60, 90),)
        )
    )

    for _ in range(2):
        first_timeline = services.visits.timeline(first.id)
        second_timeline = services.visits.timeline(second.id)
        assert [e.visit.id for e in first_timeline.entries if e.visit] == [
            v.id for v in first_visits
        ]
        assert [e.visit.id for e in second_timeline.entries if e.visit] == [second_visit.id]
        assert services.visit_opening.open_visit(first_visits[0].id).marks == ()
        assert len(services.visit_opening.open_visit(second_visit.id).marks) == 1
        first_alerts = [m.render() for m in services.anamnesis.card_safety(first.id).alerts]
        assert first_alerts == ["Allergy: lidocaine"]
        assert services.anamnesis.card_safety(second.id).alerts == ()
