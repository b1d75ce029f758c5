"""The safety data in force: the clinic's own files if usable, else the ones shipped with MesoDesk.

A clinic's contraindication catalog (`contraindications.json`) and medicine dictionary
(`medicines.json`) are kept in the database (services/rules.py); a database that never took
them in still reads them from the data folder, as before. A file the rules cannot use must
never leave the practice unscreened, so the shipped data is used instead and `problem` says
what is wrong, for a red banner.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from mesodesk import paths
from mesodesk.domain.contraindications import (
    CATALOG_FILE,
    CatalogItem,
    RecordedAs,
    load_catalog,
    parse_catalog,
)
from mesodesk.domain.medicines import (
    MEDICINES_FILE,
    MedicineDictionary,
    load_medicines,
    parse_medicines,
)


@dataclass(frozen=True, slots=True)
class ClinicCatalog:
    items: tuple[CatalogItem, ...]
    problem: str | None = None
    """Why the clinic's file was not used, as a sentence for the user; None when all is well."""

    def by_code(self) -> dict[str, CatalogItem]:
        return {item.code: item for item in self.items}

    def recorded_as(self, place: RecordedAs) -> list[CatalogItem]:
        return [item for item in self.items if item.recorded_as is place]


@dataclass(frozen=True, slots=True)
class ClinicMedicines:
    dictionary: MedicineDictionary
    problem: str | None = None
    """Why the clinic's file was not used, as a sentence for the user; None when all is well."""


_T = TypeVar("_T")
_cache: dict[Path, tuple[tuple[int, int], object]] = {}


def clinic_catalog_path() -> Path:
    return paths.data_dir(create=False) / CATALOG_FILE


def clinic_medicines_path() -> Path:
    return paths.data_dir(create=False) / MEDICINES_FILE


def load_clinic_catalog(path: Path | None = None) -> ClinicCatalog:
    """The catalog in force; the clinic file is re-read only when it changes on disk."""
    return _in_force(
        path or clinic_catalog_path(),
        lambda p: ClinicCatalog(tuple(load_catalog(p))),
        lambda problem: ClinicCatalog(
            tuple(load_catalog()),
            problem=(
                f"The clinic's contraindication catalog ({problem[0]}) cannot be used, so the "
                f"catalog shipped with MesoDesk is in force. Fix the file: {problem[1]}."
            ),
        ),
        ClinicCatalog(tuple(load_catalog())),
    )


def load_clinic_medicines(path: Path | None = None) -> ClinicMedicines:
    """The medicine dictionary in force; the clinic file is re-read only when it changes."""
    return _in_force(
        path or clinic_medicines_path(),
        lambda p: ClinicMedicines(load_medicines(p)),
        lambda problem: ClinicMedicines(
            load_medicines(),
            problem=(
                f"The clinic's medicine dictionary ({problem[0]}) cannot be used, so the "
                f"dictionary shipped with MesoDesk is in force. Fix the file: {problem[1]}."
            ),
        ),
        ClinicMedicines(load_medicines()),
    )


def catalog_from_text(content: str | None) -> ClinicCatalog:
    """The catalog in force given the clinic's stored `contraindications.json` (None: none)."""
    if content is None:
        return ClinicCatalog(tuple(load_catalog()))
    return _from_text(
        CATALOG_FILE,
        content,
        lambda text: ClinicCatalog(tuple(parse_catalog_text(text))),
        lambda problem: ClinicCatalog(
            tuple(load_catalog()),
            problem=(
                f"The clinic's contraindication catalog ({CATALOG_FILE}) cannot be used, so "
                f"the catalog shipped with MesoDesk is in force. Fix it: {problem}."
            ),
        ),
    )


def medicines_from_text(content: str | None) -> ClinicMedicines:
    """The dictionary in force given the clinic's stored `medicines.json` (None: none)."""
    if content is None:
        return ClinicMedicines(load_medicines())
    return _from_text(
        MEDICINES_FILE,
        content,
        lambda text: ClinicMedicines(parse_medicines_text(text)),
        lambda problem: ClinicMedicines(
            load_medicines(),
            problem=(
                f"The clinic's medicine dictionary ({MEDICINES_FILE}) cannot be used, so the "
                f"dictionary shipped with MesoDesk is in force. Fix it: {problem}."
            ),
        ),
    )


def parse_catalog_text(content: str) -> list[CatalogItem]:
    """The items of a `contraindications.json` text; ValueError says what is wrong."""
    return parse_catalog(_json(content, CATALOG_FILE), origin=CATALOG_FILE)


def parse_medicines_text(content: str) -> MedicineDictionary:
    """The dictionary of a `medicines.json` text; ValueError says what is wrong."""
    return parse_medicines(_json(content, MEDICINES_FILE), origin=MEDICINES_FILE)


def _json(content: str, name: str) -> object:
    try:
        return json.loads(content)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"{name}: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error


_parsed: dict[tuple[str, str], object] = {}


def _from_text(
    name: str, content: str, read: Callable[[str], _T], fallback: Callable[[str], _T]
) -> _T:
    """Parsed once per distinct text: screening asks for the catalog on every check."""
    key = (name, content)
    cached = _parsed.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    try:
        value = read(content)
    except Exception as error:  # whatever is wrong with the text, screening must go on
        value = fallback(_reason(error))
    if len(_parsed) > 8:
        _parsed.clear()
    _parsed[key] = value
    return value


def _in_force(
    path: Path,
    read: Callable[[Path], _T],
    fallback: Callable[[tuple[Path, str]], _T],
    shipped: _T,
) -> _T:
    try:
        stat = path.stat()
    except OSError:
        return shipped
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]  # type: ignore[return-value]
    try:
        value = read(path)
    except Exception as error:  # whatever is wrong with the file, screening must go on
        value = fallback((path, _reason(error)))
    _cache[path] = (stamp, value)
    return value


def _reason(error: Exception) -> str:
    """One line about what is wrong with the file, whatever failed while reading it."""
    if isinstance(error, RecursionError):
        return "its lists or objects are nested too deeply"
    if isinstance(error, MemoryError):
        return "it is too large"
    text = " ".join(str(error).split()) or type(error).__name__
    return text.rstrip(".")[:500]
