"""A field with a line kept below it for its message, so a message never moves the form."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget


def with_error_line(parent: QWidget, content: QWidget | QLayout) -> tuple[QVBoxLayout, QLabel]:
    """`content` above an empty one-line label for its message; (the column, the label)."""
    error = QLabel(parent)
    error.setObjectName("fieldError")
    error.setWordWrap(True)
    error.setMinimumHeight(error.fontMetrics().lineSpacing())
    column = QVBoxLayout()
    column.setSpacing(2)
    if isinstance(content, QLayout):
        column.addLayout(content)
    else:
        column.addWidget(content)
    column.addWidget(error)
    return column, error
