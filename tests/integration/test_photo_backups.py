"""Photos travel with the backups: every backup copies the photo files its records refer to
into `photos/` beside it (only those not there yet, each checked against its name, owner-only),
and a restore puts back those the data folder lacks; a photo that cannot be found is told in
one sentence and never undoes the restore. On SQLite and PostgreSQL (pg_dump archives)."""

from __future__ import annotations

import shutil
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mesodesk.db import Database
from mesodesk.domain.backups import BackupPolicy
from mesodesk.domain.photos import PhotoKind, PhotoView
from mesodesk.services.backup import BackupService
from mesodesk.services.registry import Services
from tests.backup_helpers import Clock
from tests.integration.safety_helpers import add_patient
from tests.photo_files import camera_jpeg, plain_png

START = datetime(2026, 3, 2, 9, 30, 0)
MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MESODESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


def _photographed_visit(services: Services, tmp_path: Path) -> tuple[int, dict[str, bytes]]:
    """A visit with two photos; the stored files' names and bytes as the data folder has them."""
    card = add_patient(services)
    visit = services.visits.start_visit(card.id, MORNING, "Dr Smirnova")
    assert visit.id is not None
    added = services.photos.add(
        visit.id,
        PhotoKind.BEFORE,
        PhotoView.FRONT,
        [camera_jpeg(tmp_path / "IMG_0001.jpg"), plain_png(tmp_path / "scan.png")],
    )
    stored = {p.file_name: services.photos.image_path(p.id).read_bytes() for p in added}
    assert len(stored) == 2
    return visit.id, stored


def _photo_files(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in folder.glob("*/*")
        if p.is_file() and p.parent.name != "thumbnails"
    }


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_restore_after_the_photos_are_lost_brings_them_back_byte_for_byte(
    database: Database, services: Services, clock: Clock, tmp_path: Path, data_folder: Path
) -> None:
    visit_id, stored = _photographed_visit(services, tmp_path)
    backups = BackupService.for_database(database, clock)

    made = backups.backup_now()
    shutil.rmtree(data_folder / "photos")  # the disk failed
    done = backups.restore(made.path)

    assert made.photos is not None and made.photos.copied == 2 and made.photos.problem is None
    assert _photo_files(made.path.parent / "photos") == stored
    assert done.photos.copied == 2 and done.photos.problem is None
    assert _photo_files(data_folder / "photos") == stored
    assert {p.file_name for p in services.photos.for_visit(visit_id)} == set(stored)


def test_a_second_backup_copies_no_photo_again_and_pruning_keeps_the_photos(
    database: Database, services: Services, clock: Clock, tmp_path: Path
) -> None:
    _visit_id, stored = _photographed_visit(services, tmp_path)
    backups = BackupService.for_database(database, clock)
    assert backups.settings is not None
    backups.settings.save_policy(BackupPolicy(keep=1))
    first = backups.backup_now()
    folder = first.path.parent / "photos"
    before = {p: p.stat().st_ino for p in folder.glob("*/*")}

    clock.now = START + timedelta(days=1)
    second = backups.backup_now()

    assert second.photos is not None and second.photos.copied == 0
    assert second.photos.problem is None
    assert second.removed == (first.path.name,)
    assert {p: p.stat().st_ino for p in folder.glob("*/*")} == before
    assert _photo_files(folder) == stored


def test_photo_files_beside_the_backups_are_owner_only(
    database: Database, services: Services, clock: Clock, tmp_path: Path, data_folder: Path
) -> None:
    _photographed_visit(services, tmp_path)
    backups = BackupService.for_database(database, clock)

    made = backups.backup_now()
    shutil.rmtree(data_folder / "photos")
    backups.restore(made.path)

    for root in (made.path.parent / "photos", data_folder / "photos"):
        assert _mode(root) == 0o700
        files = [p for p in root.glob("*/*") if p.parent.name != "thumbnails"]
        assert len(files) == 2
        for file in files:
            assert _mode(file) == 0o600
            assert _mode(file.parent) == 0o700


def test_a_photo_found_nowhere_is_told_in_one_sentence_and_its_record_is_kept(
    database: Database, services: Services, clock: Clock, tmp_path: Path, data_folder: Path
) -> None:
    visit_id, stored = _photographed_visit(services, tmp_path)
    backups = BackupService.for_database(database, clock)
    made = backups.backup_now()
    lost = sorted(stored)[0]
    (made.path.parent / "photos" / lost[:2] / lost).unlink()
    shutil.rmtree(data_folder / "photos")

    done = backups.restore(made.path)

    assert done.photos.copied == 1
    problem = done.photos.problem
    assert problem is not None and problem.startswith("1 photo of the restored records")
    assert "kept" in problem and problem.count(". ") == 0
    assert set(_photo_files(data_folder / "photos")) == set(stored) - {lost}
    assert len(services.photos.for_visit(visit_id)) == 2


def test_a_damaged_photo_in_the_data_folder_is_not_backed_up_and_is_told(
    sqlite_db: Database, sqlite_services: Services, clock: Clock, tmp_path: Path
) -> None:
    _visit_id, stored = _photographed_visit(sqlite_services, tmp_path)
    damaged = sorted(stored)[0]
    path = sqlite_services.photos.store.path(damaged)
    path.write_bytes(stored[damaged][:100])

    made = BackupService.for_database(sqlite_db, clock).backup_now()

    assert made.photos is not None and made.photos.copied == 1
    assert made.photos.problem is not None and made.photos.problem.startswith("1 photo that")
    assert set(_photo_files(made.path.parent / "photos")) == set(stored) - {damaged}
    assert not list((made.path.parent / "photos").rglob(".*"))  # no temporary file is left


def test_a_backup_to_a_named_file_and_the_copy_folder_carry_the_photos(
    database: Database, services: Services, clock: Clock, tmp_path: Path, data_folder: Path
) -> None:
    _visit_id, stored = _photographed_visit(services, tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    backups = BackupService.for_database(database, clock)
    assert backups.settings is not None
    backups.settings.save_policy(BackupPolicy(keep=2, copy_folder=str(usb)))
    named = tmp_path / "stick" / "clinic.backup"
    named.parent.mkdir()

    kept = backups.backup_to(named, replace_existing=False)
    made = backups.backup_now()

    assert kept.copied == 2 and kept.problem is None
    assert _photo_files(named.parent / "photos") == stored
    assert made.copy_problem is None
    assert _photo_files(usb / "photos") == stored
    shutil.rmtree(data_folder / "photos")
    done = backups.restore(usb / made.path.name)
    assert done.photos.problem is None and _photo_files(data_folder / "photos") == stored
