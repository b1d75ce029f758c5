"""`mesodesk export` carries the anamnesis and every override with its reason, who and when."""

from __future__ import annotations

import json
from datetime import date

from mesodesk.db import open_database, sqlite_url
from mesodesk.domain.anamnesis import AllergyEntry, Anamnesis, ConditionEntry, MedicationEntry
from mesodesk.domain.findings import Severity
from mesodesk.domain.vocabulary import ReactionSeverity
from mesodesk.services.registry import build_services
from tests.cli.test_cli import run
from tests.integration.safety_helpers import add_lot, add_patient, add_visit

ANAMNESIS = Anamnesis(
    conditions=(ConditionEntry("hypertension", noted_on=date(2021, 3, 1), note="controlled"),),
    allergies=(AllergyEntry("лидокаин", reaction="urticaria", severity=ReactionSeverity.SEVERE),),
    medications=(MedicationEntry("Аспирин Кардио 100", antiplatelet=True),),
    pregnant=True,
    pregnancy_due_on=date(2031, 3, 1),
)


def test_the_export_contains_the_anamnesis_and_the_overrides(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    database = open_database(sqlite_url(path))
    services = build_services(database.sessions)
    patient = add_patient(services, anamnesis=ANAMNESIS)
    lot = add_lot(services, "Acne cocktail", [("Lidocaine", "лидокаин")])
    visit = add_visit(services, patient.id, (lot,))
    blocks = [f for f in services.screening.screen_visit(visit.id) if f.severity is Severity.BLOCK]
    for finding in blocks:
        services.screening.record_override(
            visit.id, finding, f"Reason for {finding.code}.", "Practitioner"
        )
    database.close()

    out = tmp_path / "record.json"
    result = run("export", "--db", str(path), "--patient", str(patient.id), "-o", str(out))
    assert result.returncode == 0, result.stderr
    record = json.loads(out.read_text(encoding="utf-8"))

    anamnesis = record["anamnesis"]
    assert anamnesis["flags"]["pregnant"] is True
    assert anamnesis["flags"]["pregnancy_due_on"] == "2031-03-01"
    assert anamnesis["conditions"] == [
        {"code": "hypertension", "active": True, "noted_on": "2021-03-01", "note": "controlled"}
    ]
    assert anamnesis["allergies"] == [
        {"substance": "лидокаин", "group": None, "reaction": "urticaria", "severity": "severe"}
    ]
    assert anamnesis["medications"][0]["name"] == "Аспирин Кардио 100"
    assert anamnesis["medications"][0]["antiplatelet"] is True

    (exported,) = record["visits"]
    overrides = exported["overrides"]
    assert sorted((o["finding_code"], o["finding_subject"]) for o in overrides) == [
        ("allergy", "lidocaine"),
        ("contraindication", "hypertension"),
        ("contraindication", "pregnancy"),
    ]
    allergy = next(o for o in overrides if o["finding_code"] == "allergy")
    assert allergy["reason"] == "Reason for allergy."
    assert allergy["decided_by"] == "Practitioner"
    assert allergy["decided_at"].startswith(date.today().isoformat()[:4])
    assert 'Acne cocktail" contains Lidocaine' in allergy["finding_reason"]
