"""Documents from the Visit menu: built off the GUI thread, previewed, printed and saved."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from mesodesk.domain.vocabulary import Language
from mesodesk.ui.documents import DocumentActions, DocumentPreview
from mesodesk.ui.main_window import MainWindow
from tests.document_visits import add_face_visit, page_count, pdf_text


def _open_visit(window: MainWindow, sqlite_db) -> int:
    visit_id = add_face_visit(sqlite_db.sessions)
    patient_id = window.services.visits.get(visit_id).patient_id
    window.open_patient(patient_id)
    window.open_visit(visit_id)
    return visit_id


def _preview(qtbot, window: MainWindow) -> DocumentPreview:
    qtbot.waitUntil(lambda: window.findChild(DocumentPreview) is not None)
    preview = window.findChild(DocumentPreview)
    qtbot.waitUntil(lambda: preview.document is not None and not window.runner.busy)
    return preview


def test_document_actions_are_enabled_only_while_a_visit_is_open(window, sqlite_db) -> None:
    actions = window.findChild(DocumentActions)
    assert not actions.aftercare_action.isEnabled()

    _open_visit(window, sqlite_db)
    assert actions.aftercare_action.isEnabled() and actions.consent_action.isEnabled()

    window.visit.close()
    assert not actions.summary_action.isEnabled()
    assert not actions.mesoscooter_action.isEnabled()


def test_ctrl_p_previews_the_aftercare_sheet_as_one_page(qtbot, window, sqlite_db) -> None:
    _open_visit(window, sqlite_db)

    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = _preview(qtbot, window)

    assert preview.page_count == 1
    assert preview.page_label.text() == "Page 1 of 1"
    assert preview.language.currentData() == Language.RUSSIAN.value
    assert not preview.page_view.pixmap().isNull()
    assert "Иванова Мария Петровна" in pdf_text(preview.document.pdf)


def test_switching_the_language_rebuilds_the_sheet_in_english(qtbot, window, sqlite_db) -> None:
    _open_visit(window, sqlite_db)
    window.findChild(DocumentActions).aftercare_action.trigger()
    preview = _preview(qtbot, window)

    index = preview.language.findData(Language.ENGLISH.value)
    preview.language.setCurrentIndex(index)
    preview.language.activated.emit(index)
    qtbot.waitUntil(
        lambda: preview.document.language is Language.ENGLISH and not window.runner.busy
    )

    assert "decorative cosmetics" in pdf_text(preview.document.pdf)


def test_save_pdf_writes_the_previewed_document_for_the_owner_only(
    qtbot, window, sqlite_db, tmp_path: Path
) -> None:
    _open_visit(window, sqlite_db)
    window.findChild(DocumentActions).consent_action.trigger()
    preview = _preview(qtbot, window)
    target = tmp_path / "consent"
    suggested: list[Path] = []
    preview.choose_save_path = lambda path: suggested.append(path) or target

    preview.save_button.click()

    assert suggested[0].name == "Согласие_Иванова_Мария_Петровна_2025-03-12.pdf"

    saved = tmp_path / "consent.pdf"
    assert saved.read_bytes() == preview.document.pdf
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert "Saved" in preview.status.text()


def test_print_sends_every_page_to_the_chosen_printer(
    qtbot, window, sqlite_db, tmp_path: Path
) -> None:
    _open_visit(window, sqlite_db)
    window.findChild(DocumentActions).summary_action.trigger()
    preview = _preview(qtbot, window)
    printed = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(72)
        return True

    preview.choose_printer = to_file
    preview.print_button.click()
    qtbot.waitUntil(lambda: preview.status.text() == "Sent to the printer.")

    assert page_count(printed.read_bytes()) == preview.page_count


def test_closing_the_preview_while_building_leaves_the_window_working(
    qtbot, window, sqlite_db
) -> None:
    _open_visit(window, sqlite_db)
    preview = window.findChild(DocumentActions).open_document("aftercare")
    preview.close()
    qtbot.waitUntil(lambda: not window.runner.busy)
    QApplication.processEvents()

    assert window.findChild(DocumentPreview) is None
    assert not window.notice_bar.is_showing()


def test_the_mesoscooter_care_sheet_has_its_own_menu_entry(qtbot, window, sqlite_db) -> None:
    _open_visit(window, sqlite_db)
    actions = window.findChild(DocumentActions)
    assert actions.mesoscooter_action in window.menus["visit"].actions()

    actions.mesoscooter_action.trigger()
    preview = _preview(qtbot, window)

    assert preview.page_count == 1
    assert "Как ухаживать за мезороллером дома" in pdf_text(preview.document.pdf)


def test_an_empty_visit_is_refused_inside_the_preview(qtbot, window, sqlite_db) -> None:
    done = window.services.visits.get(add_face_visit(sqlite_db.sessions))
    planned = window.services.visits.start_visit(
        done.patient_id, done.starts_at + timedelta(days=40), "Сидорова А. В."
    )
    window.open_patient(planned.patient_id)
    window.open_visit(planned.id)

    preview = window.findChild(DocumentActions).open_document("aftercare")
    qtbot.waitUntil(lambda: not window.runner.busy)
    qtbot.waitUntil(lambda: "nothing to put on an aftercare sheet" in preview.status.text())

    assert preview.document is None
    assert "nothing to put on an aftercare sheet" in preview.page_view.text()
    assert not preview.save_button.isEnabled() and not preview.print_button.isEnabled()
    assert not window.notice_bar.is_showing(), "a refusal is said where the user looks, once"
