"""The visit's product lines: which lots, how much, and whether the chart agrees.

The controls to add a line or a cocktail sit above the table and the table never shrinks while
a visit is open, so removing a line moves nothing that the next click could land on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.chart import charted_volumes
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.records import CocktailRecord, LotRecord, ProductLineRecord
from mesodesk.ui.text import catalog_name, show_date, show_number
from mesodesk.ui.wheel_guard import ComboBox, DoubleSpinBox

ROW_HEIGHT = 32


def compact(combo: QComboBox, characters: int = 8) -> QComboBox:
    """A combo that does not widen the pane to its longest label (the popup shows it all)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def volume_spin(parent: QWidget, suffix: str) -> QDoubleSpinBox:
    spin = DoubleSpinBox(parent)
    spin.setDecimals(2)
    spin.setRange(0.0, 1000.0)
    spin.setSingleStep(0.5)
    spin.setSuffix(suffix)
    spin.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


def fixed_table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    header = table.horizontalHeader()
    header.setMinimumSectionSize(30)
    for column in range(len(headers) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Fixed)
    table.setColumnWidth(len(headers) - 1, 30)
    return table


class GrowingTable:
    """Sizes a table to its rows; it grows as rows are added and keeps its height when one is
    removed, until `reset` (another visit opened)."""

    def __init__(self, table: QTableWidget) -> None:
        self.table = table
        self.rows_shown = 1
        self.fit()

    def reset(self) -> None:
        self.rows_shown = 1
        self.fit()

    def fit(self) -> None:
        self.rows_shown = max(self.rows_shown, self.table.rowCount(), 1)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + 4 + self.rows_shown * ROW_HEIGHT)


def remove_button(parent: QWidget, text: str) -> QToolButton:
    button = QToolButton(parent)
    button.setText("✕")
    button.setToolTip(text)
    button.setAccessibleName(text)
    button.setAutoRaise(True)
    return button


class _LineRow:
    """The widgets of one product line and what they stand for."""

    def __init__(
        self, product: str, line: ProductLineRecord, lots: QComboBox, volume: QDoubleSpinBox
    ) -> None:
        self.product = product
        self.line = line
        self.lots = lots
        self.volume = volume

    def record(self) -> ProductLineRecord | None:
        lot_id = self.lots.currentData()
        if lot_id is None:
            return None
        volume = Decimal(str(round(self.volume.value(), 3)))
        same_lot = lot_id == self.line.lot_id
        return replace(
            self.line,
            lot_id=int(lot_id),
            volume_ml=self.line.volume_ml if same_lot and volume == self.line.volume_ml else volume,
        )


class ProductLines(QWidget):
    """Edits the product lines; `edited` fires on every change."""

    edited = Signal()
    take_from_chart = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lots: Sequence[LotRecord] = ()
        self._cocktails: Sequence[CocktailRecord] = ()
        self._rows: list[_LineRow] = []
        self._filling = False
        self._marks: Sequence[MarkRecord] = ()

        self.check = QLabel(self)
        self.check.setObjectName("chartCheck")
        self.check.setWordWrap(True)
        self.take_button = QPushButton(self.tr("Take volumes from the chart"), self)
        self.take_button.setToolTip(
            self.tr("Fill the product lines with the volumes charted (Ctrl+Shift+T)")
        )
        self.take_button.clicked.connect(self.take_from_chart)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()

        self.add_lot = compact(ComboBox(self), 10)
        self.add_lot.setAccessibleName(self.tr("Lot to add"))
        self.add_volume = volume_spin(self, self.tr(" ml"))
        self.add_volume.setValue(1.0)
        self.add_volume.setAccessibleName(self.tr("Volume to add"))
        self.add_line_button = QPushButton(self.tr("Add line"), self)
        self.add_line_button.setToolTip(self.tr("Ctrl+Shift+L"))
        self.add_cocktail_choice = compact(ComboBox(self), 10)
        self.add_cocktail_choice.setAccessibleName(self.tr("Cocktail to add"))
        self.add_cocktail_button = QPushButton(self.tr("Add cocktail"), self)
        self.add_cocktail_button.setToolTip(self.tr("Ctrl+Shift+K"))
        self.table = fixed_table(self, [self.tr("Product"), self.tr("Lot"), self.tr("ml"), ""])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(2, 64)
        self.sizing = GrowingTable(self.table)

        check_row = QHBoxLayout()
        check_row.addWidget(self.check, 1)
        check_row.addWidget(self.take_button, 0, Qt.AlignmentFlag.AlignTop)
        lot_row = QHBoxLayout()
        lot_row.addWidget(self.add_lot, 1)
        lot_row.addWidget(self.add_volume)
        lot_row.addWidget(self.add_line_button)
        cocktail_row = QHBoxLayout()
        cocktail_row.addWidget(self.add_cocktail_choice, 1)
        cocktail_row.addWidget(self.add_cocktail_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(check_row)
        layout.addLayout(lot_row)
        layout.addLayout(cocktail_row)
        layout.addWidget(self.error)
        layout.addWidget(self.table)
        self._adding: list[QWidget] = [
            self.add_lot,
            self.add_volume,
            self.add_line_button,
            self.add_cocktail_choice,
            self.add_cocktail_button,
            self.take_button,
        ]
        self.add_line_button.clicked.connect(self.add_line)
        self.add_cocktail_button.clicked.connect(self.add_cocktail)
        self.show_check()

    # --- filling ----------------------------------------------------------------------------

    def set_stock(self, lots: Sequence[LotRecord], cocktails: Sequence[CocktailRecord]) -> None:
        """The lots and cocktails to add from; the same ones again (the next visit opened)
        leave the hundreds of choices of a large stock as they are."""
        if (tuple(lots), tuple(cocktails)) == (tuple(self._lots), tuple(self._cocktails)):
            return
        self._lots, self._cocktails = lots, cocktails
        self.add_lot.clear()
        for lot in lots:
            self.add_lot.addItem(self._lot_label(lot, with_product=True), lot.id)
        self.add_cocktail_choice.clear()
        for cocktail in cocktails:
            self.add_cocktail_choice.addItem(
                catalog_name(cocktail.name, cocktail.name_ru), cocktail.id
            )

    def load(self, lines: Sequence[ProductLineRecord], read_only: bool, new_visit: bool) -> None:
        self._filling = True
        try:
            self.table.setRowCount(0)
            self._rows = []
            for line in lines:
                self._append(line)
        finally:
            self._filling = False
        if new_visit:
            self.sizing.reset()
        self.sizing.fit()
        self.error.hide()
        for widget in self._adding:
            widget.setVisible(not read_only)
        self.table.setColumnHidden(3, read_only)
        self.table.setEnabled(not read_only)
        self.show_check()

    def lines(self) -> tuple[tuple[ProductLineRecord, ...], str | None]:
        """The lines as edited, and a message when a lot is missing."""
        result, problem = [], None
        for entry in self._rows:
            line = entry.record()
            if line is None:
                problem = self.tr("Choose a lot for {product}.").format(product=entry.product)
            else:
                result.append(line)
        return tuple(result), problem

    def show_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    def set_marks(self, marks: Sequence[MarkRecord]) -> None:
        self._marks = marks
        self.show_check()

    def show_check(self) -> None:
        """The chart's total beside the lines' total: agreement in plain words."""
        charted = sum(charted_volumes(self._marks).values(), Decimal(0))
        recorded = sum((line.volume_ml for line, _ in self._line_values()), Decimal(0))
        if not self._marks or not charted:
            self.check.setText(
                self.tr("Lines: {recorded} ml").format(recorded=show_number(_ml(recorded)))
            )
            agrees = "none"
            self.take_button.setEnabled(False)
        else:
            self.check.setText(
                self.tr("Chart: {charted} ml · lines: {recorded} ml").format(
                    charted=show_number(_ml(charted)), recorded=show_number(_ml(recorded))
                )
            )
            agrees = "yes" if charted == recorded else "no"
            self.take_button.setEnabled(charted != recorded or not self._rows)
        if self.check.property("agrees") != agrees:  # the style sheet is matched again only then
            self.check.setProperty("agrees", agrees)
            self.check.style().unpolish(self.check)
            self.check.style().polish(self.check)

    def _line_values(self) -> list[tuple[ProductLineRecord, _LineRow]]:
        return [(line, row) for row in self._rows if (line := row.record()) is not None]

    # --- editing ----------------------------------------------------------------------------

    def add_line(self) -> None:
        """One product from the lot chosen above the table, with the volume beside it."""
        lot_id = self.add_lot.currentData()
        lot = next((lot for lot in self._lots if lot.id == lot_id), None)
        if lot is None or lot.id is None:
            self.show_error(self.tr("No usable lot in stock: receive one in the catalog."))
            return
        volume = Decimal(str(round(self.add_volume.value(), 3)))
        self._append(
            ProductLineRecord(
                lot_id=lot.id,
                volume_ml=volume,
                product_name=lot.product_name,
                lot_number=lot.lot_number,
                expires_on=lot.expires_on,
                product_name_ru=lot.product_name_ru,
            )
        )
        self.show_error(None)
        self._edited()

    def add_cocktail(self) -> None:
        """One line per product of the cocktail, each from its earliest-expiring usable lot."""
        cocktail = next(
            (c for c in self._cocktails if c.id == self.add_cocktail_choice.currentData()), None
        )
        if cocktail is None:
            return
        missing = []
        for part in cocktail.lines:
            lot = next(
                (
                    lot
                    for lot in self._lots
                    if lot.product_id == part.product_id and lot.on_hand >= part.volume_ml
                ),
                None,
            )
            if lot is None or lot.id is None:
                missing.append(catalog_name(part.product_name, part.product_name_ru))
                continue
            self._append(
                ProductLineRecord(
                    lot_id=lot.id,
                    volume_ml=part.volume_ml,
                    product_name=lot.product_name,
                    lot_number=lot.lot_number,
                    expires_on=lot.expires_on,
                    cocktail_id=cocktail.id,
                    cocktail_name=cocktail.name,
                    product_name_ru=lot.product_name_ru,
                    cocktail_name_ru=cocktail.name_ru,
                )
            )
        self.show_error(
            self.tr(
                "No usable lot with enough left of: {products}. Receive a lot in the "
                "catalog, then add the line."
            ).format(products=", ".join(missing))
            if missing
            else None
        )
        self._edited()

    def _lot_label(self, lot: LotRecord, with_product: bool = False) -> str:
        text = self.tr("{number} · exp. {expires} · {left} {unit} left").format(
            number=lot.lot_number,
            expires=show_date(lot.expires_on),
            left=show_number(_ml(lot.on_hand)),
            unit=lot.unit,
        )
        product = catalog_name(lot.product_name, lot.product_name_ru)
        return f"{product} — {text}" if with_product else text

    def _append(self, line: ProductLineRecord) -> None:
        """A row for `line`: its lots are the product's, matched by the catalog name (a signed
        visit's line names its product as recorded); the row shows the name to show."""
        product = catalog_name(line.product_name, line.product_name_ru)
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(product)
        item.setToolTip(
            self.tr("{product}, from {cocktail}").format(
                product=product, cocktail=catalog_name(line.cocktail_name, line.cocktail_name_ru)
            )
            if line.cocktail_name
            else product
        )
        self.table.setItem(row, 0, item)
        lots = compact(ComboBox(self.table))
        lots.setAccessibleName(self.tr("Lot of {product}").format(product=product))
        for lot in self._lots:
            if lot.product_name == line.product_name:
                lots.addItem(self._lot_label(lot), lot.id)
        if line.lot_id and lots.findData(line.lot_id) < 0:
            shown = self.tr("lot {number}").format(number=line.lot_number)
            if line.expires_on is not None:
                shown += " · " + self.tr("exp. {expires}").format(
                    expires=show_date(line.expires_on)
                )
            lots.insertItem(0, shown, line.lot_id)
        lots.setCurrentIndex(max(lots.findData(line.lot_id), 0))
        volume = volume_spin(self.table, "")
        volume.setValue(float(line.volume_ml))
        volume.setAccessibleName(self.tr("Volume of {product} in ml").format(product=product))
        self.table.setCellWidget(row, 1, lots)
        self.table.setCellWidget(row, 2, volume)
        entry = _LineRow(product, line, lots, volume)
        remove = remove_button(self.table, self.tr("Remove {product}").format(product=product))
        remove.clicked.connect(lambda: self._remove(entry))
        self.table.setCellWidget(row, 3, remove)
        self._rows.append(entry)
        lots.currentIndexChanged.connect(self._edited)
        volume.valueChanged.connect(self._edited)
        self.sizing.fit()

    def _remove(self, entry: _LineRow) -> None:
        row = self._rows.index(entry)
        self._rows.pop(row)
        self.table.removeRow(row)
        self.sizing.fit()
        self._edited()

    def _edited(self, *_args: object) -> None:
        if self._filling:
            return
        self.show_check()
        self.edited.emit()


def _ml(value: Decimal) -> Decimal:
    """A volume to the thousandth of a millilitre, as the chart check compares them."""
    return value.quantize(Decimal("0.001"))
