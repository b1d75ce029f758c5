"""The one shape every clinical rule answers in, so the UI can show any rule's result alike."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
class Finding:
    """A rule's verdict: what it is about (`code`), how serious, and why, in words to show.

    `source` names where the rule comes from (a seed text id such as "000", or "domain").
    """

    code: str
    severity: Severity
    reason: str
    source: str = "domain"


def most_serious_first(findings: list[Finding]) -> list[Finding]:
    """Findings ordered for a banner: blocks on top, then postpone, warnings, reminders."""
    return sorted(findings, key=lambda f: -f.severity.rank)
