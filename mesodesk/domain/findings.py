"""The one shape every clinical rule answers in, so the UI can show any rule's result alike.

A finding has a stable `code` (which rule) and `subject` (what it is about: a substance, an
area, a catalog item), e.g. `allergy` + `lidocaine`. Overrides and tests hold on to that pair,
never to the wording. The wording is a `Message`: an English template with named parameters,
which `render` fills in English or Russian (see `finding_texts`); `reason` keeps the English
rendering for the readers that only need a sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Union

from mesodesk.domain.patient import format_date


class Severity(StrEnum):
    """How strongly a finding stops the practitioner.

    `BLOCK` means the procedure must not go ahead without a written override; `POSTPONE` means
    come back another day; `WARNING` asks for attention; `INFO` is a reminder.
    """

    BLOCK = "block"
    POSTPONE = "postpone"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more serious; used to sort findings for display."""
        return {"block": 3, "postpone": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Localized:
    """A name known in both languages: a catalog item, an area, a group. `ru` may be empty."""

    en: str
    ru: str = ""

    def text(self, language: str = "en") -> str:
        return self.ru if language == "ru" and self.ru else self.en


@dataclass(frozen=True, slots=True)
class Joined:
    """Several parameters shown as one, e.g. medication names joined by ", "."""

    parts: tuple[Param, ...]
    separator: str = ", "


Param = Union[str, int, Decimal, date, Localized, Joined, "Message"]


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence as an English template ("{depth} mm is deeper than ...") and its parameters.

    The English template is also the key of its Russian counterpart in `finding_texts`, the
    way Qt's `tr()` keys translations by the source text.
    """

    template: str
    params: Mapping[str, Param] = field(default_factory=dict, hash=False)

    def render(self, language: str = "en", dates: DateFormat = format_date) -> str:
        """The sentence in `language` ("en" or "ru"); English where no translation exists.

        `dates` writes a date parameter (dd.mm.yyyy unless the screen passes its locale's
        format). Spaces are tidied once the whole sentence is filled in, so an empty optional
        part (no advice, no context) leaves no gap.
        """
        return " ".join(self.fill(language, dates).split())

    def fill(self, language: str = "en", dates: DateFormat = format_date) -> str:
        """The template filled in as it is, spaces untouched: how a part of a sentence renders."""
        template = self.template
        if language == "ru":
            from mesodesk.domain.finding_texts import RUSSIAN

            template = RUSSIAN.get(template, template)
        values = {name: render_param(value, language, dates) for name, value in self.params.items()}
        return template.format_map(values)


DateFormat = Callable[[date], str]
"""How a sentence writes a date: the documents' dd.mm.yyyy, or the interface locale's."""


def render_param(value: Param, language: str = "en", dates: DateFormat = format_date) -> str:
    """One parameter as text: numbers with the language's decimal mark, dates by `dates`."""
    if isinstance(value, Message):
        return value.fill(language, dates)
    if isinstance(value, Localized):
        return value.text(language)
    if isinstance(value, Joined):
        shown = (render_param(part, language, dates) for part in value.parts)
        return value.separator.join(text for text in shown if text)
    if isinstance(value, date):
        return dates(value)
    if isinstance(value, Decimal):
        text = f"{value.normalize():f}" if value.is_finite() else str(value)
        return text.replace(".", ",") if language == "ru" else text
    return str(value)


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's verdict: which rule (`code`) about what (`subject`), how serious, and why.

    `reason` is the English sentence; `message` the template it was rendered from (None for
    rules that only give a sentence). `source` holds the source tokens of the rule ("000",
    "clinical default"); `sources.source_titles` turns them into titles to show.
    """

    code: str
    severity: Severity
    reason: str
    source: str = "domain"
    subject: str = ""
    message: Message | None = None

    @classmethod
    def of(
        cls,
        code: str,
        subject: str,
        severity: Severity,
        message: Message,
        source: str = "domain",
    ) -> Finding:
        return cls(code, severity, message.render(), source, subject, message)

    @property
    def key(self) -> str:
        """`code:subject` (or the code alone): what an override answers."""
        return finding_key(self.code, self.subject)

    def text(self, language: str = "en", dates: DateFormat = format_date) -> str:
        """The sentence in `language`, from the template where there is one."""
        return self.message.render(language, dates) if self.message is not None else self.reason


def finding_key(code: str, subject: str) -> str:
    return f"{code}:{subject}" if subject else code


def most_serious_first(findings: list[Finding]) -> list[Finding]:
    """Findings ordered for a banner: blocks on top, then postpone, warnings, reminders."""
    return sorted(findings, key=lambda f: -f.severity.rank)
