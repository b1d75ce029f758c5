"""The set-up wizard of a new database: filled from the keyboard, stored, never asked again."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard

from mesodesk.domain.patient import PatientCard
from mesodesk.services.backup import BackupSettingsService
from mesodesk.ui.app import first_run_wizard
from mesodesk.ui.first_run_wizard import FirstRunWizard
from tests.png_files import png_bytes
from tests.ui.typing import type_text


def _wizard(qtbot, services, tmp_path, locale: str = "ru_RU") -> FirstRunWizard:
    wizard = FirstRunWizard(services.first_run, tmp_path / "backups", QLocale(locale))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _press(widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)
    QApplication.processEvents()


def test_the_wizard_filled_from_the_keyboard_writes_its_settings(
    qtbot, sqlite_db, sqlite_services, tmp_path
):
    logo = png_bytes(40, 20)
    (tmp_path / "logo.png").write_bytes(logo)
    wizard = _wizard(qtbot, sqlite_services, tmp_path)
    page = wizard.letterhead
    assert wizard.currentPage() is page
    type_text(page.name, "Клиника «Лето»")
    _press(page.name, Qt.Key.Key_Tab)
    assert page.address.hasFocus()
    type_text(page.address, "Москва, ул. Лесная, 5")
    _press(page.address, Qt.Key.Key_Tab)
    assert page.phone.hasFocus()
    type_text(page.phone, "+7 495 123-45-67")
    page.choose_logo_file = lambda: tmp_path / "logo.png"
    _press(page.phone, Qt.Key.Key_Tab)
    assert page.choose_logo_button.hasFocus()
    _press(page.choose_logo_button, Qt.Key.Key_Space)
    assert page.logo == logo and page.logo_preview.pixmap() is not None
    _press(page.choose_logo_button, Qt.Key.Key_Return)  # Enter goes on to the next page

    languages = wizard.language
    assert wizard.currentPage() is languages
    assert languages.currency.currentText() == "RUB"  # a Russian computer
    languages.language.setFocus()
    _press(languages.language, Qt.Key.Key_End)
    assert languages.language.currentData() == "ru"
    _press(languages.currency, Qt.Key.Key_Return)

    account = wizard.account
    assert wizard.currentPage() is account
    account.name.setFocus()
    type_text(account.name, "Анна Смирнова")
    _press(account.name, Qt.Key.Key_Tab)
    assert account.password.hasFocus()
    type_text(account.password, "ключ-от-кабинета")
    _press(account.password, Qt.Key.Key_Tab)
    type_text(account.password_again, "ключ-от-кабинета")
    _press(account.password_again, Qt.Key.Key_Return)

    backups = wizard.backups
    assert wizard.currentPage() is backups
    backups.choose_folder = lambda: str(tmp_path / "usb")
    backups.choose_button.setFocus()
    _press(backups.choose_button, Qt.Key.Key_Space)
    assert backups.copy_folder.text() == str(tmp_path / "usb")
    with qtbot.waitSignal(wizard.accepted):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    assert wizard.outcome == "finished"
    profile = sqlite_services.settings.profile()
    assert profile.name == "Клиника «Лето»"
    assert profile.address == "Москва, ул. Лесная, 5"
    assert profile.phone == "+7 495 123-45-67"
    assert profile.logo_png == logo and profile.show_logo
    assert profile.currency == "RUB"
    assert sqlite_services.settings.language() == "ru"
    policy = BackupSettingsService(sqlite_db.sessions).policy()
    assert policy.copy_folder == str(tmp_path / "usb")
    assert first_run_wizard(sqlite_services, tmp_path / "backups") is None
    assert sqlite_services.users.any_users()  # the next start asks to sign in
    sqlite_services.users.sign_in("Анна Смирнова", "ключ-от-кабинета")


def test_two_different_passwords_keep_the_account_page_and_create_nobody(
    qtbot, sqlite_services, tmp_path
):
    wizard = FirstRunWizard(sqlite_services.first_run, tmp_path / "backups")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.next()
    account = wizard.account
    assert wizard.currentPage() is account
    account.name.setText("admin")
    account.password.setText("ключ-от-кабинета")
    account.password_again.setText("ключ-от-кабинетА")
    wizard.next()
    assert wizard.currentPage() is account
    assert "differ" in account.errors["password_again"].text()
    assert not sqlite_services.users.any_users()


def test_a_bad_field_keeps_the_wizard_on_its_page_with_the_message_under_it(
    qtbot, sqlite_services, tmp_path
):
    wizard = _wizard(qtbot, sqlite_services, tmp_path, "en_US")
    wizard.next()
    assert wizard.language.currency.currentText() == "USD"  # the computer's currency
    wizard.language.currency.setCurrentText("руб")
    wizard.next()
    assert wizard.currentPage() is wizard.language
    assert "three-letter code" in wizard.language.errors["currency"].text()
    wizard.language.currency.setCurrentText("EUR")
    wizard.next()
    assert wizard.currentPage() is wizard.account  # no account asked for: the page lets go
    wizard.next()
    assert wizard.currentPage() is wizard.backups
    assert sqlite_services.first_run.is_due()


def test_skip_keeps_the_defaults_and_the_wizard_is_not_shown_again(
    qtbot, sqlite_db, sqlite_services, tmp_path
):
    wizard = _wizard(qtbot, sqlite_services, tmp_path)
    type_text(wizard.letterhead.name, "Not kept")
    skip = wizard.button(QWizard.WizardButton.CancelButton)
    assert skip.text().replace("&", "") == "Skip"
    with qtbot.waitSignal(wizard.rejected):
        _press(wizard.letterhead.name, Qt.Key.Key_Escape)
    assert wizard.outcome == "skipped"
    profile = sqlite_services.settings.profile()
    assert (profile.name, profile.currency, profile.version) == ("", "RUB", 0)
    assert sqlite_services.settings.language() == ""
    assert BackupSettingsService(sqlite_db.sessions).policy().copy_folder == ""
    assert first_run_wizard(sqlite_services, tmp_path / "backups") is None


def test_the_wizard_is_not_shown_on_a_database_with_patients(qtbot, sqlite_services, tmp_path):
    sqlite_services.patients.save(PatientCard(last_name="Иванова", first_name="Мария"))
    assert first_run_wizard(sqlite_services, tmp_path / "backups") is None


def test_a_new_database_gets_the_wizard(qtbot, sqlite_services, tmp_path):
    wizard = first_run_wizard(sqlite_services, tmp_path / "backups")
    assert isinstance(wizard, FirstRunWizard)
    qtbot.addWidget(wizard)
