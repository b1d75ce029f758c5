"""The clinic's own details, printed on letterheads and used as defaults in visits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_LOGO_BYTES = 1_000_000
"""A letterhead logo is small; a bigger file is almost always a photo chosen by mistake."""

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
    currency = profile.currency.strip()
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        errors["currency"] = "Enter the currency as a three-letter code, such as RUB or EUR."
    if profile.logo_png is not None:
        if not profile.logo_png.startswith(PNG_SIGNATURE):
            errors["logo_png"] = "The logo must be a PNG image."
        elif len(profile.logo_png) > MAX_LOGO_BYTES:
            errors["logo_png"] = "The logo is larger than 1 MB; choose a smaller PNG image."
    if profile.show_logo and profile.logo_png is None:
        errors["show_logo"] = "Choose a logo file before asking to show it."
    if not profile.working_days:
        errors["working_days"] = "Tick at least one working day."
    elif not profile.working_days <= set(WEEKDAYS):
        errors["working_days"] = "A working day must be a day of the week, Monday to Sunday."
    if profile.opens_at >= profile.closes_at:
        errors["closes_at"] = "The closing time must be later than the opening time."
    return errors
