"""The visit-notes pane: what was done in one visit, with which lots, and what followed.

It sits first in the Visit tab's splitter (the diagram goes beside it). A signed visit shows
read-only with its signature and addenda; last visit's reactions wait in a banner above.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import (
    CocktailRecord,
    LotRecord,
    ProductLineRecord,
    ReactionRecord,
    VisitRecord,
)
from mesodesk.domain.visit_records import local_day
from mesodesk.domain.vocabulary import (
    Area,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
    VisitStatus,
)
from mesodesk.services.errors import ServiceError, StaleRecord, ValidationFailed
from mesodesk.ui.events import record_events
from mesodesk.ui.text import show_date, vocab
from mesodesk.ui.widgets import Banner

if TYPE_CHECKING:
    from mesodesk.ui.main_window import MainWindow

ROW_HEIGHT = 34


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{show_date(local.date())} {local:%H:%M}"


def _amount(value: Decimal) -> str:
    return f"{value.normalize():f}"


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


class VisitPane(QWidget):
    """Edits the open visit; an editor for the window's unsaved-changes guard and Ctrl+S."""

    plan_edited = Signal(object)  # the visit as typed (VisitRecord), not saved yet

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.visit_tab)
        self._window = window
        self._loaded: VisitRecord | None = None
        self._lots: list[LotRecord] = []
        self._cocktails: list[CocktailRecord] = []
        self._line_rows: list[_LineRow] = []
        self._filling = False

        self.last_time = Banner(window.visit_tab)
        window.visit_banner_area.addWidget(self.last_time)

        self.empty = QLabel(
            self.tr("Open a visit on the Visits tab, or press Ctrl+T to start today's visit."),
            self,
        )
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self._build_form()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._build_actions()
        window.patient_opened.connect(self._patient_opened)
        self.clear()

    # --- building ---------------------------------------------------------------------------

    def _build_form(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("patientName")
        self.title.setWordWrap(True)
        self.status_badge = QLabel(self)
        self.status_badge.setObjectName("mutedLabel")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.done_button = QPushButton(self.tr("Mark done"), self)
        self.done_button.setToolTip(self.tr("Ctrl+Shift+D"))
        self.sign_button = QPushButton(self.tr("Sign…"), self)
        self.sign_button.setToolTip(self.tr("Ctrl+Shift+S: signing is final"))
        self.signature = QLabel(self)
        self.signature.setWordWrap(True)
        self.signature.setStyleSheet(
            "QLabel { background: #e6f4f1; border: 1px solid #0f766e; border-radius: 6px;"
            " padding: 6px 10px; color: #0b4f4a; }"
        )
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)

        self.starts_at = QDateTimeEdit(self)
        self.starts_at.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.starts_at.setCalendarPopup(True)
        self.status = QComboBox(self)
        for status in VisitStatus:
            self.status.addItem(vocab(status), status)
        self.practitioner = QLineEdit(self)
        self.practitioner.setMaxLength(120)
        self.method = QComboBox(self)
        self.method.addItem("—", None)
        for method in Method:
            self.method.addItem(vocab(method), method)
        self.anaesthesia = QLineEdit(self)
        self.anaesthesia.setMaxLength(200)
        self.anaesthesia.setPlaceholderText(self.tr("e.g. lidocaine cream 5%, 30 min"))
        self.disinfection = QLineEdit(self)
        self.disinfection.setMaxLength(200)
        self.disinfection.setPlaceholderText(self.tr("e.g. chlorhexidine 0.05%"))
        self.price = QLineEdit(self)
        self.price.setPlaceholderText("3500")
        self.currency = QLabel(self)
        price_row = QHBoxLayout()
        price_row.addWidget(self.price, 1)
        price_row.addWidget(self.currency)

        self.areas = {area: QCheckBox(vocab(area), self) for area in Area}
        self.techniques = {technique: QCheckBox(vocab(technique), self) for technique in Technique}

        procedure = QGroupBox(self.tr("Procedure"), self)
        form = QFormLayout(procedure)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Date and time"), self.starts_at)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Practitioner"), self.practitioner)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Anaesthesia"), self.anaesthesia)
        form.addRow(self.tr("Disinfection"), self.disinfection)
        form.addRow(self.tr("Price"), price_row)

        areas = QGroupBox(self.tr("Areas treated"), self)
        self._checks(areas, list(self.areas.values()))
        techniques = QGroupBox(self.tr("Techniques"), self)
        self._checks(techniques, list(self.techniques.values()))

        products = QGroupBox(self.tr("Products used"), self)
        self.lines_error = QLabel(self)
        self.lines_error.setObjectName("fieldError")
        self.lines_error.setWordWrap(True)
        self.lines = self._table([self.tr("Product"), self.tr("Lot"), self.tr("Volume"), ""])
        self.lines.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.lines.setColumnWidth(2, 80)
        self.add_lot = _compact(QComboBox(self))
        self.add_volume = self._volume_spin()
        self.add_volume.setValue(1.0)
        self.add_line_button = QPushButton(self.tr("Add line"), self)
        self.add_line_button.setToolTip(self.tr("Ctrl+Shift+L"))
        self.add_cocktail_choice = _compact(QComboBox(self))
        self.add_cocktail_button = QPushButton(self.tr("Add cocktail"), self)
        self.add_cocktail_button.setToolTip(self.tr("Ctrl+Shift+K"))
        lot_row = QHBoxLayout()
        lot_row.addWidget(self.add_lot, 1)
        lot_row.addWidget(self.add_volume)
        lot_row.addWidget(self.add_line_button)
        cocktail_row = QHBoxLayout()
        cocktail_row.addWidget(self.add_cocktail_choice, 1)
        cocktail_row.addWidget(self.add_cocktail_button)
        products_layout = QVBoxLayout(products)
        products_layout.addWidget(self.lines_error)
        products_layout.addWidget(self.lines)
        products_layout.addLayout(lot_row)
        products_layout.addLayout(cocktail_row)

        reactions = QGroupBox(self.tr("Reactions observed"), self)
        self.reactions = self._table(
            [self.tr("Reaction"), self.tr("Severity"), self.tr("Note"), ""]
        )
        self.add_reaction_button = QPushButton(self.tr("Add reaction"), self)
        self.add_reaction_button.setToolTip(self.tr("Ctrl+Shift+R"))
        reaction_row = QHBoxLayout()
        reaction_row.addWidget(self.add_reaction_button)
        reaction_row.addStretch(1)
        reactions_layout = QVBoxLayout(reactions)
        reactions_layout.addWidget(self.reactions)
        reactions_layout.addLayout(reaction_row)

        notes = QGroupBox(self.tr("Notes"), self)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("visitNotes")
        self.notes.setPlaceholderText(self.tr("What you saw and did, advice given"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)
        QVBoxLayout(notes).addWidget(self.notes)

        self.addenda_box = QGroupBox(self.tr("Addenda"), self)
        self.addenda = QLabel(self)
        self.addenda.setWordWrap(True)
        self.addenda.setTextFormat(Qt.TextFormat.PlainText)
        self.addendum_author = QLineEdit(self)
        self.addendum_author.setPlaceholderText(self.tr("Author"))
        self.addendum_text = QPlainTextEdit(self)
        self.addendum_text.setPlaceholderText(
            self.tr("A correction or later observation; the signed record stays as it is.")
        )
        self.addendum_text.setTabChangesFocus(True)
        self.addendum_text.setMaximumHeight(80)
        self.addendum_button = QPushButton(self.tr("Add addendum"), self)
        self.addendum_button.setToolTip(self.tr("Ctrl+Return"))
        self.addendum_error = QLabel(self)
        self.addendum_error.setObjectName("fieldError")
        author_row = QHBoxLayout()
        author_row.addWidget(self.addendum_author, 1)
        author_row.addWidget(self.addendum_button)
        addenda_layout = QVBoxLayout(self.addenda_box)
        addenda_layout.addWidget(self.addenda)
        addenda_layout.addWidget(self.addendum_text)
        addenda_layout.addLayout(author_row)
        addenda_layout.addWidget(self.addendum_error)

        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        heading.addWidget(self.status_badge)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.save_button)

        content = QWidget(self)
        content.setObjectName("cardPane")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        column.addLayout(heading)
        column.addWidget(self.signature)
        column.addWidget(self.error)
        column.addWidget(procedure)
        column.addWidget(areas)
        column.addWidget(techniques)
        column.addWidget(products)
        column.addWidget(reactions)
        column.addWidget(notes)
        column.addWidget(self.addenda_box)
        column.addStretch(1)
        column.addLayout(buttons)
        self._editable = [procedure, areas, techniques, products, reactions, notes]
        self._adding: list[QWidget] = [
            self.add_lot,
            self.add_volume,
            self.add_line_button,
            self.add_cocktail_choice,
            self.add_cocktail_button,
            self.add_reaction_button,
        ]
        self._hints = {
            edit: edit.placeholderText()
            for edit in (self.anaesthesia, self.disinfection, self.price, self.notes)
        }

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)

        for edit in (self.practitioner, self.anaesthesia, self.disinfection, self.price):
            edit.textChanged.connect(self._changed)
        for combo in (self.status, self.method):
            combo.currentIndexChanged.connect(self._changed)
        self.starts_at.dateTimeChanged.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        for box in [*self.areas.values(), *self.techniques.values()]:
            box.toggled.connect(self._changed)
        self.save_button.clicked.connect(self.save)
        self.done_button.clicked.connect(self.mark_done)
        self.sign_button.clicked.connect(self.sign)
        self.add_line_button.clicked.connect(self.add_line)
        self.add_cocktail_button.clicked.connect(self.add_cocktail)
        self.add_reaction_button.clicked.connect(lambda: self.add_reaction())
        self.addendum_button.clicked.connect(self.add_addendum)

    def _checks(self, group: QGroupBox, boxes: list[QCheckBox]) -> None:
        grid = QGridLayout(group)
        grid.setVerticalSpacing(2)
        grid.setHorizontalSpacing(8)
        grid.setContentsMargins(4, 4, 4, 4)
        columns = 2
        for number, box in enumerate(boxes):
            # long labels may be clipped in a narrow pane rather than push it sideways
            box.setMinimumWidth(box.sizeHint().width() * 3 // 4)
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            grid.addWidget(box, number // columns, number % columns)
        grid.setRowStretch((len(boxes) + columns - 1) // columns, 1)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setMinimumSectionSize(30)
        for column in range(len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Fixed)
        table.setColumnWidth(len(headers) - 1, 34)
        self._fit(table)
        return table

    @staticmethod
    def _fit(table: QTableWidget) -> None:
        """Tables grow with their rows, so the pane scrolls as one page."""
        height = table.horizontalHeader().sizeHint().height() + 4
        height += max(table.rowCount(), 1) * ROW_HEIGHT
        table.setFixedHeight(height)

    def _volume_spin(self) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setDecimals(2)
        spin.setRange(0.0, 1000.0)
        spin.setSingleStep(0.5)
        spin.setSuffix(self.tr(" ml"))
        spin.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
        return spin

    def _build_actions(self) -> None:
        window = self._window

        def action(text: str, shortcut: str, slot: object, scoped: bool = False) -> QAction:
            item = QAction(text, self)
            item.setShortcut(QKeySequence(shortcut))
            item.triggered.connect(slot)
            if scoped:
                item.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(item)
            else:
                window.addAction(item)
            window.menus["visit"].addAction(item)
            return item

        self.done_action = action(self.tr("Mark visit &done"), "Ctrl+Shift+D", self.mark_done)
        self.sign_action = action(self.tr("&Sign visit…"), "Ctrl+Shift+S", self.sign)
        self.add_line_action = action(
            self.tr("Add product &line"), "Ctrl+Shift+L", self.add_line, scoped=True
        )
        self.add_cocktail_action = action(
            self.tr("Add &cocktail"), "Ctrl+Shift+K", self.add_cocktail, scoped=True
        )
        self.add_reaction_action = action(
            self.tr("Add &reaction"), "Ctrl+Shift+R", lambda: self.add_reaction(), scoped=True
        )
        addendum = QAction(self.tr("Add addendum"), self.addendum_text)
        addendum.setShortcut(QKeySequence("Ctrl+Return"))
        addendum.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        addendum.triggered.connect(self.add_addendum)
        self.addendum_text.addAction(addendum)

    # --- the open visit ---------------------------------------------------------------------

    @property
    def record(self) -> VisitRecord | None:
        """The visit as loaded (not including unsaved typing)."""
        return self._loaded

    def open_visit(self, visit_id: int) -> None:
        try:
            record = self._window.services.visits.get(visit_id)
        except ServiceError as exc:
            self._window.banner.show_message(str(exc), "error")
            return
        self._show(record)

    def clear(self) -> None:
        self._loaded = None
        self.stack.setCurrentIndex(0)
        self.last_time.hide()
        self._update_actions()
        self._window.visit_opened.emit(None)

    def _show(self, record: VisitRecord) -> None:
        services = self._window.services
        self._loaded = record
        self._cocktails = [] if record.signed else services.catalog.list_cocktails()
        self._lots = (
            []
            if record.signed
            else services.catalog.list_lots(usable_on=local_day(record.starts_at))
        )
        self._filling = True
        try:
            self._fill(record)
        finally:
            self._filling = False
        self.stack.setCurrentIndex(1)
        self._show_last_time(record)
        self._update_actions()
        self._window.visit_opened.emit(record)

    def _fill(self, record: VisitRecord) -> None:
        local = record.starts_at.astimezone()
        self.title.setText(self.tr("Visit of {when}").format(when=_when(record.starts_at)))
        self.starts_at.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        self.status.setCurrentIndex(self.status.findData(record.status))
        self.practitioner.setText(record.practitioner)
        self.method.setCurrentIndex(max(self.method.findData(record.method), 0))
        self.anaesthesia.setText(record.anaesthesia)
        self.disinfection.setText(record.disinfection)
        self.price.setText(_price_text(record.price_minor))
        self.currency.setText(record.currency)
        for area, box in self.areas.items():
            box.setChecked(area in record.areas)
        for technique, box in self.techniques.items():
            box.setChecked(technique in record.techniques)
        self.notes.setPlainText(record.notes)
        self.lines.setRowCount(0)
        self._line_rows = []
        for line in record.product_lines:
            self._append_line(line.product_name, line)
        self.reactions.setRowCount(0)
        for reaction in record.reactions:
            self.add_reaction(reaction)
        self._fit(self.lines)
        self._fit(self.reactions)
        self.add_lot.clear()
        for lot in self._lots:
            self.add_lot.addItem(self._lot_label(lot, with_product=True), lot.id)
        self.add_cocktail_choice.clear()
        for cocktail in self._cocktails:
            if cocktail.lines:
                self.add_cocktail_choice.addItem(cocktail.name, cocktail.id)
        self.error.hide()
        self.lines_error.hide()
        self.addendum_error.hide()
        self.addendum_text.clear()
        profile_name = self._window.services.settings.profile().practitioner
        self.addendum_author.setText(profile_name or record.practitioner)
        signed = record.signed
        for widget in self._editable:
            widget.setEnabled(not signed)
        for widget in self._adding:
            widget.setVisible(not signed)
        self.lines.setColumnHidden(3, signed)
        self.reactions.setColumnHidden(3, signed)
        for edit, hint in self._hints.items():
            edit.setPlaceholderText("" if signed else hint)
        self.signature.setVisible(signed)
        if signed:
            self.signature.setText(
                self.tr(
                    "Signed by {who} on {when}. The record is read-only; add an addendum "
                    "to correct it."
                ).format(
                    who=record.signed_by or "",
                    when=_when(record.signed_at),  # type: ignore[arg-type]
                )
            )
        self.addenda_box.setVisible(signed)
        self.addenda.setText(
            "\n\n".join(
                self.tr("{when}, {author}:\n{text}").format(
                    when=_when(item.written_at), author=item.author, text=item.text
                )
                for item in record.addenda
            )
            or self.tr("No addenda.")
        )
        status = vocab(record.status)
        self.status_badge.setText(
            self.tr("{status} · signed").format(status=status) if signed else status
        )

    def _show_last_time(self, record: VisitRecord) -> None:
        previous = self._window.services.visits.previous_visit(record.patient_id, record.starts_at)
        if previous is None:
            self.last_time.hide()
            return
        when = show_date(local_day(previous.starts_at))
        if previous.reactions:
            reactions = "; ".join(
                self.tr("{reaction} ({severity})").format(
                    reaction=vocab(item.reaction).lower(), severity=vocab(item.severity).lower()
                )
                + (f": {item.note.rstrip('.')}" if item.note else "")
                for item in previous.reactions
            )
            text = self.tr("Last visit ({date}): {reactions}").format(
                date=when, reactions=reactions
            )
            self.last_time.show_message(text, "warning")
        else:
            text = self.tr("Last visit ({date}): no reactions recorded.").format(date=when)
            self.last_time.show_message(text, "info")

    # --- lines and reactions ----------------------------------------------------------------

    def _lot_label(self, lot: LotRecord, with_product: bool = False) -> str:
        text = self.tr("{number} · exp. {expires} · {left} {unit} left").format(
            number=lot.lot_number,
            expires=show_date(lot.expires_on),
            left=_amount(lot.on_hand),
            unit=lot.unit,
        )
        return f"{lot.product_name} — {text}" if with_product else text

    def _append_line(self, product: str, line: ProductLineRecord) -> None:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        item = QTableWidgetItem(product)
        item.setToolTip(
            self.tr("{product}, from {cocktail}").format(
                product=product, cocktail=line.cocktail_name
            )
            if line.cocktail_name
            else product
        )
        self.lines.setItem(row, 0, item)
        lots = _compact(QComboBox(self.lines))
        for lot in self._lots:
            if lot.product_name == product:
                lots.addItem(self._lot_label(lot), lot.id)
        if line.lot_id and lots.findData(line.lot_id) < 0:
            shown = self.tr("lot {number}").format(number=line.lot_number)
            if line.expires_on is not None:
                shown += " · " + self.tr("exp. {expires}").format(
                    expires=show_date(line.expires_on)
                )
            lots.insertItem(0, shown, line.lot_id)
        lots.setCurrentIndex(max(lots.findData(line.lot_id), 0))
        volume = self._volume_spin()
        volume.setValue(float(line.volume_ml))
        self.lines.setCellWidget(row, 1, lots)
        self.lines.setCellWidget(row, 2, volume)
        entry = _LineRow(product, line, lots, volume)
        self.lines.setCellWidget(row, 3, self._remove_button(lambda: self._remove_line(entry)))
        self._line_rows.append(entry)
        lots.currentIndexChanged.connect(self._changed)
        volume.valueChanged.connect(self._changed)
        self._fit(self.lines)
        self._changed()

    def _remove_button(self, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText("✕")
        button.setToolTip(self.tr("Remove"))
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _remove_line(self, entry: _LineRow) -> None:
        row = self._line_rows.index(entry)
        self._line_rows.pop(row)
        self.lines.removeRow(row)
        self._fit(self.lines)
        self._changed()

    def add_line(self) -> None:
        """One product from the lot chosen below the table, with the volume beside it."""
        if not self._can_edit():
            return
        lot_id = self.add_lot.currentData()
        lot = next((lot for lot in self._lots if lot.id == lot_id), None)
        if lot is None or lot.id is None:
            self._line_message(self.tr("No usable lot in stock: receive one in the catalog."))
            return
        volume = Decimal(str(round(self.add_volume.value(), 3)))
        self._append_line(lot.product_name, ProductLineRecord(lot_id=lot.id, volume_ml=volume))

    def add_cocktail(self) -> None:
        """One line per product of the cocktail, each from its earliest-expiring usable lot."""
        if not self._can_edit():
            return
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
                missing.append(part.product_name)
                continue
            self._append_line(
                lot.product_name,
                ProductLineRecord(
                    lot_id=lot.id,
                    volume_ml=part.volume_ml,
                    cocktail_id=cocktail.id,
                    cocktail_name=cocktail.name,
                ),
            )
        if missing:
            self._line_message(
                self.tr(
                    "No usable lot with enough left of: {products}. Receive a lot in the "
                    "catalog, then add the line."
                ).format(products=", ".join(missing))
            )
        else:
            self.lines_error.hide()

    def add_reaction(self, reaction: ReactionRecord | None = None) -> None:
        if reaction is None and not self._can_edit():
            return
        row = self.reactions.rowCount()
        self.reactions.insertRow(row)
        kind = QComboBox(self.reactions)
        for item in Reaction:
            kind.addItem(vocab(item), item)
        severity = QComboBox(self.reactions)
        for item in ReactionSeverity:
            severity.addItem(vocab(item), item)
        note = QLineEdit(self.reactions)
        if not (self._loaded and self._loaded.signed):
            note.setPlaceholderText(self.tr("where, how long"))
        if reaction is not None:
            kind.setCurrentIndex(kind.findData(reaction.reaction))
            severity.setCurrentIndex(severity.findData(reaction.severity))
            note.setText(reaction.note)
        self.reactions.setCellWidget(row, 0, kind)
        self.reactions.setCellWidget(row, 1, severity)
        self.reactions.setCellWidget(row, 2, note)
        self.reactions.setCellWidget(
            row, 3, self._remove_button(lambda: self._remove_reaction(note))
        )
        kind.currentIndexChanged.connect(self._changed)
        severity.currentIndexChanged.connect(self._changed)
        note.textChanged.connect(self._changed)
        self._fit(self.reactions)
        if reaction is None:
            kind.setFocus()
            self._changed()

    def _remove_reaction(self, note: QLineEdit) -> None:
        for row in range(self.reactions.rowCount()):
            if self.reactions.cellWidget(row, 2) is note:
                self.reactions.removeRow(row)
                break
        self._fit(self.reactions)
        self._changed()

    def _line_message(self, text: str) -> None:
        self.lines_error.setText(text)
        self.lines_error.show()

    # --- the editor -------------------------------------------------------------------------

    def form_record(self) -> tuple[VisitRecord | None, dict[str, str]]:
        """The visit as typed, and messages for what cannot be read."""
        loaded = self._loaded
        if loaded is None:
            return None, {}
        errors: dict[str, str] = {}
        price, price_error = _parse_price(self.price.text())
        if price_error:
            errors["price"] = self.tr("Enter the price as a number, such as 3500 or 3500.50.")
        typed = self.starts_at.dateTime()
        moment = datetime(
            typed.date().year(),
            typed.date().month(),
            typed.date().day(),
            typed.time().hour(),
            typed.time().minute(),
        ).astimezone()
        if _when(moment) == _when(loaded.starts_at):
            moment = loaded.starts_at
        lines = []
        for entry in self._line_rows:
            line = entry.record()
            if line is None:
                errors["product_lines"] = self.tr("Choose a lot for {product}.").format(
                    product=entry.product
                )
            else:
                lines.append(line)
        reactions = []
        for row in range(self.reactions.rowCount()):
            kind = self.reactions.cellWidget(row, 0)
            severity = self.reactions.cellWidget(row, 1)
            note = self.reactions.cellWidget(row, 2)
            reactions.append(
                ReactionRecord(
                    Reaction(kind.currentData()),
                    ReactionSeverity(severity.currentData()),
                    note.text().strip(),
                )
            )
        method = self.method.currentData()
        record = replace(
            loaded,
            starts_at=moment,
            status=VisitStatus(self.status.currentData()),
            practitioner=self.practitioner.text().strip(),
            areas=tuple(area for area, box in self.areas.items() if box.isChecked()),
            techniques=tuple(t for t, box in self.techniques.items() if box.isChecked()),
            method=Method(method) if method else None,
            anaesthesia=self.anaesthesia.text().strip(),
            disinfection=self.disinfection.text().strip(),
            notes=self.notes.toPlainText(),
            price_minor=price if not price_error else loaded.price_minor,
            product_lines=tuple(lines),
            reactions=tuple(reactions),
        )
        return record, errors

    def is_dirty(self) -> bool:
        loaded = self._loaded
        if loaded is None or loaded.signed:
            return False
        record, errors = self.form_record()
        return bool(errors) or _key(record) != _key(loaded)

    def save(self) -> bool:
        """Store the typing; a refusal is shown inline and everything typed stays."""
        loaded = self._loaded
        if loaded is None or loaded.signed or not self.is_dirty():
            return True
        record, errors = self.form_record()
        if errors or record is None:
            self._show_errors(errors)
            return False
        visits = self._window.services.visits
        try:
            saved = visits.save(record)
        except ServiceError as exc:
            self._refused(exc, loaded)
            return False
        if record.status is saved.status:
            self._after_write(saved, self.tr("Visit saved."))
            return True
        try:
            changed = visits.set_status(saved.id or 0, saved.version, record.status)
        except ServiceError as exc:
            # the record itself is stored; only the status change was refused
            self._after_write(saved, self.tr("Visit saved; the status was not changed."))
            self._refused(exc, saved)
            return False
        self._after_write(changed, self.tr("Visit saved."))
        return True

    def _refused(self, error: ServiceError, visit: VisitRecord) -> None:
        """A refusal beside the fields at fault, or in the banner (with Reload when stale)."""
        if isinstance(error, ValidationFailed):
            self._show_errors(error.errors)
        elif isinstance(error, StaleRecord):
            self._window.banner.show_message(
                str(error), "error", (self.tr("Reload"), lambda: self.open_visit(visit.id or 0))
            )
        else:
            self._window.banner.show_message(str(error), "error")

    def discard(self) -> None:
        if self._loaded is not None:
            self._show(self._loaded)

    def may_leave_visit(self) -> bool:
        """Before another visit opens here: ask once if this one holds unsaved typing."""
        if not self.is_dirty():
            return True
        from mesodesk.ui.main_window import DISCARD, SAVE

        answer = self._window.ask_unsaved_changes()
        if answer == SAVE:
            return self.save()
        if answer == DISCARD:
            self.discard()
            return True
        return False

    def mark_done(self) -> None:
        if not self._can_edit():
            return
        self.status.setCurrentIndex(self.status.findData(VisitStatus.DONE))
        self.save()

    def sign(self) -> None:
        """Sign the visit after the practitioner confirms; from then on it is read-only."""
        loaded = self._loaded
        if loaded is None or loaded.signed:
            return
        if self.is_dirty() and not self.save():
            return
        loaded = self._loaded
        assert loaded is not None
        signer = loaded.practitioner or self._window.services.settings.profile().practitioner
        if not signer:
            self._show_errors(
                {"signed_by": self.tr("Enter the practitioner's name before signing.")}
            )
            self.practitioner.setFocus()
            return
        if not self.confirm_sign(loaded, signer):
            return
        try:
            signed = self._window.services.visits.sign(loaded.id or 0, loaded.version, signer)
        except ValidationFailed as exc:
            self._show_errors(exc.errors)
            return
        except ServiceError as exc:
            self._window.banner.show_message(str(exc), "error")
            return
        self._after_write(signed, self.tr("Visit signed by {who}.").format(who=signer))

    def confirm_sign(self, visit: VisitRecord, signer: str) -> bool:
        """Signing is final: the one question this pane asks; tests replace it."""
        answer = QMessageBox.question(
            self,
            self.tr("Sign the visit"),
            self.tr(
                "Sign the visit of {when} as {who}? A signed visit can no longer be changed; "
                "corrections are added as addenda."
            ).format(when=_when(visit.starts_at), who=signer),
        )
        return answer == QMessageBox.StandardButton.Yes

    def add_addendum(self) -> None:
        loaded = self._loaded
        if loaded is None or not loaded.signed:
            return
        try:
            result = self._window.services.visits.add_addendum(
                loaded.id or 0, self.addendum_author.text(), self.addendum_text.toPlainText()
            )
        except ValidationFailed as exc:
            self.addendum_error.setText(" ".join(exc.errors.values()))
            self.addendum_error.show()
            return
        except ServiceError as exc:
            self._window.banner.show_message(str(exc), "error")
            return
        self._after_write(result, self.tr("Addendum added."))

    # --- internals --------------------------------------------------------------------------

    def _can_edit(self) -> bool:
        return self._loaded is not None and not self._loaded.signed

    def _after_write(self, record: VisitRecord, message: str) -> None:
        self._show(record)
        self._window.statusBar().showMessage(message, 4000)
        record_events(self._window).changed.emit(record.patient_id)

    def _show_errors(self, errors: dict[str, str]) -> None:
        lines = errors.get("product_lines")
        if lines:
            self._line_message(lines)
        else:
            self.lines_error.hide()
        others = [text for field, text in errors.items() if field != "product_lines"]
        self.error.setText(" ".join(others))
        self.error.setVisible(bool(others))
        self._window.statusBar().showMessage(self.tr("Not saved: see the messages."), 5000)

    def _changed(self, *_args: object) -> None:
        if self._filling:
            return
        self._update_actions()
        typed, _errors = self.form_record()
        if typed is not None and not typed.signed:
            self.plan_edited.emit(typed)

    def _update_actions(self) -> None:
        loaded = self._loaded
        editable = loaded is not None and not loaded.signed
        dirty = editable and self.is_dirty()
        self.save_button.setEnabled(dirty)
        done = loaded is not None and loaded.status is VisitStatus.DONE
        self.done_button.setEnabled(editable and not done)
        self.done_action.setEnabled(editable and not done)
        self.sign_button.setEnabled(editable)
        self.sign_action.setEnabled(editable)
        for item in (self.add_line_action, self.add_cocktail_action, self.add_reaction_action):
            item.setEnabled(editable)

    def _patient_opened(self, card: PatientCard | None) -> None:
        if card is None or self._loaded is None or card.id != self._loaded.patient_id:
            self.clear()


def _compact(combo: QComboBox) -> QComboBox:
    """A combo that does not widen the pane to its longest lot label (the popup shows it all)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _key(record: VisitRecord | None) -> tuple[object, ...]:
    """What a save would change: compared to tell whether the pane holds unsaved typing."""
    if record is None:
        return ()
    return (
        record.starts_at,
        record.status,
        record.practitioner,
        frozenset(record.areas),
        frozenset(record.techniques),
        record.method,
        record.anaesthesia,
        record.disinfection,
        record.notes,
        record.price_minor,
        tuple(
            (line.id, line.lot_id, line.volume_ml, line.cocktail_id)
            for line in record.product_lines
        ),
        record.reactions,
    )


def _price_text(minor: int | None) -> str:
    if minor is None:
        return ""
    whole, cents = divmod(minor, 100)
    return str(whole) if cents == 0 else f"{whole}.{cents:02d}"


MAX_PRICE = Decimal(10) ** 9
"""A billion in the clinic's currency: anything above is a typing slip, not a price."""


def _parse_price(text: str) -> tuple[int | None, bool]:
    """(minor units, failed): '3500', '3 500', '3500,50' all read; empty means no price."""
    cleaned = text.replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not cleaned:
        return None, False
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None, True
    if not value.is_finite() or value < 0 or value >= MAX_PRICE or value != round(value, 2):
        return None, True
    return int(value * 100), False


def install_visit_pane(window: MainWindow) -> VisitPane:
    """The visit-notes pane, first in the Visit tab's splitter (the diagram goes after it)."""
    pane = VisitPane(window)
    window.visit_splitter.insertWidget(0, pane)
    window.visit_splitter.setStretchFactor(0, 2)
    window.visit_pane = pane  # type: ignore[attr-defined]
    return pane
