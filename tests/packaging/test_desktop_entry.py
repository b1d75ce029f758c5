"""The Linux desktop entry is valid and names the command, icon and window class the app uses."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from mesodesk.paths import resource_path
from mesodesk.ui.app import APPLICATION, DESKTOP_ENTRY

ROOT = Path(__file__).resolve().parents[2]
ENTRY = resource_path(f"{DESKTOP_ENTRY}.desktop")


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(ENTRY, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_passes_desktop_file_validate():
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = subprocess.run([validate, str(ENTRY)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_desktop_entry_starts_the_installed_command_with_the_app_icon():
    entry = _entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert entry["Exec"].split()[0] in scripts
    assert entry["Icon"] == DESKTOP_ENTRY
    assert entry["StartupWMClass"] == APPLICATION
    assert "[ru]" in "".join(entry.keys())
