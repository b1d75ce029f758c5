"""`python3 dev.py bench [--quick] [--out FILE]`: MesoDesk's speed at clinic scale, each figure
beside the floor it is judged against, measured in the same run on the same machine.

Writes benchmarks/results.json (or FILE): medians of repeated runs, in milliseconds unless the
name says otherwise, then the targets with the limit each figure had in this run and whether it
was met. `--quick` uses a tiny database and one repetition: the test suite runs it to check that
every metric is written; its numbers mean nothing.

The window is started as a separate process each time, under Qt's offscreen platform (the same
for the floor): "visible" is the first paint of anything in the window. A practitioner's session
(the searches, a patient opened, the aftercare sheet: `bench_session.py`) and the 5,000-mark
diagram (`bench_diagram.py`) each run in a MesoDesk process of their own, so each one's peak
memory is MesoDesk's own, not the sum of everything this script did. MesoDesk's modules are
compiled to bytecode first, as in an installed copy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bench_session

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
FULL_PATIENTS = 100_000
QUICK_PATIENTS = 300
MILLION = 1_000_000
SEARCHES = bench_session.SEARCHES

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
    try:
        return _measured(args, folder)
    finally:  # the demo clinic is gigabytes: a run leaves nothing behind
        shutil.rmtree(folder, ignore_errors=True)


def _measured(args: argparse.Namespace, folder: Path) -> int:
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
    os.sync()  # the demo's gigabytes on the disk first: start-up is not timed against them

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

    figures.update(_session(database, rounds, folder))
    say("diagram", "5,000 marks")
    drawn = _child([str(HERE / "bench_diagram.py")], folder)
    figures["diagram_5000_build_ms"] = float(drawn["scene_build_ms"])
    figures["diagram_5000_frame_ms"] = float(drawn["frame_at_fit_ms"])
    figures["diagram_5000_frame_4x_ms"] = float(drawn["frame_at_4x_ms"])
    figures["window_rss_mb"] = round(child_rss, 1)
    figures["diagram_rss_mb"] = float(drawn["rss_mb"])
    figures["rss_mb"] = max(
        figures["window_rss_mb"], figures["session_rss_mb"], figures["diagram_rss_mb"]
    )
    if args.million is not None:
        big = QUICK_PATIENTS * 2 if args.quick else MILLION
        figures.update(_million(args.million.resolve(), big, rounds, folder))

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


def _session(database: Path, rounds: int, folder: Path) -> dict[str, float]:
    """A practitioner's session in one MesoDesk process (`bench_session.py`): the searches,
    the patient with 30 visits opened and the aftercare sheet, and that process's peak memory;
    the patient is added beforehand by a process of its own."""
    prepared = subprocess.run(
        [sys.executable, str(HERE / "bench_session.py"), "prepare", str(database)],
        check=True,
        capture_output=True,
        text=True,
    )
    patient_id, visit_id = prepared.stdout.split()[-2:]
    say("session", f"{len(SEARCHES)} queries, a patient with 30 visits, the aftercare sheet")
    figures = _child(
        [
            str(HERE / "bench_session.py"),
            *("session", str(database), patient_id, visit_id, str(rounds)),
        ],
        folder,
    )
    figures["session_rss_mb"] = figures.pop("rss_mb")
    figures["sqlite_floor_ms"] = _sqlite_floor(database, rounds)
    return figures


def _child(arguments: list[str], folder: Path) -> dict[str, Any]:
    """The figures a benchmark script run in a process of its own prints as its last line."""
    finished = subprocess.run(
        [sys.executable, *arguments],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=folder,
        capture_output=True,
        text=True,
    )
    if finished.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed: {finished.stderr[-800:]}")
    figures: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    return figures


def _million(database: Path, patients: int, rounds: int, folder: Path) -> dict[str, float]:
    """The search at 1,000,000 patients (`--quick`: a few hundred): the same queries, measured
    the same way, on a demo of that size, made first (and timed) unless the file exists."""
    figures: dict[str, float] = {}
    if not database.exists():
        say("demo", f"{patients:,} patients")
        started = time.perf_counter()
        _mesodesk("demo", "--db", str(database), "--patients", str(patients), "--seed", "7")
        figures["demo_1m_s"] = round(time.perf_counter() - started, 1)
    say("search", f"{len(SEARCHES)} queries at {patients:,} patients")
    searched = _child(
        [str(HERE / "bench_session.py"), "search", str(database), str(rounds)], folder
    )
    figures["search_1m_ms"] = searched["search_ms"]
    figures["sqlite_floor_1m_ms"] = _sqlite_floor(database, rounds)
    return figures


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
