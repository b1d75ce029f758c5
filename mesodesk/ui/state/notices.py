"""Messages for the user from any pane, shown in one fixed place by the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

Action = tuple[str, Callable[[], None]]


class Notice(NamedTuple):
    """What to say, how serious it is (info, success, warning, error), and an optional
    action offered beside it (a button label and what it does). A named tuple: the window
    makes its notices before its first paint, without importing `dataclasses`."""

    text: str
    kind: str = "info"
    action: Action | None = None


class Notices(QObject):
    """Panes post here; the window shows the newest notice where nothing else moves."""

    posted = Signal(object)  # Notice
    cleared = Signal()

    def post(self, text: str, kind: str = "info", action: Action | None = None) -> None:
        self.posted.emit(Notice(text, kind, action))

    def info(self, text: str, action: Action | None = None) -> None:
        self.post(text, "info", action)

    def success(self, text: str) -> None:
        self.post(text, "success")

    def warning(self, text: str, action: Action | None = None) -> None:
        self.post(text, "warning", action)

    def error(self, text: str, action: Action | None = None) -> None:
        self.post(text, "error", action)

    def clear(self) -> None:
        self.cleared.emit()
