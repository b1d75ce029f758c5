"""Every read and write of clinical photos and photo consent goes through `PhotoService`.

One class on purpose: who may see photos (reception may not) is decided in one place. Files
are cleaned and stored before the transaction that records them; a refused file stops the
whole import before anything is written, and the rows of one import commit together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, sessionmaker

from mesodesk.domain.photos import (
    NOTE_MAX,
    PhotoConsent,
    PhotoConsentRecord,
    PhotoKind,
    PhotoRecord,
    PhotoView,
    consent_refusal,
    in_date_order,
    may_leave_record,
)
from mesodesk.models import Visit
from mesodesk.models.base import utcnow
from mesodesk.models.marks import InjectionMark
from mesodesk.models.photos import PatientPhotoConsent, VisitPhoto
from mesodesk.paths import data_dir
from mesodesk.services.access import Access
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ReadOnlyRecord, ServiceError, ValidationFailed
from mesodesk.services.photo_store import THUMBNAIL_SIZE, CleanPhoto, PhotoStore, clean_photo
from mesodesk.services.visits import lock_visit


class PhotoConsentMissing(ServiceError):
    """Photos were asked for on printed or exported material without the patient's consent."""


REMOVE_MARKED_MESSAGE = (
    "This photo has {count} injection mark(s) on it, so it is not removed: delete them on the "
    "chart first (choose the photo in the chart's list, select all marks, delete)."
)
TURN_MARKED_MESSAGE = (
    "This photo has {count} injection mark(s) placed on its view, so its view is not changed: "
    "delete them on the chart first."
)


class PhotoHasMarks(ServiceError):
    """The photo carries injection marks: removing it (or turning it into another view) would
    leave them on nothing, so it is refused until the marks are deleted from the chart."""


@dataclass(frozen=True, slots=True)
class PhotoFile:
    """A photo with the path of its stored file, for a sheet or an export."""

    photo: PhotoRecord
    path: Path


_VISIT_PHOTOS = (
    select(VisitPhoto).where(VisitPhoto.visit_id == bindparam("visit_id")).order_by(VisitPhoto.id)
)
"""Read at every opening of a visit, so built once (its cache key made once)."""


def default_store() -> PhotoStore:
    return PhotoStore(data_dir() / "photos")


class PhotoService(Service):
    def __init__(
        self,
        sessions: sessionmaker[Session],
        access: Access | None = None,
        store: PhotoStore | None = None,
    ) -> None:
        super().__init__(sessions, access)
        self._store = store

    @property
    def store(self) -> PhotoStore:
        """Made on first use, so opening a database never creates the photos folder."""
        if self._store is None:
            self._store = default_store()
        return self._store

    # --- import -------------------------------------------------------------------------

    def add(
        self,
        visit_id: int,
        kind: PhotoKind,
        view: PhotoView,
        files: Sequence[Path],
        note: str = "",
        taken_at: datetime | None = None,
    ) -> list[PhotoRecord]:
        """Attach photos to a visit, signed or not.

        A signed visit still takes photos: after-photos are taken once the visit is closed,
        and follow-up pictures arrive from the camera later. They do not change what was
        signed; each is marked as added after signing. Every file is checked and cleaned
        first, so one bad file refuses the whole import with nothing saved.
        """
        if not files:
            raise ValidationFailed({"files": "Choose at least one photo."})
        if len(note) > NOTE_MAX:
            raise ValidationFailed({"note": f"The note is longer than {NOTE_MAX} characters."})
        if taken_at is not None and taken_at.tzinfo is None:
            raise ValidationFailed({"taken_at": "The time taken needs a time zone."})
        self._visit(visit_id)  # an unknown visit is refused before any file is read
        cleaned = [clean_photo(Path(path)) for path in files]
        written = [photo.file_name for photo in cleaned if self.store.keep(photo)]
        try:
            added = self._keep(visit_id, kind, view, cleaned, note, taken_at)
        except BaseException:
            self._forget_unused(written)
            raise
        for photo in cleaned:  # made now, in the importing worker, so the strip opens at once
            self.store.thumbnail(photo.file_name)
        return added

    def _keep(
        self,
        visit_id: int,
        kind: PhotoKind,
        view: PhotoView,
        cleaned: list[CleanPhoto],
        note: str,
        taken_at: datetime | None,
    ) -> list[PhotoRecord]:
        with self._write() as s:
            visit = s.get(Visit, visit_id, with_for_update=True)
            if visit is None:
                raise NotFound(f"There is no visit with id {visit_id}.")
            rows = [
                VisitPhoto(
                    visit_id=visit_id,
                    kind=kind.value,
                    view=view.value,
                    taken_at=taken_at or photo.taken_at or visit.starts_at,
                    note=note,
                    file_name=photo.file_name,
                    width=photo.width,
                    height=photo.height,
                    added_after_signing=visit.signed_at is not None,
                )
                for photo in cleaned
            ]
            s.add_all(rows)
            s.flush()
            return [_record(row, visit) for row in rows]

    def _forget_unused(self, written: list[str]) -> None:
        with self._read() as s:
            used = set(
                s.scalars(select(VisitPhoto.file_name).where(VisitPhoto.file_name.in_(written)))
            )
        for name in written:
            if name not in used:
                self.store.forget(name)

    # --- reading ------------------------------------------------------------------------

    def for_visit(self, visit_id: int) -> list[PhotoRecord]:
        with self._read() as s:
            visit = s.get(Visit, visit_id)
            if visit is None:
                raise NotFound(f"There is no visit with id {visit_id}.")
            rows = s.scalars(_VISIT_PHOTOS, {"visit_id": visit_id}).all()
            return in_date_order([_record(row, visit) for row in rows])

    def for_patient(self, patient_id: int, course_id: int | None = None) -> list[PhotoRecord]:
        """The patient's photos in date order (of one course when `course_id` is given)."""
        with self._read() as s:
            query = (
                select(VisitPhoto, Visit)
                .join(Visit, Visit.id == VisitPhoto.visit_id)
                .where(Visit.patient_id == patient_id)
            )
            if course_id is not None:
                query = query.where(Visit.course_id == course_id)
            return in_date_order([_record(photo, visit) for photo, visit in s.execute(query)])

    def get(self, photo_id: int) -> PhotoRecord:
        with self._read() as s:
            found = s.execute(
                select(VisitPhoto, Visit)
                .join(Visit, Visit.id == VisitPhoto.visit_id)
                .where(VisitPhoto.id == photo_id)
            ).first()
            if found is None:
                raise NotFound("This photo no longer exists (it may have been removed).")
            return _record(*found)

    def image_path(self, photo_id: int) -> Path:
        """The stored file of a photo, to show it in full."""
        return self.store.path(self.get(photo_id).file_name)

    def thumbnail(self, photo: PhotoRecord, size: int = THUMBNAIL_SIZE) -> Path:
        """The cached thumbnail, made now if it is not there yet (slow: call off the GUI)."""
        return self.store.thumbnail(photo.file_name, size)

    # --- changes ------------------------------------------------------------------------

    def describe(self, photo_id: int, kind: PhotoKind, view: PhotoView, note: str) -> PhotoRecord:
        """Correct a photo's kind, view or note; on a signed visit only photos added after
        signing may be corrected, the ones signed with stay as signed."""
        if len(note) > NOTE_MAX:
            raise ValidationFailed({"note": f"The note is longer than {NOTE_MAX} characters."})
        with self._write() as s:
            row, visit = self._changeable(s, photo_id)
            if view.value != row.view:
                _refuse_if_marked(s, photo_id, TURN_MARKED_MESSAGE)
            row.kind, row.view, row.note = kind.value, view.value, note
            s.flush()
            return _record(row, visit)

    def remove(self, photo_id: int) -> None:
        """Take a photo off an unsigned visit (or one added after signing, by mistake).
        The file stays: another record may show the same picture, and backups keep it.

        A photo with marks on it is refused, saying how many: the practitioner deletes them
        on the chart first (one undoable step there), so no mark is lost without being seen.
        """
        with self._write() as s:
            row, _ = self._changeable(s, photo_id)
            _refuse_if_marked(s, photo_id, REMOVE_MARKED_MESSAGE)
            s.delete(row)

    def _changeable(self, s: Session, photo_id: int) -> tuple[VisitPhoto, Visit]:
        """The photo and its visit, both locked, the visit first: the marks service locks the
        visit before it places a mark on the photo, so the two never wait on each other."""
        found = s.get(VisitPhoto, photo_id)
        if found is None:
            raise NotFound("This photo no longer exists (it may have been removed).")
        visit = lock_visit(s, found.visit_id)
        row = s.get(VisitPhoto, photo_id, with_for_update=True, populate_existing=True)
        if row is None:
            raise NotFound("This photo no longer exists (it may have been removed).")
        if visit.signed_at is not None and not row.added_after_signing:
            raise ReadOnlyRecord(
                "This photo is part of a signed visit and cannot be changed or removed."
            )
        return row, visit

    # --- consent ------------------------------------------------------------------------

    def consent(self, patient_id: int) -> PhotoConsentRecord | None:
        with self._read() as s:
            return _consent(s, patient_id)

    def set_consent(
        self, patient_id: int, level: PhotoConsent | None, given_on: date | None
    ) -> PhotoConsentRecord | None:
        """Record what the patient agreed to and when; None withdraws it."""
        with self._write() as s:
            row = s.get(PatientPhotoConsent, patient_id, with_for_update=True)
            if level is None:
                if row is not None:
                    s.delete(row)
                return None
            if given_on is None:
                raise ValidationFailed({"given_on": "Give the day the patient gave consent."})
            if given_on > date.today():
                raise ValidationFailed({"given_on": "The consent date is in the future."})
            if row is None:
                row = PatientPhotoConsent(
                    patient_id=patient_id, level=level.value, given_on=given_on
                )
                s.add(row)
            else:
                row.level, row.given_on, row.recorded_at = level.value, given_on, utcnow()
            s.flush()
            return PhotoConsentRecord(patient_id, level, given_on)

    # --- printed and exported material ---------------------------------------------------

    def for_output(self, photos: Sequence[PhotoRecord], patient_id: int) -> list[PhotoFile]:
        """The files of these photos for a sheet or an export, refused without consent."""
        if not photos:
            return []
        with self._read() as s:
            consent = _consent(s, patient_id)
        if not may_leave_record(consent):
            raise PhotoConsentMissing(consent_refusal(consent))
        if any(photo.patient_id != patient_id for photo in photos):
            raise ServiceError("A photo of another patient cannot go on this patient's material.")
        return [PhotoFile(photo, self.store.path(photo.file_name)) for photo in photos]

    def _visit(self, visit_id: int) -> None:
        with self._read() as s:
            if s.get(Visit, visit_id) is None:
                raise NotFound(f"There is no visit with id {visit_id}.")


def _refuse_if_marked(s: Session, photo_id: int, message: str) -> None:
    count = s.scalar(select(func.count()).where(InjectionMark.photo_id == photo_id)) or 0
    if count:
        raise PhotoHasMarks(message.format(count=count))


def _consent(s: Session, patient_id: int) -> PhotoConsentRecord | None:
    row = s.get(PatientPhotoConsent, patient_id)
    if row is None:
        return None
    return PhotoConsentRecord(patient_id, PhotoConsent(row.level), row.given_on)


def _record(row: VisitPhoto, visit: Visit) -> PhotoRecord:
    return PhotoRecord(
        id=row.id,
        visit_id=row.visit_id,
        patient_id=visit.patient_id,
        kind=PhotoKind(row.kind),
        view=PhotoView(row.view),
        taken_at=row.taken_at,
        note=row.note,
        file_name=row.file_name,
        width=row.width,
        height=row.height,
        visit_starts_at=visit.starts_at,
        course_id=visit.course_id,
        added_after_signing=row.added_after_signing,
    )
