"""Upgrading a database whose overrides were matched by wording: they keep answering their findings.

The database is made at revision 0002 with data in it (patients, a product, a visit, overrides
written with the old codes and English sentences, a medication without its flag), then opened
by this version, on both engines.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine, select, text

from mesodesk import migrations
from mesodesk.db import open_database
from mesodesk.domain.anamnesis import AllergyEntry, Anamnesis, DayChecklist
from mesodesk.models.anamnesis import PatientMedication
from mesodesk.models.visit import VisitOverride
from mesodesk.services.registry import build_services
from tests.integration.safety_helpers import add_lot, add_patient, add_visit

OLD_ALLERGY = (
    'Allergy to лидокаин (urticaria): "Acne cocktail" contains Lidocaine hydrochloride '
    "(anaesthetic). Choose a composition without it; an intradermal allergy test can be done "
    "where needed (004)."
)
OLD_PREGNANCY = "Pregnancy: an absolute contraindication to mesotherapy; do not inject."


def test_old_overrides_and_medications_are_carried_over(database):
    url = database.url.render_as_string(hide_password=False)
    services = build_services(database.sessions)
    patient = add_patient(
        services,
        anamnesis=Anamnesis(
            pregnant=True, allergies=(AllergyEntry("лидокаин", reaction="urticaria"),)
        ),
    )
    lot = add_lot(services, "Acne cocktail", [("Lidocaine hydrochloride", "")])
    visit = add_visit(services, patient.id, (lot,))
    services.screening.save_checklist(visit.id, DayChecklist())
    database.close()

    engine = create_engine(url)
    migrations.downgrade(engine, "0002")
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with engine.begin() as connection:
        for code, reason in (("component_allergy", OLD_ALLERGY), ("pregnancy", OLD_PREGNANCY)):
            connection.execute(
                text(
                    "INSERT INTO visit_overrides (visit_id, finding_code, finding_reason, reason,"
                    " decided_by, decided_at) VALUES (:visit, :code, :reason, 'Consent.',"
                    " 'Practitioner', :now)"
                ),
                {"visit": visit.id, "code": code, "reason": reason, "now": now},
            )
        connection.execute(
            text(
                "INSERT INTO patient_medications (patient_id, name, anticoagulant, antiplatelet,"
                " retinoid, hormonal, immunosuppressant) VALUES (:patient, 'Варфарин 2,5 мг',"
                " false, false, false, false, false)"
            ),
            {"patient": patient.id},
        )
    engine.dispose()

    upgraded = open_database(url)
    try:
        with upgraded.engine.connect() as connection:
            state = migrations.schema_state(connection)
        assert state.current == state.head
        with upgraded.sessions.begin() as session:
            kept = session.execute(
                select(
                    VisitOverride.finding_code,
                    VisitOverride.finding_subject,
                    VisitOverride.finding_reason,
                ).order_by(VisitOverride.id)
            ).all()
            medication = session.scalars(select(PatientMedication)).one()
            flags = (medication.anticoagulant, medication.cleared_flags)
        assert [tuple(row) for row in kept] == [
            ("allergy", "lidocaine", OLD_ALLERGY),
            ("contraindication", "pregnancy", OLD_PREGNANCY),
        ]
        assert flags == (True, [])
        services = build_services(upgraded.sessions)
        screening = services.screening.screening(visit.id)
        assert {f.key for f in screening.findings} >= {
            "allergy:lidocaine",
            "contraindication:pregnancy",
            "contraindication:anticoagulants",
        }
        assert screening.unresolved == ()
        services.screening.require_overrides(visit.id)
    finally:
        upgraded.close()
