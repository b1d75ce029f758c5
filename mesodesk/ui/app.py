"""Starting the Qt application: the window, its settings, and the offscreen screenshot mode."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEventLoop,
    QIODevice,
    Qt,
    QTimer,
)
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter
from PySide6.QtWidgets import QApplication, QMessageBox

from mesodesk import __version__
from mesodesk.paths import write_private_file
from mesodesk.services.backup import BackupService
from mesodesk.services.errors import ServiceError
from mesodesk.ui.icons import app_icon
from mesodesk.ui.language import install_language
from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.theme import apply_theme

if TYPE_CHECKING:
    from mesodesk.services.registry import Services

ORGANIZATION = "MesoDesk"
APPLICATION = "MesoDesk"
DESKTOP_ENTRY = "mesodesk"
"""The name of the Linux desktop entry (mesodesk.desktop): Wayland docks take the icon from it."""
WINDOWS_APP_ID = "MesoDesk.MesoDesk"


def application() -> QApplication:
    """The one QApplication, created with the names QSettings files itself under.

    Qt 6 scales for high-DPI screens by itself; the rounding policy is set explicitly so a
    150 % display gets 1.5 (sharp text, right sizes) rather than a rounded 1 or 2.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    QGuiApplication.setDesktopFileName(DESKTOP_ENTRY)
    _name_the_process_for_the_windows_taskbar()
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    apply_theme(app)
    install_language()
    return app


def _name_the_process_for_the_windows_taskbar() -> None:
    """Started through Python, Windows groups the window under python.exe and shows its icon;
    an explicit application id makes the task bar show MesoDesk's own."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(WINDOWS_APP_ID)


def run_window(open_database: Callable[[], tuple[Any, Services]]) -> int:
    """Open the database (migrating it), then show the window until the user quits."""
    app = application()
    try:
        database, services = open_database()
    except Exception as exc:
        if not _is_user_error(exc):
            raise
        print(f"mesodesk: error: {exc}", file=sys.stderr)
        QMessageBox.critical(
            None,
            QCoreApplication.translate("MesoDesk", "MesoDesk cannot open the database"),
            str(exc),
        )
        return 2
    window = MainWindow(services, database.location, backups=BackupService.for_database(database))
    if database.notice:
        window.notices.warning(database.notice)
    elif database.backup_path is not None:
        window.notices.info(
            QCoreApplication.translate(
                "MesoDesk", "The database was upgraded; the previous copy is kept at {path}."
            ).format(path=database.backup_path)
        )
    window.show()
    if window.backups is not None:
        window.backups.start_automatic()
    try:
        return app.exec()
    finally:
        database.close()


def save_screenshot(
    database: Any,
    services: Services,
    target: Path,
    size: tuple[int, int],
    patient_id: int | None = None,
    language: str | None = None,
) -> None:
    """Render the window as a user would see it after the list has loaded, then save a PNG.

    `language` ("en", "ru") shows it in that language rather than the chosen or system one.
    """
    application()
    if language is not None:
        install_language(language)
    window = MainWindow(
        services,
        database.location,
        remember_layout=False,
        backups=BackupService.for_database(database),
    )
    window.resize(*size)
    window.show()
    wait_until(lambda: not window.runner.busy)
    if patient_id is not None:
        window.open_patient(patient_id)
        window.patient_list.select_id(patient_id)
    elif window.patient_list.model.rowCount() > 0:
        window.patient_list.view.selectRow(0)
    wait_until(lambda: False, 150)
    save_private_png(window.grab().toImage(), target)
    window.form.load(window.form.loaded_card())
    window.close()


def save_visit_screenshot(
    database: Any,
    services: Services,
    target: Path,
    size: tuple[int, int],
    visit_id: int,
    language: str | None = None,
) -> None:
    """Open the visit's patient, then the visit on its Visit tab, and save the window as PNG."""
    visit = services.visits.get(visit_id)
    application()
    if language is not None:
        install_language(language)
    window = MainWindow(services, database.location, remember_layout=False)
    window.resize(*size)
    window.show()
    wait_until(lambda: not window.runner.busy)
    window.open_patient(visit.patient_id)
    window.patient_list.select_id(visit.patient_id)
    window.open_visit(visit_id)
    wait_until(lambda: False, 150)
    window.visit_tab.diagram.view.fit()
    wait_until(lambda: not window.runner.busy)
    wait_until(lambda: False, 100)
    save_private_png(window.grab().toImage(), target)
    window.visit.discard()
    window.form.load(window.form.loaded_card())
    window.close()


def save_private_png(image: QImage, target: Path) -> None:
    """A picture of the window shows patients' names: owner-only, like every export."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"PNG")).write(image):
        raise OSError(0, f"Cannot make the image {target}")
    write_private_file(target, bytes(buffer.data().data()))


def wait_until(condition: Callable[[], bool], timeout_ms: int = 5000) -> None:
    """Let Qt process events until `condition` holds or the time is up."""
    app = application()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(timeout_ms)
    while timer.isActive() and not condition():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def _is_user_error(exc: Exception) -> bool:
    """A refusal to show in words: every service error, and the database layer's (which the
    UI may not import, hence its name)."""
    return isinstance(exc, ServiceError) or type(exc).__name__ == "DatabaseError"
