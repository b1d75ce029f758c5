"""All services of one open database, built once and handed to the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from mesodesk.services.access import Access
from mesodesk.services.anamnesis import AnamnesisService
from mesodesk.services.catalog import CatalogService
from mesodesk.services.courses import CourseService
from mesodesk.services.demo_scale import DemoClinicService
from mesodesk.services.documents import DocumentService
from mesodesk.services.export import ExportService
from mesodesk.services.first_run import FirstRunService
from mesodesk.services.marks import MarkService, chart_findings
from mesodesk.services.patients import PatientService
from mesodesk.services.photos import PhotoService
from mesodesk.services.rules import ClinicRulesService
from mesodesk.services.screening import ScreeningService
from mesodesk.services.settings import ClinicSettingsService
from mesodesk.services.templates import ChartTemplateService
from mesodesk.services.users import UserService
from mesodesk.services.visit_opening import VisitOpeningService
from mesodesk.services.visits import VisitService


@dataclass(frozen=True)
class Services:
    access: Access
    patients: PatientService
    documents: DocumentService
    marks: MarkService
    visits: VisitService
    visit_opening: VisitOpeningService
    export: ExportService
    catalog: CatalogService
    courses: CourseService
    settings: ClinicSettingsService
    anamnesis: AnamnesisService
    screening: ScreeningService
    templates: ChartTemplateService
    users: UserService
    demo: DemoClinicService
    rules: ClinicRulesService
    photos: PhotoService
    first_run: FirstRunService


def build_services(sessions: sessionmaker[Session], access: Access | None = None) -> Services:
    """Every service with its collaborators, the signing policy and one shared `access` (the
    user signed in to this window or command; nobody by default)."""
    access = access if access is not None else Access()
    settings = ClinicSettingsService(sessions, access)
    rules = ClinicRulesService(sessions, access=access)
    anamnesis = AnamnesisService(
        sessions,
        catalog=rules.catalog,
        medicines=rules.medicines,
        access=access,
        rules_in=rules.safety_rules_in,
    )
    marks = MarkService(sessions, access)
    screening = ScreeningService(
        sessions,
        catalog=rules.catalog,
        chart=chart_findings,
        medicines=rules.medicines,
        access=access,
        rules_in=rules.safety_rules_in,
    )
    catalog = CatalogService(sessions, access=access)
    photos = PhotoService(sessions, access)
    return Services(
        access=access,
        patients=PatientService(sessions, access),
        documents=DocumentService(
            sessions,
            marks=marks,
            anamnesis=anamnesis,
            screening=screening.screening,
            catalog=lambda: rules.catalog().items,
            texts=rules.text_overrides,
            access=access,
            photos=photos,
        ),
        marks=marks,
        visits=VisitService(sessions, settings, go_ahead=screening.go_ahead, access=access),
        visit_opening=VisitOpeningService(sessions, access, screening),
        export=ExportService(sessions, access, photos),
        catalog=catalog,
        courses=CourseService(sessions, access),
        settings=settings,
        anamnesis=anamnesis,
        screening=screening,
        templates=ChartTemplateService(sessions, access),
        users=UserService(sessions, access),
        demo=DemoClinicService(sessions, catalog),
        rules=rules,
        photos=photos,
        first_run=FirstRunService(sessions, access),
    )
