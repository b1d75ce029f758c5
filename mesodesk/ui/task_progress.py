"""The progress of a long task in the status bar: a bar with its words and share, and Cancel.

Thin over `mesodesk.domain.progress.Progress`: `start()` makes the progress a service method
is given; the worker's reports cross to the GUI thread by signal; Cancel asks the work to stop,
and is taken away once the work has passed its point of no return. Esc anywhere in the window
cancels too, only for work the user just started and waits for (a restore): elsewhere Esc
keeps its own meaning (leaving a diagram tool) and never stops the automatic backup.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QToolButton, QWidget

from mesodesk.domain.progress import Progress

STEPS = 1000
"""The bar's resolution: a tenth of a percent."""
BAR_WIDTH = 150


class _Relay(QObject):
    """Carries the share from the worker's thread to the GUI thread (queued by Qt)."""

    told = Signal(object, float)  # the Progress, its share


class TaskProgress(QWidget):
    """One task's bar and Cancel button; `cancel_requested` when the user asks to stop."""

    cancel_requested = Signal()

    def __init__(self, window: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskProgress")
        self._progress: Progress | None = None
        self._relay = _Relay(self)
        self._relay.told.connect(self._show_share)
        self._cancellable = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 4, 0)
        layout.setSpacing(6)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, STEPS)
        self.bar.setFixedWidth(BAR_WIDTH)
        self.bar.setTextVisible(True)
        layout.addWidget(self.bar)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop it; nothing is left half-done"))
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.cancel_button)
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self.escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self.escape.activated.connect(self.cancel)
        self.escape.setEnabled(False)

    @property
    def progress(self) -> Progress | None:
        """The progress of the task under way (None: none)."""
        return self._progress

    def start(self, words: str, cancellable: bool = True, escape: bool = False) -> Progress:
        """The progress to hand the work; the bar shows `words` and the share done. With
        `escape`, Esc cancels it as the button does."""
        relay = self._relay
        progress = Progress(lambda share: relay.told.emit(progress, share))
        self._progress = progress
        self.bar.setFormat(words + " %p%")
        self.bar.setValue(0)
        self.bar.setToolTip(words)
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(cancellable)
        self.escape.setEnabled(cancellable and escape)
        self._cancellable = cancellable
        return progress

    def finish(self) -> None:
        """The task has ended: what it still reports is no longer shown."""
        self._progress = None
        self._cancellable = False
        self.escape.setEnabled(False)

    def cancel(self) -> None:
        """Ask the work to stop; it says how it ended when it has."""
        progress = self._progress
        if progress is None or not self._cancellable or not progress.cancel():
            return
        self.cancel_button.setEnabled(False)
        self.escape.setEnabled(False)
        self.bar.setFormat(self.tr("Cancelling…"))
        self.cancel_requested.emit()

    def _show_share(self, told_by: object, share: float) -> None:
        progress = self._progress
        if progress is None or told_by is not progress:
            return
        self.bar.setValue(round(share * STEPS))
        if not progress.cancellable:
            self.cancel_button.setEnabled(False)
            self.escape.setEnabled(False)
