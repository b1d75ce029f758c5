"""Printed text: wrapping between words, hyphenation only where a word outgrows its column."""

from __future__ import annotations

import pytest

from mesodesk.documents.fonts import FONT, ensure_fonts
from mesodesk.documents.layout import MIN_FONT_PT, STYLES, Styles, para, style
from mesodesk.documents.text import NBSP, SOFT_HYPHEN, hyphenate, markup, typeset


def _lines(text: str, width: float) -> list[str]:
    paragraph = para(text, STYLES.body)
    paragraph.wrap(width, 1000)
    return [" ".join(str(word) for word in words) for _, words in paragraph.blPara.lines]


def test_a_year_keeps_its_abbreviation_and_a_number_its_unit() -> None:
    assert typeset("12 марта 2025 г., 1,5 мл, 4 мм, 2 %") == (
        f"12 марта 2025{NBSP}г., 1,5{NBSP}мл, 4{NBSP}мм, 2{NBSP}%"
    )
    assert typeset("г. Казань") == "г. Казань", "a town's abbreviation starts its name"
    assert typeset("Телефон: +7 (917) 123-45-67, 8 800 555 35 35") == (
        f"Телефон: +7{NBSP}(917){NBSP}123-45-67, 8{NBSP}800{NBSP}555{NBSP}35{NBSP}35"
    )


def test_hyphenation_points_follow_the_language_of_the_word() -> None:
    assert SOFT_HYPHEN in hyphenate("Константинопольского")
    assert hyphenate("Константинопольского").replace(SOFT_HYPHEN, "") == "Константинопольского"
    assert SOFT_HYPHEN in hyphenate("internationalisation")


def test_words_that_fit_wrap_whole_between_words() -> None:
    lines = _lines("Многопрофильный медицинский центр имени Константинопольского", 150)

    assert all("-" not in line for line in lines)
    assert " ".join(lines) == "Многопрофильный медицинский центр имени Константинопольского"


def test_a_compound_longer_than_the_column_breaks_at_its_own_hyphen() -> None:
    lines = _lines("Фамилия Константинопольская-Петропавловская", 170)

    assert lines == ["Фамилия Константинопольская-", "Петропавловская"]


def test_a_single_word_longer_than_the_column_breaks_at_a_syllable() -> None:
    lines = _lines("Высококвалифицированнейшая" * 2, 150)

    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines) == "Высококвалифицированнейшая" * 2


def test_no_style_of_the_family_is_below_the_smallest_size() -> None:
    sizes = [value.fontSize for value in vars(Styles).values() if hasattr(value, "fontSize")]

    assert sizes and min(sizes) >= MIN_FONT_PT
    with pytest.raises(ValueError, match=r"below 8\.0 pt"):
        style("tiny", fontName=FONT, fontSize=7.5)


def test_characters_the_font_cannot_draw_are_left_out_not_printed_as_boxes() -> None:
    ensure_fonts()
    assert "💉" not in markup("Лицо 💉") and markup("Лицо 💉").startswith("Лицо")
    assert "👩" not in markup("Dr 👩‍⚕️ Roe") and "Roe" in markup("Dr 👩‍⚕️ Roe")
    assert "😀" in markup("Анна 😀"), "the font draws the basic emoticons"
    assert markup("Ёлкина-שלום") == "Ёлкина-שלום", "Hebrew is in the font"


def test_markup_escapes_what_would_break_a_paragraph_and_keeps_quotes() -> None:
    assert markup("A & B <b> \"C\" 'D'") == "A &amp; B &lt;b&gt; \"C\" 'D'"
