"""The anamnesis on the card, stored on both engines, and what the header and list show of it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mesodesk import paths
from mesodesk.domain.anamnesis import AllergyEntry, Anamnesis, ConditionEntry, MedicationEntry
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.domain.vocabulary import IngredientGroup, ReactionSeverity
from mesodesk.services import safety_catalog
from mesodesk.services.errors import StaleRecord, ValidationFailed
from tests.integration.safety_helpers import add_patient

FULL = Anamnesis(
    conditions=(
        ConditionEntry("diabetes", active=True, noted_on=date(2019, 5, 1), note="insulin"),
        ConditionEntry("hypertension", active=False),
    ),
    allergies=(
        AllergyEntry("лидокаин", reaction="urticaria", severity=ReactionSeverity.SEVERE),
        AllergyEntry("", group=IngredientGroup.ANTIBIOTIC),
    ),
    medications=(MedicationEntry("Warfarin 5 mg", anticoagulant=True),),
    pregnant=False,
    childbirth_on=date(2024, 2, 3),
    breastfeeding=True,
    keloid_tendency=True,
    fear_of_injections=True,
    high_skin_sensitivity=True,
)


def test_a_saved_anamnesis_reads_back_exactly(services):
    patient = add_patient(services)
    assert services.anamnesis.get(patient.id) == PatientAnamnesisRecord(patient.id, Anamnesis())
    saved = services.anamnesis.save(PatientAnamnesisRecord(patient.id, FULL))
    assert saved.anamnesis == FULL
    assert services.anamnesis.get(patient.id) == saved


def test_saving_replaces_the_lists_and_refuses_an_older_copy(services):
    patient = add_patient(services)
    first = services.anamnesis.save(PatientAnamnesisRecord(patient.id, FULL))
    shorter = Anamnesis(allergies=(AllergyEntry("novocaine"),))
    second = services.anamnesis.save(PatientAnamnesisRecord(patient.id, shorter, first.version))
    assert services.anamnesis.get(patient.id).anamnesis == shorter
    assert second.version > first.version
    with pytest.raises(StaleRecord):
        services.anamnesis.save(PatientAnamnesisRecord(patient.id, FULL, first.version))


def test_an_allergy_naming_nothing_is_refused_with_a_message(services):
    patient = add_patient(services)
    empty = Anamnesis(allergies=(AllergyEntry("", reaction="rash"),))
    with pytest.raises(ValidationFailed) as refused:
        services.anamnesis.save(PatientAnamnesisRecord(patient.id, empty))
    assert refused.value.errors == {
        "allergies": "Name the substance or the group for every allergy."
    }


def test_header_alerts_name_allergies_and_active_absolute_contraindications(services):
    patient = add_patient(services)
    services.anamnesis.save(PatientAnamnesisRecord(patient.id, FULL))
    assert services.anamnesis.alerts(patient.id) == [
        "Allergy: лидокаин",
        "Allergy: antibiotic",
        "Anticoagulant: Warfarin 5 mg",
        "Lactation (breastfeeding)",
        "Tendency to keloid scars",
        "Diabetes mellitus",
    ]


def test_the_list_marks_only_patients_with_an_active_absolute_contraindication(services):
    pregnant = add_patient(services, "Петрова", Anamnesis(pregnant=True))
    diabetic = add_patient(
        services, "Сидорова", Anamnesis(conditions=(ConditionEntry("diabetes"),))
    )
    resolved = add_patient(
        services, "Орлова", Anamnesis(conditions=(ConditionEntry("diabetes", active=False),))
    )
    relative = add_patient(services, "Волкова", Anamnesis(fear_of_injections=True))
    healthy = add_patient(services, "Козлова")
    ids = [p.id for p in (pregnant, diabetic, resolved, relative, healthy)]
    assert services.anamnesis.patients_with_active_blocks(ids) == {pregnant.id, diabetic.id}


def test_a_clinic_catalog_file_replaces_the_shipped_one(services, tmp_path, monkeypatch):
    monkeypatch.setenv("MESODESK_DATA_DIR", str(tmp_path))
    shipped = json.loads(paths.resource_path("contraindications.json").read_text("utf-8"))
    for entry in shipped:
        if entry["code"] == "hypertension":
            entry["kind"] = "relative"
    (tmp_path / "contraindications.json").write_text(json.dumps(shipped), encoding="utf-8")
    catalog = services.anamnesis.catalog()
    assert catalog.problem is None
    assert catalog.by_code()["hypertension"].kind == "relative"


def test_a_broken_clinic_catalog_is_reported_and_the_shipped_one_used(
    services, tmp_path, monkeypatch
):
    monkeypatch.setenv("MESODESK_DATA_DIR", str(tmp_path))
    (tmp_path / "contraindications.json").write_text('[{"code": "Pregnancy"}]', encoding="utf-8")
    catalog = services.anamnesis.catalog()
    assert catalog.problem is not None
    assert "cannot be used" in catalog.problem and "shipped with MesoDesk" in catalog.problem
    assert catalog.by_code()["hypertension"].kind == "absolute"
    assert safety_catalog.load_clinic_catalog().problem == catalog.problem
