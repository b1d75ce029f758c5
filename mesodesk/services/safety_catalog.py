"""The contraindication catalog in force: the clinic's own file if usable, else the shipped one.

An admin edits the catalog by putting `contraindications.json` in the data folder. A file the
rules cannot use must never leave the practice unscreened, so the shipped catalog is used
instead and `problem` says what is wrong, for a banner.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mesodesk import paths
from mesodesk.domain.contraindications import CATALOG_FILE, CatalogItem, RecordedAs, load_catalog


@dataclass(frozen=True, slots=True)
class ClinicCatalog:
    items: tuple[CatalogItem, ...]
    problem: str | None = None
    """Why the clinic's file was not used, as a sentence for the user; None when all is well."""

    def by_code(self) -> dict[str, CatalogItem]:
        return {item.code: item for item in self.items}

    def recorded_as(self, place: RecordedAs) -> list[CatalogItem]:
        return [item for item in self.items if item.recorded_as is place]


_cache: dict[Path, tuple[tuple[int, int], ClinicCatalog]] = {}


def clinic_catalog_path() -> Path:
    return paths.data_dir(create=False) / CATALOG_FILE


def load_clinic_catalog(path: Path | None = None) -> ClinicCatalog:
    """The catalog in force; the clinic file is re-read only when it changes on disk."""
    path = path or clinic_catalog_path()
    try:
        stat = path.stat()
    except OSError:
        return ClinicCatalog(tuple(load_catalog()))
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        catalog = ClinicCatalog(tuple(load_catalog(path)))
    except Exception as error:  # whatever is wrong with the file, screening must go on
        catalog = ClinicCatalog(
            tuple(load_catalog()),
            problem=(
                f"The clinic's contraindication catalog ({path}) cannot be used, so the "
                f"catalog shipped with MesoDesk is in force. Fix the file: {_reason(error)}."
            ),
        )
    _cache[path] = (stamp, catalog)
    return catalog


def _reason(error: Exception) -> str:
    """One line about what is wrong with the file, whatever failed while reading it."""
    if isinstance(error, RecursionError):
        return "its lists or objects are nested too deeply"
    if isinstance(error, MemoryError):
        return "it is too large"
    text = " ".join(str(error).split()) or type(error).__name__
    return text.rstrip(".")[:500]
