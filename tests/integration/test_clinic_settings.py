"""The clinic profile every workstation shares: letterhead, logo, currency, practitioner."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mesodesk.domain.clinic import PNG_SIGNATURE, ClinicProfile
from mesodesk.services.errors import StaleRecord, ValidationFailed

LOGO = PNG_SIGNATURE + b"\x00" * 32


def test_a_fresh_clinic_has_an_empty_profile_in_roubles(services):
    assert services.settings.profile() == ClinicProfile()


def test_the_profile_with_its_logo_is_kept(services):
    saved = services.settings.save_profile(
        ClinicProfile(
            name=" Клиника «Лето» ",
            address="Москва, ул. Садовая, 1",
            phone="+7 495 000-00-00",
            logo_png=LOGO,
            show_logo=True,
            currency="eur",
            practitioner="Орлова Е. В.",
        )
    )
    loaded = services.settings.profile()
    assert loaded == saved
    assert loaded.name == "Клиника «Лето»"
    assert loaded.currency == "EUR"
    assert loaded.logo_png == LOGO and loaded.show_logo


def test_a_bad_currency_or_logo_is_refused_beside_the_field(services):
    with pytest.raises(ValidationFailed) as refused:
        services.settings.save_profile(ClinicProfile(currency="рубли", logo_png=b"GIF89a"))
    assert set(refused.value.errors) == {"currency", "logo_png"}


def test_a_profile_saved_elsewhere_meanwhile_is_not_overwritten(services):
    first = services.settings.save_profile(ClinicProfile(name="A"))
    services.settings.save_profile(replace(first, name="B"))
    with pytest.raises(StaleRecord):
        services.settings.save_profile(replace(first, name="C"))
    assert services.settings.profile().name == "B"
