"""The documents of a stored visit, on both engines, read back with pdftotext."""

from __future__ import annotations

import json
import re

import pytest

from mesodesk.db import Database
from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.vocabulary import Language
from mesodesk.services.documents import DocumentService
from mesodesk.services.errors import NotFound
from mesodesk.services.registry import Services
from tests.document_visits import add_face_visit, add_spine_visit, page_count, pdf_text

CLINIC = ClinicProfile(
    name="Клиника «Аврора»", address="г. Казань, ул. Баумана, 15", phone="+7 843 555-12-34"
)


def _documents(database: Database) -> DocumentService:
    return DocumentService(database.sessions, clinic_profile=lambda: CLINIC)


def test_russian_facial_nappage_sheet_shows_name_lots_face_advice_and_next_visit(
    database: Database,
) -> None:
    visit_id = add_face_visit(database.sessions)

    pdf = _documents(database).aftercare_pdf(visit_id)
    text = pdf_text(pdf)

    assert page_count(pdf) == 1
    assert "Иванова Мария Петровна" in text
    assert "RS-2411" in text and "RE-0925" in text
    assert "Наппаж, средний" in text
    assert "декоративной косметикой" in text
    assert "Не массируйте лицо" in text
    assert "19 марта 2025 г., 10:30" in text
    assert "Клиника «Аврора»" in text and "+7 843 555-12-34" in text
    assert "Сидорова Анна Викторовна" in text


def test_english_spine_sheet_gives_spine_advice_and_the_next_planned_visit(
    database: Database,
) -> None:
    visit_id = add_spine_visit(database.sessions)

    text = pdf_text(_documents(database).aftercare_pdf(visit_id))

    assert "Doe Jane" in text
    assert "PX-5531" in text and "OS-118" in text
    assert "Along the spine" in text
    assert "Mild headache" in text
    assert "decorative cosmetics" not in text
    assert "touch your face" not in text
    assert "Tuesday, 25 March 2025, 16:00" in text, "the cancelled visit is not the next one"


def test_sheet_is_printed_in_the_language_asked_for_instead_of_the_cards(
    sqlite_db: Database,
) -> None:
    visit_id = add_face_visit(sqlite_db.sessions)

    text = pdf_text(_documents(sqlite_db).aftercare_pdf(visit_id, Language.ENGLISH))

    assert "Иванова Мария Петровна" in text
    assert "decorative cosmetics" in text
    assert "декоративной" not in text


def test_aftercare_input_takes_the_cards_language_and_the_lots_in_order(
    sqlite_services: Services, sqlite_db: Database
) -> None:
    visit_id = add_face_visit(sqlite_db.sessions)

    sheet = sqlite_services.documents.aftercare_input(visit_id)

    assert sheet.language is Language.RUSSIAN
    assert [(p.product, p.lot_number) for p in sheet.products] == [
        ("REVI Silk", "RS-2411"),
        ("REVI Eye", "RE-0925"),
    ]
    assert not sheet.home_mesoscooter


def test_consent_lists_the_questions_asked_with_the_patients_answers(database: Database) -> None:
    checklist = {"menstruation": False, "fever": False, "active_herpes": True}
    visit_id = add_face_visit(database.sessions, checklist=checklist)

    text = pdf_text(_documents(database).consent_pdf(visit_id, Language.ENGLISH))

    assert "Jane" not in text and "Иванова Мария Петровна" in text
    assert "Menstruation No" in text
    assert re.search(r"herpes[^.]*? Yes", text), text
    assert "REVI Silk" in text


def test_consent_without_a_checklist_says_no_questions_were_asked(sqlite_db: Database) -> None:
    visit_id = add_spine_visit(sqlite_db.sessions)

    text = pdf_text(_documents(sqlite_db).consent_pdf(visit_id))

    assert "No questions were asked." in text


def test_visit_summary_holds_the_lots_and_the_practitioner(sqlite_db: Database) -> None:
    visit_id = add_spine_visit(sqlite_db.sessions)

    text = pdf_text(_documents(sqlite_db).visit_summary_pdf(visit_id))

    assert "PX-5531" in text and "Dr John Roe" in text


def test_clinic_wording_in_the_data_folder_replaces_the_shipped_text(
    sqlite_db: Database, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MESODESK_DATA_DIR", str(tmp_path / "data"))
    texts = tmp_path / "data" / "texts"
    texts.mkdir(parents=True)
    override = {"reactions": [{"id": "headache", "text": "A light headache, ring us if it stays"}]}
    (texts / "aftercare.en.json").write_text(json.dumps(override), encoding="utf-8")
    visit_id = add_spine_visit(sqlite_db.sessions)

    text = pdf_text(_documents(sqlite_db).aftercare_pdf(visit_id))

    assert "A light headache, ring us if it stays" in text


def test_unknown_visit_is_refused_with_a_sentence(sqlite_services: Services) -> None:
    with pytest.raises(NotFound, match=r"There is no visit number 404\."):
        sqlite_services.documents.aftercare_pdf(404)
