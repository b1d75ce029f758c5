"""The visit notes: what was done in one visit, with which lots, and what followed.

Built with the open visit: every change is handed to it as the visit's edits, and the form
refills itself when the open visit says the record changed. Areas and techniques come from the
chart (fixed chips) and may be completed by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import limits
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.records import ReactionRecord, VisitRecord
from mesodesk.domain.vocabulary import (
    Area,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
    VisitStatus,
)
from mesodesk.ui.state.open_visit import OpenVisit
from mesodesk.ui.text import currency_sign, date_format, show_date_time, ui_locale, vocab
from mesodesk.ui.visit.chips import ChoiceChips
from mesodesk.ui.visit.lines import (
    GrowingTable,
    ProductLines,
    compact,
    fixed_table,
    remove_button,
)
from mesodesk.ui.wheel_guard import ComboBox, DateTimeEdit

MAX_PRICE = Decimal(limits.PRICE_MAX_MINOR + 1) / 100
"""Ten million in the clinic's currency: anything above is a typing slip, not a price."""


def when(moment: datetime) -> str:
    local = moment.astimezone()
    return show_date_time(local)


class VisitForm(QScrollArea):
    """The scrolling column of the visit's fields beside the diagram."""

    def __init__(self, visit: OpenVisit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitForm")
        self.visit = visit
        self._filling = False
        self._shown_id: object = object()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._build()
        visit.record_changed.connect(self._record_changed)
        visit.plan_replaced.connect(self._plan_replaced)
        visit.marks_changed.connect(self._marks_changed)
        visit.stock_changed.connect(self._stock_changed)
        visit.refused.connect(self.show_errors)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.signature = QLabel(self)
        self.signature.setObjectName("signatureNote")
        self.signature.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)

        self.starts_at = DateTimeEdit(self)
        self.starts_at.setDisplayFormat(f"{date_format()} HH:mm")
        self.starts_at.setCalendarPopup(True)
        self.status = ComboBox(self)
        for status in VisitStatus:
            self.status.addItem(vocab(status), status)
        self.practitioner = QLineEdit(self)
        self.practitioner.setMaxLength(limits.PRACTITIONER)
        self.practitioner_error = QLabel(self)
        self.practitioner_error.setObjectName("fieldError")
        self.practitioner_error.setWordWrap(True)
        self.practitioner_error.hide()
        self.method = compact(ComboBox(self))
        self.method.addItem("—", None)
        for method in Method:
            self.method.addItem(vocab(method), method)
        self.anaesthesia = QLineEdit(self)
        self.anaesthesia.setMaxLength(limits.VISIT_DETAIL)
        self.anaesthesia.setPlaceholderText(self.tr("e.g. lidocaine cream 5%, 30 min"))
        self.disinfection = QLineEdit(self)
        self.disinfection.setMaxLength(limits.VISIT_DETAIL)
        self.disinfection.setPlaceholderText(self.tr("e.g. chlorhexidine 0.05%"))
        self.price = QLineEdit(self)
        self.price.setPlaceholderText("3500")
        self.price.setAccessibleName(self.tr("Price"))
        self.currency = QLabel(self)
        self.price_error = QLabel(self)
        self.price_error.setObjectName("fieldError")
        self.price_error.setWordWrap(True)
        self.price_error.hide()
        price_row = QHBoxLayout()
        price_row.addWidget(self.price, 1)
        price_row.addWidget(self.currency)

        procedure = QGroupBox(self.tr("Procedure"), self)
        form = QFormLayout(procedure)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Date and time"), self.starts_at)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Practitioner"), self.practitioner)
        form.addRow("", self.practitioner_error)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Anaesthesia"), self.anaesthesia)
        form.addRow(self.tr("Disinfection"), self.disinfection)
        form.addRow(self.tr("Price"), price_row)
        form.addRow("", self.price_error)

        done = QGroupBox(self.tr("What was done"), self)
        self.areas = ChoiceChips(list(Area), self.tr("+ Area"), done)
        self.areas.add_button.setToolTip(self.tr("Add an area treated without marks"))
        self.techniques = ChoiceChips(list(Technique), self.tr("+ Technique"), done)
        self.techniques.add_button.setToolTip(self.tr("Add a technique used without marks"))
        done_form = QFormLayout(done)
        done_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        done_form.addRow(self.tr("Areas"), self.areas)
        done_form.addRow(self.tr("Techniques"), self.techniques)

        products = QGroupBox(self.tr("Products used"), self)
        self.lines = ProductLines(products)
        QVBoxLayout(products).addWidget(self.lines)

        reactions = QGroupBox(self.tr("Reactions observed"), self)
        self.add_reaction_button = QPushButton(self.tr("Add reaction"), reactions)
        self.add_reaction_button.setToolTip(self.tr("Ctrl+Shift+R"))
        self.reactions = fixed_table(
            reactions, [self.tr("Reaction"), self.tr("Severity"), self.tr("Note"), ""]
        )
        self.reaction_sizing = GrowingTable(self.reactions)
        reaction_row = QHBoxLayout()
        reaction_row.addWidget(self.add_reaction_button)
        reaction_row.addStretch(1)
        reactions_layout = QVBoxLayout(reactions)
        reactions_layout.addLayout(reaction_row)
        reactions_layout.addWidget(self.reactions)

        notes = QGroupBox(self.tr("Notes"), self)
        self.notes = QPlainTextEdit(notes)
        self.notes.setObjectName("visitNotes")
        self.notes.setPlaceholderText(self.tr("What you saw and did, advice given"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)
        QVBoxLayout(notes).addWidget(self.notes)

        self.addenda_box = QGroupBox(self.tr("Addenda"), self)
        self.addenda = QLabel(self.addenda_box)
        self.addenda.setWordWrap(True)
        self.addenda.setTextFormat(Qt.TextFormat.PlainText)
        self.addendum_author = QLineEdit(self.addenda_box)
        self.addendum_author.setMaxLength(limits.PRACTITIONER)
        self.addendum_author.setPlaceholderText(self.tr("Author"))
        self.addendum_author.setAccessibleName(self.tr("Author of the addendum"))
        self.addendum_text = QPlainTextEdit(self.addenda_box)
        self.addendum_text.setPlaceholderText(
            self.tr("A correction or later observation; the signed record stays as it is.")
        )
        self.addendum_text.setTabChangesFocus(True)
        self.addendum_text.setMaximumHeight(80)
        self.addendum_button = QPushButton(self.tr("Add addendum"), self.addenda_box)
        self.addendum_button.setToolTip(self.tr("Ctrl+Return"))
        self.addendum_error = QLabel(self.addenda_box)
        self.addendum_error.setObjectName("fieldError")
        self.addendum_error.setWordWrap(True)
        author_row = QHBoxLayout()
        author_row.addWidget(self.addendum_author, 1)
        author_row.addWidget(self.addendum_button)
        addenda_layout = QVBoxLayout(self.addenda_box)
        addenda_layout.addWidget(self.addenda)
        addenda_layout.addWidget(self.addendum_text)
        addenda_layout.addLayout(author_row)
        addenda_layout.addWidget(self.addendum_error)

        content = QWidget(self)
        content.setObjectName("cardPane")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 6, 0)
        column.addWidget(self.signature)
        column.addWidget(self.error)
        column.addWidget(procedure)
        column.addWidget(done)
        column.addWidget(products)
        column.addWidget(reactions)
        column.addWidget(notes)
        column.addWidget(self.addenda_box)
        column.addStretch(1)
        self.setWidget(content)
        self._editable = [procedure, notes]
        self._hints = {
            edit: edit.placeholderText()
            for edit in (self.anaesthesia, self.disinfection, self.price, self.notes)
        }

        for edit in (self.practitioner, self.anaesthesia, self.disinfection, self.price):
            edit.textChanged.connect(self._changed)
        for combo in (self.status, self.method):
            combo.currentIndexChanged.connect(self._changed)
        self.starts_at.dateTimeChanged.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        self.areas.changed.connect(self._changed)
        self.techniques.changed.connect(self._changed)
        self.lines.edited.connect(self._changed)
        self.lines.take_from_chart.connect(self.take_volumes_from_chart)
        self.add_reaction_button.clicked.connect(lambda: self.add_reaction())
        self.addendum_button.clicked.connect(self.add_addendum)

    # --- showing ----------------------------------------------------------------------------

    def _record_changed(self, record: VisitRecord | None) -> None:
        if record is None:
            self._shown_id = object()
            return
        new_visit = record.id != self._shown_id
        self._shown_id = record.id
        self._filling = True
        try:
            self._fill(record, new_visit)
        finally:
            self._filling = False
        if new_visit:
            self.verticalScrollBar().setValue(0)

    def _plan_replaced(self, record: VisitRecord) -> None:
        self._filling = True
        try:
            self.lines.load(record.product_lines, record.signed, new_visit=False)
        finally:
            self._filling = False

    def _stock_changed(self) -> None:
        self._filling = True
        try:
            self.lines.set_stock(self.visit.lots, self.visit.cocktails)
        finally:
            self._filling = False

    def _marks_changed(self, marks: tuple[MarkRecord, ...]) -> None:
        draft = self.visit.draft
        if draft is not None:
            self.areas.set_items(draft.charted_areas, draft.areas)
            self.techniques.set_items(draft.charted_techniques, draft.techniques)
        self.lines.set_marks(marks)

    def _fill(self, record: VisitRecord, new_visit: bool) -> None:
        local = record.starts_at.astimezone()
        self.starts_at.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        self.status.setCurrentIndex(self.status.findData(record.status))
        self.practitioner.setText(record.practitioner)
        self.method.setCurrentIndex(max(self.method.findData(record.method), 0))
        self.anaesthesia.setText(record.anaesthesia)
        self.disinfection.setText(record.disinfection)
        self.price.setText(_price_text(record.price_minor))
        self.currency.setText(currency_sign(record.currency))
        self.areas.set_items(record.charted_areas, record.areas)
        self.techniques.set_items(record.charted_techniques, record.techniques)
        self.notes.setPlainText(record.notes)
        self.lines.load(record.product_lines, record.signed, new_visit)
        self.reactions.setRowCount(0)
        if new_visit:
            self.reaction_sizing.reset()
        for reaction in record.reactions:
            self.add_reaction(reaction)
        self.reaction_sizing.fit()
        self.error.hide()
        self.price_error.hide()
        self.practitioner_error.hide()
        self.addendum_error.hide()
        self.addendum_text.clear()
        self.addendum_author.setText(record.practitioner)
        signed = record.signed
        for widget in self._editable:
            widget.setEnabled(not signed)
        self.areas.set_read_only(signed)
        self.techniques.set_read_only(signed)
        self.reactions.setEnabled(not signed)
        self.add_reaction_button.setVisible(not signed)
        self.reactions.setColumnHidden(3, signed)
        for edit, hint in self._hints.items():
            edit.setPlaceholderText("" if signed else hint)
        self.signature.setVisible(signed)
        if signed and record.signed_at is not None:
            self.signature.setText(
                self.tr(
                    "Signed by {who} on {when}. The record is read-only; add an addendum "
                    "to correct it."
                ).format(who=record.signed_by or "", when=when(record.signed_at))
            )
        self.addenda_box.setVisible(signed)
        self.addenda.setText(
            "\n\n".join(
                self.tr("{when}, {author}:\n{text}").format(
                    when=when(item.written_at), author=item.author, text=item.text
                )
                for item in record.addenda
            )
            or self.tr("No addenda.")
        )

    # --- reading ----------------------------------------------------------------------------

    def form_record(self) -> tuple[VisitRecord | None, dict[str, str]]:
        """The visit as typed, and messages for what cannot be read."""
        loaded = self.visit.draft
        if loaded is None:
            return None, {}
        errors: dict[str, str] = {}
        price, price_error = parse_price(self.price.text())
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
        if when(moment) == when(loaded.starts_at):
            moment = loaded.starts_at
        lines, problem = self.lines.lines()
        if problem:
            errors["product_lines"] = problem
        reactions = []
        for row in range(self.reactions.rowCount()):
            kind = self.reactions.cellWidget(row, 0)
            severity = self.reactions.cellWidget(row, 1)
            note = self.reactions.cellWidget(row, 2)
            assert isinstance(kind, QComboBox) and isinstance(severity, QComboBox)
            assert isinstance(note, QLineEdit)
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
            areas=tuple(self.areas.added),  # type: ignore[arg-type]
            techniques=tuple(self.techniques.added),  # type: ignore[arg-type]
            method=Method(method) if method else None,
            anaesthesia=self.anaesthesia.text().strip(),
            disinfection=self.disinfection.text().strip(),
            notes=self.notes.toPlainText(),
            price_minor=price if not price_error else loaded.price_minor,
            product_lines=lines,
            reactions=tuple(reactions),
        )
        return record, errors

    # --- editing ----------------------------------------------------------------------------

    def add_reaction(self, reaction: ReactionRecord | None = None) -> None:
        if reaction is None and not self.visit.editable:
            return
        row = self.reactions.rowCount()
        self.reactions.insertRow(row)
        kind = ComboBox(self.reactions)
        kind.setAccessibleName(self.tr("Reaction"))
        for kind_of in Reaction:
            kind.addItem(vocab(kind_of), kind_of)
        severity = ComboBox(self.reactions)
        severity.setAccessibleName(self.tr("Severity"))
        for degree in ReactionSeverity:
            severity.addItem(vocab(degree), degree)
        note = QLineEdit(self.reactions)
        note.setMaxLength(limits.REACTION_NOTE)
        note.setAccessibleName(self.tr("Note on the reaction"))
        if self.visit.editable:
            note.setPlaceholderText(self.tr("where, how long"))
        if reaction is not None:
            kind.setCurrentIndex(kind.findData(reaction.reaction))
            severity.setCurrentIndex(severity.findData(reaction.severity))
            note.setText(reaction.note)
        self.reactions.setCellWidget(row, 0, kind)
        self.reactions.setCellWidget(row, 1, severity)
        self.reactions.setCellWidget(row, 2, note)
        remove = remove_button(self.reactions, self.tr("Remove the reaction"))
        remove.clicked.connect(lambda: self._remove_reaction(note))
        self.reactions.setCellWidget(row, 3, remove)
        kind.currentIndexChanged.connect(self._changed)
        severity.currentIndexChanged.connect(self._changed)
        note.textChanged.connect(self._changed)
        self.reaction_sizing.fit()
        if reaction is None:
            kind.setFocus()
            self._changed()

    def _remove_reaction(self, note: QLineEdit) -> None:
        for row in range(self.reactions.rowCount()):
            if self.reactions.cellWidget(row, 2) is note:
                self.reactions.removeRow(row)
                break
        self.reaction_sizing.fit()
        self._changed()

    def add_line(self) -> None:
        if self.visit.editable:
            self.lines.add_line()

    def add_cocktail(self) -> None:
        if self.visit.editable:
            self.lines.add_cocktail()

    def take_volumes_from_chart(self) -> None:
        if not self.visit.editable:
            return
        self._changed()  # what was typed goes in first
        filled = self.visit.take_volumes_from_chart()
        if filled is not None:
            self.lines.show_error(" ".join(filled.problems) or None)

    def add_addendum(self) -> None:
        author, text = self.addendum_author.text(), self.addendum_text.toPlainText()
        if self.visit.add_addendum(author, text):
            self.addendum_error.hide()

    def show_errors(self, errors: dict[str, str]) -> None:
        """A refusal beside the fields at fault; everything typed stays."""
        self.lines.show_error(errors.get("product_lines"))
        if "price" in errors:
            self.price_error.setText(errors["price"])
            self.price_error.show()
        practitioner = errors.get("practitioner") or errors.get("signed_by")
        self.practitioner_error.setText(practitioner or "")
        self.practitioner_error.setVisible(bool(practitioner))
        addendum = " ".join(errors[k] for k in ("author", "text") if k in errors)
        self.addendum_error.setText(addendum)
        self.addendum_error.setVisible(bool(addendum))
        shown = {"product_lines", "price", "practitioner", "signed_by", "author", "text"}
        others = [text for field, text in errors.items() if field not in shown]
        self.error.setText(" ".join(others))
        self.error.setVisible(bool(others))
        if practitioner:
            self.ensureWidgetVisible(self.practitioner)
            self.practitioner.setFocus()

    def _changed(self, *_args: object) -> None:
        if self._filling:
            return
        record, errors = self.form_record()
        if record is None:
            return
        if "product_lines" not in errors:
            self.lines.show_error(None)
        self.price_error.setText(errors.get("price", ""))
        self.price_error.setVisible("price" in errors)
        if self.practitioner_error.isVisible() and record.practitioner:
            self.practitioner_error.hide()
        self.visit.edit(record, errors)


def _price_text(minor: int | None) -> str:
    if minor is None:
        return ""
    whole, cents = divmod(minor, 100)
    return str(whole) if cents == 0 else f"{whole}{ui_locale().decimalPoint()}{cents:02d}"


def parse_price(text: str) -> tuple[int | None, bool]:
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
