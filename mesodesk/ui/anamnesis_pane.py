"""The Anamnesis tab of the patient card: conditions, allergies, medications and the flags.

What is entered here is what the safety screening reads, so every list takes only what the
rules can use: conditions from the contraindication catalog, allergies by substance or group.
A medication's flags are ticked from the medicine dictionary as its name is typed; the
practitioner may untick one, and that is kept. The header follows the form as it is edited.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import limits
from mesodesk.domain.allergy import load_synonyms
from mesodesk.domain.anamnesis import AllergyEntry, Anamnesis, ConditionEntry, MedicationEntry
from mesodesk.domain.contraindications import RecordedAs
from mesodesk.domain.medicines import MedicationFlag, MedicineDictionary
from mesodesk.domain.patient import parse_day
from mesodesk.domain.safety_records import PatientAnamnesisRecord
from mesodesk.domain.vocabulary import IngredientGroup, ReactionSeverity
from mesodesk.services.errors import ServiceError, StaleRecord, ValidationFailed
from mesodesk.ui.language import interface_language
from mesodesk.ui.text import core_message, core_messages, show_date, vocab
from mesodesk.ui.wheel_guard import ComboBox

if TYPE_CHECKING:
    from mesodesk.services.registry import Services

ROW_HEIGHT = 28
MEDICATION_FLAGS = tuple(MedicationFlag)


@dataclass
class _MedicationRow:
    """What the form knows of a medication row beyond its cells: which flags the dictionary
    ticked (and may untick again as the name changes), and which the practitioner unticked."""

    implied: frozenset[MedicationFlag] = frozenset()
    auto: set[MedicationFlag] = field(default_factory=set)
    cleared: set[MedicationFlag] = field(default_factory=set)


class AnamnesisPane(QWidget):
    """Edits one patient's anamnesis; `edited(dirty)` fires on each change, `saved` after saving."""

    edited = Signal(bool)
    saved = Signal(object)  # PatientAnamnesisRecord

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._record: PatientAnamnesisRecord | None = None
        self._loading = False
        self._filling = False
        self._ticking = False
        catalog = services.anamnesis.catalog()
        self._conditions = catalog.recorded_as(RecordedAs.CONDITION)
        self._names = _substance_names(services)
        self._medicines: MedicineDictionary = services.anamnesis.medicines().dictionary
        self._medication_rows: dict[QLineEdit, _MedicationRow] = {}

        self.pregnant = self._check(self.tr("Pregnant"))
        self.due_on = self._date()
        self.childbirth_on = self._date()
        self.breastfeeding = self._check(self.tr("Breastfeeding"))
        self.keloid_tendency = self._check(self.tr("Tendency to keloid scars"))
        self.fear_of_injections = self._check(self.tr("Fear of injections"))
        self.high_skin_sensitivity = self._check(self.tr("High skin sensitivity"))
        self.pregnant.toggled.connect(self.due_on.setEnabled)

        self.conditions = self._table(
            [self.tr("Condition"), self.tr("Active"), self.tr("Noted on"), self.tr("Note")],
            stretch=(0, 3),
        )
        self.allergies = self._table(
            [self.tr("Substance"), self.tr("Or group"), self.tr("Reaction"), self.tr("Severity")],
            stretch=(0, 2),
        )
        self.medications = self._table(
            [
                self.tr("Medication"),
                self.tr("Anticoagulant"),
                self.tr("Antiplatelet"),
                self.tr("Retinoid"),
                self.tr("Hormonal"),
                self.tr("Immunosuppressant"),
            ],
            stretch=(0,),
        )
        self.medications.itemChanged.connect(self._flag_changed)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.save_button = QPushButton(self.tr("Save anamnesis"), self)
        self.save_button.setObjectName("primary")
        self.revert_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(self.save)

        body = QWidget(self)
        body.setObjectName("cardPane")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(self._flags_box())
        column.addWidget(
            self._list_box(
                self.tr("Conditions"),
                self.conditions,
                self.tr("Add &condition"),
                self.add_condition,
            )
        )
        column.addWidget(
            self._list_box(
                self.tr("Allergies and intolerances"),
                self.allergies,
                self.tr("Add a&llergy"),
                self.add_allergy,
            )
        )
        column.addWidget(
            self._list_box(
                self.tr("Current medications"),
                self.medications,
                self.tr("Add &medication"),
                self.add_medication,
            )
        )
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.load(None)

    # --- the editor protocol ----------------------------------------------------------------

    def load(
        self, record: PatientAnamnesisRecord | None, medicines: MedicineDictionary | None = None
    ) -> None:
        """Show `record`; `medicines` is the dictionary read with it (else read here)."""
        self._record = record
        self._loading = True
        try:
            facts = record.anamnesis if record else Anamnesis()
            self.pregnant.setChecked(facts.pregnant)
            self.due_on.setText(show_date(facts.pregnancy_due_on))
            self.due_on.setEnabled(facts.pregnant)
            self.childbirth_on.setText(show_date(facts.childbirth_on))
            self.breastfeeding.setChecked(facts.breastfeeding)
            self.keloid_tendency.setChecked(facts.keloid_tendency)
            self.fear_of_injections.setChecked(facts.fear_of_injections)
            self.high_skin_sensitivity.setChecked(facts.high_skin_sensitivity)
            for table in (self.conditions, self.allergies, self.medications):
                table.setRowCount(0)
            self._medication_rows.clear()
            self._medicines = (
                medicines
                if medicines is not None
                else self._services.anamnesis.medicines().dictionary
            )
            for condition in facts.conditions:
                self.add_condition(condition)
            for allergy in facts.allergies:
                self.add_allergy(allergy)
            for medication in facts.medications:
                self.add_medication(medication)
        finally:
            self._loading = False
        self.setEnabled(record is not None)
        self._show_error("")
        self._changed()

    def record(self) -> PatientAnamnesisRecord | None:
        return self._record

    def anamnesis(self) -> tuple[Anamnesis, str]:
        """What the form shows, and a message when a typed date cannot be read."""
        problems: list[str] = []

        def day(text: str, what: str) -> date | None:
            try:
                return parse_day(text)
            except ValueError as exc:
                problems.append(f"{what}: {core_message(str(exc))}")
                return None

        conditions = []
        for row in range(self.conditions.rowCount()):
            combo = self._combo_at(self.conditions, row, 0)
            conditions.append(
                ConditionEntry(
                    code=str(combo.currentData()),
                    active=self._checked(self.conditions, row, 1),
                    noted_on=day(self._text(self.conditions, row, 2), self.tr("Noted on")),
                    note=self._text(self.conditions, row, 3).strip(),
                )
            )
        allergies = []
        for row in range(self.allergies.rowCount()):
            group = self._combo_at(self.allergies, row, 1).currentData()
            severity = self._combo_at(self.allergies, row, 3).currentData()
            substance = self.allergies.cellWidget(row, 0)
            assert isinstance(substance, QLineEdit)
            allergies.append(
                AllergyEntry(
                    substance=substance.text().strip(),
                    group=IngredientGroup(group) if group else None,
                    reaction=self._text(self.allergies, row, 2).strip(),
                    severity=ReactionSeverity(severity) if severity else None,
                )
            )
        medications = []
        for row in range(self.medications.rowCount()):
            name = self._medication_name(row)
            state = self._medication_rows.get(name, _MedicationRow())
            implied = self._medicines.flags_for(name.text())
            ticked = {
                flag.value: self._checked(self.medications, row, column)
                for column, flag in enumerate(MEDICATION_FLAGS, start=1)
            }
            medications.append(
                MedicationEntry(
                    name.text().strip(),
                    anticoagulant=ticked["anticoagulant"],
                    antiplatelet=ticked["antiplatelet"],
                    retinoid=ticked["retinoid"],
                    hormonal=ticked["hormonal"],
                    immunosuppressant=ticked["immunosuppressant"],
                    cleared=frozenset(flag.value for flag in state.cleared & implied),
                )
            )
        pregnant = self.pregnant.isChecked()
        facts = Anamnesis(
            conditions=tuple(conditions),
            allergies=tuple(allergies),
            medications=tuple(medications),
            pregnant=pregnant,
            pregnancy_due_on=(
                day(self.due_on.text(), self.tr("Expected delivery")) if pregnant else None
            ),
            childbirth_on=day(self.childbirth_on.text(), self.tr("Childbirth")),
            breastfeeding=self.breastfeeding.isChecked(),
            keloid_tendency=self.keloid_tendency.isChecked(),
            fear_of_injections=self.fear_of_injections.isChecked(),
            high_skin_sensitivity=self.high_skin_sensitivity.isChecked(),
        )
        return facts, "; ".join(problems)

    def is_dirty(self) -> bool:
        if self._record is None:
            return False
        facts, problem = self.anamnesis()
        return bool(problem) or facts != self._record.anamnesis

    def save(self) -> bool:
        if self._record is None:
            return False
        facts, problem = self.anamnesis()
        if problem:
            self._show_error(problem)
            return False
        if facts == self._record.anamnesis:
            return True
        try:
            saved = self._services.anamnesis.save(replace(self._record, anamnesis=facts))
        except ValidationFailed as exc:
            self._show_error(core_messages(exc.errors.values()))
            return False
        except (StaleRecord, ServiceError) as exc:
            self._show_error(core_message(str(exc)))
            return False
        self.load(saved)
        self.saved.emit(saved)
        return True

    def discard(self) -> None:
        self.load(self._record)

    # --- rows -------------------------------------------------------------------------------

    def add_condition(self, entry: ConditionEntry | None = None) -> int:
        entry = entry or ConditionEntry(self._conditions[0].code, noted_on=date.today())
        row = self._new_row(self.conditions)
        combo = ComboBox(self.conditions)
        for item in self._conditions:
            shown, other = (item.name_en, item.name_ru)
            if interface_language() == "ru":
                shown, other = other, shown
            combo.addItem(shown, item.code)
            combo.setItemData(combo.count() - 1, other, Qt.ItemDataRole.ToolTipRole)
        if combo.findData(entry.code) < 0:
            combo.addItem(entry.code, entry.code)
        combo.setCurrentIndex(combo.findData(entry.code))
        combo.currentIndexChanged.connect(self._changed)
        self.conditions.setCellWidget(row, 0, combo)
        self.conditions.setItem(row, 1, _check_item(entry.active))
        self.conditions.setItem(row, 2, QTableWidgetItem(show_date(entry.noted_on)))
        self.conditions.setItem(row, 3, QTableWidgetItem(entry.note))
        self._row_done(self.conditions, row, combo)
        return row

    def add_allergy(self, entry: AllergyEntry | None = None) -> int:
        entry = entry or AllergyEntry()
        row = self._new_row(self.allergies)
        substance = QLineEdit(entry.substance, self.allergies)
        substance.setMaxLength(limits.ALLERGY_SUBSTANCE)
        substance.setPlaceholderText(self.tr("e.g. lidocaine"))
        completer = QCompleter(QStringListModel(self._names, substance), substance)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        substance.setCompleter(completer)
        substance.textChanged.connect(self._changed)
        self.allergies.setCellWidget(row, 0, substance)
        groups = [(self.tr("—"), None)] + [(vocab(g), g) for g in IngredientGroup]
        self.allergies.setCellWidget(row, 1, self._combo(self.allergies, groups, entry.group))
        self.allergies.setItem(row, 2, QTableWidgetItem(entry.reaction))
        severities = [(self.tr("—"), None)] + [(vocab(s), s) for s in ReactionSeverity]
        self.allergies.setCellWidget(
            row, 3, self._combo(self.allergies, severities, entry.severity)
        )
        self._row_done(self.allergies, row, substance)
        return row

    def add_medication(self, entry: MedicationEntry | None = None) -> int:
        entry = entry or MedicationEntry("")
        row = self._new_row(self.medications)
        name = QLineEdit(entry.name, self.medications)
        name.setPlaceholderText(self.tr("e.g. Warfarin 2.5 mg"))
        name.setMaxLength(160)
        completer = QCompleter(QStringListModel(self._medicines.names(), name), name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        name.setCompleter(completer)
        self._medication_rows[name] = _MedicationRow(
            implied=self._medicines.flags_for(entry.name),
            cleared={f for f in MEDICATION_FLAGS if f.value in entry.cleared},
        )
        name.textChanged.connect(lambda text, editor=name: self._medication_typed(editor, text))
        self.medications.setCellWidget(row, 0, name)
        for column, flag in enumerate(MEDICATION_FLAGS, start=1):
            item = _check_item(getattr(entry, flag.value))
            item.setToolTip(self.tr("Ticked from the medicine's name; untick if it does not apply"))
            self.medications.setItem(row, column, item)
        self._row_done(self.medications, row, name)
        return row

    def remove_current(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            if table is self.medications:
                self._medication_rows.pop(self._medication_name(row), None)
            table.removeRow(row)
            self._changed()

    # --- medications ticked by name ---------------------------------------------------------

    def _medication_typed(self, editor: QLineEdit, text: str) -> None:
        """Tick what the typed name implies; untick what only an earlier spelling implied.

        A flag the practitioner unticked for this name stays unticked, and one they ticked
        themselves is never taken away.
        """
        row = self._row_of(editor)
        state = self._medication_rows.get(editor)
        if row < 0 or state is None:
            return
        implied = self._medicines.flags_for(text)
        self._ticking = True
        try:
            for column, flag in enumerate(MEDICATION_FLAGS, start=1):
                item = self.medications.item(row, column)
                if item is None:
                    continue
                checked = item.checkState() == Qt.CheckState.Checked
                if flag in implied and flag not in state.cleared and not checked:
                    item.setCheckState(Qt.CheckState.Checked)
                    state.auto.add(flag)
                elif flag not in implied and flag in state.auto and checked:
                    item.setCheckState(Qt.CheckState.Unchecked)
                    state.auto.discard(flag)
        finally:
            self._ticking = False
        state.implied = implied
        self._changed()

    def _flag_changed(self, item: QTableWidgetItem) -> None:
        """A box ticked or unticked by the practitioner: remember an untick the name implies."""
        if self._ticking or self._loading or item.column() == 0:
            return
        state = self._medication_rows.get(self._medication_name(item.row()))
        if state is None:
            return
        flag = MEDICATION_FLAGS[item.column() - 1]
        state.auto.discard(flag)
        if item.checkState() == Qt.CheckState.Checked:
            state.cleared.discard(flag)
        elif flag in state.implied:
            state.cleared.add(flag)
        self._changed()  # again, now that the untick is known, so the header follows it

    def _medication_name(self, row: int) -> QLineEdit:
        editor = self.medications.cellWidget(row, 0)
        assert isinstance(editor, QLineEdit)
        return editor

    def _row_of(self, editor: QLineEdit) -> int:
        for row in range(self.medications.rowCount()):
            if self.medications.cellWidget(row, 0) is editor:
                return row
        return -1

    # --- building ---------------------------------------------------------------------------

    def _flags_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Pregnancy, childbirth and skin"), self)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(14)
        grid.addWidget(self.pregnant, 0, 0)
        due_label = QLabel(self.tr("Expected delivery"), box)
        due_label.setBuddy(self.due_on)
        childbirth_label = QLabel(self.tr("Childbirth on"), box)
        childbirth_label.setBuddy(self.childbirth_on)
        grid.addWidget(due_label, 0, 1)
        grid.addWidget(self.due_on, 0, 2)
        grid.addWidget(self.breastfeeding, 1, 0)
        grid.addWidget(childbirth_label, 1, 1)
        grid.addWidget(self.childbirth_on, 1, 2)
        grid.addWidget(self.keloid_tendency, 2, 0)
        grid.addWidget(self.fear_of_injections, 2, 1, 1, 2)
        grid.addWidget(self.high_skin_sensitivity, 3, 0)
        grid.setColumnStretch(3, 1)
        return box

    def _list_box(
        self,
        title: str,
        table: QTableWidget,
        add_text: str,
        add: Callable[[], int],
    ) -> QGroupBox:
        box = QGroupBox(title, self)
        add_button = QPushButton(add_text, box)
        add_button.clicked.connect(lambda: add())
        remove_button = QPushButton(self.tr("Remove"), box)
        remove_button.setToolTip(self.tr("Remove the selected row (Delete)"))
        remove_button.clicked.connect(lambda: self.remove_current(table))
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(lambda: self.remove_current(table))
        buttons = QHBoxLayout()
        buttons.addWidget(add_button)
        buttons.addWidget(remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.setSpacing(6)
        layout.addWidget(table)
        layout.addLayout(buttons)
        return box

    def _table(self, headers: list[str], stretch: tuple[int, ...]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        table.setTabKeyNavigation(False)
        table.setShowGrid(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        table.itemChanged.connect(self._changed)
        self._fit(table)
        return table

    def _new_row(self, table: QTableWidget) -> int:
        """An empty row; signals stay quiet until `_row_done`, as the row is not whole yet."""
        self._filling = self._loading
        self._loading = True
        row = table.rowCount()
        table.insertRow(row)
        return row

    def _row_done(self, table: QTableWidget, row: int, focus: QWidget | None) -> None:
        self._loading = self._filling
        self._fit(table)
        if not self._loading:
            table.setCurrentCell(row, 0)
            if focus is not None:
                focus.setFocus()
            else:
                table.setFocus()
                first = table.item(row, 0)
                if first is not None:
                    table.editItem(first)
            self._changed()

    @staticmethod
    def _fit(table: QTableWidget) -> None:
        """Tables grow with their rows so the page scrolls as one, not each table inside it."""
        rows = max(table.rowCount(), 1)
        height = table.horizontalHeader().sizeHint().height() + rows * ROW_HEIGHT + 4
        table.setFixedHeight(height)

    def _check(self, text: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.toggled.connect(self._changed)
        return box

    def _date(self) -> QLineEdit:
        line = QLineEdit(self)
        line.setPlaceholderText(self.tr("dd/mm/yyyy"))
        line.setMaxLength(10)
        line.setFixedWidth(110)
        line.textChanged.connect(self._changed)
        return line

    def _combo(
        self, parent: QWidget, items: Sequence[tuple[str, object]], value: object
    ) -> QComboBox:
        combo = ComboBox(parent)
        for text, data in items:
            combo.addItem(text, data)  # Qt keeps a StrEnum as its plain string value
        combo.setCurrentIndex(max(combo.findData(value), 0))
        combo.currentIndexChanged.connect(self._changed)
        return combo

    @staticmethod
    def _combo_at(table: QTableWidget, row: int, column: int) -> QComboBox:
        combo = table.cellWidget(row, column)
        assert isinstance(combo, QComboBox)
        return combo

    @staticmethod
    def _text(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text() if item is not None else ""

    @staticmethod
    def _checked(table: QTableWidget, row: int, column: int) -> bool:
        item = table.item(row, column)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.edited.emit(dirty)


def _check_item(checked: bool) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(
        Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    )
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def _substance_names(services: Services) -> list[str]:
    """Ingredient names in both languages, offered while typing an allergy: the synonym table's
    and the clinic's own ingredient catalog's."""
    names = {name for entry in load_synonyms().entries for name in entry.names}
    for ingredient in services.catalog.list_ingredients():
        names.update(n for n in (ingredient.name, ingredient.name_ru) if n)
    return sorted(names, key=str.casefold)
