"""The contraindication catalog as data, so an admin can edit it without touching the rules.

The shipped file `resources/contraindications.json` seeds the catalog; the database keeps the
editable copy. Both go through `parse_catalog`, so an edit that the rules cannot use (a typo in
a kind, a missing item a rule looks up by code) is refused with a message naming the entry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from mesodesk.domain.findings import Localized, Severity
from mesodesk.paths import resource_path

CATALOG_FILE = "contraindications.json"

SOURCE_CLINIC = "clinic"
"""Source token for an item the clinic adds on its own, not taken from the source texts."""

RULE_CODES: frozenset[str] = frozenset(
    {
        "pregnancy",
        "lactation",
        "postpartum",
        "minor_age",
        "component_allergy",
        "keloid_tendency",
        "fear_of_injections",
        "high_skin_sensitivity",
        "recent_peeling",
        "recent_surgery",
        "anticoagulants",
        "antiplatelets",
        "retinoids",
        "hormonal_medication",
        "immunosuppressants",
    }
)
"""Items the screening rules look up by code: an edited catalog must keep them."""

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_SEED = re.compile(r"^\d{3}$")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_REQUIRED = ("code", "kind", "scope", "recorded_as", "name_en", "name_ru", "source")
_OPTIONAL = ("note", "advice", "advice_ru", "indication_scope", "indication_source")
_E = TypeVar("_E", bound=StrEnum)


class ContraindicationKind(StrEnum):
    """How a present item limits the procedure; the severity of its finding follows from it."""

    ABSOLUTE = "absolute"
    RELATIVE = "relative"
    TEMPORARY = "temporary"

    @property
    def severity(self) -> Severity:
        """Absolute blocks, temporary postpones, relative warns."""
        return {
            ContraindicationKind.ABSOLUTE: Severity.BLOCK,
            ContraindicationKind.TEMPORARY: Severity.POSTPONE,
            ContraindicationKind.RELATIVE: Severity.WARNING,
        }[self]


class Scope(StrEnum):
    """The work an item applies to, matched against `Area.region` of the planned areas.

    Rosacea is why this exists: a contraindication for the vascular scheme (000) but an
    indication for facial work (001, 004).
    """

    ALL = "all"
    VASCULAR = "vascular"
    FACE = "face"
    BODY = "body"


class RecordedAs(StrEnum):
    """Where on the card or the visit an item is entered, so each form offers only its own."""

    CONDITION = "condition"
    """Picked from the catalog into the card's list of conditions."""
    CARD = "card"
    """A dedicated field of the anamnesis (pregnancy, childbirth date, keloid tendency...)."""
    CHECKLIST = "checklist"
    """Asked on the day of the visit."""
    ALLERGY = "allergy"
    MEDICATION = "medication"
    BIRTH_DATE = "birth_date"


@dataclass(frozen=True, slots=True)
class CatalogItem:
    """One contraindication as the clinic configured it.

    `source` lists the seed texts that name it ("000, 001") or `clinic`. `advice` (and its
    Russian `advice_ru`) is a sentence the rules append to the finding; it cites a text by its
    title. `note` is for whoever edits the catalog. Drug names live in the medicine dictionary,
    not here. `indication_scope` marks the work for which the condition is an indication instead.
    """

    code: str
    kind: ContraindicationKind
    scope: Scope
    recorded_as: RecordedAs
    name_en: str
    name_ru: str
    source: str
    note: str = ""
    advice: str = ""
    advice_ru: str = ""
    indication_scope: Scope | None = None
    indication_source: str = ""

    @property
    def name(self) -> Localized:
        return Localized(self.name_en, self.name_ru)

    @property
    def advice_text(self) -> Localized:
        return Localized(self.advice, self.advice_ru)

    @property
    def sources(self) -> tuple[str, ...]:
        return _split_sources(self.source)

    @property
    def on_checklist(self) -> bool:
        return self.recorded_as is RecordedAs.CHECKLIST

    @property
    def severity(self) -> Severity:
        return self.kind.severity


def load_catalog(path: Path | None = None) -> list[CatalogItem]:
    """The catalog from a JSON file; the shipped one is read once and cached.

    Raises ValueError naming the file and the bad entry when the file cannot be used.
    """
    if path is None:
        return list(_shipped_catalog())
    return _read_catalog(path)


def parse_catalog(
    entries: Any, required_codes: Iterable[str] = RULE_CODES, origin: str = "catalog"
) -> list[CatalogItem]:
    """Validate raw entries (from the file or the admin's edit) and build the items.

    `origin` names where the entries came from in error messages.
    """
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{origin}: expected a non-empty list of contraindications")
    items: list[CatalogItem] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        item = _parse_item(entry, f"{origin}: entry {index}")
        if item.code in seen:
            raise ValueError(f"{origin}: entry {index}: duplicate code {item.code!r}")
        seen.add(item.code)
        items.append(item)
    missing = sorted(set(required_codes) - seen)
    if missing:
        raise ValueError(f"{origin}: missing items the screening rules need: {', '.join(missing)}")
    return items


@cache
def _shipped_catalog() -> tuple[CatalogItem, ...]:
    return tuple(_read_catalog(resource_path(CATALOG_FILE)))


def _read_catalog(path: Path) -> list[CatalogItem]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"{path.name}: cannot read the catalog: {error}") from error
    return parse_catalog(raw, origin=path.name)


def _parse_item(entry: Any, where: str) -> CatalogItem:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected an object, got {type(entry).__name__}")
    code = entry.get("code")
    if isinstance(code, str):
        where = f"{where} ({code!r})"
    if "medication_names" in entry:
        raise ValueError(
            f"{where}: medication names now live in the medicine dictionary "
            "(medicines.json); move them there and remove medication_names"
        )
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {', '.join(unknown)}")
    for key in _REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ValueError(f"{where}: {key!r} must be a non-empty string")
    if not _CODE.match(entry["code"]):
        raise ValueError(f"{where}: code must be lower_snake_case")
    if not _CYRILLIC.search(entry["name_ru"]):
        raise ValueError(f"{where}: name_ru must be written in Russian")
    _check_sources(entry["source"], where, "source")
    recorded_as = _member(RecordedAs, entry["recorded_as"], where, "recorded_as")
    indication_scope = entry.get("indication_scope")
    indication_source = entry.get("indication_source", "")
    if (indication_scope is None) != (not indication_source):
        raise ValueError(f"{where}: indication_scope and indication_source go together")
    if indication_source:
        _check_sources(indication_source, where, "indication_source")
    for key in ("note", "advice", "advice_ru"):
        if not isinstance(entry.get(key, ""), str):
            raise ValueError(f"{where}: {key!r} must be a string")
    if entry.get("advice_ru", "").strip() and not _CYRILLIC.search(entry["advice_ru"]):
        raise ValueError(f"{where}: advice_ru must be written in Russian")
    return CatalogItem(
        code=entry["code"],
        kind=_member(ContraindicationKind, entry["kind"], where, "kind"),
        scope=_member(Scope, entry["scope"], where, "scope"),
        recorded_as=recorded_as,
        name_en=entry["name_en"].strip(),
        name_ru=entry["name_ru"].strip(),
        source=", ".join(_split_sources(entry["source"])),
        note=entry.get("note", "").strip(),
        advice=entry.get("advice", "").strip(),
        advice_ru=entry.get("advice_ru", "").strip(),
        indication_scope=(
            None
            if indication_scope is None
            else _member(Scope, indication_scope, where, "indication_scope")
        ),
        indication_source=", ".join(_split_sources(indication_source)),
    )


def _member(enum: type[_E], value: Any, where: str, key: str) -> _E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValueError(f"{where}: unknown {key} {value!r} (expected {allowed})") from None


def _split_sources(text: str) -> tuple[str, ...]:
    return tuple(token.strip() for token in text.split(",") if token.strip())


def _check_sources(text: str, where: str, key: str) -> None:
    tokens = _split_sources(text)
    bad = [t for t in tokens if not (_SEED.match(t) or t == SOURCE_CLINIC)]
    if not tokens or bad:
        raise ValueError(
            f"{where}: {key} must list seed ids such as '000, 004' or {SOURCE_CLINIC!r}"
        )
