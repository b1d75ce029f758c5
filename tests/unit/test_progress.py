"""The progress and cancel of a long task, as the worker and the window share them."""

from __future__ import annotations

import threading

import pytest

from mesodesk.domain.progress import Cancelled, Progress, unwatched


def test_a_step_fills_its_span_of_the_whole() -> None:
    told: list[float] = []
    progress = Progress(told.append)

    progress.part(0.0, 0.5).report(0.5)
    second = progress.part(0.5, 1.0)
    second.part(0.0, 0.5).done()
    second.done()

    assert told == [0.25, 0.75, 1.0]
    assert progress.share == 1.0


def test_the_share_told_never_goes_back_and_stays_within_the_whole() -> None:
    told: list[float] = []
    progress = Progress(told.append)

    progress.report(0.6)
    progress.report(0.4)  # a copy that restarted
    progress.report(7.0)

    assert told == [0.6, 1.0]


def test_a_cancel_stops_the_work_where_it_checks() -> None:
    progress = Progress()
    step = progress.part(0.2, 0.4)
    step.check()

    assert progress.cancel() is True

    assert step.cancelled
    with pytest.raises(Cancelled):
        step.check()


def test_a_cancel_asked_from_another_thread_is_seen_by_the_worker() -> None:
    progress = Progress()
    asker = threading.Thread(target=progress.cancel)
    asker.start()
    asker.join()

    with pytest.raises(Cancelled):
        progress.check()


def test_past_the_point_of_no_return_a_cancel_is_refused() -> None:
    told: list[float] = []
    progress = Progress(told.append)
    progress.report(0.5)

    progress.commit()

    assert told == [0.5, 0.5], "the watcher hears that cancelling is no longer offered"
    assert not progress.cancellable
    assert progress.cancel() is False
    progress.check()


def test_the_point_of_no_return_is_not_passed_once_a_cancel_was_asked() -> None:
    progress = Progress()
    progress.cancel()

    with pytest.raises(Cancelled):
        progress.commit()
    assert progress.cancellable


def test_a_change_made_drops_a_cancel_that_came_too_late() -> None:
    progress = Progress()
    progress.cancel()

    progress.passed()

    assert not progress.cancelled
    progress.check()


def test_work_nobody_watches_gets_a_progress_of_its_own() -> None:
    given = Progress()

    assert unwatched(given) is given
    unwatched(None).check()
