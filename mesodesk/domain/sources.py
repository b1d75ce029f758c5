"""The texts the clinical rules come from, cited by title wherever a user reads a source.

Rules and data files keep a short source token ("000, 004", "clinic", "clinical default") so
they can be checked and compared; whatever a practitioner or a patient reads names the text by
its title instead, never by the token.
"""

from __future__ import annotations

SOURCE_TITLES: dict[str, str] = {
    "000": "Vascular mesotherapy: drugs, effectiveness, contraindications",
    "001": "Mesotherapy: techniques, cocktails and courses",
    "002": "Мезотерапия: правила проведения и возможные проблемы",
    "003": "Face Mesotherapy: Description, Contraindications, Reviews",
    "004": "Mesotherapy side effects: acne, bruises, swelling, pregnancy",
}
"""Seed text id -> the title to cite."""

SOURCE_TITLES_RU: dict[str, str] = {
    "000": "Сосудистая мезотерапия: препараты, эффективность, противопоказания",
    "001": "Мезотерапия: техники, коктейли и курсы",
    "002": "Мезотерапия: правила проведения и возможные проблемы",
    "003": "Мезотерапия лица: описание, противопоказания, отзывы",
    "004": "Побочные эффекты мезотерапии: акне, синяки, отёки, беременность",
}
"""The same titles in Russian, for Russian screens and sheets (no English in a Russian text)."""

CLINICAL_DEFAULT = "clinical default"
"""Source token of a value no source text gives: the clinic's stated default, marked as such."""

CLINIC = "clinic"
"""Source token of a rule the clinic added on its own."""

_SHOWN = {
    CLINICAL_DEFAULT: {"en": "clinical default", "ru": "клиническое значение по умолчанию"},
    CLINIC: {"en": "clinic's own rule", "ru": "правило клиники"},
}


def source_titles(source: str, language: str = "en") -> str:
    """The titles behind a source token list ("000, 004"), joined for a sentence.

    Tokens that are not seed ids (a clinical default, a clinic rule) are shown as words; an
    unknown token is left out rather than shown as a bare number.
    """
    shown: list[str] = []
    for token in (part.strip() for part in source.split(",")):
        if token in SOURCE_TITLES:
            text = (SOURCE_TITLES_RU if language == "ru" else SOURCE_TITLES)[token]
        elif token in _SHOWN:
            text = _SHOWN[token]["ru" if language == "ru" else "en"]
        else:
            continue
        if text not in shown:
            shown.append(text)
    return "; ".join(shown)
