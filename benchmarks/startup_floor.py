"""The Qt floor: a bare PySide6 main window, started the way MesoDesk starts, that writes the
time of its first paint to the file named by MESODESK_STARTUP_TRACE and quits."""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            with open(os.environ["MESODESK_STARTUP_TRACE"], "w", encoding="utf-8") as trace:
                trace.write(f"window {time.time():.6f}\n")
            app.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
painted = FirstPaint()
app.installEventFilter(painted)
window.show()
app.exec()
