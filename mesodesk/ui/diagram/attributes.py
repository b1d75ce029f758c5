"""The side form for a mark's technique, depth, volume, needle, what was injected and note.

With marks selected it edits them (only the fields the practitioner touches change, so a batch
edit of depth keeps each mark's own volume); with none selected it holds the values new marks
get. A depth the rules question shows in amber beside the field, as the practitioner types.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain import limits
from mesodesk.domain.chart import Injected, injected_by
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.vocabulary import Technique
from mesodesk.ui.text import vocab
from mesodesk.ui.wheel_guard import ComboBox, DoubleSpinBox

NEEDLES = ("30G 4 mm", "32G 4 mm", "30G 13 mm", "32G 13 mm", "27G 13 mm")
"""Common mesotherapy needles (seed 001: 32G 4 mm / 13 mm)."""

DepthCheck = Callable[[Decimal | None, Technique | None], str]


def _value(mark: MarkRecord, name: str) -> object:
    return injected_by(mark) if name == "injected" else getattr(mark, name)


def mark_changes(changes: dict[str, object]) -> dict[str, object]:
    """The form's fields as mark attributes: "injected" becomes the cocktail or the lot."""
    result = dict(changes)
    injected = result.pop("injected", None)
    if isinstance(injected, Injected):
        result["cocktail_id"] = injected.cocktail_id
        result["lot_id"] = injected.lot_id
    return result


def with_changes(mark: MarkRecord, changes: dict[str, object]) -> MarkRecord:
    """The mark with the attributes the form changed (names from `mark_changes`)."""
    return replace(mark, **cast(dict[str, Any], changes))


def _shared(values: Sequence[object]) -> object | None:
    """The value all marks share, or None when they differ."""
    first = values[0] if values else None
    return first if all(v == first for v in values) else None


class AttributeEditor(QWidget):
    apply_requested = Signal()
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._touched: set[str] = set()
        self._marks: list[MarkRecord] = []
        self._defaults: dict[str, object] = {
            "technique": None,
            "depth_mm": None,
            "volume_ml": None,
            "needle": "",
            "injected": Injected(),
            "note": "",
        }
        self.depth_check: DepthCheck = lambda depth, technique: ""

        self.heading = QLabel(self)
        self.heading.setObjectName("sectionHeading")
        self.technique = ComboBox(self)
        self.technique.addItem(self.tr("—"), None)
        for technique in Technique:
            self.technique.addItem(vocab(technique), technique.value)
        self.depth_field = DoubleSpinBox(self)
        self.depth_field.setRange(0, 20)
        self.depth_field.setDecimals(1)
        self.depth_field.setSingleStep(0.5)
        self.depth_field.setSuffix(self.tr(" mm"))
        self.depth_field.setSpecialValueText(self.tr("—"))
        self.volume = DoubleSpinBox(self)
        self.volume.setRange(0, 5)
        self.volume.setDecimals(3)
        self.volume.setSingleStep(0.01)
        self.volume.setSuffix(self.tr(" ml"))
        self.volume.setSpecialValueText(self.tr("—"))
        self.needle = ComboBox(self)
        self.needle.setEditable(True)
        typed = self.needle.lineEdit()
        if typed is not None:
            typed.setMaxLength(limits.NEEDLE)
        self.needle.addItems(["", *NEEDLES])
        self.product = ComboBox(self)
        self.product.setToolTip(
            self.tr("What was injected: a cocktail, or one product from one of its lots")
        )
        self.note = QLineEdit(self)
        self.note.setMaxLength(limits.MARK_NOTE)
        self.warning = QLabel(self)
        self.warning.setObjectName("depthWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel#depthWarning { color: #93370d; background: #fffaeb; border: 1px solid "
            "#fedf89; border-radius: 4px; padding: 3px 6px; }"
        )
        self.warning.hide()
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setObjectName("primary")
        self.apply_button.setToolTip(self.tr("Apply the changed fields to the selected marks"))
        self.apply_button.clicked.connect(self.apply_requested)

        for combo in (self.technique, self.needle, self.product):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(5)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(5)
        form.addRow(self.tr("Technique"), self.technique)
        form.addRow(self.tr("Depth"), self.depth_field)
        form.addRow("", self.warning)
        form.addRow(self.tr("Per injection"), self.volume)
        form.addRow(self.tr("Needle"), self.needle)
        form.addRow(self.tr("Injected"), self.product)
        form.addRow(self.tr("Note"), self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.technique.activated.connect(lambda _: self._touch("technique"))
        self.depth_field.valueChanged.connect(lambda _: self._touch("depth_mm"))
        self.volume.valueChanged.connect(lambda _: self._touch("volume_ml"))
        self.needle.currentTextChanged.connect(lambda _: self._touch("needle"))
        self.product.activated.connect(lambda _: self._touch("injected"))
        self.note.textEdited.connect(lambda _: self._touch("note"))
        for line in (self.note, self.needle.lineEdit(), *self._spin_edits()):
            if line is not None:
                line.returnPressed.connect(self.apply_requested)
        self.set_injectables(())
        self.load([])

    def _spin_edits(self) -> list[QLineEdit]:
        return [spin.lineEdit() for spin in (self.depth_field, self.volume)]

    # --- filling ----------------------------------------------------------------------------

    def set_injectables(self, choices: Sequence[tuple[str, Injected]]) -> None:
        """What a mark can say was injected: the cocktails, and the lots of the visit."""
        self._loading = True
        current = self.product.currentData()
        self.product.clear()
        self.product.addItem(self.tr("—"), "")
        for label, injected in choices:
            self.product.addItem(label, injected.key)
        default = self._defaults["injected"]
        if isinstance(default, Injected) and self.product.findData(default.key) < 0:
            self._defaults["injected"] = Injected()
        index = self.product.findData(current)
        self.product.setCurrentIndex(max(index, 0))
        self._loading = False

    def load(self, marks: Sequence[MarkRecord]) -> None:
        """Show the selection's shared values (a dash where they differ)."""
        self._loading = True
        self._marks = list(marks)
        self._touched.clear()
        if marks:
            self.heading.setText(self.tr("%n mark(s) selected", "", len(marks)))
            shown = {name: _shared([_value(m, name) for m in marks]) for name in self._defaults}
        else:
            self.heading.setText(self.tr("New marks get"))
            shown = dict(self._defaults)
        technique = shown["technique"]
        code = str(technique) if technique else None
        self.technique.setCurrentIndex(max(0, self.technique.findData(code)) if code else 0)
        self.depth_field.setValue(float(shown["depth_mm"] or 0))  # type: ignore[arg-type]
        self.volume.setValue(float(shown["volume_ml"] or 0))  # type: ignore[arg-type]
        self.needle.setCurrentText(str(shown["needle"] or ""))
        injected = shown["injected"]
        key = injected.key if isinstance(injected, Injected) else ""
        self.product.setCurrentIndex(max(0, self.product.findData(key)) if key else 0)
        self.note.setText(str(shown["note"] or ""))
        self.apply_button.setVisible(bool(marks))
        self.apply_button.setEnabled(False)
        self._loading = False
        self.refresh_warning()

    def _touch(self, name: str) -> None:
        if self._loading:
            return
        self._touched.add(name)
        if not self._marks:
            self._defaults = self.values()
        self.apply_button.setEnabled(bool(self._marks))
        self.refresh_warning()
        self.edited.emit()

    # --- reading ----------------------------------------------------------------------------

    def current_technique(self) -> Technique | None:
        data = self.technique.currentData()
        return Technique(data) if data else None

    def values(self) -> dict[str, object]:
        """Every field as a mark attribute; an unset depth or volume is None."""
        depth = self.depth_field.value()
        volume = self.volume.value()
        return {
            "technique": self.current_technique(),
            "depth_mm": Decimal(f"{depth:.1f}") if depth > 0 else None,
            "volume_ml": Decimal(f"{volume:.3f}").normalize() if volume > 0 else None,
            "needle": self.needle.currentText().strip(),
            "injected": Injected.from_key(self.product.currentData()),
            "note": self.note.text().strip(),
        }

    def defaults(self) -> dict[str, object]:
        """What a new mark gets: the form's values while nothing is selected (no note)."""
        return mark_changes({**self._defaults, "note": ""})

    def changes(self) -> dict[str, object]:
        """Only the fields edited since the selection was loaded."""
        values = self.values()
        return mark_changes({name: values[name] for name in self._touched})

    def refresh_warning(self) -> None:
        values = self.values()
        text = self.depth_check(values["depth_mm"], values["technique"])  # type: ignore[arg-type]
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.technique,
            self.depth_field,
            self.volume,
            self.needle,
            self.product,
            self.note,
            self.apply_button,
        ):
            widget.setEnabled(not read_only)
        if not read_only:
            self.apply_button.setEnabled(bool(self._touched and self._marks))
