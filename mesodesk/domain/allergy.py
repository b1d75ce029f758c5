"""Does a patient's allergy hit an ingredient? Names in either language, or a whole group.

Allergies are typed by hand ("Лидокаин", "lidocaine 2%", "анестетики") and ingredients come
from product data in English or Russian, so plain string equality misses real allergies.
A miss is the dangerous error here, a false alarm the annoying one; the rules below aim to
miss nothing the table knows while not letting a generic word flag everything:

- Names are compared as words: casefolded, ё as е, punctuation as spaces. A short word spelt
  in Cyrillic letters that look Latin ("витамин С") is read in Latin, and Russian case endings
  and English plural "s" are trimmed from longer words ("арнику" = "арника"). This is light
  suffix trimming, not full morphology; the synonym table lists the odd forms it misses.
- An allergy and an ingredient match when their names are equal, when one name appears as
  whole words inside the other ("lidocaine" in "Lidocaine hydrochloride 2%"), or when both
  name the same entry of the bilingual synonym table (`resources/ingredient_synonyms.json`).
  A name made only of generic words ("acid", "кислота", "extract") matches only an equal
  name, so an allergy to "acid" does not flag every acid.
- An allergy names a group when its whole text is one of the group's names ("анестетики") or
  its `group` is set; it then matches every ingredient of that group, by the product data's
  group or by the synonym table's. The acid and "other" groups have no such names on purpose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

from mesodesk.domain.anamnesis import AllergyEntry
from mesodesk.domain.vocabulary import IngredientGroup
from mesodesk.paths import resource_path

SYNONYMS_FILE = "ingredient_synonyms.json"

Words = tuple[str, ...]

_NOT_WORD = re.compile(r"[\W_]+")
_CYRILLIC = re.compile(r"[а-я]")
_LOOKALIKE = str.maketrans("авекмнорстух", "abekmhopctyx")
_RU_ENDING_ROWS = (  # longest first, so "-ией" is trimmed before "-ей" and "-й"
    "иями",
    "ями ами ией ием иях ого его ому ему ыми ими",
    "ой ей ий ый ая яя ое ее ую юю ые ие ых их ым им ом ем ам ям ах ях ия ию ии ья ье ью",
    "а я о е у ю ы и ь й",
)
_RU_ENDINGS = tuple(ending for row in _RU_ENDING_ROWS for ending in row.split())
_MIN_STEM = 4


class Ingredient(Protocol):
    """What the matcher needs of an ingredient; the screening's `IngredientRef` is one."""

    @property
    def name(self) -> str: ...

    @property
    def group(self) -> IngredientGroup | None: ...

    @property
    def synonyms(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class AllergyMatch:
    """Why an allergy hit an ingredient: by name (`by_group` None) or by the named group.

    `ingredient_groups` are the groups the ingredient is known to belong to, for the reason.
    """

    allergy: AllergyEntry
    ingredient_name: str
    ingredient_groups: tuple[IngredientGroup, ...]
    by_group: IngredientGroup | None = None


@dataclass(frozen=True, slots=True)
class SynonymEntry:
    """One substance under all its names, and the groups it belongs to."""

    names: tuple[str, ...]
    groups: tuple[IngredientGroup, ...]


class SynonymTable:
    """The bilingual names of known substances and groups, prepared for word matching."""

    __slots__ = ("_entry_words", "_generic", "_group_by_words", "entries")

    def __init__(
        self,
        entries: Iterable[SynonymEntry],
        group_names: Mapping[IngredientGroup, Iterable[str]],
        generic_words: Iterable[str] = (),
    ) -> None:
        self.entries = tuple(entries)
        self._entry_words = tuple(
            frozenset(w for w in map(words, entry.names) if w) for entry in self.entries
        )
        self._generic = frozenset(w for text in generic_words for w in words(text))
        self._group_by_words: dict[Words, IngredientGroup] = {}
        for group, names in group_names.items():
            for name in names:
                if words(name):
                    self._group_by_words[words(name)] = group

    def groups_named(self, text: str) -> set[IngredientGroup]:
        """The group whose name is the whole text, if any ("анестетики" -> anaesthetic)."""
        group = self._group_by_words.get(words(text))
        return {group} if group else set()

    def entries_in(self, forms: Iterable[Words]) -> list[int]:
        """Indexes of the entries one of whose names appears as whole words in a form."""
        forms = [f for f in forms if f]
        return [
            index
            for index, names in enumerate(self._entry_words)
            if any(_within(name, form) for name in names for form in forms)
        ]

    def expand(self, forms: Iterable[Words]) -> set[Words]:
        """The forms plus every name of every entry they mention."""
        forms = {f for f in forms if f}
        for index in self.entries_in(forms):
            forms |= self._entry_words[index]
        return forms

    def groups_of(self, forms: Iterable[Words]) -> set[IngredientGroup]:
        return {g for index in self.entries_in(forms) for g in self.entries[index].groups}

    def is_specific(self, form: Words) -> bool:
        """True when a name has a word that says what the substance is, not just what kind."""
        return any(w not in self._generic and len(w) >= 3 and w.isalpha() for w in form)


def normalise(text: str) -> str:
    """Casefolded, ё as е, punctuation as single spaces: the form names are compared in."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold().replace("ё", "е")).split())


@lru_cache(maxsize=8192)
def words(text: str) -> Words:
    """The matching key of a name: its normalised words, look-alikes read Latin, stems trimmed."""
    return tuple(_stem(_latin(word)) for word in normalise(text).split())


def match_allergy(
    allergy: AllergyEntry, ingredient: Ingredient, table: SynonymTable | None = None
) -> AllergyMatch | None:
    """The match of one allergy against one ingredient, or None when it is safe by name."""
    table = table or load_synonyms()
    own = {words(n) for n in (ingredient.name, *ingredient.synonyms)} - {()}
    groups = table.groups_of(own)
    if ingredient.group is not None:
        groups.add(ingredient.group)
    ordered = tuple(sorted(groups))
    named = table.groups_named(allergy.substance)
    if allergy.group is not None:
        named.add(allergy.group)
    shared = sorted(named & groups)
    if shared:
        return AllergyMatch(allergy, ingredient.name, ordered, by_group=shared[0])
    allergy_form = words(allergy.substance)
    if not allergy_form:
        return None
    allergy_forms = table.expand([allergy_form])
    ingredient_forms = table.expand(own)
    for a in allergy_forms:
        for i in ingredient_forms:
            if _same_substance(a, i, table):
                return AllergyMatch(allergy, ingredient.name, ordered)
    return None


def find_mention(text: str, names: Iterable[str]) -> str | None:
    """The first of `names` that appears as whole words in `text` ("Аспирин Кардио" -> аспирин).

    Used for medication names, which carry doses and brands around the drug's name.
    """
    form = words(text)
    for name in names:
        if words(name) and _within(words(name), form):
            return name
    return None


def load_synonyms(path: Path | None = None) -> SynonymTable:
    """The synonym table from a JSON file; the shipped one is read once and cached.

    Raises ValueError naming the file and the bad entry when the file cannot be used.
    """
    if path is None:
        return _shipped_synonyms()
    return _read_synonyms(path)


@cache
def _shipped_synonyms() -> SynonymTable:
    return _read_synonyms(resource_path(SYNONYMS_FILE))


def _read_synonyms(path: Path) -> SynonymTable:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"{path.name}: cannot read the synonym table: {error}") from error
    return _parse_synonyms(raw, path.name)


def _parse_synonyms(raw: Any, origin: str) -> SynonymTable:
    if not isinstance(raw, dict) or set(raw) != {"generic_words", "groups", "ingredients"}:
        raise ValueError(f"{origin}: expected an object with generic_words, groups, ingredients")
    generic = _strings(raw["generic_words"], f"{origin}: generic_words")
    if not isinstance(raw["groups"], dict):
        raise ValueError(f"{origin}: groups must map a group code to its names")
    group_names = {
        _group(code, f"{origin}: groups"): _strings(names, f"{origin}: groups.{code}")
        for code, names in raw["groups"].items()
    }
    if not isinstance(raw["ingredients"], list):
        raise ValueError(f"{origin}: ingredients must be a list")
    entries = []
    for index, entry in enumerate(raw["ingredients"], start=1):
        where = f"{origin}: ingredient {index}"
        if not isinstance(entry, dict) or set(entry) != {"names", "groups"}:
            raise ValueError(f"{where}: expected an object with names and groups")
        names = _strings(entry["names"], f"{where} names")
        if not names:
            raise ValueError(f"{where}: needs at least one name")
        groups = tuple(_group(g, where) for g in _strings(entry["groups"], f"{where} groups"))
        entries.append(SynonymEntry(names, groups))
    return SynonymTable(entries, group_names, generic)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _group(code: Any, where: str) -> IngredientGroup:
    try:
        return IngredientGroup(code)
    except ValueError:
        raise ValueError(f"{where}: unknown ingredient group {code!r}") from None


def _same_substance(a: Words, b: Words, table: SynonymTable) -> bool:
    if a == b:
        return True
    return (table.is_specific(a) and _within(a, b)) or (table.is_specific(b) and _within(b, a))


def _within(part: Words, whole: Words) -> bool:
    """True when `part` occurs in `whole` as consecutive whole words."""
    size = len(part)
    return 0 < size <= len(whole) and any(
        whole[i : i + size] == part for i in range(len(whole) - size + 1)
    )


def _latin(word: str) -> str:
    """Read "с", "в6", "рр" as c, b6, pp: vitamin letters typed on a Russian keyboard."""
    letters = [ch for ch in word if not ch.isdigit()]
    if 0 < len(letters) <= 2 and all(ch in "авекмнорстух" for ch in letters):
        return word.translate(_LOOKALIKE)
    return word


def _stem(word: str) -> str:
    if _CYRILLIC.search(word) and word.isalpha():
        for ending in _RU_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
                return word[: -len(ending)]
        return word
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
