"""The mouse wheel scrolls the page; it never changes a field the user is not typing in.

Qt lets the wheel change a combo box, spin box or date field under the pointer even without
focus, so scrolling a long form silently changed lots and volumes. One filter on the
application gives those fields focus only by click or Tab, and hands the wheel over an
unfocused one to the page around it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            if watched.focusPolicy() & Qt.FocusPolicy.WheelFocus == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind != QEvent.Type.Wheel or not isinstance(watched, GUARDED):
            return False
        if watched.hasFocus() or _popup_open(watched):
            return False
        page = _scrolling_ancestor(watched)
        if page is not None:
            QCoreApplication.sendEvent(page.verticalScrollBar(), event)
        return True


def _popup_open(widget: QWidget) -> bool:
    return isinstance(widget, QComboBox) and widget.view().isVisible()


def _scrolling_ancestor(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest enclosing area that can scroll vertically (a fixed-height table inside a
    scrolling form passes the wheel on to the form)."""
    parent = widget.parentWidget()
    fallback: QAbstractScrollArea | None = None
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            bar = parent.verticalScrollBar()
            if bar.maximum() > bar.minimum():
                return parent
            fallback = fallback or parent
        parent = parent.parentWidget()
    return fallback


def install_wheel_guard(app: QApplication) -> None:
    """Install the guard once per application (the window calls this; so do tests)."""
    if app.findChild(WheelGuard) is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
