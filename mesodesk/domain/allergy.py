"""Does a patient's allergy hit an ingredient or a typed text? Names in either language, or groups.

Allergies are typed by hand ("Лидокаин", "lidocaine 2%", "анестетики"), ingredients come
from product data in English or Russian, and the anaesthesia and disinfection of a visit are
free text ("крем с лидокаином 5%"), so plain string equality misses real allergies. A miss is
the dangerous error here, a false alarm the annoying one; the rules below aim to miss nothing
the table knows while not letting a generic word flag everything:

- Names are compared as words: casefolded, ё as е, punctuation as spaces. A short word spelt
  in Cyrillic letters that look Latin ("витамин С") is read in Latin.
- A word of a name matches a word of the text when both trim to the same stem (Russian case
  endings, English plural "s"), or when the text's word is the name's stem followed by a
  Russian inflection or adjective suffix ("лидокаин" in "лидокаином", "лидокаиновый",
  "лидокаиновой") or a Latin ending ("lidocaine" in "lidocainum"). The text's word must start
  with the stem, so "лидо" is not "лидокаин" and "аспирин" is not in "аспирантура".
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
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

from mesodesk.domain.anamnesis import AllergyEntry
from mesodesk.domain.vocabulary import IngredientGroup, ReactionSeverity
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
_RU_TAIL = re.compile(r"(?:[иь]?(?:ов|ев|н|нн|ск))?(?:" + "|".join(_RU_ENDINGS) + r")?")
"""What may follow a Russian stem in running text: an adjective suffix, then an ending."""
_LATIN_TAILS = frozenset({"", "e", "s", "es", "um", "i"})
_MIN_STEM = 4
_MIN_PREFIX = 3

_LIFE_THREATENING = (
    "anaphyla",
    "анафилак",
    "quincke",
    "квинке",
    "angioedema",
    "angio oedema",
    "ангиоотек",
    "ангионевротическ",
    "отек гортан",
    "laryngeal",
)
"""Words of a reaction that mean it can kill: such an allergy is "do not use", never "test"."""

_NEGATED_BEFORE = frozenset({"без", "he", "no", "not", "non", "without"})
_NEGATED_BEFORE_TWO = frozenset(
    {("he", "содержит"), ("he", "содержащий"), ("free", "of"), ("free", "from")}
)
_NEGATED_AFTER = frozenset({"free"})
"""Words that make a mention say the substance is absent: "без лидокаина", "lidocaine-free".
Russian "не" is compared as "he", the way `tokens` reads a short word of look-alike letters."""


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

    `substance` is the stable name of what was hit (the synonym table's first name, else the
    ingredient's normalised name), the same in every language; `ingredient_groups` are the
    groups the ingredient is known to belong to, for the reason.
    """

    allergy: AllergyEntry
    ingredient_name: str
    ingredient_groups: tuple[IngredientGroup, ...]
    by_group: IngredientGroup | None = None
    substance: str = ""


@dataclass(frozen=True, slots=True)
class SynonymEntry:
    """One substance under all its names, and the groups it belongs to."""

    names: tuple[str, ...]
    groups: tuple[IngredientGroup, ...]

    @property
    def key(self) -> str:
        return substance_id(self.names[0])


@dataclass(frozen=True, slots=True)
class _Ref:
    name: str
    group: IngredientGroup | None = None
    synonyms: tuple[str, ...] = ()


class SynonymTable:
    """The bilingual names of known substances and groups, prepared for word matching."""

    __slots__ = ("_entry_forms", "_generic", "_group_by_words", "_own_forms", "entries")

    def __init__(
        self,
        entries: Iterable[SynonymEntry],
        group_names: Mapping[IngredientGroup, Iterable[str]],
        generic_words: Iterable[str] = (),
    ) -> None:
        self.entries = tuple(entries)
        self._entry_forms = tuple(
            frozenset(f for f in map(tokens, entry.names) if f) for entry in self.entries
        )
        shared = Counter(form for forms in self._entry_forms for form in forms)
        self._own_forms = tuple(
            frozenset(f for f in forms if shared[f] == 1) for forms in self._entry_forms
        )
        """Names of one substance only; a combination's brand ("Эмла": lidocaine and
        prilocaine) finds both substances but does not make them one."""
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
        """Indexes of the entries one of whose names appears as whole words in a form.

        A name found only inside a longer name of another entry does not count: "спирт" in
        "изопропиловый спирт" is isopropanol, not ethanol.
        """
        found: set[int] = set()
        for form in forms:
            spans = [
                (index, start, start + len(name))
                for index, names in enumerate(self._entry_forms)
                for name in names
                for start in _starts(name, form)
            ]
            found.update(
                index
                for index, start, end in spans
                if not any(
                    other != index and s <= start and end <= e and (e - s) > (end - start)
                    for other, s, e in spans
                )
            )
        return sorted(found)

    def expand(self, forms: Iterable[Words]) -> set[Words]:
        """The forms plus every name of its own of every entry they mention."""
        forms = {f for f in forms if f}
        for index in self.entries_in(forms):
            forms |= self._own_forms[index]
        return forms

    def own_names(self, entry: SynonymEntry) -> tuple[str, ...]:
        """The entry's names that name no other substance."""
        index = self.entries.index(entry)
        return tuple(n for n in entry.names if tokens(n) in self._own_forms[index])

    def groups_of(self, forms: Iterable[Words]) -> set[IngredientGroup]:
        return {g for index in self.entries_in(forms) for g in self.entries[index].groups}

    def is_specific(self, form: Words) -> bool:
        """True when a name has a word that says what the substance is, not just what kind."""
        return any(_stem(w) not in self._generic and len(w) >= 3 and w.isalpha() for w in form)

    def key_of(self, name: str) -> str:
        """The stable name of a substance: its table entry's first name, else its own."""
        found = self.entries_in([tokens(name)])
        return self.entries[found[0]].key if found else substance_id(name)


def normalise(text: str) -> str:
    """Casefolded, ё as е, punctuation as single spaces: the form names are compared in."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold().replace("ё", "е")).split())


@lru_cache(maxsize=8192)
def tokens(text: str) -> Words:
    """The words of a name or text as compared: normalised, look-alike letters read Latin."""
    return tuple(_latin(word) for word in normalise(text).split())


@lru_cache(maxsize=8192)
def words(text: str) -> Words:
    """The key of a name: its normalised words with endings trimmed, for equality."""
    return tuple(_stem(word) for word in tokens(text))


def substance_id(name: str) -> str:
    """A name as a finding's subject: normalised, words joined by "_" ("hyaluronic_acid")."""
    return "_".join(tokens(name))


def is_life_threatening(allergy: AllergyEntry) -> bool:
    """True for a severe reaction, anaphylaxis or Quincke's oedema: never use, never test."""
    if allergy.severity is ReactionSeverity.SEVERE:
        return True
    reaction = normalise(allergy.reaction)
    return any(marker in reaction for marker in _LIFE_THREATENING)


def match_allergy(
    allergy: AllergyEntry, ingredient: Ingredient, table: SynonymTable | None = None
) -> AllergyMatch | None:
    """The match of one allergy against one ingredient, or None when it is safe by name."""
    table = table or load_synonyms()
    own = {tokens(n) for n in (ingredient.name, *ingredient.synonyms)} - {()}
    own_entries = table.entries_in(own)
    groups = {g for index in own_entries for g in table.entries[index].groups}
    if ingredient.group is not None:
        groups.add(ingredient.group)
    ordered = tuple(sorted(groups))
    named = table.groups_named(allergy.substance)
    if allergy.group is not None:
        named.add(allergy.group)
    shared = sorted(named & groups)
    if shared:
        hit = [i for i in own_entries if shared[0] in table.entries[i].groups]
        substance = table.entries[hit[0]].key if hit else substance_id(ingredient.name)
        return AllergyMatch(allergy, ingredient.name, ordered, shared[0], substance)
    allergy_form = tokens(allergy.substance)
    if not allergy_form:
        return None
    allergy_entries = table.entries_in([allergy_form])
    allergy_forms = table.expand([allergy_form])
    ingredient_forms = table.expand(own)
    for a in allergy_forms:
        for i in ingredient_forms:
            if _same_substance(a, i, table):
                common = [index for index in own_entries if index in allergy_entries]
                if common:
                    substance = table.entries[common[0]].key
                elif own_entries:
                    substance = table.entries[own_entries[0]].key
                else:
                    substance = substance_id(ingredient.name)
                return AllergyMatch(allergy, ingredient.name, ordered, substance=substance)
    return None


def substances_in(text: str, table: SynonymTable | None = None) -> list[SynonymEntry]:
    """The known substances a free text names ("крем с лидокаином 5%" -> lidocaine).

    A mention that says the substance is absent ("без лидокаина", "lidocaine-free") does not
    count; another mention of it in the same text still does.
    """
    table = table or load_synonyms()
    form = tokens(text)
    if not form:
        return []
    return [
        table.entries[index]
        for index in table.entries_in([form])
        if any(_affirmed(tokens(name), form) for name in table.entries[index].names)
    ]


def match_allergy_in_text(
    allergy: AllergyEntry, text: str, table: SynonymTable | None = None
) -> list[AllergyMatch]:
    """The substances of a free text (anaesthesia, disinfection) the allergy hits.

    Each known substance the text names is matched like an ingredient; an allergy to
    something the table does not know still matches when its own words are in the text.
    """
    table = table or load_synonyms()
    form = tokens(text)
    if not form:
        return []
    matches: dict[str, AllergyMatch] = {}
    for entry in substances_in(text, table):
        own = table.own_names(entry)
        match = match_allergy(allergy, _Ref(own[0] if own else entry.names[0], None, own), table)
        if match is not None:
            matches.setdefault(match.substance, match)
    if matches:
        return list(matches.values())
    for name in table.expand([tokens(allergy.substance)]):
        if table.is_specific(name) and _affirmed(name, form):
            return [AllergyMatch(allergy, text, (), substance=table.key_of(allergy.substance))]
    return []


def mentions(text: str, name: str) -> bool:
    """True when `name` appears as whole words in `text`, in any inflection the rules know.

    Used for medication names, which carry doses and brands around the drug's name
    ("Аспирин Кардио 100 мг" mentions аспирин).
    """
    part = tokens(name)
    return bool(part) and _within(part, tokens(text))


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
        if not names or not tokens(names[0]):
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
    if words_equal(a, b):
        return True
    return (table.is_specific(a) and _within(a, b)) or (table.is_specific(b) and _within(b, a))


def words_equal(a: Words, b: Words) -> bool:
    return len(a) == len(b) and all(_stem(x) == _stem(y) for x, y in zip(a, b, strict=True))


def _within(part: Words, whole: Words) -> bool:
    """True when `part` occurs in `whole` as consecutive words, each in a form it may take."""
    return bool(_starts(part, whole))


def _starts(part: Words, whole: Words) -> list[int]:
    """Where `part` starts in `whole`, as consecutive words in forms they may take."""
    size = len(part)
    if not 0 < size <= len(whole):
        return []
    return [
        i
        for i in range(len(whole) - size + 1)
        if all(word_matches(p, w) for p, w in zip(part, whole[i : i + size], strict=True))
    ]


def _affirmed(part: Words, whole: Words) -> bool:
    """True when `part` is mentioned in `whole` at least once without a word denying it."""
    size = len(part)
    for i in range(len(whole) - size + 1):
        if not all(word_matches(p, w) for p, w in zip(part, whole[i : i + size], strict=True)):
            continue
        before = whole[max(i - 2, 0) : i]
        after = whole[i + size : i + size + 1]
        denied = (
            (before and before[-1] in _NEGATED_BEFORE)
            or tuple(before) in _NEGATED_BEFORE_TWO
            or (after and after[0] in _NEGATED_AFTER)
        )
        if not denied:
            return True
    return False


@lru_cache(maxsize=65536)
def word_matches(name_word: str, text_word: str) -> bool:
    """Whether a word of the text is the name's word in some form ("лидокаином" for лидокаин)."""
    if name_word == text_word:
        return True
    stem = _stem(name_word)
    if stem == _stem(text_word):
        return True
    if len(stem) < _MIN_PREFIX or not (stem.isalpha() and text_word.isalpha()):
        return False
    if _CYRILLIC.search(stem):
        return text_word.startswith(stem) and bool(_RU_TAIL.fullmatch(text_word[len(stem) :]))
    base = stem[:-1] if stem.endswith("e") and len(stem) > _MIN_STEM else stem
    return text_word.startswith(base) and text_word[len(base) :] in _LATIN_TAILS


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
