"""A main window on given services, as a workstation opens it: fresh settings, no question on
closing, its first tasks done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

from mesodesk.services.backup import BackupService
from mesodesk.services.registry import Services
from mesodesk.ui.app import APPLICATION, ORGANIZATION
from mesodesk.ui.main_window import DISCARD, MainWindow

WINDOW_READY_MS = 30_000
"""How long a test waits for a new window's first reads (the list, the backups' status): far
longer than they take, so a busy test machine does not fail a test of something else."""


def open_window(
    qtbot,
    services: Services,
    location: str,
    settings_folder: Path,
    backups: BackupService | None = None,
) -> MainWindow:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(settings_folder)
    )
    QSettings().clear()
    main = MainWindow(services, location, backups=backups)
    main.ask_unsaved_changes = lambda: DISCARD
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: not main.runner.busy, timeout=WINDOW_READY_MS)
    return main
