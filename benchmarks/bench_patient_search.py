"""Type-ahead over 100,000 patients on SQLite: each keystroke's query, scrolling a page, and
the likely-duplicate check a new card gets before it is saved."""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from mesodesk.db import open_database, sqlite_url
from mesodesk.services.demo_people import demo_cards
from mesodesk.services.registry import build_services

PATIENTS = 100_000
QUERIES = ["и", "ив", "иван", "ивано", "иванова м", "smi", "+7 91", "9161", "федор", "zzz"]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def run() -> dict[str, float | int]:
    folder = Path(tempfile.mkdtemp(prefix="mesodesk-bench-search-"))
    database = open_database(sqlite_url(folder / "bench.sqlite3"))
    services = build_services(database.sessions)
    started = time.perf_counter()
    cards = demo_cards(PATIENTS, seed=42)
    for start in range(0, PATIENTS, 5000):
        services.patients.save_many(cards[start : start + 5000])
    fill = time.perf_counter() - started

    results: dict[str, float | int] = {"patients": PATIENTS, "fill_ms": _ms(fill)}
    worst = 0.0
    for query in QUERIES:
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            rows = services.patients.search(query)
            times.append(time.perf_counter() - t0)
        median = statistics.median(times)
        worst = max(worst, median)
        results[f"search[{query}]_ms"] = _ms(median)
        results[f"search[{query}]_rows"] = len(rows)
    results["search_worst_median_ms"] = _ms(worst)

    times = []
    for card in cards[:: PATIENTS // 20]:
        t0 = time.perf_counter()
        services.patients.likely_duplicates(replace(card, middle_name=""))
        times.append(time.perf_counter() - t0)
    results["likely_duplicates_median_ms"] = _ms(statistics.median(times))
    results["likely_duplicates_worst_ms"] = _ms(max(times))

    page = services.patients.search("")
    t0 = time.perf_counter()
    for _ in range(20):
        page = services.patients.search("", after=page[-1])
    results["next_page_ms"] = _ms((time.perf_counter() - t0) / 20)
    database.close()
    return results
