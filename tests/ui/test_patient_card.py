"""The patient card in the main window, driven as a practitioner drives it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from mesodesk.domain.patient import PatientCard
from mesodesk.ui.main_window import CANCEL, DISCARD, SAVE, MainWindow
from tests.ui.typing import type_text


def _wait_list(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy and not window.patient_list._timer.isActive())


def _names(window: MainWindow) -> list[str]:
    model = window.patient_list.model
    return [model.row_at(row).name for row in range(model.rowCount())]


def _add(window: MainWindow, last: str, first: str = "") -> PatientCard:
    return window._services.patients.save(PatientCard(last_name=last, first_name=first))


def test_a_new_patient_typed_into_the_form_is_saved_and_listed(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.form.last_name.hasFocus()
    type_text(window.form.last_name, "Иванова")
    type_text(window.form.first_name, "Мария")
    type_text(window.form.birth_date, "07.03.1985")
    type_text(window.form.phone, "+7 916 123-45-67")
    assert "years" in window.form.age.text()
    assert window.save_button.isEnabled()
    qtbot.keyClick(window.form.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    _wait_list(qtbot, window)
    assert _names(window) == ["Иванова Мария"]
    assert window.header.name.text() == "Иванова Мария"
    assert window.patient_list.current_id() == window.form.loaded_card().id
    stored = window._services.patients.get(window.form.loaded_card().id)
    assert stored.birth_date == date(1985, 3, 7) and stored.phone == "+7 916 123-45-67"
    assert not window.save_button.isEnabled()


def test_typing_in_search_finds_a_patient_by_part_of_a_cyrillic_name(qtbot, window):
    _add(window, "Иванова", "Мария")
    _add(window, "Смирнова", "Анна")
    window.patient_list.refresh()
    _wait_list(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.patient_list.search.hasFocus()
    type_text(window.patient_list.search, "иван")
    _wait_list(qtbot, window)
    assert _names(window) == ["Иванова Мария"]


def test_validation_messages_appear_beside_the_fields_and_nothing_is_saved(qtbot, window):
    window.new()
    type_text(window.form.first_name, "Мария")
    type_text(window.form.birth_date, "01.01.2999")
    type_text(window.form.email, "maria@")
    window.save()
    errors = {
        field: label.text() for field, label in window.form._errors.items() if label.isVisible()
    }
    assert errors == {
        "last_name": "Enter the last name.",
        "birth_date": "The date of birth cannot be in the future.",
        "email": "This does not look like an e-mail address (name@example.com).",
    }
    assert window.form.last_name.hasFocus()
    assert window._services.patients.count() == 0


def test_an_unreadable_date_gets_a_message_and_keeps_what_was_typed(qtbot, window):
    window.new()
    type_text(window.form.last_name, "Петрова")
    type_text(window.form.birth_date, "31.02.1990")
    assert not window.save()
    assert "dd.mm.yyyy" in window.form._errors["birth_date"].text()
    assert window.form.birth_date.text() == "31.02.1990"


def test_switching_patients_with_unsaved_changes_asks_first(qtbot, window):
    first = _add(window, "Абрамова")
    second = _add(window, "Борисова")
    window.patient_list.refresh()
    _wait_list(qtbot, window)
    window.patient_list.view.selectRow(0)
    assert window.form.loaded_card().id == first.id
    type_text(window.form.notes, "аллергия на лидокаин")
    asked: list[str] = []

    window.ask_unsaved_changes = lambda: asked.append("asked") or CANCEL
    window.patient_list.view.selectRow(1)
    qtbot.waitUntil(lambda: window.patient_list.current_id() == first.id)
    assert asked and window.form.loaded_card().id == first.id
    assert window.form.notes.toPlainText() == "аллергия на лидокаин"

    window.ask_unsaved_changes = lambda: SAVE
    window.patient_list.view.selectRow(1)
    _wait_list(qtbot, window)
    assert window.form.loaded_card().id == second.id
    assert window._services.patients.get(first.id).notes == "аллергия на лидокаин"


def test_discarding_changes_leaves_the_stored_card_alone(qtbot, window):
    first = _add(window, "Абрамова")
    _add(window, "Борисова")
    window.patient_list.refresh()
    _wait_list(qtbot, window)
    window.patient_list.view.selectRow(0)
    type_text(window.form.last_name, "-Новая")
    window.ask_unsaved_changes = lambda: DISCARD
    window.patient_list.view.selectRow(1)
    assert window._services.patients.get(first.id).last_name == "Абрамова"


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, window):
    window.new()
    type_text(window.form.last_name, "Недописанная")
    window.ask_unsaved_changes = lambda: CANCEL
    assert not window.close()
    assert window.isVisible() and window.form.last_name.text() == "Недописанная"
    window.ask_unsaved_changes = lambda: DISCARD
    assert window.close()


def test_archiving_hides_the_patient_until_show_archived_and_undo_restores(qtbot, window):
    card = _add(window, "Волкова")
    window.patient_list.refresh()
    _wait_list(qtbot, window)
    window.patient_list.view.selectRow(0)
    window.archive_action.trigger()
    _wait_list(qtbot, window)
    assert _names(window) == []
    assert "archived" in window.notice_bar.text.text()
    window.show_archived_action.setChecked(True)
    _wait_list(qtbot, window)
    assert window.patient_list.model.row_at(0).archived
    window.notice_bar.action.click()
    _wait_list(qtbot, window)
    assert not window._services.patients.get(card.id).archived


def test_a_save_over_a_newer_edit_shows_a_banner_and_keeps_the_typing(qtbot, window):
    card = _add(window, "Лебедева")
    window.open_patient(card.id)
    window._services.patients.save(PatientCard(**{**_fields(card), "notes": "from reception"}))
    type_text(window.form.notes, "from the treatment room")
    assert not window.save()
    assert window.notice_bar.is_showing() and "another workstation" in window.notice_bar.text.text()
    assert window.form.notes.toPlainText() == "from the treatment room"


def test_window_geometry_and_splitter_survive_a_restart(qtbot, window, sqlite_db, sqlite_services):
    window.resize(1100, 700)  # within the 1280x800 test screen
    window.splitter.setSizes([250, 850])
    window.ask_unsaved_changes = lambda: DISCARD
    window.close()
    again = MainWindow(sqlite_services, sqlite_db.location)
    qtbot.addWidget(again)
    again.show()
    assert abs(again.splitter.sizes()[0] - window.splitter.sizes()[0]) <= 2
    assert again.size() == window.size()
    again.runner.wait()


def test_the_patient_list_model_is_a_well_behaved_item_model(qtmodeltester, window):
    window._services.patients.save_many(
        [PatientCard(last_name=f"Орлова{n:03}") for n in range(250)]
    )
    window.patient_list.refresh()
    window.runner.wait()
    QApplication.processEvents()
    model = window.patient_list.model
    assert model.rowCount() == 200 and model.canFetchMore()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 250 and not model.canFetchMore()


def _fields(card: PatientCard) -> dict[str, object]:
    return {name: getattr(card, name) for name in card.__slots__}


def test_notes_that_cannot_be_stored_are_named_in_the_banner_and_nothing_is_saved(qtbot, window):
    window.new()
    type_text(window.form.last_name, "Иванова")
    window.form.notes.setPlainText("вставлено из другой программы \x07 конец")

    assert not window.save()

    assert window.notice_bar.text.text().startswith("Not saved: The notes: ")
    assert "control character" in window.notice_bar.text.text()
    assert window._services.patients.count() == 0


def test_a_name_too_long_for_the_list_at_1280_shows_as_surname_and_initials(qtbot, window):
    """Shown as "Алексеева М.И.", not "Алексеева М…" (or, for a dozen patients, "Алексеев…")."""
    for first, middle in (("Мария", "Ивановна"), ("Марина", "Игоревна")):
        window._services.patients.save(
            PatientCard(last_name="Алексеева", first_name=first, middle_name=middle)
        )
    window.resize(1280, 800)
    window.share_widths()
    window.patient_list.refresh()
    _wait_list(qtbot, window)
    view = window.patient_list.view
    shown = []
    for row in range(window.patient_list.model.rowCount()):
        index = window.patient_list.model.index(row, 0)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(index)
        view.itemDelegateForIndex(index).initStyleOption(option, index)
        shown.append(option.text)
        assert option.fontMetrics.horizontalAdvance(option.text) < option.rect.width()
        assert "Алексеева" in str(index.data(Qt.ItemDataRole.ToolTipRole))
    assert shown == ["Алексеева М.И.", "Алексеева М.И."]
