"""PySide6 6.12.0 on Python 3.11 aborts after ~5,000 calls of Qt methods returning nothing.

The dependency pin keeps such a release out; this test makes 20,000 such calls in a child
process so that a bad pin shows up as a failure here, not as a crash in a clinic.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsEllipseItem, QWidget
from PySide6.QtGui import QPen
app = QApplication([])
scene = QGraphicsScene()
item = QGraphicsEllipseItem(0, 0, 4, 4)
scene.addItem(item)
widget = QWidget()
pen = QPen()
for n in range(20_000):
    item.setPos(n % 100, n % 50)
    item.setPen(pen)
    widget.setWindowTitle("x")
print("ok")
"""


def test_twenty_thousand_void_qt_calls_do_not_crash_the_process():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")
