"""Visits stored the way the app stores them, for the document tests (service, CLI, window)."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
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


def _lot(s: Session, product: str, lot_number: str, name_ru: str = "") -> Lot:
    row = Product(name=product, name_ru=name_ru)
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
        silk = _lot(s, "REVI Silk", "RS-2411", "REVI Silk")
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
        pentox = _lot(s, "Pentoxifylline 2%", "PX-5531", "Пентоксифиллин 2%")
        silicon = _lot(s, "Organic silicon", "OS-118", "Органический кремний")
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


@dataclass(frozen=True)
class Word:
    """A word as poppler places it: page (from 0), text and box in points, y from the top.

    `pdftotext -bbox` boxes a word from the font's top to its bottom at one em, so the box's
    height is the size the word was set in (checked in `test_bbox_height_is_the_font_size`).
    """

    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def size(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Layout:
    words: list[Word]
    pages: list[tuple[float, float]]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)


def pdf_words(pdf: bytes) -> Layout:
    """Every word of the PDF with its box, read by `pdftotext -bbox`."""
    result = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    words: list[Word] = []
    pages: list[tuple[float, float]] = []
    for chunk in result.stdout.decode("utf-8").split("<page ")[1:]:
        size = _PAGE.match("<page " + chunk)
        assert size is not None
        pages.append((float(size.group(1)), float(size.group(2))))
        for x0, y0, x1, y1, text in _WORD.findall(chunk):
            words.append(
                Word(
                    len(pages) - 1, html.unescape(text), float(x0), float(y0), float(x1), float(y1)
                )
            )
    return Layout(words, pages)


_ENGLISH_WORD = re.compile(r"(?<!\w)(?<!\d-)[A-Za-z]{2,}(?!\w)(?!-\d)")


def english_words(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Words of two or more Latin letters, after taking out the allowed phrases (brands).

    Codes are not words: a lot number ("RS-2411"), a needle ("32G") or a vertebral level
    ("T4") has digits joined to its letters.
    """
    for phrase in sorted(allowed, key=len, reverse=True):
        text = text.replace(phrase, " ")
    return _ENGLISH_WORD.findall(text)


def line_of(layout: Layout, first: str, tolerance: float = 4.0) -> str:
    """The words printed level with the first word `first` (a table row), left to right."""
    anchor = next(word for word in layout.words if word.text == first)
    middle = (anchor.y0 + anchor.y1) / 2
    row = [
        word
        for word in layout.words
        if word.page == anchor.page and abs((word.y0 + word.y1) / 2 - middle) <= tolerance
    ]
    return " ".join(word.text for word in sorted(row, key=lambda word: word.x0))
