"""How far a long task has come, and the user's wish to stop it: plain Python, no Qt.

A `Progress` is made by whoever starts the work (the window, a test) and handed to the service
method that does it. The worker reports the share done and asks `check()` at points where it
can stop without leaving anything half-done; the starter calls `cancel()` from any thread.
Once the work passes its point of no return (`commit()`), cancelling is refused, so a change
already being made is always finished.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Reporter = Callable[[float], None]
"""Told the share done of the whole task, from 0.0 to 1.0, on the worker's thread."""


class Cancelled(Exception):
    """The user stopped the task before its point of no return; nothing was changed."""


class _Shared:
    """The state one task's `Progress` and all its parts share."""

    def __init__(self, reporter: Reporter | None) -> None:
        self.reporter = reporter
        self.lock = threading.Lock()
        self.wanted = threading.Event()
        self.committed = False
        self.share = 0.0


class Progress:
    """The share done of one task and whether the user wants it stopped; thread-safe.

    `part(start, end)` gives the progress of one step, whose own 0..1 fills that span of the
    whole. The share told never goes back (a copy that restarts keeps the bar where it was).
    """

    def __init__(self, reporter: Reporter | None = None) -> None:
        self._shared = _Shared(reporter)
        self._start = 0.0
        self._span = 1.0

    def part(self, start: float, end: float) -> Progress:
        """The progress of a step that is the span `start`..`end` (shares of this one)."""
        child = Progress.__new__(Progress)
        child._shared = self._shared
        child._start = self._start + self._span * start
        child._span = self._span * (end - start)
        return child

    def report(self, share: float) -> None:
        """This step is `share` done (clamped to 0..1)."""
        whole = self._start + self._span * min(max(share, 0.0), 1.0)
        shared = self._shared
        with shared.lock:
            if whole <= shared.share:
                return
            shared.share = whole
        if shared.reporter is not None:
            shared.reporter(whole)

    def done(self) -> None:
        self.report(1.0)

    @property
    def share(self) -> float:
        """The share of the whole task told so far."""
        return self._shared.share

    def cancel(self) -> bool:
        """Ask the work to stop; False when it has passed its point of no return."""
        shared = self._shared
        with shared.lock:
            if shared.committed:
                return False
            shared.wanted.set()
            return True

    @property
    def cancelled(self) -> bool:
        """The user asked to stop and the work may still stop."""
        return self._shared.wanted.is_set() and not self._shared.committed

    @property
    def cancellable(self) -> bool:
        return not self._shared.committed

    def check(self) -> None:
        """Raise `Cancelled` if the user asked to stop; called where stopping is clean."""
        if self.cancelled:
            raise Cancelled

    def commit(self) -> None:
        """The point of no return, about to be passed: raise `Cancelled` if the user asked to
        stop already, and refuse cancelling from now on."""
        with self._shared.lock:
            if self._shared.wanted.is_set() and not self._shared.committed:
                raise Cancelled
            self._shared.committed = True
        self._tell()

    def passed(self) -> None:
        """The change is made (a wish to stop that came too late is dropped): cancelling is
        refused from now on."""
        with self._shared.lock:
            self._shared.committed = True
        self._tell()

    def _tell(self) -> None:
        """The share again, so a watcher sees that cancelling is no longer offered."""
        if self._shared.reporter is not None:
            self._shared.reporter(self._shared.share)


def unwatched(progress: Progress | None) -> Progress:
    """The progress given, or one nobody watches (callers that neither show nor cancel)."""
    return progress if progress is not None else Progress()
