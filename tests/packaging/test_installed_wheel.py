"""What a clinic installs, run as a clinic runs it.

The sdist and the wheel are built as `python3 dev.py dist` builds them, the wheel is installed
into a new virtual environment outside the checkout, and every command runs from a folder
outside the checkout against a scratch database. Then the desktop bundle is made from that
installation and started. This takes minutes, so the set-up is shared by the module (dev.py
hands whole modules to the test workers, so it is made once).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import struct
import subprocess
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import dev
from mesodesk import __version__
from mesodesk.domain.diagram.loading import load_diagram
from mesodesk.domain.diagram.model import DiagramName
from tests.document_visits import pdf_text, poppler

ROOT = Path(__file__).resolve().parents[2]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Installation:
    folder: Path
    sdist: Path
    wheel: Path
    venv: Path
    work: Path
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The installed `mesodesk` command, from a folder outside the checkout."""
        result = subprocess.run(
            [str(dev.bin_path(self.venv, "mesodesk")), *args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 0, f"mesodesk {' '.join(args)}:\n{result.stderr[-3000:]}"
        return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    folder = tmp_path_factory.mktemp("install")
    assert not folder.resolve().is_relative_to(ROOT)
    sdist, wheel = dev.build_distributions(folder / "dist")
    venv = folder / "venv"
    dev.new_venv(venv)
    dev.pip_install(venv, f"{wheel}[postgres]")
    work = folder / "work"
    work.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "MESODESK_", "PYTEST", "COV_"))
    }
    env.update(
        PATH=os.pathsep.join([str(dev.bin_path(venv, "mesodesk").parent), os.defpath]),
        HOME=str(folder / "home"),
        MESODESK_DATA_DIR=str(folder / "data"),
        QT_QPA_PLATFORM="offscreen",
    )
    yield Installation(folder, sdist, wheel, venv, work, env)
    shutil.rmtree(folder, ignore_errors=True)  # an environment and a bundle: a gigabyte


@pytest.fixture(scope="module")
def scratch(installed: Installation) -> tuple[Path, int, int]:
    """A demo database made by the installed command; a done visit and its patient."""
    database = installed.work / "scratch.sqlite3"
    installed.run("demo", "--db", str(database), "--patients", "12", "--seed", "7")
    with sqlite3.connect(database) as connection:
        visit_id, patient_id = connection.execute(
            "SELECT visits.id, visits.patient_id FROM visits"
            " JOIN injection_marks ON injection_marks.visit_id = visits.id"
            " WHERE visits.status = 'done' ORDER BY visits.id LIMIT 1"
        ).fetchone()
    return database, visit_id, patient_id


def _tracked(*folders: str) -> set[str]:
    """The checkout's files in these folders, new ones included, ignored ones (caches) not."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files are unknown")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *folders],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return set(listed)


def test_the_wheel_and_sdist_hold_every_tracked_file_of_the_package_and_its_resources(
    installed: Installation,
):
    tracked = _tracked("mesodesk", "resources")
    in_package = {"mesodesk/" + name if name.startswith("resources/") else name for name in tracked}
    with zipfile.ZipFile(installed.wheel) as wheel:
        shipped = {
            name for name in wheel.namelist() if not name.split("/")[0].endswith(".dist-info")
        }
    assert shipped == in_package
    prefix = f"mesodesk-{__version__}/"
    with tarfile.open(installed.sdist) as sdist:
        in_sdist = {member.name.removeprefix(prefix) for member in sdist.getmembers()}
    assert tracked <= in_sdist


def test_the_installed_package_and_its_resources_come_from_the_new_environment(
    installed: Installation,
):
    code = (
        "import mesodesk, mesodesk.paths\n"
        "print(mesodesk.__file__)\n"
        "print(mesodesk.paths.resource_path('fonts', 'DejaVuSans.ttf'))\n"
    )
    result = subprocess.run(
        [str(dev.python_path(installed.venv)), "-c", code],
        cwd=installed.work,
        env=installed.env,
        capture_output=True,
        text=True,
        check=True,
    )
    module, font = (Path(line) for line in result.stdout.split())
    for path in (module, font):
        assert path.resolve().is_relative_to(installed.venv.resolve())
        assert not path.resolve().is_relative_to(ROOT)
    assert font.is_file()


def test_the_installed_command_prints_its_version(installed: Installation):
    assert installed.run("--version").stdout.strip() == f"mesodesk {__version__}"


def test_the_installed_command_prints_an_aftercare_sheet_with_cyrillic_fonts_and_the_diagram(
    installed: Installation, scratch: tuple[Path, int, int]
):
    database, visit_id, _ = scratch
    target = installed.work / "aftercare.pdf"
    installed.run(
        "aftercare",
        "--visit",
        str(visit_id),
        "--db",
        str(database),
        "--lang",
        "ru",
        "-o",
        str(target),
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    pdf = target.read_bytes()
    assert "Рекомендации после процедуры" in pdf_text(pdf)
    fonts = subprocess.run(
        [poppler("pdffonts"), str(target)], capture_output=True, text=True, check=True
    ).stdout
    assert "DejaVuSans" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts
    titles = {load_diagram(name).label_ru for name in DiagramName}
    assert any(title in pdf_text(pdf) for title in titles), "the injection map is missing"


def test_the_installed_command_exports_a_patient(
    installed: Installation, scratch: tuple[Path, int, int]
):
    database, visit_id, patient_id = scratch
    target = installed.work / "patient.json"
    installed.run("export", "--patient", str(patient_id), "--db", str(database), "-o", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    record = json.loads(target.read_text("utf-8"))
    assert record["patient"]["id"] == patient_id
    assert visit_id in [visit["id"] for visit in record["visits"]]


def test_the_installed_command_takes_a_screenshot_of_the_window(
    installed: Installation, scratch: tuple[Path, int, int]
):
    database, visit_id, _ = scratch
    target = installed.work / "window.png"
    installed.run("screenshot", str(target), "--db", str(database), "--visit", str(visit_id))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    width, height = _png_size(target)
    assert width >= 1000 and height >= 600
    assert target.stat().st_size > 50_000, "a blank window compresses to almost nothing"


def test_the_desktop_bundle_built_from_the_wheel_starts_and_takes_a_screenshot(
    installed: Installation,
):
    bundle = dev.build_bundle(
        installed.venv, installed.folder / "bundle", installed.folder / "pyinstaller"
    )
    screenshot = dev.check_bundle(bundle, installed.folder / "bundle-run")
    width, height = _png_size(screenshot)
    assert width >= 1000 and height >= 600
    assert (bundle / "_internal" / "mesodesk" / "resources" / "icons" / "mesodesk.svg").is_file()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC)
    width, height = struct.unpack(">II", data[16:24])
    return width, height
