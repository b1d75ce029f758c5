"""Every pane of the main window is reached with Tab, and every control can be named by a
screen reader: its text, its accessible name, or the label it is the buddy of."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.theme import STYLE

CTRL = Qt.KeyboardModifier.ControlModifier
MAX_STEPS = 150


def _active(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _tab_walk(qtbot, window: MainWindow, start: QWidget) -> list[QWidget]:
    """The widgets Tab reaches from `start` until it comes back round to it."""
    start.setFocus()
    reached: list[QWidget] = []
    for _ in range(MAX_STEPS):
        focused = window.focusWidget()
        assert focused is not None
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        if window.focusWidget() is start:
            return reached
    raise AssertionError(f"Tab never came back to the start: stuck at {reached[-5:]}")


def _unnamed(window: MainWindow) -> list[str]:
    """Visible buttons and text fields a screen reader could not name."""
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.text()}
    missing = []
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLineEdit):
        if not widget.isVisible() or widget.objectName().startswith("qt_"):
            continue  # Qt's own parts: scroll arrows, table corners, extension buttons
        parent = widget.parentWidget()
        if isinstance(parent, QLineEdit):
            continue  # a field's clear button belongs to the field
        if isinstance(widget, QLineEdit) and isinstance(parent, (QComboBox, QAbstractSpinBox)):
            widget = parent  # the editor inside a combo or spin box is named by its owner
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (text.strip() or widget.accessibleName().strip() or id(widget) in buddies):
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(parent).__name__}"
            )
    return missing


def test_tab_reaches_the_search_the_list_and_the_card(qtbot, window: MainWindow, clinic):
    _active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    search = window.patient_list.search
    assert search.hasFocus()
    reached = _tab_walk(qtbot, window, search)
    assert window.patient_list.view in reached
    assert window.form.last_name in reached and window.form.notes in reached
    assert reached.index(window.patient_list.view) < reached.index(window.form.last_name)
    assert _unnamed(window) == []


def test_tab_reaches_the_visit_notes_and_the_diagram(qtbot, window: MainWindow, clinic):
    _active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    assert window.patient_tabs.currentWidget() is window.visit_tab
    reached = _tab_walk(qtbot, window, window.patient_list.search)
    notes = window.visit_tab.form.notes
    diagram = window.visit_tab.diagram.view
    assert window.patient_list.view in reached
    assert notes in reached and diagram in reached
    assert _unnamed(window) == []
    window.visit.discard()


def test_every_tab_of_the_patient_has_only_named_controls(qtbot, window: MainWindow, clinic):
    _active(qtbot, window)
    for index in range(window.patient_tabs.count()):
        window.patient_tabs.setCurrentIndex(index)
        assert _unnamed(window) == [], window.patient_tabs.tabText(index)


def test_the_controls_without_words_carry_a_name(qtbot, window: MainWindow, clinic):
    assert window.patient_list.search.accessibleName() == "Search patients"
    assert window.patient_list.view.accessibleName() == "Patients"
    assert window.visit_tab.diagram.view.accessibleName() == "Injection diagram"
    assert window.notice_bar.dismiss.accessibleName()


@pytest.mark.parametrize(
    "make",
    [
        lambda parent: QPushButton("Save", parent),
        lambda parent: QToolButton(parent),
        lambda parent: QCheckBox("Pregnant", parent),
        lambda parent: QTableView(parent),
        lambda parent: QGraphicsView(parent),
    ],
    ids=["button", "tool button", "check box", "list", "diagram"],
)
def test_the_control_with_the_focus_looks_different(qtbot, make):
    holder = QWidget()
    holder.setStyleSheet(STYLE)
    qtbot.addWidget(holder)
    other = QLineEdit(holder)
    control = make(holder)
    control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    layout = QVBoxLayout(holder)
    layout.addWidget(other)
    layout.addWidget(control)
    holder.show()
    holder.activateWindow()
    qtbot.waitUntil(holder.isActiveWindow)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    before = control.grab().toImage()
    control.setFocus()
    qtbot.waitUntil(control.hasFocus)
    after = control.grab().toImage()
    assert before.size() == after.size()  # nothing moves
    assert before != after
