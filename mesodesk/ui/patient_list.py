"""The searchable patient list: type-ahead over names and phone, loading page by page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.patient import PatientRow, age_on, short_name
from mesodesk.ui.text import show_date
from mesodesk.ui.workers import TaskRunner

PageFetcher = Callable[[str, bool, PatientRow | None], list[PatientRow]]
Index = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 150


class PatientListModel(QAbstractTableModel):
    """Rows of `PatientRow`; more pages are fetched as the view scrolls (canFetchMore)."""

    NAME, AGE, LAST_VISIT = range(3)
    SHORT_NAME_ROLE = Qt.ItemDataRole.UserRole + 1
    """The name column's text with the name as surname and initials."""

    def __init__(
        self, fetch_page: PageFetcher | None, page_size: int, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._fetch_page = fetch_page
        self._page_size = page_size
        self._rows: list[PatientRow] = []
        self._has_more = False
        self._query = ""
        self._include_archived = False
        self._today = date.today()
        self._flagged: set[int] = set()

    def set_flagged(self, ids: set[int]) -> None:
        """Mark patients with an active absolute contraindication (a red ⚠ before the name);
        only a change repaints, as the list is marked again after every search."""
        ids = set(ids)
        if ids == self._flagged:
            return
        self._flagged = ids
        if self._rows:
            last = self.index(len(self._rows) - 1, self.NAME)
            self.dataChanged.emit(self.index(0, self.NAME), last)

    def reset_rows(self, query: str, include_archived: bool, rows: list[PatientRow]) -> None:
        self.beginResetModel()
        self._query, self._include_archived = query, include_archived
        self._rows = list(rows)
        self._has_more = len(rows) >= self._page_size
        self._today = date.today()
        self.endResetModel()

    def go_live(self, fetch_page: PageFetcher) -> None:
        """The services are open: further pages come from `fetch_page`."""
        self._fetch_page = fetch_page

    def row_at(self, row: int) -> PatientRow:
        return self._rows[row]

    def row_of(self, patient_id: int) -> int | None:
        for number, item in enumerate(self._rows):
            if item.id == patient_id:
                return number
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The next page: one indexed range query, a few milliseconds even at 100,000 rows
        (none before the services are open: the first page then waits for them)."""
        if parent.isValid() or not self._has_more or self._fetch_page is None:
            return
        page = self._fetch_page(self._query, self._include_archived, self._rows[-1])
        self._has_more = len(page) >= self._page_size
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Patient"), self.tr("Age"), self.tr("Last visit"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return self._name_text(item, item.name)
            if column == self.AGE:
                age = age_on(item.birth_date, self._today)
                return "" if age is None else str(age)
            return show_date(item.last_visit_on)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            born = show_date(item.birth_date)
            tip = self.tr("{name}, born {date}").format(name=item.name, date=born or "—")
            if item.phone:
                tip += "\n" + item.phone
            if item.id in self._flagged:
                tip += "\n" + self.tr("Active absolute contraindication: see the Anamnesis tab.")
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and item.id in self._flagged:
            return QBrush(QColor("#b42318"))
        if role == Qt.ItemDataRole.ForegroundRole and item.archived:
            return QBrush(QColor("#8a8f98"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.AGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        if role == self.SHORT_NAME_ROLE and column == self.NAME:
            return self._name_text(item, short_name(item.name))
        return None

    def _name_text(self, item: PatientRow, name: str) -> str:
        marker = "⚠ " if item.id in self._flagged else ""
        return marker + name + (self.tr(" (archived)") if item.archived else "")


class _NameDelegate(QStyledItemDelegate):
    """A name too long for its column is shown as the surname with initials before anything
    is cut: "Алексеева М.И." where the full name would be cut to "Алексеева М…", and a dozen
    patients to "Алексеев…"."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        style = option.widget.style() if option.widget is not None else None
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1 if style else 4
        room = option.rect.width() - 2 * margin
        if option.fontMetrics.horizontalAdvance(option.text) > room:
            option.text = str(index.data(PatientListModel.SHORT_NAME_ROLE))


class PatientListPanel(QWidget):
    """Search field, archived filter and the list; tells the window which patient was chosen.

    Made without `fetch_page`, it shows a first page read before the database is open
    (`show_first_page`), read-only, until `go_live` gives it the service to search with.
    """

    patient_chosen = Signal(int)
    loaded = Signal(int)

    def __init__(
        self,
        fetch_page: PageFetcher | None,
        page_size: int,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch_page = fetch_page
        self._runner = runner
        self._select_after_load: int | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("patientSearch")
        self.search.setPlaceholderText(self.tr("Search by name or phone  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search patients"))
        self.show_archived = QCheckBox(self.tr("Show archived"), self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("mutedLabel")

        self.model = PatientListModel(fetch_page, page_size, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setAccessibleName(self.tr("Patients"))
        self.view.setTabKeyNavigation(False)  # Tab goes on to the card; arrows move in the list
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(PatientListModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.view.setItemDelegateForColumn(PatientListModel.NAME, _NameDelegate(self.view))
        self._size_columns()
        self.view.verticalHeader().setDefaultSectionSize(26)

        filters = QHBoxLayout()
        filters.addWidget(self.show_archived)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._choose_first)
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

    def show_first_page(self, rows: list[PatientRow]) -> None:
        """The list's first page before the services are open: searching waits for them."""
        self.search.setEnabled(False)
        self.show_archived.setEnabled(False)
        self._show("", False, rows)

    def go_live(self, fetch_page: PageFetcher) -> None:
        """The services are open: searching, the archived filter and more pages work."""
        self._fetch_page = fetch_page
        self.model.go_live(fetch_page)
        self.search.setEnabled(True)
        self.show_archived.setEnabled(True)

    def refresh(self, select_id: int | None = None) -> None:
        """Run the search off the GUI thread; a newer search makes older results irrelevant."""
        fetch_page = self._fetch_page
        if fetch_page is None:
            return
        self._timer.stop()
        if select_id is not None:
            self._select_after_load = select_id
        query, archived = self.search.text(), self.show_archived.isChecked()
        self._runner.submit(
            lambda: fetch_page(query, archived, None),
            lambda rows: self._show(query, archived, rows),
            self._failed,
            kind="patient-list",
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self._size_columns()
        super().changeEvent(event)

    def _size_columns(self) -> None:
        """Age and last visit as wide as their header or their widest possible text.

        Sized once rather than to the rows' contents: measuring every loaded row again after
        each keystroke cost more than the search itself.
        """
        header = self.view.horizontalHeader()
        cell = self.view.fontMetrics()
        title = header.fontMetrics()
        samples = {
            PatientListModel.AGE: "100",
            PatientListModel.LAST_VISIT: show_date(date(2028, 12, 28)),
        }
        for column, sample in samples.items():
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(title.horizontalAdvance(label) + 18, cell.horizontalAdvance(sample) + 12)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def select_id(self, patient_id: int | None) -> None:
        """Move the selection without announcing a new choice (used to undo a cancelled switch)."""
        blocker = self.view.selectionModel().blockSignals(True)
        try:
            row = None if patient_id is None else self.model.row_of(patient_id)
            if row is None:
                self.view.selectionModel().clear()
            else:
                index = self.model.index(row, 0)
                self.view.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.view.scrollTo(index)
        finally:
            self.view.selectionModel().blockSignals(blocker)
        self.view.viewport().update()

    def _show(self, query: str, archived: bool, rows: list[PatientRow]) -> None:
        keep = self._select_after_load or self.current_id()
        self._select_after_load = None
        self.model.reset_rows(query, archived, rows)
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(self.tr("{count}{more} shown").format(count=len(rows), more=more))
        if keep is not None:
            self.select_id(keep)
        self.loaded.emit(len(rows))

    def _failed(self, error: Exception) -> None:
        self.count_label.setText(self.tr("Search failed: {error}").format(error=error))

    def _choose_first(self) -> None:
        if self.model.rowCount() > 0:
            self.view.setFocus()
            self.view.selectRow(0)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.patient_chosen.emit(self.model.row_at(current.row()).id)
