"""The catalog window (ingredients, products, lots, cocktails, lot recall): a window of its
own, so stock can be checked mid-visit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from mesodesk.ui.catalog_cocktails import CocktailPage
from mesodesk.ui.catalog_common import CatalogPage
from mesodesk.ui.catalog_products import IngredientPage, ProductPage
from mesodesk.ui.catalog_stock import LotPage, RecallPage
from mesodesk.ui.widgets import Banner
from mesodesk.ui.workers import TaskRunner

if TYPE_CHECKING:
    from mesodesk.services.catalog import CatalogService


class CatalogWindow(QWidget):
    """A window of its own beside the main one, so stock can be checked mid-visit."""

    def __init__(
        self,
        catalog: CatalogService,
        runner: TaskRunner,
        open_patient: Callable[[int], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._open_patient = open_patient
        self.setObjectName("catalogWindow")
        self.setWindowTitle(self.tr("Catalog — MesoDesk"))
        screen = parent.screen().availableGeometry()
        self.resize(min(1240, screen.width() - 40), min(740, screen.height() - 60))
        self.banner = Banner(self)
        self.ingredients = IngredientPage(catalog, self.confirm, self)
        self.products = ProductPage(catalog, self.confirm, self)
        self.lots = LotPage(catalog, self.confirm, parent=self)
        self.cocktails = CocktailPage(catalog, self.confirm, self)
        self.recall = RecallPage(catalog, runner, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for page, title in (
            (self.ingredients, self.tr("Ingredients")),
            (self.products, self.tr("Products")),
            (self.lots, self.tr("Lots")),
            (self.cocktails, self.tr("Cocktails")),
            (self.recall, self.tr("Lot recall")),
        ):
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        for number in range(1, self.tabs.count() + 1):
            switch = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            switch.activated.connect(lambda n=number: self.tabs.setCurrentIndex(n - 1))
        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        close.activated.connect(self.close)
        # a change on one tab shows up in the choices of the others
        self.ingredients.changed.connect(self.products.reload)
        self.products.changed.connect(self.lots.reload)
        self.products.changed.connect(self.cocktails.reload)
        self.recall.open_patient.connect(self.open_patient)

    def pages(self) -> list[CatalogPage]:
        return [self.ingredients, self.products, self.lots, self.cocktails]

    def refresh(self) -> None:
        """Read the catalog again (visits take stock out of lots), keeping unsaved typing."""
        for page in self.pages():
            if not page.is_dirty():
                page.reload()

    def show_recall(self) -> None:
        self.tabs.setCurrentWidget(self.recall)
        self.recall.search.setFocus()

    def confirm(self, question: str) -> bool:
        """Ask yes or no (deleting, discarding typing); the one place this window asks."""
        answer = QMessageBox.question(
            self,
            self.tr("Catalog"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_patient(self, patient_id: int) -> None:
        """Open this patient in the main window (which asks about unsaved typing first)."""
        self._open_patient(patient_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages():
            if page.is_dirty() and not page._may_leave():
                self.tabs.setCurrentWidget(page)
                event.ignore()
                return
        event.accept()
