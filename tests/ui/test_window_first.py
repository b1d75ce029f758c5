"""The window shows before the database is open: its frame first, the panes when the database
is ready, with nothing moving in between; a database that cannot be opened is explained in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

from mesodesk.services.backup import BackupService
from mesodesk.services.registry import Services
from mesodesk.ui.app import APPLICATION, ORGANIZATION
from mesodesk.ui.main_window import DISCARD, MainWindow

HEAVY = ("sqlalchemy", "alembic", "reportlab")


def _frame(qtbot, tmp_path: Path) -> MainWindow:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings().clear()
    frame = MainWindow(None, "")
    frame.ask_unsaved_changes = lambda: DISCARD
    qtbot.addWidget(frame)
    frame.resize(1280, 800)
    frame.show()
    qtbot.waitExposed(frame)
    return frame


def test_the_frame_shows_menus_and_a_busy_hint_and_waits_with_its_commands(qtbot, tmp_path):
    frame = _frame(qtbot, tmp_path)
    assert frame.opening_hint.isVisible()
    assert frame.opening_hint.text() == "Opening the database…"
    titles = [action.text() for action in frame.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Patient", "V&isit", "&Tools", "&Help"]
    assert not frame.new_action.isEnabled() and not frame.find_action.isEnabled()
    assert frame.quit_action.isEnabled() and frame.about_action.isEnabled()


def test_attaching_fills_the_same_window_without_moving_the_toolbar_or_the_list_edge(
    qtbot, tmp_path, sqlite_db, sqlite_services: Services
):
    frame = _frame(qtbot, tmp_path)
    toolbar_bottom = frame.toolbar.geometry().bottom()
    list_edge = frame.opening.sizes()[0]
    frame.set_location(sqlite_db.location)
    frame.attach(sqlite_services, BackupService.for_database(sqlite_db))
    qtbot.waitUntil(lambda: not frame.runner.busy)
    assert frame.splitter.isVisible() and frame.splitter.window() is frame
    assert frame.new_action.isEnabled() and frame.find_action.isEnabled()
    assert frame.toolbar.geometry().bottom() == toolbar_bottom
    assert frame.splitter.sizes()[0] == list_edge
    assert frame.location_label.text() == f"Database: {Path(sqlite_db.location).name}"
    assert frame.start_visit_action in frame.menus["visit"].actions()
    frame.runner.wait()


def test_a_database_that_cannot_be_opened_is_explained_where_the_list_would_be(qtbot, tmp_path):
    frame = _frame(qtbot, tmp_path)
    frame.show_opening_failed("MesoDesk cannot open the database.\n\nIt is not a database.")
    assert "It is not a database." in frame.opening_hint.text()
    frame.close()
    assert not frame.isVisible()


def test_the_window_and_its_panes_import_no_database_layer_and_no_pdf_library():
    """What the first paint needs is Qt and the window; SQLAlchemy, Alembic and reportlab load
    in the worker that opens the database, or when a document is first built."""
    probe = (
        "import sys, mesodesk.cli, mesodesk.ui.app, mesodesk.ui.main_window\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
        "import mesodesk.services.registry, mesodesk.db\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert shown == ["[]", "['sqlalchemy']"], "the window must not import: " + shown[0]


def test_a_slow_opening_shows_how_far_it_has_come_under_the_hint_without_moving_it(qtbot, tmp_path):
    frame = _frame(qtbot, tmp_path)
    hint = frame.opening_hint.geometry()
    assert not frame.opening_bar.isVisible()

    frame.show_opening_share(0.4)

    assert frame.opening_bar.isVisible()
    assert frame.opening_bar.value() == frame.opening_bar.maximum() * 4 // 10
    assert frame.opening_hint.geometry() == hint, "the hint does not move"
    frame.show_opening_share(1.0)
    assert not frame.opening_bar.isVisible()
    assert frame.opening_hint.geometry() == hint


def _patients(services: Services, count: int) -> list[int]:
    from mesodesk.domain.patient import PatientCard

    cards = [PatientCard(last_name=f"Patient{n:03d}", first_name="Anna") for n in range(count)]
    return services.patients.save_many(cards)


def test_the_first_page_shows_before_the_database_opens_and_a_patient_chosen_meanwhile_opens(
    qtbot, tmp_path, sqlite_db, sqlite_services: Services
):
    from mesodesk.services.first_page import read_first_page

    ids = _patients(sqlite_services, 5)
    assert sqlite_db.path is not None
    rows = read_first_page(sqlite_db.path)
    assert rows is not None
    frame = _frame(qtbot, tmp_path)
    list_edge = frame.opening.sizes()[0]
    frame.show_first_page(rows)
    early = frame.early_list
    assert early is not None and early.isVisible()
    assert early.model.rowCount() == 5 and not early.search.isEnabled()
    assert frame.opening_hint.isVisible() and frame.opening.sizes()[0] == list_edge
    early.view.selectRow(2)
    assert "as soon as it is ready" in frame.opening_hint.text()

    frame.attach(sqlite_services)
    qtbot.waitUntil(lambda: not frame.runner.busy)
    assert frame.patient_list is early and early.search.isEnabled()
    assert frame.splitter.sizes()[0] == list_edge
    assert frame.form.loaded_card().id == ids[2] == early.current_id()
    assert frame.card_stack.currentIndex() == 1
    early.search.setText("patient004")
    with qtbot.waitSignal(early.loaded):
        early.refresh()
    assert [early.model.row_at(r).id for r in range(early.model.rowCount())] == [ids[4]]
    frame.runner.wait()


def test_a_first_page_shown_goes_when_the_database_then_cannot_be_opened(
    qtbot, tmp_path, sqlite_db, sqlite_services: Services
):
    from mesodesk.services.first_page import read_first_page

    _patients(sqlite_services, 2)
    assert sqlite_db.path is not None
    rows = read_first_page(sqlite_db.path)
    assert rows is not None
    frame = _frame(qtbot, tmp_path)
    frame.show_first_page(rows)
    frame.show_opening_failed("MesoDesk cannot open the database.\n\nIt is locked.")
    assert frame.early_list is not None and not frame.early_list.isVisible()
    assert frame.opening_hint.isVisible() and "It is locked." in frame.opening_hint.text()
