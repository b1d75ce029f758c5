"""What every catalog tab shares: a table over records and an edit form beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mesodesk.services.errors import ServiceError, StaleRecord, ValidationFailed
from mesodesk.ui.text import core_message

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

DANGER = QColor("#b42318")
CAUTION = QColor("#b54708")
MUTED = QColor("#667085")


@dataclass(frozen=True)
class Column(Generic[R]):
    """One table column: its header, the text of a cell, and optionally the cell's colour."""

    title: str
    text: Callable[[R], str]
    colour: Callable[[R], QColor | None] | None = None


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table over a list of frozen records; the form beside it does the editing."""

    def __init__(self, columns: Sequence[Column[R]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(record)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(record)
            return QBrush(colour) if colour is not None else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].title
        return None


def record_table(model: QAbstractTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


def fit_columns(view: QTableView, widest: int) -> None:
    """Size columns to their text, none wider than `widest` pixels (the last one stretches)."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount()):
        if view.columnWidth(column) > widest:
            view.setColumnWidth(column, widest)


class CatalogPage(QWidget, Generic[R]):
    """A catalog tab: records on the left, the chosen one's form on the right.

    Subclasses give the columns, build the form, and say how a record is loaded, read back
    from the form, stored and deleted. Field errors appear under the form, in words.
    """

    changed = Signal()

    def __init__(self, confirm: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._confirm = confirm
        self._current: R | None = None
        self._dirty = False
        self._loading = False
        self.model: RecordTableModel[R] = RecordTableModel(self.columns(), self)
        self.table = record_table(self.model, self)
        self.form_box = QGroupBox(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.starter_tag = QLabel(self.tr("Starter catalog entry: yours to edit."), self)
        self.starter_tag.setObjectName("mutedLabel")
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.new_button = QPushButton(self.new_text(), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("primary")
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.delete_button.setToolTip(self.tr("Ctrl+Delete"))

        form_layout = QVBoxLayout(self.form_box)
        form_layout.addWidget(self.starter_tag)
        form_layout.addLayout(self.form)
        self.build_form(self.form)
        form_layout.addWidget(self.error)
        form_layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form_layout.addLayout(buttons)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.build_toolbar(top)
        top.addStretch(1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.form_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(splitter)

        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.start_new),
            (QKeySequence.StandardKey.Save, self.save),
            ("Ctrl+Delete", self.delete),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.reload()
        self.start_new()

    # --- for subclasses ---------------------------------------------------------------------

    def columns(self) -> list[Column[R]]:
        raise NotImplementedError

    def new_text(self) -> str:
        return self.tr("New")

    def build_toolbar(self, row: QHBoxLayout) -> None:
        """Widgets above the table, such as a filter (none by default)."""

    def build_form(self, form: QFormLayout) -> None:
        raise NotImplementedError

    def fetch(self) -> list[R]:
        raise NotImplementedError

    def show_record(self, record: R | None) -> None:
        """Fill the form from `record`, or empty it for a new one."""
        raise NotImplementedError

    def read_form(self, current: R | None) -> R:
        """The record as typed; raise ValidationFailed for what cannot be read."""
        raise NotImplementedError

    def store(self, record: R) -> R:
        raise NotImplementedError

    def remove(self, record: R) -> None:
        raise NotImplementedError

    def describe(self, record: R) -> str:
        raise NotImplementedError

    def is_builtin(self, record: R | None) -> bool:
        return bool(getattr(record, "builtin", False))

    def edited(self, *_: object) -> None:
        """Connect every field's change signal here so leaving asks before losing typing."""
        if not self._loading:
            self._dirty = True

    # --- behaviour --------------------------------------------------------------------------

    def current(self) -> R | None:
        return self._current

    def is_dirty(self) -> bool:
        return self._dirty

    def reload(self, select: R | None = None) -> None:
        """Read the records again, keeping `select` (or the current record) chosen."""
        keep = select if select is not None else self._current
        self.model.set_rows(self.fetch())
        fit_columns(self.table, widest=300)
        if keep is not None:
            self.select_record(getattr(keep, "id", None))

    def select_record(self, record_id: object) -> None:
        for row, record in enumerate(self.model.rows()):
            if getattr(record, "id", None) == record_id:
                blocker = self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(blocker)
                self.table.scrollTo(self.model.index(row, 0))
                self._load(record)
                return

    def start_new(self) -> None:
        if not self._may_leave():
            return
        self.table.clearSelection()
        self._load(None)
        self.focus_first()

    def focus_first(self) -> None:
        """Put the cursor in the first field of the form."""
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is not None and item.widget() is not None:
                item.widget().setFocus()
                return

    def save(self) -> bool:
        self._show_error("")
        try:
            record = self.read_form(self._current)
            saved = self.store(record)
        except ValidationFailed as exc:
            self._show_error("\n".join(exc.errors.values()))
            return False
        except StaleRecord as exc:
            self._show_error(core_message(str(exc)))
            self._dirty = False
            self.reload()
            return False
        except ServiceError as exc:
            self._show_error(core_message(str(exc)))
            return False
        self._dirty = False
        self.reload(select=saved)
        self.changed.emit()
        return True

    def delete(self) -> None:
        record = self._current
        if record is None:
            return
        if not self._confirm(self.tr("Delete {what}?").format(what=self.describe(record))):
            return
        try:
            self.remove(record)
        except ServiceError as exc:
            self._show_error(core_message(str(exc)))
            return
        self._dirty = False
        self._current = None
        self.reload()
        self._load(None)
        self.changed.emit()

    def _row_chosen(self, index: QModelIndex, previous: QModelIndex) -> None:
        if not index.isValid():
            return
        record = self.model.row_at(index.row())
        if record == self._current:
            return
        if not self._may_leave():
            blocker = self.table.selectionModel().blockSignals(True)
            if previous.isValid():
                self.table.selectRow(previous.row())
            else:
                self.table.clearSelection()
            self.table.selectionModel().blockSignals(blocker)
            return
        self._load(record)

    def _may_leave(self) -> bool:
        if not self._dirty:
            return True
        if self._confirm(self.tr("Discard the changes you typed in this form?")):
            self._dirty = False
            return True
        return False

    def _load(self, record: R | None) -> None:
        self._loading = True
        try:
            self._current = record
            self.show_record(record)
        finally:
            self._loading = False
        self._dirty = False
        self._show_error("")
        self.starter_tag.setVisible(self.is_builtin(record))
        self.delete_button.setEnabled(record is not None)
        self.form_box.setTitle(self.describe(record) if record is not None else self.new_text())

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


def source_text(builtin: bool) -> str:
    """The small tag that marks a row shipped with the app."""
    return QCoreApplication.translate("Catalog", "starter") if builtin else ""
