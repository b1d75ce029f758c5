"""Plain records of the safety feature that the services hand to the UI and the export.

The day checklist is stored as JSON on the visit; its conversion lives here, next to the
record, so the service, the export and the tests read and write it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from mesodesk.domain.anamnesis import Anamnesis, DayChecklist
from mesodesk.domain.findings import Severity
from mesodesk.domain.records import OverrideRecord
from mesodesk.domain.screening import ScreeningFinding

_DATE_FIELDS = ("recent_peeling_on", "recent_surgery_on")


@dataclass(frozen=True, slots=True)
class PatientAnamnesisRecord:
    """A patient's anamnesis as loaded; `version` is 0 until the card's anamnesis is first saved."""

    patient_id: int
    anamnesis: Anamnesis
    version: int = 0


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
    """An override answers exactly the finding it was written for: same rule, same wording.

    Matching the wording too means a second allergy hit, or a changed due date, needs its own
    reason rather than riding on an older one.
    """
    return override.finding_code == finding.code and override.finding_reason == finding.reason


def is_unresolved(finding: ScreeningFinding, overrides: tuple[OverrideRecord, ...]) -> bool:
    return finding.severity is Severity.BLOCK and not any(covers(o, finding) for o in overrides)


def finding_title(finding: ScreeningFinding) -> str:
    """The short name of a finding, for a message: its reason up to the first colon."""
    return finding.reason.split(": ", 1)[0].strip()
