"""The printed documents, read back the way another machine would: poppler's tools and pypdf."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from mesodesk.documents.aftercare import build_aftercare, build_mesoscooter_care
from mesodesk.documents.consent import build_consent
from mesodesk.documents.model import (
    Addendum,
    AftercareInput,
    ClinicLetterhead,
    ConsentAnswer,
    ConsentInput,
    MesoscooterCareInput,
    ObservedReaction,
    ProductUse,
    VisitSummaryInput,
)
from mesodesk.documents.texts import text_override_problems
from mesodesk.documents.visit_summary import build_visit_summary
from mesodesk.domain.vocabulary import (
    Area,
    Language,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
)
from tests.document_visits import pdf_text, poppler

PATIENT_RU = "Иванова Мария Петровна"
CLINIC_RU = ClinicLetterhead(
    name="Клиника эстетической медицины «Аврора»",
    address="г. Казань, ул. Баумана, д. 15",
    phone="+7 (843) 555-12-34",
)
CLINIC_EN = ClinicLetterhead(
    name="Aurora Aesthetic Clinic", address="15 Harbour Street", phone="+44 1273 555 123"
)


def _png(width: int = 40, height: int = 60) -> bytes:
    """A small RGB PNG made by hand, standing in for the rendered injection map."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + bytes((200, 60 + y * 2, 60)) * width for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _russian_face_visit(**changes: object) -> AftercareInput:
    values: dict[str, object] = {
        "language": Language.RUSSIAN,
        "clinic": CLINIC_RU,
        "patient_name": PATIENT_RU,
        "visit_on": date(2025, 3, 12),
        "areas": [Area.FACE, Area.NECK],
        "techniques": [Technique.NAPPAGE_MIDDLE],
        "products": [
            ProductUse("REVI Silk", "RS-2411", Decimal("1.0")),
            ProductUse("REVI Eye", "RE-0925", Decimal("0.5")),
        ],
        "practitioner_name": "Сидорова Анна Викторовна",
        "diagram_png": _png(),
        "next_appointment": datetime(2025, 3, 19, 10, 30),
    }
    values.update(changes)
    return AftercareInput(**values)  # type: ignore[arg-type]


def _english_spine_visit(**changes: object) -> AftercareInput:
    values: dict[str, object] = {
        "language": Language.ENGLISH,
        "clinic": CLINIC_EN,
        "patient_name": "Jane Doe",
        "visit_on": date(2025, 3, 12),
        "areas": [Area.VASCULAR],
        "techniques": [Technique.PINPOINT],
        "products": [
            ProductUse("Pentoxifylline 2%", "PX-5531", Decimal("2")),
            ProductUse("Organic silicon", "OS-118", Decimal("1.5")),
        ],
        "practitioner_name": "Dr John Roe",
        "diagram_png": _png(50, 80),
        "next_appointment": datetime(2025, 3, 18, 16, 0),
    }
    values.update(changes)
    return AftercareInput(**values)  # type: ignore[arg-type]


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _image_count(pdf: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get("/XObject")
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            if ref.get_object()["/Subtype"] == "/Image":
                count += 1
    return count


def test_russian_facial_nappage_sheet_holds_name_lots_face_advice_and_next_visit() -> None:
    text = pdf_text(build_aftercare(_russian_face_visit()))

    assert PATIENT_RU in text
    assert "RS-2411" in text and "RE-0925" in text
    assert "REVI Silk" in text and "1,0 мл" in text
    assert "Наппаж, средний" in text
    assert "декоративной косметикой" in text
    assert "Не массируйте лицо" in text
    assert "сауну, баню, солярий и бассейн" in text
    assert "19 марта 2025 г., 10:30" in text
    assert "+7 (843) 555-12-34" in text
    assert "головная боль" not in text


def test_english_vascular_spine_sheet_gives_no_face_only_advice() -> None:
    text = pdf_text(build_aftercare(_english_spine_visit()))

    assert "Jane Doe" in text
    assert "PX-5531" in text and "OS-118" in text
    assert "Along the spine" in text
    assert "Tuesday, 18 March 2025, 16:00" in text
    assert "No sauna, bathhouse, solarium or swimming pool" in text
    assert "aspirin" in text
    assert "Mild headache" in text
    assert "decorative cosmetics" not in text
    assert "touch your face" not in text
    assert "sunscreen" not in text
    assert "squeeze or scratch" not in text


def test_papular_technique_adds_its_own_advice() -> None:
    text = pdf_text(build_aftercare(_english_spine_visit(techniques=[Technique.PAPULAR])))

    assert "squeeze or scratch" in text


def test_sheet_without_next_appointment_says_it_will_be_agreed() -> None:
    text = pdf_text(build_aftercare(_russian_face_visit(next_appointment=None)))

    assert "договоримся с вами по телефону" in text


def test_fonts_are_embedded_dejavu_subsets() -> None:
    pdf = build_aftercare(_russian_face_visit())
    result = subprocess.run([poppler("pdffonts"), "-"], input=pdf, capture_output=True, check=True)
    rows = result.stdout.decode().splitlines()[2:]

    assert rows, "the PDF lists no fonts"
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert "DejaVu" in name, row
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_diagram_is_embedded_as_an_image_when_given() -> None:
    assert _image_count(build_aftercare(_russian_face_visit())) == 1
    assert _image_count(build_aftercare(_russian_face_visit(diagram_png=None))) == 0


def test_diagram_may_come_from_a_file(tmp_path: Path) -> None:
    diagram = tmp_path / "diagram.png"
    diagram.write_bytes(_png())

    assert _image_count(build_aftercare(_english_spine_visit(diagram_png=diagram))) == 1


def test_logo_is_printed_only_when_shown() -> None:
    shown = ClinicLetterhead(CLINIC_EN.name, CLINIC_EN.address, CLINIC_EN.phone, _png(80, 40))
    hidden = ClinicLetterhead(
        CLINIC_EN.name, CLINIC_EN.address, CLINIC_EN.phone, _png(80, 40), show_logo=False
    )

    assert _image_count(build_aftercare(_english_spine_visit(diagram_png=None, clinic=shown))) == 1
    assert _image_count(build_aftercare(_english_spine_visit(diagram_png=None, clinic=hidden))) == 0


@pytest.mark.parametrize("visit", [_russian_face_visit, _english_spine_visit])
def test_a_visit_with_six_products_fits_one_page(visit: Callable[..., AftercareInput]) -> None:
    products = [
        ProductUse(f"Cocktail component number {n}", f"LOT-{n:04d}-A", Decimal("1.25"))
        for n in range(6)
    ]
    pdf = build_aftercare(
        visit(
            products=products,
            areas=[Area.FACE, Area.NECK, Area.DECOLLETE, Area.VASCULAR],
            techniques=[Technique.PAPULAR, Technique.NAPPAGE_DEEP, Technique.PINPOINT],
        )
    )

    assert _pages(pdf) == 1
    assert "LOT-0005-A" in pdf_text(pdf)


def test_mesoscooter_care_follows_the_aftercare_sheet_when_one_was_handed_out() -> None:
    pdf = build_aftercare(_russian_face_visit(home_mesoscooter=True))
    text = pdf_text(pdf)

    assert _pages(pdf) == 2
    assert "не менее 75%" in text
    assert "около 20 минут" in text
    assert "целы ли иглы" in text


def test_mesoscooter_care_sheet_on_its_own() -> None:
    pdf = build_mesoscooter_care(
        MesoscooterCareInput(
            Language.ENGLISH, CLINIC_EN, "Jane Doe", date(2025, 3, 12), "Dr John Roe"
        )
    )
    text = pdf_text(pdf)

    assert _pages(pdf) == 1
    assert "at least 75%" in text
    assert "about 20 minutes" in text
    assert "dry place" in text


def test_metadata_names_the_clinic_but_not_the_patient() -> None:
    reader = PdfReader(io.BytesIO(build_aftercare(_russian_face_visit())))
    metadata = {key: str(value) for key, value in (reader.metadata or {}).items()}

    assert metadata["/Title"] == "Рекомендации после процедуры"
    assert metadata["/Author"] == CLINIC_RU.name
    assert not any("Иванова" in value for value in metadata.values())


def test_clinic_name_with_markup_characters_prints_as_written() -> None:
    clinic = ClinicLetterhead("Skin & Co <Brighton>", "1 Main St", "+44 1 2")

    text = pdf_text(build_aftercare(_english_spine_visit(clinic=clinic)))

    assert "Skin & Co <Brighton>" in text


def test_clinic_override_replaces_one_advice_text_on_the_sheet(tmp_path: Path) -> None:
    (tmp_path / "aftercare.ru.json").write_text(
        json.dumps(
            {"advice": [{"id": "no_makeup_2_days", "text": "Три дня без макияжа, пожалуйста."}]},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )

    text = pdf_text(build_aftercare(_russian_face_visit(), override_dir=tmp_path))

    assert "Три дня без макияжа, пожалуйста." in text
    assert "декоративной косметикой" not in text
    assert "сауну, баню, солярий и бассейн" in text


def test_broken_clinic_override_prints_the_shipped_texts_and_names_the_file(
    tmp_path: Path,
) -> None:
    (tmp_path / "aftercare.en.json").write_text('{"advice": [', encoding="utf-8")

    text = pdf_text(build_aftercare(_english_spine_visit(), override_dir=tmp_path))

    assert text == pdf_text(build_aftercare(_english_spine_visit()))
    (problem,) = text_override_problems(tmp_path)
    assert "aftercare.en.json" in problem and "not valid JSON" in problem


def _consent() -> ConsentInput:
    return ConsentInput(
        language=Language.RUSSIAN,
        clinic=CLINIC_RU,
        patient_name=PATIENT_RU,
        birth_date=date(1988, 6, 2),
        procedure_on=date(2025, 3, 12),
        areas=[Area.FACE],
        techniques=[Technique.NAPPAGE_SUPERFICIAL],
        products=["REVI Silk"],
        questions=[
            ConsentAnswer("Вы беременны или кормите грудью?", "Нет"),
            ConsentAnswer("Есть ли аллергия на лекарства?", "Да: лидокаин"),
            ConsentAnswer("Принимаете ли вы аспирин или другие антикоагулянты?", "Нет"),
        ],
        practitioner_name="Сидорова Анна Викторовна",
    )


def test_consent_lists_each_question_with_the_patients_answer() -> None:
    text = pdf_text(build_consent(_consent()))

    for qa in _consent().questions:
        assert f"{qa.question} {qa.answer}" in text
    assert PATIENT_RU in text
    assert "2 июня 1988 г." in text
    assert "REVI Silk" in text


def test_consent_lists_the_risks_and_has_signature_lines_for_both() -> None:
    text = pdf_text(build_consent(_consent()))

    for risk in ("Аллергическая реакция", "от 2 дней до 2 недель", "некроз", "1–2 дня"):
        assert risk in text
    assert text.count("Подпись") >= 2
    assert "я соглашаюсь на процедуру добровольно" in text


def test_visit_summary_keeps_lots_reactions_overrides_and_addenda() -> None:
    summary = VisitSummaryInput(
        language=Language.ENGLISH,
        clinic=CLINIC_EN,
        patient_name="Jane Doe",
        birth_date=date(1979, 11, 23),
        visit_on=date(2025, 3, 12),
        practitioner_name="Dr John Roe",
        areas=[Area.VASCULAR],
        techniques=[Technique.PINPOINT],
        method=Method.MANUAL,
        products=[
            ProductUse("Pentoxifylline 2%", "PX-5531", Decimal("2"), date(2026, 1, 31)),
            ProductUse("Rutin", "RU-2203", Decimal("1.5")),
        ],
        reactions=[ObservedReaction(Reaction.BRUISING, ReactionSeverity.MODERATE, "T4 left")],
        notes="Second session of six.",
        findings=["Hypertension: overridden, blood pressure 128/82 today."],
        diagram_png=_png(),
        signed_by="Dr John Roe",
        signed_at=datetime(2025, 3, 12, 17, 5),
        addenda=[Addendum(datetime(2025, 3, 14, 9, 20), "Dr John Roe", "Bruises fading.")],
    )

    pdf = build_visit_summary(summary)
    text = pdf_text(pdf)

    assert "PX-5531" in text and "RU-2203" in text
    assert "31 January 2026" in text
    assert "3.5 ml" in text
    assert "Bruising / haematoma Moderate T4 left" in text
    assert "Hypertension: overridden" in text
    assert "Second session of six." in text
    assert "Signed by Dr John Roe, Wednesday, 12 March 2025, 17:05" in text
    assert "Bruises fading." in text
    assert _image_count(pdf) == 1


def test_a_clinic_without_a_phone_gets_no_empty_phone_line() -> None:
    clinic = replace(CLINIC_EN, phone="")
    text = pdf_text(build_aftercare(_english_spine_visit(clinic=clinic)))
    assert "Phone:" not in text
    assert "Phone: " in pdf_text(build_aftercare(_english_spine_visit()))
