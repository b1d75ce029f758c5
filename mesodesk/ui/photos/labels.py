"""Shown words for photo kinds, views and consent levels, translated in one context.

Each text is a literal `QCoreApplication.translate("PhotoLabels", ...)` call so that lupdate
extracts it; a helper of our own would hide them from the .ts file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mesodesk.domain.photos import PhotoConsent
from mesodesk.ui.photo_names import kind_label, view_label

__all__ = ["consent_label", "kind_label", "view_label"]


def consent_label(level: PhotoConsent | None) -> str:
    if level is None:
        return QCoreApplication.translate("PhotoLabels", "No photo consent recorded")
    return {
        PhotoConsent.CLINICAL_ONLY: QCoreApplication.translate(
            "PhotoLabels", "Clinical record only"
        ),
        PhotoConsent.SHOW_PATIENT: QCoreApplication.translate(
            "PhotoLabels", "May be shown to the patient"
        ),
        PhotoConsent.ANONYMISED: QCoreApplication.translate(
            "PhotoLabels", "May be used anonymised for the clinic's materials"
        ),
    }[level]
