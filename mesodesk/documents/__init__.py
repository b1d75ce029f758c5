"""PDF documents built with reportlab from plain data: no Qt, no database, safe in a worker thread.

The service layer fills the dataclasses of `model` and calls a builder, which returns PDF bytes.
The builders (and reportlab, ~130 ms to import) load on first use, so starting the app or a
command that prints nothing never pays for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mesodesk.documents.naming import file_name
from mesodesk.documents.texts import clinic_texts_dir, load_texts

if TYPE_CHECKING:
    from reportlab.platypus.doctemplate import LayoutError

    from mesodesk.documents.aftercare import build_aftercare, build_mesoscooter_care
    from mesodesk.documents.consent import build_consent
    from mesodesk.documents.visit_summary import build_visit_summary

_LAZY = {
    "LayoutError": "reportlab.platypus.doctemplate",
    "build_aftercare": "mesodesk.documents.aftercare",
    "build_mesoscooter_care": "mesodesk.documents.aftercare",
    "build_consent": "mesodesk.documents.consent",
    "build_visit_summary": "mesodesk.documents.visit_summary",
}

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
