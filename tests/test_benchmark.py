"""`python3 dev.py bench --quick` runs on a tiny database and writes every metric with its floor
and target; the numbers of a quick run mean nothing and are not checked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
METRICS = {
    "window_ms",
    "qt_floor_ms",
    "ready_ms",
    "search_ms",
    "sqlite_floor_ms",
    "open_patient_ms",
    "diagram_5000_build_ms",
    "diagram_5000_frame_ms",
    "aftercare_pdf_ms",
    "demo_100k_s",
    "rss_mb",
    "search_1m_ms",
    "demo_1m_s",
}


def test_the_quick_benchmark_writes_every_metric_beside_its_target(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    finished = subprocess.run(
        [
            *(sys.executable, str(ROOT / "dev.py"), "bench", "--quick", "--out", str(out)),
            *("--million", str(tmp_path / "large.sqlite3")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True
    metrics = report["metrics"]
    assert set(metrics) >= METRICS
    assert all(isinstance(metrics[name], int | float) and metrics[name] > 0 for name in METRICS)
    targets = report["targets"]
    assert {
        "window_ms",
        "ready_ms",
        "search_ms",
        "search_1m_ms",
        "open_patient_ms",
        "rss_mb",
    } <= set(targets)
    window = targets["window_ms"]
    assert window["limit"] == round(1.5 * metrics["qt_floor_ms"], 2)
    assert window["met"] == (metrics["window_ms"] <= window["limit"])


def test_the_benchmark_is_not_part_of_the_test_run() -> None:
    """Benchmarks live outside tests/ and are no pytest modules."""
    assert not list((ROOT / "tests").rglob("bench_*.py"))
    assert not list((ROOT / "benchmarks").glob("test_*.py"))
