"""The medicine dictionary: drug names in both languages mapped to what the screening cares about.

It is the one place medicine names live. The anamnesis form ticks a medication's flags from it
as the name is typed, the screening reads it for names whose flags were never ticked, and the
header shows the flags, so all of them agree on what "Варфарин" or "Роаккутан" is.

Names are matched as words in any case, ё as е, in Russian inflections and inside a brand and
dose ("Аспирин Кардио 100 мг", "варфарина 2,5 мг"); see `allergy.mentions`. The shipped file is
`resources/medicines.json`; a clinic replaces it with a file of the same name in its data folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from mesodesk.domain.allergy import mentions, normalise
from mesodesk.domain.anamnesis import MedicationEntry
from mesodesk.domain.findings import Localized
from mesodesk.paths import resource_path

MEDICINES_FILE = "medicines.json"


class MedicationFlag(StrEnum):
    """What a medication means for the procedure; each is a box on the anamnesis form.

    The value is the `MedicationEntry` field; `catalog_code` the contraindication it raises.
    """

    ANTICOAGULANT = "anticoagulant"
    ANTIPLATELET = "antiplatelet"
    RETINOID = "retinoid"
    HORMONAL = "hormonal"
    IMMUNOSUPPRESSANT = "immunosuppressant"

    @property
    def catalog_code(self) -> str:
        return _CATALOG_CODES[self]

    @property
    def label(self) -> Localized:
        """How the flag is shown beside the medication ("Anticoagulant: Варфарин")."""
        return _NAMES[self]


_CATALOG_CODES = {
    MedicationFlag.ANTICOAGULANT: "anticoagulants",
    MedicationFlag.ANTIPLATELET: "antiplatelets",
    MedicationFlag.RETINOID: "retinoids",
    MedicationFlag.HORMONAL: "hormonal_medication",
    MedicationFlag.IMMUNOSUPPRESSANT: "immunosuppressants",
}
_NAMES = {
    MedicationFlag.ANTICOAGULANT: Localized("Anticoagulant", "Антикоагулянт"),
    MedicationFlag.ANTIPLATELET: Localized("Antiplatelet", "Антиагрегант"),
    MedicationFlag.RETINOID: Localized("Retinoid", "Ретиноид"),
    MedicationFlag.HORMONAL: Localized("Hormonal", "Гормональный препарат"),
    MedicationFlag.IMMUNOSUPPRESSANT: Localized("Immunosuppressant", "Иммуносупрессор"),
}


@dataclass(frozen=True, slots=True)
class Medicine:
    """One drug under its generic and brand names; `names[0]` is its English generic name."""

    names: tuple[str, ...]
    flags: frozenset[MedicationFlag]


@dataclass(frozen=True, slots=True)
class MedicineDictionary:
    medicines: tuple[Medicine, ...]
    _by_text: dict[str, tuple[Medicine, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def named_in(self, text: str) -> tuple[Medicine, ...]:
        """The medicines whose name appears in a typed medication ("Варфарин 2,5 мг")."""
        key = normalise(text)
        found = self._by_text.get(key)
        if found is None:
            found = tuple(m for m in self.medicines if any(mentions(text, n) for n in m.names))
            if len(self._by_text) < 4096:
                self._by_text[key] = found
        return found

    def flags_for(self, text: str) -> frozenset[MedicationFlag]:
        """The flags a typed name implies; empty for a name the dictionary does not know."""
        return frozenset(flag for medicine in self.named_in(text) for flag in medicine.flags)

    def names(self) -> list[str]:
        """Every name, for completion while typing."""
        return sorted({n for m in self.medicines for n in m.names}, key=str.casefold)


def ticked(entry: MedicationEntry) -> frozenset[MedicationFlag]:
    """The flags ticked on a medication."""
    return frozenset(flag for flag in MedicationFlag if getattr(entry, flag.value))


def effective_flags(
    entry: MedicationEntry, dictionary: MedicineDictionary
) -> frozenset[MedicationFlag]:
    """What a medication counts as: its ticked flags plus those its name implies, except the
    ones the practitioner unticked for this name (`entry.cleared`)."""
    implied = dictionary.flags_for(entry.name) - _flags(entry.cleared)
    return ticked(entry) | implied


def with_flags(entry: MedicationEntry, dictionary: MedicineDictionary) -> MedicationEntry:
    """The entry as stored: its effective flags ticked, and only the untickings that still
    concern a flag its name implies."""
    flags = effective_flags(entry, dictionary)
    implied = dictionary.flags_for(entry.name)
    return replace(
        entry,
        anticoagulant=MedicationFlag.ANTICOAGULANT in flags,
        antiplatelet=MedicationFlag.ANTIPLATELET in flags,
        retinoid=MedicationFlag.RETINOID in flags,
        hormonal=MedicationFlag.HORMONAL in flags,
        immunosuppressant=MedicationFlag.IMMUNOSUPPRESSANT in flags,
        cleared=frozenset(f.value for f in _flags(entry.cleared) & implied),
    )


def load_medicines(path: Path | None = None) -> MedicineDictionary:
    """The dictionary from a JSON file; the shipped one is read once and cached.

    Raises ValueError naming the file and the bad entry when the file cannot be used.
    """
    if path is None:
        return _shipped()
    return _read(path)


def parse_medicines(raw: Any, origin: str = "medicines") -> MedicineDictionary:
    if not isinstance(raw, dict) or set(raw) != {"medicines"}:
        raise ValueError(f'{origin}: expected an object with "medicines"')
    entries = raw["medicines"]
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{origin}: medicines must be a non-empty list")
    seen: dict[str, int] = {}
    medicines = []
    for index, entry in enumerate(entries, start=1):
        where = f"{origin}: medicine {index}"
        if not isinstance(entry, dict) or set(entry) != {"names", "flags"}:
            raise ValueError(f"{where}: expected an object with names and flags")
        names = entry["names"]
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and normalise(n) for n in names)
        ):
            raise ValueError(f"{where}: names must be a non-empty list of names")
        for name in names:
            key = normalise(name)
            if key in seen and seen[key] != index:
                raise ValueError(f"{where}: {name!r} is already a name of medicine {seen[key]}")
            seen[key] = index
        flags = entry["flags"]
        if not isinstance(flags, list) or not flags:
            raise ValueError(f"{where}: flags must be a non-empty list")
        try:
            parsed = frozenset(MedicationFlag(flag) for flag in flags)
        except ValueError:
            allowed = ", ".join(flag.value for flag in MedicationFlag)
            raise ValueError(f"{where}: unknown flag in {flags!r} (expected {allowed})") from None
        medicines.append(Medicine(tuple(n.strip() for n in names), parsed))
    return MedicineDictionary(tuple(medicines))


@cache
def _shipped() -> MedicineDictionary:
    return _read(resource_path(MEDICINES_FILE))


def _read(path: Path) -> MedicineDictionary:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path.name}: cannot read the medicine dictionary: {error}") from error
    return parse_medicines(raw, path.name)


def _flags(values: Iterable[str]) -> frozenset[MedicationFlag]:
    return frozenset(MedicationFlag(v) for v in values if v in MedicationFlag._value2member_map_)
