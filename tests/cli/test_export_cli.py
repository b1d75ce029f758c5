"""`mesodesk export`: one patient's whole record as JSON, as the patient receives it."""

from __future__ import annotations

import json
import stat
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import ProductLineRecord, ReactionRecord
from mesodesk.domain.vocabulary import (
    Area,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
)
from mesodesk.models import (
    InjectionMark,
    Lot,
    PatientAllergy,
    Product,
    VisitOverride,
)
from mesodesk.services.registry import build_services
from tests.cli.test_cli import run

EXPIRES = date.today() + timedelta(days=200)


def _clinic(path):
    """Two patients; the first has a signed visit with lots, a reaction, an addendum, a mark."""
    database = open_database(sqlite_url(path))
    services = build_services(database.sessions)
    maria = services.patients.save(
        PatientCard(last_name="Иванова", first_name="Мария", birth_date=date(1985, 3, 7))
    )
    other = services.patients.save(PatientCard(last_name="Соколова", first_name="Анна"))
    with database.sessions.begin() as session:
        product = Product(name="Vitamin C 5%", unit="ml")
        session.add(product)
        session.flush()
        lot = Lot(product_id=product.id, lot_number="VC-101", expires_on=EXPIRES, on_hand=10)
        session.add(lot)
        session.add(PatientAllergy(patient_id=maria.id, substance="lidocaine", reaction="hives"))
        session.flush()
        lot_id = lot.id
    moment = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    visit = services.visits.start_visit(maria.id, moment, "Dr Smirnova")
    visit = services.visits.save(
        replace(
            visit,
            areas=(Area.FACE,),
            techniques=(Technique.PAPULAR,),
            method=Method.MANUAL,
            anaesthesia="Lidocaine-free cream",
            notes="Face, papular.",
            price_minor=350000,
            product_lines=(ProductLineRecord(lot_id=lot_id, volume_ml=Decimal("2.5")),),
            reactions=(ReactionRecord(Reaction.REDNESS, ReactionSeverity.MILD, "2 hours"),),
        )
    )
    with database.sessions.begin() as session:
        session.add(
            InjectionMark(
                visit_id=visit.id,
                diagram="face",
                shape="point",
                points=[[12.5, 30.0]],
                technique="papular",
                depth_mm=Decimal("1.5"),
                volume_ml=Decimal("0.05"),
                lot_id=lot_id,
                zone="cheeks",
            )
        )
        session.add(
            VisitOverride(
                visit_id=visit.id,
                finding_code="allergy.lidocaine",
                finding_reason="Allergy to lidocaine.",
                reason="No lidocaine in the products used.",
                decided_by="Dr Smirnova",
            )
        )
    done = services.visits.mark_done(visit)
    signed = services.visits.sign(replace(done, practitioner="Dr Smirnova"))
    services.visits.add_addendum(signed.id, "Dr Smirnova", "Redness gone by evening.")
    secret = services.visits.start_visit(other.id, moment, "Dr Smirnova")
    services.visits.save(replace(secret, notes="OTHER PATIENT NOTE"))
    database.close()
    return maria.id, other.id


def test_export_writes_the_patients_whole_record_field_by_field(tmp_path):
    maria, _ = _clinic(tmp_path / "clinic.sqlite3")
    out = tmp_path / "export.json"
    result = run(
        "export", "--db", str(tmp_path / "clinic.sqlite3"), "--patient", str(maria), "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    assert "OTHER PATIENT NOTE" not in text and "Соколова" not in text
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("mesodesk-patient-export", 1)
    patient = data["patient"]
    assert (patient["id"], patient["last_name"], patient["first_name"]) == (
        maria,
        "Иванова",
        "Мария",
    )
    assert patient["birth_date"] == "1985-03-07" and patient["last_visit_on"] == "2026-03-02"
    assert data["anamnesis"]["allergies"] == [
        {"substance": "lidocaine", "group": None, "reaction": "hives", "severity": None}
    ]
    assert data["courses"] == []
    (visit,) = data["visits"]
    assert visit["starts_at"] == "2026-03-02T09:30:00+00:00"
    assert (visit["status"], visit["practitioner"]) == ("done", "Dr Smirnova")
    assert (visit["areas"], visit["techniques"], visit["method"]) == (
        ["face"],
        ["papular"],
        "manual",
    )
    assert (visit["notes"], visit["price_minor"], visit["currency"]) == (
        "Face, papular.",
        350000,
        "RUB",
    )
    (line,) = visit["product_lines"]
    assert {k: line[k] for k in ("product", "lot_number", "expires_on", "volume_ml")} == {
        "product": "Vitamin C 5%",
        "lot_number": "VC-101",
        "expires_on": EXPIRES.isoformat(),
        "volume_ml": "2.5",
    }
    assert visit["reactions"] == [{"reaction": "redness", "severity": "mild", "note": "2 hours"}]
    (override,) = visit["overrides"]
    assert override["finding_code"] == "allergy.lidocaine"
    assert override["reason"] == "No lidocaine in the products used."
    assert visit["signature"]["signed_by"] == "Dr Smirnova"
    assert datetime.fromisoformat(visit["signature"]["signed_at"]).tzinfo is not None
    (addendum,) = visit["addenda"]
    assert (addendum["author"], addendum["text"]) == ("Dr Smirnova", "Redness gone by evening.")
    (mark,) = visit["injection_marks"]
    assert (mark["diagram"], mark["shape"], mark["points_mm"], mark["zone"]) == (
        "face",
        "point",
        [[12.5, 30.0]],
        "cheeks",
    )
    assert (mark["depth_mm"], mark["volume_ml"], mark["lot_id"], mark["cocktail_id"]) == (
        "1.5",
        "0.05",
        line["lot_id"],
        None,
    )


def test_export_of_an_unknown_patient_says_so_and_writes_nothing(tmp_path):
    _clinic(tmp_path / "clinic.sqlite3")
    out = tmp_path / "export.json"
    result = run(
        "export", "--db", str(tmp_path / "clinic.sqlite3"), "--patient", "999", "-o", str(out)
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "mesodesk: error: There is no patient with id 999."
    assert not out.exists()


def test_export_is_documented_in_the_help():
    assert "export" in run("--help").stdout
    usage = run("export", "--help").stdout
    assert "--patient" in usage and "-o" in usage and "docs/export-format.md" in usage
