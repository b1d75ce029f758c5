"""A main window on a real SQLite file, as the user gets it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from mesodesk.services.registry import Services
from mesodesk.ui.app import APPLICATION, ORGANIZATION
from mesodesk.ui.main_window import DISCARD, MainWindow


@pytest.fixture
def window(qtbot, sqlite_db, sqlite_services: Services, tmp_path) -> Iterator[MainWindow]:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings().clear()
    main = MainWindow(sqlite_services, sqlite_db.location)
    # pytest-qt closes the window after the test; never let that pop up a real question
    main.ask_unsaved_changes = lambda: DISCARD
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: not main.runner.busy)
    yield main
    main.runner.wait()
