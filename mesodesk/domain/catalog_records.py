"""Catalog records beyond the shared ones in `records.py`: what a lot recall finds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from mesodesk.domain.vocabulary import VisitStatus


@dataclass(frozen=True, slots=True)
class RecallHit:
    """One visit in which a recalled lot went into a patient: who, when, and how much."""

    patient_id: int
    patient_name: str
    visit_id: int
    visit_at: datetime
    volume_ml: Decimal
    product_name: str
    lot_number: str
    unit: str = "ml"
    visit_status: VisitStatus = VisitStatus.DONE
    product_name_ru: str = ""
