"""Writers the kill tests start and SIGKILL: each runs the app's real code in a process of its
own and appends one line to an acknowledgement file after each commit, so the test knows what
the database promised to keep.

Imported by a fork server once, so every writer starts in milliseconds: the caches that are
not part of what is being tested (the schema of each revision) are warmed here.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from mesodesk import migrations
from mesodesk.db import open_database
from mesodesk.domain.patient import PatientCard
from mesodesk.services.registry import build_services

SIGNER = "Kill Test Practitioner"

migrations.tables_by_revision()


def nothing() -> None:
    """Starts the fork server before the rounds are timed."""


def phone_for(edit: int) -> str:
    return f"+7 900 {edit:07d}"


def save_patients(url: str, acks: str, seed: int) -> None:
    """New patients and edits of them, forever; `patient ID EDIT` after each commit."""
    with _reporting(acks):
        database = open_database(url, create=False)
        patients = build_services(database.sessions).patients
        edit = 0
        while True:
            edit += 1
            card = patients.save(
                PatientCard(
                    last_name=f"Killova-{seed}-{edit}",
                    first_name="Ирина",
                    middle_name="Сергеевна",
                    phone=phone_for(edit),
                    notes="x" * (edit % 50),
                )
            )
            _ack(acks, f"patient {card.id} {edit}")
            for _ in range(2):
                edit += 1
                card = patients.save(
                    PatientCard(
                        id=card.id,
                        version=card.version,
                        last_name=card.last_name,
                        first_name=card.first_name,
                        middle_name=card.middle_name,
                        phone=phone_for(edit),
                        notes="y" * (edit % 70),
                    )
                )
                _ack(acks, f"patient {card.id} {edit}")


def sign_visits(url: str, acks: str, visit_ids: list[int]) -> None:
    """Sign the visits one after the other; `signed ID` after each commit."""
    with _reporting(acks):
        database = open_database(url, create=False)
        visits = build_services(database.sessions).visits
        for visit_id in visit_ids:
            visit = visits.get(visit_id)
            if visit.signed_at is not None:
                continue
            visits.sign(replace(visit, practitioner=SIGNER))
            _ack(acks, f"signed {visit_id}")


def upgrade(url: str, acks: str) -> None:
    """Open (and so upgrade) an older database; `opened` when done."""
    with _reporting(acks):
        open_database(url, create=False).close()
        _ack(acks, "opened")


def create(url: str, acks: str) -> None:
    """Create a new database; `created` when done."""
    with _reporting(acks):
        open_database(url, create=True).close()
        _ack(acks, "created")


def prepare_visits(url: str, count: int) -> list[int]:
    """Done, unsigned visits ready for signing."""
    database = open_database(url)
    services = build_services(database.sessions)
    when = (datetime.now() - timedelta(days=1)).replace(microsecond=0).astimezone()
    ids: list[int] = []
    try:
        patient = services.patients.save(PatientCard(last_name="Подписова", first_name="Анна"))
        assert patient.id is not None
        for index in range(count):
            visit = services.visits.start_visit(
                patient.id, starts_at=when - timedelta(minutes=index), practitioner="Kill"
            )
            assert visit.id is not None
            services.visits.mark_done(visit)
            ids.append(visit.id)
    finally:
        database.close()
    return ids


def _ack(acks: str, line: str) -> None:
    handle = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(handle, (line + "\n").encode())
    finally:
        os.close(handle)


@contextmanager
def _reporting(acks: str) -> Iterator[None]:
    """An unexpected error in a writer is written beside the acknowledgements for the test."""
    try:
        yield
    except BaseException as error:
        errors = Path(acks).with_suffix(".errors")
        errors.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        raise
