"""Translatable labels for the domain's vocabulary and the date format the clinic reads."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from mesodesk.domain.patient import format_date


def vocab(member: object) -> str:
    """The shown label of an enum from `mesodesk.domain.vocabulary`, translated."""
    return QCoreApplication.translate("Vocabulary", member.label())  # type: ignore[attr-defined]


def show_date(value: date | None) -> str:
    return format_date(value)


def years(age: int | None) -> str:
    if age is None:
        return ""
    return QCoreApplication.translate("Age", "%n years", "", age)
