"""`mesodesk aftercare`, `consent` and `visit-summary` as a user runs them."""

from __future__ import annotations

import io
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.vocabulary import Technique
from mesodesk.services.registry import build_services
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


def test_aftercare_carries_the_map_drawn_from_the_marks(clinic_db, tmp_path: Path) -> None:
    url, face, _ = clinic_db
    database = open_database(url)
    try:
        forehead = load_diagram(DiagramName.FACE).zone("forehead").label_point
        build_services(database.sessions).marks.add(
            MarkRecord(
                None,
                face,
                DiagramName.FACE,
                MarkShape.POINT,
                (Point(*forehead),),
                technique=Technique.PINPOINT,
            )
        )
    finally:
        database.close()
    out = tmp_path / "aftercare.pdf"

    result = run("aftercare", "--db", url, "--visit", str(face), "-o", str(out))

    assert result.returncode == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "Лицо, шея и декольте" in text and "Точечная: 1" in text and "Лоб" in text
    assert _images(out.read_bytes()) == 0, "the map is drawn as vectors, not pasted as a picture"


def test_mesoscooter_care_is_its_own_command(clinic_db, tmp_path: Path) -> None:
    url, face, spine = clinic_db
    out = tmp_path / "roller.pdf"

    result = run("mesoscooter-care", "--db", url, "--visit", str(face), "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = pdf_text(out.read_bytes())
    assert "Как ухаживать за мезороллером дома" in text and "Иванова Мария Петровна" in text
    english = tmp_path / "roller-en.pdf"
    assert (
        run("mesoscooter-care", "--db", url, "--visit", str(spine), "-o", str(english)).returncode
        == 0
    )
    assert "Caring for your home mesoscooter" in pdf_text(english.read_bytes())


NO_QT = """
import importlib.abc, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is not installed here")
        return None

sys.meta_path.insert(0, NoQt())
from mesodesk.cli import main
code = main(sys.argv[1:])
assert not any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules), "Qt imported"
sys.exit(code)
"""


@pytest.mark.parametrize("command", ["aftercare", "consent", "visit-summary", "mesoscooter-care"])
def test_document_commands_run_without_pyside6(clinic_db, tmp_path: Path, command: str) -> None:
    url, face, _ = clinic_db
    out = tmp_path / f"{command}.pdf"

    result = subprocess.run(
        [sys.executable, "-c", NO_QT, command, "--db", url, "--visit", str(face), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "Иванова Мария Петровна" in pdf_text(out.read_bytes())


def test_an_empty_visit_is_refused_in_one_line_and_no_file(clinic_db, tmp_path: Path) -> None:
    url, face, _ = clinic_db
    database = open_database(url)
    try:
        services = build_services(database.sessions)
        done = services.visits.get(face)
        planned = services.visits.start_visit(
            done.patient_id, done.starts_at + timedelta(days=40), "Сидорова А. В."
        )
    finally:
        database.close()
    out = tmp_path / "empty.pdf"

    result = run("aftercare", "--db", url, "--visit", str(planned.id), "-o", str(out))

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("mesodesk: error: There is nothing to put on an aftercare")
    assert not out.exists()


@pytest.mark.parametrize("command", ["aftercare", "consent", "visit-summary", "mesoscooter-care"])
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


def test_a_missing_database_is_refused_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite3"
    out = tmp_path / "aftercare.pdf"

    result = run("aftercare", "--db", str(missing), "--visit", "1", "-o", str(out))

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(missing) in result.stderr
    assert "nothing was created" in result.stderr
    assert not missing.exists() and not out.exists()


def test_an_output_folder_that_does_not_exist_is_named_in_one_line(
    clinic_db, tmp_path: Path
) -> None:
    url, face, _ = clinic_db
    out = tmp_path / "no-such-folder" / "consent.pdf"

    result = run("consent", "--db", url, "--visit", str(face), "-o", str(out))

    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"mesodesk: error: The folder {out.parent} does not exist; nothing was written."
    )


def test_a_broken_clinic_wording_file_is_one_note_naming_it_and_the_shipped_texts_print(
    clinic_db, tmp_path: Path
) -> None:
    url, face, _ = clinic_db
    texts = tmp_path / "data" / "texts"
    texts.mkdir(parents=True)
    (texts / "aftercare.ru.json").write_text('{"advice": [', encoding="utf-8")
    out = tmp_path / "aftercare.pdf"

    result = run(
        "aftercare",
        "--db",
        url,
        "--visit",
        str(face),
        "-o",
        str(out),
        env={"MESODESK_DATA_DIR": str(tmp_path / "data")},
    )

    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and "aftercare.ru.json" in result.stderr
    assert result.stderr.startswith("mesodesk: note:")
    assert "not valid JSON" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes().startswith(b"%PDF")
