"""Users, roles and sign-in, enforced by the services themselves, on both engines."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mesodesk.domain.anamnesis import Anamnesis
from mesodesk.domain.users import Role
from mesodesk.services.access import SIGN_IN_FIRST, Access
from mesodesk.services.errors import AccessDenied, ServiceError, ValidationFailed
from mesodesk.services.registry import Services, build_services
from mesodesk.services.users import WrongPassword
from tests.integration.safety_helpers import add_patient

PASSWORD = "correct horse 1"


def _clinic(database) -> tuple[int, int]:
    """A patient with an anamnesis and a visit with notes, made before any user exists."""
    services = build_services(database.sessions)
    patient = add_patient(services, anamnesis=Anamnesis(keloid_tendency=True))
    visit = services.visits.start_visit(patient.id, practitioner="Dr Petrova")
    services.visits.save(replace(visit, notes="papules faded in two days"))
    services.users.add("anna", Role.PRACTITIONER, PASSWORD)  # the first user: anyone adds it
    command_line = build_services(database.sessions, Access.command_line())
    command_line.users.add("rita", Role.RECEPTION, PASSWORD)
    return patient.id, visit.id or 0


def _window(database, name: str) -> Services:
    """Another window on the same database, signed in as `name`."""
    services = build_services(database.sessions)
    services.users.sign_in(name, PASSWORD)
    return services


def test_reception_is_refused_anamnesis_notes_documents_and_export(database):
    patient_id, visit_id = _clinic(database)
    reception = _window(database, "rita")

    refused = [
        lambda: reception.anamnesis.get(patient_id),
        lambda: reception.visits.get(visit_id),
        lambda: reception.visits.list_for_patient(patient_id),
        lambda: reception.marks.list_for_visit(visit_id),
        lambda: reception.documents.pdf("consent", visit_id),
        lambda: reception.export.export_patient(patient_id),
        lambda: reception.anamnesis.save(reception.anamnesis.get(patient_id)),
    ]
    for call in refused:
        with pytest.raises(AccessDenied, match="reception"):
            call()
    card = reception.patients.get(patient_id)  # the contact data and the list stay open
    assert card.last_name == "Иванова"
    assert [row.id for row in reception.patients.search("Иван")] == [patient_id]


def test_a_practitioner_reads_what_reception_may_not(database):
    patient_id, visit_id = _clinic(database)
    practitioner = _window(database, "anna")
    assert practitioner.anamnesis.get(patient_id).anamnesis.keloid_tendency
    assert practitioner.visits.get(visit_id).notes == "papules faded in two days"
    assert practitioner.documents.pdf("consent", visit_id).startswith(b"%PDF")


def test_nobody_signed_in_is_refused_once_users_exist(database):
    patient_id, _ = _clinic(database)
    window = build_services(database.sessions)
    with pytest.raises(AccessDenied, match=SIGN_IN_FIRST):
        window.patients.get(patient_id)
    with pytest.raises(AccessDenied):
        window.anamnesis.get(patient_id)


def test_a_practice_without_users_keeps_every_right(database):
    services = build_services(database.sessions)
    patient = add_patient(services, anamnesis=Anamnesis(keloid_tendency=True))
    assert not services.users.any_users()
    assert services.anamnesis.get(patient.id).anamnesis.keloid_tendency


def test_a_wrong_password_or_name_is_refused_without_saying_which(database):
    _clinic(database)
    window = build_services(database.sessions)
    for name, password in (("anna", "wrong password"), ("nobody", PASSWORD)):
        with pytest.raises(WrongPassword, match="name or the password is wrong"):
            window.users.sign_in(name, password)
    assert window.access.user is None


def test_a_disabled_account_is_refused_from_its_next_action(database):
    patient_id, _ = _clinic(database)
    practitioner = _window(database, "anna")
    build_services(database.sessions, Access.command_line()).users.set_disabled("anna")
    with pytest.raises(AccessDenied, match="disabled"):
        practitioner.anamnesis.get(patient_id)
    with pytest.raises(WrongPassword):
        build_services(database.sessions).users.sign_in("anna", PASSWORD)


def test_passwords_are_stored_as_argon2_hashes_only(database):
    _clinic(database)
    with database.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT password_hash FROM users").scalars().all()
    assert all(value.startswith("$argon2id$") and PASSWORD not in value for value in stored)


def test_reception_cannot_add_users_and_short_passwords_are_refused(database):
    _clinic(database)
    reception = _window(database, "rita")
    with pytest.raises(AccessDenied):
        reception.users.add("mallory", Role.ADMINISTRATOR, PASSWORD)
    with pytest.raises(ValidationFailed):
        build_services(database.sessions, Access.command_line()).users.add(
            "bob", Role.RECEPTION, "short"
        )


def test_signing_uses_the_signed_in_user_not_the_typed_name(database):
    services = build_services(database.sessions)
    patient = add_patient(services)
    services.users.add("anna", Role.PRACTITIONER, PASSWORD)
    practitioner = _window(database, "anna")
    visit = practitioner.visits.start_visit(patient.id, practitioner="someone typed")
    done = practitioner.visits.mark_done(visit)
    signed = practitioner.visits.sign(replace(done, practitioner="someone else"))
    assert signed.signed_by == "anna"


def test_reception_cannot_restore_a_backup(sqlite_db, tmp_path):
    from mesodesk.services.backup import BackupService, RestoreRefused

    _clinic(sqlite_db)
    reception = _window(sqlite_db, "rita")
    made = BackupService.for_database(sqlite_db, access=reception.access).backup_now()
    restoring = BackupService.for_database(sqlite_db, access=reception.access)
    with pytest.raises(RestoreRefused, match="nothing was restored"):
        restoring.restore(made.path)


def test_the_last_administrator_is_neither_disabled_nor_demoted_and_nothing_changes(database):
    setup = build_services(database.sessions, Access.command_line())
    setup.users.add("olga", Role.ADMINISTRATOR, PASSWORD)
    setup.users.add("anna", Role.PRACTITIONER, PASSWORD)
    admin = _window(database, "olga")
    with pytest.raises(ServiceError, match="signed in with"):
        admin.users.set_disabled("olga")
    with pytest.raises(ServiceError, match="last active administrator"):
        admin.users.set_role("olga", Role.PRACTITIONER)
    with pytest.raises(ServiceError, match="last active administrator"):
        setup.users.set_disabled("olga")
    assert [(u.name, u.role, u.disabled) for u in setup.users.list_users()] == [
        ("anna", Role.PRACTITIONER, False),
        ("olga", Role.ADMINISTRATOR, False),
    ]
    admin.users.set_role("anna", Role.ADMINISTRATOR)
    admin.users.set_role("olga", Role.RECEPTION)  # another administrator remains
    assert {u.name: u.role for u in setup.users.list_users()}["olga"] is Role.RECEPTION


def test_a_practitioner_cannot_change_roles(database):
    setup = build_services(database.sessions, Access.command_line())
    setup.users.add("anna", Role.PRACTITIONER, PASSWORD)
    setup.users.add("rita", Role.RECEPTION, PASSWORD)
    with pytest.raises(AccessDenied):
        _window(database, "anna").users.set_role("rita", Role.ADMINISTRATOR)
    assert {u.name: u.role for u in setup.users.list_users()}["rita"] is Role.RECEPTION


def test_the_only_active_user_if_an_administrator_is_not_demoted(database):
    setup = build_services(database.sessions, Access.command_line())
    setup.users.add("olga", Role.ADMINISTRATOR, PASSWORD)
    with pytest.raises(ServiceError, match="last active administrator"):
        setup.users.set_role("olga", Role.PRACTITIONER)
    assert setup.users.list_users()[0].role is Role.ADMINISTRATOR
