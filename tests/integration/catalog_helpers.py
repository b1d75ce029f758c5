"""Visits that used a lot, written straight into the tables, for recall tests.

The visits pane owns how visits are recorded; these tests only need the rows a recall reads.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session, sessionmaker

from mesodesk.models import Visit, VisitProductLine


def record_use(
    sessions: sessionmaker[Session],
    patient_id: int,
    lot_id: int,
    at: datetime,
    volume_ml: str = "2.0",
    status: str = "done",
) -> int:
    """A visit of `patient_id` at `at` that used `volume_ml` of the lot; returns the visit id."""
    with sessions.begin() as session:
        visit = Visit(patient_id=patient_id, starts_at=at, status=status)
        session.add(visit)
        session.flush()
        session.add(
            VisitProductLine(visit_id=visit.id, lot_id=lot_id, volume_ml=Decimal(volume_ml))
        )
        session.flush()
        return visit.id
