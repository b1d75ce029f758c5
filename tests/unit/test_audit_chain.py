"""The audit chain over plain data: whole, altered, removed, reordered."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from mesodesk.domain.audit import GENESIS, AuditEvent, AuditRecord, entry_hash, first_broken
from mesodesk.domain.users import Permission, Role, allows

START = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


def _chain(count: int) -> list[AuditRecord]:
    records, previous = [], GENESIS
    for seq in range(1, count + 1):
        event = AuditEvent("update", "visits", seq, 7, ("notes", "price_minor"))
        at = START + timedelta(seconds=seq)
        digest = entry_hash(previous, seq, at, "anna", event)
        records.append(
            AuditRecord(seq, at, "anna", "update", "visits", seq, 7, event.fields, previous, digest)
        )
        previous = digest
    return records


def test_a_whole_chain_has_no_broken_entry():
    assert first_broken(_chain(5)) is None
    assert first_broken([]) is None


def test_an_altered_field_name_actor_or_time_breaks_that_entry():
    for change in ({"fields": ("notes",)}, {"actor": "rita"}, {"at": START}):
        records = _chain(5)
        records[2] = replace(records[2], **change)
        assert first_broken(records) == (3, "its content was altered (its hash does not match)")


def test_a_removed_entry_is_named_by_the_next_one():
    records = _chain(5)
    del records[1]
    assert first_broken(records) == (3, "entries 2 to 2 are missing (removed)")


def test_a_renumbered_chain_still_shows_the_removal():
    records = _chain(5)
    del records[1]
    records = [replace(r, seq=i) for i, r in enumerate(records, start=1)]
    broken = first_broken(records)
    assert broken is not None and broken[0] == 2 and "chain link" in broken[1]


def test_reception_holds_the_list_and_the_schedule_only():
    assert allows(Role.RECEPTION, Permission.PATIENTS)
    assert allows(Role.RECEPTION, Permission.SCHEDULE)
    assert not allows(Role.RECEPTION, Permission.CLINICAL)
    assert not allows(Role.PRACTITIONER, Permission.USERS)
    assert all(allows(Role.ADMINISTRATOR, p) for p in Permission)
