"""Run every benchmarks/bench_*.py and write its numbers to benchmarks/results/<name>.json.

Each benchmark module has `run() -> dict[str, float | int | str]`; times are in milliseconds.
Usage: `python3 dev.py bench` (all) or `python3 dev.py bench patient_search` (some).
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def main(names: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("MESODESK_DATA_DIR", tempfile.mkdtemp(prefix="mesodesk-bench-"))
    RESULTS.mkdir(exist_ok=True)
    files = sorted(HERE.glob("bench_*.py"))
    if names:
        files = [f for f in files if f.stem.removeprefix("bench_") in names]
    for path in files:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"{path.stem} ...", flush=True)
        numbers = module.run()
        report = {
            "benchmark": path.stem,
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "results": numbers,
        }
        target = RESULTS / f"{path.stem.removeprefix('bench_')}.json"
        target.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        for key, value in numbers.items():
            print(f"  {key}: {value}")
        print(f"  -> {target.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
