"""Signing in, and the idle lock that hides the window without losing what was typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from mesodesk.domain.patient import PatientCard
from mesodesk.domain.users import Role
from mesodesk.services.access import Access
from mesodesk.services.registry import Services, build_services
from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.sign_in import LockPage, SignInDialog
from mesodesk.ui.workers import TaskRunner
from tests.ui.typing import type_text
from tests.ui.windows import open_window

PASSWORD = "correct horse 1"
CTRL = Qt.KeyboardModifier.ControlModifier
TYPED = "Папулы рассосались за 20 минут."


@pytest.fixture
def users(sqlite_db) -> Services:
    setup = build_services(sqlite_db.sessions, Access.command_line())
    setup.users.add("anna", Role.PRACTITIONER, PASSWORD)
    setup.users.add("rita", Role.RECEPTION, PASSWORD)
    setup.patients.save(PatientCard(last_name="Иванова", first_name="Мария"))
    return build_services(sqlite_db.sessions)


@pytest.fixture
def signed_in(qtbot, users: Services, sqlite_db, tmp_path) -> Iterator[MainWindow]:
    users.users.sign_in("anna", PASSWORD)
    main = open_window(qtbot, users, sqlite_db.location, tmp_path)
    yield main
    if main.idle_lock is not None and main.idle_lock.locked:
        main.idle_lock.unlock()
    main.runner.wait()


def test_a_wrong_password_is_said_in_the_dialog_and_the_right_one_signs_in(qtbot, users):
    dialog = SignInDialog(users.users)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name, "anna")
    type_text(dialog.password, "not the password")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.checking)
    assert dialog.error.isVisible() and "wrong" in dialog.error.text()
    assert dialog.password.text() == "" and users.access.user is None
    assert dialog.result() != SignInDialog.DialogCode.Accepted
    type_text(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.checking)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert users.access.user is not None and users.access.user.name == "anna"


def test_the_idle_lock_hides_the_window_and_keeps_unsaved_typing(qtbot, signed_in):
    window = signed_in
    patient_id = window.services.patients.search("Иван")[0].id
    window.open_patient(patient_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    form = window.visit_tab.form
    type_text(form.notes, TYPED)
    assert window.visit.is_dirty()

    lock = window.idle_lock
    assert lock is not None
    lock.set_interval_ms(20)  # as if ten minutes passed without a key or a click
    qtbot.waitUntil(lambda: lock.locked)
    lock.set_interval_ms(60_000)  # so that it does not lock again at once once unlocked
    assert not window.splitter.isVisible() and not window.toolbar.isVisible()
    assert window.lock_page.isVisible() and "anna" in window.lock_page.title.text()
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)  # shortcuts are held while locked
    assert window.visit.is_dirty()

    type_text(window.lock_page.password, "not the password")
    qtbot.mouseClick(window.lock_page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.lock_page.checking)
    assert lock.locked and "wrong" in window.lock_page.error.text()
    assert window.lock_page.password.hasFocus()

    type_text(window.lock_page.password, PASSWORD)
    qtbot.keyClick(window.lock_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.locked)
    assert not lock.locked and window.splitter.isVisible()
    assert form.notes.toPlainText() == TYPED and window.visit.is_dirty()
    record = window.visit.record
    stored = window.services.visits.get(record.id).notes if record is not None else ""
    assert stored != TYPED  # still unsaved: the lock saved nothing and lost nothing


def test_reception_sees_the_card_but_no_clinical_pane(qtbot, users, sqlite_db, tmp_path):
    users.users.sign_in("rita", PASSWORD)
    window = open_window(qtbot, users, sqlite_db.location, tmp_path)
    posted: list[object] = []
    window.notices.posted.connect(posted.append)
    patient_id = users.patients.search("Иван")[0].id
    window.open_patient(patient_id)
    qtbot.waitUntil(lambda: not window.runner.busy)
    tabs = window.patient_tabs
    visible = [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert visible == ["Card"]
    assert window.form.loaded_card().last_name == "Иванова"
    assert not window.start_visit_action.isEnabled()
    assert posted == []  # nothing was asked that the services would refuse


def test_while_the_password_is_checked_the_button_is_off_and_enter_does_not_send_it_twice(
    qtbot, users
):
    dialog = SignInDialog(users.users)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name, "anna")
    type_text(dialog.password, "not the password")
    dialog.password.setFocus()
    sent: list[int] = []
    dialog._runner.submit = _counting(dialog._runner.submit, sent)  # type: ignore[method-assign]
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.checking and not dialog.sign_in_button.isEnabled()
    assert dialog.password.isReadOnly() and dialog.password.text() == "not the password"
    assert dialog.name.text() == "anna" and dialog.password.hasFocus()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    dialog.try_sign_in()
    assert len(sent) == 1
    qtbot.waitUntil(lambda: not dialog.checking)
    assert "wrong" in dialog.error.text() and dialog.sign_in_button.isEnabled()
    assert not dialog.password.isReadOnly() and dialog.password.hasFocus()


def _counting(submit, sent: list[int]):
    def counted(*args, **kwargs):
        sent.append(1)
        return submit(*args, **kwargs)

    return counted


def test_a_database_that_cannot_be_read_is_said_in_words(qtbot, users, sqlite_db):
    dialog = SignInDialog(users.users)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name, "anna")
    type_text(dialog.password, PASSWORD)
    with sqlite_db.engine.begin() as connection:  # as if the file were damaged
        connection.exec_driver_sql("ALTER TABLE users RENAME TO users_gone")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.checking)
    assert dialog.error.text() and "Traceback" not in dialog.error.text()
    assert "wrong" not in dialog.error.text() and dialog.password.text() == PASSWORD
    assert users.access.user is None and dialog.result() != SignInDialog.DialogCode.Accepted


def test_closing_the_dialog_while_the_password_is_checked_drops_the_answer(qtbot, users):
    runner = TaskRunner()  # the window's, which outlives the dialog
    dialog = SignInDialog(users.users, None, runner)
    dialog.show()
    type_text(dialog.name, "anna")
    type_text(dialog.password, PASSWORD)
    dialog.try_sign_in()
    dialog.reject()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not runner.busy)
    assert users.access.user is None  # nobody signed in behind a closed dialog
    runner.wait()


def test_closing_the_window_while_unlocking_does_not_crash(qtbot, users, sqlite_db, tmp_path):
    users.users.sign_in("anna", PASSWORD)
    window = open_window(qtbot, users, sqlite_db.location, tmp_path)
    lock = window.idle_lock
    assert lock is not None
    lock.lock()
    type_text(window.lock_page.password, PASSWORD)
    window.lock_page.try_unlock()
    assert window.lock_page.checking
    page = window.lock_page
    window.close()
    page.deleteLater()
    qtbot.waitUntil(lambda: not window.runner.busy)  # the answer arrives for a page now gone
    window.runner.wait()


def test_a_runner_deleted_while_it_checks_a_password_drops_the_answer(qtbot, users):
    runner = TaskRunner()
    answers: list[object] = []
    runner.submit(lambda: users.users.verify("anna", PASSWORD), answers.append, answers.append)
    runner.deleteLater()
    qtbot.wait(600)
    assert answers == []


def test_the_lock_page_is_a_centred_column_whose_message_is_read_whole(qtbot, users, sqlite_db):
    """A long name wraps the message inside the column; nothing is clipped or stretched."""
    long_name = "Смирнова-Воскресенская Елена Александровна"
    setup = build_services(sqlite_db.sessions, Access.command_line())
    setup.users.add(long_name, Role.PRACTITIONER, PASSWORD)
    users.users.sign_in(long_name, PASSWORD)
    page = LockPage(users.users)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    page.prepare()
    qtbot.waitUntil(lambda: page.title.height() >= page.title.heightForWidth(page.title.width()))
    assert long_name in page.title.text()
    centre = page.width() / 2
    for widget in (page.title, page.password, page.unlock_button):
        middle = widget.mapTo(page, widget.rect().center()).x()
        assert abs(middle - centre) <= 2, widget
    assert page.unlock_button.width() < page.width() / 3, "a button, not a bar"
    dialog = SignInDialog(users.users)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText(long_name[:24])
    assert dialog.name.fontMetrics().horizontalAdvance(long_name[:24]) < dialog.name.width()
