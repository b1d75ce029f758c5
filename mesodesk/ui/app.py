"""Starting the Qt application: the window, its settings, and the offscreen screenshot mode."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from mesodesk import __version__
from mesodesk.domain.progress import Progress
from mesodesk.paths import write_private_file
from mesodesk.services.errors import ServiceError
from mesodesk.ui.icons import app_icon
from mesodesk.ui.language import choose_language, install_language
from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.theme import STYLE_ARGUMENTS, apply_theme

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from mesodesk.domain.patient import PatientRow
    from mesodesk.services.backup import BackupService
    from mesodesk.services.registry import Services
    from mesodesk.ui.first_run_wizard import FirstRunWizard

ORGANIZATION = "MesoDesk"
APPLICATION = "MesoDesk"
DESKTOP_ENTRY = "mesodesk"
"""The name of the Linux desktop entry (mesodesk.desktop): Wayland docks take the icon from it."""
WINDOWS_APP_ID = "MesoDesk.MesoDesk"


def application(icon_later: bool = False) -> QApplication:
    """The one QApplication, created with the names QSettings files itself under.

    `icon_later`: the caller sets the window icon (`app_icon`) after the first paint, which
    does not draw it (finding and loading its files costs a few ms).

    Qt 6 scales for high-DPI screens by itself; the rounding policy is set explicitly so a
    150 % display gets 1.5 (sharp text, right sizes) rather than a rounded 1 or 2. It is set
    through Qt's environment variable (unless the user set it): the `Qt` namespace's enums cost
    about 20 ms to make in Python on their first use, which would delay the first paint.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")
    QGuiApplication.setDesktopFileName(DESKTOP_ENTRY)
    _name_the_process_for_the_windows_taskbar()
    app = QApplication([*sys.argv[:1], *STYLE_ARGUMENTS])
    if not icon_later:
        app.setWindowIcon(app_icon())
    apply_theme(app, style=False)
    install_language()
    return app


def _name_the_process_for_the_windows_taskbar() -> None:
    """Started through Python, Windows groups the window under python.exe and shows its icon;
    an explicit application id makes the task bar show MesoDesk's own."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(WINDOWS_APP_ID)


FIRST_PAINT_WAIT_MS = 500
"""How long the database waits for the frame's first paint before it is opened anyway."""


class Opened(NamedTuple):
    """What the worker that opens the database hands the window."""

    database: Any
    services: Services
    backups: BackupService | None


Opener = Callable[[Callable[[str], None], Progress], Opened]
"""Opens the database (migrating it, filling the demo), telling its progress in words and,
where it can be known (the demo fill), as a share done; the demo fill stops early, keeping what
it wrote, once that progress is cancelled."""
FirstPage = Callable[[], "list[PatientRow] | None"]
"""Reads the list's first page before the database is open, or None when it must wait."""


def demo_filling_words(patients: int) -> str:
    """What the opening page says while the demo database is filled, in the interface's
    language (the window's opener runs outside the UI and only passes the words on)."""
    return QCoreApplication.translate(
        "MesoDesk", "Filling the demo database with {count} patients…"
    ).format(count=patients)


class _OpeningProgress(QObject):
    """The opener's words and share done, carried from its worker's thread to the window's
    opening page, and the page's *Stop filling* to the progress the opener is given: only the
    demo fill reports a share, and it stops at its next clean point, keeping what it wrote."""

    said = Signal(str)
    share = Signal(float)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.progress = Progress(self.share.emit)
        self.said.connect(window.opening_hint.setText)
        self.share.connect(self._show)
        window.opening_stop_requested.connect(self.progress.cancel)

    def _show(self, share: float) -> None:
        self._window.show_opening_share(share, stoppable=self.progress.cancellable)

    @property
    def stopped(self) -> bool:
        """The user stopped the fill and it stopped before its end (a finished fill drops a
        stop that came too late)."""
        return self.progress.cancelled


def run_window(
    open_database: Opener, offer_setup: bool = True, first_page: FirstPage | None = None
) -> int:
    """Show the window's frame at once, open the database in a worker, then fill the window.

    A new database is set up first with the first-run wizard (`offer_setup` is False for the
    demo); once the practice has users, nobody sees a patient before signing in.

    Nothing the first paint does not need (SQLAlchemy, the upgrade check, the catalog, the
    panes) is imported or built before the frame is on the screen. Once it is, `first_page`
    may give the list's first page at once, shown read-only while the database opens (see
    `mesodesk.services.first_page`). A database that cannot be opened is explained in the
    window, which then only offers to quit.
    """
    app = application(icon_later=True)
    window = MainWindow(None, "")
    trace = _StartupTrace.from_environment(window)
    window.show()
    opened: list[Opened] = []
    failed: list[str] = []
    opening_progress = _OpeningProgress(window)

    def signed_in(result: object) -> None:
        """Once the practice has users, nobody sees a patient before signing in."""
        assert isinstance(result, Opened)
        opened.append(result)
        window.set_location(result.database.location)
        users = result.services.users
        if not users.any_users():
            set_up(result)
            return

        from mesodesk.ui.sign_in import SignInDialog

        window.opening_hint.setText(
            QCoreApplication.translate("MesoDesk", "Sign in to open the patients.")
        )
        dialog = SignInDialog(users, window, window.runner)
        dialog.accepted.connect(lambda: set_up(result))
        dialog.rejected.connect(lambda: QCoreApplication.exit(0))
        dialog.open()

    def set_up(result: Opened) -> None:
        """The one question before a new database's window fills: the user decides, or skips."""
        folder = result.backups.folder if result.backups is not None else None
        wizard = first_run_wizard(result.services, folder, window) if offer_setup else None
        if wizard is None:
            attach(result)
            return
        window.opening_hint.setText(
            QCoreApplication.translate("MesoDesk", "Setting up the clinic…")
        )

        def finished(_code: int) -> None:
            chosen = wizard.chosen_language()
            if chosen is not None:  # the panes, made next, speak it; the menus from next start
                choose_language(chosen or None)
                install_language(chosen or None)
            attach(result)

        wizard.finished.connect(finished)
        wizard.open()

    def attach(result: Opened) -> None:
        window.attach(result.services, result.backups)
        if trace is not None:
            trace.follow(window)
        database = result.database
        if database.notice:
            window.notices.warning(database.notice)
        elif opening_progress.stopped:
            window.notices.info(
                QCoreApplication.translate(
                    "MesoDesk",
                    "The demo was stopped early: it has the patients and visits filled so far.",
                )
            )
        elif database.backup_path is not None:
            window.notices.info(
                QCoreApplication.translate(
                    "MesoDesk", "The database was upgraded; the previous copy is kept at {path}."
                ).format(path=database.backup_path)
            )
        if window.backups is not None:
            window.backups.start_automatic()

    def refuse(error: object) -> None:
        if not isinstance(error, Exception) or not _is_user_error(error):
            raise error if isinstance(error, BaseException) else RuntimeError(str(error))
        print(f"mesodesk: error: {error}", file=sys.stderr)
        failed.append(str(error))
        window.show_opening_failed(
            QCoreApplication.translate("MesoDesk", "MesoDesk cannot open the database.")
            + "\n\n"
            + str(error)
        )

    def open_in_worker() -> None:
        if opening:
            return
        opening.append(True)
        app.setWindowIcon(app_icon())
        rows = first_page() if first_page is not None else None
        if rows:  # read before the worker starts: its imports would hold the interpreter
            window.show_first_page(rows)
            if trace is not None:
                trace.list_ready()
        window.runner.submit(
            lambda: open_database(opening_progress.said.emit, opening_progress.progress),
            signed_in,
            refuse,
        )

    # only once the frame is painted: the worker's imports would otherwise hold the
    # interpreter while the first paint waits for it
    opening: list[bool] = []
    app.installEventFilter(_FirstPaint(window, lambda: QTimer.singleShot(0, open_in_worker)))
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, open_in_worker)  # a window never painted (hidden)
    try:
        code = app.exec()
    finally:
        window.runner.wait()
        for result in opened:
            result.database.close()
    return 2 if failed else code


def first_run_wizard(
    services: Services, backups_folder: Path | None, parent: QWidget | None = None
) -> FirstRunWizard | None:
    """The set-up wizard for a database nobody has used yet, shown before the window fills;
    None when it is not due (patients or clinic settings stored, set up or skipped before)."""
    from mesodesk.ui.first_run_wizard import FirstRunWizard

    try:
        due = services.first_run.is_due()
    except ServiceError:
        return None  # the window opens and says what is wrong with the database
    if not due:
        return None
    return FirstRunWizard(services.first_run, backups_folder, parent=parent)


class _StartupTrace:
    """For the benchmark: with MESODESK_STARTUP_TRACE set to a file, the times (seconds since
    the epoch) the window was first painted and the list's first page arrived are written
    there, and the app quits once the list is ready."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.marks: list[str] = []
        self._ready = False

    @classmethod
    def from_environment(cls, window: MainWindow) -> _StartupTrace | None:
        where = os.environ.get("MESODESK_STARTUP_TRACE")
        if not where:
            return None
        trace = cls(Path(where))
        application().installEventFilter(_FirstPaint(window, lambda: trace.mark("window")))
        return trace

    def mark(self, what: str) -> None:
        import time

        self.marks.append(f"{what} {time.time():.6f}")
        self.target.write_text("\n".join(self.marks) + "\n", encoding="utf-8")

    def follow(self, window: MainWindow) -> None:
        """The list's first page from the services, unless it was shown before."""
        if not self._ready:
            window.patient_list.loaded.connect(lambda _count: self.list_ready())

    def list_ready(self) -> None:
        if self._ready:
            return
        self._ready = True
        self.mark("ready")
        QTimer.singleShot(0, lambda: QCoreApplication.exit(0))  # not refused by a window


class _FirstPaint(QObject):
    """Calls `then` at the first paint of anything in the application (as the Qt floor of the
    benchmark does), then stops looking."""

    def __init__(self, parent: QObject, then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            application().removeEventFilter(self)
            self._then()
        return False


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
    from mesodesk.services.backup import BackupService

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
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageWriter

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"PNG")).write(image):
        raise OSError(0, f"Cannot make the image {target}")
    write_private_file(target, bytes(buffer.data().data()))


def wait_until(condition: Callable[[], bool], timeout_ms: int = 5000) -> None:
    """Let Qt process events until `condition` holds or the time is up.

    Sleeps between events rather than polling: a polling loop would take the interpreter from
    the very worker it waits for."""
    from PySide6.QtCore import QEventLoop

    app = application()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(timeout_ms)
    while timer.isActive() and not condition():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def _is_user_error(exc: Exception) -> bool:
    """A refusal to show in words: every service error, and the database layer's (which the
    UI may not import, hence its name)."""
    return isinstance(exc, ServiceError) or type(exc).__name__ == "DatabaseError"
