"""Catalog tabs for ingredients and for products with their composition."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import limits
from mesodesk.domain.records import IngredientRecord, ProductIngredientRecord, ProductRecord
from mesodesk.domain.vocabulary import IngredientGroup
from mesodesk.services.errors import ValidationFailed
from mesodesk.ui.catalog_common import MUTED, CatalogPage, Column, source_text
from mesodesk.ui.text import vocab
from mesodesk.ui.wheel_guard import ComboBox

if TYPE_CHECKING:
    from mesodesk.services.catalog import CatalogService


class IngredientPage(CatalogPage[IngredientRecord]):
    def __init__(
        self, catalog: CatalogService, confirm: Callable[[str], bool], parent: QWidget | None = None
    ) -> None:
        self._catalog = catalog
        super().__init__(confirm, parent)

    def columns(self) -> list[Column[IngredientRecord]]:
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column("", lambda r: source_text(r.builtin), lambda _: MUTED),
            Column(self.tr("Russian name"), lambda r: r.name_ru),
            Column(self.tr("Group"), lambda r: vocab(r.group)),
            Column(
                self.tr("Kind"),
                lambda r: self.tr("homeopathic") if r.homeopathic else self.tr("allopathic"),
            ),
        ]

    def new_text(self) -> str:
        return self.tr("New ingredient")

    def build_form(self, form: QFormLayout) -> None:
        self.name = QLineEdit(self)
        self.name.setMaxLength(limits.INGREDIENT_NAME)
        self.name_ru = QLineEdit(self)
        self.name_ru.setMaxLength(limits.INGREDIENT_NAME)
        self.group = ComboBox(self)
        for group in IngredientGroup:
            self.group.addItem(vocab(group), group)
        self.homeopathic = QCheckBox(self.tr("Homeopathic (not allopathic)"), self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Russian name"), self.name_ru)
        form.addRow(self.tr("Group"), self.group)
        form.addRow("", self.homeopathic)
        self.name.textEdited.connect(self.edited)
        self.name_ru.textEdited.connect(self.edited)
        self.group.activated.connect(self.edited)
        self.homeopathic.toggled.connect(self.edited)

    def fetch(self) -> list[IngredientRecord]:
        return self._catalog.list_ingredients()

    def show_record(self, record: IngredientRecord | None) -> None:
        record = record or IngredientRecord(id=None, name="")
        self.name.setText(record.name)
        self.name_ru.setText(record.name_ru)
        self.group.setCurrentIndex(max(0, self.group.findData(record.group)))
        self.homeopathic.setChecked(record.homeopathic)

    def read_form(self, current: IngredientRecord | None) -> IngredientRecord:
        base = current or IngredientRecord(id=None, name="")
        return replace(
            base,
            name=self.name.text(),
            name_ru=self.name_ru.text(),
            group=IngredientGroup(self.group.currentData()),
            homeopathic=self.homeopathic.isChecked(),
        )

    def store(self, record: IngredientRecord) -> IngredientRecord:
        return self._catalog.save_ingredient(record)

    def remove(self, record: IngredientRecord) -> None:
        assert record.id is not None
        self._catalog.delete_ingredient(record.id, record.version)

    def describe(self, record: IngredientRecord) -> str:
        return record.name


class ProductPage(CatalogPage[ProductRecord]):
    """Products with what they contain; allergy checks read the composition entered here."""

    def __init__(
        self, catalog: CatalogService, confirm: Callable[[str], bool], parent: QWidget | None = None
    ) -> None:
        self._catalog = catalog
        self._parts: list[ProductIngredientRecord] = []
        super().__init__(confirm, parent)

    def columns(self) -> list[Column[ProductRecord]]:
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column("", lambda r: source_text(r.builtin), lambda _: MUTED),
            Column(self.tr("Russian name"), lambda r: r.name_ru),
            Column(self.tr("Manufacturer"), lambda r: r.manufacturer),
            Column(self.tr("Pack"), lambda r: r.pack),
            Column(self.tr("Composition"), _composition),
        ]

    def new_text(self) -> str:
        return self.tr("New product")

    def build_form(self, form: QFormLayout) -> None:
        self.name = QLineEdit(self)
        self.name.setMaxLength(limits.PRODUCT_NAME)
        self.name_ru = QLineEdit(self)
        self.name_ru.setMaxLength(limits.PRODUCT_NAME)
        self.name_ru.setToolTip(
            self.tr("The name printed on Russian documents (aftercare, consent, protocol).")
        )
        self.manufacturer = QLineEdit(self)
        self.manufacturer.setMaxLength(limits.MANUFACTURER)
        self.form_kind = QLineEdit(self)
        self.form_kind.setMaxLength(limits.PRODUCT_FORM)
        self.form_kind.setPlaceholderText(self.tr("ampoule, vial, syringe"))
        self.pack = QLineEdit(self)
        self.pack.setMaxLength(limits.PRODUCT_PACK)
        self.pack.setPlaceholderText(self.tr("2 ml ampoule"))
        self.unit = ComboBox(self)
        self.unit.addItem(self.tr("millilitres"), "ml")
        self.unit.addItem(self.tr("units"), "unit")
        self.ingredients = QTableWidget(0, 2, self)
        self.ingredients.setHorizontalHeaderLabels(
            [self.tr("Ingredient"), self.tr("Concentration")]
        )
        self.ingredients.verticalHeader().hide()
        self.ingredients.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ingredients.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.ingredients.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ingredients.setMinimumHeight(150)
        self.ingredient_choice = ComboBox(self)
        self.ingredient_choice.setEditable(True)
        self.ingredient_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.add_ingredient = QPushButton(self.tr("Add"), self)
        self.remove_ingredient = QPushButton(self.tr("Remove"), self)
        adder = QHBoxLayout()
        adder.addWidget(self.ingredient_choice, 1)
        adder.addWidget(self.add_ingredient)
        adder.addWidget(self.remove_ingredient)
        composition = QVBoxLayout()
        composition.addWidget(self.ingredients)
        composition.addLayout(adder)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Russian name"), self.name_ru)
        form.addRow(self.tr("Manufacturer"), self.manufacturer)
        form.addRow(self.tr("Form"), self.form_kind)
        form.addRow(self.tr("Pack"), self.pack)
        form.addRow(self.tr("Stock counted in"), self.unit)
        form.addRow(self.tr("Composition"), composition)
        for field in (self.name, self.name_ru, self.manufacturer, self.form_kind, self.pack):
            field.textEdited.connect(self.edited)
        self.unit.activated.connect(self.edited)
        self.ingredients.itemChanged.connect(self.edited)
        self.add_ingredient.clicked.connect(self._add_ingredient)
        self.remove_ingredient.clicked.connect(self._remove_ingredient)

    def fetch(self) -> list[ProductRecord]:
        return self._catalog.list_products()

    def reload(self, select: ProductRecord | None = None) -> None:
        self._fill_ingredient_choice()
        super().reload(select)

    def show_record(self, record: ProductRecord | None) -> None:
        record = record or ProductRecord(id=None, name="")
        self.name.setText(record.name)
        self.name_ru.setText(record.name_ru)
        self.manufacturer.setText(record.manufacturer)
        self.form_kind.setText(record.form)
        self.pack.setText(record.pack)
        self.unit.setCurrentIndex(max(0, self.unit.findData(record.unit)))
        self._parts = list(record.ingredients)
        self._show_parts()

    def read_form(self, current: ProductRecord | None) -> ProductRecord:
        base = current or ProductRecord(id=None, name="")
        parts = []
        for row, part in enumerate(self._parts):
            item = self.ingredients.item(row, 1)
            text = item.text().strip() if item is not None else ""
            parts.append(replace(part, concentration=text or None))
        return replace(
            base,
            name=self.name.text(),
            name_ru=self.name_ru.text(),
            manufacturer=self.manufacturer.text(),
            form=self.form_kind.text(),
            pack=self.pack.text(),
            unit=str(self.unit.currentData()),
            ingredients=tuple(parts),
        )

    def store(self, record: ProductRecord) -> ProductRecord:
        return self._catalog.save_product(record)

    def remove(self, record: ProductRecord) -> None:
        assert record.id is not None
        self._catalog.delete_product(record.id, record.version)

    def describe(self, record: ProductRecord) -> str:
        return record.name

    def _fill_ingredient_choice(self) -> None:
        self.ingredient_choice.clear()
        for ingredient in self._catalog.list_ingredients():
            self.ingredient_choice.addItem(ingredient.name, ingredient)
        self.ingredient_choice.setCurrentIndex(-1)
        self.ingredient_choice.lineEdit().setPlaceholderText(self.tr("Ingredient to add"))

    def _add_ingredient(self) -> None:
        index = self.ingredient_choice.findText(self.ingredient_choice.currentText())
        if index < 0:
            self._show_error(self.tr("Choose an ingredient from the list, or add it first."))
            return
        ingredient: IngredientRecord = self.ingredient_choice.itemData(index)
        if any(part.ingredient_id == ingredient.id for part in self._parts):
            self._show_error(self.tr("{name} is already listed.").format(name=ingredient.name))
            return
        self._parts = self._read_parts()
        assert ingredient.id is not None
        self._parts.append(
            ProductIngredientRecord(
                ingredient.id, ingredient.name, ingredient.name_ru, ingredient.group
            )
        )
        self._show_error("")
        self._show_parts()
        self.edited()
        self.ingredients.setCurrentCell(len(self._parts) - 1, 1)
        self.ingredients.setFocus()

    def _remove_ingredient(self) -> None:
        row = self.ingredients.currentRow()
        if 0 <= row < len(self._parts):
            self._parts = self._read_parts()
            del self._parts[row]
            self._show_parts()
            self.edited()

    def _read_parts(self) -> list[ProductIngredientRecord]:
        try:
            return list(self.read_form(self._current).ingredients)
        except ValidationFailed:
            return list(self._parts)

    def _show_parts(self) -> None:
        blocker = self.ingredients.blockSignals(True)
        self.ingredients.setRowCount(len(self._parts))
        for row, part in enumerate(self._parts):
            name = QTableWidgetItem(part.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.ingredients.setItem(row, 0, name)
            self.ingredients.setItem(row, 1, QTableWidgetItem(part.concentration or ""))
        self.ingredients.blockSignals(blocker)


def _composition(record: ProductRecord) -> str:
    return ", ".join(
        f"{part.name} {part.concentration}" if part.concentration else part.name
        for part in record.ingredients
    )
