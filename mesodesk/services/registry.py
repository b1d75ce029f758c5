"""All services of one open database, built once and handed to the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from mesodesk.services.anamnesis import AnamnesisService
from mesodesk.services.catalog import CatalogService
from mesodesk.services.courses import CourseService
from mesodesk.services.documents import DocumentService
from mesodesk.services.export import ExportService
from mesodesk.services.marks import MarkService
from mesodesk.services.patients import PatientService
from mesodesk.services.screening import ScreeningService
from mesodesk.services.settings import ClinicSettingsService
from mesodesk.services.visits import VisitService


@dataclass(frozen=True)
class Services:
    patients: PatientService
    documents: DocumentService
    marks: MarkService
    visits: VisitService
    export: ExportService
    catalog: CatalogService
    courses: CourseService
    settings: ClinicSettingsService
    anamnesis: AnamnesisService
    screening: ScreeningService


def build_services(sessions: sessionmaker[Session]) -> Services:
    anamnesis = AnamnesisService(sessions)
    catalog = CatalogService(sessions)
    marks = MarkService(sessions)
    screening = ScreeningService(sessions, anamnesis, catalog)
    services = Services(
        patients=PatientService(sessions),
        documents=DocumentService(
            sessions, marks=marks, anamnesis=anamnesis, screening=screening.screening
        ),
        marks=marks,
        visits=VisitService(sessions),
        export=ExportService(sessions),
        catalog=catalog,
        courses=CourseService(sessions),
        settings=ClinicSettingsService(sessions),
        anamnesis=anamnesis,
        screening=screening,
    )
    services.screening.finding_sources.append(services.marks.depth_findings)
    services.visits.go_ahead_checks.append(services.screening.require_overrides)
    return services
