"""Marks on each of the newer diagram views print: the aftercare sheet's injection map and the
visit summary's table per zone, in Russian and in English, read back with poppler as another
machine would (`pdftotext -bbox` gives each word's size; see test_documents)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from mesodesk.documents.aftercare import build_aftercare
from mesodesk.documents.injection_map import mark_groups
from mesodesk.documents.layout import MIN_FONT_PT
from mesodesk.documents.model import (
    AftercareInput,
    ClinicLetterhead,
    ProductUse,
    VisitSummaryInput,
)
from mesodesk.documents.visit_summary import build_visit_summary
from mesodesk.domain.chart import charted_areas
from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram, mark_zone
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.vocabulary import Language, Method, Technique
from tests.document_visits import english_words, page_count, pdf_text, pdf_words

CLINIC = {
    Language.RUSSIAN: ClinicLetterhead("Клиника «Аврора»", "г. Казань, ул. Баумана, 15", "+7 843"),
    Language.ENGLISH: ClinicLetterhead("Aurora Clinic", "15 Harbour Street", "+44 1273 555"),
}
TREATED = {
    DiagramName.FACE_FEMALE: ("forehead", "cheek_left", "nasolabial_right"),
    DiagramName.NECK_DECOLLETE: ("neck_front", "decollete_left", "submental"),
    DiagramName.SCALP: ("frontal", "vertex", "temporal_right"),
    DiagramName.HANDS: ("hand_back_left", "hand_back_right", "fingers_right"),
    DiagramName.FACE_3Q_LEFT: ("cheek_left", "forehead", "jawline_left"),
    DiagramName.FACE_3Q_RIGHT: ("cheek_right", "temple_right", "chin"),
    DiagramName.PROFILE_LEFT: ("cheek_left", "neck", "temple_left"),
    DiagramName.PROFILE_RIGHT: ("cheek_right", "jawline_right", "neck"),
}
"""Zones a practitioner treats together on each view; on the hands, on both hands at once."""
VIEWS = list(TREATED)


def charted(name: DiagramName) -> tuple[MarkRecord, ...]:
    """A nappage square in each treated zone, with the zone the service would store."""
    diagram = load_diagram(name)
    marks = []
    for zone in TREATED[name]:
        x, y = diagram.zone(zone).label_point
        square = (
            Point(x - 4, y - 4),
            Point(x + 4, y - 4),
            Point(x + 4, y + 4),
            Point(x - 4, y + 4),
        )
        mark = MarkRecord(
            None, 1, name, MarkShape.AREA, square, Technique.NAPPAGE_MIDDLE,
            Decimal("1"), Decimal("0.02"), "32G 4 мм",
        )  # fmt: skip
        marks.append(replace(mark, zone=mark_zone(mark.geometry())))
    return tuple(marks)


def aftercare(name: DiagramName, language: Language) -> bytes:
    marks = charted(name)
    return build_aftercare(
        AftercareInput(
            language=language,
            clinic=CLINIC[language],
            patient_name="Иванова Мария Петровна",
            visit_on=date(2025, 3, 12),
            areas=list(charted_areas(marks)),
            techniques=[Technique.NAPPAGE_MIDDLE],
            products=[ProductUse("REVI Silk", "RS-2411", Decimal("1.0"))],
            practitioner_name="Сидорова А. В.",
            marks=marks,
        )
    )


def summary(name: DiagramName, language: Language) -> bytes:
    marks = charted(name)
    return build_visit_summary(
        VisitSummaryInput(
            language=language,
            clinic=CLINIC[language],
            patient_name="Иванова Мария Петровна",
            birth_date=date(1979, 11, 23),
            visit_on=date(2025, 3, 12),
            practitioner_name="Сидорова Анна Викторовна",
            areas=list(charted_areas(marks)),
            techniques=[Technique.NAPPAGE_MIDDLE],
            method=Method.MANUAL,
            products=[ProductUse("REVI Silk", "RS-2411", Decimal("1.0"))],
            marks=marks,
        )
    )


def images(pdf: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get("/XObject")
        for ref in xobjects.get_object().values() if xobjects is not None else ():
            count += ref.get_object()["/Subtype"] == "/Image"
    return count


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("name", VIEWS)
def test_the_aftercare_map_of_each_view_names_the_view_and_its_treated_zones(
    name: DiagramName, language: Language
) -> None:
    pdf = aftercare(name, language)
    text = " ".join(pdf_text(pdf).split())
    diagram = load_diagram(name)
    russian = language is Language.RUSSIAN

    assert (diagram.label_ru if russian else diagram.label) in text
    for code in TREATED[name]:
        zone = diagram.zone(code)
        assert (zone.label_ru if russian else zone.label) in text, code
    assert images(pdf) == 0, "the map is drawn as vectors"
    assert page_count(pdf) == 1
    assert round(min(word.size for word in pdf_words(pdf).words), 2) >= MIN_FONT_PT


@pytest.mark.parametrize("name", VIEWS)
def test_a_russian_sheet_with_a_new_view_holds_no_english(name: DiagramName) -> None:
    for pdf in (aftercare(name, Language.RUSSIAN), summary(name, Language.RUSSIAN)):
        assert english_words(pdf_text(pdf), ("REVI", "Silk", "RS-2411", "32G")) == []


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("name", VIEWS)
def test_the_visit_summary_lists_each_zone_of_a_new_view(
    name: DiagramName, language: Language
) -> None:
    pdf = summary(name, language)
    text = " ".join(pdf_text(pdf).split())
    russian = language is Language.RUSSIAN
    for code in TREATED[name]:
        zone = load_diagram(name).zone(code)
        assert (zone.label_ru if russian else zone.label) in text, code
    assert round(min(word.size for word in pdf_words(pdf).words), 2) >= MIN_FONT_PT


def test_both_hands_treated_at_one_visit_print_as_one_map() -> None:
    marks = charted(DiagramName.HANDS)
    assert [name for name, _ in mark_groups(marks)] == [DiagramName.HANDS]
