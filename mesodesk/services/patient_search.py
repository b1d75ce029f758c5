"""How a typed query reads its page of the patient list: the plans and their SQL.

The search runs on every keystroke, so its statements are written here as SQL text with bound
values, built in microseconds and compiled once per shape, and read through the connection
(no ORM objects): at 100,000 patients building and reading ORM statements cost more than the
database's work. The text is plain SQL that SQLite and PostgreSQL read alike.

Every plan reads `patient_search_terms`, which carries each term's patient's place in the list
(`sort_key`), so a page is found from the terms alone and only its rows are read from
`patients`. The other words are checked for each patient read (`_has_term`): beside the
patient's place in the list (the head index) when the patients are read in the list's order,
as they are then neighbours there and the checks touch a few pages of the index; in the
patient's own terms (the smaller index) when they are read to be sorted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Connection, TextClause, text

from mesodesk.domain import patient as rules
from mesodesk.domain import search_terms
from mesodesk.domain.patient import PatientRow
from mesodesk.models import Patient
from mesodesk.models.patient import term_head_sql

DIRECT = 0
VARIANT = 1
DRIVE_MIN = 100
"""A word starting at most this many terms has them sorted, whatever the size of the clinic."""
MERGE_TERMS_MAX = 16
"""A word whose range holds at most this many different terms reads each one's patients in
the list's order and merges them (`ix_patient_search_terms_term_sort`)."""
LISTED = (
    "id",
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "phone",
    "last_visit_on",
    "archived",
    "sort_key",
)
"""What a line of the patient list needs, and nothing more (no notes, no address)."""
_LISTED_COLUMNS = tuple(Patient.__table__.c[name] for name in LISTED)


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


class ListColumns(Protocol):
    id: int
    last_name: str
    first_name: str
    middle_name: str
    birth_date: date | None
    phone: str
    last_visit_on: date | None
    archived: bool
    sort_key: str


def list_row(r: ListColumns, rank: int = DIRECT) -> PatientRow:
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


class _Binds:
    """The values of one statement, each under a name of its own."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def __call__(self, value: Any) -> str:
        name = f"v{len(self.values)}"
        self.values[name] = value
        return f":{name}"

    def starts(self, column: str, prefix: str) -> str:
        """`column` starts with `prefix`, as an index range."""
        bound = rules.prefix_upper_bound(prefix)
        if bound is None:
            return f"{column} >= {self(prefix)}"
        return f"{column} >= {self(prefix)} AND {column} < {self(bound)}"

    def any_prefix(self, column: str, prefixes: Sequence[str]) -> str:
        ranges = " OR ".join(f"({self.starts(column, prefix)})" for prefix in prefixes)
        return f"({ranges})"


class Plan:
    """How one query reads its pages, chosen by its rarest word (`drive_limit`):

    - a rare word: its range of terms is read with each term's place in the list, the other
      words are checked for those patients only, and the patients are sorted;
    - a word whose range holds few different terms (a surname, a spelling key): each term's
      patients are read in the list's order and merged, until the page is full;
    - a broad word: the terms of its head (first letter) are read in the list's order, those
      the word does not start skipped, until the page is full; a word whose prefixes start
      with different heads (a phone typed from the trunk prefix) reads each head so, or sorts
      the rare ones, and the pages are merged.

    Terms are counted only up to the limit, so the count itself stays cheap.
    """

    def __init__(
        self, connection: Connection, words: list[search_terms.QueryWord], limit: int
    ) -> None:
        self._connection = connection
        self._words = words
        patients = self._scalar("SELECT max(id) FROM patients", {}) or 0
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
        read = _Reading(rank, include_archived, after, limit)
        if driver is not None and self._sorts(rank, driver, count):
            return self._page(read, driver, None)
        prefixes = driver or min(drivers, key=_longest_first)
        terms = self._terms(prefixes)
        if terms is not None:
            return self._page(read, prefixes, terms) if terms else []
        prefixes = min(drivers, key=lambda d: (len(head_groups(d)), _longest_first(d)))
        pages = [
            self._page(
                read,
                group,
                None if self._sorts(rank, group, self._count(group, self._cap)) else head,
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
        return self._direct_checked() + sum(not _within(given, w.prefixes) for w in self._words)

    def _direct_checked(self) -> bool:
        """Whether a patient found by the variants must be checked not to be found as typed:
        not when a word as typed is known to start no term at all (a run from the middle of
        a phone, which no phone starts with)."""
        return not any(
            all(self._counts.get(prefix, (1, False)) == (0, True) for prefix in w.direct)
            for w in self._words
        )

    def _found(self, bind: _Binds, rank: int, given: tuple[str, ...], ordered: bool) -> str:
        """The patient of the term `f` is found at `rank`: by every word as typed (0), or by
        every word only with the variants of some (1); a word that every one of the prefixes
        `given` (the range the patients were read from) belongs to is not checked again."""
        if rank == DIRECT:
            checks = [
                _has_term(bind, w.direct, ordered)
                for w in self._words
                if not _within(given, w.direct)
            ]
        else:
            checks = [
                _has_term(bind, w.prefixes, ordered)
                for w in self._words
                if not _within(given, w.prefixes)
            ]
            if self._direct_checked():
                direct = " AND ".join(_has_term(bind, w.direct, ordered) for w in self._words)
                checks.append(f"NOT ({direct})")
        return "".join(f" AND {check}" for check in checks)

    def _page(
        self, read: _Reading, driver: tuple[str, ...], how: str | list[str] | None
    ) -> list[PatientRow]:
        """The page of patients `driver`'s terms lead to: all of them sorted (`how` None),
        read in the list's order from the head `how`, or merged from the terms `how` lists,
        each read in the list's order."""
        bind = _Binds()
        if isinstance(how, list):
            arms = [f"f.term = {bind(term)}" for term in how]
        elif how is not None:
            starts = bind.any_prefix("f.term", driver)
            arms = [f"{term_head_sql('f.term')} = {bind(how)} AND {starts}"]
        else:
            arms = [bind.any_prefix("f.term", driver)]
        found = self._found(bind, read.rank, driver, ordered=how is not None)
        selects = [
            f"SELECT f.sort_key, f.patient_id FROM patient_search_terms f WHERE {arm}"
            f"{read.where(bind)}{found}"
            for arm in arms
        ]
        if isinstance(how, list):  # each term's patients in order, merged: UNION drops repeats
            page = " UNION ".join(selects) + " ORDER BY 1, 2"
        else:
            page = selects[0] + " GROUP BY f.sort_key, f.patient_id ORDER BY 1, 2"
        columns = ", ".join(f"p.{name}" for name in LISTED)
        statement = (
            f"SELECT {columns} FROM ({page} LIMIT {bind(read.limit)}) page"
            " JOIN patients p ON p.id = page.patient_id ORDER BY page.sort_key, page.patient_id"
        )
        result = self._connection.execute(_typed(statement), bind.values)
        return [list_row(r, read.rank) for r in result]

    def _terms(self, prefixes: tuple[str, ...]) -> list[str] | None:
        """The different terms `prefixes` start, if there are at most `MERGE_TERMS_MAX`: each
        found by one step along the index from the one before."""
        found: set[str] = set()
        for prefix in prefixes:
            bind = _Binds()
            bound = rules.prefix_upper_bound(prefix)
            below = "" if bound is None else f" AND term < {bind(bound)}"
            most = bind(MERGE_TERMS_MAX - len(found))
            statement = (
                "WITH RECURSIVE d(term, n) AS ("
                f"SELECT (SELECT min(term) FROM patient_search_terms WHERE term >= {bind(prefix)}"
                f"{below}), 1 UNION ALL SELECT (SELECT min(term) FROM patient_search_terms"
                f" WHERE term > d.term{below}), d.n + 1 FROM d"
                f" WHERE d.term IS NOT NULL AND d.n <= {most}"
                ") SELECT term FROM d WHERE term IS NOT NULL"
            )
            found.update(self._connection.execute(text(statement), bind.values).scalars())
            if len(found) > MERGE_TERMS_MAX:
                return None
        return sorted(found)

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
        bind = _Binds()
        statement = (
            "SELECT count(*) FROM (SELECT 1 AS one FROM patient_search_terms"
            f" WHERE {bind.starts('term', prefix)} LIMIT {bind(max(bound, 0) + 1)}) matching"
        )
        count = int(self._scalar(statement, bind.values))
        self._counts[prefix] = (count, count <= bound)
        return count

    def _scalar(self, statement: str, values: dict[str, Any]) -> Any:
        return self._connection.execute(text(statement), values).scalar()


class _Reading:
    """What every statement of one page shares: the rank, whether archived patients are
    listed, the row the page starts after, and its length."""

    def __init__(
        self, rank: int, include_archived: bool, after: PatientRow | None, limit: int
    ) -> None:
        self.rank = rank
        self.include_archived = include_archived
        self.after = after
        self.limit = limit

    def where(self, bind: _Binds) -> str:
        where = "" if self.include_archived else f" AND f.archived = {bind(False)}"
        if self.after is not None:
            where += (
                f" AND (f.sort_key, f.patient_id) > ({bind(self.after.sort_key)},"
                f" {bind(self.after.id)})"
            )
        return where


def _has_term(bind: _Binds, prefixes: tuple[str, ...], ordered: bool) -> str:
    """The patient of the term `f` has a term starting with one of `prefixes`.

    `ordered`: the patients are read in the list's order, so each check is a range of the head
    index at the patient's place in the list, beside the one before (the patient's id is
    compared there, not looked up: `+` keeps SQLite from choosing the patient's own index).
    Otherwise a range of the patient's own terms, the smaller index for scattered look-ups."""
    if not ordered:
        ranges = bind.any_prefix("o.term", prefixes)
        return (
            "EXISTS (SELECT 1 FROM patient_search_terms o"
            f" WHERE o.patient_id = f.patient_id AND {ranges})"
        )
    checks = [
        "EXISTS (SELECT 1 FROM patient_search_terms o"
        f" WHERE {term_head_sql('o.term')} = {bind(head)} AND o.sort_key = f.sort_key"
        f" AND +o.patient_id = f.patient_id AND {bind.any_prefix('o.term', group)})"
        for head, group in head_groups(prefixes).items()
    ]
    return checks[0] if len(checks) == 1 else "(" + " OR ".join(checks) + ")"


def _typed(statement: str) -> TextClause:
    """A statement returning list lines, its columns typed as the table's (dates, flags)."""
    return text(statement).columns(*_LISTED_COLUMNS)  # type: ignore[return-value]


def _within(given: tuple[str, ...], prefixes: tuple[str, ...]) -> bool:
    """Every patient read from the `given` prefixes' range has one of `prefixes`."""
    return bool(given) and set(given) <= set(prefixes)


def _longest_first(prefixes: tuple[str, ...]) -> int:
    """Longer prefixes first: they are likely the rarer."""
    return -min(len(prefix) for prefix in prefixes)
