"""The open visit, held once: the stored record, the unsaved edits, the marks, the screening.

The visit form, the diagram, the safety strip, the documents and the timeline are each built
with this object and the services they use; they change the visit only through its methods
(one service call each) and learn what changed from its typed signals. A new visit opened with
Ctrl+T is not stored until its first edit: then it becomes a stored draft, so a mark can say what
was injected before anything was saved by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from mesodesk.domain.anamnesis import DayChecklist
from mesodesk.domain.chart import (
    ChartLines,
    ChartTemplateRecord,
    Injected,
    charted_areas,
    charted_techniques,
    lines_from_chart,
)
from mesodesk.domain.diagram import Point
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.records import CocktailRecord, LotRecord, VisitRecord
from mesodesk.domain.safety_records import VisitScreening
from mesodesk.domain.screening import ScreeningFinding
from mesodesk.domain.visit_records import local_day
from mesodesk.domain.vocabulary import Sex, VisitStatus
from mesodesk.services.errors import ServiceError, StaleRecord, ValidationFailed
from mesodesk.ui.state.notices import Notices
from mesodesk.ui.state.open_patient import OpenPatient
from mesodesk.ui.text import catalog_name
from mesodesk.ui.workers import TaskRunner

if TYPE_CHECKING:
    from mesodesk.services.registry import Services

T = TypeVar("T")
Moves = dict[int, tuple[tuple[Point, ...], tuple[Point, ...]]]


def recorded_fields(record: VisitRecord | None) -> tuple[object, ...]:
    """What a save would change: compared to tell whether the visit holds unsaved edits."""
    if record is None:
        return ()
    return (
        record.starts_at,
        record.status,
        record.practitioner,
        frozenset(record.areas),
        frozenset(record.techniques),
        record.method,
        record.anaesthesia,
        record.disinfection,
        record.notes,
        record.price_minor,
        tuple(
            (line.id, line.lot_id, line.volume_ml, line.cocktail_id)
            for line in record.product_lines
        ),
        record.reactions,
    )


class OpenVisit(QObject):
    """The one copy of the open visit that every pane of the Visit tab works from."""

    record_changed = Signal(object)  # VisitRecord | None: opened, stored, or closed
    plan_changed = Signal(object)  # VisitRecord: the edits changed (typed or filled in)
    plan_replaced = Signal(object)  # VisitRecord: the edits were changed here, not typed
    marks_changed = Signal(object)  # tuple[MarkRecord, ...]
    screening_changed = Signal(object)  # VisitScreening | None
    stock_changed = Signal()  # the lots and cocktails to choose from were read again
    templates_changed = Signal(object)  # tuple[ChartTemplateRecord, ...]
    refused = Signal(object)  # dict[str, str]: field -> message, shown beside the field

    def __init__(
        self,
        services: Services,
        patient: OpenPatient,
        runner: TaskRunner,
        notices: Notices,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._patient = patient
        self._runner = runner
        self._notices = notices
        self._stored: VisitRecord | None = None
        self._baseline: VisitRecord | None = None
        self._draft: VisitRecord | None = None
        self._marks: dict[int, MarkRecord] = {}
        self._previous: tuple[MarkRecord, ...] = ()
        self._screening: VisitScreening | None = None
        self._lots: tuple[LotRecord, ...] = ()
        self._cocktails: tuple[CocktailRecord, ...] = ()
        self._templates: tuple[ChartTemplateRecord, ...] = ()
        self._problems: dict[str, str] = {}
        self._pending_checklist: DayChecklist | None = None
        self._checklist_shown: DayChecklist | None = None
        self._screen_timer = QTimer(self)
        self._screen_timer.setSingleShot(True)
        self._screen_timer.setInterval(0)
        self._screen_timer.timeout.connect(self._screen)
        patient.opened.connect(self._patient_opened)

    # --- what is open -----------------------------------------------------------------------

    @property
    def record(self) -> VisitRecord | None:
        """The visit as stored (None for a new visit not stored yet, or nothing open)."""
        return self._stored

    @property
    def draft(self) -> VisitRecord | None:
        """The visit as edited: what the form shows and the screening judges."""
        return self._draft

    @property
    def is_open(self) -> bool:
        return self._draft is not None

    @property
    def editable(self) -> bool:
        return self._draft is not None and not self._draft.signed

    @property
    def patient_sex(self) -> Sex | None:
        """The sex on the open patient's card: the face chart a new visit opens on follows it."""
        card = self._patient.card
        return card.sex if card is not None else None

    @property
    def marks(self) -> tuple[MarkRecord, ...]:
        return tuple(self._marks.values())

    @property
    def previous_marks(self) -> tuple[MarkRecord, ...]:
        return self._previous

    @property
    def screening(self) -> VisitScreening | None:
        return self._screening

    @property
    def lots(self) -> tuple[LotRecord, ...]:
        return self._lots

    @property
    def cocktails(self) -> tuple[CocktailRecord, ...]:
        return self._cocktails

    @property
    def templates(self) -> tuple[ChartTemplateRecord, ...]:
        return self._templates

    def current(self, ids: Sequence[int]) -> list[MarkRecord]:
        return [self._marks[i] for i in ids if i in self._marks]

    def injected_label(self, injected: Injected) -> str:
        """How the practitioner names a cocktail or a lot of the visit."""
        lines = self._draft.product_lines if self._draft else ()
        if injected.cocktail_id is not None:
            found = next((c for c in self._cocktails if c.id == injected.cocktail_id), None)
            if found is not None:
                return catalog_name(found.name, found.name_ru)
            # a signed visit names it as its lines recorded it
            used = next((x for x in lines if x.cocktail_id == injected.cocktail_id), None)
            return catalog_name(used.cocktail_name, used.cocktail_name_ru) if used else ""
        if injected.lot_id is not None:
            lot = next((x for x in self._lots if x.id == injected.lot_id), None)
            if lot is not None:
                return f"{catalog_name(lot.product_name, lot.product_name_ru)} · {lot.lot_number}"
            line = next((x for x in lines if x.lot_id == injected.lot_id), None)
            if line is None:
                return ""
            return f"{catalog_name(line.product_name, line.product_name_ru)} · {line.lot_number}"
        return ""

    # --- opening and closing ----------------------------------------------------------------

    def open(self, visit_id: int) -> bool:
        """Show a stored visit with its marks, last visit's marks and what may be used."""
        try:
            opening = self._services.visit_opening.open_visit(visit_id)
        except ServiceError as error:
            self._notices.error(str(error))
            return False
        self._lots, self._cocktails = opening.lots, opening.cocktails
        self._templates = opening.templates
        record = opening.record
        self._show(
            record,
            record,
            opening.marks,
            opening.previous_marks,
            stock_read=True,
            screening=opening.screening,
        )
        return True

    def start_today(self) -> bool:
        """Open the patient's visit of today, or a new one that is stored on its first edit."""
        patient_id = self._patient.patient_id
        if patient_id is None:
            return False
        try:
            today = self._services.visits.today_visit(patient_id)
            if today is not None and today.id is not None:
                return self.open(today.id)
            profile = self._services.settings.profile()
            previous = self._services.visits.previous_visit(patient_id, datetime.now().astimezone())
            previous_marks = (
                self._services.marks.list_for_visit(previous.id)
                if previous is not None and previous.id is not None
                else []
            )
        except ServiceError as error:
            self._notices.error(str(error))
            return False
        new = VisitRecord(
            id=None,
            patient_id=patient_id,
            starts_at=datetime.now().astimezone().replace(second=0, microsecond=0),
            practitioner=profile.practitioner,
            currency=profile.currency,
        )
        self._show(None, new, [], previous_marks)
        return True

    def close(self) -> None:
        self._stored = self._baseline = self._draft = None
        self._marks, self._previous, self._screening = {}, (), None
        self._screen_timer.stop()
        self.record_changed.emit(None)
        self.marks_changed.emit(())
        self.screening_changed.emit(None)

    def reload(self) -> None:
        """Read the visit again (after another workstation changed it); edits are dropped."""
        if self._stored is not None and self._stored.id is not None:
            self.open(self._stored.id)

    def _show(
        self,
        stored: VisitRecord | None,
        draft: VisitRecord,
        marks: Sequence[MarkRecord],
        previous: Sequence[MarkRecord],
        stock_read: bool = False,
        screening: VisitScreening | None = None,
    ) -> None:
        """`screening`: the visit's, read with it; otherwise it is screened at once, off the
        GUI thread, while the panes just filled are painted."""
        self._stored, self._baseline, self._draft = stored, draft, draft
        self._problems = {}
        self._pending_checklist = None
        self._marks = {m.id: m for m in marks if m.id is not None}
        self._previous = tuple(previous)
        # a screening read with the visit is there for the panes the opening fills: the strip
        # shows it at once rather than "Checking…" first
        self._screening = screening
        self._checklist_shown = screening.checklist if screening is not None else None
        if stock_read:
            self._stock_shown()
        else:
            self._load_stock(draft)
        self.record_changed.emit(draft)
        self.marks_changed.emit(self.marks)
        self._screen_timer.stop()
        if screening is not None:
            self._screened(screening)
            return
        self.screening_changed.emit(None)
        self._screen()

    def _load_stock(self, visit: VisitRecord) -> None:
        if visit.signed:
            self._lots, self._cocktails = (), ()
        else:
            try:
                catalog = self._services.catalog
                self._lots = tuple(catalog.list_lots(usable_on=local_day(visit.starts_at)))
                self._cocktails = tuple(c for c in catalog.list_cocktails() if c.lines)
                self._templates = tuple(self._services.templates.list_templates())
            except ServiceError as error:
                self._notices.error(str(error))
        self._stock_shown()

    def _stock_shown(self) -> None:
        self.stock_changed.emit()
        self.templates_changed.emit(self._templates)

    def _patient_opened(self, card: object) -> None:
        patient_id = getattr(card, "id", None)
        if self._draft is not None and patient_id != self._draft.patient_id:
            self.close()

    # --- the edits --------------------------------------------------------------------------

    def edit(self, record: VisitRecord, problems: dict[str, str] | None = None) -> None:
        """The form's latest edits, and what in them cannot be read yet (a price typed
        wrong): while any problem remains nothing is saved, so nothing typed is lost. A visit
        not stored yet becomes a draft on its first edit."""
        if self._draft is None or self._draft.signed:
            return
        self._problems = dict(problems or {})
        record = replace(
            record,
            id=self._draft.id,
            version=self._draft.version,
            charted_areas=self._draft.charted_areas,
            charted_techniques=self._draft.charted_techniques,
        )
        if recorded_fields(record) == recorded_fields(self._draft):
            return
        self._draft = record
        if self._stored is None and not self._ensure_stored():
            return
        self.plan_changed.emit(self._draft)
        self.rescreen()

    def is_dirty(self) -> bool:
        if self._draft is None or self._draft.signed:
            return False
        if self._problems:
            return True
        return recorded_fields(self._draft) != recorded_fields(self._baseline)

    def discard(self) -> None:
        if self._baseline is not None:
            self._draft = self._baseline
            self._problems = {}
            self.record_changed.emit(self._draft)
            self.rescreen()

    def take_volumes_from_chart(self) -> ChartLines | None:
        """Fill the product lines with the volumes the chart adds up to (an edit, not saved)."""
        draft = self._draft
        if draft is None or draft.signed:
            return None
        filled = lines_from_chart(
            self.marks,
            draft.product_lines,
            self._cocktails,
            self._lots,
            local_day(draft.starts_at),
        )
        self._draft = replace(draft, product_lines=filled.lines)
        self.plan_replaced.emit(self._draft)
        self.plan_changed.emit(self._draft)
        self.rescreen()
        return filled

    # --- one service call per user action ---------------------------------------------------

    def save(self) -> bool:
        """Store the edits (Ctrl+S); a refusal is shown and every edit stays."""
        if self._draft is None or self._draft.signed:
            return True
        if not self._ensure_stored():
            return False
        if not self.is_dirty():
            return True
        return self._write(self._services.visits.save, self.tr("Visit saved."))

    def mark_done(self) -> bool:
        if not self.editable or not self._ensure_stored():
            return False
        return self._write(
            lambda draft: self._services.visits.mark_done(draft),
            self.tr("Visit saved and marked done."),
        )

    def sign(self) -> bool:
        if not self.editable or not self._ensure_stored():
            return False
        return self._write(
            lambda draft: self._services.visits.sign(draft),
            self.tr("Visit signed; it is now read-only."),
        )

    def reschedule(self, day: date) -> bool:
        if not self.editable or not self._ensure_stored():
            return False
        return self._write(
            lambda draft: self._services.visits.reschedule(draft, day),
            self.tr("The visit is moved."),
        )

    def add_addendum(self, author: str, text: str) -> bool:
        stored = self._stored
        if stored is None or stored.id is None:
            return False
        visit_id = stored.id
        return self._write(
            lambda _draft: self._services.visits.add_addendum(visit_id, author, text),
            self.tr("Addendum added."),
        )

    def override(self, finding: ScreeningFinding, reason: str, decided_by: str) -> bool:
        """Record a written reason for going ahead despite a finding."""
        if not self.editable or not self._ensure_stored():
            return False
        visit_id = self._visit_id()
        try:
            self._services.screening.record_override(visit_id, finding, reason, decided_by)
        except ServiceError as error:
            self._refuse(error)
            return False
        self.rescreen()
        self._patient.changed(self._draft.patient_id if self._draft else None)
        return True

    def save_checklist(self, checklist: DayChecklist) -> bool:
        """Keep the day's answers (stored at once: they are asked at the chair). Only the
        answers changed from those shown are saved, so answers given meanwhile on another
        workstation stay."""
        if not self.editable or not self._ensure_stored():
            return False
        try:
            saved = self._services.screening.save_checklist(
                self._visit_id(), checklist, based_on=self._checklist_shown
            )
        except StaleRecord as error:
            self._notices.error(str(error))
            self.rescreen()  # show the answers as they are stored now
            return False
        except ServiceError as error:
            self._refuse(error)
            return False
        self._checklist_shown = saved
        self.rescreen(saved)
        return True

    # --- marks (also what the diagram's undo steps call) ------------------------------------

    def add_marks(self, marks: Sequence[MarkRecord]) -> list[MarkRecord]:
        """Store new marks; raises ServiceError (the caller reports it)."""
        visit_id = self._require_stored()
        added = self._services.marks.add_many([replace(m, visit_id=visit_id) for m in marks])
        self._put(added)
        return added

    def apply_template(self, template_id: int) -> list[MarkRecord]:
        added = self._services.marks.apply_template(self._require_stored(), template_id)
        self._put(added)
        return added

    def repeat_previous(self) -> list[MarkRecord]:
        added = self._services.marks.repeat_previous(self._require_stored())
        self._put(added)
        return added

    def restore_marks(self, marks: Sequence[MarkRecord]) -> None:
        self._put(self._services.marks.restore(marks))

    def delete_marks(self, ids: Sequence[int]) -> list[MarkRecord]:
        removed = self._services.marks.delete(ids)
        for mark_id in ids:
            self._marks.pop(mark_id, None)
        self._marks_changed()
        return removed

    def move_marks(self, moves: Sequence[tuple[int, Sequence[Point], int]]) -> None:
        self._put(self._services.marks.move_many(moves))

    def update_marks(self, marks: Sequence[MarkRecord]) -> list[MarkRecord]:
        updated = self._services.marks.update_many(marks)
        self._put(updated)
        return updated

    def report(self, error: ServiceError) -> None:
        self._refuse(error)

    def save_template(self, name: str, marks: Sequence[MarkRecord]) -> ChartTemplateRecord | None:
        try:
            saved = self._services.templates.save_template(name, marks)
            self._templates = tuple(self._services.templates.list_templates())
        except ServiceError as error:
            self._refuse(error)
            return None
        self.templates_changed.emit(self._templates)
        return saved

    def reload_templates(self) -> None:
        """The templates were changed elsewhere (the clinic rules window): read them again."""
        try:
            self._templates = tuple(self._services.templates.list_templates())
        except ServiceError as error:
            self._notices.error(str(error))
            return
        self.templates_changed.emit(self._templates)

    def delete_template(self, template_id: int) -> None:
        try:
            self._services.templates.delete_template(template_id)
            self._templates = tuple(self._services.templates.list_templates())
        except ServiceError as error:
            self._refuse(error)
            return
        self.templates_changed.emit(self._templates)

    def _put(self, marks: Sequence[MarkRecord]) -> None:
        for mark in marks:
            if mark.id is not None:
                self._marks[mark.id] = mark
        self._marks_changed()

    def _marks_changed(self) -> None:
        marks = self.marks
        if self._draft is not None:
            self._draft = replace(
                self._draft,
                charted_areas=charted_areas(marks),
                charted_techniques=charted_techniques(marks),
            )
            if self._baseline is not None:
                self._baseline = replace(
                    self._baseline,
                    charted_areas=self._draft.charted_areas,
                    charted_techniques=self._draft.charted_techniques,
                )
        self.marks_changed.emit(marks)
        if self._draft is not None:
            self.plan_changed.emit(self._draft)
        self.rescreen()

    # --- screening ----------------------------------------------------------------------------

    def rescreen(self, checklist: DayChecklist | None = None) -> None:
        """Screen again once control returns to the event loop: however many things one user
        action changed, it is screened once, off the GUI thread."""
        self._pending_checklist = checklist
        self._screen_timer.start()

    def _screen(self) -> None:
        draft = self._draft
        if draft is None:
            return
        screening = self._services.screening
        checklist = self._pending_checklist
        if draft.id is None:
            work: Callable[[], VisitScreening] = lambda: screening.preview(draft)  # noqa: E731
        else:
            visit_id = draft.id
            plan = None if draft.signed else draft
            work = lambda: screening.screening(visit_id, checklist, plan=plan)  # noqa: E731
        self._runner.submit(work, self._screened, self._screening_failed, kind="screening")

    def _screened(self, screening: VisitScreening) -> None:
        draft = self._draft
        if draft is None or screening.patient_id != draft.patient_id:
            return
        if draft.id is not None and screening.visit_id != draft.id:
            return
        self._screening = screening
        self._checklist_shown = screening.checklist
        self.screening_changed.emit(screening)

    def _screening_failed(self, error: Exception) -> None:
        self._notices.error(self.tr("The safety screening failed: {error}").format(error=error))

    # --- internals ----------------------------------------------------------------------------

    def _visit_id(self) -> int:
        assert self._stored is not None and self._stored.id is not None
        return self._stored.id

    def _require_stored(self) -> int:
        if not self._ensure_stored():
            raise ServiceError(self.tr("The visit could not be stored; see the message."))
        return self._visit_id()

    def _ensure_stored(self) -> bool:
        """Store a new visit on its first edit, keeping the edits as unsaved changes."""
        if self._stored is not None:
            return True
        draft = self._draft
        if draft is None:
            return False
        try:
            stored = self._services.visits.start_or_open_today(draft.patient_id, draft.practitioner)
        except ServiceError as error:
            self._refuse(error)
            return False
        self._stored = stored
        untouched_time = self._baseline is not None and draft.starts_at == self._baseline.starts_at
        self._baseline = replace(
            stored,
            charted_areas=draft.charted_areas,
            charted_techniques=draft.charted_techniques,
        )
        self._draft = replace(
            draft,
            id=stored.id,
            version=stored.version,
            currency=stored.currency,
            status=stored.status,
            starts_at=stored.starts_at if untouched_time else draft.starts_at,
        )
        if stored.status is not VisitStatus.PLANNED or stored.product_lines:
            # another workstation stored today's visit first: show what it holds
            self.record_changed.emit(self._draft)
        self._patient.changed(stored.patient_id)
        return True

    def _write(self, call: Callable[[VisitRecord], VisitRecord], message: str) -> bool:
        draft = self._draft
        if draft is None:
            return False
        if self._problems:
            self._refuse(ValidationFailed(self._problems))
            return False
        try:
            stored = call(draft)
        except ServiceError as error:
            self._refuse(error)
            return False
        self._stored = self._baseline = self._draft = stored
        if stored.signed:
            self._load_stock(stored)
        self.record_changed.emit(stored)
        self._notices.success(message)
        self._patient.changed(stored.patient_id)
        self.rescreen()
        return True

    def _refuse(self, error: ServiceError) -> None:
        if isinstance(error, ValidationFailed):
            self.refused.emit(dict(error.errors))
            self._notices.warning(
                self.tr("Not saved: {reasons}").format(reasons=" ".join(error.errors.values()))
            )
        elif isinstance(error, StaleRecord):
            self._notices.error(str(error), (self.tr("Reload"), self.reload))
        else:
            self._notices.error(str(error))
