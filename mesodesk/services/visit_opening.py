"""Opening a visit on the Visit tab: everything the tab shows, in one read.

The record, its marks, the last visit's marks, the stock to chart with and the safety
screening were seven transactions, each checking the user's role again and the screening
reading the visit and its marks a second time; opening a patient's visit is one action, so it
is one snapshot under one check.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from mesodesk.domain.visit_records import VisitOpening, local_day
from mesodesk.services.access import Access
from mesodesk.services.base import Service
from mesodesk.services.catalog import cocktails_in, lots_in
from mesodesk.services.marks import marks_of
from mesodesk.services.screening import ScreeningService
from mesodesk.services.templates import templates_in
from mesodesk.services.visits import load_visit, previous_visit_id, visit_records


class VisitOpeningService(Service):
    def __init__(
        self,
        sessions: sessionmaker[Session],
        access: Access | None = None,
        screening: ScreeningService | None = None,
    ) -> None:
        """`screening`: the visit is screened in the same read (None: the caller screens)."""
        super().__init__(sessions, access)
        self._screening = screening

    def open_visit(self, visit_id: int) -> VisitOpening:
        """A stored visit as the Visit tab shows it (see `VisitOpening`)."""
        with self._read() as session:
            row = load_visit(session, visit_id)
            marks = marks_of(session, visit_id)
            record = visit_records(session, [row], {visit_id: marks})[0]
            previous_id = previous_visit_id(session, row.patient_id, row.starts_at)
            previous = marks_of(session, previous_id) if previous_id is not None else []
            if record.signed:
                lots, cocktails = [], []
            else:
                lots = lots_in(session, usable_on=local_day(record.starts_at))
                cocktails = [c for c in cocktails_in(session) if c.lines]
            screened = (
                None
                if self._screening is None
                else self._screening.opened_in(session, row, record, marks)
            )
            return VisitOpening(
                record=record,
                marks=tuple(marks),
                previous_marks=tuple(previous),
                lots=tuple(lots),
                cocktails=tuple(cocktails),
                templates=tuple(templates_in(session)),
                screening=screened,
            )
