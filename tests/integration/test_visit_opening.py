"""Opening a visit on both engines: one read gives what the separate reads gave."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import LotRecord, ProductLineRecord
from mesodesk.domain.visit_records import local_day
from mesodesk.services.errors import NotFound
from mesodesk.services.registry import Services


def _point(visit_id: int, zone: str) -> MarkRecord:
    x, y = load_diagram(DiagramName.BACK).zone(zone).label_point
    return MarkRecord(None, visit_id, DiagramName.BACK, MarkShape.POINT, (Point(x, y),))


def _charted_patient(services: Services) -> tuple[int, int]:
    """A patient with a done visit a month ago and today's visit, both charted, and a clinic
    with a starter catalog and lots: one usable, one expired, one used up."""
    services.catalog.ensure_starter_catalog()
    product = services.catalog.list_products()[0]
    for number, expires, on_hand in (
        ("GOOD", date.today() + timedelta(days=200), "5"),
        ("OLD", date.today() - timedelta(days=1), "5"),
        ("EMPTY", date.today() + timedelta(days=200), "0"),
    ):
        services.catalog.receive_lot(
            LotRecord(None, product.id, product.name, number, expires, Decimal(on_hand))
        )
    patient = services.patients.save(PatientCard(last_name="Орлова", first_name="Вера"))
    assert patient.id is not None
    now = datetime.now(UTC)
    before = services.visits.start_visit(patient.id, now - timedelta(days=30))
    before = services.visits.mark_done(before)
    services.marks.add(_point(before.id, "thoracic"))
    today = services.visits.start_visit(patient.id, now - timedelta(hours=1))
    lot = services.catalog.list_lots(usable_on=date.today())[0]
    line = ProductLineRecord(lot_id=lot.id, volume_ml=Decimal("1"))
    services.visits.save(replace(today, product_lines=(line,)))
    services.marks.add_many([_point(today.id, "thoracic"), _point(today.id, "lumbar")])
    return patient.id, today.id


def test_opening_a_visit_reads_what_the_separate_reads_give(services):
    _patient, visit_id = _charted_patient(services)
    opening = services.visit_opening.open_visit(visit_id)
    record = services.visits.get(visit_id)
    assert opening.record == record
    assert record.charted_areas and record.product_lines
    assert opening.marks == tuple(services.marks.list_for_visit(visit_id))
    assert len(opening.marks) == 2
    assert opening.previous_marks == tuple(services.marks.previous_marks(visit_id))
    assert len(opening.previous_marks) == 1
    usable = services.catalog.list_lots(usable_on=local_day(record.starts_at))
    assert opening.lots == tuple(usable)
    assert [lot.lot_number for lot in opening.lots] == ["GOOD"]
    assert opening.cocktails == tuple(c for c in services.catalog.list_cocktails() if c.lines)
    assert opening.cocktails
    assert opening.templates == tuple(services.templates.list_templates())
    assert opening.screening == services.screening.screening(visit_id, plan=record)


def test_a_signed_visit_opens_with_nothing_to_chart_with(services):
    _patient, visit_id = _charted_patient(services)
    done = services.visits.mark_done(services.visits.get(visit_id))
    signed = services.visits.sign(replace(done, practitioner="Practitioner"))
    opening = services.visit_opening.open_visit(visit_id)
    assert opening.record == signed
    assert opening.lots == () and opening.cocktails == ()
    assert len(opening.marks) == 2
    assert opening.screening == services.screening.screening(visit_id)


def test_a_visit_deleted_meanwhile_is_not_found(services):
    with pytest.raises(NotFound):
        services.visit_opening.open_visit(999_999)
