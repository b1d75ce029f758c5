"""Where the window tells the user things: a line in the status bar, always the same height.

A message that appeared above the panes pushed every button below it down by its height just
as the user reached for one. Here a notice takes the status bar's line, coloured by kind, with
its action button (Reload, Undo...) beside it; successes fade after a few seconds, problems stay
until dismissed or replaced.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from mesodesk.ui.elided import ElidedLabel
from mesodesk.ui.state.notices import Notice

CALM_MS = 8000
"""How long a success or an info notice stays before the line clears."""

STYLE = """
QFrame#noticeBar { border-radius: 4px; border: 1px solid transparent; }
QFrame#noticeBar[kind="info"] { background: #eff8ff; border-color: #b2ddff; }
QFrame#noticeBar[kind="success"] { background: #ecfdf3; border-color: #abefc6; }
QFrame#noticeBar[kind="warning"] { background: #fffaeb; border-color: #fedf89; }
QFrame#noticeBar[kind="error"] { background: #fef3f2; border-color: #fda29b; }
QFrame#noticeBar[kind="error"] ElidedLabel { color: #912018; font-weight: 600; }
QFrame#noticeBar QPushButton { padding: 1px 10px; }
"""


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setStyleSheet(STYLE)
        self.text = ElidedLabel("", self)
        self.text.setObjectName("noticeText")
        self.action = QPushButton(self)
        self.action.setObjectName("noticeAction")
        self.dismiss = QToolButton(self)
        self.dismiss.setText("✕")
        self.dismiss.setAutoRaise(True)
        self.dismiss.setToolTip(self.tr("Dismiss"))
        self.dismiss.setAccessibleName(self.tr("Dismiss the message"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 2, 0)
        row.setSpacing(6)
        row.addWidget(self.text, 1)
        row.addWidget(self.action)
        row.addWidget(self.dismiss)
        self._callback: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.action.clicked.connect(self._run_action)
        self.dismiss.clicked.connect(self.clear)
        self.setFixedHeight(26)
        self.notice: Notice | None = None
        self.clear()

    def show_notice(self, notice: Notice) -> None:
        self.notice = notice
        self.setProperty("kind", notice.kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText(notice.text)
        self._callback = notice.action[1] if notice.action else None
        self.action.setVisible(notice.action is not None)
        if notice.action:
            self.action.setText(notice.action[0])
        self.dismiss.setVisible(True)
        if notice.kind in ("success", "info") and notice.action is None:
            self._timer.start(CALM_MS)
        else:
            self._timer.stop()

    def clear(self) -> None:
        self.notice = None
        self.setProperty("kind", "none")
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText("")
        self.action.setVisible(False)
        self.dismiss.setVisible(False)
        self._callback = None
        self._timer.stop()

    def _run_action(self) -> None:
        callback = self._callback
        self.clear()
        if callback is not None:
            callback()

    def is_showing(self) -> bool:
        return self.notice is not None
