"""Slow work (queries, PDFs, backups) off the GUI thread, with results delivered back on it."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid


class _Task(QRunnable):
    def __init__(self, runner: TaskRunner, task_id: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._runner = runner
        self._id = task_id
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # delivered to the caller's error handler on the GUI thread
            self._deliver(False, exc)
        else:
            self._deliver(True, result)

    def _deliver(self, done: bool, value: object) -> None:
        try:
            signal = self._runner.finished if done else self._runner.failed
            signal.emit(self._id, value)
        except RuntimeError:  # the runner was deleted meanwhile (its window closed): nobody asks
            pass


class TaskRunner(QObject):
    """Runs callables on a thread pool; `on_done` / `on_error` are called on the GUI thread.

    The signals belong to this object, which lives on the GUI thread, so Qt queues their
    delivery there whichever thread emits them. A task submitted with a `kind` supersedes the
    earlier ones of that kind: only the newest one's result is delivered, so a view never shows
    an answer to a question no longer asked.
    """

    finished = Signal(int, object)
    failed = Signal(int, object)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._kinds: dict[int, str] = {}
        self._latest: dict[str, int] = {}
        self.finished.connect(self._deliver)
        self.failed.connect(self._deliver_error)

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        kind: str | None = None,
    ) -> int:
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error)
        if kind is not None:
            self._kinds[task_id] = kind
            self._latest[kind] = task_id
        self._pool.start(_Task(self, task_id, work))
        return task_id

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait(self, msecs: int = 10_000) -> bool:
        return self._pool.waitForDone(msecs)

    def _deliver(self, task_id: int, result: object) -> None:
        on_done, _ = self._callbacks.pop(task_id)
        if self._current(task_id):
            on_done(result)
        self._maybe_idle()

    def _deliver_error(self, task_id: int, error: object) -> None:
        _, on_error = self._callbacks.pop(task_id)
        if self._current(task_id):
            on_error(error if isinstance(error, Exception) else RuntimeError(str(error)))
        self._maybe_idle()

    def _current(self, task_id: int) -> bool:
        """False for a task a newer one of its kind has superseded."""
        kind = self._kinds.pop(task_id, None)
        if kind is None:
            return True
        latest = self._latest.get(kind)
        if latest == task_id:
            del self._latest[kind]
            return True
        return False

    def _maybe_idle(self) -> None:
        if not self._callbacks:
            self.idle.emit()


def still_there(obj: QObject) -> bool:
    """Whether `obj` still exists: a result can arrive after its widget was closed and deleted."""
    return bool(isValid(obj))
