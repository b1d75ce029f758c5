"""The layering of conventions.md and the quality gates, checked on every test run.

Each gate is the tool a developer would run by hand (ruff, ruff format, mypy, lint-imports), so a
failure here reads the same as on the command line.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MYPY_ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+: error: ", re.MULTILINE)


def test_import_contracts_hold():
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_code_is_ruff_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_code_is_ruff_formatted():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_mypy_finds_nothing_in_the_core_and_the_ui_only_shrinks_its_baseline():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode in (0, 1), result.stdout[-3000:] + result.stderr[-3000:]
    found = Counter(match["path"] for match in MYPY_ERROR.finditer(result.stdout))
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    baseline: dict[str, int] = config["tool"]["mesodesk"]["mypy-ui-baseline"]
    assert all(path.startswith("mesodesk/ui/") for path in baseline), "the core has no baseline"
    worse = {path: n for path, n in found.items() if n > baseline.get(path, 0)}
    assert not worse, "mypy errors beyond the baseline:\n" + "\n".join(
        line for line in result.stdout.splitlines() if line.split(":", 1)[0] in worse
    )
    better = {path: found.get(path, 0) for path, n in baseline.items() if found.get(path, 0) < n}
    assert not better, f"fewer mypy errors now; lower the baseline in pyproject.toml to {better}"


def test_the_core_imports_without_qt():
    code = (
        "import sys, importlib, pkgutil, mesodesk\n"
        "for name in ['mesodesk.db', 'mesodesk.services.registry', 'mesodesk.documents',"
        " 'mesodesk.domain.screening', 'mesodesk.domain.diagram', 'mesodesk.cli']:\n"
        "    importlib.import_module(name)\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
