"""All services of one open database, built once and handed to the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from mesodesk.services.patients import PatientService


@dataclass(frozen=True)
class Services:
    patients: PatientService


def build_services(sessions: sessionmaker[Session]) -> Services:
    return Services(patients=PatientService(sessions))
