"""The clinic's own details, printed on letterheads and used as defaults in visits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from mesodesk.domain import limits
from mesodesk.domain.png import SIGNATURE, PngProblem, check_png

PNG_SIGNATURE = SIGNATURE
MAX_LOGO_BYTES = limits.LOGO_BYTES

WEEKDAYS = range(7)
"""Days of the week as Python numbers them: 0 is Monday, 6 is Sunday."""
DEFAULT_WORKING_DAYS = frozenset(range(6))
"""Monday to Saturday, until the clinic says otherwise."""
DEFAULT_OPENS_AT = time(9, 0)
DEFAULT_CLOSES_AT = time(20, 0)


@dataclass(frozen=True, slots=True)
class ClinicProfile:
    """Letterhead and defaults shared by every workstation of the clinic.

    `working_days` are weekday numbers (0 is Monday); `opens_at` and `closes_at` are the
    clinic's local opening hours, the same every working day. `version` is the stored row
    version read with the profile; saving sends it back.
    """

    name: str = ""
    address: str = ""
    phone: str = ""
    logo_png: bytes | None = None
    show_logo: bool = False
    currency: str = "RUB"
    practitioner: str = ""
    working_days: frozenset[int] = DEFAULT_WORKING_DAYS
    opens_at: time = DEFAULT_OPENS_AT
    closes_at: time = DEFAULT_CLOSES_AT
    version: int = 0


def validate_profile(profile: ClinicProfile) -> dict[str, str]:
    """Field name -> message for what cannot be saved."""
    errors: dict[str, str] = {}
    limits.check_text(errors, "name", profile.name, limits.CLINIC_NAME)
    limits.check_text(errors, "address", profile.address, limits.CLINIC_ADDRESS, multiline=True)
    limits.check_text(errors, "phone", profile.phone, limits.CLINIC_PHONE)
    limits.check_text(errors, "practitioner", profile.practitioner, limits.PRACTITIONER)
    currency = profile.currency.strip() if isinstance(profile.currency, str) else ""
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        errors["currency"] = "Enter the currency as a three-letter code, such as RUB or EUR."
    if profile.logo_png is not None:
        problem = logo_problem(profile.logo_png)
        if problem is not None:
            errors["logo_png"] = problem
    if profile.show_logo and profile.logo_png is None:
        errors["show_logo"] = "Choose a logo file before asking to show it."
    if not profile.working_days:
        errors["working_days"] = "Tick at least one working day."
    elif not profile.working_days <= set(WEEKDAYS):
        errors["working_days"] = "A working day must be a day of the week, Monday to Sunday."
    if profile.opens_at >= profile.closes_at:
        errors["closes_at"] = "The closing time must be later than the opening time."
    return errors


def logo_problem(logo: bytes) -> str | None:
    """Why these bytes cannot be the letterhead logo; None when they are a whole PNG image
    within the size limits."""
    try:
        check_png(logo, limits.LOGO_BYTES, limits.LOGO_SIDE, limits.LOGO_PIXELS)
    except PngProblem as problem:
        return str(problem)
    return None
