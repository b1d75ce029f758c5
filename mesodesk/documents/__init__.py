"""PDF documents built with reportlab from plain data: no Qt, no database, safe in a worker thread.

The service layer fills the dataclasses of `model` and calls a builder, which returns PDF bytes.
"""

from reportlab.platypus.doctemplate import LayoutError

from mesodesk.documents.aftercare import build_aftercare, build_mesoscooter_care
from mesodesk.documents.consent import build_consent
from mesodesk.documents.naming import file_name
from mesodesk.documents.texts import clinic_texts_dir, load_texts
from mesodesk.documents.visit_summary import build_visit_summary

__all__ = [
    "LayoutError",
    "build_aftercare",
    "build_consent",
    "build_mesoscooter_care",
    "build_visit_summary",
    "clinic_texts_dir",
    "file_name",
    "load_texts",
]
