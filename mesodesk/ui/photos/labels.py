"""Shown words for photo kinds, views and consent levels, translated in one context.

Each text is a literal `QCoreApplication.translate("PhotoLabels", ...)` call so that lupdate
extracts it; a helper of our own would hide them from the .ts file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mesodesk.domain.photos import PhotoConsent, PhotoKind, PhotoView


def kind_label(kind: PhotoKind) -> str:
    return {
        PhotoKind.BEFORE: QCoreApplication.translate("PhotoLabels", "Before"),
        PhotoKind.AFTER: QCoreApplication.translate("PhotoLabels", "After"),
        PhotoKind.PROGRESS: QCoreApplication.translate("PhotoLabels", "Progress"),
    }[kind]


def view_label(view: PhotoView) -> str:
    return {
        PhotoView.FRONT: QCoreApplication.translate("PhotoLabels", "Front"),
        PhotoView.LEFT_45: QCoreApplication.translate("PhotoLabels", "Left 45°"),
        PhotoView.LEFT_90: QCoreApplication.translate("PhotoLabels", "Left 90°"),
        PhotoView.RIGHT_45: QCoreApplication.translate("PhotoLabels", "Right 45°"),
        PhotoView.RIGHT_90: QCoreApplication.translate("PhotoLabels", "Right 90°"),
        PhotoView.BACK: QCoreApplication.translate("PhotoLabels", "Back"),
    }[view]


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
