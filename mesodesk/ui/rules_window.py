"""Settings > Clinic rules…: the contraindication catalog, the medicine dictionary and the
document texts the clinic keeps in the database, edited as the JSON files they always were.

Every workstation works from what is saved here. A version the app could not use is refused
with the reason under the editor and nothing is saved; unsaved edits of each rule are kept
while another one is looked at, so nothing asks before switching.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import limits
from mesodesk.paths import write_private_file
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.services.rules import (
    ClinicRuleRecord,
    ClinicRulesService,
    check_rule,
    rule_name,
    shipped_rule,
)
from mesodesk.services.templates import TEMPLATES_FILE
from mesodesk.ui.text import show_date

ERROR_STYLE = "color: #b42318;"
NOTE_STYLE = "color: #667085;"
WARNING_STYLE = "color: #b54708;"


class ClinicRulesWindow(QWidget):
    """A window of its own: the list of rules on the left, the chosen one's file on the right."""

    saved = Signal(str)
    """A rule was saved, imported or reset (its name): what the workstations now work from."""

    def __init__(self, rules: ClinicRulesService, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._rules = rules
        self._records: dict[str, ClinicRuleRecord] = {}
        self._drafts: dict[str, str] = {}
        self._showing: str | None = None
        self.setObjectName("clinicRulesWindow")
        self.setWindowTitle(self.tr("Clinic rules — MesoDesk"))
        self.resize(1000, 680)

        self.list = QListWidget(self)
        self.list.setFixedWidth(300)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: 600;")
        self.state = QLabel(self)
        self.state.setStyleSheet(NOTE_STYLE)
        self.editor = QPlainTextEdit(self)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setPlaceholderText(
            self.tr(
                "The clinic keeps no version of its own: the one shipped with MesoDesk is in "
                "force. Type the clinic's version here, start from the shipped one, or import "
                "a file."
            )
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setFixedHeight(3 * self.message.fontMetrics().lineSpacing() + 6)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setToolTip(self.tr("Save for every workstation (Ctrl+S)"))
        self.discard_button = QPushButton(self.tr("&Discard changes"), self)
        self.shipped_button = QPushButton(self.tr("Start from &shipped"), self)
        self.reset_button = QPushButton(self.tr("&Use shipped"), self)
        self.reset_button.setToolTip(
            self.tr("Drop the clinic's version: the one shipped with MesoDesk is in force")
        )
        self.import_button = QPushButton(self.tr("&Import file…"), self)
        self.export_button = QPushButton(self.tr("&Export file…"), self)

        buttons = QHBoxLayout()
        for button in (self.import_button, self.export_button, self.shipped_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.reset_button, self.discard_button, self.save_button):
            buttons.addWidget(button)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.state)
        right.addWidget(self.editor, 1)
        right.addWidget(self.message)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.list)
        layout.addLayout(right, 1)

        self.list.currentItemChanged.connect(self._chosen)
        self.editor.textChanged.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.shipped_button.clicked.connect(self.start_from_shipped)
        self.reset_button.clicked.connect(self.use_shipped)
        self.import_button.clicked.connect(self._import_chosen)
        self.export_button.clicked.connect(self._export_chosen)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.refresh()

    # --- what the user does -----------------------------------------------------------------

    def refresh(self) -> None:
        """Read the rules again (another workstation may have saved), keeping unsaved edits."""
        try:
            records = self._rules.rules()
        except ServiceError as error:
            self._say(str(error), ERROR_STYLE)
            return
        self._records = {record.name: record for record in records}
        chosen = self._showing or records[0].name
        self.list.blockSignals(True)
        self.list.clear()
        for record in records:
            item = QListWidgetItem(self._label(record.name), self.list)
            item.setData(Qt.ItemDataRole.UserRole, record.name)
        self.list.blockSignals(False)
        self.list.setCurrentRow(list(self._records).index(chosen))
        self._decorate()
        self._show(chosen)

    def choose(self, name: str) -> None:
        """Show the rule `name` (as in `rule_names`)."""
        self.list.setCurrentRow(list(self._records).index(name))

    def save(self) -> None:
        name = self._showing
        if name is None:
            return
        content = self.editor.toPlainText()
        if len(content) > limits.CLINIC_RULE_FILE:
            self._say(self.tr("This file is too large to keep; nothing was saved."), ERROR_STYLE)
            return
        revision = self._records[name].revision
        try:
            record = self._rules.save_rule(name, content, revision)
        except ValidationFailed as error:
            self._refused(error)
            return
        except ServiceError as error:
            self._say(str(error), ERROR_STYLE)
            return
        self._stored(record, self.tr("Saved: every workstation now works from this version."))

    def discard(self) -> None:
        """Drop the unsaved edit of the rule shown, back to what is stored."""
        if self._showing is not None:
            self._drafts.pop(self._showing, None)
            self.refresh()

    def start_from_shipped(self) -> None:
        """Put the shipped file in the editor (not saved), to edit from."""
        if self._showing is not None:
            self.editor.setPlainText(shipped_rule(self._showing))

    def use_shipped(self) -> None:
        name = self._showing
        if name is None:
            return
        try:
            record = self._rules.reset_rule(name, self._records[name].revision)
        except ServiceError as error:
            self._say(str(error), ERROR_STYLE)
            return
        self._stored(record, self.tr("The version shipped with MesoDesk is in force again."))

    def import_file(self, path: Path) -> None:
        """Store a file as the clinic's version of the rule shown (or the one its name says)."""
        name = rule_name(path.name) or self._showing
        if name is None:
            return
        try:
            if path.stat().st_size > 4 * limits.CLINIC_RULE_FILE:
                raise ValueError
            content = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            self._say(
                self.tr("{file} cannot be read as UTF-8 text; nothing was saved.").format(
                    file=path.name
                ),
                ERROR_STYLE,
            )
            return
        try:
            (record,) = self._rules.import_rules({name: content})
        except ValidationFailed as error:
            self.choose(name)
            self._refused(error)
            return
        except ServiceError as error:
            self._say(str(error), ERROR_STYLE)
            return
        self._drafts.pop(name, None)
        self.choose(name)
        self._stored(record, self.tr("Imported {file}.").format(file=path.name))

    def export_file(self, path: Path) -> None:
        """Write the rule shown as stored (the shipped one if the clinic keeps none)."""
        name = self._showing
        if name is None:
            return
        content = self._records[name].content
        try:
            write_private_file(path, (content or shipped_rule(name)).encode("utf-8"))
        except OSError as error:
            self._say(
                self.tr("{file} could not be written: {reason}").format(
                    file=path.name, reason=error.strerror or ""
                ),
                ERROR_STYLE,
            )
            return
        self._say(self.tr("Saved {file}.").format(file=path.name), NOTE_STYLE)

    def choose_import_file(self) -> Path | None:
        """Ask which file to import (replaced in tests)."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a clinic rules file"), "", self.tr("JSON files (*.json)")
        )
        return Path(name) if name else None

    def choose_export_file(self, suggested: str) -> Path | None:
        """Ask where to write the file (replaced in tests)."""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export a clinic rules file"), suggested, self.tr("JSON files (*.json)")
        )
        return Path(name) if name else None

    def unsaved(self) -> list[str]:
        """The rules with edits not saved yet."""
        return sorted(self._drafts)

    # --- inside -----------------------------------------------------------------------------

    def _import_chosen(self) -> None:
        path = self.choose_import_file()
        if path is not None:
            self.import_file(path)

    def _export_chosen(self) -> None:
        if self._showing is None:
            return
        path = self.choose_export_file(self._showing.rsplit("/", 1)[-1])
        if path is not None:
            self.export_file(path)

    def _chosen(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if current is not None:
            self._show(str(current.data(Qt.ItemDataRole.UserRole)))

    def _show(self, name: str) -> None:
        record = self._records[name]
        self._showing = None  # no draft is taken from the text being replaced
        self.editor.setPlainText(self._drafts.get(name, record.content or ""))
        self._showing = name
        self.title.setText(self._label(name) + f"  ({name})")
        if record.content is None:
            state = self.tr("Shipped with MesoDesk (the clinic keeps no version of its own)")
        else:
            saved_at = record.updated_at.astimezone() if record.updated_at else None
            when = f"{show_date(saved_at.date())} {saved_at:%H:%M}" if saved_at else ""
            state = self.tr("The clinic's version, saved {when} (revision {revision})").format(
                when=when, revision=record.revision
            )
        self.state.setText(state)
        self._say("", NOTE_STYLE)
        if record.content is not None:
            try:
                check_rule(name, record.content)
            except ValueError as error:
                unusable = self.tr(
                    "This version cannot be used, so the shipped one is in force: {reason}"
                )
                self._say(unusable.format(reason=str(error)), WARNING_STYLE)
        self._enable()

    def _edited(self) -> None:
        name = self._showing
        if name is None:
            return
        text = self.editor.toPlainText()
        if text == (self._records[name].content or ""):
            self._drafts.pop(name, None)
        else:
            self._drafts[name] = text
        self._enable()
        self._decorate()

    def _enable(self) -> None:
        name = self._showing
        dirty = name is not None and name in self._drafts
        stored = name is not None and self._records[name].content is not None
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)
        shipped = name is not None and name != TEMPLATES_FILE  # templates have no shipped set
        self.reset_button.setEnabled(stored and shipped and not dirty)

    def _decorate(self) -> None:
        """A mark beside each rule: the clinic's own (●), edited and not saved (*)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            name = str(item.data(Qt.ItemDataRole.UserRole))
            mark = "● " if self._records[name].content is not None else "    "
            text = mark + self._label(name) + (" *" if name in self._drafts else "")
            if item.text() != text:
                item.setText(text)

    def _stored(self, record: ClinicRuleRecord, message: str) -> None:
        self._drafts.pop(record.name, None)
        self.refresh()
        self._say(message, NOTE_STYLE)
        self.saved.emit(record.name)

    def _refused(self, error: ValidationFailed) -> None:
        reasons = " ".join(error.errors.values()) or str(error)
        self._say(
            self.tr("Not saved: {reason}").format(reason=reasons),
            ERROR_STYLE,
        )

    def _say(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
        self.message.setToolTip(text)

    def _label(self, name: str) -> str:
        """The rule as a practitioner calls it: "Aftercare sheet, Russian"."""
        if name.endswith("contraindications.json"):
            return self.tr("Contraindication catalog")
        if name.endswith("medicines.json"):
            return self.tr("Medicine dictionary")
        if name.endswith("templates.json"):
            return self.tr("Charting templates")
        kind, _, language = name.rsplit("/", 1)[-1].removesuffix(".json").rpartition(".")
        kinds = {
            "common": self.tr("Wording common to documents"),
            "aftercare": self.tr("Aftercare sheet"),
            "consent": self.tr("Consent form"),
            "visit_summary": self.tr("Visit summary"),
        }
        languages = {"ru": self.tr("Russian"), "en": self.tr("English")}
        return self.tr("{document}, {language}").format(
            document=kinds.get(kind, kind), language=languages.get(language, language)
        )
