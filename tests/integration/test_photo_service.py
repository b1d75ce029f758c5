"""Photos of a visit: cleaned of location and camera data, stored by content and owner-only,
refused whole when one file is bad, kept on signed visits, and kept off printed and exported
material without the patient's consent."""

from __future__ import annotations

import hashlib
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image

from mesodesk.domain.photos import PhotoConsent, PhotoKind, PhotoView
from mesodesk.services.errors import ReadOnlyRecord
from mesodesk.services.photo_store import PhotoRefused, PhotoStore
from mesodesk.services.photos import PhotoConsentMissing, PhotoService
from mesodesk.services.registry import Services
from tests.integration.safety_helpers import add_patient
from tests.photo_files import (
    BODY_SERIAL,
    EXIF_IFD,
    GPS_IFD,
    MAKE,
    camera_heic,
    camera_jpeg,
    plain_png,
    truncated_jpeg,
)

MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def photos(services: Services, tmp_path: Path) -> PhotoService:
    return PhotoService(services.photos._sessions, store=PhotoStore(tmp_path / "data" / "photos"))


def _visit(services: Services, when: datetime = MORNING) -> int:
    card = add_patient(services)
    visit = services.visits.start_visit(card.id, when, "Dr Smirnova")
    assert visit.id is not None
    return visit.id


def test_import_strips_location_and_camera_data_and_applies_orientation(
    services: Services, photos: PhotoService, tmp_path: Path
) -> None:
    visit_id = _visit(services)
    source = camera_jpeg(tmp_path / "IMG_0001.jpg", size=(120, 80), orientation=6)
    with Image.open(source) as original:  # the test file really carries what must go
        assert original.getexif().get_ifd(GPS_IFD)

    (photo,) = photos.add(visit_id, PhotoKind.BEFORE, PhotoView.FRONT, [source])

    stored = photos.image_path(photo.id)
    with Image.open(stored) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert MAKE not in exif and not exif.get_ifd(EXIF_IFD).get(BODY_SERIAL)
        assert "exif" not in image.info
        assert image.size == (80, 120)  # orientation 6: turned upright, so portrait
    assert b"PhoneMaker" not in stored.read_bytes() and b"SN-0042" not in stored.read_bytes()
    assert (photo.width, photo.height) == (80, 120)
    assert photo.taken_at == datetime(2026, 3, 2, 10, 15).astimezone()


def test_stored_files_are_named_by_content_and_owner_only(
    services: Services, photos: PhotoService, tmp_path: Path
) -> None:
    visit_id = _visit(services)
    source = plain_png(tmp_path / "scan.png")
    first, again = photos.add(visit_id, PhotoKind.AFTER, PhotoView.LEFT_45, [source, source])

    stored = photos.image_path(first.id)

    assert stored.name == hashlib.sha256(stored.read_bytes()).hexdigest() + ".png"
    assert again.file_name == first.file_name  # the same picture is stored once
    assert "scan" not in str(stored) and "Иванова" not in str(stored)
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    for folder in (stored.parent, photos.store.root):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize("bad", ["not_an_image", "truncated"])
def test_a_bad_file_refuses_the_whole_import_and_saves_nothing(
    services: Services, photos: PhotoService, tmp_path: Path, bad: str
) -> None:
    visit_id = _visit(services)
    good = camera_jpeg(tmp_path / "good.jpg")
    if bad == "truncated":
        broken = truncated_jpeg(tmp_path / "broken.jpg")
    else:
        broken = tmp_path / "notes.jpg"
        broken.write_text("this is a letter, not a photo")

    with pytest.raises(PhotoRefused, match=r"broken\.jpg|notes\.jpg") as refused:
        photos.add(visit_id, PhotoKind.BEFORE, PhotoView.FRONT, [good, broken])

    assert "nothing was saved" in str(refused.value)
    assert photos.for_visit(visit_id) == []
    assert not photos.store.root.exists() or not any(photos.store.root.rglob("*.jpg"))


def test_photos_may_be_added_after_signing_but_signed_ones_stay(
    services: Services, photos: PhotoService, tmp_path: Path
) -> None:
    """After-photos are usually taken once the visit is closed: allowed, and marked so."""
    visit_id = _visit(services)
    before = photos.add(
        visit_id, PhotoKind.BEFORE, PhotoView.FRONT, [camera_jpeg(tmp_path / "a.jpg")]
    )
    services.visits.sign(services.visits.mark_done(services.visits.get(visit_id)))

    (after,) = photos.add(
        visit_id,
        PhotoKind.AFTER,
        PhotoView.FRONT,
        [camera_jpeg(tmp_path / "b.jpg", colour=(1, 2, 3))],
    )

    assert after.added_after_signing and not before[0].added_after_signing
    with pytest.raises(ReadOnlyRecord):
        photos.remove(before[0].id)
    photos.remove(after.id)
    assert [p.id for p in photos.for_visit(visit_id)] == [before[0].id]


def test_output_refused_without_consent_allowed_with_it(
    services: Services, photos: PhotoService, tmp_path: Path
) -> None:
    visit_id = _visit(services)
    patient_id = services.visits.get(visit_id).patient_id
    taken = photos.add(
        visit_id, PhotoKind.BEFORE, PhotoView.FRONT, [camera_jpeg(tmp_path / "a.jpg")]
    )

    with pytest.raises(PhotoConsentMissing, match="no photo consent"):
        photos.for_output(taken, patient_id)
    photos.set_consent(patient_id, PhotoConsent.CLINICAL_ONLY, date(2026, 3, 2))
    with pytest.raises(PhotoConsentMissing, match="clinical record only"):
        photos.for_output(taken, patient_id)
    photos.set_consent(patient_id, PhotoConsent.SHOW_PATIENT, date(2026, 3, 2))

    (out,) = photos.for_output(taken, patient_id)
    assert out.path.exists()
    assert photos.consent(patient_id) is not None
    assert photos.for_visit(visit_id)  # clinical photos were kept all along


def test_thumbnails_are_made_once_and_cached(
    services: Services, photos: PhotoService, tmp_path: Path
) -> None:
    visit_id = _visit(services)
    (photo,) = photos.add(
        visit_id,
        PhotoKind.BEFORE,
        PhotoView.FRONT,
        [camera_jpeg(tmp_path / "a.jpg", size=(1200, 900))],
    )
    thumb = photos.thumbnail(photo)
    with Image.open(thumb) as small:
        assert max(small.size) == 256
    made = thumb.stat().st_mtime_ns
    assert stat.S_IMODE(thumb.stat().st_mode) == 0o600
    assert photos.thumbnail(photo) == thumb and thumb.stat().st_mtime_ns == made
    assert thumb.is_relative_to(photos.store.root)


def test_course_strip_is_in_date_order(
    services: Services, photos: PhotoService, tmp_path: Path
) -> None:
    card = add_patient(services)
    ids = []
    for day in (20, 6, 13):
        visit = services.visits.start_visit(card.id, MORNING.replace(day=day), "Dr Smirnova")
        assert visit.id is not None
        ids.append(visit.id)
        photos.add(
            visit.id,
            PhotoKind.AFTER,
            PhotoView.FRONT,
            [camera_jpeg(tmp_path / f"{day}.jpg", colour=(day, 0, 0))],
            taken_at=MORNING.replace(day=day),
        )
        photos.add(
            visit.id,
            PhotoKind.BEFORE,
            PhotoView.FRONT,
            [camera_jpeg(tmp_path / f"{day}b.jpg", colour=(0, day, 0))],
            taken_at=MORNING.replace(day=day),
        )
    strip = photos.for_patient(card.id)
    assert [(p.visit_starts_at.day, p.kind) for p in strip] == [
        (6, PhotoKind.BEFORE),
        (6, PhotoKind.AFTER),
        (13, PhotoKind.BEFORE),
        (13, PhotoKind.AFTER),
        (20, PhotoKind.BEFORE),
        (20, PhotoKind.AFTER),
    ]


def test_heic_from_a_phone_is_stored_upright_as_jpeg_without_location(
    services: Services, photos: PhotoService, tmp_path: Path
) -> None:
    pytest.importorskip("pillow_heif")
    visit_id = _visit(services)
    (photo,) = photos.add(
        visit_id, PhotoKind.PROGRESS, PhotoView.RIGHT_90, [camera_heic(tmp_path / "IMG_7.HEIC")]
    )
    stored = photos.image_path(photo.id)
    assert stored.suffix == ".jpg"
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif().get_ifd(GPS_IFD)
        assert image.size == (48, 64)
