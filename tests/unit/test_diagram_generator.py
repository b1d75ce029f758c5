"""The shipped diagrams are what their generator makes: art and zones never drift apart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[2] / "tools" / "make_diagrams.py"


def test_every_shipped_diagram_is_what_the_generator_makes_of_its_landmarks() -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
