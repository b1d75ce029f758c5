"""How the interface writes what the core hands it: vocabulary, rule sentences, dates, sums.

Everything follows the interface language (`language.interface_language`) and its QLocale,
set once at start: Russian shows 25.09.2026 and 3 500,50 ₽, English 25/09/2026 and 3,500.50.
The core's sentences (findings, course reasons) are templates with parameters; they are shown
in the interface language from the core's own Russian table, with dates in the locale's
format, so a banner never mixes two date styles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from string import Formatter

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, QTime

from mesodesk.domain.findings import Finding, Localized, Message
from mesodesk.domain.lots import amount_words
from mesodesk.domain.sources import source_titles
from mesodesk.ui.core_messages import CORE_MESSAGES, CORE_MESSAGES_CONTEXT
from mesodesk.ui.language import interface_language, locale_for
from mesodesk.ui.vocabulary_texts import VOCABULARY_CONTEXT


def vocab(member: object) -> str:
    """The shown label of an enum from `mesodesk.domain.vocabulary`, translated."""
    return QCoreApplication.translate(VOCABULARY_CONTEXT, member.label())  # type: ignore[attr-defined]


def catalog_name(name: str, name_ru: str) -> str:
    """A product's or cocktail's name as the screen shows it: the catalog's Russian name in
    the Russian interface, the (English) catalog name otherwise or when it has no Russian one.

    Only for showing: lines, lots and recipes are matched by id or by the catalog name.
    """
    return Localized(name, name_ru).text(interface_language())


def ui_locale() -> QLocale:
    """The locale of the interface language (not the process default, which tests leave be)."""
    return locale_for(interface_language())


def date_format() -> str:
    """The locale's short date with a four-digit year (dd.MM.yyyy, dd/MM/yyyy)."""
    pattern = ui_locale().dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def show_date(value: date | None) -> str:
    if value is None:
        return ""
    return ui_locale().toString(QDate(value.year, value.month, value.day), date_format())


def weekday_name(day: date) -> str:
    """The day of the week in the interface language ("среда", "Wednesday")."""
    return ui_locale().dayName(day.isoweekday())


def show_time(value: datetime | time) -> str:
    """Hours and minutes as the locale writes them (14:05)."""
    locale = ui_locale()
    return locale.toString(
        QTime(value.hour, value.minute), locale.timeFormat(QLocale.FormatType.ShortFormat)
    )


def show_date_time(value: datetime) -> str:
    return f"{show_date(value.date())} {show_time(value)}"


def show_number(value: Decimal | int, groups: bool = True) -> str:
    """A number with the locale's decimal mark and groups, its own decimals only (2,5; 1 234).

    Without `groups` for a field to edit, whose reader takes either decimal mark but no groups.
    """
    locale = ui_locale()
    if not groups:
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    if isinstance(value, int):
        return locale.toString(value)
    exponent = value.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return locale.toString(float(value), "f", decimals)


def currency_sign(code: str) -> str:
    """The sign the interface writes after a sum: ₽ for roubles, the code for anything else."""
    if code.upper() == "RUB":
        return QLocale("ru_RU").currencySymbol()
    return code


def show_money(minor: int | None, code: str) -> str:
    """A price kept in minor units as the locale writes money ('3 500,50 ₽', '₽3,500.50')."""
    if minor is None:
        return ""
    return ui_locale().toCurrencyString(minor / 100, currency_sign(code))


def amount_text(value: Decimal, unit: str) -> str:
    """Stock as each language writes it: '2.5 ml' / '2,5 мл', '3 units' / '3 ед.'."""
    return amount_words(value, unit).text(interface_language())


def message_text(message: Message) -> str:
    """A core sentence in the interface language, dates in the locale's format."""
    return message.render(interface_language(), show_date)


def finding_text(finding: Finding) -> str:
    return finding.text(interface_language(), show_date)


def source_tooltip(finding: Finding) -> str:
    """ "Source: <title>" for the tooltip of a finding, never a file number; empty for none."""
    titles = source_titles(finding.source, interface_language())
    if not titles:
        return ""
    return QCoreApplication.translate("Sources", "Source: {titles}").format(titles=titles)


class Counted(QObject):
    """Texts with a count, in the language's plural forms (1 год, 2 года, 5 лет).

    lupdate marks a text as having plural forms only when it is a QObject's `self.tr(text, "",
    n)`, so the texts counted outside a widget live here.
    """

    def years(self, age: int) -> str:
        return self.tr("%n years", "", age)

    def add_marks(self, count: int) -> str:
        return self.tr("Add %n mark(s)", "", count)

    def delete_marks(self, count: int) -> str:
        return self.tr("Delete %n mark(s)", "", count)

    def move_marks(self, count: int) -> str:
        return self.tr("Move %n mark(s)", "", count)

    def edit_marks(self, count: int) -> str:
        return self.tr("Edit %n mark(s)", "", count)


def years(age: int | None) -> str:
    if age is None:
        return ""
    return Counted().years(age)


def core_message(text: str) -> str:
    """A message of the core (a validation message, a refusal) in the interface language.

    Its translation comes from the list in core_messages.py, which `dev.py i18n` regenerates
    from the core's code. A message the core built with values ("A name can be at most 100
    characters.") is matched against the list's templates, and its values are put into the
    translated template, each translated in turn when it is a message itself.
    """
    translated = QCoreApplication.translate(CORE_MESSAGES_CONTEXT, text)
    if translated != text or interface_language() == "en":
        return translated
    for template, pattern in _core_templates():
        match = pattern.fullmatch(text)
        if match is not None:
            values = {name: core_message(value) for name, value in match.groupdict().items()}
            return QCoreApplication.translate(CORE_MESSAGES_CONTEXT, template).format_map(
                _Blank(values)
            )
    return text


class _Blank(dict[str, str]):
    """Format values where a placeholder the message did not capture stays empty."""

    def __missing__(self, key: str) -> str:
        return ""


@cache
def _core_templates() -> list[tuple[str, re.Pattern[str]]]:
    """The core's message templates as patterns, the most specific (longest text) first."""
    found: list[tuple[str, re.Pattern[str]]] = []
    for template in map(str, CORE_MESSAGES):
        pattern: list[str] = []
        named: set[str] = set()
        for literal, name, _spec, _conversion in Formatter().parse(template):
            pattern.append(re.escape(literal))
            if name is None:
                continue
            pattern.append(f"(?P={name})" if name in named else f"(?P<{name}>.+?)")
            named.add(name)
        if named:
            found.append((template, re.compile("".join(pattern), re.DOTALL)))
    return sorted(found, key=lambda item: -len(re.sub(r"\{[^}]*\}", "", item[0])))


def core_messages(texts: Iterable[str]) -> str:
    return " ".join(core_message(text) for text in texts if text)
