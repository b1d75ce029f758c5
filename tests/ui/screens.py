"""Walking a screen's visible widgets for the ones cut short of what their text needs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QToolBar,
    QToolButton,
    QWidget,
)

from mesodesk.ui.elided import ElidedLabel

SLACK = 1
"""A pixel of rounding between a size hint and the size laid out."""


def clipped(root: QWidget) -> list[str]:
    """Every visible label, check box, button and tool button smaller than it needs, and every
    toolbar whose buttons spill into an overflow menu."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.isVisible():
            continue
        if isinstance(widget, QToolBar):
            extension = widget.findChild(QToolButton, "qt_toolbar_ext_button")
            if extension is not None and extension.isVisible():
                found.append(f"toolbar {widget.objectName() or widget}: actions in the overflow")
            continue
        if isinstance(widget, ElidedLabel) or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QLabel):
            if not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
                continue
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + SLACK:
                    found.append(_describe(widget, f"height {widget.height()} < {needed}"))
                continue
        elif not isinstance(widget, QCheckBox | QRadioButton | QPushButton | QToolButton):
            continue
        hint = widget.sizeHint()
        if hint.width() > widget.width() + SLACK:
            found.append(_describe(widget, f"width {widget.width()} < {hint.width()}"))
        elif hint.height() > widget.height() + SLACK:
            found.append(_describe(widget, f"height {widget.height()} < {hint.height()}"))
    return found


def _describe(widget: QWidget, problem: str) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    return f"{type(widget).__name__} {text!r} ({widget.objectName()}): {problem}"
