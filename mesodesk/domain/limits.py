"""Every limit on what the clinic can type or store, in one place.

The services check a value against these before the database sees it, so SQLite (which stores
anything) and PostgreSQL (which refuses what does not fit a column) keep the same records and
give the same messages; the widgets read the same numbers for their maximum lengths. Lengths
are in characters (code points), as both databases count them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum

# --- lengths of text, in characters ----------------------------------------------------------

PERSON_NAME = 80
"""Last, first and middle name on the card."""
PHONE = 40
EMAIL = 120
ADDRESS = 500
NOTES = 20_000
"""Free notes of a card or a visit, and an addendum: pages of text, not a book."""
PRACTITIONER = 120
"""A practitioner's name: who did, signed, decided or wrote something."""
VISIT_DETAIL = 200
"""Anaesthesia and disinfection of a visit: one line each."""
REACTION_NOTE = 1_000
OVERRIDE_REASON = 2_000
FINDING_CODE = 64
FINDING_REASON = 4_000
"""The screening's own wording of a finding, kept with an override."""
CHECKLIST_CODE = 64
NEEDLE = 40
MARK_NOTE = 1_000
TEMPLATE_NAME = 80
INGREDIENT_NAME = 120
PRODUCT_NAME = 160
MANUFACTURER = 120
PRODUCT_FORM = 40
PRODUCT_PACK = 80
CONCENTRATION = 40
LOT_NUMBER = 60
COCKTAIL_NAME = 160
COCKTAIL_NOTES = 2_000
COURSE_NOTES = 2_000
CONDITION_CODE = 64
CONDITION_NOTE = 1_000
ALLERGY_SUBSTANCE = 160
ALLERGY_REACTION = 200
MEDICATION_NAME = 160
CLINIC_NAME = 120
CLINIC_ADDRESS = 300
CLINIC_PHONE = 60
"""Room for two numbers on the letterhead, not for a paragraph."""
CLINIC_RULE_FILE = 2_000_000
"""One of the clinic's rule files (catalog, medicines, a texts file): a generous ceiling."""

# --- how many of a kind one record holds -------------------------------------------------------

PRODUCT_LINES = 100
REACTIONS = 50
MARK_POINTS = 2_000
"""Corners of one drawn area or line: a careful freehand outline, not a scribble of 10^6."""
TEMPLATE_MARKS = 5_000
MARKS_PER_ACTION = 5_000
INGREDIENTS_PER_PRODUCT = 100
COCKTAIL_LINES = 50
ANAMNESIS_ENTRIES = 200
"""Conditions, allergies or medications on one card, each."""
CHECKLIST_CODES = 100

# --- numbers ----------------------------------------------------------------------------------

AMOUNT_PLACES = 3
"""Volumes (ml) and stock are stored to the thousandth: 0.0004 ml cannot be kept."""
AMOUNT_MAX = Decimal("9999999.999")
"""The largest volume or quantity on hand the database column holds."""
INJECTION_VOLUME_MAX = Decimal("99.999")
"""The volume of one injection of a mark."""
DEPTH_PLACES = 2
DEPTH_MAX = Decimal("999.99")
"""Depths are stored in millimetres to the hundredth."""
PRICE_MAX_MINOR = 999_999_999
"""Prices are whole minor units (kopecks) in a 32-bit column: up to 9,999,999.99."""
LOGO_BYTES = 1_000_000
"""A letterhead logo is small; a bigger file is almost always a photo chosen by mistake."""
LOGO_SIDE = 4_000
LOGO_PIXELS = 4_000_000
"""Pixels of the logo: 2000 x 2000 prints sharp far beyond its 34 x 16 mm on the sheet."""
COURSE_SESSIONS = 40
COURSE_INTERVAL_DAYS = 365

# --- dates ------------------------------------------------------------------------------------

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""Visits, courses, expiry and anamnesis dates lie in these years; a date outside is a typing
slip (and year 1 cannot even be converted to UTC east of Greenwich)."""


# --- checks -----------------------------------------------------------------------------------

_ALLOWED_CONTROLS = frozenset("\t")
_LINE_BREAKS = frozenset("\n\r")


def text_problem(value: object, limit: int, *, multiline: bool = False) -> str | None:
    """Why `value` cannot be stored as a text of at most `limit` characters; None if it can.

    Refused everywhere: a NUL or other control character (PostgreSQL refuses NUL, SQLite would
    keep it) and a lone surrogate (a broken character no database can encode). Line breaks
    only where the field has several lines.
    """
    if not isinstance(value, str):
        return "Enter this as text."
    if len(value) > limit:
        return f"Keep this to {limit:,} characters at most (it has {len(value):,})."
    for character in value:
        code = ord(character)
        if 0xD800 <= code <= 0xDFFF:
            return (
                "This text holds a broken character (often from a damaged paste) that cannot "
                "be stored; retype it."
            )
        if (code < 0x20 or code == 0x7F) and character not in _ALLOWED_CONTROLS:
            if multiline and character in _LINE_BREAKS:
                continue
            return "This text holds an invisible control character that cannot be stored."
    return None


def clipped(text: str, limit: int) -> str:
    """`text` up to `limit` characters, cut short with an ellipsis: how a value stored by an
    older version beyond today's limit is shown where space is fixed (a letterhead)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def check_text(
    errors: dict[str, str],
    field: str,
    value: object,
    limit: int,
    *,
    multiline: bool = False,
    required: str | None = None,
    named: str | None = None,
) -> None:
    """Put the problem with a text field into `errors` (first problem of a field wins);
    `required` is the message for an empty (or blank) value that must be filled in; `named`
    starts the message with the field's name, for a field shown without a line of its own."""
    if field in errors:
        return
    problem = text_problem(value, limit, multiline=multiline)
    if problem is None and required is not None and not str(value).strip():
        problem = required
    if problem is not None:
        errors[field] = problem if named is None else f"{named}: {problem}"


def amount_problem(
    value: object,
    *,
    maximum: Decimal = AMOUNT_MAX,
    places: int = AMOUNT_PLACES,
    allow_zero: bool = False,
    unit: str = "ml",
) -> str | None:
    """Why `value` cannot be stored as a positive amount (a zero one with `allow_zero`) of at
    most `maximum`, to `places` decimal places; None if it can."""
    number = as_decimal(value)
    if number is None:
        return "Enter a number."
    if number < 0 or (number == 0 and not allow_zero):
        return "Enter an amount above zero." if not allow_zero else "This cannot be negative."
    if number > maximum:
        return f"Enter at most {maximum} {unit}; a larger number is a typing slip."
    step = Decimal(1).scaleb(-places)
    if number != number.quantize(step):
        return f"Enter at most {places} decimal places: {step} {unit} is the smallest step kept."
    return None


def as_decimal(value: object) -> Decimal | None:
    """A finite Decimal from a Decimal or an int; None for anything else (NaN, infinity,
    floats, which do not say what was typed, and text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, Decimal):
        return None
    try:
        return value if value.is_finite() else None
    except InvalidOperation:
        return None


def day_problem(value: object) -> str | None:
    """Why `value` is not a date the app keeps (see FIRST_DAY and LAST_DAY); None if it is."""
    if isinstance(value, datetime) or not isinstance(value, date):
        return "Enter a date."
    if not FIRST_DAY <= value <= LAST_DAY:
        return (
            f"Check the date: it must lie between {FIRST_DAY.year} and {LAST_DAY.year} "
            f"(it is {value.strftime('%d.%m.%Y')})."
        )
    return None


def moment_problem(value: object) -> str | None:
    """Why `value` is not a date and time the app keeps: it needs a time zone and a day
    between FIRST_DAY and LAST_DAY; None if it is."""
    if not isinstance(value, datetime):
        return "Enter a date and time."
    if value.tzinfo is None or value.utcoffset() is None:
        return "The time has no time zone."
    return day_problem(value.date())


def whole_number_problem(value: object, minimum: int, maximum: int) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "Enter a whole number."
    if not minimum <= value <= maximum:
        return f"Enter a number from {minimum} to {maximum}."
    return None


def all_chosen(kind: type[StrEnum], values: Iterable[object]) -> bool:
    """Whether every value is one of the vocabulary's (a member, or the text of one)."""
    known = {member.value for member in kind}
    return all(isinstance(value, str) and str(value) in known for value in values)
