"""The catalog tab for cocktails: named recipes of products with a volume each."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import limits
from mesodesk.domain.records import CocktailLineRecord, CocktailRecord, ProductRecord
from mesodesk.domain.vocabulary import Area, Indication
from mesodesk.services.errors import ValidationFailed
from mesodesk.ui.catalog_common import MUTED, CatalogPage, Column, source_text
from mesodesk.ui.text import amount_text, catalog_name, show_number, vocab
from mesodesk.ui.wheel_guard import ComboBox

if TYPE_CHECKING:
    from mesodesk.services.catalog import CatalogService


class CocktailPage(CatalogPage[CocktailRecord]):
    """Recipes the practitioner starts a visit from; each patient's allergies are checked
    against the ingredients of their products when the cocktail is used."""

    def __init__(
        self, catalog: CatalogService, confirm: Callable[[str], bool], parent: QWidget | None = None
    ) -> None:
        self._catalog = catalog
        self._lines: list[CocktailLineRecord] = []
        super().__init__(confirm, parent)

    def columns(self) -> list[Column[CocktailRecord]]:
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column("", lambda r: source_text(r.builtin), lambda _: MUTED),
            Column(self.tr("Areas"), lambda r: ", ".join(vocab(a) for a in r.areas)),
            Column(self.tr("Recipe"), _recipe),
        ]

    def new_text(self) -> str:
        return self.tr("New cocktail")

    def build_form(self, form: QFormLayout) -> None:
        self.name = QLineEdit(self)
        self.name.setMaxLength(limits.COCKTAIL_NAME)
        self.name_ru = QLineEdit(self)
        self.name_ru.setMaxLength(limits.COCKTAIL_NAME)
        self.lines = QTableWidget(0, 2, self)
        self.lines.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Volume, ml")])
        self.lines.verticalHeader().hide()
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setMinimumHeight(110)
        self.product_choice = ComboBox(self)
        self.product_choice.setEditable(True)
        self.product_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.add_line = QPushButton(self.tr("Add"), self)
        self.remove_line = QPushButton(self.tr("Remove"), self)
        adder = QHBoxLayout()
        adder.addWidget(self.product_choice, 1)
        adder.addWidget(self.add_line)
        adder.addWidget(self.remove_line)
        recipe = QVBoxLayout()
        recipe.addWidget(self.lines)
        recipe.addLayout(adder)
        self.areas = _checklist(self, [(vocab(a), a) for a in Area])
        self.indications = _checklist(self, [(vocab(i), i) for i in Indication])
        lists = QHBoxLayout()
        lists.addWidget(self.areas)
        lists.addWidget(self.indications)
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(60)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Russian name"), self.name_ru)
        form.addRow(self.tr("Recipe"), recipe)
        form.addRow(self.tr("Areas, indications"), lists)
        form.addRow(self.tr("Notes"), self.notes)
        self.name.textEdited.connect(self.edited)
        self.name_ru.textEdited.connect(self.edited)
        self.lines.itemChanged.connect(self.edited)
        self.areas.itemChanged.connect(self.edited)
        self.indications.itemChanged.connect(self.edited)
        self.notes.textChanged.connect(self.edited)
        self.add_line.clicked.connect(self._add_line)
        self.remove_line.clicked.connect(self._remove_line)

    def fetch(self) -> list[CocktailRecord]:
        return self._catalog.list_cocktails()

    def reload(self, select: CocktailRecord | None = None) -> None:
        self.product_choice.clear()
        for product in self._catalog.list_products():
            self.product_choice.addItem(catalog_name(product.name, product.name_ru), product)
        self.product_choice.setCurrentIndex(-1)
        self.product_choice.lineEdit().setPlaceholderText(self.tr("Product to add"))
        super().reload(select)

    def show_record(self, record: CocktailRecord | None) -> None:
        record = record or CocktailRecord(id=None, name="")
        self.name.setText(record.name)
        self.name_ru.setText(record.name_ru)
        _check(self.areas, set(record.areas))
        _check(self.indications, set(record.indications))
        self.notes.setPlainText(record.notes)
        self._lines = list(record.lines)
        self._show_lines()

    def read_form(self, current: CocktailRecord | None) -> CocktailRecord:
        base = current or CocktailRecord(id=None, name="")
        return replace(
            base,
            name=self.name.text(),
            name_ru=self.name_ru.text(),
            areas=tuple(Area(value) for value in _checked(self.areas)),
            indications=tuple(Indication(value) for value in _checked(self.indications)),
            lines=tuple(self._read_lines()),
            notes=self.notes.toPlainText(),
        )

    def store(self, record: CocktailRecord) -> CocktailRecord:
        return self._catalog.save_cocktail(record)

    def remove(self, record: CocktailRecord) -> None:
        assert record.id is not None
        self._catalog.delete_cocktail(record.id, record.version)

    def describe(self, record: CocktailRecord) -> str:
        return record.name

    def _read_lines(self) -> list[CocktailLineRecord]:
        lines = []
        for row, line in enumerate(self._lines):
            item = self.lines.item(row, 1)
            text = (item.text() if item is not None else "").strip().replace(",", ".")
            try:
                volume = Decimal(text)
            except InvalidOperation as error:
                raise ValidationFailed(
                    {
                        "lines": self.tr(
                            "Enter the volume of {product} in ml, such as 1.5."
                        ).format(product=catalog_name(line.product_name, line.product_name_ru))
                    }
                ) from error
            lines.append(replace(line, volume_ml=volume))
        return lines

    def _add_line(self) -> None:
        index = self.product_choice.findText(self.product_choice.currentText())
        if index < 0:
            self._show_error(self.tr("Choose a product from the list, or add it first."))
            return
        product: ProductRecord = self.product_choice.itemData(index)
        try:
            self._lines = self._read_lines()
        except ValidationFailed as exc:
            self._show_error("\n".join(exc.errors.values()))
            return
        assert product.id is not None
        self._lines.append(
            CocktailLineRecord(product.id, product.name, Decimal("1.0"), product.name_ru)
        )
        self._show_error("")
        self._show_lines()
        self.edited()
        self.lines.setCurrentCell(len(self._lines) - 1, 1)
        self.lines.setFocus()

    def _remove_line(self) -> None:
        row = self.lines.currentRow()
        if 0 <= row < len(self._lines):
            with contextlib.suppress(ValidationFailed):
                self._lines = self._read_lines()
            del self._lines[row]
            self._show_lines()
            self.edited()

    def _show_lines(self) -> None:
        blocker = self.lines.blockSignals(True)
        self.lines.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            name = QTableWidgetItem(catalog_name(line.product_name, line.product_name_ru))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.lines.setItem(row, 0, name)
            volume = QTableWidgetItem(show_number(line.volume_ml, groups=False))
            volume.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, 1, volume)
        self.lines.blockSignals(blocker)


def _recipe(record: CocktailRecord) -> str:
    return " + ".join(
        f"{catalog_name(line.product_name, line.product_name_ru)} "
        f"{amount_text(line.volume_ml, 'ml')}"
        for line in record.lines
    )


def _checklist(parent: QWidget, items: list[tuple[str, object]]) -> QListWidget:
    widget = QListWidget(parent)
    widget.setFixedHeight(150)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for text, value in items:
        item = QListWidgetItem(text, widget)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
    return widget


def _check(widget: QListWidget, values: set[object]) -> None:
    for row in range(widget.count()):
        item = widget.item(row)
        checked = item.data(Qt.ItemDataRole.UserRole) in values
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def _checked(widget: QListWidget) -> list[str]:
    return [
        str(widget.item(row).data(Qt.ItemDataRole.UserRole))
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    ]
