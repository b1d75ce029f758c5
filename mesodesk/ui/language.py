"""The interface language: Russian or English, the system's unless chosen in Settings.

The translations (MesoDesk's own and Qt's, for its standard dialogs and buttons) are installed
before the first window is built, and `QLocale.setDefault` makes every date, time, number and
sum shown follow the same language. Widgets take their texts when they are made, so a new
choice applies from the next start of MesoDesk; nothing has to be reinstalled.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from mesodesk.paths import resource_path

LANGUAGES = ("en", "ru")
"""The languages the interface is translated into: English (the source texts) and Russian."""

SETTING = "interface/language"
"""QSettings key of the chosen language; absent means "as the system"."""

_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    """Russian on a Russian system, English everywhere else."""
    return "ru" if QLocale.system().language() == QLocale.Language.Russian else "en"


def chosen_language() -> str | None:
    """The language chosen in Settings on this workstation, or None to follow the system."""
    value = QSettings().value(SETTING, "")
    return value if isinstance(value, str) and value in LANGUAGES else None


def choose_language(language: str | None) -> None:
    """Keep the choice for the next start; None goes back to the system's language."""
    settings = QSettings()
    if language is None:
        settings.remove(SETTING)
    else:
        settings.setValue(SETTING, language)


def locale_for(language: str) -> QLocale:
    """Russian formats (25.09.2026, 3 500,50 ₽) or British English ones (25/09/2026): both put
    the day first, the way the clinic writes dates and the date fields read them."""
    if language == "ru":
        return QLocale("ru_RU")
    return QLocale("en_GB")


def install_language(language: str | None = None) -> str:
    """Install the translations of `language` (default: the chosen or system one); returns it.

    Calling it again replaces the previous language's translators.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs the application to exist")
    language = language if language in LANGUAGES else (chosen_language() or system_language())
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(locale_for(language))
    if language != "en":
        qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (
            (f"qtbase_{language}", qt_translations),
            (f"mesodesk_{language}", str(resource_path("i18n"))),
        ):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                _installed.append(translator)
    _current = language
    return language


def interface_language() -> str:
    """The language the interface is shown in now ("en" or "ru")."""
    return _current
