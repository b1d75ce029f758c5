"""Plain records of the safety feature that the services hand to the UI and the export.

The day checklist is stored as JSON on the visit; its conversion lives here, next to the
record, so the service, the export and the tests read and write it the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from mesodesk.domain.allergy import SynonymTable, load_synonyms
from mesodesk.domain.anamnesis import Anamnesis, DayChecklist
from mesodesk.domain.diagram.depth import DEPTH_CODE, TECHNIQUE_DEPTH_CODE
from mesodesk.domain.findings import Message, Severity
from mesodesk.domain.medicines import MedicineDictionary
from mesodesk.domain.records import OverrideRecord
from mesodesk.domain.screening import (
    ALLERGY,
    BIRTH_DATE_MISSING,
    CHECKLIST_NOT_ASKED,
    CONTRAINDICATION,
    COULD_NOT_CHECK,
    ScreeningFinding,
)
from mesodesk.domain.vocabulary import IngredientGroup, Technique

_DATE_FIELDS = ("recent_peeling_on", "recent_surgery_on")


@dataclass(frozen=True, slots=True)
class PatientAnamnesisRecord:
    """A patient's anamnesis as loaded; `version` is 0 until the card's anamnesis is first saved."""

    patient_id: int
    anamnesis: Anamnesis
    version: int = 0


@dataclass(frozen=True, slots=True)
class CardSafety:
    """What opening a card shows of its safety, read at once: the anamnesis, the header's
    alerts, the medicine dictionary that ticks a typed medicine's flags, and why a clinic rule
    file is not in force (empty when all are)."""

    record: PatientAnamnesisRecord
    alerts: tuple[Message, ...]
    medicines: MedicineDictionary
    rule_problems: tuple[str, ...] = ()


def checklist_to_json(checklist: DayChecklist) -> dict[str, object]:
    """The day's answers as JSON: ticked items, dates as ISO text, admin-added codes sorted."""
    stored: dict[str, object] = {}
    for item in fields(checklist):
        value = getattr(checklist, item.name)
        if item.name in _DATE_FIELDS:
            stored[item.name] = value.isoformat() if value else None
        elif item.name == "other_codes":
            stored[item.name] = sorted(value)
        else:
            stored[item.name] = bool(value)
    return stored


def checklist_from_json(stored: dict[str, Any] | None) -> DayChecklist | None:
    """The answers stored on a visit; None when the questions were never asked.

    Unknown keys are ignored, so a checklist written by a newer version still opens.
    """
    if stored is None:
        return None
    values: dict[str, Any] = {}
    for item in fields(DayChecklist):
        if item.name not in stored:
            continue
        raw = stored[item.name]
        if item.name in _DATE_FIELDS:
            values[item.name] = _iso_date(raw)
        elif item.name == "other_codes":
            values[item.name] = frozenset(str(code) for code in raw or ())
        else:
            values[item.name] = bool(raw)
    return DayChecklist(**values)


class ChecklistConflict(ValueError):
    """The same answer was changed to different values on two workstations."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        super().__init__(f"answers changed on both sides: {', '.join(fields)}")
        self.fields = fields


def merge_checklist(
    stored: DayChecklist | None, answered: DayChecklist, based_on: DayChecklist | None
) -> DayChecklist:
    """The day's answers after this workstation's changes: the answers that differ from
    `based_on` (the answers it showed) are applied onto `stored` (what is stored now), so
    answers given meanwhile on another workstation are kept.

    `based_on` None means the questions were shown unanswered (all "no"). A checklist never
    stored is stored as answered. An answer changed here and, to another value, there
    raises `ChecklistConflict`.
    """
    if stored is None:
        return answered
    base = based_on if based_on is not None else DayChecklist()
    merged: dict[str, Any] = {}
    conflicts: list[str] = []
    for item in fields(DayChecklist):
        if item.name == "other_codes":
            continue
        mine, theirs, shown = (
            getattr(answered, item.name),
            getattr(stored, item.name),
            getattr(base, item.name),
        )
        if mine in (shown, theirs):
            merged[item.name] = theirs
        elif theirs == shown:
            merged[item.name] = mine
        else:
            conflicts.append(item.name)
    if conflicts:
        raise ChecklistConflict(tuple(conflicts))
    added = answered.other_codes - base.other_codes
    removed = base.other_codes - answered.other_codes
    return DayChecklist(**merged, other_codes=(stored.other_codes - removed) | added)


def _iso_date(raw: Any) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class VisitScreening:
    """Everything the findings banner shows for one visit, read in one go.

    `unresolved` are the blocking findings with no recorded override: while any remain, the
    visit cannot be marked done or signed.
    """

    visit_id: int | None  # None while the visit is not stored yet
    patient_id: int
    findings: tuple[ScreeningFinding, ...]
    overrides: tuple[OverrideRecord, ...]
    checklist: DayChecklist | None
    signed: bool = False
    catalog_problem: str | None = None

    @property
    def unresolved(self) -> tuple[ScreeningFinding, ...]:
        return tuple(f for f in self.findings if is_unresolved(f, self.overrides))

    def override_for(self, finding: ScreeningFinding) -> OverrideRecord | None:
        return next((o for o in self.overrides if covers(o, finding)), None)


def covers(override: OverrideRecord, finding: ScreeningFinding) -> bool:
    """An override answers the finding it was written for: the same rule about the same thing.

    Code and subject, never the wording: rewording a rule (or translating it) keeps the
    practitioner's reason in force, while an allergy to another substance, or another
    catalog item, has another subject and needs its own reason.
    """
    return (override.finding_code, override.finding_subject) == (finding.code, finding.subject)


def is_unresolved(finding: ScreeningFinding, overrides: tuple[OverrideRecord, ...]) -> bool:
    return finding.severity is Severity.BLOCK and not any(covers(o, finding) for o in overrides)


def finding_title(finding: ScreeningFinding) -> str:
    """The short name of a finding, for a message: its reason up to the first colon."""
    return finding.reason.split(": ", 1)[0].strip()


_LEGACY_KEPT = frozenset({BIRTH_DATE_MISSING, CHECKLIST_NOT_ASKED, "depth_not_positive"})
_LEGACY_REGIONS = {"the face": "face", "the vascular scheme": "vascular", "the body": "body"}
_LEGACY_INGREDIENT = re.compile(r'" contains (.*?)\.(?: |$)')
_LEGACY_GROUPS = re.compile(r"^(.*) \(([^()]*)\)$")
_LEGACY_UNKNOWN = re.compile(r"(condition|checklist item) '([^']+)'")


def legacy_override_key(
    code: str, reason: str, synonyms: SynonymTable | None = None
) -> tuple[str, str]:
    """The (code, subject) of an override written when overrides were matched by wording.

    Before findings had subjects, an override kept the finding's code and English sentence;
    this reads the subject back out of that sentence, so the override keeps answering the
    same finding. Used once, by the migration that added subjects.
    """
    if code in _LEGACY_KEPT or "." in code:
        return code, ""
    if code == "component_allergy":
        found = _LEGACY_INGREDIENT.search(reason)
        if found is None:
            return ALLERGY, ""
        ingredient = found.group(1)
        grouped = _LEGACY_GROUPS.match(ingredient)
        labels = {g.label().lower() for g in IngredientGroup}
        if grouped and all(part.strip() in labels for part in grouped.group(2).split(",")):
            ingredient = grouped.group(1)
        return ALLERGY, (synonyms or load_synonyms()).key_of(ingredient)
    if code == "not_in_catalog":
        unknown = _LEGACY_UNKNOWN.search(reason)
        if unknown is None:
            return COULD_NOT_CHECK, ""
        kind = "condition" if unknown.group(1) == "condition" else "checklist"
        return COULD_NOT_CHECK, f"{kind}:{unknown.group(2)}"
    if code == "depth_over_region_limit":
        region = next((r for words, r in _LEGACY_REGIONS.items() if f"for {words}" in reason), "")
        return DEPTH_CODE, region
    if code == "depth_outside_technique_range":
        technique = next(
            (t.value for t in Technique if f"the {t.label().lower()} range" in reason), ""
        )
        return TECHNIQUE_DEPTH_CODE, technique
    return CONTRAINDICATION, code
