"""Tools > Users…: an administrator adds users, sets passwords, roles and the idle lock in the
window; what the services refuse is said in the dialog and nothing changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from mesodesk.domain.users import PASSWORDS_DIFFER_MESSAGE, Role
from mesodesk.services.access import Access
from mesodesk.services.registry import Services, build_services
from mesodesk.services.users import WrongPassword
from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.users_dialog import UsersDialog
from tests.ui.typing import type_text
from tests.ui.windows import open_window

PASSWORD = "correct horse 1"
NEW_PASSWORD = "battery staple 2"


@pytest.fixture
def practice(sqlite_db) -> Services:
    setup = build_services(sqlite_db.sessions, Access.command_line())
    setup.users.add("olga", Role.ADMINISTRATOR, PASSWORD)
    setup.users.add("anna", Role.PRACTITIONER, PASSWORD)
    return build_services(sqlite_db.sessions)


@pytest.fixture
def admin_window(qtbot, practice, sqlite_db, tmp_path) -> Iterator[MainWindow]:
    practice.users.sign_in("olga", PASSWORD)
    window = open_window(qtbot, practice, sqlite_db.location, tmp_path)
    yield window
    window.runner.wait()


def _fill(dialog: UsersDialog, name: str, password: str, repeated: str) -> None:
    type_text(dialog.name, name)
    type_text(dialog.password, password)
    type_text(dialog.repeated, repeated)


def _choose(dialog: UsersDialog, name: str) -> None:
    for row in range(dialog.list.topLevelItemCount()):
        item = dialog.list.topLevelItem(row)
        if item is not None and item.text(UsersDialog.NAME) == name:
            dialog.list.setCurrentItem(item)
            return
    raise AssertionError(f"{name} is not listed")


def test_an_administrator_adds_a_receptionist_who_can_then_sign_in(
    qtbot, admin_window, practice, sqlite_db
):
    assert admin_window.users_action.isVisible()
    dialog = admin_window.manage_users()
    qtbot.waitExposed(dialog)
    _fill(dialog, "rita", PASSWORD, "a different one")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.RECEPTION.value))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["repeated"].text() == PASSWORDS_DIFFER_MESSAGE
    assert [u.name for u in practice.users.list_users()] == ["anna", "olga"]

    type_text(dialog.repeated, PASSWORD)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "rita can sign in now." in dialog.message.text()
    assert dialog.name.text() == dialog.password.text() == ""
    assert dialog.chosen_name() == "rita"
    assert "Reception" in dialog.list.currentItem().text(UsersDialog.ROLE)
    other = build_services(sqlite_db.sessions)
    assert other.users.sign_in("rita", PASSWORD).role is Role.RECEPTION


def test_a_short_password_is_said_under_its_field_and_nobody_is_added(qtbot, admin_window):
    dialog = admin_window.manage_users()
    _fill(dialog, "rita", "short", "short")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "at least 8 characters" in dialog.errors["password"].text()
    assert dialog.list.topLevelItemCount() == 2


def test_a_new_password_for_the_chosen_user(qtbot, admin_window, sqlite_db):
    dialog = admin_window.manage_users()
    _choose(dialog, "anna")
    type_text(dialog.password, NEW_PASSWORD)
    type_text(dialog.repeated, NEW_PASSWORD)
    qtbot.mouseClick(dialog.password_button, Qt.MouseButton.LeftButton)
    assert dialog.busy and not dialog.password_button.isEnabled()
    assert not dialog.add_button.isEnabled() and dialog.password.isReadOnly()
    dialog.set_password()  # a second press while it is saved does nothing
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "anna" in dialog.message.text() and dialog.password_button.isEnabled()
    other = build_services(sqlite_db.sessions)
    with pytest.raises(WrongPassword):
        other.users.sign_in("anna", PASSWORD)
    other.users.sign_in("anna", NEW_PASSWORD)


def test_the_last_administrator_and_ones_own_account_stay_as_they_are(
    qtbot, admin_window, practice, sqlite_db
):
    dialog = admin_window.manage_users()
    _choose(dialog, "olga")
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    assert "signed in with" in dialog.message.text()
    dialog.role_of_chosen.setCurrentIndex(dialog.role_of_chosen.findData(Role.RECEPTION.value))
    qtbot.mouseClick(dialog.set_role_button, Qt.MouseButton.LeftButton)
    assert "last active administrator" in dialog.message.text()
    olga = next(u for u in practice.users.list_users() if u.name == "olga")
    assert olga.role is Role.ADMINISTRATOR and not olga.disabled

    _choose(dialog, "anna")
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "" and dialog.enable_button.isEnabled()
    assert "disabled" in dialog.list.currentItem().text(UsersDialog.STATE)
    with pytest.raises(WrongPassword):
        build_services(sqlite_db.sessions).users.sign_in("anna", PASSWORD)
    qtbot.mouseClick(dialog.enable_button, Qt.MouseButton.LeftButton)
    build_services(sqlite_db.sessions).users.sign_in("anna", PASSWORD)


def test_the_idle_lock_applies_to_this_window_at_once(qtbot, admin_window, practice):
    dialog = admin_window.manage_users()
    dialog.idle.setValue(3)
    qtbot.mouseClick(dialog.idle_button, Qt.MouseButton.LeftButton)
    assert practice.users.idle_minutes() == 3
    assert admin_window.idle_lock is not None
    assert admin_window.idle_lock.timer.interval() == 3 * 60_000


def test_a_practitioner_is_not_offered_the_users(qtbot, practice, sqlite_db, tmp_path):
    practice.users.sign_in("anna", PASSWORD)
    window = open_window(qtbot, practice, sqlite_db.location, tmp_path)
    assert not window.users_action.isVisible() and not window.users_action.isEnabled()


def test_the_first_user_added_in_a_practice_without_users_is_an_administrator(
    qtbot, window, sqlite_services
):
    dialog = window.manage_users()
    assert dialog.first_hint.isVisibleTo(dialog) and not dialog.role.isEnabled()
    _fill(dialog, "olga", PASSWORD, PASSWORD)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    (olga,) = sqlite_services.users.list_users()
    assert olga.name == "olga" and olga.role is Role.ADMINISTRATOR
    assert not dialog.first_hint.isVisibleTo(dialog) and dialog.role.isEnabled()
    assert sqlite_services.access.user is not None, "the window goes on as olga"
    assert window.idle_lock is not None and dialog.list.topLevelItemCount() == 1


def test_a_database_that_cannot_be_read_is_said_in_words(qtbot, admin_window, sqlite_db):
    dialog = admin_window.manage_users()
    _fill(dialog, "rita", PASSWORD, PASSWORD)
    with sqlite_db.engine.begin() as connection:  # as if the file were damaged
        connection.exec_driver_sql("ALTER TABLE users RENAME TO users_gone")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.message.text() and "Traceback" not in dialog.message.text()
    assert dialog.name.text() == "rita" and dialog.password.text() == PASSWORD


def test_closing_the_dialog_while_a_user_is_added(qtbot, admin_window, practice):
    dialog = admin_window.manage_users()
    _fill(dialog, "rita", PASSWORD, PASSWORD)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    dialog.reject()  # deleted on close
    qtbot.waitUntil(lambda: not admin_window.runner.busy)
    assert "rita" in [u.name for u in practice.users.list_users()]
