"""The printed documents, read back the way another machine would: poppler's tools and pypdf.

Sizes are measured with `pdftotext -bbox`: poppler boxes each word over one em of its font,
so a word box's height is the size it was set in (calibrated below).
"""

from __future__ import annotations

import io
import itertools
import json
import random
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
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from mesodesk.documents import file_name
from mesodesk.documents.aftercare import _map_column, build_aftercare, build_mesoscooter_care
from mesodesk.documents.consent import build_consent
from mesodesk.documents.fonts import FONT, FONT_BOLD, ensure_fonts
from mesodesk.documents.injection_map import InjectionMap, technique_counts
from mesodesk.documents.layout import MIN_FONT_PT, Wording
from mesodesk.documents.model import (
    Addendum,
    AftercareInput,
    Answer,
    ClinicLetterhead,
    ConsentInput,
    Decision,
    FindingLine,
    HealthQuestion,
    MesoscooterCareInput,
    ObservedReaction,
    ProductUse,
    QuestionGroup,
    VisitSummaryInput,
)
from mesodesk.documents.texts import load_texts, text_override_problems
from mesodesk.documents.visit_summary import build_visit_summary
from mesodesk.domain.catalog import load_starter_catalog
from mesodesk.domain.contraindications import ContraindicationKind, load_catalog
from mesodesk.domain.diagram import mark_zone
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.vocabulary import (
    Area,
    Language,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
)
from mesodesk.services.demo_marks import demo_marks
from tests.document_visits import (
    english_words,
    line_of,
    page_count,
    pdf_text,
    pdf_words,
    poppler,
)

PATIENT_RU = "Иванова Мария Петровна"
CLINIC_RU = ClinicLetterhead(
    name="Клиника эстетической медицины «Аврора»",
    address="г. Казань, ул. Баумана, д. 15",
    phone="+7 (843) 555-12-34",
)
CLINIC_EN = ClinicLetterhead(
    name="Aurora Aesthetic Clinic", address="15 Harbour Street", phone="+44 1273 555 123"
)
BRANDS = ("REVI Silk", "REVI Eye", "REVI Style", "REVI Strong")
"""Brand names a Russian sheet prints as they are written on the box."""
STARTER = load_starter_catalog()
RUSSIAN_PRODUCTS = [p.name_ru for p in STARTER.products]


def _png(width: int = 40, height: int = 60) -> bytes:
    """A small RGB PNG made by hand, standing in for a clinic's logo."""

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


def charted(area: Area, technique: Technique, seed: int = 3) -> tuple[MarkRecord, ...]:
    """Marks as a practitioner charts them (the demo's), with the zones the service computes."""
    marks = demo_marks(1, area, technique, None, random.Random(seed), russian=True)
    return tuple(replace(m, zone=mark_zone(m.geometry())) for m in marks)


FACE_MARKS = charted(Area.FACE, Technique.NAPPAGE_MIDDLE)
SPINE_MARKS = charted(Area.VASCULAR, Technique.PINPOINT)
BODY_MARKS = charted(Area.STOMACH, Technique.INFILTRATION)


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
            ProductUse("Витамин C, ампула 2 мл", "VC-0925", Decimal("0.5")),
        ],
        "practitioner_name": "Сидорова Анна Викторовна",
        "marks": FACE_MARKS,
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
        "marks": SPINE_MARKS,
        "next_appointment": datetime(2025, 3, 18, 16, 0),
    }
    values.update(changes)
    return AftercareInput(**values)  # type: ignore[arg-type]


def _products(count: int) -> list[ProductUse]:
    """`count` product lines named as the starter catalog names them in Russian."""
    return [
        ProductUse(
            RUSSIAN_PRODUCTS[n % len(RUSSIAN_PRODUCTS)],
            f"LOT-{n:04d}-A",
            Decimal("0.5"),
            date(2027, 1, 31),
        )
        for n in range(count)
    ]


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


def _smallest_size(pdf: bytes) -> float:
    """The smallest text, to 0.01 pt (poppler's boxes carry float noise)."""
    return round(min(word.size for word in pdf_words(pdf).words), 2)


def _assert_inside_the_page(pdf: bytes, margin: float = 15 * mm) -> None:
    layout = pdf_words(pdf)
    for word in layout.words:
        width, height = layout.pages[word.page]
        assert margin - 0.5 <= word.x0 and word.x1 <= width - margin + 0.5, word
        assert 5 * mm <= word.y0 and word.y1 <= height - 5 * mm, word


def _assert_words_whole(pdf: bytes, texts: list[str]) -> None:
    """Each word of `texts` is printed whole, or broken only at a hyphen poppler can see."""
    result = subprocess.run(
        [poppler("pdftotext"), "-raw", "-nopgbrk", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    raw = result.stdout.decode("utf-8")
    joined_soft = raw.replace("-\n", "")
    joined_hard = raw.replace("-\n", "-")
    for text in texts:
        for word in text.split():
            assert word in raw or word in joined_soft or word in joined_hard, word


# --- calibration ------------------------------------------------------------------------------


def test_bbox_height_is_the_font_size(tmp_path: Path) -> None:
    """The measuring method of these tests: a word's box height in poppler is its size."""
    path = tmp_path / "sizes.pdf"
    ensure_fonts()
    canvas = Canvas(str(path))
    for index, (font, size) in enumerate([(FONT, 8), (FONT_BOLD, 8.3), (FONT, 12.5)]):
        canvas.setFont(font, size)
        canvas.drawString(60, 700 - 30 * index, f"Размер {index} г.")
    canvas.save()

    sizes = sorted({round(word.size, 2) for word in pdf_words(path.read_bytes()).words})

    assert sizes == [8.0, 8.3, 12.5]


# --- aftercare --------------------------------------------------------------------------------


def test_russian_facial_nappage_sheet_holds_name_lots_face_advice_and_next_visit() -> None:
    text = pdf_text(build_aftercare(_russian_face_visit()))

    assert PATIENT_RU in text
    assert "RS-2411" in text and "VC-0925" in text
    assert "REVI Silk" in text and "1,0 мл" in text and "Витамин C, ампула 2 мл" in text
    assert "Наппаж, средний" in text
    assert "декоративной косметикой" in text
    assert "Не массируйте лицо" in text
    assert "сауну, баню, солярий и бассейн" in text
    assert "накануне следующей" in text
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
    assert "squeeze or scratch" not in text


def test_call_the_clinic_lists_the_signs_of_infection() -> None:
    russian = pdf_text(build_aftercare(_russian_face_visit()))
    english = pdf_text(build_aftercare(_english_spine_visit()))

    assert "признаки инфекции" in russian and "гной" in russian
    assert "signs of infection" in english and "pus" in english


def test_decollete_only_visit_is_not_told_to_keep_off_its_face() -> None:
    text = pdf_text(build_aftercare(_russian_face_visit(areas=[Area.DECOLLETE], marks=())))

    assert "Не массируйте лицо" not in text and "декоративной косметикой" not in text
    assert "не растирайте обработанную зону" in text


def test_papular_technique_adds_its_own_advice() -> None:
    text = pdf_text(build_aftercare(_english_spine_visit(techniques=[Technique.PAPULAR])))

    assert "squeeze or scratch" in text


def test_sheet_without_next_appointment_says_it_will_be_agreed() -> None:
    text = pdf_text(build_aftercare(_russian_face_visit(next_appointment=None)))

    assert "договоримся с вами по телефону" in text


def test_an_empty_visit_gets_no_sheet() -> None:
    empty = _russian_face_visit(areas=[], techniques=[], products=[], marks=())

    with pytest.raises(ValueError, match="no area, technique, product or mark"):
        build_aftercare(empty)


def test_fonts_are_embedded_dejavu_subsets() -> None:
    pdf = build_aftercare(_russian_face_visit())
    result = subprocess.run([poppler("pdffonts"), "-"], input=pdf, capture_output=True, check=True)
    rows = result.stdout.decode().splitlines()[2:]

    assert rows, "the PDF lists no fonts"
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert "DejaVu" in name, row
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


# --- the injection map ------------------------------------------------------------------------


def test_map_is_drawn_as_vectors_with_title_and_legend_in_russian() -> None:
    pdf = build_aftercare(_russian_face_visit())
    text = pdf_text(pdf)
    injections = technique_counts(FACE_MARKS)[Technique.NAPPAGE_MIDDLE]

    assert _image_count(pdf) == 0, "the map is vector graphics, not a picture"
    assert "Лицо, шея и декольте" in text
    assert f"Наппаж, средний: {injections}" in text
    assert "Лоб" in text and "Правая щека" in text, "treated zones are named"
    assert "Face" not in text and "Nappage" not in text


def test_map_speaks_english_on_an_english_sheet() -> None:
    text = pdf_text(build_aftercare(_russian_face_visit(language=Language.ENGLISH)))

    assert "Face, neck and décolleté" in text
    assert "Nappage, middle:" in text and "Forehead" in text


def test_spine_map_labels_the_vertebral_levels_at_a_readable_size() -> None:
    layout = pdf_words(build_aftercare(_english_spine_visit()))
    levels = [w for w in layout.words if w.text in {"C4", "C6", "T1", "T2"}]

    assert {w.text for w in levels} >= {"C4", "T1"}
    assert all(round(w.size, 2) >= MIN_FONT_PT for w in levels)


@pytest.mark.parametrize(
    "marks",
    [FACE_MARKS, SPINE_MARKS, FACE_MARKS + SPINE_MARKS],
    ids=["face", "spine", "face+spine"],
)
def test_map_on_the_aftercare_is_at_least_80_mm_wide(marks: tuple[MarkRecord, ...]) -> None:
    sheet = _russian_face_visit(marks=marks)
    texts = load_texts("aftercare", Language.RUSSIAN)
    wording = Wording(load_texts("common", Language.RUSSIAN))
    column = _map_column(sheet, texts, wording, 81 * mm, with_maps=True)
    panels = [f for f in column if isinstance(f, InjectionMap)]

    assert len(panels) == len({m.diagram for m in marks})
    for panel in panels:
        assert panel.width >= 80 * mm
        assert panel.map_height >= 30 * mm


def test_map_is_cropped_to_the_treated_region_with_a_locator() -> None:
    wording = Wording(load_texts("common", Language.RUSSIAN))
    spine = InjectionMap(
        SPINE_MARKS[0].diagram, SPINE_MARKS, wording, Language.RUSSIAN, 81 * mm, 72 * mm
    )
    body = InjectionMap(
        BODY_MARKS[0].diagram, BODY_MARKS, wording, Language.RUSSIAN, 81 * mm, 72 * mm
    )

    assert spine.crop.height < spine.diagram.height_mm / 2
    assert body.crop.width * body.crop.height < 0.2 * body.diagram.width_mm * body.diagram.height_mm
    for panel in (spine, body):
        for mark in panel.marks:
            assert all(panel.crop.contains(p) for p in mark.points)


def test_three_diagrams_each_get_a_full_width_map() -> None:
    marks = FACE_MARKS + SPINE_MARKS + BODY_MARKS
    pdf = build_aftercare(
        _russian_face_visit(marks=marks, areas=[Area.FACE, Area.VASCULAR, Area.STOMACH])
    )
    text = pdf_text(pdf)

    for title in ("Лицо, шея и декольте", "Спина (сосудистая схема)", "Тело, вид спереди"):
        assert title in text
    assert _smallest_size(pdf) >= MIN_FONT_PT


# --- page budget and the smallest text -----------------------------------------------------


@pytest.mark.parametrize("language", list(Language))
def test_typical_visit_with_8_products_and_2_diagrams_fits_one_page(language: Language) -> None:
    pdf = build_aftercare(
        _russian_face_visit(
            language=language,
            products=_products(8),
            marks=FACE_MARKS + SPINE_MARKS,
            areas=[Area.FACE, Area.NECK, Area.VASCULAR],
            techniques=[Technique.NAPPAGE_MIDDLE, Technique.PINPOINT],
        )
    )

    assert page_count(pdf) == 1
    assert "LOT-0007-A" in pdf_text(pdf)
    assert _smallest_size(pdf) >= MIN_FONT_PT


@pytest.mark.parametrize("visit", [_russian_face_visit, _english_spine_visit])
def test_forty_products_flow_onto_more_pages_and_no_text_is_under_8_pt(
    visit: Callable[..., AftercareInput],
) -> None:
    sheet = visit(products=_products(40))
    pdf = build_aftercare(sheet)
    layout = pdf_words(pdf)
    text = pdf_text(pdf)

    assert page_count(pdf) >= 2
    assert round(min(word.size for word in layout.words), 2) >= MIN_FONT_PT
    assert all(f"LOT-{n:04d}-A" in text for n in range(40))
    second = " ".join(w.text for w in layout.words if w.page == 1)
    assert sheet.patient_name.split()[0] in second, "the running header names the patient"
    _assert_inside_the_page(pdf)


LONG_CLINIC = ClinicLetterhead(
    name="Многопрофильный медицинский центр эстетической медицины и косметологии "
    "имени Константинопольского «Аврора-Премиум»",
    address="Российская Федерация, Республика Татарстан, г. Казань, ул. Большая "
    "Красная, д. 115, корпус 3, офис 412, вход со двора",
    phone="+7 (843) 555-12-34, +7 (917) 123-45-67",
    logo_png=_png(80, 40),
)
LONG_PATIENT = "Константинопольская-Петропавловская Александра-Виктория Ивановна"


@pytest.mark.parametrize(
    "build",
    ["aftercare", "consent", "summary", "mesoscooter"],
)
def test_long_clinic_and_patient_names_wrap_between_words_inside_the_page(build: str) -> None:
    pdf = {
        "aftercare": lambda: build_aftercare(
            _russian_face_visit(clinic=LONG_CLINIC, patient_name=LONG_PATIENT)
        ),
        "consent": lambda: build_consent(
            replace(_consent(), clinic=LONG_CLINIC, patient_name=LONG_PATIENT)
        ),
        "summary": lambda: build_visit_summary(
            replace(_summary(Language.RUSSIAN), clinic=LONG_CLINIC, patient_name=LONG_PATIENT)
        ),
        "mesoscooter": lambda: build_mesoscooter_care(
            MesoscooterCareInput(
                Language.RUSSIAN, LONG_CLINIC, LONG_PATIENT, date(2025, 3, 12), "Сидорова А. В."
            )
        ),
    }[build]()

    _assert_words_whole(pdf, [LONG_CLINIC.name, LONG_CLINIC.address, LONG_PATIENT])
    _assert_inside_the_page(pdf)
    assert _smallest_size(pdf) >= MIN_FONT_PT


def test_a_word_longer_than_its_column_is_hyphenated_at_a_syllable() -> None:
    clinic = replace(CLINIC_RU, name="Клиника " + "Высококвалифицированнейшая" * 3)
    pdf = build_aftercare(_russian_face_visit(clinic=clinic))
    raw = subprocess.run(
        [poppler("pdftotext"), "-raw", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")

    assert "-\n" in raw
    _assert_inside_the_page(pdf)


def test_a_year_keeps_its_abbreviation_on_the_same_line() -> None:
    for pdf in (
        build_aftercare(_russian_face_visit(clinic=LONG_CLINIC, patient_name=LONG_PATIENT)),
        build_visit_summary(_summary(Language.RUSSIAN)),
        build_consent(_consent()),
    ):
        words = pdf_words(pdf).words
        pairs = [
            (year, word)
            for year, word in itertools.pairwise(words)
            if word.text.startswith("г.") and len(year.text) == 4 and year.text.isdigit()
        ]
        assert pairs
        for year, word in pairs:
            assert (year.page, round(year.y0)) == (word.page, round(word.y0)), word


# --- mesoscooter ----------------------------------------------------------------------------


def test_mesoscooter_care_follows_the_aftercare_sheet_when_one_was_handed_out() -> None:
    pdf = build_aftercare(_russian_face_visit(home_mesoscooter=True))
    text = pdf_text(pdf)

    assert page_count(pdf) == 2
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

    assert page_count(pdf) == 1
    assert "at least 75%" in text
    assert "about 20 minutes" in text
    assert "dry place" in text
    assert "Call us: +44 1273 555 123" in text


def test_no_sheet_prints_a_call_line_without_a_number() -> None:
    clinic = replace(CLINIC_RU, phone="")
    care = pdf_text(
        build_mesoscooter_care(
            MesoscooterCareInput(Language.RUSSIAN, clinic, PATIENT_RU, date(2025, 3, 12), "А. В.")
        )
    )
    sheet = pdf_text(build_aftercare(_english_spine_visit(clinic=replace(CLINIC_EN, phone=""))))

    assert "Звоните" not in care and "на следующем визите" in care
    assert "Phone:" not in sheet
    assert "Phone: " in pdf_text(build_aftercare(_english_spine_visit()))


# --- what every sheet shares ----------------------------------------------------------------


def test_metadata_names_the_clinic_but_not_the_patient() -> None:
    reader = PdfReader(io.BytesIO(build_aftercare(_russian_face_visit())))
    metadata = {key: str(value) for key, value in (reader.metadata or {}).items()}

    assert metadata["/Title"] == "Рекомендации после процедуры"
    assert metadata["/Author"] == CLINIC_RU.name
    assert not any("Иванова" in value for value in metadata.values())


def test_logo_is_printed_only_when_shown() -> None:
    shown = replace(CLINIC_EN, logo_png=_png(80, 40))
    hidden = replace(shown, show_logo=False)

    assert _image_count(build_aftercare(_english_spine_visit(clinic=shown))) == 1
    assert _image_count(build_aftercare(_english_spine_visit(clinic=hidden))) == 0


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


def test_default_file_name_carries_the_patient_and_the_date_safely() -> None:
    name = file_name("Рекомендации", 'Иванова / "Мария": Петровна?', date(2025, 3, 12))

    assert name == "Рекомендации_Иванова_Мария_Петровна_2025-03-12.pdf"
    long = file_name("Протокол", "Я" * 400, date(2025, 3, 12))
    assert long.endswith("_2025-03-12.pdf") and len(long) <= 120


# --- consent --------------------------------------------------------------------------------


def _consent(areas: list[Area] | None = None, answered: bool = True) -> ConsentInput:
    catalog = load_catalog()
    questions = [
        HealthQuestion(
            QuestionGroup.TODAY
            if item.on_checklist
            else QuestionGroup.MEDICINES
            if item.recorded_as.value == "medication"
            else QuestionGroup.CONDITIONS,
            item.code,
            item.name_ru,
            Answer.NOT_ASKED
            if not answered
            else Answer.YES
            if item.code == "diabetes"
            else Answer.NO,
            absolute=item.kind is ContraindicationKind.ABSOLUTE,
            detail="инсулин с 2019 г." if item.code == "diabetes" else "",
        )
        for item in catalog
        if item.scope.value in ("all", *(a.region for a in (areas or [Area.FACE])))
    ]
    return ConsentInput(
        language=Language.RUSSIAN,
        clinic=CLINIC_RU,
        patient_name=PATIENT_RU,
        birth_date=date(1988, 6, 2),
        procedure_on=date(2025, 3, 12),
        areas=areas or [Area.FACE],
        techniques=[Technique.NAPPAGE_SUPERFICIAL],
        products=["REVI Silk"],
        questions=questions,
        practitioner_name="Сидорова Анна Викторовна",
    )


def test_consent_lists_every_absolute_contraindication_with_the_answer_ticked() -> None:
    pdf = build_consent(_consent())
    text = pdf_text(pdf)
    layout = pdf_words(pdf)

    for item in load_catalog():
        if item.kind is ContraindicationKind.ABSOLUTE and item.scope.value == "all":
            assert item.name_ru in text, item.code
    assert line_of(layout, "Сахарный").endswith("диабет* — инсулин с 2019 г. ☒ ☐")
    assert line_of(layout, "Беременность*") == "Беременность* ☐ ☒"
    assert line_of(layout, "Приём").endswith("антикоагулянтов ☐ ☒")
    assert line_of(layout, "Менструация") == "Менструация ☐ ☒"
    assert "Вопросы не задавались" not in text


def test_consent_without_records_leaves_boxes_to_tick_by_hand() -> None:
    pdf = build_consent(_consent(answered=False))
    text = pdf_text(pdf)

    assert line_of(pdf_words(pdf), "Беременность*") == "Беременность* ☐ ☐"
    assert "☒" not in text
    assert "Отметьте «Да» или «Нет» в каждой строке" in text


def test_consent_names_the_risks_the_sources_name() -> None:
    face = pdf_text(build_consent(_consent()))
    spine = pdf_text(build_consent(_consent([Area.VASCULAR])))

    for risk in ("Боль и жжение", "Покраснение", "Отёк", "Синяки", "папулы", "зуд"):
        assert risk in face, risk
    assert "Инфекционные осложнения" in face
    assert "Аллергическая реакция" in face
    assert "Редко — озноб и головокружение" in face
    assert "Головная боль после сосудистой схемы" in spine
    assert "Головная боль" not in face
    assert "Варикозное расширение вен" in spine and "Варикозное" not in face


def test_consent_signatures_carry_the_date() -> None:
    text = pdf_text(build_consent(_consent()))

    assert text.count("Подпись") >= 2
    assert text.count("12 марта 2025 г.") >= 3, "the procedure date, and on both date lines"
    assert "я соглашаюсь на процедуру добровольно" in text


# --- visit protocol ---------------------------------------------------------------------------


def _summary(language: Language) -> VisitSummaryInput:
    marks = FACE_MARKS + tuple(replace(m, depth_mm=Decimal("6")) for m in SPINE_MARKS[:3])
    return VisitSummaryInput(
        language=language,
        clinic=CLINIC_RU if language is Language.RUSSIAN else CLINIC_EN,
        patient_name=PATIENT_RU,
        birth_date=date(1979, 11, 23),
        visit_on=date(2025, 3, 12),
        practitioner_name="Сидорова Анна Викторовна",
        areas=[Area.FACE, Area.VASCULAR],
        techniques=[Technique.NAPPAGE_MIDDLE, Technique.PINPOINT],
        method=Method.MANUAL,
        products=[
            ProductUse(
                "Пентоксифиллин 2%, ампула 5 мл", "PX-5531", Decimal("2"), date(2026, 1, 31)
            ),
            ProductUse("REVI Silk", "RS-2411", Decimal("1.5")),
        ],
        anaesthesia="Крем с лидокаином 5%, 30 минут",
        disinfection="Хлоргексидин 0,05%",
        marks=marks,
        reactions=[ObservedReaction(Reaction.BRUISING, ReactionSeverity.MODERATE, "T4 слева")],
        notes="Второй сеанс из шести.",
        findings=[
            FindingLine(
                "hypertension",
                Severity.BLOCK,
                "Hypertension: an absolute contraindication to mesotherapy; do not inject.",
                "Артериальная гипертензия",
                ContraindicationKind.ABSOLUTE,
                decision=Decision(
                    "Давление 128/82 сегодня", "Сидорова А. В.", datetime(2025, 3, 12, 11, 5)
                ),
            ),
            FindingLine(
                "depth_outside_technique_range",
                Severity.WARNING,
                "6 mm is outside the pinpoint (point by point) range of up to 4 mm (seed 001).",
                marks=marks[-1:],
            ),
        ],
        visit_at=datetime(2025, 3, 12, 11, 0),
        signed_by="Сидорова А. В.",
        signed_at=datetime(2025, 3, 12, 17, 5),
        addenda=[Addendum(datetime(2025, 3, 14, 9, 20), "Сидорова А. В.", "Синяки проходят.")],
    )


def test_protocol_holds_depth_needle_injections_and_volume_per_zone() -> None:
    pdf = build_visit_summary(_summary(Language.RUSSIAN))
    layout = pdf_words(pdf)
    forehead = technique_counts([m for m in FACE_MARKS if m.zone == "forehead"])
    count = forehead[Technique.NAPPAGE_MIDDLE]

    assert (
        line_of(layout, "Лоб")
        == f"Лоб (Лицо, шея и Наппаж, средний 2,5 мм 32G 4 мм {count} 1,52 мл"
    )
    assert line_of(layout, "Шейный") == "Шейный отдел (Спина) Точечная 6 мм 32G 4 мм 3 0,21 мл"
    assert "Итого" in pdf_text(pdf)


def test_protocol_holds_lots_anaesthesia_disinfection_reactions_and_decisions() -> None:
    text = pdf_text(build_visit_summary(_summary(Language.RUSSIAN)))

    assert "PX-5531" in text and "31 января 2026 г." in text and "3,5 мл" in text
    assert "Анестезия: Крем с лидокаином 5% , 30 минут" in text or "лидокаином 5%" in text
    assert "Антисептика: Хлоргексидин 0,05%" in text
    assert "Синяк / гематома Умеренная T4 слева" in text
    assert "Артериальная гипертензия — абсолютное противопоказание" in text
    assert "Решение: Давление 128/82 сегодня (Сидорова А. В., среда, 12 марта 2025 г., 11:05)" in (
        text
    )
    assert "Внимание Глубина вне диапазона техники: Шейный отдел, 6 мм (точечная)" in text
    assert "Подписано: Сидорова А. В., среда, 12 марта 2025 г., 17:05" in text
    assert "Синяки проходят." in text


def test_english_protocol_prints_the_rules_own_sentences() -> None:
    text = pdf_text(build_visit_summary(_summary(Language.ENGLISH)))

    assert "6 mm is outside the pinpoint (point by point) range of up to 4 mm" in text
    assert "Decision: Давление 128/82 сегодня" in text
    assert "Forehead (Face, neck and décolleté)" in text and "32G 4 mm" in text
    assert "мм" not in text


def test_protocol_without_marks_or_findings_says_so() -> None:
    bare = replace(_summary(Language.RUSSIAN), marks=(), findings=[], reactions=[])

    text = pdf_text(build_visit_summary(bare))

    assert text.count("Не отмечено.") >= 3


# --- no English in a Russian sheet --------------------------------------------------------------


@pytest.mark.parametrize("document", ["aftercare", "mesoscooter", "consent", "summary"])
def test_a_russian_document_holds_no_english_words(document: str) -> None:
    pdf = {
        "aftercare": lambda: build_aftercare(
            _russian_face_visit(
                products=_products(len(RUSSIAN_PRODUCTS)),
                marks=FACE_MARKS + SPINE_MARKS + BODY_MARKS,
                areas=list(Area),
                techniques=list(Technique),
                home_mesoscooter=True,
            )
        ),
        "mesoscooter": lambda: build_mesoscooter_care(
            MesoscooterCareInput(
                Language.RUSSIAN, CLINIC_RU, PATIENT_RU, date(2025, 3, 12), "Сидорова А. В."
            )
        ),
        "consent": lambda: build_consent(_consent([Area.FACE, Area.VASCULAR, Area.STOMACH])),
        "summary": lambda: build_visit_summary(
            replace(_summary(Language.RUSSIAN), products=_products(len(RUSSIAN_PRODUCTS)))
        ),
    }[document]()

    assert english_words(pdf_text(pdf), BRANDS) == []


def test_a_clinic_that_adds_many_items_gets_more_pages_not_an_error(tmp_path: Path) -> None:
    warnings = [{"id": f"w{i}", "text": f"Признак номер {i}: позвоните нам."} for i in range(60)]
    advice = [
        {"id": f"a{i}", "kind": "dont", "text": f"Совет номер {i}.", "areas": ["face"]}
        for i in range(40)
    ]
    (tmp_path / "aftercare.ru.json").write_text(
        json.dumps({"warnings": warnings, "advice": advice}, ensure_ascii=False), encoding="utf-8"
    )

    pdf = build_aftercare(_russian_face_visit(), override_dir=tmp_path)
    text = pdf_text(pdf)

    assert page_count(pdf) >= 2
    assert "Признак номер 59" in text and "Совет номер 39" in text
    assert _smallest_size(pdf) >= MIN_FONT_PT
    _assert_inside_the_page(pdf)
