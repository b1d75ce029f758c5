"""Documents at the edges of what can be stored: the most product lines a visit holds, the
longest notes, the longest letterhead, the largest logo; and what older versions could store
beyond today's limits (a 4,000-character reaction note, a 2,800-character clinic name, a
200-digit phone, a damaged logo). Every document is built, in both languages, and keeps the
text it was given somewhere a reader finds it.

Marked `documents_stress`, so they can be run alone with `pytest -m documents_stress`.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from mesodesk.db import Database
from mesodesk.domain import limits
from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import (
    LotRecord,
    ProductLineRecord,
    ProductRecord,
    ReactionRecord,
    VisitRecord,
)
from mesodesk.domain.vocabulary import Area, Language, Reaction, ReactionSeverity, Technique
from mesodesk.services.registry import Services
from tests.png_files import png_bytes

pytestmark = pytest.mark.documents_stress

LANGUAGES = (Language.RUSSIAN, Language.ENGLISH)


def _text(pdf: bytes) -> str:
    """pdftotext's reading of the PDF, all white space folded into single spaces."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        [tool, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return re.sub(r"\s+", " ", result.stdout.decode("utf-8"))


def _every_document(services: Services, visit_id: int) -> dict[str, bytes]:
    documents = services.documents
    built: dict[str, bytes] = {}
    for language in LANGUAGES:
        built[f"aftercare {language.value}"] = documents.aftercare_pdf(visit_id, language)
        built[f"consent {language.value}"] = documents.consent_pdf(visit_id, language)
        built[f"summary {language.value}"] = documents.visit_summary_pdf(visit_id, language)
    for name, pdf in built.items():
        assert pdf.startswith(b"%PDF"), name
    return built


def _visit(services: Services, **fields: object) -> VisitRecord:
    patient = services.patients.save(
        PatientCard(last_name="Документова", first_name="Анна", birth_date=date(1985, 6, 1))
    )
    assert patient.id is not None
    visit = services.visits.start_visit(patient.id, practitioner="Сидорова Анна Викторовна")
    done = {"areas": (Area.FACE,), "techniques": (Technique.NAPPAGE_MIDDLE,), **fields}
    return services.visits.save(replace(visit, **done))


def _lots(services: Services, count: int) -> list[LotRecord]:
    product = services.catalog.save_product(ProductRecord(None, "REVI Silk"))
    assert product.id is not None
    return [
        services.catalog.receive_lot(
            LotRecord(
                None,
                product.id,
                product.name,
                f"RS-{number:04d}",
                date.today() + timedelta(days=200),
                Decimal(10),
            )
        )
        for number in range(count)
    ]


def test_a_visit_with_the_most_product_lines_it_can_hold_prints_them_all(
    sqlite_services: Services,
) -> None:
    lots = _lots(sqlite_services, limits.PRODUCT_LINES)
    lines = tuple(ProductLineRecord(lot.id or 0, Decimal("0.5")) for lot in lots)
    visit = _visit(sqlite_services, product_lines=lines)
    assert visit.id is not None

    built = _every_document(sqlite_services, visit.id)

    for name in ("summary ru", "summary en", "aftercare ru"):
        shown = _text(built[name])
        assert all(lot.lot_number in shown for lot in lots), name


def test_the_longest_notes_and_reaction_notes_kept_are_printed_whole(
    sqlite_services: Services,
) -> None:
    note = ("Отёк слева, " * 200)[: limits.REACTION_NOTE - 8] + " КОНЕЦ-Р"
    notes = ("Лицо, папульная техника. " * 1000)[: limits.NOTES - 8] + " КОНЕЦ-Н"
    reactions = tuple(
        ReactionRecord(reaction, ReactionSeverity.MODERATE, note) for reaction in Reaction
    )
    visit = _visit(sqlite_services, notes=notes, reactions=reactions)
    assert visit.id is not None

    built = _every_document(sqlite_services, visit.id)

    shown = _text(built["summary ru"])
    assert "КОНЕЦ-Н" in shown
    assert shown.count("КОНЕЦ-Р") == len(Reaction)


def test_a_reaction_note_of_4000_characters_from_an_older_version_prints(
    sqlite_db: Database, sqlite_services: Services
) -> None:
    visit = _visit(
        sqlite_services, reactions=(ReactionRecord(Reaction.SWELLING, ReactionSeverity.MILD),)
    )
    with sqlite_db.engine.begin() as connection:
        connection.execute(
            text("UPDATE visit_reactions SET note = :note"),
            {"note": "Отёк держался три дня. " * 173 + "КОНЕЦ"},
        )
    assert visit.id is not None

    built = _every_document(sqlite_services, visit.id)

    assert "КОНЕЦ" in _text(built["summary ru"])


def test_the_longest_letterhead_kept_prints_on_every_document(sqlite_services: Services) -> None:
    name = ("Клиника эстетической медицины «Летний сад» " * 4)[: limits.CLINIC_NAME]
    phone = ("+7 (495) 123-45-67, " * 4)[: limits.CLINIC_PHONE].strip()
    address = ("г. Москва, ул. Большая Садовая, д. 5, корп. 2, " * 8)[: limits.CLINIC_ADDRESS]
    sqlite_services.settings.save_profile(
        ClinicProfile(
            name=name,
            phone=phone,
            address=address,
            practitioner="П" * limits.PRACTITIONER,
        )
    )
    visit = _visit(sqlite_services)
    assert visit.id is not None

    built = _every_document(sqlite_services, visit.id)

    for document, pdf in built.items():
        assert "Клиника эстетической медицины" in _text(pdf), document


def test_the_longest_letterhead_kept_prints_with_the_largest_logo(
    sqlite_services: Services,
) -> None:
    sqlite_services.settings.save_profile(
        ClinicProfile(
            name=("Клиника эстетической медицины «Летний сад» " * 4)[: limits.CLINIC_NAME],
            phone=("+7 (495) 123-45-67, " * 4)[: limits.CLINIC_PHONE].strip(),
            address=("г. Москва, ул. Большая Садовая, д. 5, " * 9)[: limits.CLINIC_ADDRESS],
            logo_png=png_bytes(2000, 2000),
            show_logo=True,
        )
    )
    visit = _visit(sqlite_services)
    assert visit.id is not None

    built = _every_document(sqlite_services, visit.id)

    for document, pdf in built.items():
        assert "Клиника эстетической медицины" in _text(pdf), document


@pytest.mark.parametrize("size", [(2000, 2000), (4000, 1000), (40, 4000), (1, 1)])
def test_a_logo_of_any_shape_within_the_limits_prints(
    sqlite_services: Services, size: tuple[int, int]
) -> None:
    sqlite_services.settings.save_profile(
        ClinicProfile(name="Клиника «Лето»", logo_png=png_bytes(*size), show_logo=True)
    )
    visit = _visit(sqlite_services)
    assert visit.id is not None

    built = _every_document(sqlite_services, visit.id)

    for document, pdf in built.items():
        assert "Клиника «Лето»" in _text(pdf), document


def test_a_letterhead_stored_by_an_older_version_beyond_the_limits_prints(
    sqlite_db: Database, sqlite_services: Services
) -> None:
    """A 2,800-character name, a 200-digit phone and a damaged logo, as they could be stored
    before the limits: every document is still built."""
    stored = {
        "name": "Клиника " + "очень длинного названия " * 116,
        "address": "Москва",
        "phone": "9" * 200,
        "logo_png": base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 300).decode("ascii"),
        "show_logo": True,
        "currency": "RUB",
        "practitioner": "Сидорова",
    }
    with sqlite_db.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO clinic_settings (key, version, value) VALUES (:k, 1, :v)"),
            {"k": "clinic_profile", "v": json.dumps(stored)},
        )
    visit = _visit(sqlite_services)
    assert visit.id is not None

    built = _every_document(sqlite_services, visit.id)

    assert all(pdf.startswith(b"%PDF") for pdf in built.values())


def test_a_damaged_logo_stored_by_an_older_version_is_left_off(
    sqlite_db: Database, sqlite_services: Services
) -> None:
    damaged = png_bytes(40, 40)[:70]
    stored = {"name": "Клиника", "logo_png": base64.b64encode(damaged).decode(), "show_logo": True}
    with sqlite_db.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO clinic_settings (key, version, value) VALUES (:k, 1, :v)"),
            {"k": "clinic_profile", "v": json.dumps(stored)},
        )
    visit = _visit(sqlite_services)
    assert visit.id is not None

    profile = sqlite_services.settings.profile()
    built = _every_document(sqlite_services, visit.id)

    assert profile.logo_png is None and not profile.show_logo
    assert "Клиника" in _text(built["aftercare ru"])


def test_names_in_every_script_and_emoji_print_without_failing(sqlite_services: Services) -> None:
    patient = sqlite_services.patients.save(
        PatientCard(last_name="Ёлкина-שלום", first_name="Анна 😀", middle_name="مرحبا")
    )
    assert patient.id is not None
    visit = sqlite_services.visits.start_visit(patient.id, practitioner="Dr 👩‍⚕️ Roe")
    visit = sqlite_services.visits.save(
        replace(visit, areas=(Area.FACE,), notes="Лицо 💉 — ok ‏שלום‏")
    )
    assert visit.id is not None

    built = _every_document(sqlite_services, visit.id)

    summary = _text(built["summary ru"])
    assert "Ёлкина" in summary and "Анна" in summary and "Лицо" in summary
