"""All services of one open database, built once and handed to the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from mesodesk.services.anamnesis import AnamnesisService
from mesodesk.services.catalog import CatalogService
from mesodesk.services.courses import CourseService
from mesodesk.services.documents import DocumentService
from mesodesk.services.export import ExportService
from mesodesk.services.first_run import FirstRunService
from mesodesk.services.marks import MarkService, chart_findings
from mesodesk.services.patients import PatientService
from mesodesk.services.screening import ScreeningService
from mesodesk.services.settings import ClinicSettingsService
from mesodesk.services.templates import ChartTemplateService
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
    templates: ChartTemplateService
    first_run: FirstRunService


def build_services(sessions: sessionmaker[Session]) -> Services:
    """Every service with its collaborators and the signing policy given at construction."""
    settings = ClinicSettingsService(sessions)
    anamnesis = AnamnesisService(sessions)
    marks = MarkService(sessions)
    screening = ScreeningService(sessions, chart=chart_findings)
    return Services(
        patients=PatientService(sessions),
        documents=DocumentService(
            sessions, marks=marks, anamnesis=anamnesis, screening=screening.screening
        ),
        marks=marks,
        visits=VisitService(sessions, settings, go_ahead=screening.go_ahead),
        export=ExportService(sessions),
        catalog=CatalogService(sessions),
        courses=CourseService(sessions),
        settings=settings,
        anamnesis=anamnesis,
        screening=screening,
        templates=ChartTemplateService(sessions),
        first_run=FirstRunService(sessions),
    )
