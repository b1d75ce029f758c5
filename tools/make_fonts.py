"""Cut the shipped DejaVu Sans fonts down to the scripts MesoDesk prints, from the full release.

Why: reportlab parses a whole TrueType font into Python objects when it is registered, and the
full DejaVu Sans holds about 6,000 glyphs (box drawing, Braille, Canadian syllabics, Coptic,
Arabic presentation forms, mathematical alphabets ...) that the documents never print; the
three faces cost the app ~9 MB of memory for as long as it runs once a PDF has been made. The
subsets keep the alphabets a name or a note may be typed in (Latin with its extensions and the
combining accents, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic), punctuation, the
symbols and the emoticons the font draws, and everything else of each kept glyph (outlines,
widths, hinting, names), so the PDFs look the same.

Run once with fontTools, which the app does not need (install it somewhere of its own, e.g.
`pip install --target /tmp/ft fonttools`, then `PYTHONPATH=/tmp/ft python tools/make_fonts.py
DIR`), where DIR holds the DejaVu 2.37 release's DejaVuSans.ttf, DejaVuSans-Bold.ttf and
DejaVuSans-Oblique.ttf (the `ttf/` folder of the release; Debian's fonts-dejavu-core ships the
same files). Commit the outputs in resources/fonts. The names are DejaVu's own: the licence
lets modified fonts be shipped so long as no name says "Bitstream" or "Vera".
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FACES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")

KEPT = (
    (0x0020, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A and -B
    (0x0250, 0x02FF),  # IPA, spacing modifier letters (accents typed on their own)
    (0x0300, 0x036F),  # combining accents: names typed with decomposed letters
    (0x0370, 0x03FF),  # Greek (and micro, alpha, beta in product names)
    (0x0400, 0x052F),  # Cyrillic and its supplement
    (0x0530, 0x058F),  # Armenian
    (0x0590, 0x05FF),  # Hebrew
    (0x0600, 0x06FF),  # Arabic
    (0x10A0, 0x10FF),  # Georgian: these four for names typed in their own letters
    (0x1C80, 0x1C8F),  # Cyrillic Extended-C
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese and others)
    (0x1F00, 0x1FFF),  # Greek Extended
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, ellipsis, spaces
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x20A0, 0x20CF),  # currency signs (rouble, euro)
    (0x2100, 0x218F),  # letterlike symbols and number forms (numero sign, fractions)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (minus, less or equal, approximately)
    (0x25A0, 0x25FF),  # geometric shapes (bullets, triangles, circles)
    (0x2600, 0x26FF),  # miscellaneous symbols (warning sign, ballot boxes)
    (0x2700, 0x27BF),  # dingbats (check mark, multiplication x)
    (0x2C60, 0x2C7F),  # Latin Extended-C
    (0xA640, 0xA69F),  # Cyrillic Extended-B
    (0xA720, 0xA7FF),  # Latin Extended-D
    (0xFB00, 0xFB4F),  # Latin, Armenian and Hebrew presentation forms, as typed
    (0xFFFD, 0xFFFD),  # replacement character
    (0x1F600, 0x1F64F),  # emoticons: the few the font draws print (smileys typed in a note)
)


def codepoints() -> list[int]:
    return [code for first, last in KEPT for code in range(first, last + 1)]


def make(source: Path, target: Path) -> None:
    """One face cut to `KEPT`, everything else of each glyph unchanged."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.glyph_names = True
    options.legacy_kern = True
    options.symbol_cmap = True
    options.prune_unicode_ranges = False
    options.drop_tables = []
    font = subset.load_font(str(source), options)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=codepoints())
    cutter.subset(font)
    subset.save_font(font, str(target), options)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    source = Path(argv[1])
    for face in FACES:
        make(source / face, FONTS / face)
        print(f"{face}: {(FONTS / face).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
