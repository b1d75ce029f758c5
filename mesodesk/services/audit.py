"""The audit trail, written in the same transaction as what it records.

Every write transaction of a service is watched (`AuditLog.watch`): after each flush the rows
created, changed or deleted become entries naming the table, the record, its patient and the
changed field NAMES. A signature, an override, an export, a printed document, a backup and a
restore are recorded by the service that does them (`AuditLog.record`). Appending takes a lock
(the write lock on SQLite, an advisory lock on PostgreSQL) so the chain has no forks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, text
from sqlalchemy.orm import Session, UOWTransaction

from mesodesk.domain.audit import (
    GENESIS,
    AuditAction,
    AuditEvent,
    AuditRecord,
    entry_hash,
    fields_of,
    fields_text,
    first_broken,
)
from mesodesk.models import AuditEntry, Patient, User, Visit, VisitOverride
from mesodesk.models.base import utcnow

UNRECORDED_TABLES = frozenset({"audit_entries", "patient_search_terms"})
"""The log itself, and a search index derived from the card (its changes are the card's)."""
UNRECORDED_FIELDS = frozenset({"version", "updated_at"})
_ACTOR_LIMIT = 120
AUDIT_LOCK = "mesodesk-audit"
"""PostgreSQL advisory lock held while an entry is chained (SQLite's write lock does this)."""


class AuditLog:
    """Appends to and reads the chain; holds no state of its own."""

    def watch(self, session: Session, actor: Any) -> None:
        """Record every row this write transaction creates, changes or deletes.

        `actor` is called at flush time, so the name is the one of whoever is signed in then.
        """

        def after_flush(flushed: Session, _context: UOWTransaction) -> None:
            events = list(_row_events(flushed))
            if events:
                self.record_all(flushed.connection(), actor(), events)

        event.listen(session, "after_flush", after_flush)

    def record(self, session: Session, actor: str, audit_event: AuditEvent) -> None:
        self.record_all(session.connection(), actor, [audit_event])

    def record_all(self, connection: Connection, actor: str, events: Sequence[AuditEvent]) -> None:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": AUDIT_LOCK}
            )
        last = connection.execute(
            select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        seq, previous = (last[0], last[1]) if last is not None else (0, GENESIS)
        who = actor[:_ACTOR_LIMIT]
        rows = []
        for item in events:
            seq += 1
            at = utcnow()
            digest = entry_hash(previous, seq, at, who, item)
            rows.append(
                {
                    "seq": seq,
                    "at": at,
                    "actor": who,
                    "action": item.action,
                    "record_type": item.record_type,
                    "record_id": item.record_id,
                    "patient_id": item.patient_id,
                    "fields": fields_text(item.fields),
                    "previous_hash": previous,
                    "entry_hash": digest,
                }
            )
            previous = digest
        connection.execute(insert(AuditEntry), rows)

    def entries(self, session: Session, patient_id: int | None = None) -> list[AuditRecord]:
        statement = select(AuditEntry).order_by(AuditEntry.seq)
        if patient_id is not None:
            statement = statement.where(AuditEntry.patient_id == patient_id)
        return [_record(row) for row in session.scalars(statement)]

    def first_broken(self, session: Session) -> tuple[int, str] | None:
        return first_broken(self.entries(session))


def _record(row: AuditEntry) -> AuditRecord:
    return AuditRecord(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        record_type=row.record_type,
        record_id=row.record_id,
        patient_id=row.patient_id,
        fields=fields_of(row.fields),
        previous_hash=row.previous_hash,
        entry_hash=row.entry_hash,
    )


def _row_events(session: Session) -> Iterable[AuditEvent]:
    visit_patients: dict[int, int | None] = {}
    for obj in list(session.new):
        if _table(obj) in UNRECORDED_TABLES:
            continue
        action = AuditAction.OVERRIDE if isinstance(obj, VisitOverride) else AuditAction.CREATE
        names = [
            attr.key
            for attr in inspect(obj).mapper.column_attrs
            if attr.key not in UNRECORDED_FIELDS and getattr(obj, attr.key) is not None
        ]
        yield _event(session, obj, action, names, visit_patients)
    for obj in list(session.dirty):
        if _table(obj) in UNRECORDED_TABLES:
            continue
        state = inspect(obj)
        names = [
            attr.key
            for attr in state.mapper.column_attrs
            if attr.key not in UNRECORDED_FIELDS and state.attrs[attr.key].history.has_changes()
        ]
        if not names:
            continue
        action = (
            AuditAction.SIGN
            if isinstance(obj, Visit) and "signed_at" in names
            else AuditAction.UPDATE
        )
        yield _event(session, obj, action, names, visit_patients)
    for obj in list(session.deleted):
        if _table(obj) not in UNRECORDED_TABLES:
            yield _event(session, obj, AuditAction.DELETE, [], visit_patients)


def _table(obj: object) -> str:
    return str(inspect(obj).mapper.local_table.name)


def _event(
    session: Session,
    obj: object,
    action: str,
    names: list[str],
    visit_patients: dict[int, int | None],
) -> AuditEvent:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    record_id = key[0] if len(key) == 1 else None
    if isinstance(obj, User) and "password_hash" in names:
        names = ["password" if name == "password_hash" else name for name in names]
    return AuditEvent(
        action,
        _table(obj),
        record_id if isinstance(record_id, int) else None,
        patient_of(session, obj, visit_patients),
        tuple(names),
    )


def patient_of(session: Session, obj: object, cache: dict[int, int | None]) -> int | None:
    """The patient a row belongs to: the card itself, its `patient_id`, or its visit's."""
    if isinstance(obj, Patient):
        return obj.id
    patient_id = getattr(obj, "patient_id", None)
    if isinstance(patient_id, int):
        return patient_id
    visit_id = getattr(obj, "visit_id", None)
    if isinstance(visit_id, int):
        return visit_patient(session, visit_id, cache)
    return None


def visit_patient(session: Session, visit_id: int, cache: dict[int, int | None]) -> int | None:
    if visit_id not in cache:
        cache[visit_id] = session.connection().scalar(
            select(Visit.patient_id).where(Visit.id == visit_id)
        )
    return cache[visit_id]
