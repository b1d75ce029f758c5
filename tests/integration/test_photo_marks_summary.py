"""The visit protocol lists the marks placed on a photo under that photo, not as a diagram's
marks "outside zones", in the sheet's language."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from mesodesk.documents.visit_summary import build_visit_summary, zone_rows
from mesodesk.domain.diagram import DiagramName, MarkShape, Point
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.photo_marks import mark_photo
from mesodesk.domain.vocabulary import Language, Technique
from tests.document_visits import pdf_text
from tests.integration.test_documents import _summary

PHOTO = mark_photo(3, "before", "left-45", 3000, 4000)
ON_PHOTO = tuple(
    MarkRecord(
        None,
        1,
        DiagramName.FACE_3Q_LEFT,
        MarkShape.POINT,
        (Point(20 + 5 * i, 40),),
        technique=Technique.PAPULAR,
        depth_mm=Decimal("1"),
        volume_ml=Decimal("0.05"),
        photo=PHOTO,
    )
    for i in range(4)
)


def test_marks_on_a_photo_are_one_row_after_the_diagrams_zones() -> None:
    marks = _summary(Language.RUSSIAN).marks
    rows = zone_rows([*ON_PHOTO, *marks])

    assert rows[-1].photo == PHOTO and rows[-1].injections == 4
    assert rows[-1].volume_ml == Decimal("0.20")
    assert all(row.photo is None for row in rows[:-1])


def test_the_protocol_names_the_photo_of_its_marks_in_both_languages() -> None:
    for language, words in (
        (Language.RUSSIAN, "На фото (до, слева 45°)"),
        (Language.ENGLISH, "On the photo (before, left 45°)"),
    ):
        summary = _summary(language)
        text = pdf_text(build_visit_summary(replace(summary, marks=(*summary.marks, *ON_PHOTO))))
        assert words in text
