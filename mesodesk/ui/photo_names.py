"""Shown words for a photo's kind and view, shared by the photos pane and the chart (which
shows marks placed on a photo), in the one translation context "PhotoLabels".

Each text is a literal `QCoreApplication.translate("PhotoLabels", ...)` call so that lupdate
extracts it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mesodesk.domain.photos import PhotoKind, PhotoView


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


def photo_title(kind: PhotoKind, view: PhotoView) -> str:
    """A photo as the chart names it: "Photo: Before · Front"."""
    return QCoreApplication.translate("PhotoLabels", "Photo: {kind} · {view}").format(
        kind=kind_label(kind), view=view_label(view)
    )
