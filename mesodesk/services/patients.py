"""Patient card use cases: find, open, save, archive."""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Protocol, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    and_,
    delete,
    func,
    insert,
    not_,
    or_,
    select,
    true,
    tuple_,
    update,
)
from sqlalchemy.orm import Session, aliased

from mesodesk.domain import limits, search_terms
from mesodesk.domain import patient as rules
from mesodesk.domain.anamnesis import Anamnesis, facts_naming, female_only_facts
from mesodesk.domain.patient import PatientCard, PatientRow
from mesodesk.domain.users import Permission
from mesodesk.domain.vocabulary import Language, Sex, SkinType
from mesodesk.models import Patient, PatientSearchTerm
from mesodesk.models.anamnesis import PatientAnamnesis
from mesodesk.models.base import utcnow
from mesodesk.models.patient import term_head
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ValidationFailed
from mesodesk.services.first_page import PAGE_SIZE

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
        `mesodesk.domain.search_terms`). Each page is read by the cheaper of two plans, chosen
        by how many terms the query's rarest word starts (`_Plan`): the patients that word
        finds, sorted (a rare word), or the list in its order until the page is full (a broad
        one). Either way the cost follows the matches, not the size of the clinic.
        """
        words = search_terms.query_words(query)
        with self._read(needs=Permission.PATIENTS) as session:
            if not words:
                statement = _page(select(*_LIST_COLUMNS), include_archived, after, limit)
                return [_row(r) for r in session.execute(statement)]
            plan = _Plan(session, words, limit)
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
                    row = _row(r)
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


DIRECT = 0
VARIANT = 1
_Listed = TypeVar("_Listed", bound=Select[*tuple[Any, ...]])
DRIVE_MIN = 100
"""A word starting at most this many terms has them sorted, whatever the size of the clinic."""


def drive_limit(limit: int, patients: int) -> int:
    """How many terms a word may start and still have its patients read by sorting them.

    Sorting a word's `n` terms costs about n. Walking its head's terms in the list's order
    until `limit` of its patients are found costs about `limit` x head / n, and the largest
    heads ("с", "м", "к") hold about a quarter of the patients' terms; the two meet near
    sqrt(limit x patients / 4)."""
    return max(DRIVE_MIN, math.isqrt(max(limit, 1) * patients // 4))


def head_groups(prefixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The prefixes by the head they start: each head's terms are a range of the head index,
    read in the list's order (a phone typed from the trunk prefix, "8 9", has two)."""
    groups: dict[str, tuple[str, ...]] = {}
    for prefix in prefixes:
        head = search_terms.head(prefix)
        groups[head] = (*groups.get(head, ()), prefix)
    return groups


class _Plan:
    """How one query reads its pages, chosen by its rarest word (`drive_limit`):

    - a rare word: its range of terms is read with each term's place in the list, the other
      words are checked for those patients only, the patients are sorted and only the page's
      rows are read from `patients`;
    - a broad word: the terms of its head (first letter) are read in the list's order, those
      the word does not start skipped, until the page is full; a word whose prefixes start
      with different heads (a phone typed from the trunk prefix) reads each head so, or sorts
      the rare ones, and the pages are merged.

    Terms are counted only up to the limit, so the count itself stays cheap.
    """

    def __init__(self, session: Session, words: list[search_terms.QueryWord], limit: int) -> None:
        self._session = session
        self._words = words
        patients = session.execute(select(func.max(Patient.id))).scalar() or 0
        self._cap = drive_limit(limit, patients)
        self._counts: dict[str, tuple[int, bool]] = {}
        """prefix -> (terms counted, whether that is all of them)"""

    def rows(
        self, rank: int, include_archived: bool, after: PatientRow | None, limit: int
    ) -> list[PatientRow]:
        words = self._words
        if rank == DIRECT:
            drivers = [w.direct for w in words]
        else:
            variants = tuple(v for w in words for v in w.variants)
            if not variants:
                return []
            drivers = [w.prefixes for w in words] + [variants]
        driver, count = self._rarest(drivers)
        if count == 0:
            return []
        if driver is not None and self._sorts(rank, driver, count):
            return self._from_terms(rank, driver, None, include_archived, after, limit)
        prefixes = min(drivers, key=lambda d: (len(head_groups(d)), _longest_first(d)))
        pages = [
            self._from_terms(
                rank,
                group,
                None if self._sorts(rank, group, self._count(group, self._cap)) else head,
                include_archived,
                after,
                limit,
            )
            for head, group in head_groups(prefixes).items()
        ]
        if len(pages) == 1:
            return pages[0]
        merged = {row.id: row for page in pages for row in page}
        return sorted(merged.values(), key=lambda r: (r.sort_key, r.id))[:limit]

    def _sorts(self, rank: int, prefixes: tuple[str, ...], count: int) -> bool:
        """Whether the `count` terms `prefixes` start are few enough to sort, the look-ups
        each needs counted."""
        return count * (1 + self._checks(rank, prefixes)) <= self._cap

    def _checks(self, rank: int, given: tuple[str, ...]) -> int:
        """How many look-ups `_found` makes per term read from `given`'s range: sorting a
        range is cheap only while its terms need few of them."""
        if rank == DIRECT:
            return sum(not _within(given, w.direct) for w in self._words)
        return 1 + sum(not _within(given, w.prefixes) for w in self._words)

    def _found(
        self, rank: int, owner: SQLColumnExpression[int], given: tuple[str, ...] = ()
    ) -> ColumnElement[bool]:
        """The patient `owner` is found at `rank`: by every word as typed (0), or by every
        word only with the variants of some (1); a word that every one of the prefixes
        `given` (the range the patients were read from) belongs to is not checked again."""
        direct = and_(*(_has_term(w.direct, owner) for w in self._words))
        if rank == DIRECT:
            others = [
                _has_term(w.direct, owner) for w in self._words if not _within(given, w.direct)
            ]
            return and_(true(), *others)  # no other word: every patient of the range
        found = (
            _has_term(w.prefixes, owner) for w in self._words if not _within(given, w.prefixes)
        )
        return and_(true(), *found, not_(direct))

    def _from_terms(
        self,
        rank: int,
        driver: tuple[str, ...],
        head: str | None,
        include_archived: bool,
        after: PatientRow | None,
        limit: int,
    ) -> list[PatientRow]:
        """The page of patients `driver`'s terms lead to: all of them sorted, or with `head`
        read in the list's order from that head's terms."""
        term = aliased(PatientSearchTerm, name="found")
        page = (
            select(term.sort_key, term.patient_id)
            .where(_any_prefix(term.term, driver), self._found(rank, term.patient_id, driver))
            .group_by(term.sort_key, term.patient_id)
            .order_by(term.sort_key, term.patient_id)
            .limit(limit)
        )
        if head is not None:
            page = page.where(term_head(term.term) == head)
        if not include_archived:
            page = page.where(term.archived.is_(False))
        if after is not None:
            page = page.where(
                tuple_(term.sort_key, term.patient_id) > tuple_(after.sort_key, after.id)
            )
        chosen = page.subquery("page")
        rows = (
            select(*_LIST_COLUMNS)
            .join(chosen, Patient.id == chosen.c.patient_id)
            .order_by(chosen.c.sort_key, chosen.c.patient_id)
        )
        return [_row(r, rank) for r in self._session.execute(rows)]

    def _rarest(self, drivers: list[tuple[str, ...]]) -> tuple[tuple[str, ...] | None, int]:
        """The set of prefixes that starts the fewest terms, if it starts at most the cap, and
        how many (over the cap: more). Longer prefixes are counted first, as they are likely
        rarer, and each count stops where it cannot win, so a broad word costs little."""
        best: tuple[str, ...] | None = None
        fewest = self._cap + 1
        for prefixes in sorted(drivers, key=_longest_first):
            count = self._count(prefixes, fewest - 1)
            if count < fewest:
                best, fewest = prefixes, count
            if fewest == 0:
                break
        return best, fewest

    def _count(self, prefixes: tuple[str, ...], bound: int) -> int:
        """How many terms start with one of `prefixes`, counted up to just over `bound`."""
        total = 0
        for prefix in prefixes:
            total += self._count_one(prefix, bound - total)
            if total > bound:
                break
        return total

    def _count_one(self, prefix: str, bound: int) -> int:
        known = self._counts.get(prefix)
        if known is not None and (known[1] or known[0] > bound):
            return known[0]
        matching = (
            select(PatientSearchTerm.patient_id)
            .where(_starts_with(PatientSearchTerm.term, prefix))
            .limit(max(bound, 0) + 1)
            .subquery()
        )
        count = self._session.execute(select(func.count()).select_from(matching)).scalar_one()
        self._counts[prefix] = (count, count <= bound)
        return count


def _within(given: tuple[str, ...], prefixes: tuple[str, ...]) -> bool:
    """Every patient read from the `given` prefixes' range has one of `prefixes`."""
    return bool(given) and set(given) <= set(prefixes)


def _longest_first(prefixes: tuple[str, ...]) -> int:
    """Longer prefixes first: they are likely the rarer."""
    return -min(len(prefix) for prefix in prefixes)


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


def _has_term(prefixes: tuple[str, ...], owner: SQLColumnExpression[int]) -> ColumnElement[bool]:
    """The patient `owner` has a term starting with one of `prefixes`: ranges in the index
    of the patient's own terms."""
    return (
        select(PatientSearchTerm.term)
        .where(
            PatientSearchTerm.patient_id == owner,
            _any_prefix(PatientSearchTerm.term, prefixes),
        )
        .exists()
    )


def _any_prefix(column: SQLColumnExpression[str], prefixes: tuple[str, ...]) -> ColumnElement[bool]:
    return or_(*(_starts_with(column, prefix) for prefix in prefixes))


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


_LIST_COLUMNS = (
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
"""What a line of the patient list needs, and nothing more (no notes, no address)."""


class _ListColumns(Protocol):
    id: int
    last_name: str
    first_name: str
    middle_name: str
    birth_date: date | None
    phone: str
    last_visit_on: date | None
    archived: bool
    sort_key: str


def _row(r: _ListColumns, rank: int = DIRECT) -> PatientRow:
    return PatientRow(
        id=r.id,
        name=rules.full_name(r.last_name, r.first_name, r.middle_name),
        birth_date=r.birth_date,
        phone=r.phone,
        last_visit_on=r.last_visit_on,
        archived=r.archived,
        sort_key=r.sort_key,
        rank=rank,
    )


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
