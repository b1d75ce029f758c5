"""Clinical photos of a visit and the patient's photo consent, as plain records and rules.

A photo is clinical record first: it is always kept with the visit. Whether it may leave the
clinical record (a printed sheet, an export) is the patient's written consent, decided here
once so the print path and the export path cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

NOTE_MAX = 500
"""Longest photo note, in characters."""
MAX_FILE_BYTES = 80 * 1024 * 1024
"""A larger file is refused before it is read (no camera writes a photo this big)."""
MAX_PIXELS = 120_000_000
"""A larger picture is refused rather than decoded (a decompression bomb, not a photo)."""
PHOTO_SUFFIXES = ("jpg", "png")
"""The kinds of file a stored photo is (HEIC is stored as JPEG)."""


class PhotoKind(StrEnum):
    BEFORE = "before"
    AFTER = "after"
    PROGRESS = "progress"

    def label(self) -> str:
        return self.value.capitalize()


class PhotoView(StrEnum):
    """Where the camera stood, as the standard series of aesthetic photography names it."""

    FRONT = "front"
    LEFT_45 = "left-45"
    LEFT_90 = "left-90"
    RIGHT_45 = "right-45"
    RIGHT_90 = "right-90"
    BACK = "back"

    def label(self) -> str:
        return _VIEW_LABELS[self]


_VIEW_LABELS = {
    PhotoView.FRONT: "Front",
    PhotoView.LEFT_45: "Left 45°",
    PhotoView.LEFT_90: "Left 90°",
    PhotoView.RIGHT_45: "Right 45°",
    PhotoView.RIGHT_90: "Right 90°",
    PhotoView.BACK: "Back",
}


class PhotoConsent(StrEnum):
    """What the patient agreed to, each level including the ones before it."""

    CLINICAL_ONLY = "clinical-only"
    SHOW_PATIENT = "show-patient"
    ANONYMISED = "anonymised"

    def label(self) -> str:
        return _CONSENT_LABELS[self]


_CONSENT_LABELS = {
    PhotoConsent.CLINICAL_ONLY: "Clinical record only",
    PhotoConsent.SHOW_PATIENT: "May be shown to the patient",
    PhotoConsent.ANONYMISED: "May be used anonymised for the clinic's materials",
}
_CONSENT_ORDER = list(PhotoConsent)


@dataclass(frozen=True, slots=True)
class PhotoConsentRecord:
    patient_id: int
    level: PhotoConsent
    given_on: date


@dataclass(frozen=True, slots=True)
class PhotoRecord:
    """One stored photo; `file_name` is the content address of the cleaned image."""

    id: int
    visit_id: int
    patient_id: int
    kind: PhotoKind
    view: PhotoView
    taken_at: datetime
    note: str
    file_name: str
    width: int
    height: int
    visit_starts_at: datetime
    course_id: int | None = None
    added_after_signing: bool = False


def may_leave_record(consent: PhotoConsentRecord | None) -> bool:
    """Printed sheets and exports show the photos to someone outside the clinical record:
    the patient at the least, so the consent must reach "may be shown to the patient"."""
    if consent is None:
        return False
    return _CONSENT_ORDER.index(consent.level) >= _CONSENT_ORDER.index(PhotoConsent.SHOW_PATIENT)


def consent_refusal(consent: PhotoConsentRecord | None) -> str:
    """Why photos stay out of printed or exported material, in words for the practitioner."""
    if consent is None:
        return (
            "The patient has no photo consent on the card, so photos stay in the clinical "
            "record only and are not printed or exported. Record the patient's consent on the "
            "card first."
        )
    return (
        "The patient's photo consent is 'clinical record only', so photos are not printed or "
        "exported. Record a wider consent on the card if the patient agrees."
    )


def in_date_order(photos: list[PhotoRecord]) -> list[PhotoRecord]:
    """A course's strip: by the time taken, before-photos first within one visit."""
    rank = {PhotoKind.BEFORE: 0, PhotoKind.PROGRESS: 1, PhotoKind.AFTER: 2}
    return sorted(photos, key=lambda p: (p.visit_starts_at, rank[p.kind], p.taken_at, p.id))


def comparable(photos: list[PhotoRecord], view: PhotoView) -> list[PhotoRecord]:
    """Photos of one view, in date order: the choices for a side-by-side comparison."""
    return [photo for photo in in_date_order(photos) if photo.view is view]


def is_content_name(name: str) -> bool:
    """A name MesoDesk gives a stored photo: the SHA-256 of its bytes and its kind. Anything
    else read from a database (a path, `../`) is never opened or written as a photo."""
    stem, _, suffix = name.partition(".")
    return (
        suffix in PHOTO_SUFFIXES and len(stem) == 64 and all(c in "0123456789abcdef" for c in stem)
    )
