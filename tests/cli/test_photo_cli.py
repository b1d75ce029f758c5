"""`mesodesk photo add`, and photos in `mesodesk export` and `mesodesk visit-summary`, as a
user runs them: the same checks and stripping as the window, the patient's consent honoured."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import zipfile
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.photos import PhotoConsent
from mesodesk.services.registry import build_services
from tests.cli.test_cli import run
from tests.integration.safety_helpers import add_patient
from tests.photo_files import GPS_IFD, camera_jpeg, plain_png, truncated_jpeg


@pytest.fixture
def clinic(tmp_path: Path) -> tuple[Path, int, int]:
    """A database with one patient and one visit: (database file, patient id, visit id)."""
    path = tmp_path / "clinic.sqlite3"
    database = open_database(sqlite_url(path))
    services = build_services(database.sessions)
    card = add_patient(services)
    visit = services.visits.start_visit(card.id, datetime(2026, 3, 2, 9, tzinfo=UTC), "Dr Ivanova")
    database.close()
    assert visit.id is not None
    return path, card.id, visit.id


def _photos(path: Path, visit_id: int) -> list[object]:
    database = open_database(sqlite_url(path))
    try:
        return list(build_services(database.sessions).photos.for_visit(visit_id))
    finally:
        database.close()


def _consent(path: Path, patient_id: int, level: PhotoConsent) -> None:
    database = open_database(sqlite_url(path))
    try:
        build_services(database.sessions).photos.set_consent(patient_id, level, date(2026, 3, 2))
    finally:
        database.close()


def _add(path: Path, visit_id: int, *files: Path) -> subprocess.CompletedProcess[str]:
    return run(
        "photo", "add", "--db", str(path), "--visit", str(visit_id), "--kind", "before",
        "--view", "front", *map(str, files),
    )  # fmt: skip


def _photo_files() -> list[Path]:
    root = Path(os.environ["MESODESK_DATA_DIR"]) / "photos"
    return [p for p in root.rglob("*") if p.is_file() and p.parent.name != "thumbnails"]


def test_photo_add_with_a_bad_file_saves_nothing(clinic, tmp_path: Path) -> None:
    path, _, visit_id = clinic
    before = set(_photo_files())
    good = camera_jpeg(tmp_path / "IMG_1.jpg", colour=(11, 22, 33))
    broken = truncated_jpeg(tmp_path / "IMG_2.jpg")
    text = tmp_path / "IMG_3.jpg"
    text.write_text("not a picture")

    for bad in (broken, text):
        result = _add(path, visit_id, good, bad)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and bad.name in result.stderr
        assert "nothing was saved" in result.stderr and "Traceback" not in result.stderr
    assert _photos(path, visit_id) == []
    assert set(_photo_files()) == before


def test_photo_add_stores_photos_without_location(clinic, tmp_path: Path) -> None:
    path, _, visit_id = clinic
    result = _add(
        path,
        visit_id,
        camera_jpeg(tmp_path / "a.jpg", colour=(1, 200, 3)),
        plain_png(tmp_path / "b.png"),
    )
    assert result.returncode == 0, result.stderr
    assert "Added 2 photo(s)" in result.stdout
    stored = _photos(path, visit_id)
    assert len(stored) == 2
    root = Path(os.environ["MESODESK_DATA_DIR"]) / "photos"
    for photo in stored:
        file = root / photo.file_name[:2] / photo.file_name  # type: ignore[attr-defined]
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        with Image.open(file) as image:
            assert not image.getexif().get_ifd(GPS_IFD)


def test_export_without_consent_leaves_the_photos_out_and_says_so(clinic, tmp_path: Path) -> None:
    path, patient_id, visit_id = clinic
    assert _add(path, visit_id, camera_jpeg(tmp_path / "a.jpg", colour=(5, 6, 7))).returncode == 0
    out = tmp_path / "record.json"

    result = run("export", "--db", str(path), "--patient", str(patient_id), "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert "photos left out" in result.stderr and "no photo consent" in result.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert [photo["file"] for photo in record["photos"]] == [None]
    assert record["photos"][0]["kind"] == "before"

    zipped = tmp_path / "record.zip"
    result = run("export", "--db", str(path), "--patient", str(patient_id), "-o", str(zipped))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(zipped) as archive:
        assert archive.namelist() == ["record.json"]


def test_export_with_consent_writes_a_zip_of_record_and_photos(clinic, tmp_path: Path) -> None:
    path, patient_id, visit_id = clinic
    assert _add(path, visit_id, camera_jpeg(tmp_path / "a.jpg", colour=(8, 9, 10))).returncode == 0
    _consent(path, patient_id, PhotoConsent.SHOW_PATIENT)

    as_json = tmp_path / "record.json"
    refused = run("export", "--db", str(path), "--patient", str(patient_id), "-o", str(as_json))
    assert refused.returncode == 2 and "FILE.zip" in refused.stderr
    assert not as_json.exists()

    zipped = tmp_path / "record.zip"
    result = run("export", "--db", str(path), "--patient", str(patient_id), "-o", str(zipped))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(zipped.stat().st_mode) == 0o600
    with zipfile.ZipFile(zipped) as archive:
        record = json.loads(archive.read("record.json"))
        (photo,) = record["photos"]
        assert photo["file"] in archive.namelist()
        with Image.open(BytesIO(archive.read(photo["file"]))) as image:
            assert not image.getexif().get_ifd(GPS_IFD)


def test_visit_summary_prints_photos_only_with_consent(clinic, tmp_path: Path) -> None:
    path, patient_id, visit_id = clinic
    assert _add(path, visit_id, camera_jpeg(tmp_path / "a.jpg", size=(600, 400))).returncode == 0
    pdf = tmp_path / "summary.pdf"
    command = ["visit-summary", "--db", str(path), "--visit", str(visit_id), "--lang", "en"]

    refused = run(*command, "--photos", "-o", str(pdf))
    assert refused.returncode == 2 and "no photo consent" in refused.stderr
    assert not pdf.exists()

    _consent(path, patient_id, PhotoConsent.SHOW_PATIENT)
    result = run(*command, "--photos", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Photos" in text and "Before, front" in text
    plain = tmp_path / "plain.pdf"
    assert run(*command, "-o", str(plain)).returncode == 0
    assert (
        "Before, front"
        not in subprocess.run(["pdftotext", str(plain), "-"], capture_output=True, text=True).stdout
    )
