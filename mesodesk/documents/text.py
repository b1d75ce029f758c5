"""Printed text that wraps like a typesetter would: at spaces, never inside a word that fits.

reportlab breaks a word that is wider than its column at any letter ("Конста/нтинопольского").
`Text` instead breaks such a word at a hyphenation point (pyphen's Russian or English patterns)
with a visible hyphen, and only such a word: everything else wraps between words. Numbers keep
their unit and a year keeps its "г." (non-breaking spaces), so no line starts with a lone "г.".
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

import pyphen
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

NBSP = "\u00a0"
SOFT_HYPHEN = "\u00ad"

_GLUE_AFTER_NUMBER = re.compile(r"(\d)[ \t]+(г\.|гг\.|мл|мм|ml|mm|%|ч|мин)(?![\w])")
_GLUE_BEFORE_DASH = re.compile(r"[ \t]+([—–])[ \t]")
_PHONE = re.compile(r"(?<![\w,])\+?\d[\d ()\-]{5,}\d(?![\w])")
_TAG = re.compile(r"(<[^>]*>)")
_WORD = re.compile(r"[^\s]+")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LETTERS = re.compile(r"[A-Za-zА-Яа-яЁё]{5,}")


def typeset(text: str) -> str:
    """Plain text with non-breaking spaces where a break would strand a unit or a dash, or
    split a phone number."""
    text = _PHONE.sub(lambda match: match.group(0).replace(" ", NBSP), text)
    text = _GLUE_AFTER_NUMBER.sub(rf"\1{NBSP}\2", text)
    return _GLUE_BEFORE_DASH.sub(rf"{NBSP}\1 ", text)


def markup(text: str) -> str:
    """Plain text made safe for Paragraph markup ("A & B" must not break it), typeset."""
    return _escape(typeset(drawable(text))).replace("\n", "<br/>")


def _escape(text: str) -> str:
    """&, < and > as entities, quotes kept: `xml.sax.saxutils.escape`, without the urllib,
    http and email modules that importing it loads (and keeps) in the app."""
    return html.escape(text, quote=False)


PRINT_FONT = "DejaVuSans"
"""The family's regular face (`mesodesk.documents.fonts.FONT`); its bold and italic cover the
same characters."""


def drawable(text: str) -> str:
    """`text` without the characters the document font has no glyph for (emoji, mostly), which
    would print as empty boxes; unchanged before the fonts are registered."""
    try:
        font = getFont(PRINT_FONT)
    except KeyError:
        return text
    if not isinstance(font, TTFont):
        return text
    glyphs = font.face.charToGlyph
    if all(ord(character) in glyphs for character in text):
        return text
    return "".join(c for c in text if ord(c) in glyphs or c in "\n\t")


@cache
def _dictionary(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=language)


def hyphenate(word: str) -> str:
    """The word with soft hyphens at its hyphenation points (Russian or English patterns)."""
    for letters in _LETTERS.findall(word):
        language = "ru_RU" if _CYRILLIC.search(letters) else "en_GB"
        word = word.replace(letters, _dictionary(language).inserted(letters, SOFT_HYPHEN), 1)
    return word


class Text(Paragraph):
    """A Paragraph whose words longer than the column are hyphenated, and only those.

    The column width is known only when the paragraph is laid out, so the breaks are chosen
    at `wrap` time, for the width given: a compound wider than the column ("Бестужева-Рюмина")
    breaks at its own hyphen, a single word wider than the column at a syllable.
    """

    if TYPE_CHECKING:
        # reportlab's internal that re-reads the text and style; its type stubs leave it out
        def _setup(
            self,
            text: str,
            style: ParagraphStyle,
            bulletText: str | None,
            frags: object,
            cleaner: Callable[[str], str],
        ) -> None: ...

    def __init__(self, text: str, style: ParagraphStyle | None = None, *args: Any, **kw: Any):
        self._source = text
        self._hyphenated_for: float | None = None
        super().__init__(text, style, *args, **kw)
        self._source_style = self.style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        source = getattr(self, "_source", None)
        if source is not None and self._hyphenated_for != availWidth:
            self._hyphenated_for = availWidth
            style = self._source_style
            width = (
                availWidth - style.leftIndent - style.rightIndent - max(style.firstLineIndent, 0)
            )
            text, compound = _hyphenate_long_words(source, style, width)
            if compound:
                style = ParagraphStyle(f"{style.name}+hyphens", parent=style, embeddedHyphenation=2)
            if text != self.text or style is not self.style:
                self._setup(text, style, self.bulletText, None, _identity)
        width, height = super().wrap(availWidth, availHeight)
        return float(width), float(height)


def _identity(text: str) -> str:
    return text


def _hyphenate_long_words(source: str, style: ParagraphStyle, width: float) -> tuple[str, bool]:
    """The markup with soft hyphens in each word wider than `width` (measured in bold), and
    whether a compound wider than `width` needs breaking at its own hyphen."""
    bold = style.fontName if "Bold" in style.fontName else _bold_of(style.fontName)
    compound = False

    def fits(text: str) -> bool:
        return bool(stringWidth(text.replace(NBSP, " "), bold, style.fontSize) <= width)

    def word(match: re.Match[str]) -> str:
        nonlocal compound
        text = match.group(0)
        if "&" in text or SOFT_HYPHEN in text or fits(text):
            return text
        parts = text.split("-")
        if len(parts) > 1:
            compound = True
        return "-".join(part if fits(part + "-") else hyphenate(part) for part in parts)

    pieces = _TAG.split(source)
    text = "".join(p if p.startswith("<") else _WORD.sub(word, p) for p in pieces)
    return text, compound


def _bold_of(font: str) -> str:
    from reportlab.pdfbase import pdfmetrics

    for candidate in (f"{font}-Bold", font):
        if candidate in pdfmetrics.getRegisteredFontNames():
            return candidate
    return font
