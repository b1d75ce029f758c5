"""The patient card as plain data, with the rules a card must satisfy before it is saved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from mesodesk.domain import limits
from mesodesk.domain import search_terms as terms
from mesodesk.domain.vocabulary import Language, Sex, SkinType

NAME_MAX = limits.PERSON_NAME
SORT_KEY_MAX = 250
"""What the sort key column holds; a casefolded name can be longer than the name ("ß" -> "ss")."""
PHONE_DIGITS_MIN = 5
PHONE_DIGITS_MAX = 15
"""The international maximum (E.164) and the shortest local extension a clinic may note."""
_PHONE_CHARACTERS = re.compile(r"[0-9 +()\-.]+")
_KEY_SEPARATOR = "\x1f"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


@dataclass(frozen=True, slots=True)
class PatientCard:
    """Everything the card form shows and edits; `id` is None for a card not saved yet.

    `version` is the row version read with the card: a save with an old version is refused, so
    two workstations never overwrite each other's edits silently.
    """

    last_name: str = ""
    first_name: str = ""
    middle_name: str = ""
    birth_date: date | None = None
    sex: Sex = Sex.UNSPECIFIED
    phone: str = ""
    email: str = ""
    address: str = ""
    skin_type: SkinType | None = None
    language: Language = Language.RUSSIAN
    notes: str = ""
    archived: bool = False
    id: int | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def full_name(self) -> str:
        return full_name(self.last_name, self.first_name, self.middle_name)

    def cleaned(self) -> PatientCard:
        """The card with surrounding spaces removed, as it will be stored."""
        return replace(
            self,
            last_name=_squash(self.last_name),
            first_name=_squash(self.first_name),
            middle_name=_squash(self.middle_name),
            phone=self.phone.strip(),
            email=self.email.strip(),
            address=self.address.strip(),
            notes=self.notes.rstrip(),
        )

    def same_content(self, other: PatientCard) -> bool:
        """True when the two cards differ in nothing the practitioner edits."""
        return _editable(self.cleaned()) == _editable(other.cleaned())


@dataclass(frozen=True, slots=True)
class PatientRow:
    """One line of the patient list: enough to find and recognise a patient, nothing more."""

    id: int
    name: str
    birth_date: date | None
    phone: str
    last_visit_on: date | None
    archived: bool
    sort_key: str
    alerts: tuple[str, ...] = field(default=())
    rank: int = 0
    """0 when the query's words as typed found the patient, 1 when only a spelling in the other
    script or a run from the middle of the phone did: the list shows rank 0 first."""


def full_name(last: str, first: str, middle: str) -> str:
    return " ".join(part for part in (last, first, middle) if part)


def short_name(name: str) -> str:
    """A full name ("Иванова Мария Петровна") as staff shorten it in a table: the surname
    and initials ("Иванова М.П."), which still tell patients of one surname apart."""
    surname, *others = name.split()
    return f"{surname} {''.join(f'{part[0]}.' for part in others)}" if others else name


def age_on(birth_date: date | None, today: date) -> int | None:
    """Full years on `today`; None when the birth date is unknown."""
    if birth_date is None:
        return None
    years = today.year - birth_date.year
    if (today.month, today.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def validate(card: PatientCard, today: date) -> dict[str, str]:
    """Field name -> the message to show next to that field; empty when the card may be saved."""
    card = card.cleaned()
    errors: dict[str, str] = {}
    if not card.last_name:
        errors["last_name"] = "Enter the last name."
    for name in ("last_name", "first_name", "middle_name"):
        value = getattr(card, name)
        if len(value) > NAME_MAX and name not in errors:
            errors[name] = f"A name can be at most {NAME_MAX} characters."
        limits.check_text(errors, name, value, NAME_MAX)
    limits.check_text(errors, "phone", card.phone, limits.PHONE)
    limits.check_text(errors, "email", card.email, limits.EMAIL)
    limits.check_text(errors, "address", card.address, limits.ADDRESS, multiline=True)
    limits.check_text(errors, "notes", card.notes, limits.NOTES, multiline=True, named="The notes")
    if card.birth_date is not None:
        if card.birth_date > today:
            errors["birth_date"] = "The date of birth cannot be in the future."
        elif card.birth_date.year < 1900:
            errors["birth_date"] = "Check the year of birth."
    if card.email and "email" not in errors and not _EMAIL.match(card.email):
        errors["email"] = "This does not look like an e-mail address (name@example.com)."
    if card.phone and "phone" not in errors:
        digits = len(phone_digits(card.phone))
        if not _PHONE_CHARACTERS.fullmatch(card.phone):
            errors["phone"] = "A phone number holds digits, spaces and + ( ) - . only."
        elif digits < PHONE_DIGITS_MIN:
            errors["phone"] = f"A phone number needs at least {PHONE_DIGITS_MIN} digits."
        elif digits > PHONE_DIGITS_MAX:
            errors["phone"] = f"A phone number has at most {PHONE_DIGITS_MAX} digits."
    return errors


class DuplicateReason(StrEnum):
    """Why two cards look like the same person."""

    NAME_AND_BIRTH_DATE = "name_and_birth_date"
    PHONE = "phone"


def identity(card: PatientCard) -> tuple[str, date | None, str]:
    """What tells people apart on a card: the name as compared, the birth date, the phone.

    A card whose identity did not change since it was loaded needs no duplicate check again.
    """
    return sort_key(card.cleaned()), card.birth_date, national_number(card.phone)


def duplicate_reasons(card: PatientCard, other: PatientRow) -> tuple[DuplicateReason, ...]:
    """Why `other` (a stored patient) is likely the person on `card`; empty when it is not.

    The same name and birth date (a middle name missing on one side still matches: it is often
    left out at the first visit), or the same national phone number, so "+7 916 123-45-67" and
    "8 916 1234567" are one phone.
    """
    if card.id is not None and card.id == other.id:
        return ()
    reasons: list[DuplicateReason] = []
    last, first, middle = _name_parts(sort_key(card.cleaned()))
    other_last, other_first, other_middle = _name_parts(other.sort_key)
    if (
        card.birth_date is not None
        and card.birth_date == other.birth_date
        and last
        and (last, first) == (other_last, other_first)
        and (middle == other_middle or not middle or not other_middle)
    ):
        reasons.append(DuplicateReason.NAME_AND_BIRTH_DATE)
    phone = national_number(card.phone)
    if phone and phone == national_number(other.phone):
        reasons.append(DuplicateReason.PHONE)
    return tuple(reasons)


def name_prefix(card: PatientCard) -> str:
    """The start of the sort key every card with this last and first name shares."""
    last, first, _ = _name_parts(sort_key(card.cleaned()))
    return f"{last}{_KEY_SEPARATOR}{first}{_KEY_SEPARATOR}"


def parse_day(text: str) -> date | None:
    """Read a date typed as dd.mm.yyyy (the clinic's habit), d.m.yyyy or ISO yyyy-mm-dd.

    Raises ValueError with a message for the field when the text is not a date.
    """
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError("Enter the date as dd.mm.yyyy, for example 07.03.1985.")


parse_birth_date = parse_day


def format_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def normalise(text: str) -> str:
    """Case- and script-insensitive form for search: casefold, ё -> е, single spaces."""
    return _squash(text).casefold().replace("ё", "е")


def phone_digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


def national_number(phone: str) -> str:
    """The phone's digits without the 7/8 trunk or country prefix of an 11-digit number.

    "+7 916 123-45-67" and "8 916 1234567" both give "9161234567"; other numbers keep all
    their digits.
    """
    digits = phone_digits(phone)
    if len(digits) == 11 and digits[0] in "78":
        return digits[1:]
    return digits


def sort_key(card: PatientCard) -> str:
    """Alphabetical order by last, first, middle name, the same for either script's case.

    Cut to what the column holds: casefolding can make a name longer than it was typed.
    """
    return _KEY_SEPARATOR.join(
        normalise(p) for p in (card.last_name, card.first_name, card.middle_name)
    )[:SORT_KEY_MAX]


def search_terms(card: PatientCard) -> set[str]:
    """The terms a patient is found by, as stored (see `mesodesk.domain.search_terms`): each
    name word folded and by its spelling key in either script, and the phone's digits, with and
    without the 7/8 trunk prefix, and from the middle."""
    direct: set[str] = set()
    variants: set[str] = set()
    for name in (card.last_name, card.first_name, card.middle_name):
        words, keys = terms.name_terms(name)
        direct |= words
        variants |= keys
    numbers, runs = terms.phone_terms(phone_digits(card.phone), national_number(card.phone))
    return terms.marked(direct | numbers, variants | runs)


LAST_CODE_POINT = chr(0x10FFFF)


def prefix_upper_bound(prefix: str) -> str | None:
    """The smallest string greater than every string starting with `prefix`; None when there
    is none (the prefix is empty or all U+10FFFF, the last code point): then every string from
    `prefix` on starts with it.

    Lets a plain index answer "starts with" as a range: term >= prefix AND term < bound.
    """
    stem = prefix.rstrip(LAST_CODE_POINT)
    if not stem:
        return None
    return stem[:-1] + chr(ord(stem[-1]) + 1)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _name_parts(key: str) -> tuple[str, str, str]:
    """Last, first and middle name back out of a sort key."""
    parts = [*key.split(_KEY_SEPARATOR), "", ""]
    return parts[0], parts[1], parts[2]


def _editable(card: PatientCard) -> tuple[object, ...]:
    return (
        card.last_name,
        card.first_name,
        card.middle_name,
        card.birth_date,
        card.sex,
        card.phone,
        card.email,
        card.address,
        card.skin_type,
        card.language,
        card.notes,
    )
