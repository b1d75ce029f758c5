"""Patient card use cases: find, open, save, archive."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, and_, delete, func, insert, select, tuple_
from sqlalchemy.orm import Session

from mesodesk.domain import patient as rules
from mesodesk.domain.patient import PatientCard, PatientRow
from mesodesk.domain.vocabulary import Language, Sex, SkinType
from mesodesk.models import Patient, PatientSearchTerm
from mesodesk.models.base import utcnow
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ValidationFailed

PAGE_SIZE = 200


class PatientService(Service):
    def search(
        self,
        query: str = "",
        include_archived: bool = False,
        after: PatientRow | None = None,
        limit: int = PAGE_SIZE,
    ) -> list[PatientRow]:
        """A page of the list in alphabetical order, starting after the row `after`.

        Every word typed must start some search term of the patient.

        Each word is an index range on the search terms, so the cost follows the matches,
        not the number of patients.
        """
        statement = select(
            Patient.id,
            Patient.last_name,
            Patient.first_name,
            Patient.middle_name,
            Patient.birth_date,
            Patient.phone,
            Patient.last_visit_on,
            Patient.archived,
            Patient.sort_key,
        )
        if not include_archived:
            statement = statement.where(Patient.archived.is_(False))
        for term in rules.query_terms(query):
            statement = statement.where(Patient.id.in_(_starting_with(term)))
        if after is not None:
            statement = statement.where(
                tuple_(Patient.sort_key, Patient.id) > tuple_(after.sort_key, after.id)
            )
        statement = statement.order_by(Patient.sort_key, Patient.id).limit(limit)
        with self._read() as session:
            return [
                PatientRow(
                    id=r.id,
                    name=rules.full_name(r.last_name, r.first_name, r.middle_name),
                    birth_date=r.birth_date,
                    phone=r.phone,
                    last_visit_on=r.last_visit_on,
                    archived=r.archived,
                    sort_key=r.sort_key,
                )
                for r in session.execute(statement)
            ]

    def count(self, include_archived: bool = False) -> int:
        statement = select(func.count(Patient.id))
        if not include_archived:
            statement = statement.where(Patient.archived.is_(False))
        with self._read() as session:
            return session.execute(statement).scalar_one()

    def get(self, patient_id: int) -> PatientCard:
        with self._read() as session:
            return _card(_load(session, patient_id))

    def save(self, card: PatientCard, today: date | None = None) -> PatientCard:
        """Create the card (id None) or update it; refuses invalid input and stale versions."""
        card = card.cleaned()
        errors = rules.validate(card, today or date.today())
        if errors:
            raise ValidationFailed(errors)
        with self._write() as session:
            if card.id is None:
                row = Patient(archived=False)
                session.add(row)
            else:
                row = _load(session, card.id)
                self._check_version(row.version, card.version)
                row.updated_at = utcnow()
            _apply(row, card)
            session.flush()
            _index_terms(session, row.id, card)
            session.flush()
            return _card(row)

    def save_many(self, cards: list[PatientCard]) -> list[int]:
        """Create many valid cards in one transaction (demo data, imports)."""
        today = date.today()
        for card in cards:
            errors = rules.validate(card, today)
            if errors:
                raise ValidationFailed(errors)
        with self._write() as session:
            rows = []
            for card in cards:
                row = Patient(archived=card.archived)
                _apply(row, card.cleaned())
                rows.append(row)
            session.add_all(rows)
            session.flush()
            session.execute(
                insert(PatientSearchTerm),
                [
                    {"term": term, "patient_id": row.id}
                    for row, card in zip(rows, cards, strict=True)
                    for term in rules.search_terms(card.cleaned())
                ],
            )
            return [row.id for row in rows]

    def set_archived(self, patient_id: int, archived: bool, version: int) -> PatientCard:
        """Archive (hide from the list, keep everything) or bring a patient back."""
        with self._write() as session:
            row = _load(session, patient_id)
            self._check_version(row.version, version)
            row.archived = archived
            row.updated_at = utcnow()
            session.flush()
            return _card(row)


def _starting_with(term: str) -> Select[int]:
    return select(PatientSearchTerm.patient_id).where(
        and_(
            PatientSearchTerm.term >= term,
            PatientSearchTerm.term < rules.prefix_upper_bound(term),
        )
    )


def _load(session: Session, patient_id: int) -> Patient:
    row = session.get(Patient, patient_id)
    if row is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    return row


def _apply(row: Patient, card: PatientCard) -> None:
    row.last_name = card.last_name
    row.first_name = card.first_name
    row.middle_name = card.middle_name
    row.birth_date = card.birth_date
    row.sex = card.sex.value
    row.phone = card.phone
    row.email = card.email
    row.address = card.address
    row.skin_type = card.skin_type.value if card.skin_type else None
    row.language = card.language.value
    row.notes = card.notes
    row.sort_key = rules.sort_key(card)


def _index_terms(session: Session, patient_id: int, card: PatientCard) -> None:
    session.execute(delete(PatientSearchTerm).where(PatientSearchTerm.patient_id == patient_id))
    terms = rules.search_terms(card)
    if terms:
        session.execute(
            insert(PatientSearchTerm),
            [{"term": term, "patient_id": patient_id} for term in sorted(terms)],
        )


def _card(row: Patient) -> PatientCard:
    return PatientCard(
        id=row.id,
        version=row.version,
        last_name=row.last_name,
        first_name=row.first_name,
        middle_name=row.middle_name,
        birth_date=row.birth_date,
        sex=Sex(row.sex),
        phone=row.phone,
        email=row.email,
        address=row.address,
        skin_type=SkinType(row.skin_type) if row.skin_type else None,
        language=Language(row.language),
        notes=row.notes,
        archived=row.archived,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
