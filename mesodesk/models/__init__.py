"""SQLAlchemy tables. Importing the package registers every table on `Base.metadata`."""

from mesodesk.models.base import Base
from mesodesk.models.patient import Patient, PatientSearchTerm

__all__ = ["Base", "Patient", "PatientSearchTerm"]
