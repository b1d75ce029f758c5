"""The patient card's checks as the practitioner meets them: a likely duplicate shown before
saving with its two ways on, and messages that go as soon as the field is put right."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt

from mesodesk.domain.anamnesis import Anamnesis
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.domain.vocabulary import Sex
from mesodesk.ui.main_window import CANCEL, DISCARD, SAVE, MainWindow
from tests.ui.typing import type_text

MARIA = PatientCard(
    last_name="Иванова",
    first_name="Мария",
    middle_name="Петровна",
    birth_date=date(1985, 3, 7),
    sex=Sex.FEMALE,
    phone="+7 916 123-45-67",
)


def _stored(window: MainWindow, card: PatientCard = MARIA) -> PatientCard:
    saved = window.services.patients.save(card)
    window.patient_list.refresh()
    return saved


def _type_new_card(qtbot, window: MainWindow, phone: str = "") -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_text(window.form.last_name, "иванова")
    type_text(window.form.first_name, "Мария")
    type_text(window.form.birth_date, "07.03.1985")
    if phone:
        type_text(window.form.phone, phone)


def _count(window: MainWindow) -> int:
    return window.services.patients.count(include_archived=True)


def _save_by_keyboard(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.form.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_new_card_for_someone_already_listed_shows_the_match_in_place_of_the_buttons(
    qtbot, window
):
    stored = _stored(window)
    _type_new_card(qtbot, window)
    row = window.duplicate_check
    height, top = row.height(), row.mapTo(window, QPoint(0, 0))

    _save_by_keyboard(qtbot, window)

    assert row.is_warning() and window.duplicate_check.warning.isVisible()
    assert not window.save_button.isVisible()
    text = row.message()
    assert "Иванова Мария Петровна" in text and "07/03/1985" in text
    assert "The same name and date of birth" in text
    assert [found.id for found in row.found()] == [stored.id]
    assert row.height() == height and row.mapTo(window, QPoint(0, 0)) == top
    assert row.open_button.hasFocus()
    assert _count(window) == 1
    assert window.form.loaded_card().id is None


def test_save_anyway_saves_the_second_card(qtbot, window):
    _stored(window)
    _type_new_card(qtbot, window)
    _save_by_keyboard(qtbot, window)

    qtbot.mouseClick(window.duplicate_check.save_anyway_button, Qt.MouseButton.LeftButton)

    assert _count(window) == 2
    saved = window.form.loaded_card()
    assert saved.id is not None and saved.last_name == "иванова"
    assert not window.duplicate_check.is_warning() and window.save_button.isVisible()


def test_the_same_phone_typed_another_way_is_a_match_too(qtbot, window):
    _stored(window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_text(window.form.last_name, "Петрова")
    type_text(window.form.phone, "8 916 1234567")

    assert not window.save()

    assert "The same phone" in window.duplicate_check.message()
    assert _count(window) == 1


def test_open_that_patient_asks_about_the_typed_card_and_opens_the_other(qtbot, window):
    stored = _stored(window)
    _type_new_card(qtbot, window)
    _save_by_keyboard(qtbot, window)
    asked: list[str] = []
    window.ask_unsaved_changes = lambda: asked.append("asked") or DISCARD

    qtbot.mouseClick(window.duplicate_check.open_button, Qt.MouseButton.LeftButton)

    assert asked == ["asked"]
    assert window.form.loaded_card().id == stored.id
    assert window.form.last_name.text() == "Иванова"
    assert not window.duplicate_check.is_warning()
    assert _count(window) == 1


def test_open_that_patient_then_cancel_keeps_the_typed_card_and_the_warning(qtbot, window):
    _stored(window)
    _type_new_card(qtbot, window)
    _save_by_keyboard(qtbot, window)
    window.ask_unsaved_changes = lambda: CANCEL

    qtbot.mouseClick(window.duplicate_check.open_button, Qt.MouseButton.LeftButton)

    assert window.form.loaded_card().id is None
    assert window.form.last_name.text() == "иванова"
    assert window.duplicate_check.is_warning()
    assert _count(window) == 1


def test_open_that_patient_and_save_keeps_both_cards_and_opens_the_other(qtbot, window):
    stored = _stored(window)
    _type_new_card(qtbot, window)
    _save_by_keyboard(qtbot, window)
    window.ask_unsaved_changes = lambda: SAVE

    qtbot.mouseClick(window.duplicate_check.open_button, Qt.MouseButton.LeftButton)

    assert _count(window) == 2
    assert window.form.loaded_card().id == stored.id


def test_editing_the_card_puts_the_buttons_back_and_a_different_person_saves_at_once(qtbot, window):
    _stored(window)
    _type_new_card(qtbot, window)
    _save_by_keyboard(qtbot, window)
    window.form.birth_date.clear()
    type_text(window.form.birth_date, "08.03.1985")

    assert not window.duplicate_check.is_warning() and window.save_button.isVisible()
    assert window.save()
    assert _count(window) == 2


def test_a_stored_card_whose_name_birth_date_and_phone_stay_is_saved_without_a_check(qtbot, window):
    _stored(window)
    second = _stored(
        window, PatientCard(last_name="Иванова", first_name="Мария", birth_date=MARIA.birth_date)
    )
    window.open_patient(second.id)
    type_text(window.form.notes, "аллергия на лидокаин")
    window.form.last_name.setText("ИВАНОВА ")  # the same name as compared

    assert window.save()
    assert window.services.patients.get(second.id).notes == "аллергия на лидокаин"


def test_a_stored_card_given_a_look_alikes_phone_is_checked_before_saving(qtbot, window):
    first = _stored(window)
    other = _stored(window, PatientCard(last_name="Смирнова", phone="+7 903 000-00-00"))
    window.open_patient(other.id)
    window.form.phone.setText("8 916 123 45 67")

    assert not window.save()

    assert [row.id for row in window.duplicate_check.found()] == [first.id]
    assert window.services.patients.get(other.id).phone == "+7 903 000-00-00"


def test_a_phone_with_letters_is_refused_beside_the_field(qtbot, window):
    window.new()
    type_text(window.form.last_name, "Петрова")
    type_text(window.form.phone, "12345 ??? abc")

    assert not window.save()

    assert window.form.errors_shown() == {
        "phone": "A phone number holds digits, spaces and + ( ) - . only."
    }
    assert _count(window) == 0


def test_a_fixed_birth_date_loses_its_message_at_once_and_nothing_below_moves(qtbot, window):
    window.new()
    type_text(window.form.last_name, "Петрова")
    type_text(window.form.birth_date, "07.03.2085")
    assert not window.save()
    assert window.form.errors_shown() == {
        "birth_date": "The date of birth cannot be in the future."
    }
    sex_at = window.form.sex.mapTo(window, QPoint(0, 0))

    for _ in range(4):
        qtbot.keyClick(window.form.birth_date, Qt.Key.Key_Backspace)
    type_text(window.form.birth_date, "198")
    assert "dd.mm.yyyy" in window.form.errors_shown()["birth_date"]  # 07.03.198: not a date yet
    type_text(window.form.birth_date, "5")

    assert window.form.birth_date.text() == "07.03.1985"
    assert window.form.errors_shown() == {}
    assert window.form.sex.mapTo(window, QPoint(0, 0)) == sex_at


def test_typing_never_adds_a_message_before_save(qtbot, window):
    window.new()
    type_text(window.form.birth_date, "31.02")
    type_text(window.form.email, "maria@")
    assert window.form.errors_shown() == {}


def test_turning_a_pregnant_patient_male_is_refused_beside_the_sex(qtbot, window):
    card = _stored(window)
    window.services.anamnesis.save(PatientAnamnesisRecord(card.id, Anamnesis(pregnant=True)))
    window.open_patient(card.id)
    window.form.sex.setCurrentIndex(window.form.sex.findData(Sex.MALE))

    assert not window.save()

    assert "records pregnancy" in window.form.errors_shown()["sex"]
    assert window.services.patients.get(card.id).sex is Sex.FEMALE
    window.form.sex.setCurrentIndex(window.form.sex.findData(Sex.FEMALE))
    assert window.form.errors_shown() == {}


def test_a_long_name_is_cut_to_the_row_not_wrapped_and_the_tooltip_has_it_whole(qtbot, window):
    long_card = PatientCard(
        last_name="Римская-Корсакова-Голенищева-Кутузова",
        first_name="Александра-Мария",
        middle_name="Константиновна",
        birth_date=date(1985, 3, 7),
    )
    _stored(window, long_card)
    _stored(window, long_card)
    window.resize(1280, 800)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_text(window.form.last_name, long_card.last_name)
    type_text(window.form.first_name, long_card.first_name)
    type_text(window.form.birth_date, "07.03.1985")
    height = window.duplicate_check.height()

    assert not window.save()

    row = window.duplicate_check
    assert row.height() == height
    assert "(1 more alike)" in row.message() and long_card.full_name in row.message()
    assert row.details.toolTip().count(long_card.full_name) == 2
    for label in (row.headline, row.details):
        assert label.fontMetrics().horizontalAdvance(label.shown_text()) <= label.width()
    for button in (row.open_button, row.save_anyway_button, row.keep_editing_button):
        assert button.width() >= button.sizeHint().width()
