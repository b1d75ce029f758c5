"""A practitioner's session in one MesoDesk process, as `dev.py bench` measures it.

    python bench_session.py prepare DATABASE
        adds the patient with 30 visits (the last one charted) and prints its and the visit's id
    python bench_session.py session DATABASE PATIENT VISIT ROUNDS
        the window on the database, the searches, that patient opened and the aftercare sheet
    python bench_session.py search DATABASE ROUNDS
        the window and the searches only (the clinic of a million)

The last two print one line of JSON: their figures in milliseconds and `rss_mb`, the peak
resident memory of this process, which is MesoDesk's memory in that session. The patient is
added by a process of its own beforehand, as a clinic's patients exist before the window opens.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

SEARCHES = ["и", "ив", "иванова", "иванова м", "ivanova", "smi", "müller", "4789", "89-47", "zzz"]
"""Cyrillic, Latin, transliterated, diacritics, phone digits from the middle, and no match."""


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from mesodesk.db import open_database, sqlite_url
    from mesodesk.services.registry import build_services

    step, database = argv[0], argv[1]
    opened = open_database(sqlite_url(database))
    services = build_services(opened.sessions)
    if step == "prepare":
        print(*patient_with_30_visits(services))
        opened.close()
        return 0
    window = shown_window(services, opened.location)
    rounds = int(argv[-1])
    figures: dict[str, float] = {"search_ms": worst_keystroke(window, rounds)}
    if step == "session":
        patient_id, visit_id = int(argv[2]), int(argv[3])
        figures["open_patient_ms"] = _opening(window, patient_id, visit_id, rounds)
        window.visit.discard()
        services.documents.aftercare_pdf(visit_id)  # the fonts are registered once per process
        times = []
        for _ in range(max(rounds, 3)):
            started = time.perf_counter()
            services.documents.aftercare_pdf(visit_id)
            times.append(time.perf_counter() - started)
        figures["aftercare_pdf_ms"] = _median_ms(times)
    figures["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(figures))
    window.close()
    opened.close()
    return 0


def shown_window(services: Any, location: str) -> Any:
    """The main window at 1280x800, shown, its list's first page loaded."""
    from mesodesk.ui.app import application, wait_until
    from mesodesk.ui.main_window import MainWindow

    application()
    window = MainWindow(services, location, remember_layout=False)
    window.resize(1280, 800)
    window.show()
    wait_until(lambda: not window.runner.busy, 60_000)
    return window


def worst_keystroke(window: Any, rounds: int) -> float:
    """The worst query's median, in ms, from the search asked to the list model updated.

    Each search starts once the window has done what the one before set off (the list's
    marks, its painting), as a keystroke comes at the earliest after the list's own typing
    pause: a search is not measured against the tail of another."""
    from mesodesk.ui.app import wait_until
    from mesodesk.ui.patient_list import SEARCH_DELAY_MS

    panel = window.patient_list
    worst = 0.0
    for query in SEARCHES:
        panel.search.setText(query)
        times = []
        for _ in range(rounds):
            wait_until(lambda: not window.runner.busy, 30_000)
            wait_until(lambda: False, SEARCH_DELAY_MS)
            times.append(timed(lambda: panel.refresh(), panel.loaded))
        worst = max(worst, statistics.median(times))
    panel.search.setText("")
    timed(lambda: panel.refresh(), panel.loaded)
    return round(worst * 1000, 2)


def opened_once(window: Any, patient_id: int, visit_id: int, other: int) -> float:
    """Seconds to open the patient and the visit (card, timeline, the visit's diagram) once
    another patient is open, to the window idle and its events processed."""
    from mesodesk.ui.app import application, wait_until

    window.open_patient(other)
    wait_until(lambda: not window.runner.busy, 30_000)
    started = time.perf_counter()
    window.open_patient(patient_id)
    window.open_visit(visit_id)
    wait_until(lambda: not window.runner.busy, 30_000)
    application().processEvents()
    return time.perf_counter() - started


def another_patient(window: Any, patient_id: int) -> int:
    """A patient of the list's first page other than `patient_id`."""
    model = window.patient_list.model
    return next(
        model.row_at(row).id
        for row in range(model.rowCount())
        if model.row_at(row).id != patient_id
    )


def _opening(window: Any, patient_id: int, visit_id: int, rounds: int) -> float:
    other = another_patient(window, patient_id)
    return _median_ms([opened_once(window, patient_id, visit_id, other) for _ in range(rounds)])


def patient_with_30_visits(services: Any) -> tuple[int, int]:
    """A patient with 30 visits over five years, the last one charted with 40 marks."""
    from decimal import Decimal

    from mesodesk.domain.diagram import DiagramName, MarkShape, Point
    from mesodesk.domain.mark_records import MarkRecord
    from mesodesk.domain.patient import PatientCard
    from mesodesk.domain.vocabulary import Sex, Technique

    card = services.patients.save(
        PatientCard(
            last_name="Долгова",
            first_name="Вера",
            birth_date=date(1980, 5, 17),
            sex=Sex.FEMALE,
            phone="+7 916 000-00-30",
        )
    )
    first = datetime.now(UTC) - timedelta(days=5 * 365)
    visit = None
    for number in range(30):
        visit = services.visits.start_visit(card.id, first + timedelta(days=60 * number))
    assert visit is not None
    marks = [
        MarkRecord(
            None,
            visit.id,
            DiagramName.FACE_FEMALE,
            MarkShape.POINT,
            (Point(60 + (n % 8) * 10, 80 + (n // 8) * 12),),
            technique=Technique.PAPULAR,
            depth_mm=Decimal(1),
            volume_ml=Decimal("0.05"),
        )
        for n in range(40)
    ]
    services.marks.add_many(marks)
    return int(card.id), int(visit.id)


def timed(start: Callable[[], None], signal: Any) -> float:
    """Seconds from `start` to `signal`, with Qt's events processed meanwhile."""
    from mesodesk.ui.app import wait_until

    done: list[float] = []

    def finished(*_args: object) -> None:
        done.append(time.perf_counter())

    signal.connect(finished)
    started = time.perf_counter()
    start()
    wait_until(lambda: bool(done), 30_000)
    signal.disconnect(finished)
    return done[0] - started


def _median_ms(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 2)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
