"""The shipped DejaVu fonts, registered with reportlab on first use and kept lean.

reportlab keeps every table it parsed from a font for the life of the process: a map from each
glyph back to its characters that only the parse itself needs, and the glyphs' metrics and
offsets as lists of Python numbers. For the three faces that is 5.6 MB, more than any other
part of a printed sheet; without the map and with the numbers packed into arrays it is 3.2 MB.
The widths and the character map reportlab measures text with stay as they are.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from mesodesk.paths import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FACES = (
    (FONT, "DejaVuSans.ttf"),
    (FONT_BOLD, "DejaVuSans-Bold.ttf"),
    (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
)


def ensure_fonts() -> None:
    """Register the shipped DejaVu fonts on first use; reportlab embeds only the glyphs used.

    Called when a document is built (by `Wording`), not at import, so importing MesoDesk never
    reads a font file. Each face is packed before the next is read, so the second reuses what
    the first let go.
    """
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in FACES:
        font = TTFont(name, str(resource_path("fonts", filename)))
        pack(font.face)
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


class HorizontalMetrics:
    """A glyph's (advance width, left side bearing), as reportlab's subsetter reads them by
    glyph index, from two arrays of integers instead of a list of tuples. The subsetter writes
    `int()` of each, and reportlab leaves a scaled float for the glyphs past the table's full
    pairs, so the advance is kept as that `int()`: the embedded font is byte for byte the same."""

    __slots__ = ("_advances", "_bearings")

    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        self._advances = array("l")
        self._bearings = array("l")
        for advance, bearing in pairs:
            self._advances.append(int(advance))
            self._bearings.append(int(bearing))

    def __getitem__(self, glyph: int) -> tuple[int, int]:
        return self._advances[glyph], self._bearings[glyph]

    def __len__(self) -> int:
        return len(self._advances)


def pack(face: TTFontFace) -> None:
    """Drop the parse-only glyph-to-characters map and pack the metrics and glyph offsets."""
    face.__dict__.pop("glyphToChar", None)
    face.hmetrics = HorizontalMetrics(face.hmetrics)
    face.glyphPos = array("L", face.glyphPos)
