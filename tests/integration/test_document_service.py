"""The documents of a stored visit, on both engines, read back with pdftotext."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from mesodesk.db import Database
from mesodesk.documents.model import Answer
from mesodesk.domain.anamnesis import (
    AllergyEntry,
    Anamnesis,
    ConditionEntry,
    MedicationEntry,
)
from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.domain.vocabulary import Language, Technique, VisitStatus
from mesodesk.services.demo import fill_demo
from mesodesk.services.documents import DocumentService, NothingToPrint
from mesodesk.services.errors import NotFound
from mesodesk.services.registry import Services, build_services
from tests.document_visits import (
    add_face_visit,
    add_spine_visit,
    english_words,
    line_of,
    page_count,
    pdf_text,
    pdf_words,
)

CLINIC = ClinicProfile(
    name="Клиника «Аврора»", address="г. Казань, ул. Баумана, 15", phone="+7 843 555-12-34"
)
BRANDS = ("REVI Silk", "REVI Eye", "REVI Style", "REVI Strong")


def _documents(database: Database) -> DocumentService:
    services = build_services(database.sessions)
    return DocumentService(
        database.sessions,
        marks=services.marks,
        anamnesis=services.anamnesis,
        screening=services.screening.screening,
        clinic_profile=lambda: CLINIC,
    )


def _chart_forehead(services: Services, visit_id: int, depth: str = "1") -> None:
    forehead = load_diagram(DiagramName.FACE).zone("forehead").label_point
    services.marks.add(
        MarkRecord(
            id=None,
            visit_id=visit_id,
            diagram=DiagramName.FACE,
            shape=MarkShape.POINT,
            points=(Point(*forehead),),
            technique=Technique.PINPOINT,
            depth_mm=Decimal(depth),
            volume_ml=Decimal("0.05"),
            needle="30G 4 mm",
        )
    )


def test_russian_facial_nappage_sheet_shows_name_lots_face_advice_and_next_visit(
    database: Database,
) -> None:
    visit_id = add_face_visit(database.sessions)
    _chart_forehead(build_services(database.sessions), visit_id)

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
    assert "Лицо, шея и декольте" in text and "Точечная: 1" in text, "the charted map"


def test_english_spine_sheet_gives_spine_advice_and_the_next_planned_visit(
    database: Database,
) -> None:
    visit_id = add_spine_visit(database.sessions)

    text = pdf_text(_documents(database).aftercare_pdf(visit_id))

    assert "Doe Jane" in text
    assert "PX-5531" in text and "OS-118" in text
    assert "Pentoxifylline 2%" in text and "Пентоксифиллин" not in text
    assert "Along the spine" in text
    assert "Mild headache" in text
    assert "decorative cosmetics" not in text
    assert "touch your face" not in text
    assert "Tuesday, 25 March 2025, 16:00" in text, "the cancelled visit is not the next one"


def test_a_russian_print_names_the_products_in_russian(sqlite_db: Database) -> None:
    visit_id = add_spine_visit(sqlite_db.sessions)

    text = pdf_text(_documents(sqlite_db).aftercare_pdf(visit_id, Language.RUSSIAN))

    assert "Пентоксифиллин 2%" in text and "Органический кремний" in text
    assert "Pentoxifylline" not in text
    assert english_words(text, ("Doe Jane", "Dr John Roe")) == [], "names are as on the card"


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


def test_an_empty_visit_is_refused_an_aftercare_sheet(
    sqlite_services: Services, sqlite_db: Database
) -> None:
    done = sqlite_services.visits.get(add_face_visit(sqlite_db.sessions))
    planned = sqlite_services.visits.start_visit(
        done.patient_id, done.starts_at + timedelta(days=30), "Сидорова А. В."
    )

    with pytest.raises(NothingToPrint, match="nothing to put on an aftercare sheet"):
        sqlite_services.documents.aftercare_pdf(planned.id or 0)


def test_the_mesoscooter_sheet_prints_for_any_visit(sqlite_db: Database) -> None:
    visit_id = add_face_visit(sqlite_db.sessions)

    pdf = _documents(sqlite_db).mesoscooter_pdf(visit_id)

    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    assert "Иванова Мария Петровна" in text and "не менее 75%" in text
    assert "Звоните: +7 843 555-12-34" in text


def test_default_file_names_carry_the_patient_and_the_visit_day(sqlite_db: Database) -> None:
    visit_id = add_face_visit(sqlite_db.sessions)
    documents = _documents(sqlite_db)

    assert documents.suggested_file_name("aftercare", visit_id, Language.RUSSIAN) == (
        "Рекомендации_Иванова_Мария_Петровна_2025-03-12.pdf"
    )
    assert documents.suggested_file_name("visit-summary", visit_id, Language.ENGLISH) == (
        "Visit-summary_Иванова_Мария_Петровна_2025-03-12.pdf"
    )


# --- consent --------------------------------------------------------------------------------


def test_consent_without_any_record_leaves_every_answer_to_the_patient(database: Database) -> None:
    visit_id = add_spine_visit(database.sessions)
    documents = _documents(database)

    consent = documents.consent_input(visit_id)
    answers = {q.code: q.answer for q in consent.questions}
    text = pdf_text(documents.consent_pdf(visit_id))

    assert answers["pregnancy"] is Answer.NOT_ASKED and answers["fever"] is Answer.NOT_ASKED
    assert answers["minor_age"] is Answer.NO, "the age comes from the date of birth"
    assert "varicose_veins" in answers, "a vascular visit asks about varicose veins"
    assert "No questions were asked" not in text
    assert "Fill in the empty boxes by hand" in text
    assert "Diabetes mellitus*" in text and "Taking anticoagulants" in text
    assert "Varicose veins" in text


def test_consent_fills_in_the_answers_on_the_card_and_the_days_checklist(
    database: Database,
) -> None:
    checklist = {"menstruation": False, "fever": False, "active_herpes": True}
    visit_id = add_face_visit(database.sessions, checklist=checklist)
    services = build_services(database.sessions)
    patient_id = services.visits.get(visit_id).patient_id
    services.anamnesis.save(
        PatientAnamnesisRecord(
            patient_id,
            Anamnesis(
                conditions=(ConditionEntry("diabetes", note="на инсулине"),),
                allergies=(AllergyEntry(substance="лидокаин"),),
                medications=(MedicationEntry("Варфарин", anticoagulant=True),),
            ),
        )
    )
    documents = _documents(database)

    answers = {q.code: q for q in documents.consent_input(visit_id).questions}
    pdf = documents.consent_pdf(visit_id)
    layout = pdf_words(pdf)

    assert answers["diabetes"].answer is Answer.YES and answers["diabetes"].detail == "на инсулине"
    assert answers["pregnancy"].answer is Answer.NO
    assert answers["component_allergy"].detail == "лидокаин"
    assert answers["anticoagulants"].answer is Answer.YES
    assert answers["active_herpes"].answer is Answer.YES and answers["fever"].answer is Answer.NO
    assert "rosacea" not in answers and "varicose_veins" not in answers, "vascular-only items"
    assert line_of(layout, "Сахарный") == "Сахарный диабет* — на инсулине ☒ ☐"
    assert line_of(layout, "Беременность*") == "Беременность* ☐ ☒"
    assert line_of(layout, "Герпес").endswith("☒ ☐")
    assert "Варфарин" in pdf_text(pdf)


def test_consent_in_english_on_request(database: Database) -> None:
    checklist = {"menstruation": False, "fever": False, "active_herpes": True}
    visit_id = add_face_visit(database.sessions, checklist=checklist)

    pdf = _documents(database).consent_pdf(visit_id, Language.ENGLISH)
    layout = pdf_words(pdf)

    assert "Иванова Мария Петровна" in pdf_text(pdf) and "REVI Silk" in pdf_text(pdf)
    assert line_of(layout, "Menstruation") == "Menstruation ☐ ☒"
    assert line_of(layout, "herpes") == "Active herpes ☒ ☐"
    assert line_of(layout, "Pregnancy*") == "Pregnancy* ☐ ☐", "the card was never filled in"


# --- protocol -------------------------------------------------------------------------------


def test_protocol_shows_every_finding_with_its_decision_and_the_charted_depths(
    database: Database,
) -> None:
    visit_id = add_face_visit(database.sessions)
    services = build_services(database.sessions)
    visit = services.visits.get(visit_id)
    services.visits.save(
        replace(visit, anaesthesia="Крем с лидокаином 5%", disinfection="Хлоргексидин 0,05%")
    )
    services.anamnesis.save(
        PatientAnamnesisRecord(
            visit.patient_id, Anamnesis(conditions=(ConditionEntry("hypertension"),))
        )
    )
    _chart_forehead(services, visit_id, depth="6")
    block = next(
        f
        for f in services.screening.screen_visit(visit_id)
        if f.key == "contraindication:hypertension"
    )
    services.screening.record_override(visit_id, block, "Давление 128/82 сегодня", "Сидорова А. В.")
    documents = _documents(database)

    pdf = documents.visit_summary_pdf(visit_id)
    text = pdf_text(pdf)

    assert "Анестезия: Крем с лидокаином 5%" in text
    assert "Антисептика: Хлоргексидин 0,05%" in text
    assert "Артериальная гипертензия (повышенное давление): абсолютное противопоказание" in text
    assert "Решение: Давление 128/82 сегодня (Сидорова А. В.," in text
    assert "6 мм — глубже предела 4 мм для лица" in text
    assert line_of(pdf_words(pdf), "Лоб") == "Лоб Точечная 6 мм 30G 4 мм 1 0,05 мл"
    english = pdf_text(documents.visit_summary_pdf(visit_id, Language.ENGLISH))
    assert "6 mm is deeper than the 4 mm limit for the face" in english
    assert "Decision: Давление 128/82 сегодня" in english


def test_visit_summary_holds_the_lots_and_the_practitioner(sqlite_db: Database) -> None:
    visit_id = add_spine_visit(sqlite_db.sessions)

    text = pdf_text(_documents(sqlite_db).visit_summary_pdf(visit_id))

    assert "PX-5531" in text and "Dr John Roe" in text
    assert "31 January 2027" in text


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


# --- the demo, printed in Russian ------------------------------------------------------------


def test_every_document_of_a_russian_demo_visit_is_free_of_english(sqlite_db: Database) -> None:
    services = build_services(sqlite_db.sessions)
    services.catalog.ensure_starter_catalog()
    fill_demo(services, 40, seed=1)
    russian = [
        visit
        for row in services.patients.search("", limit=200)
        for visit in services.visits.list_for_patient(row.id)
        if visit.status is VisitStatus.DONE
        and services.patients.get(row.id).language is Language.RUSSIAN
    ]
    by_region: dict[str, int] = {}
    for visit in russian:
        by_region.setdefault(visit.treated_areas[0].region, visit.id or 0)
    assert len(by_region) == 3, "the demo has face, body and vascular visits in Russian"

    for visit_id in by_region.values():
        for kind in ("aftercare", "consent", "visit-summary", "mesoscooter-care"):
            text = pdf_text(services.documents.pdf(kind, visit_id))
            assert english_words(text, BRANDS) == [], (kind, visit_id)


def test_the_demo_catalog_gives_every_product_a_russian_name(sqlite_services: Services) -> None:
    sqlite_services.catalog.ensure_starter_catalog()

    products = sqlite_services.catalog.list_products()

    assert products and all(p.name_ru for p in products)
    assert english_words(" ".join(p.name_ru for p in products), BRANDS) == []
