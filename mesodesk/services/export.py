"""The patient's whole record as JSON, for the patient's right of access.

Every query is filtered by the one patient's id, so no other patient's data can slip in; the
shape is documented field by field in docs/export-format.md and versioned by `version`.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mesodesk import backup
from mesodesk.domain.audit import AuditAction, AuditEvent, AuditRecord
from mesodesk.domain.photos import PhotoRecord
from mesodesk.domain.progress import Progress, unwatched
from mesodesk.domain.records import ProductLineRecord, VisitRecord
from mesodesk.models import (
    Course,
    InjectionMark,
    Patient,
    PatientAllergy,
    PatientAnamnesis,
    PatientCondition,
    PatientMedication,
    Visit,
)
from mesodesk.models.base import utcnow
from mesodesk.services.access import Access
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound
from mesodesk.services.photos import PhotoConsentMissing, PhotoFile, PhotoService
from mesodesk.services.visits import visit_records

FORMAT = "mesodesk-patient-export"
VERSION = 1

Json = dict[str, Any]


PHOTO_FOLDER = "photos"
RECORD_NAME = "record.json"


@dataclass(frozen=True, slots=True)
class ExportPackage:
    """The record and the photo files that go with it.

    `photos` is empty when the patient has none or has not consented to photos leaving the
    clinical record; `left_out` then says why, and the record lists the photos without files.
    """

    record: Json
    photos: list[PhotoFile]
    left_out: str | None = None


class ExportService(Service):
    def __init__(
        self,
        sessions: sessionmaker[Session],
        access: Access | None = None,
        photos: PhotoService | None = None,
    ) -> None:
        super().__init__(sessions, access)
        self._photos = photos or PhotoService(sessions, access)

    def export_package(self, patient_id: int, with_photos: bool = True) -> ExportPackage:
        """The record with the patient's photos as files, as far as the photo consent allows."""
        record = self.export_patient(patient_id)
        taken = self._photos.for_patient(patient_id)
        files: list[PhotoFile] = []
        left_out: str | None = None
        if taken and with_photos:
            try:
                files = self._photos.for_output(taken, patient_id)
            except PhotoConsentMissing as refused:
                left_out = str(refused)
        in_package = {item.photo.id for item in files}
        record["photos"] = [_photo(photo, photo.id in in_package) for photo in taken]
        return ExportPackage(record, files, left_out)

    @staticmethod
    def write_zip(
        package: ExportPackage, target: Path, replace: bool, progress: Progress | None = None
    ) -> None:
        """The package as a ZIP at `target`: the record, then the photo files one by one.

        Written under a temporary name beside `target` and renamed once whole, so a cancel
        (`Cancelled`, checked before each photo), a kill or a full disk leaves no ZIP, and an
        existing file is replaced only when `replace` (else FileExistsError).
        """
        progress = unwatched(progress)
        text = json.dumps(package.record, ensure_ascii=False, indent=2) + "\n"
        files = {item.photo.file_name: item.path for item in package.photos}
        with backup.partial_file(target) as partial:
            with zipfile.ZipFile(partial, "w") as archive:
                archive.writestr(RECORD_NAME, text, compress_type=zipfile.ZIP_DEFLATED)
                for done, (name, path) in enumerate(files.items()):
                    progress.report(done / len(files))
                    progress.check()
                    archive.write(path, f"{PHOTO_FOLDER}/{name}")
            progress.commit()
            backup.put_in_place(partial, target, replace)
        progress.done()

    def export_patient(self, patient_id: int) -> Json:
        """The card, anamnesis, courses and visits (lines, reactions, signature, addenda, marks)
        and the patient's audit trail, this export included (recorded first, so an export that
        cannot be recorded is not made; on a database opened read-only it is not recorded)."""
        with self._read() as session:
            if session.get(Patient, patient_id) is None:
                raise NotFound(f"There is no patient with id {patient_id}.")
        self._note(lambda _: AuditEvent(AuditAction.EXPORT, "patients", patient_id, patient_id))
        with self._read() as session:
            patient = session.get(Patient, patient_id)
            if patient is None:
                raise NotFound(f"There is no patient with id {patient_id}.")
            visits = session.scalars(
                select(Visit)
                .where(Visit.patient_id == patient_id)
                .order_by(Visit.starts_at, Visit.id)
            ).all()
            marks = _marks(session, [visit.id for visit in visits])
            return {
                "format": FORMAT,
                "version": VERSION,
                "exported_at": _iso(utcnow()),
                "patient": _patient(patient),
                "anamnesis": _anamnesis(session, patient_id),
                "courses": [
                    _course(row)
                    for row in session.scalars(
                        select(Course)
                        .where(Course.patient_id == patient_id)
                        .order_by(Course.start_on, Course.id)
                    )
                ],
                "visits": [
                    _visit(record, marks.get(record.id or 0, []))
                    for record in visit_records(session, visits)
                ],
                "audit": [_audit(entry) for entry in self._audit.entries(session, patient_id)],
            }


def _audit(entry: AuditRecord) -> Json:
    """Who did what to the record and when; field names only, as the trail holds them."""
    return {
        "seq": entry.seq,
        "at": _iso(entry.at),
        "actor": entry.actor,
        "action": entry.action,
        "record_type": entry.record_type,
        "record_id": entry.record_id,
        "fields": list(entry.fields),
    }


def _photo(photo: PhotoRecord, with_file: bool) -> Json:
    return {
        "id": photo.id,
        "visit_id": photo.visit_id,
        "kind": photo.kind.value,
        "view": photo.view.value,
        "taken_at": _iso(photo.taken_at),
        "note": photo.note,
        "width": photo.width,
        "height": photo.height,
        "added_after_signing": photo.added_after_signing,
        "file": f"{PHOTO_FOLDER}/{photo.file_name}" if with_file else None,
    }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _decimal(value: Decimal | None) -> str | None:
    return format(value.normalize(), "f") if value is not None else None


def _patient(row: Patient) -> Json:
    return {
        "id": row.id,
        "last_name": row.last_name,
        "first_name": row.first_name,
        "middle_name": row.middle_name,
        "birth_date": _iso(row.birth_date),
        "sex": row.sex,
        "phone": row.phone,
        "email": row.email,
        "address": row.address,
        "skin_type": row.skin_type,
        "language": row.language,
        "notes": row.notes,
        "archived": row.archived,
        "last_visit_on": _iso(row.last_visit_on),
        "created_at": _iso(row.created_at),
        "updated_at": _iso(row.updated_at),
    }


def _anamnesis(session: Session, patient_id: int) -> Json:
    flags = session.get(PatientAnamnesis, patient_id)
    return {
        "flags": None
        if flags is None
        else {
            "pregnant": flags.pregnant,
            "pregnancy_due_on": _iso(flags.pregnancy_due_on),
            "childbirth_on": _iso(flags.childbirth_on),
            "breastfeeding": flags.breastfeeding,
            "keloid_tendency": flags.keloid_tendency,
            "fear_of_injections": flags.fear_of_injections,
            "high_skin_sensitivity": flags.high_skin_sensitivity,
        },
        "conditions": [
            {
                "code": row.code,
                "active": row.active,
                "noted_on": _iso(row.noted_on),
                "note": row.note,
            }
            for row in session.scalars(
                select(PatientCondition)
                .where(PatientCondition.patient_id == patient_id)
                .order_by(PatientCondition.id)
            )
        ],
        "allergies": [
            {
                "substance": row.substance,
                "group": row.group,
                "reaction": row.reaction,
                "severity": row.severity,
            }
            for row in session.scalars(
                select(PatientAllergy)
                .where(PatientAllergy.patient_id == patient_id)
                .order_by(PatientAllergy.id)
            )
        ],
        "medications": [
            {
                "name": row.name,
                "anticoagulant": row.anticoagulant,
                "antiplatelet": row.antiplatelet,
                "retinoid": row.retinoid,
                "hormonal": row.hormonal,
                "immunosuppressant": row.immunosuppressant,
            }
            for row in session.scalars(
                select(PatientMedication)
                .where(PatientMedication.patient_id == patient_id)
                .order_by(PatientMedication.id)
            )
        ],
    }


def _course(row: Course) -> Json:
    return {
        "id": row.id,
        "indication": row.indication,
        "area": row.area,
        "sessions": row.sessions,
        "interval_min_days": row.interval_min_days,
        "interval_max_days": row.interval_max_days,
        "start_on": _iso(row.start_on),
        "notes": row.notes,
    }


def _line(line: ProductLineRecord) -> Json:
    return {
        "id": line.id,
        "product": line.product_name,
        "lot_id": line.lot_id,
        "lot_number": line.lot_number,
        "expires_on": _iso(line.expires_on),
        "volume_ml": _decimal(line.volume_ml),
        "cocktail": line.cocktail_name or None,
        "cocktail_id": line.cocktail_id,
    }


def _visit(record: VisitRecord, marks: list[Json]) -> Json:
    return {
        "id": record.id,
        "starts_at": _iso(record.starts_at),
        "status": record.status.value,
        "practitioner": record.practitioner,
        "course_id": record.course_id,
        "areas": [area.value for area in record.treated_areas],
        "techniques": [technique.value for technique in record.used_techniques],
        "method": record.method.value if record.method else None,
        "anaesthesia": record.anaesthesia,
        "disinfection": record.disinfection,
        "notes": record.notes,
        "price_minor": record.price_minor,
        "currency": record.currency,
        "product_lines": [_line(line) for line in record.product_lines],
        "reactions": [
            {"reaction": item.reaction.value, "severity": item.severity.value, "note": item.note}
            for item in record.reactions
        ],
        "overrides": [
            {
                "finding_code": item.finding_code,
                "finding_subject": item.finding_subject,
                "finding_reason": item.finding_reason,
                "finding_reason_ru": item.finding_reason_ru,
                "reason": item.reason,
                "decided_by": item.decided_by,
                "decided_at": _iso(item.decided_at),
            }
            for item in record.overrides
        ],
        "signature": None
        if record.signed_at is None
        else {"signed_at": _iso(record.signed_at), "signed_by": record.signed_by},
        "addenda": [
            {"written_at": _iso(item.written_at), "author": item.author, "text": item.text}
            for item in record.addenda
        ],
        "injection_marks": marks,
    }


def _marks(session: Session, visit_ids: list[int]) -> dict[int, list[Json]]:
    found: dict[int, list[Json]] = {}
    if not visit_ids:
        return found
    for row in session.scalars(
        select(InjectionMark)
        .where(InjectionMark.visit_id.in_(visit_ids))
        .order_by(InjectionMark.visit_id, InjectionMark.id)
    ):
        found.setdefault(row.visit_id, []).append(
            {
                "id": row.id,
                "diagram": row.diagram,
                "shape": row.shape,
                "points_mm": (
                    None
                    if row.photo_id is not None
                    else [[float(x), float(y)] for x, y in row.points]
                ),
                "photo_id": row.photo_id,
                "points_of_photo": (
                    [[float(x), float(y)] for x, y in row.points]
                    if row.photo_id is not None
                    else None
                ),
                "technique": row.technique,
                "depth_mm": _decimal(row.depth_mm),
                "volume_ml": _decimal(row.volume_ml),
                "needle": row.needle,
                "lot_id": row.lot_id,
                "cocktail_id": row.cocktail_id,
                "zone": row.zone,
                "note": row.note,
            }
        )
    return found
