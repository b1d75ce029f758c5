"""Shipped files are found through one lookup, and nothing heavy happens at import."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from mesodesk.paths import RESOURCE_PACKAGE, resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_resources_are_the_package_mesodesk_resources():
    assert resource_path() == files(RESOURCE_PACKAGE)
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert resource_path("icons", "mesodesk.svg").is_file()


def test_only_paths_py_locates_shipped_files():
    """Every reader goes through `resource_path`, so an installed wheel finds every file."""
    pattern = re.compile(r"importlib\.resources|importlib_resources|[\"']resources[\"/]")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "mesodesk").rglob("*.py"))
        if path.name != "paths.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_fonts_are_registered_by_the_first_document_not_at_import():
    code = (
        "from datetime import date\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "import mesodesk.documents, mesodesk.services.registry, mesodesk.cli\n"
        "from mesodesk.documents import build_mesoscooter_care\n"
        "from mesodesk.documents.model import ClinicLetterhead, MesoscooterCareInput\n"
        "from mesodesk.domain.vocabulary import Language\n"
        "assert 'DejaVuSans' not in pdfmetrics.getRegisteredFontNames(), 'registered at import'\n"
        "pdf = build_mesoscooter_care(MesoscooterCareInput(language=Language.RUSSIAN,"
        " clinic=ClinicLetterhead(name='Клиника'), patient_name='Анна Иванова',"
        " issued_on=date(2025, 3, 1), practitioner_name='Врач'))\n"
        "assert pdf.startswith(b'%PDF')\n"
        "assert 'DejaVuSans' in pdfmetrics.getRegisteredFontNames()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
