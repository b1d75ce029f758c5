"""The audit trail's hash chain, over plain data so it is checked the same everywhere.

Each entry's hash is sha256 over the previous entry's hash and this entry's own content, and
entries are numbered without gaps: changing an entry breaks its own hash, removing one breaks
the link (or the numbering) of the entry after it. The log holds field NAMES only, never values.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64
"""The "previous hash" of the first entry."""


class AuditAction:
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    SIGN = "sign"
    OVERRIDE = "override"
    EXPORT = "export"
    PRINT = "print"
    BACKUP = "backup"
    RESTORE = "restore"


@dataclass(frozen=True)
class AuditEvent:
    """What a service did, before it is numbered and chained."""

    action: str
    record_type: str
    record_id: int | None = None
    patient_id: int | None = None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: datetime
    actor: str
    action: str
    record_type: str
    record_id: int | None
    patient_id: int | None
    fields: tuple[str, ...]
    previous_hash: str
    entry_hash: str


def entry_hash(
    previous_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    event: AuditEvent,
) -> str:
    content = json.dumps(
        [
            seq,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            actor,
            event.action,
            event.record_type,
            event.record_id,
            event.patient_id,
            list(event.fields),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((previous_hash + content).encode("utf-8")).hexdigest()


def fields_text(fields: Iterable[str]) -> str:
    return ",".join(fields)


def fields_of(text: str) -> tuple[str, ...]:
    return tuple(name for name in text.split(",") if name)


def first_broken(records: Iterable[AuditRecord]) -> tuple[int, str] | None:
    """(seq, why) of the first entry that was altered or follows a removed one; None if whole."""
    previous = GENESIS
    expected_seq = 1
    for record in records:
        if record.seq != expected_seq:
            return record.seq, (
                f"entries {expected_seq} to {record.seq - 1} are missing (removed)"
                if record.seq > expected_seq
                else "its number repeats an earlier entry"
            )
        if record.previous_hash != previous:
            return record.seq, "the entry before it was removed or altered (the chain link differs)"
        event = AuditEvent(
            record.action, record.record_type, record.record_id, record.patient_id, record.fields
        )
        if entry_hash(previous, record.seq, record.at, record.actor, event) != record.entry_hash:
            return record.seq, "its content was altered (its hash does not match)"
        previous = record.entry_hash
        expected_seq += 1
    return None
