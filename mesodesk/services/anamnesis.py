"""The anamnesis on the patient card: read, save, and the short alerts shown in the header.

Medications are kept with the flags the medicine dictionary gives their names (unless the
practitioner unticked one), so whatever reads the stored flags knows a typed "Варфарин" is an
anticoagulant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from sqlalchemy import CompoundSelect, Select, bindparam, delete, or_, select, union
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import flag_modified

from mesodesk.domain import limits
from mesodesk.domain.alerts import absolute_card_flags, card_alerts
from mesodesk.domain.anamnesis import (
    AllergyEntry,
    Anamnesis,
    ConditionEntry,
    MedicationEntry,
    facts_refused_for,
)
from mesodesk.domain.contraindications import ContraindicationKind, RecordedAs
from mesodesk.domain.findings import Message
from mesodesk.domain.medicines import MedicineDictionary, with_flags
from mesodesk.domain.safety_records import CardSafety, PatientAnamnesisRecord
from mesodesk.domain.vocabulary import IngredientGroup, ReactionSeverity, Sex
from mesodesk.models import Patient
from mesodesk.models.anamnesis import (
    PatientAllergy,
    PatientAnamnesis,
    PatientCondition,
    PatientMedication,
)
from mesodesk.services.access import Access
from mesodesk.services.base import STALE_MESSAGE, Service
from mesodesk.services.errors import NotFound, StaleRecord, ValidationFailed
from mesodesk.services.safety_catalog import (
    ClinicCatalog,
    ClinicMedicines,
    load_clinic_catalog,
    load_clinic_medicines,
)

CHUNK = 500
"""Patient ids per query when marking the list, well under every engine's parameter limit."""


class AnamnesisService(Service):
    def __init__(
        self,
        sessions: sessionmaker[Session],
        catalog: Callable[[], ClinicCatalog] = load_clinic_catalog,
        medicines: Callable[[], ClinicMedicines] = load_clinic_medicines,
        access: Access | None = None,
        rules_in: Callable[[Session], tuple[ClinicCatalog, ClinicMedicines]] | None = None,
    ) -> None:
        super().__init__(sessions, access)
        self._catalog = catalog
        self._medicines = medicines
        self._rules_in = rules_in

    def catalog(self) -> ClinicCatalog:
        """The contraindication catalog in force (the clinic's, else the shipped one)."""
        return self._catalog()

    def medicines(self) -> ClinicMedicines:
        """The medicine dictionary in force (the clinic's, else the shipped one)."""
        return self._medicines()

    def get(self, patient_id: int) -> PatientAnamnesisRecord:
        """The stored anamnesis, each medication with the flags its name implies ticked."""
        dictionary = self.medicines().dictionary
        with self._read() as session:
            return anamnesis_of(session, patient_id, dictionary)

    def card_safety(self, patient_id: int) -> CardSafety:
        """Opening a card: the anamnesis with its alerts, the rules read once for both (in the
        same transaction as the anamnesis, where `rules_in` reads them there)."""
        with self._read() as session:
            if self._rules_in is not None:
                catalog, medicines = self._rules_in(session)
            else:
                catalog, medicines = self.catalog(), self.medicines()
            record = anamnesis_of(session, patient_id, medicines.dictionary)
        alerts = card_alerts(record.anamnesis, catalog.by_code(), medicines.dictionary)
        problems = tuple(p for p in (catalog.problem, medicines.problem) if p)
        return CardSafety(record, tuple(alerts), medicines.dictionary, problems)

    def save(self, record: PatientAnamnesisRecord) -> PatientAnamnesisRecord:
        """Replace the patient's anamnesis; refuses entries the rules cannot read."""
        errors = _storable(record.anamnesis) or _validate(record.anamnesis)
        if errors:
            raise ValidationFailed(errors)
        dictionary = self.medicines().dictionary
        facts = _with_flags(record.anamnesis, dictionary)
        patient_id = record.patient_id
        with self._write() as session:
            _require_patient(session, patient_id)
            _refuse_facts_ruled_out_by_sex(session, patient_id, facts)
            row = session.get(PatientAnamnesis, patient_id)
            if row is None:
                if record.version != 0:
                    raise StaleRecord(STALE_MESSAGE)
                row = PatientAnamnesis(patient_id=patient_id)
                session.add(row)
            else:
                self._check_version(row.version, record.version)
            row.pregnant = facts.pregnant
            row.pregnancy_due_on = facts.pregnancy_due_on if facts.pregnant else None
            row.childbirth_on = facts.childbirth_on
            row.breastfeeding = facts.breastfeeding
            row.keloid_tendency = facts.keloid_tendency
            row.fear_of_injections = facts.fear_of_injections
            row.high_skin_sensitivity = facts.high_skin_sensitivity
            flag_modified(row, "pregnant")  # a change to the lists alone still bumps the version
            for table in (PatientCondition, PatientAllergy, PatientMedication):
                session.execute(delete(table).where(table.patient_id == patient_id))
            session.add_all(_rows(patient_id, facts))
            session.flush()
            return anamnesis_of(session, patient_id, dictionary)

    def alerts(self, patient_id: int) -> list[str]:
        """What the header shows in red, in English: allergies, medications with their flags
        ("Anticoagulant: Варфарин"), the active absolute contraindications."""
        return [message.render() for message in self.alert_messages(patient_id)]

    def alert_messages(self, patient_id: int) -> list[Message]:
        """The header's alerts as templates, to show in either language."""
        return self.alerts_for(self.get(patient_id).anamnesis)

    def alerts_for(self, facts: Anamnesis) -> list[Message]:
        """The header's alerts for an anamnesis as it is being edited."""
        return card_alerts(facts, self.catalog().by_code(), self.medicines().dictionary)

    def patients_with_active_blocks(self, patient_ids: Iterable[int]) -> set[int]:
        """Which of these patients have an active absolute contraindication on the card."""
        ids = sorted(set(patient_ids))
        catalog = self.catalog()
        absolute = [
            item.code
            for item in catalog.recorded_as(RecordedAs.CONDITION)
            if item.kind is ContraindicationKind.ABSOLUTE
        ]
        flags = [
            getattr(PatientAnamnesis, flag).is_(True)
            for flag in absolute_card_flags(catalog.by_code())
        ]
        flagged: set[int] = set()
        with self._read() as session:
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                by_condition = select(PatientCondition.patient_id).where(
                    PatientCondition.patient_id.in_(chunk),
                    PatientCondition.active.is_(True),
                    PatientCondition.code.in_(absolute),
                )
                statement: Select[int] | CompoundSelect[int] = by_condition
                if flags:
                    by_card = select(PatientAnamnesis.patient_id).where(
                        PatientAnamnesis.patient_id.in_(chunk), or_(*flags)
                    )
                    statement = union(by_condition, by_card)
                flagged.update(session.execute(statement).scalars())
        return flagged


def _require_patient(session: Session, patient_id: int) -> None:
    if session.scalar(_PATIENT_ID, {"patient_id": patient_id}) is None:
        raise NotFound("This patient no longer exists; the list has been refreshed.")


def _refuse_facts_ruled_out_by_sex(session: Session, patient_id: int, facts: Anamnesis) -> None:
    """No pregnancy, breastfeeding or childbirth for a male patient. The patient row stays
    locked to the end of the transaction (PostgreSQL), so the card's sex cannot change
    between this check and the write."""
    patient = session.get(Patient, patient_id, with_for_update=True)
    errors = facts_refused_for(Sex(patient.sex), facts) if patient is not None else {}
    if errors:
        raise ValidationFailed(errors)


def _with_flags(facts: Anamnesis, dictionary: MedicineDictionary) -> Anamnesis:
    return replace(facts, medications=tuple(with_flags(m, dictionary) for m in facts.medications))


_PATIENT_ID = select(Patient.id).where(Patient.id == bindparam("patient_id"))
_CONDITIONS = (
    select(PatientCondition)
    .where(PatientCondition.patient_id == bindparam("patient_id"))
    .order_by(PatientCondition.id)
)
_ALLERGIES = (
    select(PatientAllergy)
    .where(PatientAllergy.patient_id == bindparam("patient_id"))
    .order_by(PatientAllergy.id)
)
_MEDICATIONS = (
    select(PatientMedication)
    .where(PatientMedication.patient_id == bindparam("patient_id"))
    .order_by(PatientMedication.id)
)
"""Read at every opening of a card and of a visit, so built once: a statement built anew
costs SQLAlchemy its cache key at each execution, more than the query itself."""


def anamnesis_of(
    session: Session, patient_id: int, dictionary: MedicineDictionary
) -> PatientAnamnesisRecord:
    """The patient's anamnesis read in the caller's transaction, each medication with the
    flags its name implies."""
    _require_patient(session, patient_id)
    row = session.get(PatientAnamnesis, patient_id)
    asked = {"patient_id": patient_id}
    conditions = session.scalars(_CONDITIONS, asked)
    allergies = session.scalars(_ALLERGIES, asked)
    medications = session.scalars(_MEDICATIONS, asked)
    facts = Anamnesis(
        conditions=tuple(ConditionEntry(c.code, c.active, c.noted_on, c.note) for c in conditions),
        allergies=tuple(
            AllergyEntry(
                substance=a.substance,
                group=IngredientGroup(a.group) if a.group else None,
                reaction=a.reaction,
                severity=ReactionSeverity(a.severity) if a.severity else None,
            )
            for a in allergies
        ),
        medications=tuple(
            with_flags(
                MedicationEntry(
                    m.name,
                    m.anticoagulant,
                    m.antiplatelet,
                    m.retinoid,
                    m.hormonal,
                    m.immunosuppressant,
                    frozenset(str(flag) for flag in m.cleared_flags or ()),
                ),
                dictionary,
            )
            for m in medications
        ),
    )
    if row is not None:
        facts = replace(
            facts,
            pregnant=row.pregnant,
            pregnancy_due_on=row.pregnancy_due_on,
            childbirth_on=row.childbirth_on,
            breastfeeding=row.breastfeeding,
            keloid_tendency=row.keloid_tendency,
            fear_of_injections=row.fear_of_injections,
            high_skin_sensitivity=row.high_skin_sensitivity,
        )
    return PatientAnamnesisRecord(patient_id, facts, row.version if row is not None else 0)


def _rows(
    patient_id: int, facts: Anamnesis
) -> list[PatientCondition | PatientAllergy | PatientMedication]:
    rows: list[PatientCondition | PatientAllergy | PatientMedication] = [
        PatientCondition(
            patient_id=patient_id,
            code=c.code,
            active=c.active,
            noted_on=c.noted_on,
            note=c.note.strip(),
        )
        for c in facts.conditions
    ]
    rows += [
        PatientAllergy(
            patient_id=patient_id,
            substance=a.substance.strip(),
            group=IngredientGroup(a.group).value if a.group else None,
            reaction=a.reaction.strip(),
            severity=ReactionSeverity(a.severity).value if a.severity else None,
        )
        for a in facts.allergies
    ]
    rows += [
        PatientMedication(
            patient_id=patient_id,
            name=m.name.strip(),
            anticoagulant=m.anticoagulant,
            antiplatelet=m.antiplatelet,
            retinoid=m.retinoid,
            hormonal=m.hormonal,
            immunosuppressant=m.immunosuppressant,
            cleared_flags=sorted(m.cleared),
        )
        for m in facts.medications
    ]
    return rows


def _validate(facts: Anamnesis) -> dict[str, str]:
    """Messages keyed by the card section at fault, for the form.

    A condition code the catalog no longer knows is kept: screening reports it, and deleting
    a patient's history because an admin edited the catalog would lose it silently.
    """
    errors: dict[str, str] = {}
    if any(not (a.substance.strip() or a.group) for a in facts.allergies):
        errors["allergies"] = "Name the substance or the group for every allergy."
    if any(not m.name.strip() for m in facts.medications):
        errors["medications"] = "Enter the name of every medication."
    if facts.childbirth_on and facts.childbirth_on > date.today():
        errors["childbirth_on"] = "The childbirth date cannot be in the future."
    return errors


def _storable(facts: Anamnesis) -> dict[str, str]:
    """Messages keyed by the card section whose entries cannot be stored as they are: texts
    too long or holding characters no database keeps, dates outside the years kept, values
    that are not in the lists."""
    errors: dict[str, str] = {}
    sections: tuple[tuple[str, tuple[object, ...]], ...] = (
        ("conditions", facts.conditions),
        ("allergies", facts.allergies),
        ("medications", facts.medications),
    )
    for section, entries in sections:
        if len(entries) > limits.ANAMNESIS_ENTRIES:
            errors[section] = f"At most {limits.ANAMNESIS_ENTRIES} entries can be kept here."
    for condition in facts.conditions:
        limits.check_text(errors, "conditions", condition.code, limits.CONDITION_CODE)
        limits.check_text(
            errors, "conditions", condition.note, limits.CONDITION_NOTE, multiline=True
        )
        if condition.noted_on is not None and "conditions" not in errors:
            problem = limits.day_problem(condition.noted_on)
            if problem is not None:
                errors["conditions"] = problem
    for allergy in facts.allergies:
        limits.check_text(errors, "allergies", allergy.substance, limits.ALLERGY_SUBSTANCE)
        limits.check_text(errors, "allergies", allergy.reaction, limits.ALLERGY_REACTION)
        try:
            if allergy.group is not None:
                IngredientGroup(allergy.group)
            if allergy.severity is not None:
                ReactionSeverity(allergy.severity)
        except ValueError:
            errors.setdefault("allergies", "Choose the group and severity from the lists.")
    for medication in facts.medications:
        limits.check_text(errors, "medications", medication.name, limits.MEDICATION_NAME)
    for field in ("pregnancy_due_on", "childbirth_on"):
        value = getattr(facts, field)
        if value is not None:
            problem = limits.day_problem(value)
            if problem is not None:
                errors[field] = problem
    return errors
