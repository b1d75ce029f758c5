"""The first-run set-up as plain data: what a new clinic states once, before the first patient.

Everything chosen here is an ordinary setting afterwards (Clinic settings, Backup settings),
so the set-up only gives a new database better starting values than the blank defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from mesodesk.domain.backups import BackupPolicy, validate_policy
from mesodesk.domain.clinic import ClinicProfile, validate_profile
from mesodesk.domain.users import PASSWORDS_DIFFER_MESSAGE, name_problem, password_problem

INTERFACE_LANGUAGES = ("", "en", "ru")
"""The `language` setting: "" follows the computer's language, "en" English, "ru" Russian."""
FALLBACK_CURRENCY = "RUB"
PROFILE_FIELDS = ("name", "address", "phone", "logo_png", "currency")
"""The choices stored in the clinic profile, under the same names."""


@dataclass(frozen=True, slots=True)
class SetupChoices:
    """What the set-up wizard asks: the letterhead, the interface language, the currency and
    a second folder each backup is also copied to ("" for none)."""

    name: str = ""
    address: str = ""
    phone: str = ""
    logo_png: bytes | None = None
    language: str = ""
    currency: str = FALLBACK_CURRENCY
    backup_copy_folder: str = ""
    administrator: str = ""
    """The name of an administrator account to create ("" for none: a practice without
    users, which opens without signing in)."""
    password: str = ""
    password_again: str = ""


def default_currency(locale_currency: str) -> str:
    """The currency a new clinic starts from: the computer's locale's (RUB for a Russian
    locale), or RUB when the locale names none (the C locale of a fresh server)."""
    code = locale_currency.strip().upper()
    if len(code) == 3 and code.isascii() and code.isalpha():
        return code
    return FALLBACK_CURRENCY


def validate_language(code: object) -> dict[str, str]:
    """Field name -> message when `code` is not one of the interface languages."""
    if isinstance(code, str) and code in INTERFACE_LANGUAGES:
        return {}
    return {"language": "Choose English, Russian or the computer's language."}


def as_profile(choices: SetupChoices) -> ClinicProfile:
    """The clinic profile the choices make: the logo is printed once one is chosen, every
    other setting keeps its default."""
    return ClinicProfile(
        name=choices.name,
        address=choices.address,
        phone=choices.phone,
        logo_png=choices.logo_png,
        show_logo=choices.logo_png is not None,
        currency=choices.currency,
    )


def as_policy(choices: SetupChoices) -> BackupPolicy:
    return BackupPolicy(copy_folder=choices.backup_copy_folder)


def validate_choices(choices: SetupChoices) -> dict[str, str]:
    """Field name (of `SetupChoices`) -> message for what cannot be saved."""
    errors = validate_language(choices.language)
    profile_errors = validate_profile(as_profile(choices))
    errors |= {key: message for key, message in profile_errors.items() if key in PROFILE_FIELDS}
    policy_errors = validate_policy(as_policy(choices))
    if "copy_folder" in policy_errors:
        errors["backup_copy_folder"] = policy_errors["copy_folder"]
    if choices.administrator.strip() or choices.password:
        problem = name_problem(choices.administrator)
        if problem is not None:
            errors["administrator"] = problem
        problem = password_problem(choices.password)
        if problem is not None:
            errors["password"] = problem
        elif choices.password != choices.password_again:
            errors["password_again"] = PASSWORDS_DIFFER_MESSAGE
    return errors
