"""The shipped fonts as reportlab keeps them: packed, and embedding exactly what it would."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont

from mesodesk.documents.fonts import FACES, HorizontalMetrics, ensure_fonts, pack
from mesodesk.paths import resource_path

SAMPLE = "Долгова Вера Ёлкина, Müller-Łukasiewicz, Nguyễn: 0,05 мл × 40 — 2 мм ±°✓"


@pytest.mark.parametrize(("name", "filename"), FACES)
def test_a_packed_face_embeds_the_same_subset_and_measures_the_same(
    name: str, filename: str
) -> None:
    path = str(resource_path("fonts", filename))
    plain, packed = TTFont(f"plain-{name}", path), TTFont(f"packed-{name}", path)
    pack(packed.face)
    assert "glyphToChar" not in vars(packed.face)
    assert isinstance(packed.face.hmetrics, HorizontalMetrics)
    assert len(packed.face.hmetrics) == len(plain.face.hmetrics)
    characters = sorted({ord(c) for c in SAMPLE} | {0x20})
    assert packed.face.makeSubset(characters) == plain.face.makeSubset(characters)
    assert packed.stringWidth(SAMPLE, 10) == plain.stringWidth(SAMPLE, 10)


def test_the_registered_faces_are_the_packed_ones() -> None:
    ensure_fonts()
    for name, _ in FACES:
        face = getFont(name).face
        assert "glyphToChar" not in vars(face)
        assert isinstance(face.hmetrics, HorizontalMetrics)
