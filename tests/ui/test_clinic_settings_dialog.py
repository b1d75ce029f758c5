"""Tools > Clinic settings…: the letterhead details and logo are kept for every workstation."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage

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
    assert not dialog.error.isHidden()
    assert "three-letter code" in dialog.error.text()
    assert dialog.isVisible()
    assert window.services.settings.profile().currency == "RUB"
