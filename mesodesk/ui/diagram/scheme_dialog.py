"""Applying the vascular (spine) scheme: the practitioner decides levels, rows and sides."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.diagram import (
    DiagramName,
    Point,
    Side,
    ear_to_ear_rows,
    load_diagram,
    vascular_spine_scheme,
)
from mesodesk.domain.diagram.spine import DEFAULT_OFFSETS_MM
from mesodesk.ui.wheel_guard import ComboBox, DoubleSpinBox

DEFAULT_TOP, DEFAULT_BOTTOM = "C3", "T6"


@dataclass(frozen=True, slots=True)
class SchemeChoice:
    """What to generate; the defaults are the domain's (C3-T6, rows at 15, 40 and 60 mm)."""

    top: str = DEFAULT_TOP
    bottom: str = DEFAULT_BOTTOM
    offsets_mm: tuple[float, ...] = DEFAULT_OFFSETS_MM
    sides: tuple[str, ...] = (Side.LEFT.value, Side.RIGHT.value)
    ear_rows: bool = False

    def points(self) -> list[Point]:
        """Where the injections go on the back diagram, top down, ear rows last."""
        points = [
            p.point
            for p in vascular_spine_scheme(self.top, self.bottom, self.offsets_mm, self.sides)
        ]
        if self.ear_rows:
            for row in ear_to_ear_rows():
                points.extend(row.points)
        return points


class SchemeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Apply the vascular scheme"))
        levels = [v.label for v in load_diagram(DiagramName.BACK).vertebrae]
        self.top = ComboBox(self)
        self.bottom = ComboBox(self)
        for combo, default in ((self.top, DEFAULT_TOP), (self.bottom, DEFAULT_BOTTOM)):
            combo.addItems(levels)
            combo.setCurrentText(default)
        self.offsets: list[QDoubleSpinBox] = []
        offsets = QHBoxLayout()
        for value in DEFAULT_OFFSETS_MM:
            spin = DoubleSpinBox(self)
            spin.setRange(0, 150)
            spin.setDecimals(0)
            spin.setSuffix(self.tr(" mm"))
            spin.setSpecialValueText(self.tr("no row"))
            spin.setValue(value)
            self.offsets.append(spin)
            offsets.addWidget(spin)
        self.left = QCheckBox(self.tr("Left"), self)
        self.right = QCheckBox(self.tr("Right"), self)
        self.left.setChecked(True)
        self.right.setChecked(True)
        sides = QHBoxLayout()
        sides.addWidget(self.left)
        sides.addWidget(self.right)
        sides.addStretch(1)
        self.ear_rows = QCheckBox(self.tr("Two ear-to-ear rows, 5 mm apart"), self)
        self.ear_rows.setToolTip(self.tr("Only for the chest, neck, shoulders and face."))
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("From level"), self.top)
        form.addRow(self.tr("To level"), self.bottom)
        form.addRow(self.tr("Rows beside the midline"), offsets)
        form.addRow(self.tr("Sides"), sides)
        form.addRow("", self.ear_rows)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Apply"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        intro = QLabel(
            self.tr(
                "Points between the spinous processes on the midline, and at the same height "
                "on each row beside it. Move or remove points afterwards by hand."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def choice(self) -> SchemeChoice:
        sides = tuple(
            side.value
            for side, box in ((Side.LEFT, self.left), (Side.RIGHT, self.right))
            if box.isChecked()
        )
        return SchemeChoice(
            top=self.top.currentText(),
            bottom=self.bottom.currentText(),
            offsets_mm=tuple(s.value() for s in self.offsets if s.value() > 0),
            sides=sides,
            ear_rows=self.ear_rows.isChecked(),
        )

    def _accept(self) -> None:
        try:
            self.choice().points()
        except ValueError as error:
            self.error.setText(str(error))
            return
        self.accept()
