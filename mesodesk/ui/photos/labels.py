"""Shown words for photo kinds, views and consent levels, translated in one context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mesodesk.domain.photos import PhotoConsent, PhotoKind, PhotoView


def _tr(text: str) -> str:
    return QCoreApplication.translate("PhotoLabels", text)


def kind_label(kind: PhotoKind) -> str:
    return {
        PhotoKind.BEFORE: _tr("Before"),
        PhotoKind.AFTER: _tr("After"),
        PhotoKind.PROGRESS: _tr("Progress"),
    }[kind]


def view_label(view: PhotoView) -> str:
    return {
        PhotoView.FRONT: _tr("Front"),
        PhotoView.LEFT_45: _tr("Left 45°"),
        PhotoView.LEFT_90: _tr("Left 90°"),
        PhotoView.RIGHT_45: _tr("Right 45°"),
        PhotoView.RIGHT_90: _tr("Right 90°"),
        PhotoView.BACK: _tr("Back"),
    }[view]


def consent_label(level: PhotoConsent | None) -> str:
    if level is None:
        return _tr("No photo consent recorded")
    return {
        PhotoConsent.CLINICAL_ONLY: _tr("Clinical record only"),
        PhotoConsent.SHOW_PATIENT: _tr("May be shown to the patient"),
        PhotoConsent.ANONYMISED: _tr("May be used anonymised for the clinic's materials"),
    }[level]
