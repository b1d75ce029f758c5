"""Marks placed on a visit's photo, on both engines: kept as fractions of the image, listed with
the visit's other marks and counted in its totals, under the same signed-visit lock, and never
left on a photo that was removed."""

from __future__ import annotations

import json
import shutil
import threading
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import select, text

from mesodesk.db import Database
from mesodesk.domain.chart import charted_areas, charted_volumes
from mesodesk.domain.diagram import DiagramName, MarkShape, Point, injection_count, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.photo_marks import PHOTO_FRAME_HEIGHT_MM, MarkPhoto
from mesodesk.domain.photos import PhotoKind, PhotoRecord, PhotoView
from mesodesk.domain.users import Role
from mesodesk.domain.vocabulary import Area, Sex, Technique
from mesodesk.models.marks import InjectionMark
from mesodesk.services.access import Access
from mesodesk.services.backup import BackupService
from mesodesk.services.errors import (
    AccessDenied,
    NotFound,
    ReadOnlyRecord,
    ServiceError,
    ValidationFailed,
)
from mesodesk.services.photos import PhotoHasMarks
from mesodesk.services.registry import Services, build_services
from tests.backup_helpers import Clock
from tests.photo_files import plain_png

MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MESODESK_DATA_DIR", str(folder))
    return folder


def _photographed(
    services: Services, tmp_path: Path, sex: Sex = Sex.FEMALE, view: PhotoView = PhotoView.FRONT
) -> tuple[int, PhotoRecord]:
    """A visit of a patient with a 400 x 300 px before-photo."""
    card = services.patients.save(PatientCard(last_name="Орлова", first_name="Вера", sex=sex))
    visit = services.visits.start_visit(card.id, MORNING, "Dr Smirnova")
    assert visit.id is not None
    tmp_path.mkdir(parents=True, exist_ok=True)
    (photo,) = services.photos.add(
        visit.id, PhotoKind.BEFORE, view, [plain_png(tmp_path / "front.png", size=(400, 300))]
    )
    return visit.id, photo


def _on_photo(
    visit_id: int, photo: PhotoRecord, shape: MarkShape, points: list[Point], **fields
) -> MarkRecord:
    """A new mark on the photo, its points in the photo's frame (mm)."""
    place = MarkPhoto(photo.id, photo.kind, photo.view, 1.0, 1.0)  # the service sets the frame
    return MarkRecord(None, visit_id, DiagramName.BACK, shape, tuple(points), photo=place, **fields)


def _flat(points) -> list[float]:
    """Coordinates one after another, for pytest.approx (which compares flat lists)."""
    return [float(c) for point in points for c in point]


WIDTH_MM = PHOTO_FRAME_HEIGHT_MM * 400 / 300
SQUARE = [Point(100, 100), Point(130, 100), Point(130, 130), Point(100, 130)]


def test_marks_on_a_photo_are_kept_as_fractions_of_the_image_and_counted(
    services: Services, tmp_path: Path
) -> None:
    visit_id, photo = _photographed(services, tmp_path)
    point = services.marks.add(
        _on_photo(
            visit_id, photo, MarkShape.POINT, [Point(WIDTH_MM / 2, 125)], volume_ml=Decimal("0.1")
        )
    )
    area = services.marks.add(
        _on_photo(
            visit_id,
            photo,
            MarkShape.AREA,
            SQUARE,
            technique=Technique.NAPPAGE_SUPERFICIAL,
            depth_mm=Decimal("1"),
            volume_ml=Decimal("0.02"),
        )
    )
    on_face = services.marks.add(
        MarkRecord(
            None,
            visit_id,
            DiagramName.FACE_FEMALE,
            MarkShape.POINT,
            (load_diagram(DiagramName.FACE_FEMALE).zones[0].label_point,),
            volume_ml=Decimal("0.05"),
        )
    )

    listed = services.marks.list_for_visit(visit_id)
    assert listed == [point, area, on_face]
    assert point.photo is not None and point.photo.kind is PhotoKind.BEFORE
    assert point.photo.view is PhotoView.FRONT
    assert (point.photo.width_mm, point.photo.height_mm) == pytest.approx((WIDTH_MM, 250.0))
    assert point.diagram is DiagramName.FACE_FEMALE and point.zone is None
    assert _flat(area.points) == pytest.approx(_flat(SQUARE))
    with services.marks._sessions() as session:  # what the database keeps: the image's fractions
        kept = session.scalars(
            select(InjectionMark.points).where(InjectionMark.photo_id == photo.id)
        ).all()
    assert _flat(kept[0]) == pytest.approx([0.5, 0.5])
    assert _flat(kept[1]) == pytest.approx([0.3, 0.4, 0.39, 0.4, 0.39, 0.52, 0.3, 0.52])

    count = injection_count(area.geometry())
    assert count == 100  # a 30 x 30 mm square at 3 mm
    totals = services.marks.totals(visit_id)
    on_photo = [t for t in totals if t.photo_id == photo.id]
    assert len(on_photo) == 1 and on_photo[0].zone is None
    assert on_photo[0].injections == 1 + count
    assert on_photo[0].volume_ml == Decimal("0.1") + Decimal("0.02") * count
    assert sum(t.volume_ml for t in totals) == Decimal("0.1") + Decimal("2.00") + Decimal("0.05")
    assert sum(charted_volumes(listed).values()) == Decimal("2.15")
    assert Area.FACE in charted_areas(listed)
    assert Area.FACE in services.visits.get(visit_id).charted_areas


def test_a_mark_on_a_photo_moves_edits_deletes_and_comes_back_for_undo(
    services: Services, tmp_path: Path
) -> None:
    visit_id, photo = _photographed(services, tmp_path)
    mark = services.marks.add(_on_photo(visit_id, photo, MarkShape.LINE, SQUARE[:2]))
    moved = services.marks.move(mark.id or 0, [Point(10, 10), Point(40, 10)], mark.version)
    edited = services.marks.update(replace(moved, depth_mm=Decimal("6")))
    assert edited.photo == mark.photo and _flat(edited.points) == pytest.approx([10, 10, 40, 10])
    assert [f.code for f in services.marks.depth_findings(visit_id)]  # 6 mm is deep for a face

    removed = services.marks.delete([mark.id or 0])
    assert services.marks.list_for_visit(visit_id) == []
    back = services.marks.restore(removed)
    assert [(m.id, m.points, m.depth_mm, m.photo) for m in back] == [
        (edited.id, edited.points, Decimal("6"), edited.photo)
    ]
    assert services.marks.list_for_visit(visit_id) == back


def test_marks_off_the_photo_or_on_another_visits_photo_are_refused(
    services: Services, tmp_path: Path
) -> None:
    visit_id, photo = _photographed(services, tmp_path)
    other_visit, _ = _photographed(services, tmp_path)
    with pytest.raises(ValidationFailed, match="lie on the photo"):
        services.marks.add(_on_photo(visit_id, photo, MarkShape.POINT, [Point(WIDTH_MM + 1, 5)]))
    with pytest.raises(ValidationFailed, match="own visit"):
        services.marks.add(_on_photo(other_visit, photo, MarkShape.POINT, [Point(5, 5)]))
    assert services.marks.list_for_visit(visit_id) == []


def test_marks_on_a_photo_of_a_signed_visit_cannot_be_added_or_changed(
    services: Services, tmp_path: Path
) -> None:
    visit_id, photo = _photographed(services, tmp_path)
    mark = services.marks.add(_on_photo(visit_id, photo, MarkShape.POINT, [Point(5, 5)]))
    services.visits.mark_done(services.visits.get(visit_id))
    services.visits.sign(replace(services.visits.get(visit_id), practitioner="Доктор"))
    with pytest.raises(ReadOnlyRecord):
        services.marks.add(_on_photo(visit_id, photo, MarkShape.POINT, [Point(9, 9)]))
    with pytest.raises(ReadOnlyRecord):
        services.marks.move(mark.id or 0, [Point(9, 9)], mark.version)
    with pytest.raises(ReadOnlyRecord):
        services.marks.delete([mark.id or 0])
    assert services.marks.list_for_visit(visit_id) == [mark]


def test_a_photo_with_marks_is_not_removed_or_turned_until_its_marks_are_deleted(
    services: Services, tmp_path: Path
) -> None:
    visit_id, photo = _photographed(services, tmp_path)
    marks = services.marks.add_many(
        [_on_photo(visit_id, photo, MarkShape.POINT, [Point(5 * i, 5)]) for i in (1, 2)]
    )
    with pytest.raises(PhotoHasMarks, match="2 injection mark\\(s\\) on it, so it is not removed"):
        services.photos.remove(photo.id)
    with pytest.raises(PhotoHasMarks):
        services.photos.describe(photo.id, PhotoKind.BEFORE, PhotoView.LEFT_45, "")
    services.photos.describe(photo.id, PhotoKind.AFTER, PhotoView.FRONT, "kept")
    assert services.marks.list_for_visit(visit_id)[0].photo.kind is PhotoKind.AFTER  # type: ignore[union-attr]

    removed = services.marks.delete([m.id or 0 for m in marks])
    services.photos.remove(photo.id)
    assert services.photos.for_visit(visit_id) == []
    with pytest.raises(NotFound, match="photo of these marks was removed"):
        services.marks.restore(removed)  # an undo after the photo went cannot bring them back


def test_a_template_keeps_no_marks_of_a_photo(services: Services, tmp_path: Path) -> None:
    visit_id, photo = _photographed(services, tmp_path)
    mark = services.marks.add(_on_photo(visit_id, photo, MarkShape.POINT, [Point(5, 5)]))
    with pytest.raises(ValidationFailed, match="belong to that photo"):
        services.templates.save_template("photo", [mark])


def test_the_export_names_the_photo_of_a_mark_and_its_place_on_the_image(
    services: Services, tmp_path: Path
) -> None:
    visit_id, photo = _photographed(services, tmp_path)
    services.marks.add(_on_photo(visit_id, photo, MarkShape.POINT, [Point(WIDTH_MM / 4, 50)]))
    patient_id = services.visits.get(visit_id).patient_id

    record = json.loads(json.dumps(services.export.export_patient(patient_id), default=str))

    (visit,) = record["visits"]
    (mark,) = visit["injection_marks"]
    assert mark["photo_id"] == photo.id and mark["points_mm"] is None
    assert _flat(mark["points_of_photo"]) == pytest.approx([0.25, 0.2])
    assert mark["zone"] is None and mark["diagram"] == "face_female"


def test_reception_sees_no_marks_on_photos(database: Database, tmp_path: Path) -> None:
    services = build_services(database.sessions)
    visit_id, photo = _photographed(services, tmp_path)
    services.marks.add(_on_photo(visit_id, photo, MarkShape.POINT, [Point(5, 5)]))
    services.users.add("anna", Role.PRACTITIONER, "correct horse 1")
    build_services(database.sessions, Access.command_line()).users.add(
        "rita", Role.RECEPTION, "correct horse 1"
    )
    reception = build_services(database.sessions)
    reception.users.sign_in("rita", "correct horse 1")
    for attempt in (
        lambda: reception.marks.list_for_visit(visit_id),
        lambda: reception.marks.totals(visit_id),
        lambda: reception.marks.add(_on_photo(visit_id, photo, MarkShape.POINT, [Point(9, 9)])),
    ):
        with pytest.raises(AccessDenied, match="reception"):
            attempt()


def test_marks_on_a_photo_come_back_with_a_restored_backup(
    sqlite_db: Database, sqlite_services: Services, tmp_path: Path
) -> None:
    services = sqlite_services
    visit_id, photo = _photographed(services, tmp_path)
    kept = services.marks.add(
        _on_photo(visit_id, photo, MarkShape.AREA, SQUARE, volume_ml=Decimal("0.02"))
    )
    backups = BackupService.for_database(sqlite_db, Clock(datetime(2026, 3, 2, 9, 30)))
    made = backups.backup_now()
    services.marks.delete([kept.id or 0])
    shutil.rmtree(tmp_path / "data" / "photos")

    backups.restore(made.path)

    assert services.marks.list_for_visit(visit_id) == [kept]
    assert services.photos.image_path(photo.id).exists()
    with sqlite_db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []


def _racing(name: str, start: threading.Barrier, write, outcomes: list) -> threading.Thread:
    """A thread that waits for the other writer, writes, and notes what it was told."""

    def run() -> None:
        start.wait()
        try:
            write()
            outcomes.append((name, "done"))
        except ServiceError as error:
            outcomes.append((name, type(error).__name__))

    return threading.Thread(target=run)


def test_a_photo_removed_while_another_workstation_marks_it_leaves_no_mark_behind(
    postgresql_db: Database, tmp_path: Path
) -> None:
    """Both writes lock the visit first: one of them wins, the other is told why in words,
    never a deadlock and never a mark left on a removed photo."""
    marking = build_services(postgresql_db.sessions)
    removing = build_services(postgresql_db.sessions)
    outcomes: list[tuple[str, str]] = []
    for round_ in range(12):
        visit_id, photo = _photographed(marking, tmp_path / str(round_))
        start = threading.Barrier(2)
        mark = _on_photo(visit_id, photo, MarkShape.POINT, [Point(5, 5)])
        threads = [
            _racing("mark", start, partial(marking.marks.add, mark), outcomes),
            _racing("remove", start, partial(removing.photos.remove, photo.id), outcomes),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        kept = marking.marks.list_for_visit(visit_id)
        photos = marking.photos.for_visit(visit_id)
        assert (len(kept), len(photos)) in {(1, 1), (0, 0)}

    assert set(outcomes) <= {
        ("mark", "done"),
        ("mark", "NotFound"),
        ("remove", "done"),
        ("remove", "PhotoHasMarks"),
    }
    assert len(outcomes) == 24
