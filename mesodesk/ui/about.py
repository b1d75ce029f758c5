"""Help > About: which MesoDesk this is, where its data lives, and under which licence.

What support asks first (the version, the database in use, the data folder) is shown as text
that can be selected and copied.
"""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mesodesk import __version__
from mesodesk.paths import data_dir, resource_path
from mesodesk.ui.icons import app_icon

LICENCE_FILE = "licence.txt"
ICON_SIZE = 64


class AboutDialog(QDialog):
    """The version, the database location, the data folder and the licence text."""

    def __init__(self, database_location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About MesoDesk"))
        self.resize(620, 560)

        icon = QLabel(self)
        size = QSize(ICON_SIZE, ICON_SIZE)
        icon.setPixmap(app_icon().pixmap(size, self.devicePixelRatioF()))
        icon.setFixedSize(size)
        name = QLabel(self.tr("MesoDesk {version}").format(version=__version__), self)
        name.setObjectName("patientName")
        tagline = QLabel(self.tr("Charting for mesotherapists and cosmetologists."), self)
        tagline.setObjectName("mutedLabel")
        titles = QVBoxLayout()
        titles.addWidget(name)
        titles.addWidget(tagline)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(12)
        top.addLayout(titles, 1)

        facts = QFormLayout()
        self.version_label = self._fact(__version__)
        self.database_label = self._fact(database_location)
        self.data_folder_label = self._fact(str(data_dir(create=False)))
        facts.addRow(self.tr("Version:"), self.version_label)
        facts.addRow(self.tr("Database:"), self.database_label)
        facts.addRow(self.tr("Data folder:"), self.data_folder_label)
        facts.addRow(
            self.tr("Qt:"),
            self._fact(f"{qVersion()} (PySide6 {pyside_version})"),
        )
        facts.addRow(self.tr("Python:"), self._fact(platform.python_version()))

        self.licence = QPlainTextEdit(self)
        self.licence.setReadOnly(True)
        self.licence.setPlainText(reflow(resource_path(LICENCE_FILE).read_text(encoding="utf-8")))
        licence_heading = QLabel(self.tr("Licence"), self)
        licence_heading.setBuddy(self.licence)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addLayout(facts)
        layout.addSpacing(6)
        layout.addWidget(licence_heading)
        layout.addWidget(self.licence, 1)
        layout.addWidget(buttons)

    def _fact(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        return label


def reflow(text: str) -> str:
    """Hard-wrapped paragraphs and list items joined into lines the text box wraps to its width."""
    lines: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        continues = lines and lines[-1] and stripped and not stripped.startswith("- ")
        if continues:
            lines[-1] += " " + stripped
        else:
            lines.append(stripped)
    return "\n".join(lines)
