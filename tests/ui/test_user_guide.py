"""Help > User guide (F1): the shipped guide, in the chosen language, in a window of the app."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QLocale, Qt

from mesodesk.ui.guide import GuideWindow, guide_file, guide_language
from mesodesk.ui.language import install_language
from tests.ui.test_shortcuts import ROWS

SECTIONS = ("patient", "card", "charting", "products", "signing", "aftercare", "backups", "keys")


@pytest.fixture(autouse=True)
def _english_again(qapp):
    """Each test chooses its language; the next one starts from English again."""
    yield
    install_language("en")


def _open_with_f1(qtbot, window) -> GuideWindow:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.guide_window
    assert guide is not None
    qtbot.waitExposed(guide)
    return guide


def test_f1_opens_the_guide_in_english_when_english_is_chosen(qtbot, window):
    install_language("en")
    guide = _open_with_f1(qtbot, window)
    text = guide.browser.toPlainText()
    assert guide.isVisible() and guide.language == "en"
    assert "MesoDesk user guide" in text
    assert "Opening a patient" in text and "Keyboard shortcuts" in text
    assert window.menus["help"].actions()[0] is window.guide_action


def test_the_guide_opens_in_russian_when_russian_is_chosen(qtbot, window):
    install_language("ru")
    guide = _open_with_f1(qtbot, window)
    text = guide.browser.toPlainText()
    assert guide.language == "ru"
    assert "Руководство пользователя MesoDesk" in text
    assert "Памятка после процедуры" in text and "Резервные копии" in text
    assert "Opening a patient" not in text


def test_a_link_of_the_contents_goes_to_its_section_and_back_returns(qtbot, window):
    install_language("en")
    guide = _open_with_f1(qtbot, window)
    browser = guide.browser
    link = browser.source()
    link.setFragment("keys")
    browser.setSource(link)  # what a click on "Keyboard shortcuts" in the contents does
    assert browser.source().fragment() == "keys"
    assert guide.back_button.isEnabled()
    qtbot.mouseClick(guide.back_button, Qt.MouseButton.LeftButton)
    assert browser.source().fragment() == ""


@pytest.mark.parametrize(
    ("setting", "locale", "expected"),
    [("ru", "en_US", "ru"), ("en", "ru_RU", "en"), ("", "ru_RU", "ru"), ("", "de_DE", "en")],
)
def test_the_guide_follows_the_setting_else_the_computers_language(setting, locale, expected):
    assert guide_language(setting, QLocale(locale)) == expected


@pytest.mark.parametrize("language", ["en", "ru"])
def test_each_guide_has_every_section_and_only_keys_the_window_has(language):
    html = guide_file(language).read_text(encoding="utf-8")
    anchors = re.findall(r'<a name="([a-z]+)">', html)
    assert tuple(anchors) == SECTIONS
    assert all(f'href="#{name}"' in html for name in SECTIONS)
    known = {key for keys, _action, _where in ROWS for key in keys}
    listed = set(re.findall(r"<kbd>([^<]+)</kbd>", html[html.index('<a name="keys">') :]))
    ranges = {"Ctrl+1", "Ctrl+4", "Alt+1", "Alt+8"}  # written as first .. last
    general = {"Tab", "Shift+Tab", "V", "P", "L", "A"}
    assert listed - known - ranges - general == set()
