"""The clinic profile every workstation shares: letterhead, logo, currency, practitioner,
working days and opening hours."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest

from mesodesk.domain.clinic import ClinicProfile
from mesodesk.models import ClinicSetting
from mesodesk.services.errors import StaleRecord, ValidationFailed
from mesodesk.services.settings import PROFILE_KEY
from tests.png_files import png_bytes

LOGO = png_bytes(120, 40)


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


def test_working_days_and_opening_hours_are_kept(services):
    saved = services.settings.save_profile(
        ClinicProfile(
            working_days=frozenset({1, 2, 3, 4, 5}),
            opens_at=time(10, 30, 15),
            closes_at=time(21, 0),
        )
    )
    loaded = services.settings.profile()
    assert loaded == saved
    assert loaded.working_days == {1, 2, 3, 4, 5}
    assert (loaded.opens_at, loaded.closes_at) == (time(10, 30), time(21, 0))


def test_a_profile_stored_before_opening_hours_existed_reads_with_the_defaults(services, database):
    with database.sessions.begin() as session:
        session.add(
            ClinicSetting(
                key=PROFILE_KEY,
                value={"name": "Клиника «Лето»", "currency": "RUB", "practitioner": "Орлова"},
            )
        )
    profile = services.settings.profile()
    assert profile.name == "Клиника «Лето»" and profile.practitioner == "Орлова"
    assert profile.working_days == {0, 1, 2, 3, 4, 5}
    assert (profile.opens_at, profile.closes_at) == (time(9), time(20))
    resaved = services.settings.save_profile(replace(profile, working_days=frozenset({0})))
    assert services.settings.profile() == resaved


def test_no_working_day_or_closing_before_opening_is_refused_and_nothing_changes(services):
    first = services.settings.save_profile(ClinicProfile(name="A"))
    with pytest.raises(ValidationFailed) as refused:
        services.settings.save_profile(
            replace(first, working_days=frozenset(), opens_at=time(18), closes_at=time(9))
        )
    assert set(refused.value.errors) == {"working_days", "closes_at"}
    assert services.settings.profile() == first
