"""One calm, clinical look: Fusion style, a light palette and a teal accent."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#0f766e"
DANGER = "#b42318"

FOCUS_TINT = "#e6f4f1"
FOCUS = f"""
QPushButton:focus {{ border: 1px solid {ACCENT}; background: {FOCUS_TINT}; }}
QPushButton#primary:focus {{ border: 1px solid #053d39; background: #0b5f58; }}
QToolButton:focus {{ border: 1px solid {ACCENT}; border-radius: 4px; background: {FOCUS_TINT}; }}
QCheckBox:focus, QRadioButton:focus {{ background: {FOCUS_TINT}; border-radius: 3px; }}
QTableView:focus, QListView:focus, QTreeView:focus {{ border: 1px solid {ACCENT}; }}
QGraphicsView {{ border: 1px solid transparent; }}
QGraphicsView:focus {{ border: 1px solid {ACCENT}; }}
QTextBrowser:focus {{ border: 1px solid {ACCENT}; }}
"""
"""Where the keyboard is: every control that takes focus shows it in the accent colour, with
the same border width as without focus, so nothing moves as Tab goes through the panes."""

STYLE = f"""
QMainWindow, QWidget#cardPane {{ background: #f6f7f9; }}
QToolBar {{ background: #ffffff; border: none; border-bottom: 1px solid #e3e6ea; spacing: 4px;
           padding: 3px 6px; }}
QToolBar QToolButton {{ padding: 4px 10px; border-radius: 4px; }}
QToolBar QToolButton:hover {{ background: #e8f3f1; }}
QGroupBox {{ background: #ffffff; border: 1px solid #e3e6ea; border-radius: 6px;
            margin-top: 14px; padding: 10px 10px 6px 10px; font-weight: 600; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #344054; }}
QGroupBox QLabel, QGroupBox QLineEdit, QGroupBox QComboBox, QGroupBox QPlainTextEdit
    {{ font-weight: normal; }}
QLineEdit, QComboBox, QPlainTextEdit {{ border: 1px solid #cfd4dc; border-radius: 4px;
    padding: 4px 6px; background: #ffffff; selection-background-color: {ACCENT}; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit#patientSearch {{ padding: 6px 8px; font-size: 10.5pt; }}
QTableView {{ background: #ffffff; border: 1px solid #e3e6ea; border-radius: 6px;
             alternate-background-color: #f9fafb; selection-background-color: #d7eeeb;
             selection-color: #101828; }}
QHeaderView::section {{ background: #f2f4f7; border: none; border-bottom: 1px solid #e3e6ea;
                       padding: 5px 6px; color: #475467; font-weight: 600; }}
QFrame#patientHeader {{ background: #ffffff; border: 1px solid #e3e6ea; border-radius: 6px;
                       border-left: 4px solid {ACCENT}; }}
QLabel#patientName {{ font-size: 15pt; font-weight: 600; color: #101828; }}
QLabel#patientDetails {{ color: #475467; }}
QLabel#patientAlerts {{ color: {DANGER}; font-weight: 600; }}
QLabel#fieldError {{ color: {DANGER}; font-size: 8.5pt; }}
QLabel#mutedLabel {{ color: #667085; }}
QLabel#emptyState {{ color: #667085; font-size: 11pt; }}
QFrame#banner {{ border-radius: 6px; border: 1px solid #b2ddff; background: #eff8ff; }}
QFrame#banner[kind="warning"] {{ border: 1px solid #fedf89; background: #fffaeb; }}
QFrame#banner[kind="error"] {{ border: 1px solid #fecdca; background: #fef3f2; }}
QFrame#banner[kind="success"] {{ border: 1px solid #abefc6; background: #ecfdf3; }}
QPushButton {{ padding: 5px 14px; border-radius: 4px; border: 1px solid #cfd4dc;
              background: #ffffff; }}
QPushButton:hover {{ background: #f2f4f7; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT}; }}
QPushButton#primary:disabled {{ background: #9ccfc9; border-color: #9ccfc9; }}
QStatusBar {{ background: #ffffff; border-top: 1px solid #e3e6ea; color: #475467; }}
QSplitter::handle {{ background: #e3e6ea; }}
QFrame#chip {{ border-radius: 10px; border: 1px solid #cfd4dc; background: #f9fafb; }}
QFrame#chip[charted="true"] {{ border: 1px solid #99d5cd; background: #e6f4f1; }}
QFrame#chip QLabel {{ font-weight: normal; color: #101828; }}
QToolButton#chipAdd {{ border: 1px dashed #98a2b3; border-radius: 10px; padding: 1px 8px;
                      color: #344054; }}
QToolButton#chipRemove {{ padding: 0 2px; color: #667085; }}
QLabel#chartCheck {{ color: #344054; }}
QLabel#chartCheck[agrees="yes"] {{ color: #067647; }}
QLabel#chartCheck[agrees="no"] {{ color: #b54708; font-weight: 600; }}
QLabel#signatureNote {{ background: #e6f4f1; border: 1px solid {ACCENT}; border-radius: 6px;
                       padding: 6px 10px; color: #0b4f4a; }}
ElidedLabel#visitTitle {{ font-size: 11pt; font-weight: 600; color: #101828; }}
{FOCUS}"""


STYLE_ARGUMENTS = ("-style", "Fusion")
"""Fusion, as the command line a new QApplication reads: `app.setStyle` would make PySide build
QStyle's many enums in Python (about 5 ms) before the window's first paint."""


def apply_theme(app: QApplication, style: bool = True) -> None:
    """The palette, font and stylesheet, and Fusion unless `app` was made with
    `STYLE_ARGUMENTS`."""
    if style:
        app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f6f7f9"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    app.setStyleSheet(STYLE)
