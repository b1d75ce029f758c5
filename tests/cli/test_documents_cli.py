"""`mesodesk aftercare`, `consent` and `visit-summary` as a user runs them."""

from __future__ import annotations

import io
import stat
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from mesodesk.db import open_database, sqlite_url
from tests.cli.test_cli import run
from tests.document_visits import add_face_visit, add_spine_visit, pdf_text, poppler


@pytest.fixture
def clinic_db(tmp_path: Path) -> tuple[str, int, int]:
    """A database file with a Russian face visit and an English spine visit."""
    url = sqlite_url(tmp_path / "clinic.sqlite3")
    database = open_database(url)
    try:
        face = add_face_visit(database.sessions, checklist={"fever": False, "active_herpes": False})
        spine = add_spine_visit(database.sessions)
    finally:
        database.close()
    return url, face, spine


def _images(pdf: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get("/XObject")
        for ref in xobjects.get_object().values() if xobjects is not None else []:
            count += ref.get_object()["/Subtype"] == "/Image"
    return count


def test_aftercare_writes_a_private_pdf_in_the_cards_language(clinic_db, tmp_path: Path) -> None:
    url, face, _ = clinic_db
    out = tmp_path / "aftercare.pdf"

    result = run("aftercare", "--db", url, "--visit", str(face), "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = pdf_text(out.read_bytes())
    assert "Иванова Мария Петровна" in text and "RS-2411" in text
    assert "декоративной косметикой" in text


def test_aftercare_in_english_on_request_with_spine_advice(clinic_db, tmp_path: Path) -> None:
    url, _, spine = clinic_db
    out = tmp_path / "spine.pdf"

    result = run("aftercare", "--db", url, "--visit", str(spine), "--lang", "en", "-o", str(out))

    assert result.returncode == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "PX-5531" in text and "Mild headache" in text
    assert "decorative cosmetics" not in text


def test_documents_embed_the_dejavu_font(clinic_db, tmp_path: Path) -> None:
    url, face, _ = clinic_db
    out = tmp_path / "consent.pdf"
    assert run("consent", "--db", url, "--visit", str(face), "-o", str(out)).returncode == 0

    fonts = subprocess.run(
        [poppler("pdffonts"), str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]

    assert fonts
    for row in fonts:
        name, *_, emb, _sub, _uni, _obj, _gen = row.split()
        assert "DejaVu" in name and emb == "yes", row


def test_consent_lists_the_days_questions_with_answers(clinic_db, tmp_path: Path) -> None:
    url, face, _ = clinic_db
    out = tmp_path / "consent.pdf"

    result = run("consent", "--db", url, "--visit", str(face), "--lang", "en", "-o", str(out))

    assert result.returncode == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "Fever" in text and " No " in text


def test_visit_summary_is_written(clinic_db, tmp_path: Path) -> None:
    url, _, spine = clinic_db
    out = tmp_path / "summary.pdf"

    result = run("visit-summary", "--db", url, "--visit", str(spine), "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert "PX-5531" in pdf_text(out.read_bytes())


def test_aftercare_carries_the_marked_diagram(clinic_db, tmp_path: Path) -> None:
    pytest.importorskip("mesodesk.ui.diagram.image", reason="the diagram renderer is not built")
    url, face, _ = clinic_db
    out = tmp_path / "aftercare.pdf"

    result = run("aftercare", "--db", url, "--visit", str(face), "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert _images(out.read_bytes()) >= 1


@pytest.mark.parametrize("command", ["aftercare", "consent", "visit-summary"])
def test_unknown_visit_is_one_line_on_stderr_and_no_file(
    clinic_db, tmp_path: Path, command: str
) -> None:
    url, _, _ = clinic_db
    out = tmp_path / "missing.pdf"

    result = run(command, "--db", url, "--visit", "999", "-o", str(out))

    assert result.returncode == 2
    assert result.stderr.strip() == "mesodesk: error: There is no visit number 999."
    assert not out.exists()
    assert list(tmp_path.glob("*.pdf")) == []
