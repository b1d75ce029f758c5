"""The clinic's rules, kept in the database so every workstation screens and prints alike.

A clinic edits its contraindication catalog (`contraindications.json`), its medicine
dictionary (`medicines.json`) and the wording of its documents (`texts/aftercare.ru.json`,
...) in the formats it always has; its charting templates, already in the database, move as
one more file, `templates.json` (see services/templates.py). The others used to be files in
each workstation's data folder, so two workstations on one PostgreSQL database could screen
the same patient differently; now each is one row of `clinic_rules`, named by its path in the
data folder.

The first time MesoDesk opens a database (`import_workstation_files`), the files of that
workstation are taken in, once, so nothing a clinic edited is lost; until then (a database
only read by the command line) the files are read as before. Every write is one method here,
one transaction, so a role check has one place to go.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, sessionmaker

from mesodesk import paths
from mesodesk.documents.texts import (
    TextOverrides,
    check_text_override,
    text_file_names,
    text_override_problems,
)
from mesodesk.domain import limits
from mesodesk.domain.contraindications import CATALOG_FILE
from mesodesk.domain.medicines import MEDICINES_FILE
from mesodesk.domain.users import Permission
from mesodesk.models import ClinicRule, ClinicSetting
from mesodesk.models.base import utcnow
from mesodesk.services.access import Access
from mesodesk.services.base import STALE_MESSAGE, Service
from mesodesk.services.errors import StaleRecord, ValidationFailed
from mesodesk.services.safety_catalog import (
    ClinicCatalog,
    ClinicMedicines,
    catalog_from_text,
    load_clinic_catalog,
    load_clinic_medicines,
    medicines_from_text,
    parse_catalog_text,
    parse_medicines_text,
)
from mesodesk.services.templates import (
    TEMPLATES_FILE,
    parse_templates_file,
    replace_templates_in,
    templates_file,
)

TEXTS_FOLDER = "texts"
IMPORTED_KEY = "clinic_rules_imported"
"""Set (in clinic_settings) once the workstation's files were taken in: they never are again."""


def rule_names() -> list[str]:
    """Every rule a clinic may keep, by its path in the data folder."""
    texts = [f"{TEXTS_FOLDER}/{name}" for name in text_file_names()]
    return [CATALOG_FILE, MEDICINES_FILE, *texts, TEMPLATES_FILE]


def _file_rules() -> list[str]:
    """The rules that were files in a workstation's data folder (templates never were)."""
    return [name for name in rule_names() if name != TEMPLATES_FILE]


def rule_name(file_name: str) -> str | None:
    """The rule a file holds, from its name as a clinic has it (`consent.ru.json` or
    `texts/consent.ru.json`); None when it is none of them."""
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    if name in (CATALOG_FILE, MEDICINES_FILE, TEMPLATES_FILE):
        return name
    if name in text_file_names():
        return f"{TEXTS_FOLDER}/{name}"
    return None


def check_rule(name: str, content: str) -> None:
    """Refuse, with one line naming the file, a rule the app could not use."""
    if name not in rule_names():
        raise ValueError(f"{name}: not a clinic rules file; expected one of {_known()}")
    if len(content) > limits.CLINIC_RULE_FILE:
        raise ValueError(f"{name}: is too large (at most {limits.CLINIC_RULE_FILE} characters)")
    try:
        if name == CATALOG_FILE:
            parse_catalog_text(content)
        elif name == MEDICINES_FILE:
            parse_medicines_text(content)
        elif name == TEMPLATES_FILE:
            parse_templates_file(content)
        else:
            check_text_override(name.removeprefix(f"{TEXTS_FOLDER}/"), content)
    except RecursionError as error:
        raise ValueError(f"{name}: its lists or objects are nested too deeply") from error
    except ValueError as error:
        raise ValueError(" ".join(str(error).split())[:500]) from error


def shipped_rule(name: str) -> str:
    """The file shipped with MesoDesk that a rule changes: where a clinic starts editing."""
    if name not in rule_names():
        raise ValueError(f"{name}: not a clinic rules file; expected one of {_known()}")
    if name == TEMPLATES_FILE:
        return '{\n  "templates": []\n}\n'
    return paths.resource_path(*name.split("/")).read_text(encoding="utf-8")


def _known() -> str:
    return ", ".join(rule_names())


@dataclass(frozen=True, slots=True)
class ClinicRuleRecord:
    name: str
    content: str | None
    """The clinic's file as given; None when it keeps none and the shipped one is in force."""
    revision: int = 0
    """Saves so far (0: none); a save names the revision it was edited from. For the
    templates, a fingerprint of the set that changes whenever one of them does."""
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class WorkstationImport:
    """What `import_workstation_files` did."""

    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """One line per file that could not be taken in (not UTF-8 text, too large)."""
    done_before: bool = False


def _data_folder() -> Path:
    return paths.data_dir(create=False)


class ClinicRulesService(Service):
    def __init__(
        self,
        sessions: sessionmaker[Session],
        folder: Callable[[], Path] = _data_folder,
        access: Access | None = None,
    ) -> None:
        super().__init__(sessions, access)
        self._folder = folder

    # --- what the other services read ------------------------------------------------------

    def catalog(self) -> ClinicCatalog:
        """The contraindication catalog in force on every workstation."""
        stored = self._stored([CATALOG_FILE])
        if stored is None:
            return load_clinic_catalog(self._folder() / CATALOG_FILE)
        return catalog_from_text(stored.get(CATALOG_FILE))

    def medicines(self) -> ClinicMedicines:
        """The medicine dictionary in force on every workstation."""
        stored = self._stored([MEDICINES_FILE])
        if stored is None:
            return load_clinic_medicines(self._folder() / MEDICINES_FILE)
        return medicines_from_text(stored.get(MEDICINES_FILE))

    def safety_rules_in(self, session: Session) -> tuple[ClinicCatalog, ClinicMedicines]:
        """`catalog` and `medicines` read in the caller's transaction, with one query."""
        stored = _stored_in(session, [CATALOG_FILE, MEDICINES_FILE])
        if stored is None:
            folder = self._folder()
            return (
                load_clinic_catalog(folder / CATALOG_FILE),
                load_clinic_medicines(folder / MEDICINES_FILE),
            )
        return catalog_from_text(stored.get(CATALOG_FILE)), medicines_from_text(
            stored.get(MEDICINES_FILE)
        )

    def text_overrides(self) -> TextOverrides:
        """The clinic's wording for the document builders, by texts file name."""
        stored = self._stored([n for n in rule_names() if n.startswith(f"{TEXTS_FOLDER}/")])
        if stored is None:
            return self._folder() / TEXTS_FOLDER
        return {name.removeprefix(f"{TEXTS_FOLDER}/"): text for name, text in stored.items()}

    def problems(self) -> list[str]:
        """One line per rule in force that cannot be used (the shipped one is used instead)."""
        found = text_override_problems(self.text_overrides())
        for problem in (self.catalog().problem, self.medicines().problem):
            if problem:
                found.append(problem)
        return found

    # --- what the rules window and the command line read -----------------------------------

    def rules(self) -> list[ClinicRuleRecord]:
        """Every rule a clinic may keep, stored or not, in `rule_names` order."""
        with self._read(needs=None) as session:
            templates = _templates_record(session)
            if session.get(ClinicSetting, IMPORTED_KEY) is None:
                files = _read_files(self._folder())[0]
                kept = {name: ClinicRuleRecord(name, content) for name, content in files.items()}
            else:
                kept = {row.name: _record(row) for row in session.scalars(select(ClinicRule))}
        kept[TEMPLATES_FILE] = templates
        return [kept.get(name, ClinicRuleRecord(name, None)) for name in rule_names()]

    def export_rules(self) -> dict[str, str]:
        """The clinic's files, by path in the data folder: only the rules it keeps."""
        return {rule.name: rule.content for rule in self.rules() if rule.content is not None}

    # --- writes: one method per action -------------------------------------------------------

    def save_rule(self, name: str, content: str, revision: int) -> ClinicRuleRecord:
        """Store the clinic's edit of one rule; refused (nothing saved) when the app could not
        use it, or when it was edited from an older revision than the one stored now."""
        _check_all({name: content})
        with self._write(exclusive=IMPORTED_KEY, needs=Permission.CLINIC) as session:
            taken_in = self._take_in_files(session)
            if name == TEMPLATES_FILE:
                if _templates_record(session).revision != revision:
                    raise StaleRecord(STALE_MESSAGE)
                replace_templates_in(session, parse_templates_file(content))
                return _templates_record(session)
            row = session.get(ClinicRule, name)
            stored = 0 if row is None or name in taken_in else row.revision
            if stored != revision:
                raise StaleRecord(STALE_MESSAGE)
            row = _put(session, row, name, content)
            return _record(row)

    def reset_rule(self, name: str, revision: int) -> ClinicRuleRecord:
        """Drop the clinic's version of a rule: the one shipped with MesoDesk is in force."""
        if name not in _file_rules():
            raise ValidationFailed(
                {name: f"{name}: has no shipped version to go back to; edit it instead"}
            )
        with self._write(exclusive=IMPORTED_KEY, needs=Permission.CLINIC) as session:
            taken_in = self._take_in_files(session)
            row = session.get(ClinicRule, name)
            stored = 0 if row is None or name in taken_in else row.revision
            if stored != revision:
                raise StaleRecord(STALE_MESSAGE)
            if row is not None:
                session.delete(row)
        return ClinicRuleRecord(name, None)

    def import_rules(self, files: Mapping[str, str]) -> list[ClinicRuleRecord]:
        """Store several rule files at once, whatever is stored now, all or none: one that
        cannot be used refuses the whole import."""
        if not files:
            raise ValidationFailed({"files": "There is no clinic rules file to import."})
        _check_all(files)
        with self._write(exclusive=IMPORTED_KEY, needs=Permission.CLINIC) as session:
            self._take_in_files(session)
            records = []
            for name, content in files.items():
                if name == TEMPLATES_FILE:
                    replace_templates_in(session, parse_templates_file(content))
                    records.append(_templates_record(session))
                    continue
                row = _put(session, session.get(ClinicRule, name), name, content)
                records.append(_record(row))
            return records

    def import_workstation_files(self) -> WorkstationImport:
        """Take this workstation's rule files into a database that never had any, once.

        Files are taken in as they are, even one the app cannot use today: it stays out of
        force with the same message, and the clinic's edit is not lost.
        """
        with self._read(needs=None) as session:
            if session.get(ClinicSetting, IMPORTED_KEY) is not None:
                return WorkstationImport(done_before=True)
        with self._write(exclusive=IMPORTED_KEY, needs=None) as session:
            if session.get(ClinicSetting, IMPORTED_KEY) is not None:
                return WorkstationImport(done_before=True)  # another workstation, just now
            files, skipped = _read_files(self._folder())
            self._take_in_files(session, files)
        return WorkstationImport(imported=sorted(files), skipped=skipped)

    # --- inside -----------------------------------------------------------------------------

    def _stored(self, names: list[str]) -> dict[str, str] | None:
        """The stored texts of `names`; None while the database never took in any."""
        with self._read(needs=None) as session:
            return _stored_in(session, names)

    def _take_in_files(
        self, session: Session, files: Mapping[str, str] | None = None
    ) -> frozenset[str]:
        """In the caller's write: the workstation's files, if the database never had them."""
        if session.get(ClinicSetting, IMPORTED_KEY) is not None:
            return frozenset()
        if files is None:
            files = _read_files(self._folder())[0]
        session.add(
            ClinicSetting(
                key=IMPORTED_KEY,
                value={"at": utcnow().isoformat(), "files": sorted(files)},
            )
        )
        for name, content in files.items():
            _put(session, session.get(ClinicRule, name), name, content)
        session.flush()
        return frozenset(files)


def _stored_in(session: Session, names: list[str]) -> dict[str, str] | None:
    if session.scalar(_IMPORTED) is None:
        return None
    rows = session.execute(_RULES_NAMED, {"names": names})
    return {name: content for name, content in rows}


_IMPORTED = select(ClinicSetting.key).where(ClinicSetting.key == IMPORTED_KEY)
_RULES_NAMED = select(ClinicRule.name, ClinicRule.content).where(
    ClinicRule.name.in_(bindparam("names", expanding=True))
)
"""Read at every opening of a card and of a visit, so built once (its cache key made once)."""


def _check_all(files: Mapping[str, str]) -> None:
    errors: dict[str, str] = {}
    for name, content in files.items():
        try:
            check_rule(name, content)
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise ValidationFailed(errors)


def _put(session: Session, row: ClinicRule | None, name: str, content: str) -> ClinicRule:
    if row is None:
        row = ClinicRule(name=name, content=content, updated_at=utcnow())
        session.add(row)
    else:
        row.content = content
        row.updated_at = utcnow()
    session.flush()
    return row


def _templates_record(session: Session) -> ClinicRuleRecord:
    content = templates_file(session)
    if content is None:
        return ClinicRuleRecord(TEMPLATES_FILE, None)
    fingerprint = zlib.crc32(content.encode("utf-8")) & 0x7FFFFFFF
    return ClinicRuleRecord(TEMPLATES_FILE, content, max(fingerprint, 1))


def _record(row: ClinicRule) -> ClinicRuleRecord:
    return ClinicRuleRecord(row.name, row.content, row.revision, row.updated_at)


def _read_files(folder: Path) -> tuple[dict[str, str], list[str]]:
    """The rule files a data folder holds, and a line for each that cannot be taken in."""
    files: dict[str, str] = {}
    skipped: list[str] = []
    for name in _file_rules():
        path = folder.joinpath(*name.split("/"))
        try:
            if not path.is_file():
                continue
            if path.stat().st_size > 4 * limits.CLINIC_RULE_FILE:
                skipped.append(f"{path}: is too large to keep")
                continue
            content = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            skipped.append(f"{path}: is not UTF-8 text")
            continue
        except OSError as error:
            skipped.append(f"{path}: cannot be read ({error.strerror})")
            continue
        if len(content) > limits.CLINIC_RULE_FILE or "\x00" in content:
            skipped.append(f"{path}: is too large or holds a NUL character")
            continue
        files[name] = content
    return files, skipped
