"""Areas or techniques as chips: those the chart says (fixed) and those added by hand."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from mesodesk.ui.flow_layout import FlowLayout
from mesodesk.ui.text import vocab


class Chip(QFrame):
    removed = Signal()

    def __init__(self, text: str, charted: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chip")
        self.setProperty("charted", "true" if charted else "false")
        self.label = QLabel(text, self)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 4 if not charted else 8, 2)
        row.setSpacing(2)
        row.addWidget(self.label)
        if charted:
            self.setToolTip(self.tr("From the chart: remove the marks to remove it"))
        else:
            remove = QToolButton(self)
            remove.setObjectName("chipRemove")
            remove.setText("✕")
            remove.setAutoRaise(True)
            remove.setToolTip(self.tr("Remove {item}").format(item=text))
            remove.setAccessibleName(self.tr("Remove {item}").format(item=text))
            remove.clicked.connect(self.removed)
            row.addWidget(remove)


class ChoiceChips(QWidget):
    """`set_items(charted, added)` shows them; the user adds and removes the added ones."""

    changed = Signal(object)  # tuple of the members added by hand

    def __init__(self, members: Sequence[Enum], add_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._members = list(members)
        self._charted: tuple[Enum, ...] = ()
        self._added: tuple[Enum, ...] = ()
        self._read_only = False
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("chipAdd")
        self.add_button.setText(add_text)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.add_button.setMenu(self.menu)
        self.empty = QLabel(self.tr("None charted yet"), self)
        self.empty.setObjectName("mutedLabel")
        # as tall as the chips, centred, so the row's text lines up with the "+" button's
        self.empty.setMinimumHeight(self.add_button.sizeHint().height())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.flow = FlowLayout(self, spacing=5)
        self._render()

    @property
    def added(self) -> tuple[Enum, ...]:
        return self._added

    @property
    def charted(self) -> tuple[Enum, ...]:
        return self._charted

    def set_items(self, charted: Sequence[Enum], added: Sequence[Enum]) -> None:
        charted_t = tuple(m for m in self._members if m in charted)
        added_t = tuple(m for m in self._members if m in added and m not in charted_t)
        if (charted_t, added_t) == (self._charted, self._added):
            return
        self._charted, self._added = charted_t, added_t
        self._render()

    def set_read_only(self, read_only: bool) -> None:
        if read_only == self._read_only:
            return  # the chips shown stay: each visit opened sets this again
        self._read_only = read_only
        self._render()

    def chip_texts(self) -> list[str]:
        return [chip.label.text() for chip in self.findChildren(Chip) if not chip.isHidden()]

    def add(self, member: Enum) -> None:
        if member in self._added or member in self._charted:
            return
        self._added = tuple(m for m in self._members if m in {*self._added, member})
        self._render()
        self.changed.emit(self._added)

    def remove(self, member: Enum) -> None:
        self._added = tuple(m for m in self._added if m != member)
        self._render()
        self.changed.emit(self._added)

    def _fill_menu(self) -> None:
        self.menu.clear()
        for member in self._members:
            if member in self._charted or member in self._added:
                continue
            action = QAction(vocab(member), self.menu)
            action.triggered.connect(lambda _=False, m=member: self.add(m))
            self.menu.addAction(action)

    def _render(self) -> None:
        while self.flow.count():
            item = self.flow.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in (self.add_button, self.empty):
                widget.hide()
                widget.deleteLater()
        for member in self._charted:
            chip = Chip(vocab(member), True, self)
            self.flow.addWidget(chip)
            chip.show()
        for member in self._added:
            chip = Chip(vocab(member), False, self)
            chip.removed.connect(lambda m=member: self.remove(m))
            if self._read_only:
                for button in chip.findChildren(QToolButton):
                    button.hide()
            self.flow.addWidget(chip)
            chip.show()
        self.empty.setVisible(not self._charted and not self._added)
        self.flow.addWidget(self.empty)
        self.add_button.setVisible(not self._read_only)
        self.flow.addWidget(self.add_button)
        self.updateGeometry()
