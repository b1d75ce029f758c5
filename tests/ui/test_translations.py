"""The Russian interface: a complete translation in step with the code, loaded with Qt's own, and
dates, times and sums in the chosen language's formats."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QTabWidget,
    QWidget,
)

from mesodesk.domain import vocabulary
from mesodesk.domain.courses import check_session_count
from mesodesk.domain.vocabulary import Indication, Sex
from mesodesk.ui.first_run_wizard import FirstRunWizard
from mesodesk.ui.language import choose_language, chosen_language, install_language
from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.settings_dialog import ClinicSettingsDialog
from mesodesk.ui.sign_in import SignInDialog
from mesodesk.ui.text import (
    core_message,
    finding_text,
    show_date,
    show_date_time,
    show_money,
    show_number,
    source_tooltip,
    vocab,
    years,
)
from mesodesk.ui.vocabulary_texts import VOCABULARY_LABELS
from tests.ui.screens import clipped

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "i18n" / "mesodesk_ru.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*\}")
PLACEHOLDERS_LEFT_OUT = {
    ("RecallPage", "Lot {number} went into {patients} {people} at {visits} {occasions}.")
}
"""Russian says it without the English words for "patient(s)" and "visit(s)"."""


def _placeholders_changed(context: str, source: str, text: str) -> bool:
    """A translation keeps every placeholder of its source and adds none; it may leave out an
    English ending (the "s" of "visit{value5}") or a word Russian says otherwise."""
    kept, wanted = set(PLACEHOLDER.findall(text)), set(PLACEHOLDER.findall(source))
    if (context, source) in PLACEHOLDERS_LEFT_OUT:
        return not kept <= wanted
    return not kept <= wanted or any(
        name not in kept and not re.fullmatch(r"\{value\d+\}", name) for name in wanted
    )


def _tools():
    spec = importlib.util.spec_from_file_location("i18n_tools", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(ts_file: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts_file).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _keys(ts_file: Path) -> set[tuple[str, str]]:
    return {(context, message.findtext("source") or "") for context, message in _messages(ts_file)}


@pytest.fixture
def russian(qapp) -> Iterator[None]:
    install_language("ru")
    yield
    install_language("en")


# --- the .ts file ------------------------------------------------------------------------------


def test_every_message_is_translated_and_keeps_its_placeholders() -> None:
    problems = []
    for context, message in _messages(TS_FILE):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in {"unfinished", "vanished", "obsolete"}:
            problems.append(f"{context}: {source!r} is {translation.get('type')}")
            continue
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if message.get("numerus") == "yes" and len(forms) != 3:
            problems.append(f"{context}: {source!r} needs the three Russian plural forms")
        for text in forms:
            if not text.strip():
                problems.append(f"{context}: {source!r} has an empty translation")
            elif _placeholders_changed(context, source, text):
                problems.append(f"{context}: {source!r} -> {text!r} changes the placeholders")

    assert problems == []
    assert len(_messages(TS_FILE)) > 800


def test_every_text_of_the_code_is_in_the_ts_file(tmp_path) -> None:
    """lupdate run on a copy adds nothing and drops nothing: the .ts is in step with the code."""
    copy = tmp_path / "mesodesk_ru.ts"
    shutil.copy(TS_FILE, copy)

    _tools().update(copy)

    assert _keys(copy) - _keys(TS_FILE) == set(), "run `python3 dev.py i18n` and translate"
    assert _keys(TS_FILE) - _keys(copy) == set(), "run `python3 dev.py i18n`"


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path) -> None:
    compiled = tmp_path / "mesodesk_ru.qm"

    _tools().release(TS_FILE, compiled)

    assert compiled.read_bytes() == QM_FILE.read_bytes(), "run `python3 dev.py i18n`"


def test_the_list_of_core_messages_is_up_to_date() -> None:
    tools = _tools()

    assert tools.CORE_MESSAGES.read_text(encoding="utf-8") == tools.core_messages_source()


def test_the_vocabulary_list_holds_every_label() -> None:
    labels = {
        member.label()
        for enum in vars(vocabulary).values()
        if isinstance(enum, type) and issubclass(enum, vocabulary._Vocabulary)
        for member in enum
    }

    assert labels <= set(VOCABULARY_LABELS)


# --- the running interface ---------------------------------------------------------------------


def test_russian_loads_with_qt_own_dialog_texts_and_plural_forms(russian) -> None:
    assert QCoreApplication.translate("MainWindow", "&File") == "&Файл"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    assert [years(1), years(3), years(5), years(21)] == ["1 год", "3 года", "5 лет", "21 год"]
    assert vocab(Sex.FEMALE) == "Женский"


def test_english_is_the_source_text(qapp) -> None:
    install_language("en")

    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert years(5) == "5 years"


def test_dates_times_and_money_follow_the_language(qapp) -> None:
    install_language("ru")
    try:
        russian = (
            show_date(date(2026, 9, 25)),
            show_date_time(datetime(2026, 9, 25, 14, 5)),
            show_money(350050, "RUB").replace("\u00a0", " "),
            show_number(Decimal("2.5")),
        )
    finally:
        install_language("en")
    english = (
        show_date(date(2026, 9, 25)),
        show_date_time(datetime(2026, 9, 25, 14, 5)),
        show_money(350050, "RUB"),
        show_number(Decimal("2.5")),
    )

    assert russian == ("25.09.2026", "25.09.2026 14:05", "3 500,50 ₽", "2,5")
    assert english == ("25/09/2026", "25/09/2026 14:05", "₽3,500.50", "2.5")


def test_a_rule_finding_shows_in_russian_with_its_source_by_title(russian) -> None:
    (finding,) = check_session_count(Indication.FACE_OVAL, 9)

    assert finding_text(finding) == (
        "Запланировано процедур: 9; обычный курс при показании «овал лица» — до 8."
    )
    assert source_tooltip(finding) == "Источник: Мезотерапия: техники, коктейли и курсы"
    assert "001" not in finding_text(finding) + source_tooltip(finding)


def test_a_validation_message_built_with_a_value_is_shown_in_russian(russian) -> None:
    assert core_message("A name can be at most 100 characters.") == (
        "Имя может содержать не более 100 символов."
    )
    assert core_message("The depth: Choose the technique from the list.") == (
        "Глубина: Выберите технику из списка."
    )
    assert core_message("A message the core never wrote.") == "A message the core never wrote."


def test_the_language_chosen_in_settings_is_kept_for_the_next_start(qtbot, window) -> None:
    dialog = ClinicSettingsDialog(window.services.settings)
    qtbot.addWidget(dialog)
    assert chosen_language() is None
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))

    dialog.save()

    assert chosen_language() == "ru"
    choose_language(None)


# --- screens in Russian --------------------------------------------------------------------------

ASCII_ALLOWED = re.compile(
    r"^(MesoDesk.*|Ctrl\+.*|Alt\+.*|PNG.*|PDF.*|Qt:|Python:|English|[\W\d_]*|.*@.*|"
    r"[A-Z]{3}|\+7.*|Vitamin C 5%|Rutin 1%|Vascular cocktail|VC-101|RT-7)$"
)
"""Texts a Russian screen may show in Latin letters: the name, shortcuts, formats, data typed in."""


def _english_texts(root: QWidget) -> list[str]:
    """Visible labels, buttons, tabs and menus whose text has Latin words and no Cyrillic."""
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()
            count = model.columnCount() if widget.orientation() == Qt.Orientation.Horizontal else 0
            texts.extend(str(model.headerData(i, widget.orientation()) or "") for i in range(count))
        elif isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QMenuBar):
            texts.extend(action.text() for action in widget.actions())
    found = []
    for text in texts:
        plain = re.sub(r"<[^>]+>", "", text).replace("&", "").strip()
        latin_only = re.search("[A-Za-z]{2,}", plain) and not re.search("[А-Яа-яЁё]", plain)
        if latin_only and not ASCII_ALLOWED.match(plain):
            found.append(plain)
    return found


@pytest.fixture
def russian_window(qtbot, russian, window: MainWindow, clinic) -> MainWindow:
    """The main window built after Russian was installed, with a patient open."""
    main = MainWindow(window.services, "test")
    main.ask_unsaved_changes = window.ask_unsaved_changes
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitUntil(lambda: not main.runner.busy)
    main.open_patient(clinic["patient"])
    qtbot.waitUntil(lambda: not main.runner.busy)
    yield main
    main.runner.wait()


def test_the_main_window_and_the_patient_card_read_in_russian(russian_window) -> None:
    tabs = russian_window.patient_tabs

    assert [a.text() for a in russian_window.menuBar().actions()][:3] == [
        "&Файл",
        "&Правка",
        "&Вид",
    ]
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Карта", "Анамнез", "Визиты", "Визит"]
    assert _english_texts(russian_window) == []


def test_every_patient_tab_and_the_visit_tab_read_in_russian(qtbot, russian_window) -> None:
    window = russian_window
    for index in range(window.patient_tabs.count() - 1):
        window.patient_tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not window.runner.busy)
        assert _english_texts(window) == [], window.patient_tabs.tabText(index)
    window.start_today()
    qtbot.waitUntil(lambda: not window.runner.busy)

    assert window.patient_tabs.currentWidget() is window.visit_tab
    assert _english_texts(window) == []


def test_the_walk_finds_english_on_an_english_window(window) -> None:
    assert "File" in _english_texts(window)


def test_the_catalog_and_the_settings_read_in_russian(qtbot, russian_window) -> None:
    catalog = russian_window.show_catalog()
    qtbot.waitUntil(lambda: not russian_window.runner.busy)
    settings = ClinicSettingsDialog(russian_window.services.settings, russian_window)
    settings.show()

    assert catalog.windowTitle() == "Каталог — MesoDesk"
    assert _english_texts(catalog) == []
    assert settings.windowTitle() == "Настройки клиники"
    assert _english_texts(settings) == []
    settings.reject()


def test_the_safety_strip_names_its_finding_in_russian(qtbot, russian_window) -> None:
    """The headline is cut from the translated sentence, not from the stored English one."""
    russian_window.start_today()
    strip = russian_window.visit_tab.strip
    qtbot.waitUntil(lambda: strip.headline.text() != "Проверка…")

    assert strip.headline.text() == "Осторожно: В карте нет даты рождения"


def test_sign_in_the_clinic_rules_and_every_wizard_page_read_in_russian_whole(
    qtbot, russian_window, tmp_path
) -> None:
    services = russian_window.services
    sign_in = SignInDialog(services.users)
    qtbot.addWidget(sign_in)
    sign_in.show()
    russian_window.rules_action.trigger()
    rules = russian_window.rules_window
    assert rules is not None
    qtbot.waitExposed(rules)
    wizard = FirstRunWizard(services.first_run, tmp_path / "backups", QLocale("ru_RU"))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)

    assert sign_in.windowTitle() == "Вход в MesoDesk"
    assert rules.windowTitle() == "Правила клиники — MesoDesk"
    assert wizard.windowTitle() == "Настройка MesoDesk"
    for screen in (sign_in, rules):
        assert _english_texts(screen) == [] and clipped(screen) == [], screen.windowTitle()
    for page in wizard.pageIds():
        assert _english_texts(wizard) == [] and clipped(wizard) == [], page
        wizard.next()
