"""The first-run set-up of a new database: offered once, then finished or skipped for good.

The set-up is due only on a database nobody has used yet: no patient card (archived ones
count) and none of the clinic's settings stored. Finishing stores every choice in one
transaction; skipping stores only that it was skipped, so the defaults stay. Either way it is
never offered again, on any workstation.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mesodesk.domain.backups import BackupPolicy
from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.first_run import SetupChoices, as_policy, as_profile, validate_choices
from mesodesk.domain.users import Permission
from mesodesk.models import ClinicSetting, Patient
from mesodesk.models.base import utcnow
from mesodesk.services.backup import checked_policy, store_policy
from mesodesk.services.base import Service
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.services.settings import (
    BACKUP_POLICY_KEY,
    LANGUAGE_KEY,
    PROFILE_KEY,
    checked_profile,
    store_language,
    store_profile,
)
from mesodesk.services.users import add_first_administrator

SETUP_KEY = "first_run"
"""Stored once the set-up is finished or skipped: {"outcome": ..., "at": ...}."""
SETTLED_KEYS = (SETUP_KEY, PROFILE_KEY, BACKUP_POLICY_KEY, LANGUAGE_KEY)
"""Any of these stored means someone has already set this database up."""
ALREADY_SET_UP = (
    "This database has been set up meanwhile (on another workstation); nothing was changed "
    "here. Everything can be changed in Tools > Clinic settings."
)


class FirstRunService(Service):
    def is_due(self) -> bool:
        """True on a database with no patient and no clinic setting, never set up."""
        with self._read(needs=None) as session:
            return _is_due(session)

    def finish(self, choices: SetupChoices) -> None:
        """Store the letterhead, currency, language, backup copy folder and the administrator
        account (if one is asked for), and that the set-up is done, all at once; refuses bad
        input, and a database set up meanwhile."""
        profile, policy = _checked(choices)
        with self._write(needs=Permission.CLINIC) as session:
            if not _is_due(session):
                raise ServiceError(ALREADY_SET_UP)
            store_profile(session, profile)  # the other fields keep their defaults
            store_policy(session, policy)
            store_language(session, choices.language)
            if choices.administrator.strip():
                add_first_administrator(session, choices.administrator, choices.password)
            _settle(session, "finished")

    def skip(self) -> None:
        """Keep the defaults and never offer the set-up again."""
        with self._write(needs=Permission.CLINIC) as session:
            if session.get(ClinicSetting, SETUP_KEY) is None:
                _settle(session, "skipped")


def _checked(choices: SetupChoices) -> tuple[ClinicProfile, BackupPolicy]:
    errors = validate_choices(choices)
    if errors:
        raise ValidationFailed(errors)
    return checked_profile(as_profile(choices)), checked_policy(as_policy(choices))


def _is_due(session: Session) -> bool:
    settled = session.scalar(
        select(func.count()).select_from(ClinicSetting).where(ClinicSetting.key.in_(SETTLED_KEYS))
    )
    if settled:
        return False
    return session.scalar(select(Patient.id).limit(1)) is None


def _settle(session: Session, outcome: str) -> None:
    session.add(
        ClinicSetting(key=SETUP_KEY, value={"outcome": outcome, "at": utcnow().isoformat()})
    )
