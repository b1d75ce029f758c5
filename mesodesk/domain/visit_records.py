"""The patient's timeline as plain records: courses and visits in date order, next visit flagged.

Kept beside `records.py` so the timeline pane, the export and the documents share one shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mesodesk.domain.chart import ChartTemplateRecord
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.records import CocktailRecord, CourseRecord, LotRecord, VisitRecord
from mesodesk.domain.safety_records import VisitScreening


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One row of the timeline: a course starting, or a visit. Exactly one of the two is set."""

    day: date
    course: CourseRecord | None = None
    visit: VisitRecord | None = None
    is_next: bool = False


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything on a patient's timeline; `next_visit` is the first planned visit ahead."""

    entries: tuple[TimelineEntry, ...] = ()
    next_visit: VisitRecord | None = None


@dataclass(frozen=True, slots=True)
class VisitOpening:
    """Everything the Visit tab shows of a stored visit, read at one moment: its marks, the
    last done visit's marks (the faint overlay), and what may be charted and recorded with
    it (none for a signed visit: usable lots and cocktails with a recipe), and the templates."""

    record: VisitRecord
    marks: tuple[MarkRecord, ...]
    previous_marks: tuple[MarkRecord, ...]
    lots: tuple[LotRecord, ...]
    cocktails: tuple[CocktailRecord, ...]
    templates: tuple[ChartTemplateRecord, ...]
    screening: VisitScreening | None = None
    """The visit's safety screening as stored, read with it (None: screened afterwards)."""


def local_day(moment: datetime) -> date:
    """The calendar day a visit falls on in the clinic's time zone (stored times are UTC)."""
    return moment.astimezone().date()
