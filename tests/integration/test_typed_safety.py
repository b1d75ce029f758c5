"""Screening what practitioners type, on both engines: anaesthesia, medicines, overrides, depth."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from mesodesk.domain.anamnesis import AllergyEntry, Anamnesis, DayChecklist, MedicationEntry
from mesodesk.domain.diagram import DiagramName, MarkShape, vascular_spine_scheme
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.records import CourseRecord
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.domain.vocabulary import Area, Indication, Technique, VisitStatus
from mesodesk.models import Visit
from mesodesk.models.anamnesis import PatientMedication
from mesodesk.models.visit import Course
from mesodesk.services.safety_catalog import load_clinic_catalog
from mesodesk.services.screening import UnresolvedBlock
from tests.integration.safety_helpers import add_lot, add_patient, add_visit

ASKED = DayChecklist()
LIDOCAINE_CREAM = "крем с лидокаином 5%, 30 мин"
QUINCKE = Anamnesis(allergies=(AllergyEntry("Лидокаин", reaction="отёк Квинке"),))


def _blocks(services, visit_id: int) -> list[str]:
    findings = services.screening.screen_visit(visit_id)
    return [f.key for f in findings if f.severity is Severity.BLOCK]


def test_a_lidocaine_allergic_patient_is_not_signed_with_lidocaine_cream_without_an_override(
    services,
):
    patient = add_patient(services, anamnesis=QUINCKE)
    visit = add_visit(services, patient.id)
    services.screening.save_checklist(visit.id, ASKED)
    done = services.visits.mark_done(visit)
    done = services.visits.save(replace(done, anaesthesia=LIDOCAINE_CREAM))
    assert _blocks(services, visit.id) == ["allergy:lidocaine"]

    with pytest.raises(UnresolvedBlock, match="Allergy to Лидокаин"):
        services.visits.sign(replace(done, practitioner="Practitioner"))
    assert not services.visits.get(visit.id).signed

    (block,) = [f for f in services.screening.screen_visit(visit.id) if f.key.startswith("allergy")]
    services.screening.record_override(
        visit.id, block, "Patch test by the allergist negative; written consent.", "Practitioner"
    )
    signed = services.visits.sign(replace(done, practitioner="Practitioner"))
    assert signed.signed
    (kept,) = signed.overrides
    assert (kept.finding_code, kept.finding_subject) == ("allergy", "lidocaine")
    assert kept.finding_reason.startswith("Allergy to Лидокаин (отёк Квинке)")
    assert kept.finding_reason_ru.startswith("Аллергия на Лидокаин (отёк Квинке)")


def test_marking_done_with_lidocaine_cream_is_refused_too(services):
    patient = add_patient(services, anamnesis=QUINCKE)
    visit = add_visit(services, patient.id)
    visit = services.visits.save(replace(visit, anaesthesia="Lidocaine cream 5%"))
    services.screening.save_checklist(visit.id, ASKED)
    with pytest.raises(UnresolvedBlock):
        services.visits.mark_done(visit)
    assert services.visits.get(visit.id).status is VisitStatus.PLANNED


def test_the_unsaved_anaesthesia_and_disinfection_are_screened_as_typed(services):
    patient = add_patient(
        services,
        anamnesis=Anamnesis(allergies=(AllergyEntry("lidocaine"), AllergyEntry("хлоргексидин"))),
    )
    visit = add_visit(services, patient.id)
    plan = replace(visit, anaesthesia="Эмла, 40 минут", disinfection="Хлоргексидин 0,05%")
    screening = services.screening.screening(visit.id, ASKED, plan=plan)
    assert sorted(f.key for f in screening.unresolved) == [
        "allergy:chlorhexidine",
        "allergy:lidocaine",
    ]
    assert services.screening.screening(visit.id, ASKED).unresolved == ()


def test_a_text_naming_no_known_substance_is_a_could_not_check_warning(services):
    patient = add_patient(services, anamnesis=QUINCKE)
    visit = add_visit(services, patient.id)
    services.visits.save(replace(visit, anaesthesia="крем Анестоп"))
    findings = services.screening.screen_visit(visit.id, ASKED)
    assert [(f.key, f.severity) for f in findings] == [
        ("could_not_check:anaesthesia", Severity.WARNING)
    ]


def test_unknown_stored_values_are_reported_not_dropped(services, database):
    patient = add_patient(services)
    course = services.courses.save_course(
        CourseRecord(
            id=None,
            patient_id=patient.id,
            indication=Indication.WRINKLES,
            area=Area.FACE,
            sessions=5,
            interval_min_days=7,
            interval_max_days=10,
            start_on=date.today(),
        ),
        create_planned_visits=False,
    )
    visit = services.visits.start_visit(patient.id, course_id=course.id)
    with database.sessions.begin() as session:
        session.execute(
            update(Visit)
            .where(Visit.id == visit.id)
            .values(areas=["face", "elbow"], techniques=["laser"])
        )
        session.execute(
            update(Course).where(Course.id == course.id).values(indication="hair_loss_v2")
        )
    keys = [f.key for f in services.screening.screen_visit(visit.id, ASKED)]
    assert keys == [
        "could_not_check:area:elbow",
        "could_not_check:technique:laser",
        "could_not_check:course_indication:hair_loss_v2",
    ]


def test_an_override_survives_a_change_of_the_rules_wording(services, tmp_path, monkeypatch):
    patient = add_patient(services, anamnesis=Anamnesis(pregnant=True))
    lot = add_lot(services, "Acne cocktail", [("Lidocaine", "лидокаин")])
    services.anamnesis.save(
        replace(
            services.anamnesis.get(patient.id),
            anamnesis=Anamnesis(pregnant=True, allergies=(AllergyEntry("лидокаин"),)),
        )
    )
    visit = add_visit(services, patient.id, (lot,))
    services.screening.save_checklist(visit.id, ASKED)
    for finding in services.screening.screen_visit(visit.id):
        if finding.severity is Severity.BLOCK:
            services.screening.record_override(visit.id, finding, "Consent.", "Practitioner")
    before = {f.key: f.reason for f in services.screening.screen_visit(visit.id)}
    services.screening.require_overrides(visit.id)

    monkeypatch.setenv("MESODESK_DATA_DIR", str(tmp_path))
    reworded = [
        {
            **_raw(item),
            "name_en": item.name_en.upper(),
            "advice": "Reworded advice." if item.advice else "",
            "advice_ru": "Другой совет." if item.advice else "",
        }
        for item in load_clinic_catalog().items
    ]
    (tmp_path / "contraindications.json").write_text(json.dumps(reworded), encoding="utf-8")
    after = services.screening.screening(visit.id)
    assert after.catalog_problem is None
    changed = {f.key: f.reason for f in after.findings}
    assert changed.keys() == before.keys()
    assert all(
        changed[key] != before[key] for key in ("allergy:lidocaine", "contraindication:pregnancy")
    )
    assert after.unresolved == ()
    services.screening.require_overrides(visit.id)


def _raw(item) -> dict[str, object]:
    raw: dict[str, object] = {
        "code": item.code,
        "kind": item.kind.value,
        "scope": item.scope.value,
        "recorded_as": item.recorded_as.value,
        "name_en": item.name_en,
        "name_ru": item.name_ru,
        "source": item.source,
    }
    if item.indication_scope is not None:
        raw["indication_scope"] = item.indication_scope.value
        raw["indication_source"] = item.indication_source
    return raw


def test_a_typed_medicine_is_stored_with_its_flags_and_shown_in_the_header(services, database):
    patient = add_patient(services)
    facts = Anamnesis(
        medications=(
            MedicationEntry("Роаккутан 20 мг"),
            MedicationEntry("Гепариновая мазь", cleared=frozenset({"anticoagulant"})),
            MedicationEntry("Витамин D"),
        )
    )
    saved = services.anamnesis.save(PatientAnamnesisRecord(patient.id, facts))
    with database.sessions.begin() as session:
        rows = session.scalars(select(PatientMedication).order_by(PatientMedication.id)).all()
        stored = [(r.name, r.retinoid, r.anticoagulant, r.cleared_flags) for r in rows]
    assert stored == [
        ("Роаккутан 20 мг", True, False, []),
        ("Гепариновая мазь", False, False, ["anticoagulant"]),
        ("Витамин D", False, False, []),
    ]
    assert saved.anamnesis.medications[0].retinoid
    assert services.anamnesis.alerts(patient.id) == ["Retinoid: Роаккутан 20 мг"]
    visit = add_visit(services, patient.id)
    keys = [f.key for f in services.screening.screen_visit(visit.id, ASKED)]
    assert keys == ["contraindication:retinoids"]


def test_a_medication_stored_without_flags_is_still_screened_by_its_name(services, database):
    patient = add_patient(services)
    with database.sessions.begin() as session:
        session.add(PatientMedication(patient_id=patient.id, name="Варфарин"))
    visit = add_visit(services, patient.id)
    (finding,) = services.screening.screen_visit(visit.id, ASKED)
    assert finding.key == "contraindication:anticoagulants"
    assert "Never ask the patient to stop a medicine their doctor prescribed" in finding.reason
    assert services.anamnesis.get(patient.id).anamnesis.medications[0].anticoagulant


@pytest.mark.parametrize(("depth", "keys"), [("6", []), ("10", []), ("11", ["depth:vascular"])])
def test_a_default_vascular_scheme_screens_by_the_schemes_own_limit(services, depth, keys):
    patient = add_patient(services)
    visit = add_visit(services, patient.id, areas=(Area.VASCULAR,))
    services.marks.add_many(
        [
            MarkRecord(
                id=None,
                visit_id=visit.id,
                diagram=DiagramName.BACK,
                shape=MarkShape.POINT,
                points=(p.point,),
                technique=Technique.PINPOINT if i % 2 else None,
                depth_mm=Decimal(depth),
                needle="30G 13 mm",
            )
            for i, p in enumerate(vascular_spine_scheme("C3", "T6"))
        ]
    )
    findings = services.screening.screen_visit(visit.id, ASKED)
    assert [f.key for f in findings] == keys


def test_a_depth_beyond_the_needle_blocks(services):
    patient = add_patient(services)
    visit = add_visit(services, patient.id, areas=(Area.BODY,))
    (point,) = vascular_spine_scheme("C3", "C4", offsets_mm=(), sides=())
    services.marks.add(
        MarkRecord(
            id=None,
            visit_id=visit.id,
            diagram=DiagramName.BACK,
            shape=MarkShape.POINT,
            points=(point.point,),
            depth_mm=Decimal("6"),
            needle="32G 4mm",
        )
    )
    assert _blocks(services, visit.id) == ["needle_depth:4"]


def test_the_clinics_medicine_dictionary_replaces_the_shipped_one(services, tmp_path, monkeypatch):
    monkeypatch.setenv("MESODESK_DATA_DIR", str(tmp_path))
    clinic = {"medicines": [{"names": ["Новобренд", "Novobrand"], "flags": ["retinoid"]}]}
    (tmp_path / "medicines.json").write_text(json.dumps(clinic), encoding="utf-8")
    patient = add_patient(services)
    facts = Anamnesis(medications=(MedicationEntry("новобренда"), MedicationEntry("Варфарин")))
    saved = services.anamnesis.save(PatientAnamnesisRecord(patient.id, facts))
    assert [(m.retinoid, m.anticoagulant) for m in saved.anamnesis.medications] == [
        (True, False),
        (False, False),
    ]
    visit = add_visit(services, patient.id)
    screening = services.screening.screening(visit.id, ASKED)
    assert [f.key for f in screening.findings] == ["contraindication:retinoids"]
    assert screening.catalog_problem is None


def test_a_broken_clinic_dictionary_leaves_the_shipped_one_in_force_and_says_so(
    services, tmp_path, monkeypatch
):
    monkeypatch.setenv("MESODESK_DATA_DIR", str(tmp_path))
    (tmp_path / "medicines.json").write_text('{"medicines": "Варфарин"}', encoding="utf-8")
    patient = add_patient(services, anamnesis=Anamnesis(medications=(MedicationEntry("Варфарин"),)))
    visit = add_visit(services, patient.id)
    screening = services.screening.screening(visit.id, ASKED)
    assert [f.key for f in screening.findings] == ["contraindication:anticoagulants"]
    assert screening.catalog_problem is not None
    assert "The clinic's medicine dictionary" in screening.catalog_problem
    assert "medicines must be a non-empty list" in screening.catalog_problem
