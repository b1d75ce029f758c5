"""Who may do what: the roles of a clinic and the permissions each one holds.

Plain data so the services, the command line and the window agree on one table. A practice
without users has no role at all and keeps every right, as before users existed.
"""

from __future__ import annotations

from enum import StrEnum

NAME_LIMIT = 60
MIN_PASSWORD = 8
DEFAULT_IDLE_MINUTES = 10
IDLE_MINUTES_RANGE = (1, 240)


class Role(StrEnum):
    PRACTITIONER = "practitioner"
    ADMINISTRATOR = "administrator"
    RECEPTION = "reception"


class Permission(StrEnum):
    PATIENTS = "patients"
    """The patient list and the contact data on the card."""
    SCHEDULE = "schedule"
    """When visits are (date, time, status), never what was done or written in them."""
    CLINICAL = "clinical"
    """Anamnesis, visit notes, marks, courses, screening, documents and exports."""
    CLINIC = "clinic"
    """Clinic settings, the catalog, backups and restores."""
    USERS = "users"
    """Adding users, changing passwords, disabling accounts, reading the audit trail."""


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.PRACTITIONER: frozenset(
        {Permission.PATIENTS, Permission.SCHEDULE, Permission.CLINICAL, Permission.CLINIC}
    ),
    Role.RECEPTION: frozenset({Permission.PATIENTS, Permission.SCHEDULE}),
}

REFUSALS: dict[Permission, str] = {
    Permission.PATIENTS: "Your role does not give access to patient cards.",
    Permission.SCHEDULE: "Your role does not give access to the schedule.",
    Permission.CLINICAL: (
        "Your role (reception) sees the patient list, contact data and the schedule only; "
        "anamnesis, notes, marks, documents and exports are for practitioners."
    ),
    Permission.CLINIC: (
        "Only a practitioner or an administrator changes clinic settings, the catalog or "
        "restores a backup."
    ),
    Permission.USERS: "Only an administrator manages users and reads the audit trail.",
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def name_problem(name: str) -> str | None:
    """Why a user name cannot be used, or None. Names are what signatures and the audit show."""
    cleaned = name.strip()
    if not cleaned:
        return "Give the user a name."
    if len(cleaned) > NAME_LIMIT:
        return f"A user name has at most {NAME_LIMIT} characters."
    if any(not ch.isprintable() for ch in cleaned):
        return "A user name cannot contain control characters."
    return None


PASSWORDS_DIFFER_MESSAGE = "The two passwords differ; type the same one twice."
"""Where a password is typed twice (the first-run wizard, the users dialog)."""


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"A password has at least {MIN_PASSWORD} characters."
    if password != password.strip():
        return "A password cannot start or end with a space."
    return None
