"""A patient's ZIP export is written photo by photo, tells how far it has come, and one
cancelled part way leaves no ZIP (not even a temporary one): real photos, a real database."""

from __future__ import annotations

import json
import stat
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mesodesk.domain.photos import PhotoConsent, PhotoKind, PhotoView
from mesodesk.domain.progress import Cancelled, Progress
from mesodesk.services.export import ExportPackage, ExportService
from mesodesk.services.photo_store import PhotoStore
from mesodesk.services.photos import PhotoService
from mesodesk.services.registry import Services
from tests.integration.safety_helpers import add_patient
from tests.photo_files import camera_jpeg

MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PHOTOS = 6


@pytest.fixture
def package(sqlite_services: Services, tmp_path: Path) -> ExportPackage:
    services = sqlite_services
    photos = PhotoService(services.photos._sessions, store=PhotoStore(tmp_path / "data" / "photos"))
    card = add_patient(services)
    visit = services.visits.start_visit(card.id, MORNING, "Dr Smirnova")
    assert visit.id is not None and card.id is not None
    files = [camera_jpeg(tmp_path / f"scan{n}.jpg", colour=(10 * n, 2, 3)) for n in range(PHOTOS)]
    photos.add(visit.id, PhotoKind.BEFORE, PhotoView.FRONT, files)
    photos.set_consent(card.id, PhotoConsent.SHOW_PATIENT, date(2026, 3, 2))
    made = ExportService(services.photos._sessions, photos=photos).export_package(card.id)
    assert len(made.photos) == PHOTOS
    return made


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_zip_export_tells_its_progress_photo_by_photo_and_is_whole(
    package: ExportPackage, tmp_path: Path
) -> None:
    told: list[float] = []
    target = tmp_path / "out" / "record.zip"
    target.parent.mkdir()

    ExportService.write_zip(package, target, replace=False, progress=Progress(told.append))

    assert told == sorted(told) and told[-1] == 1.0 and len(told) >= PHOTOS
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as archive:
        record = json.loads(archive.read("record.json"))
        assert sorted(archive.namelist()[1:]) == sorted(p["file"] for p in record["photos"])
    assert _leftovers(target.parent) == []


def test_a_zip_export_cancelled_part_way_leaves_no_zip(
    package: ExportPackage, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "record.zip"
    target.parent.mkdir()
    progress: Progress

    def seen(share: float) -> None:
        if share >= 0.5:
            progress.cancel()

    progress = Progress(seen)

    with pytest.raises(Cancelled):
        ExportService.write_zip(package, target, replace=False, progress=progress)

    assert list(target.parent.iterdir()) == [], "no ZIP, not even a temporary one"


def test_a_cancelled_export_never_touches_the_file_it_would_replace(
    package: ExportPackage, tmp_path: Path
) -> None:
    target = tmp_path / "record.zip"
    target.write_bytes(b"last week's export")
    progress = Progress()
    progress.cancel()

    with pytest.raises(Cancelled):
        ExportService.write_zip(package, target, replace=True, progress=progress)

    assert target.read_bytes() == b"last week's export"
    assert _leftovers(tmp_path) == []
