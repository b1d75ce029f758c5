"""`python benchmarks/bench_open.py DATABASE [--rounds N] [--profile FILE]`: opening a patient
with 30 visits and the process's memory, measured as `dev.py bench` measures them, alone.

The database is written to (the patient with 30 visits is added): give it a copy. Prints the
median of the rounds, each round's time, and the peak RSS of this process (MB) after the
window, the list and the openings; with `--profile` the openings also run under cProfile.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_open.py")
    parser.add_argument("database", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(HERE))
    from bench_session import another_patient, opened_once, patient_with_30_visits, shown_window

    from mesodesk.db import open_database, sqlite_url
    from mesodesk.services.registry import build_services

    opened = open_database(sqlite_url(args.database))
    services = build_services(opened.sessions)
    patient_id, visit_id = patient_with_30_visits(services)
    window = shown_window(services, opened.location)
    print(f"window and list: rss {_peak_mb():.1f} MB", flush=True)
    other = another_patient(window, patient_id)

    def once() -> float:
        return opened_once(window, patient_id, visit_id, other)

    times = [once() for _ in range(args.rounds)]
    print("open_patient_ms:", round(statistics.median(times) * 1000, 2))
    print("rounds:", [round(t * 1000, 1) for t in times])
    print(f"after opening: rss {_peak_mb():.1f} MB", flush=True)
    if args.profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.rounds):
            once()
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    window.visit.discard()
    window.close()
    opened.close()
    return 0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
