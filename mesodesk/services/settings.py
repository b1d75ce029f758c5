"""Clinic-wide settings: the letterhead and the defaults a new visit starts from."""

from __future__ import annotations

import base64
import binascii
from dataclasses import replace
from datetime import time
from typing import Any

from sqlalchemy.orm import Session

from mesodesk.domain.clinic import (
    DEFAULT_CLOSES_AT,
    DEFAULT_OPENS_AT,
    DEFAULT_WORKING_DAYS,
    WEEKDAYS,
    ClinicProfile,
    logo_problem,
    validate_profile,
)
from mesodesk.domain.first_run import validate_language
from mesodesk.domain.users import Permission
from mesodesk.models import ClinicSetting
from mesodesk.services.base import Service
from mesodesk.services.errors import ValidationFailed

PROFILE_KEY = "clinic_profile"
BACKUP_POLICY_KEY = "backup_policy"
"""How many backups are kept and where they are also copied (see services/backup.py)."""
LANGUAGE_KEY = "language"
"""The interface language, "en", "ru" or "" for the computer's (domain/first_run.py)."""


class ClinicSettingsService(Service):
    def profile(self) -> ClinicProfile:
        """The stored profile, or an empty one (currency RUB) before the first save."""
        with self._read(needs=None) as session:
            return read_profile(session)

    def save_profile(self, profile: ClinicProfile) -> ClinicProfile:
        """Store the profile; refuses bad input and a copy older than the stored one."""
        profile = checked_profile(profile)
        with self._write(needs=Permission.CLINIC) as session:
            return store_profile(session, profile)

    def language(self) -> str:
        """The interface language: "en", "ru", or "" to follow the computer's language."""
        with self._read(needs=None) as session:
            return read_language(session)

    def save_language(self, code: str) -> str:
        """Store the interface language for every workstation of the clinic."""
        errors = validate_language(code)
        if errors:
            raise ValidationFailed(errors)
        with self._write(needs=Permission.CLINIC) as session:
            store_language(session, code)
        return code


def checked_profile(profile: ClinicProfile) -> ClinicProfile:
    """The profile trimmed as it is stored; `ValidationFailed` for what cannot be saved."""
    errors = validate_profile(profile)  # the text as given: a NUL is refused, not kept
    if errors:
        raise ValidationFailed(errors)
    profile = replace(
        profile,
        name=profile.name.strip(),
        address=profile.address.strip(),
        phone=profile.phone.strip(),
        currency=profile.currency.strip().upper(),
        practitioner=profile.practitioner.strip(),
        opens_at=_minutes(profile.opens_at),
        closes_at=_minutes(profile.closes_at),
    )
    errors = validate_profile(profile)
    if errors:
        raise ValidationFailed(errors)
    return profile


def store_profile(session: Session, profile: ClinicProfile) -> ClinicProfile:
    """Write a checked profile in the caller's transaction; refuses a stale copy."""
    version = store_setting(session, PROFILE_KEY, _stored(profile), profile.version)
    return replace(profile, version=version)


def store_setting(session: Session, key: str, value: Any, opened_version: int) -> int:
    """Write one clinic setting in the caller's transaction, refusing a copy older than the
    stored one (`opened_version`); the setting's new version."""
    row = session.get(ClinicSetting, key)
    if row is None:
        row = ClinicSetting(key=key)
        session.add(row)
    else:
        Service._check_version(row.version, opened_version)
    row.value = value
    session.flush()
    return row.version


def read_language(session: Session) -> str:
    """The stored interface language; "" (the computer's) before one is chosen or when the
    stored value is not one MesoDesk knows."""
    row = session.get(ClinicSetting, LANGUAGE_KEY)
    value = None if row is None else row.value
    return value if isinstance(value, str) and not validate_language(value) else ""


def store_language(session: Session, code: str) -> None:
    row = session.get(ClinicSetting, LANGUAGE_KEY)
    if row is None:
        session.add(ClinicSetting(key=LANGUAGE_KEY, value=code))
    else:
        row.value = code


def _stored(profile: ClinicProfile) -> dict[str, Any]:
    logo = None
    if profile.logo_png is not None:
        logo = base64.b64encode(profile.logo_png).decode("ascii")
    return {
        "name": profile.name,
        "address": profile.address,
        "phone": profile.phone,
        "logo_png": logo,
        "show_logo": profile.show_logo,
        "currency": profile.currency,
        "practitioner": profile.practitioner,
        "working_days": sorted(profile.working_days),
        "opens_at": profile.opens_at.strftime("%H:%M"),
        "closes_at": profile.closes_at.strftime("%H:%M"),
    }


def read_profile(session: Session) -> ClinicProfile:
    """The stored profile, read in the caller's transaction; the defaults before the first save."""
    row = session.get(ClinicSetting, PROFILE_KEY)
    return ClinicProfile() if row is None else _profile(row.value, row.version)


def _profile(value: object, version: int) -> ClinicProfile:
    """The profile from its stored JSON; a key missing (a profile saved by an older version)
    or unreadable takes its default, so reading never fails."""
    raw = value if isinstance(value, dict) else {}
    logo: bytes | None = None
    if isinstance(raw.get("logo_png"), str):
        try:
            logo = base64.b64decode(raw["logo_png"], validate=True)
        except (binascii.Error, ValueError):
            logo = None
        if logo is not None and logo_problem(logo) is not None:
            logo = None  # stored by an older version that did not check it: never printed
    return ClinicProfile(
        name=str(raw.get("name", "")),
        address=str(raw.get("address", "")),
        phone=str(raw.get("phone", "")),
        logo_png=logo,
        show_logo=bool(raw.get("show_logo", False)) and logo is not None,
        currency=str(raw.get("currency", "RUB")) or "RUB",
        practitioner=str(raw.get("practitioner", "")),
        working_days=_working_days(raw.get("working_days")),
        opens_at=_time(raw.get("opens_at"), DEFAULT_OPENS_AT),
        closes_at=_time(raw.get("closes_at"), DEFAULT_CLOSES_AT),
        version=version,
    )


def _minutes(moment: time) -> time:
    """Opening hours are kept to the minute, as stored."""
    return moment.replace(second=0, microsecond=0, tzinfo=None)


def _working_days(value: object) -> frozenset[int]:
    if not isinstance(value, list):
        return DEFAULT_WORKING_DAYS
    days = frozenset(
        day
        for day in value
        if type(day) is int and day in WEEKDAYS  # JSON true is not Tuesday
    )
    return days or DEFAULT_WORKING_DAYS


def _time(value: object, default: time) -> time:
    if not isinstance(value, str):
        return default
    try:
        return time.fromisoformat(value)
    except ValueError:
        return default
