"""`python3 dev.py bench [--quick] [--out FILE]`: MesoDesk's speed at clinic scale, each figure
beside the floor it is judged against, measured in the same run on the same machine.

Writes benchmarks/results.json (or FILE): medians of repeated runs, in milliseconds unless the
name says otherwise, then the targets with the limit each figure had in this run and whether it
was met. `--quick` uses a tiny database and one repetition: the test suite runs it to check that
every metric is written; its numbers mean nothing.

The window is started as a separate process each time, under Qt's offscreen platform (the same
for the floor): "visible" is the first paint of anything in the window. MesoDesk's modules are
compiled to bytecode first, as in an installed copy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
FULL_PATIENTS = 100_000
QUICK_PATIENTS = 300
MILLION = 1_000_000
SEARCHES = ["и", "ив", "иванова", "иванова м", "ivanova", "smi", "müller", "4789", "89-47", "zzz"]
"""Cyrillic, Latin, transliterated, diacritics, phone digits from the middle, and no match."""

TARGETS: dict[str, tuple[str, float, str]] = {
    # metric: (floor metric or "", factor or absolute limit, how the limit reads)
    "window_ms": ("qt_floor_ms", 1.5, "at most 1.5 x the Qt floor"),
    "ready_ms": ("qt_floor_ms", 3.0, "at most 3 x the Qt floor"),
    "search_ms": ("", 10.0, "at most 10 ms at 100,000 patients"),
    "search_1m_ms": ("", 25.0, "at most 25 ms at 1,000,000 patients (with --million)"),
    "open_patient_ms": ("", 50.0, "at most 50 ms"),
    "diagram_5000_frame_ms": ("", 16.0, "at most 16 ms"),
    "aftercare_pdf_ms": ("", 100.0, "at most 100 ms"),
    "demo_100k_s": ("", 120.0, "at most 120 s"),
    "rss_mb": ("", 150.0, "under 150 MB"),
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dev.py bench")
    parser.add_argument("--quick", action="store_true", help="a tiny database, one repetition")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--million",
        type=Path,
        metavar="FILE",
        help="also measure the search at 1,000,000 patients on this SQLite file (made by "
        "`mesodesk demo --patients 1000000` first when it does not exist; about 20 minutes)",
    )
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="mesodesk-bench-"))
    _compiled()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["MESODESK_DATA_DIR"] = str(folder / "data")
    patients = QUICK_PATIENTS if args.quick else FULL_PATIENTS
    rounds = 1 if args.quick else 5
    database = folder / "clinic.sqlite3"

    figures: dict[str, Any] = {}
    say("demo", f"{patients} patients")
    started = time.perf_counter()
    _mesodesk("demo", "--db", str(database), "--patients", str(patients), "--seed", "7")
    figures["demo_100k_s"] = round(time.perf_counter() - started, 1)

    say("start-up", f"{rounds} x window and Qt floor")
    floors, windows, readies, child_rss = [], [], [], 0.0
    for _ in range(rounds):
        floor, _rss = _started([sys.executable, str(HERE / "startup_floor.py")], folder)
        floors.append(floor["window"])
        app, rss = _started([sys.executable, "-m", "mesodesk", "--db", str(database)], folder)
        windows.append(app["window"])
        readies.append(app["ready"])
        child_rss = max(child_rss, rss)
    figures["qt_floor_ms"] = _median(floors)
    figures["window_ms"] = _median(windows)
    figures["ready_ms"] = _median(readies)

    figures.update(_in_process(database, rounds))
    own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["rss_mb"] = round(max(own_rss, child_rss), 1)
    figures["window_rss_mb"] = round(child_rss, 1)
    if args.million is not None:  # after the memory of the steps above
        big = QUICK_PATIENTS * 2 if args.quick else MILLION
        figures.update(_million(args.million.resolve(), big, rounds))

    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "qt_platform": "offscreen",
        "quick": args.quick,
        "patients": patients,
        "rounds": rounds,
        "metrics": figures,
        "targets": _judged(figures),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, value in figures.items():
        verdict = report["targets"].get(name)
        mark = "" if verdict is None else ("  ok" if verdict["met"] else "  MISSED")
        print(f"  {name}: {value}{mark}")
    print(f"  -> {args.out}\n")
    print(table(report))
    return 0


def table(report: dict[str, Any]) -> str:
    """The README's performance table, from one run's report."""
    metrics = report["metrics"]
    floors = {
        "window_ms": "qt_floor_ms",
        "ready_ms": "qt_floor_ms",
        "search_ms": "sqlite_floor_ms",
        "search_1m_ms": "sqlite_floor_1m_ms",
    }
    rows = ["| figure | measured | floor | target | met |", "|---|---|---|---|---|"]
    for name, verdict in report["targets"].items():
        floor = floors.get(name)
        shown_floor = f"{metrics[floor]} ({floor})" if floor else ""
        met = "yes" if verdict["met"] else "**no**"
        rows.append(
            f"| `{name}` | {verdict['value']} | {shown_floor} | {verdict['target']} "
            f"(limit {verdict['limit']}) | {met} |"
        )
    return "\n".join(rows)


def say(step: str, detail: str) -> None:
    print(f"{step} ({detail}) ...", flush=True)


def _compiled() -> None:
    """MesoDesk's modules compiled to bytecode first, as an installed copy has them: a start
    that compiles every module it imports (PYTHONDONTWRITEBYTECODE, a fresh checkout) is not
    what a clinic's workstation does."""
    import compileall

    import mesodesk

    compileall.compile_dir(Path(mesodesk.__file__).parent, quiet=1)


def _mesodesk(*arguments: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "mesodesk", *arguments],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _started(command: list[str], folder: Path) -> tuple[dict[str, float], float]:
    """Milliseconds from the process's start to each mark it traced, and its peak RSS in MB."""
    trace = folder / "startup-trace.txt"
    trace.unlink(missing_ok=True)
    env = {**os.environ, "MESODESK_STARTUP_TRACE": str(trace)}
    started = time.time()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0 or not trace.exists():
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {errors[-400:]}")
    marks = {}
    for line in trace.read_text(encoding="utf-8").splitlines():
        name, moment = line.split()
        marks[name] = (float(moment) - started) * 1000
    return marks, usage.ru_maxrss / 1024


def _in_process(database: Path, rounds: int) -> dict[str, float]:
    """Search, opening a patient, the diagram and the aftercare sheet, in this process."""
    from PySide6.QtWidgets import QApplication

    from mesodesk.db import open_database, sqlite_url
    from mesodesk.services.registry import build_services
    from mesodesk.ui.app import application, wait_until

    application()
    opened = open_database(sqlite_url(database))
    services = build_services(opened.sessions)
    patient_id, visit_id = _patient_with_30_visits(services)
    window = shown_window(services, opened.location)
    figures: dict[str, float] = {}

    say("search", f"{len(SEARCHES)} queries")
    figures["search_ms"] = _worst_keystroke(window, rounds)
    figures["sqlite_floor_ms"] = _sqlite_floor(database, rounds)

    say("open patient", "30 visits, the last one's diagram")
    other = next(
        window.patient_list.model.row_at(row).id
        for row in range(window.patient_list.model.rowCount())
        if window.patient_list.model.row_at(row).id != patient_id
    )
    times = []
    for _ in range(rounds):
        window.open_patient(other)
        wait_until(lambda: not window.runner.busy, 30_000)
        started = time.perf_counter()
        window.open_patient(patient_id)
        window.open_visit(visit_id)
        wait_until(lambda: not window.runner.busy, 30_000)
        QApplication.processEvents()
        times.append(time.perf_counter() - started)
    figures["open_patient_ms"] = _median_s(times)
    window.visit.discard()

    say("aftercare", "one sheet with its map")
    services.documents.aftercare_pdf(visit_id)  # the fonts are registered once per process
    times = []
    for _ in range(max(rounds, 3)):
        started = time.perf_counter()
        services.documents.aftercare_pdf(visit_id)
        times.append(time.perf_counter() - started)
    figures["aftercare_pdf_ms"] = _median_s(times)
    _dispose(window)
    opened.close()

    say("diagram", "5,000 marks")
    sys.path.insert(0, str(HERE))
    import bench_diagram

    drawn = bench_diagram.run()
    figures["diagram_5000_build_ms"] = float(drawn["scene_build_ms"])
    figures["diagram_5000_frame_ms"] = float(drawn["frame_at_fit_ms"])
    figures["diagram_5000_frame_4x_ms"] = float(drawn["frame_at_4x_ms"])
    return figures


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


def _worst_keystroke(window: Any, rounds: int) -> float:
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
            times.append(_timed(lambda: panel.refresh(), panel.loaded))
        worst = max(worst, statistics.median(times))
    panel.search.setText("")
    _timed(lambda: panel.refresh(), panel.loaded)
    return round(worst * 1000, 2)


def _million(database: Path, patients: int, rounds: int) -> dict[str, float]:
    """The search at 1,000,000 patients (`--quick`: a few hundred): the same queries, measured
    the same way, on a demo of that size, made first (and timed) unless the file exists."""
    figures: dict[str, float] = {}
    if not database.exists():
        say("demo", f"{patients:,} patients")
        started = time.perf_counter()
        _mesodesk("demo", "--db", str(database), "--patients", str(patients), "--seed", "7")
        figures["demo_1m_s"] = round(time.perf_counter() - started, 1)
    from mesodesk.db import open_database, sqlite_url
    from mesodesk.services.registry import build_services
    from mesodesk.ui.app import application

    application()
    opened = open_database(sqlite_url(database))
    window = shown_window(build_services(opened.sessions), opened.location)
    say("search", f"{len(SEARCHES)} queries at {patients:,} patients")
    figures["search_1m_ms"] = _worst_keystroke(window, rounds)
    figures["sqlite_floor_1m_ms"] = _sqlite_floor(database, rounds)
    _dispose(window)
    opened.close()
    return figures


def _dispose(window: Any) -> None:
    """Close the window and let Qt delete it, as quitting the app would: a closed window
    kept alive would count in the memory of the steps after it."""
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _patient_with_30_visits(services: Any) -> tuple[int, int]:
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


def _timed(start: Callable[[], None], signal: Any) -> float:
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


def _sqlite_floor(database: Path, rounds: int) -> float:
    """The term index range alone, in raw sqlite3: the worst query's median, in ms."""
    import sqlite3

    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    worst = 0.0
    for query in SEARCHES:
        word = max(query.replace("-", "").split(), key=len).casefold()
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            connection.execute(
                "SELECT patient_id FROM patient_search_terms WHERE term >= ? AND term < ? "
                "LIMIT 200",
                (word, word + "\U0010ffff"),
            ).fetchall()
            times.append(time.perf_counter() - started)
        worst = max(worst, statistics.median(times))
    connection.close()
    return round(worst * 1000, 3)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def _median_s(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 2)


def _judged(figures: dict[str, Any]) -> dict[str, dict[str, Any]]:
    judged = {}
    for name, (floor, amount, words) in TARGETS.items():
        if name not in figures:
            continue  # measured only when asked for (--million)
        limit = amount * figures[floor] if floor else amount
        judged[name] = {
            "value": figures[name],
            "limit": round(limit, 2),
            "target": words,
            "met": figures[name] <= limit,
        }
    return judged


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
