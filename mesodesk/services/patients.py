"""Patient card use cases: find, open, save, archive."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    and_,
    delete,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from mesodesk.domain import limits, search_terms
from mesodesk.domain import patient as rules
from mesodesk.domain.anamnesis import Anamnesis, facts_naming, female_only_facts
from mesodesk.domain.patient import PatientCard, PatientRow
from mesodesk.domain.users import Permission
from mesodesk.domain.vocabulary import Language, Sex, SkinType
from mesodesk.models import Patient, PatientSearchTerm
from mesodesk.models.anamnesis import PatientAnamnesis
from mesodesk.models.base import utcnow
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ValidationFailed
from mesodesk.services.first_page import PAGE_SIZE
from mesodesk.services.patient_search import DIRECT, LISTED, VARIANT, Plan, list_row

DUPLICATES_SHOWN = 5
"""The warning names the first; a few more are enough to say that others look alike too."""


class PatientService(Service):
    def search(
        self,
        query: str = "",
        include_archived: bool = False,
        after: PatientRow | None = None,
        limit: int = PAGE_SIZE,
    ) -> list[PatientRow]:
        """A page of the list, starting after the row `after`: the patients every typed word
        finds as typed (rank 0) in alphabetical order, then those found only by a spelling in
        the other script or a run inside the phone (rank 1), alphabetical too.

        A word finds a patient when it starts one of the patient's search terms (see
        `mesodesk.domain.search_terms`). Each page is read by the cheapest plan for the
        query's rarest word (`patient_search.Plan`), so the cost follows the matches, not the
        size of the clinic.
        """
        words = search_terms.query_words(query)
        with self._read(needs=Permission.PATIENTS) as session:
            if not words:
                statement = _page(select(*_LIST_COLUMNS), include_archived, after, limit)
                return [list_row(r) for r in session.execute(statement)]
            plan = Plan(session.connection(), words, limit)
            rows: list[PatientRow] = []
            for rank in (DIRECT, VARIANT):
                if after is not None and after.rank > rank:
                    continue
                start = after if after is not None and after.rank == rank else None
                rows += plan.rows(rank, include_archived, start, limit - len(rows))
                if len(rows) >= limit:
                    break
            return rows

    def likely_duplicates(self, card: PatientCard) -> list[PatientRow]:
        """Stored patients who are probably the person on `card`, archived ones included.

        The same name and birth date, or the same national phone number (see
        `rules.duplicate_reasons`); the card itself is never listed. Two index look-ups, so the
        check costs the same with 100 patients or 100,000.
        """
        card = card.cleaned()
        statements = []
        names = (card.last_name, card.first_name, card.middle_name)
        readable = all(limits.text_problem(name, rules.NAME_MAX) is None for name in names)
        if card.last_name and card.birth_date is not None and readable:
            statements.append(
                select(*_LIST_COLUMNS).where(
                    Patient.archived.in_((False, True)),
                    _starts_with(Patient.sort_key, rules.name_prefix(card)),
                    Patient.birth_date == card.birth_date,
                )
            )
        phone = rules.national_number(card.phone)
        if phone:
            statements.append(
                select(*_LIST_COLUMNS)
                .join(PatientSearchTerm, PatientSearchTerm.patient_id == Patient.id)
                .where(PatientSearchTerm.term == phone[:120])
            )
        found: dict[int, PatientRow] = {}
        with self._read(needs=Permission.PATIENTS) as session:
            for statement in statements:
                for r in session.execute(statement.limit(DUPLICATES_SHOWN * 4)):
                    row = list_row(r)
                    if rules.duplicate_reasons(card, row):
                        found[row.id] = row
        ordered = sorted(found.values(), key=lambda row: (row.archived, row.sort_key, row.id))
        return ordered[:DUPLICATES_SHOWN]

    def count(self, include_archived: bool = False) -> int:
        statement = select(func.count(Patient.id))
        if not include_archived:
            statement = statement.where(Patient.archived.is_(False))
        with self._read(needs=Permission.PATIENTS) as session:
            return session.execute(statement).scalar_one()

    def get(self, patient_id: int) -> PatientCard:
        with self._read(needs=Permission.PATIENTS) as session:
            return _card(_load(session, patient_id))

    def save(self, card: PatientCard, today: date | None = None) -> PatientCard:
        """Create the card (id None) or update it; refuses invalid input and stale versions."""
        card = card.cleaned()
        errors = rules.validate(card, today or date.today())
        if errors:
            raise ValidationFailed(errors)
        with self._write(needs=Permission.PATIENTS) as session:
            if card.id is None:
                row = Patient(archived=False)
                session.add(row)
            else:
                row = _load(session, card.id, lock=True)
                self._check_version(row.version, card.version)
                if card.sex is Sex.MALE and row.sex != Sex.MALE.value:
                    _refuse_female_only_facts(session, row.id)
                row.updated_at = utcnow()
            _apply(row, card)
            session.flush()
            _index_terms(session, row, card)
            session.flush()
            return _card(row)

    def save_many(self, cards: list[PatientCard]) -> list[int]:
        """Create many valid cards in one transaction (demo data, imports)."""
        today = date.today()
        for card in cards:
            errors = rules.validate(card, today)
            if errors:
                raise ValidationFailed(errors)
        with self._write(needs=Permission.PATIENTS) as session:
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
                    _term_row(term, row)
                    for row, card in zip(rows, cards, strict=True)
                    for term in rules.search_terms(card.cleaned())
                ],
            )
            return [row.id for row in rows]

    def set_archived(self, patient_id: int, archived: bool, version: int) -> PatientCard:
        """Archive (hide from the list, keep everything) or bring a patient back."""
        with self._write(needs=Permission.PATIENTS) as session:
            row = _load(session, patient_id)
            self._check_version(row.version, version)
            row.archived = archived
            row.updated_at = utcnow()
            session.flush()
            session.execute(
                update(PatientSearchTerm)
                .where(PatientSearchTerm.patient_id == patient_id)
                .values(archived=archived)
            )
            return _card(row)


_Listed = TypeVar("_Listed", bound=Select[*tuple[Any, ...]])


def _page(
    statement: _Listed, include_archived: bool, after: PatientRow | None, limit: int
) -> _Listed:
    if not include_archived:
        statement = statement.where(Patient.archived.is_(False))
    if after is not None:
        statement = statement.where(
            tuple_(Patient.sort_key, Patient.id) > tuple_(after.sort_key, after.id)
        )
    return statement.order_by(Patient.sort_key, Patient.id).limit(limit)


def _starts_with(column: SQLColumnExpression[str], prefix: str) -> ColumnElement[bool]:
    """`column` starts with `prefix`, as an index range."""
    bound = rules.prefix_upper_bound(prefix)
    if bound is None:
        return column >= prefix
    return and_(column >= prefix, column < bound)


def _load(session: Session, patient_id: int, lock: bool = False) -> Patient:
    """The patient's row; `lock` holds it until the transaction ends (PostgreSQL), so a check
    of the anamnesis cannot interleave with a save of the anamnesis."""
    row = session.get(Patient, patient_id, with_for_update=lock)
    if row is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    return row


def _refuse_female_only_facts(session: Session, patient_id: int) -> None:
    """A card does not become male while its anamnesis records pregnancy and the like."""
    anamnesis = session.get(PatientAnamnesis, patient_id)
    if anamnesis is None:
        return
    recorded = female_only_facts(
        Anamnesis(
            pregnant=anamnesis.pregnant,
            breastfeeding=anamnesis.breastfeeding,
            childbirth_on=anamnesis.childbirth_on,
        )
    )
    if recorded:
        raise ValidationFailed(
            {
                "sex": f"The anamnesis records {facts_naming(recorded)}, which a male patient "
                "cannot have. Correct the anamnesis first, or keep the sex as it is."
            }
        )


_LIST_COLUMNS = tuple(getattr(Patient, name) for name in LISTED)


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


def _index_terms(session: Session, row: Patient, card: PatientCard) -> None:
    session.execute(delete(PatientSearchTerm).where(PatientSearchTerm.patient_id == row.id))
    terms = rules.search_terms(card)
    if terms:
        session.execute(insert(PatientSearchTerm), [_term_row(term, row) for term in sorted(terms)])


def _term_row(term: str, row: Patient) -> dict[str, object]:
    """A term as stored, with its patient's place in the list and whether it is archived."""
    return {"term": term, "patient_id": row.id, "sort_key": row.sort_key, "archived": row.archived}


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
