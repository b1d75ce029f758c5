"""The catalog window (ingredients, products, lots, cocktails, lot recall) and the menu
actions of the catalog-and-courses feature: Tools > Catalog…, Tools > Clinic settings…,
Patient > Plan a course…."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from mesodesk.domain.findings import Finding, Severity
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import CourseRecord
from mesodesk.ui.catalog_cocktails import CocktailPage
from mesodesk.ui.catalog_common import CatalogPage
from mesodesk.ui.catalog_products import IngredientPage, ProductPage
from mesodesk.ui.catalog_stock import LotPage, RecallPage
from mesodesk.ui.course_dialog import CourseDialog
from mesodesk.ui.events import record_events
from mesodesk.ui.settings_dialog import ClinicSettingsDialog
from mesodesk.ui.text import show_date
from mesodesk.ui.widgets import Banner

if TYPE_CHECKING:
    from mesodesk.ui.main_window import MainWindow


class CatalogWindow(QWidget):
    """A window of its own beside the main one, so stock can be checked mid-visit."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self._main = main
        self.setObjectName("catalogWindow")
        self.setWindowTitle(self.tr("Catalog — MesoDesk"))
        self.resize(1240, 740)
        catalog = main.services.catalog
        self.banner = Banner(self)
        self.ingredients = IngredientPage(catalog, self.confirm, self)
        self.products = ProductPage(catalog, self.confirm, self)
        self.lots = LotPage(catalog, self.confirm, parent=self)
        self.cocktails = CocktailPage(catalog, self.confirm, self)
        self.recall = RecallPage(catalog, main.runner, self)
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
        """Bring the main window forward with this patient open and chosen in the list."""
        main = self._main
        if main.form.loaded_card().id != patient_id:
            if not main._may_leave_card():
                return
            main.open_patient(patient_id)
            main.patient_list.select_id(patient_id)
        main.raise_()
        main.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages():
            if page.is_dirty() and not page._may_leave():
                self.tabs.setCurrentWidget(page)
                event.ignore()
                return
        event.accept()


class CatalogFeature:
    """Holds the feature's windows and actions for one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.catalog_window: CatalogWindow | None = None
        self.events = record_events(window)
        self.catalog_action = _action(window, window.tr("&Catalog…"), "Ctrl+Shift+C")
        self.settings_action = _action(window, window.tr("Clinic &settings…"), "Ctrl+Alt+S")
        self.course_action = _action(window, window.tr("Plan a &course…"), "Ctrl+Shift+O")
        self.course_action.setEnabled(False)
        self.catalog_action.triggered.connect(self.show_catalog)
        self.settings_action.triggered.connect(self.edit_settings)
        self.course_action.triggered.connect(self.plan_course)
        window.menus["tools"].addActions([self.catalog_action, self.settings_action])
        window.menus["patient"].addAction(self.course_action)
        window.patient_opened.connect(self._patient_opened)
        self.events.changed.connect(self._records_changed)

    def show_catalog(self) -> CatalogWindow:
        if self.catalog_window is None:
            self.catalog_window = CatalogWindow(self.window)
        else:
            self.catalog_window.refresh()
        self.catalog_window.show()
        self.catalog_window.raise_()
        self.catalog_window.activateWindow()
        return self.catalog_window

    def edit_settings(self) -> ClinicSettingsDialog:
        """Open the clinic settings over the main window (window-modal, not blocking)."""
        dialog = ClinicSettingsDialog(self.window.services.settings, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.window.banner.show_message(
                self.window.tr("Clinic settings saved."), "success"
            )
        )
        dialog.open()
        return dialog

    def plan_course(self) -> CourseDialog | None:
        """Open the course planner for the open patient; booking refreshes their records."""
        card: PatientCard = self.window.form.loaded_card()
        if card.id is None:
            return None
        dialog = CourseDialog(self.window.services.courses, card, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._course_created(card, dialog.created))
        dialog.open()
        return dialog

    def _course_created(
        self, card: PatientCard, created: tuple[CourseRecord, list[date]] | None
    ) -> None:
        if created is None or card.id is None:
            return
        _, dates = created
        self.events.changed.emit(card.id)
        if dates:
            message = self.window.tr("Course planned: {count} visits booked, {first} to {last}.")
            message = message.format(
                count=len(dates), first=show_date(dates[0]), last=show_date(dates[-1])
            )
        else:
            message = self.window.tr("Course saved.")
        self.window.banner.show_message(message, "success")

    def _records_changed(self, _patient_id: int) -> None:
        catalog = self.catalog_window
        if catalog is not None and catalog.isVisible() and not catalog.lots.is_dirty():
            catalog.lots.reload()

    def _patient_opened(self, card: PatientCard | None) -> None:
        self.course_action.setEnabled(card is not None and card.id is not None)
        if card is None or card.id is None:
            return
        patient_id, courses = card.id, self.window.services.courses
        self.window.runner.submit(
            lambda: courses.reminders(patient_id, date.today()),
            lambda findings: self._show_reminders(patient_id, findings),
            lambda _error: None,
        )

    def _show_reminders(self, patient_id: int, findings: list[Finding]) -> None:
        """A repeat or maintenance reminder in the banner, unless something else is shown."""
        window = self.window
        if not findings or window.form.loaded_card().id != patient_id:
            return
        if window.banner.isVisible():
            return
        text = findings[0].reason
        if len(findings) > 1:
            text += " " + window.tr("({count} more reminders in the course plan.)").format(
                count=len(findings) - 1
            )
        kind = "warning" if findings[0].severity is Severity.WARNING else "info"
        window.banner.show_message(text, kind)


def _action(window: MainWindow, text: str, shortcut: str) -> QAction:
    action = QAction(text, window)
    action.setShortcut(QKeySequence(shortcut))
    window.addAction(action)
    return action


def install(window: MainWindow) -> None:
    """Tools > Catalog… (Ctrl+Shift+C), Tools > Clinic settings… (Ctrl+Alt+S),
    Patient > Plan a course… (Ctrl+Shift+O)."""
    window.catalog_feature = CatalogFeature(window)  # type: ignore[attr-defined]
