"""SQLAlchemy tables. Importing the package registers every table on `Base.metadata`."""

from mesodesk.models.anamnesis import (
    PatientAllergy,
    PatientAnamnesis,
    PatientCondition,
    PatientMedication,
)
from mesodesk.models.base import Base
from mesodesk.models.catalog import (
    Cocktail,
    CocktailLine,
    Ingredient,
    Lot,
    Product,
    ProductIngredient,
)
from mesodesk.models.marks import ChartTemplate, InjectionMark
from mesodesk.models.patient import Patient, PatientSearchTerm
from mesodesk.models.photos import PatientPhotoConsent, VisitPhoto
from mesodesk.models.rules import ClinicRule
from mesodesk.models.settings import ClinicSetting
from mesodesk.models.users import AuditEntry, User
from mesodesk.models.visit import (
    Course,
    Visit,
    VisitAddendum,
    VisitOverride,
    VisitProductLine,
    VisitReaction,
)

__all__ = [
    "AuditEntry",
    "Base",
    "ChartTemplate",
    "ClinicRule",
    "ClinicSetting",
    "Cocktail",
    "CocktailLine",
    "Course",
    "Ingredient",
    "InjectionMark",
    "Lot",
    "Patient",
    "PatientAllergy",
    "PatientAnamnesis",
    "PatientCondition",
    "PatientMedication",
    "PatientPhotoConsent",
    "PatientSearchTerm",
    "Product",
    "ProductIngredient",
    "User",
    "Visit",
    "VisitAddendum",
    "VisitOverride",
    "VisitPhoto",
    "VisitProductLine",
    "VisitReaction",
]
