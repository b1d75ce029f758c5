"""The first-run set-up is offered on a new database only, once, and stores what was chosen."""

from __future__ import annotations

import pytest

from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.first_run import SetupChoices, default_currency
from mesodesk.domain.patient import PatientCard
from mesodesk.services.backup import BackupSettingsService
from mesodesk.services.errors import ServiceError, ValidationFailed


def test_a_new_database_is_due_for_set_up(services):
    assert services.first_run.is_due()


def test_finishing_stores_every_choice_and_is_not_offered_again(services, database):
    services.first_run.finish(
        SetupChoices(
            name="  Клиника «Лето» ",
            address="Москва, ул. Лесная, 5",
            phone="+7 495 123-45-67",
            language="ru",
            currency="eur",
            backup_copy_folder="/media/usb/backups",
        )
    )
    profile = services.settings.profile()
    assert (profile.name, profile.address, profile.phone, profile.currency) == (
        "Клиника «Лето»",
        "Москва, ул. Лесная, 5",
        "+7 495 123-45-67",
        "EUR",
    )
    assert profile.logo_png is None and not profile.show_logo
    assert services.settings.language() == "ru"
    assert BackupSettingsService(database.sessions).policy().copy_folder == "/media/usb/backups"
    assert not services.first_run.is_due()


def test_skipping_keeps_the_defaults_and_is_not_offered_again(services, database):
    services.first_run.skip()
    assert not services.first_run.is_due()
    profile = services.settings.profile()
    assert (profile.name, profile.currency, profile.version) == ("", "RUB", 0)
    assert services.settings.language() == ""
    assert BackupSettingsService(database.sessions).policy().copy_folder == ""


def test_a_database_with_a_patient_is_not_offered_the_set_up(services):
    card = services.patients.save(PatientCard(last_name="Иванова", first_name="Мария"))
    services.patients.set_archived(card.id, True, card.version)
    assert not services.first_run.is_due()


def test_a_database_with_clinic_settings_is_not_offered_the_set_up(services):
    services.settings.save_language("en")
    assert not services.first_run.is_due()


def test_bad_choices_are_refused_field_by_field_and_nothing_is_stored(services):
    with pytest.raises(ValidationFailed) as refused:
        services.first_run.finish(
            SetupChoices(
                name="Клиника",
                logo_png=b"not a png",
                language="de",
                currency="руб",
                backup_copy_folder="backups",
            )
        )
    assert set(refused.value.errors) == {"logo_png", "language", "currency", "backup_copy_folder"}
    assert services.first_run.is_due()
    assert services.settings.profile().name == ""


def test_a_set_up_finished_meanwhile_elsewhere_is_not_overwritten(services):
    services.settings.save_profile(ClinicProfile(name="Первая"))
    with pytest.raises(ServiceError, match="set up meanwhile") as refused:
        services.first_run.finish(SetupChoices(name="Вторая"))
    assert not isinstance(refused.value, ValidationFailed)
    assert services.settings.profile().name == "Первая"


def test_the_default_currency_is_the_locales_and_rub_without_one():
    assert default_currency("RUB") == "RUB"
    assert default_currency("eur") == "EUR"
    assert default_currency("") == "RUB"
    assert default_currency("¤") == "RUB"


def test_the_interface_language_is_one_of_english_russian_or_the_computers(services):
    assert services.settings.language() == ""
    services.settings.save_language("ru")
    assert services.settings.language() == "ru"
    with pytest.raises(ValidationFailed) as refused:
        services.settings.save_language("de")
    assert set(refused.value.errors) == {"language"}
    services.settings.save_language("")
    assert services.settings.language() == ""
