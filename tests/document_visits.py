"""Visits stored the way the app stores them, for the document tests (service, CLI, window)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session, sessionmaker

from mesodesk.models import Lot, Patient, Product, Visit, VisitProductLine

PATIENT_RU = ("Иванова", "Мария", "Петровна")
PATIENT_EN = ("Doe", "Jane", "")
FACE_VISIT_AT = datetime(2025, 3, 12, 11, 0)
FACE_NEXT_AT = datetime(2025, 3, 19, 10, 30)
SPINE_VISIT_AT = datetime(2025, 3, 12, 15, 0)
SPINE_NEXT_AT = datetime(2025, 3, 18, 16, 0)


def _at(moment: datetime) -> datetime:
    """A wall-clock time of the clinic, stored as the app stores it (timezone-aware)."""
    return moment.astimezone()


def _patient(s: Session, names: tuple[str, str, str], language: str) -> Patient:
    last, first, middle = names
    patient = Patient(
        last_name=last,
        first_name=first,
        middle_name=middle,
        birth_date=date(1985, 6, 1),
        language=language,
        sort_key=f"{last} {first}".casefold(),
    )
    s.add(patient)
    s.flush()
    return patient


def _lot(s: Session, product: str, lot_number: str) -> Lot:
    row = Product(name=product)
    s.add(row)
    s.flush()
    lot = Lot(
        product_id=row.id,
        lot_number=lot_number,
        expires_on=date(2027, 1, 31),
        on_hand=Decimal("10"),
    )
    s.add(lot)
    s.flush()
    return lot


def _visit(s: Session, patient: Patient, when: datetime, **values: object) -> Visit:
    visit = Visit(patient_id=patient.id, starts_at=_at(when), **values)
    s.add(visit)
    s.flush()
    return visit


def add_face_visit(sessions: sessionmaker[Session], checklist: dict | None = None) -> int:
    """A Russian patient's facial nappage with two lots, and a planned visit a week later."""
    with sessions.begin() as s:
        patient = _patient(s, PATIENT_RU, "ru")
        silk = _lot(s, "REVI Silk", "RS-2411")
        eye = _lot(s, "REVI Eye", "RE-0925")
        visit = _visit(
            s,
            patient,
            FACE_VISIT_AT,
            status="done",
            practitioner="Сидорова Анна Викторовна",
            areas=["face", "neck"],
            techniques=["nappage_middle"],
            method="manual",
            checklist=checklist,
        )
        for position, (lot, volume) in enumerate([(silk, "1.0"), (eye, "0.5")]):
            s.add(
                VisitProductLine(
                    visit_id=visit.id, lot_id=lot.id, volume_ml=Decimal(volume), position=position
                )
            )
        _visit(s, patient, datetime(2025, 2, 1, 9, 0), status="planned")
        _visit(s, patient, FACE_NEXT_AT, status="planned")
        _visit(s, patient, datetime(2025, 4, 2, 12, 0), status="planned")
        return visit.id


def add_spine_visit(sessions: sessionmaker[Session]) -> int:
    """An English-reading patient's vascular spine visit, the next one planned for the 18th."""
    with sessions.begin() as s:
        patient = _patient(s, PATIENT_EN, "en")
        pentox = _lot(s, "Pentoxifylline 2%", "PX-5531")
        silicon = _lot(s, "Organic silicon", "OS-118")
        visit = _visit(
            s,
            patient,
            SPINE_VISIT_AT,
            status="done",
            practitioner="Dr John Roe",
            areas=["vascular"],
            techniques=["pinpoint"],
            method="manual",
        )
        for position, (lot, volume) in enumerate([(pentox, "2"), (silicon, "1.5")]):
            s.add(
                VisitProductLine(
                    visit_id=visit.id, lot_id=lot.id, volume_ml=Decimal(volume), position=position
                )
            )
        _visit(s, patient, SPINE_NEXT_AT, status="cancelled")
        _visit(s, patient, datetime(2025, 3, 25, 16, 0), status="planned")
        return visit.id


def poppler(name: str) -> str:
    """A poppler tool; missing is a skip on a workstation but a failure on CI."""
    path = shutil.which(name)
    if path is None:
        reason = f"{name} (poppler-utils) is not installed; install poppler-utils to check PDFs"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def pdf_text(pdf: bytes) -> str:
    """pdftotext's reading of the PDF, line wrapping folded into single spaces."""
    result = subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return re.sub(r"\s+", " ", result.stdout.decode("utf-8"))


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
