"""Catalog tabs for the shelf: lots with expiry and stock, and the lot recall search."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import limits
from mesodesk.domain.catalog_records import RecallHit
from mesodesk.domain.lots import NEAR_EXPIRY_DAYS
from mesodesk.domain.records import LotRecord
from mesodesk.services.errors import ValidationFailed
from mesodesk.ui.catalog_common import (
    CAUTION,
    DANGER,
    CatalogPage,
    Column,
    RecordTableModel,
    fit_columns,
    record_table,
)
from mesodesk.ui.text import (
    amount_text,
    catalog_name,
    show_date,
    show_date_time,
    show_number,
    vocab,
)
from mesodesk.ui.wheel_guard import ComboBox, DateEdit
from mesodesk.ui.workers import TaskRunner

if TYPE_CHECKING:
    from mesodesk.services.catalog import CatalogService


def expiry_colour(lot: LotRecord, today: date) -> QColor | None:
    """Red once expired, amber within the near-expiry period, plain otherwise."""
    if lot.expires_on < today:
        return DANGER
    if (lot.expires_on - today).days <= NEAR_EXPIRY_DAYS:
        return CAUTION
    return None


class LotPage(CatalogPage[LotRecord]):
    """Lots on the shelf; receiving a lot is "New lot", correcting stock is editing it."""

    def __init__(
        self,
        catalog: CatalogService,
        confirm: Callable[[str], bool],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        self._catalog = catalog
        self._today = today
        self._units: dict[int, str] = {}
        self._names: dict[int, tuple[str, str]] = {}
        super().__init__(confirm, parent)

    def columns(self) -> list[Column[LotRecord]]:
        return [
            Column(self.tr("Product"), lambda r: catalog_name(r.product_name, r.product_name_ru)),
            Column(self.tr("Lot"), lambda r: r.lot_number),
            Column(
                self.tr("Expires"),
                lambda r: show_date(r.expires_on),
                lambda r: expiry_colour(r, self._today()),
            ),
            Column(self.tr("On hand"), lambda r: amount_text(r.on_hand, r.unit)),
            Column(self.tr("State"), self._state, lambda r: expiry_colour(r, self._today())),
        ]

    def new_text(self) -> str:
        return self.tr("Receive lot")

    def build_toolbar(self, row: QHBoxLayout) -> None:
        self.usable_only = QCheckBox(self.tr("Only usable lots"), self)
        self.usable_only.setToolTip(self.tr("Hide expired lots and lots with nothing left"))
        self.usable_only.toggled.connect(lambda _: self.reload())
        row.addWidget(self.usable_only)

    def build_form(self, form: QFormLayout) -> None:
        self.product = ComboBox(self)
        self.lot_number = QLineEdit(self)
        self.lot_number.setMaxLength(limits.LOT_NUMBER)
        self.expires_on = DateEdit(self)
        self.expires_on.setCalendarPopup(True)
        self.expires_on.setDisplayFormat("dd.MM.yyyy")
        self.on_hand = QLineEdit(self)
        self.on_hand.setPlaceholderText(self.tr("e.g. 10 or 2.5"))
        self.unit_label = QLabel(self)
        self.unit_label.setObjectName("mutedLabel")
        amount = QHBoxLayout()
        amount.addWidget(self.on_hand, 1)
        amount.addWidget(self.unit_label)
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Lot number"), self.lot_number)
        form.addRow(self.tr("Expires on"), self.expires_on)
        form.addRow(self.tr("On hand"), amount)
        self.product.activated.connect(self.edited)
        self.product.currentIndexChanged.connect(self._show_unit)
        self.lot_number.textEdited.connect(self.edited)
        self.expires_on.dateChanged.connect(self.edited)
        self.on_hand.textEdited.connect(self.edited)

    def fetch(self) -> list[LotRecord]:
        usable = getattr(self, "usable_only", None)
        return self._catalog.list_lots(
            usable_on=self._today() if usable is not None and usable.isChecked() else None
        )

    def reload(self, select: LotRecord | None = None) -> None:
        current = self.product.currentData()
        self.product.clear()
        self._units = {}
        self._names = {}
        for product in self._catalog.list_products():
            assert product.id is not None
            self.product.addItem(catalog_name(product.name, product.name_ru), product.id)
            self._units[product.id] = product.unit
            self._names[product.id] = (product.name, product.name_ru)
        self.product.setCurrentIndex(-1 if current is None else self.product.findData(current))
        super().reload(select)
        fit_columns(self.table, widest=320)

    def show_record(self, record: LotRecord | None) -> None:
        if record is None:
            self.product.setCurrentIndex(-1)
            self.lot_number.clear()
            expires = self._today().replace(year=self._today().year + 2, day=1)
            self.expires_on.setDate(QDate(expires.year, expires.month, expires.day))
            self.on_hand.clear()
            return
        self.product.setCurrentIndex(self.product.findData(record.product_id))
        self.lot_number.setText(record.lot_number)
        day = record.expires_on
        self.expires_on.setDate(QDate(day.year, day.month, day.day))
        self.on_hand.setText(show_number(record.on_hand, groups=False))

    def read_form(self, current: LotRecord | None) -> LotRecord:
        errors: dict[str, str] = {}
        chosen = self.product.currentData()
        if chosen is None:
            errors["product_id"] = self.tr("Choose the product this lot is of.")
        text = self.on_hand.text().strip().replace(",", ".")
        try:
            on_hand = Decimal(text)
        except InvalidOperation:
            on_hand = Decimal(0)
            errors["on_hand"] = self.tr("Enter the quantity on hand as a number, such as 10.")
        if errors:
            raise ValidationFailed(errors)
        product_id = int(chosen)
        unit = self._units.get(product_id, "ml")
        name, name_ru = self._names.get(product_id, ("", ""))
        qdate = self.expires_on.date()
        base = current or LotRecord(
            id=None,
            product_id=product_id,
            product_name="",
            lot_number="",
            expires_on=date.today(),
            on_hand=Decimal(0),
        )
        return replace(
            base,
            product_id=product_id,
            product_name=name,
            product_name_ru=name_ru,
            lot_number=self.lot_number.text(),
            expires_on=date(qdate.year(), qdate.month(), qdate.day()),
            on_hand=on_hand,
            unit=unit,
        )

    def store(self, record: LotRecord) -> LotRecord:
        return self._catalog.save_lot(record)

    def remove(self, record: LotRecord) -> None:
        assert record.id is not None
        self._catalog.delete_lot(record.id, record.version)

    def describe(self, record: LotRecord) -> str:
        return self.tr("lot {number} of {product}").format(
            number=record.lot_number,
            product=catalog_name(record.product_name, record.product_name_ru),
        )

    def is_builtin(self, record: LotRecord | None) -> bool:
        return False

    def _state(self, lot: LotRecord) -> str:
        today = self._today()
        if lot.expires_on < today:
            return self.tr("expired")
        if lot.on_hand <= 0:
            return self.tr("used up")
        days = (lot.expires_on - today).days
        if days == 0:
            return self.tr("expires today")
        if days == 1:
            return self.tr("expires tomorrow")
        if days <= NEAR_EXPIRY_DAYS:
            return self.tr("expires in {days} days").format(days=days)
        return ""

    def _show_unit(self) -> None:
        chosen = self.product.currentData()
        unit = None if chosen is None else self._units.get(int(chosen))
        self.unit_label.setText(
            "" if unit is None else (self.tr("ml") if unit == "ml" else self.tr("units"))
        )


class RecallPage(QWidget):
    """ "Who received lot X?": every visit that used a lot number, with its patient."""

    open_patient = Signal(int)

    def __init__(
        self, catalog: CatalogService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._runner = runner
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Lot number, as printed on the pack"))
        self.search.setClearButtonEnabled(True)
        self.find_button = QPushButton(self.tr("Find patients"), self)
        self.find_button.setObjectName("primary")
        self.open_button = QPushButton(self.tr("Open patient"), self)
        self.open_button.setEnabled(False)
        self.summary = QLabel(
            self.tr("Type a lot number to list the patients and visits it went into."), self
        )
        self.summary.setObjectName("mutedLabel")
        self.summary.setWordWrap(True)
        self.model: RecordTableModel[RecallHit] = RecordTableModel(
            [
                Column(self.tr("Patient"), lambda h: h.patient_name),
                Column(self.tr("Visit"), lambda h: _visit_time(h)),
                Column(self.tr("Status"), lambda h: vocab(h.visit_status)),
                Column(
                    self.tr("Product"), lambda h: catalog_name(h.product_name, h.product_name_ru)
                ),
                Column(self.tr("Lot"), lambda h: h.lot_number),
                Column(self.tr("Amount"), lambda h: amount_text(h.volume_ml, h.unit)),
            ],
            self,
        )
        self.table = record_table(self.model, self)
        search_row = QHBoxLayout()
        search_row.addWidget(QLabel(self.tr("Lot number"), self))
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.find_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.search.returnPressed.connect(self.find)
        self.find_button.clicked.connect(self.find)
        self.open_button.clicked.connect(self._open_current)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.selectionModel().currentRowChanged.connect(
            lambda index, _: self.open_button.setEnabled(index.isValid())
        )

    def find(self) -> None:
        number = self.search.text().strip()
        if not number:
            self.summary.setText(self.tr("Type the lot number first."))
            return
        self.summary.setText(self.tr("Searching…"))
        self.find_button.setEnabled(False)
        self._runner.submit(
            lambda: self._catalog.recall(number),
            lambda hits: self._show(number, hits),
            self._failed,
        )

    def _show(self, number: str, hits: list[RecallHit]) -> None:
        self.find_button.setEnabled(True)
        self.model.set_rows(hits)
        self.open_button.setEnabled(False)
        if not hits:
            self.summary.setText(
                self.tr("No visit on record used lot {number}.").format(number=number)
            )
            return
        patients = len({hit.patient_id for hit in hits})
        visits = len({hit.visit_id for hit in hits})
        self.summary.setText(
            self.tr("Lot {number} went into {patients} {people} at {visits} {occasions}.").format(
                number=number,
                patients=patients,
                people=self.tr("patient") if patients == 1 else self.tr("patients"),
                visits=visits,
                occasions=self.tr("visit") if visits == 1 else self.tr("visits"),
            )
        )
        fit_columns(self.table, widest=300)
        self.table.selectRow(0)

    def _failed(self, error: Exception) -> None:
        self.find_button.setEnabled(True)
        self.summary.setText(self.tr("The search failed: {error}").format(error=error))

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_patient.emit(self.model.row_at(row).patient_id)


def _visit_time(hit: RecallHit) -> str:
    local = hit.visit_at.astimezone()
    return show_date_time(local)
