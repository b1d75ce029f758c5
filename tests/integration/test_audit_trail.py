"""The audit trail: every write recorded in its own transaction, field names only, and a
hash chain that shows an altered or a removed entry, on both engines."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from mesodesk.domain.anamnesis import Anamnesis
from mesodesk.domain.safety_records import PatientAnamnesisRecord, is_unresolved
from mesodesk.domain.users import Role
from mesodesk.services.access import Access
from mesodesk.services.backup import BackupService
from mesodesk.services.errors import AccessDenied
from mesodesk.services.registry import build_services
from tests.integration.safety_helpers import add_patient

PASSWORD = "correct horse 1"
NOTES = "papules faded in two days"


def _recorded(database) -> tuple[int, int]:
    services = build_services(database.sessions)
    services.users.add("anna", Role.PRACTITIONER, PASSWORD)
    services.users.sign_in("anna", PASSWORD)
    patient = add_patient(services, anamnesis=Anamnesis(keloid_tendency=True))
    visit = services.visits.start_visit(patient.id)
    saved = services.visits.save(replace(visit, notes=NOTES))
    screening = services.screening.screening(saved.id or 0)
    for finding in screening.findings:
        if is_unresolved(finding, screening.overrides):
            made = services.screening.record_override(saved.id or 0, finding, "tested", "typed")
            assert made.decided_by == "anna"
    services.visits.sign(services.visits.mark_done(saved))
    services.documents.pdf("consent", saved.id or 0)
    return patient.id, saved.id or 0


def _audit(database):
    return build_services(database.sessions, Access.command_line()).users


def test_writes_signatures_prints_and_exports_are_recorded_with_who_and_field_names(database):
    patient_id, visit_id = _recorded(database)
    services = build_services(database.sessions)
    services.users.sign_in("anna", PASSWORD)
    exported = services.export.export_patient(patient_id)

    entries = _audit(database).audit(patient_id)
    done = {(e.action, e.record_type) for e in entries}
    assert {
        ("create", "patients"),
        ("create", "patient_anamnesis"),
        ("create", "visits"),
        ("update", "visits"),
        ("sign", "visits"),
        ("override", "visit_overrides"),
        ("print", "visits"),
        ("export", "patients"),
    } <= done
    assert {e.actor for e in entries} == {"anna"}
    notes_update = next(e for e in entries if e.action == "update" and "notes" in e.fields)
    assert notes_update.record_id == visit_id
    stored = "\n".join(repr(e) for e in entries)
    assert NOTES not in stored and "Иванова" not in stored  # names of fields, never values
    assert [e["action"] for e in exported["audit"]][-1] == "export"
    assert _audit(database).audit_broken() is None


def test_an_altered_entry_is_named(database):
    _recorded(database)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE audit_entries SET actor = 'someone' WHERE seq = 3"))
    assert _audit(database).audit_broken() == (
        3,
        "its content was altered (its hash does not match)",
    )


def test_a_removed_entry_is_named_by_the_entry_after_it(database):
    _recorded(database)
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entries WHERE seq = 4"))
    broken = _audit(database).audit_broken()
    assert broken is not None and broken[0] == 5 and "missing" in broken[1]


def test_a_removed_and_renumbered_entry_still_breaks_the_chain(database):
    _recorded(database)
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entries WHERE seq = 2"))
        connection.execute(text("UPDATE audit_entries SET seq = seq - 1 WHERE seq > 2"))
    broken = _audit(database).audit_broken()
    assert broken is not None and broken[0] == 2 and "chain link" in broken[1]


def test_a_refused_write_leaves_no_entry(database):
    services = build_services(database.sessions)
    patient = add_patient(services)
    before = len(_audit(database).audit())
    services.users.add("rita", Role.RECEPTION, PASSWORD)
    services.users.sign_in("rita", PASSWORD)
    with pytest.raises(AccessDenied):  # refused before anything is written
        services.anamnesis.save(PatientAnamnesisRecord(patient.id, Anamnesis(pregnant=True)))
    assert len(_audit(database).audit()) == before + 1  # only the user added


def test_a_backup_is_recorded(sqlite_db):
    services = build_services(sqlite_db.sessions)
    add_patient(services)
    BackupService.for_database(sqlite_db, access=Access(account="anna's desk")).backup_now()
    last = _audit(sqlite_db).audit()[-1]
    assert (last.action, last.record_type, last.actor) == ("backup", "database", "anna's desk")
    assert _audit(sqlite_db).audit_broken() is None
