"""Tools > Clinic settings…: the letterhead details and logo are kept for every workstation."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt, QTime
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

from mesodesk.ui.settings_dialog import ClinicSettingsDialog
from tests.ui.typing import type_text


def _png(path) -> bytes:
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#0f766e"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    path.write_bytes(bytes(data))
    return bytes(data)


def _dialog(window) -> ClinicSettingsDialog:
    window.settings_action.trigger()
    dialog = window.findChild(ClinicSettingsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_letterhead_and_logo_typed_in_are_saved(qtbot, window, tmp_path):
    logo = _png(tmp_path / "logo.png")
    dialog = _dialog(window)
    type_text(dialog.name, "Клиника «Лето»")
    type_text(dialog.practitioner, "Орлова Е. В.")
    dialog.choose_logo_file = lambda: tmp_path / "logo.png"
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert dialog.logo_preview.pixmap() is not None and dialog.show_logo.isChecked()
    dialog.save()
    profile = window.services.settings.profile()
    assert profile.name == "Клиника «Лето»"
    assert profile.practitioner == "Орлова Е. В."
    assert profile.logo_png == logo and profile.show_logo
    assert window.notice_bar.text.text() == "Clinic settings saved."


def test_a_currency_that_is_not_a_code_is_refused_in_the_dialog(qtbot, window):
    dialog = _dialog(window)
    dialog.currency.clear()
    type_text(dialog.currency, "руб")
    dialog.save()
    assert "three-letter code" in dialog.errors_shown()["currency"]
    assert dialog.isVisible()
    assert window.services.settings.profile().currency == "RUB"


def _tick(box, checked: bool) -> None:
    if box.isChecked() != checked:
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_Space)


def test_working_days_and_hours_are_saved_from_the_dialog(qtbot, window):
    dialog = _dialog(window)
    assert [box.isChecked() for box in dialog.working_days] == [True] * 6 + [False]
    assert dialog.opens_at.time().toString("HH:mm") == "09:00"
    _tick(dialog.working_days[0], False)
    _tick(dialog.working_days[6], True)
    dialog.closes_at.setTime(QTime(18, 30))
    dialog.save()
    profile = window.services.settings.profile()
    assert profile.working_days == {1, 2, 3, 4, 5, 6}
    assert (profile.opens_at, profile.closes_at) == (time(9, 0), time(18, 30))
    assert not dialog.isVisible()


def test_no_working_day_is_refused_under_the_days_and_the_message_goes_once_one_is_ticked(
    qtbot, window
):
    dialog = _dialog(window)
    for box in dialog.working_days:
        _tick(box, False)
    save_at = dialog.findChild(QPushButton, "primary").mapTo(dialog, QPoint(0, 0))
    dialog.save()
    assert dialog.errors_shown() == {"working_days": "Tick at least one working day."}
    label = dialog._errors["working_days"]
    assert label.isVisible() and label.geometry().top() > dialog.working_days[0].geometry().top()
    assert window.services.settings.profile().version == 0
    _tick(dialog.working_days[2], True)
    assert dialog.errors_shown() == {}
    assert dialog.findChild(QPushButton, "primary").mapTo(dialog, QPoint(0, 0)) == save_at


def test_closing_before_opening_is_refused_beside_the_hours_until_put_right(qtbot, window):
    dialog = _dialog(window)
    dialog.opens_at.setTime(QTime(21, 0))
    dialog.save()
    assert dialog.errors_shown() == {
        "closes_at": "The closing time must be later than the opening time."
    }
    assert dialog.isVisible()
    dialog.opens_at.setTime(QTime(8, 0))
    assert dialog.errors_shown() == {}
    dialog.save()
    assert window.services.settings.profile().opens_at == time(8, 0)


def test_the_dialog_fits_a_1280x800_screen_and_nothing_in_it_is_clipped(qtbot, window):
    dialog = _dialog(window)
    type_text(dialog.name, "Клиника эстетической медицины «Аврора» на улице Баумана")
    hint = dialog.sizeHint()
    assert hint.width() <= 1280 and hint.height() <= 760
    dialog.resize(hint)
    qtbot.waitUntil(lambda: dialog.size() == hint)
    widgets = [w for kind in (QLabel, QCheckBox, QPushButton) for w in dialog.findChildren(kind)]
    for widget in widgets:
        if widget.isVisible() and not (isinstance(widget, QLabel) and widget.wordWrap()):
            assert widget.width() >= widget.sizeHint().width(), widget.text()
            assert widget.height() >= widget.sizeHint().height(), widget.text()
