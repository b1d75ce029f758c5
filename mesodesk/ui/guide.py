"""Help > User guide (F1): the short guide shipped in resources/guide, in the interface's
language, in a window of its own beside the main window (not a browser: it works offline and
never leaves the app)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from mesodesk.paths import resource_path

GUIDE_LANGUAGES = ("en", "ru")
GUIDE_SIZE = (900, 680)


def guide_language(setting: str, system: QLocale) -> str:
    """The guide's language: the one chosen in the settings, else the computer's (Russian for
    a Russian locale), else English."""
    if setting in GUIDE_LANGUAGES:
        return setting
    return "ru" if system.language() == QLocale.Language.Russian else "en"


def guide_file(language: str) -> Path:
    return resource_path("guide", f"guide_{language}.html")


class GuideWindow(QWidget):
    """The guide with its contents' links, Back and Contents; Esc closes it."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("MesoDesk user guide"))
        self.setObjectName("userGuide")
        self.language = ""
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(self.tr("User guide"))
        self.back_button = QPushButton(self.tr("&Back"), self)
        self.back_button.setEnabled(False)
        self.contents_button = QPushButton(self.tr("&Contents"), self)
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.contents_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        close = QAction(self.tr("Close"), self)
        close.setShortcuts(
            [QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Close)]
        )
        close.triggered.connect(self.close)
        self.addAction(close)
        self.back_button.clicked.connect(self.browser.backward)
        self.contents_button.clicked.connect(self._contents)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.resize(*GUIDE_SIZE)
        self.show_language(language)

    def show_language(self, language: str) -> None:
        """Open the guide in `language` ("en" or "ru") at its contents."""
        if language == self.language:
            return
        self.language = language
        self.browser.setSource(QUrl.fromLocalFile(str(guide_file(language))))
        self.browser.clearHistory()

    def _contents(self) -> None:
        self.browser.home()
        self.browser.verticalScrollBar().setValue(0)
