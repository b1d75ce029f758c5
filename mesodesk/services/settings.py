"""Clinic-wide settings: the letterhead and the defaults a new visit starts from."""

from __future__ import annotations

import base64
import binascii
from dataclasses import replace
from typing import Any

from mesodesk.domain.clinic import ClinicProfile, validate_profile
from mesodesk.models import ClinicSetting
from mesodesk.services.base import Service
from mesodesk.services.errors import ValidationFailed

PROFILE_KEY = "clinic_profile"


class ClinicSettingsService(Service):
    def profile(self) -> ClinicProfile:
        """The stored profile, or an empty one (currency RUB) before the first save."""
        with self._read() as session:
            row = session.get(ClinicSetting, PROFILE_KEY)
            if row is None:
                return ClinicProfile()
            return _profile(row.value, row.version)

    def save_profile(self, profile: ClinicProfile) -> ClinicProfile:
        """Store the profile; refuses bad input and a copy older than the stored one."""
        profile = replace(
            profile,
            name=profile.name.strip(),
            address=profile.address.strip(),
            phone=profile.phone.strip(),
            currency=profile.currency.strip().upper(),
            practitioner=profile.practitioner.strip(),
        )
        errors = validate_profile(profile)
        if errors:
            raise ValidationFailed(errors)
        with self._write() as session:
            row = session.get(ClinicSetting, PROFILE_KEY)
            if row is None:
                row = ClinicSetting(key=PROFILE_KEY)
                session.add(row)
            else:
                self._check_version(row.version, profile.version)
            row.value = _stored(profile)
            session.flush()
            return replace(profile, version=row.version)


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
    }


def _profile(value: object, version: int) -> ClinicProfile:
    raw = value if isinstance(value, dict) else {}
    logo: bytes | None = None
    if isinstance(raw.get("logo_png"), str):
        try:
            logo = base64.b64decode(raw["logo_png"], validate=True)
        except (binascii.Error, ValueError):
            logo = None
    return ClinicProfile(
        name=str(raw.get("name", "")),
        address=str(raw.get("address", "")),
        phone=str(raw.get("phone", "")),
        logo_png=logo,
        show_logo=bool(raw.get("show_logo", False)) and logo is not None,
        currency=str(raw.get("currency", "RUB")) or "RUB",
        practitioner=str(raw.get("practitioner", "")),
        version=version,
    )
