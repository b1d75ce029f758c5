"""The words a patient is found by, and a typed query as the same words, the way staff type.

A name is kept twice in the term index. Its *direct* terms are the words as written, folded:
casefolded, diacritics dropped (ё = е, "Müller" = "Muller"), and German umlauts also spelt out
("Mueller"). Its *variant* terms, behind the `VARIANT` mark, are a spelling key that both
scripts map to: a Cyrillic word romanised, a Latin word with the usual spelling choices of
Russian romanisation merged (w = v, j = y, x = ks, kh = h, ia = iya ...), so "ivanova" and
"iwanowa" find "Иванова" and "иванова" finds "Ivanova". A phone's digits are a direct term
(with and without the 7/8 trunk prefix) and every run of its last digits from the third on a
variant one, so a prefix of a variant term is any run of three or more digits of the phone.

A query word matches a patient when it starts one of the patient's terms; a patient found only
through variant terms ranks after those found by the words as typed.

Every mapping looks only backwards, so the key of a typed prefix is a prefix of the key of the
whole word: the list narrows letter by letter as the name is typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache

TERM_MAX = 120
VARIANT = "\x01"
"""Marks a variant term; a query cannot hold it (control characters are dropped)."""
PHONE_RUN_MIN = 3
"""The shortest run of a phone's digits that finds it from the middle."""

_ROMAN = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъыьэюяєіїґў",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "yu",
            "ya",
            "ye",
            "i",
            "yi",
            "g",
            "u",
        ],
        strict=True,
    )
)
"""Cyrillic to Latin as Russian passports and most clinics romanise (ъ and ь are dropped)."""
_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue"}
_LIGATURES = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ı": "i"})
_SAME_SOUND = str.maketrans({"w": "v", "j": "y", "q": "k"})
_VOWELS = frozenset("aeiouy")
_KEEPS_H = frozenset("kszc")
"""After these, h is part of a digraph (kh, sh, zh, ch); elsewhere it stands for х (kh)."""
_PHONE_LIKE = re.compile(r"[\d\s+()\-.]+")


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One typed word as the prefixes it may start: `direct` ones (the word as typed, folded)
    and `variants` (its spelling keys and, for digits, runs inside a phone), all marked."""

    direct: tuple[str, ...]
    variants: tuple[str, ...]

    @property
    def prefixes(self) -> tuple[str, ...]:
        return self.direct + self.variants


def fold(text: str) -> str:
    """Casefolded, without diacritics (ё = е, ü = u), single spaces; й and ї keep their marks.

    The breve of й is not an accent in Russian but another letter, so it is kept.
    """
    out = []
    for char in " ".join(text.split()).casefold():
        if char in "йї":
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out).translate(_LIGATURES)


def romanised(text: str) -> str:
    """Folded, with Cyrillic letters in the standard romanisation ("Щукина" -> "shchukina")."""
    return "".join(_ROMAN.get(char, char) for char in fold(text))


def spelling_key(word: str) -> str:
    """The key both scripts share: romanised, then the usual romanisation choices merged.

    Looks only backwards, so the key of a prefix is a prefix of the key.
    """
    latin = romanised(word).replace("-", "")
    latin = latin.translate(_SAME_SOUND).replace("x", "ks")
    out: list[str] = []
    previous = ""
    for char in latin:
        if char == "h":
            piece = "h" if previous in _KEEPS_H else "kh"
        elif char == "c" and previous == "s":
            piece = "hc"  # sch, shch: щ
        elif char == "z" and previous == "t":
            piece = "s"  # tz, ts: ц
        elif char == "y" and previous == "i":
            piece = ""  # iy, iya: -ий, -ия
        elif char == "y" and previous.isalpha() and previous not in _VOWELS:
            piece = "i"  # ya, ia after a consonant: Darya = Daria
        elif char == "i" and previous == "i":
            piece = ""  # Mariia = Maria
        elif char == "i" and previous in _VOWELS:
            piece = "y"  # ei, ai: Sergei = Sergey
        else:
            piece = char
        out.append(piece)
        previous = char
    return "".join(out)


def name_words(name: str) -> list[str]:
    """The folded words of a name, a hyphenated name split into its parts."""
    return fold(name).replace("-", " ").split()


@lru_cache(maxsize=4096)
def name_terms(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(direct, variant) terms of one name field; remembered, as names repeat."""
    direct: set[str] = set()
    variants: set[str] = set()
    words = name_words(name)
    for word in words:
        direct.add(word)
        variants.update(_keys(word))
    for raw in " ".join(name.split()).casefold().replace("-", " ").split():
        direct.add(_spelt_out(raw))
    if len(words) > 1:
        direct.add(" ".join(words))
    return frozenset(direct), frozenset(variants)


def phone_terms(digits: str, national: str) -> tuple[set[str], set[str]]:
    """(direct, variant) terms of a phone: its digits with and without the trunk prefix, and
    every later run of its digits from `PHONE_RUN_MIN` long."""
    if not digits:
        return set(), set()
    direct = {digits, national}
    variants = {digits[start:] for start in range(1, len(digits) - PHONE_RUN_MIN + 1)} - direct
    return direct, variants


def marked(direct: Set[str], variants: Set[str]) -> set[str]:
    """The terms as stored: variants behind the mark, all cut to the column's length."""
    stored = {term[:TERM_MAX] for term in direct if term}
    stored |= {(VARIANT + term)[:TERM_MAX] for term in variants if term}
    return stored


def head(prefix: str) -> str:
    """The head of the terms `prefix` starts: its first letter, or for a variant the mark and
    the letter after it. The term index keeps each head's terms in the list's order."""
    return prefix[:2] if prefix.startswith(VARIANT) else prefix[:1]


def query_words(query: str) -> list[QueryWord]:
    """The typed query as words to match: a phone typed with spaces, dashes or signs becomes
    one digits-only word; a word mostly of digits is a phone's digits too.

    Control characters and broken ones (lone surrogates) are dropped: no term holds one, and
    the databases refuse them.
    """
    query = "".join(ch if unicodedata.category(ch) not in ("Cc", "Cs") else " " for ch in query)
    digits = "".join(ch for ch in query if ch.isdigit())
    if _PHONE_LIKE.fullmatch(query) and digits:
        trunk = query.lstrip().startswith("8") or (len(digits) == 11 and digits[0] == "7")
        return [_digits_word(digits, trunk)]
    words = []
    for raw in " ".join(query.split()).casefold().split():
        word = fold(raw)
        word_digits = "".join(ch for ch in word if ch.isdigit())
        if word_digits and len(word_digits) * 2 >= len(word):
            words.append(_digits_word(word_digits))
            continue
        direct = {word, _spelt_out(raw)}
        key = spelling_key(word)
        words.append(
            QueryWord(
                direct=tuple(sorted(t[:TERM_MAX] for t in direct if t)),
                variants=((VARIANT + key)[:TERM_MAX],) if key else (),
            )
        )
    return words


def _digits_word(digits: str, trunk: bool = False) -> QueryWord:
    """A phone's digits; with `trunk`, perhaps typed from the Russian trunk prefix 8 (or the
    country code 7) that a stored number may lack, so the digits after it are looked for too:
    "8 916" and "89" find "+7 916 ...", and a run such as "89-47" still finds "...89-47"."""
    direct = (digits, digits[1:]) if trunk and len(digits) > 1 else (digits,)
    variants = (VARIANT + digits[:TERM_MAX],) if len(digits) >= PHONE_RUN_MIN else ()
    return QueryWord(direct=tuple(d[:TERM_MAX] for d in direct), variants=variants)


def _spelt_out(word: str) -> str:
    """A German word with its umlauts spelt out (Müller: Mueller), folded."""
    return fold("".join(_UMLAUTS.get(char, char) for char in word))


def _keys(word: str) -> set[str]:
    """The spelling keys of a word: its key, and with a leading "y" before a vowel also spelt
    "i" (Iulia for Юлия, Iakovleva for Яковлева)."""
    key = spelling_key(word)
    keys = {key} if key else set()
    if len(key) > 1 and key[0] == "y" and key[1] in _VOWELS:
        keys.add("i" + key[1:])
    return keys
