"""The one main window: patient list on the left, the open patient's card beside it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray, QFileInfo, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.patient import PatientCard
from mesodesk.services.errors import NotFound, ServiceError, StaleRecord, ValidationFailed
from mesodesk.ui.about import AboutDialog
from mesodesk.ui.patient_form import PatientForm
from mesodesk.ui.patient_list import PatientListPanel
from mesodesk.ui.widgets import Banner, PatientHeader
from mesodesk.ui.workers import TaskRunner

if TYPE_CHECKING:
    from mesodesk.services.registry import Services

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class Editor(Protocol):
    """A pane holding typing that must not be lost: the unsaved-changes guard asks each one."""

    def is_dirty(self) -> bool: ...

    def save(self) -> bool: ...

    def discard(self) -> None: ...


class MainWindow(QMainWindow):
    """The one window. Panes plug in through `add_patient_tab`, `register_editor`, `menus`
    and the `patient_opened` signal, so each feature stays in its own module."""

    patient_opened = Signal(object)  # PatientCard, or None when no patient is open
    visit_opened = Signal(object)  # the open visit's record, or None

    def __init__(
        self,
        services: Services,
        location: str,
        parent: QWidget | None = None,
        remember_layout: bool = True,
    ) -> None:
        super().__init__(parent)
        self._remember_layout = remember_layout
        self._editors: list[Editor] = []
        self._tab_editors: dict[QWidget, Editor] = {}
        self._services = services
        self.runner = TaskRunner(self)
        self.setWindowTitle(self.tr("MesoDesk"))
        self.resize(1360, 860)

        patients = services.patients
        self.patient_list = PatientListPanel(
            lambda query, archived, after: patients.search(query, archived, after),
            page_size=200,
            runner=self.runner,
            parent=self,
        )
        self.header = PatientHeader(self)
        self.banner = Banner(self)
        self.form = PatientForm(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("primary")
        self.revert_button = QPushButton(self.tr("Revert"), self)

        self._build_card_pane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.patient_list)
        self.splitter.addWidget(self.card_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 1120])
        self.setCentralWidget(self.splitter)

        self._build_actions()
        shown = location if "://" in location else QFileInfo(location).fileName()
        self.location_label = QLabel(self.tr("Database: {where}").format(where=shown), self)
        self.location_label.setToolTip(location)
        self.location_label.setObjectName("mutedLabel")
        self.statusBar().addPermanentWidget(self.location_label)

        self.patient_list.patient_chosen.connect(self._choose)
        self.form.edited.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.patient_list.show_archived.toggled.connect(self.show_archived_action.setChecked)
        self.show_archived_action.toggled.connect(self.patient_list.show_archived.setChecked)
        self.visit_tab = QWidget(self)
        self.visit_banner_area = QVBoxLayout()
        self.visit_banner_area.setSpacing(6)
        self.visit_splitter = QSplitter(Qt.Orientation.Horizontal, self.visit_tab)
        self.visit_splitter.setObjectName("visitSplitter")
        self.visit_splitter.setChildrenCollapsible(False)
        visit_layout = QVBoxLayout(self.visit_tab)
        visit_layout.setContentsMargins(0, 6, 0, 0)
        visit_layout.addLayout(self.visit_banner_area)
        visit_layout.addWidget(self.visit_splitter, 1)
        from mesodesk.ui.features import install_features

        install_features(self)
        self._open_card(None)
        if remember_layout:
            self._restore_layout()
        self.patient_list.refresh()

    @property
    def services(self) -> Services:
        return self._services

    # --- building ---------------------------------------------------------------------------

    def _build_card_pane(self) -> None:
        self.card_pane = QWidget(self)
        self.card_pane.setObjectName("cardPane")
        self.empty_state = QLabel(
            self.tr("Choose a patient on the left, or press Ctrl+N to add a new one."), self
        )
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_holder = QWidget(self)
        form_holder.setObjectName("cardPane")
        holder_layout = QVBoxLayout(form_holder)
        holder_layout.setContentsMargins(0, 0, 4, 0)
        holder_layout.addWidget(self.form)
        scroll.setWidget(form_holder)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        editor = QWidget(self)
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(scroll, 1)
        editor_layout.addLayout(buttons)

        self.patient_tabs = QTabWidget(self)
        self.patient_tabs.setObjectName("patientTabs")
        self.patient_tabs.setDocumentMode(True)
        self.patient_tabs.addTab(editor, self.tr("Card"))
        self.card_stack = QStackedWidget(self)
        self.card_stack.addWidget(self.empty_state)
        self.card_stack.addWidget(self.patient_tabs)

        layout = QVBoxLayout(self.card_pane)
        layout.setContentsMargins(8, 8, 10, 8)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.card_stack, 1)

    def add_patient_tab(self, widget: QWidget, title: str, editor: Editor | None = None) -> int:
        """Add a pane under the patient header; Ctrl+1..9 switch between the panes.

        With an `editor`, Ctrl+S on this pane saves it, and the unsaved-changes guard asks it.
        """
        if editor is not None:
            self._tab_editors[widget] = editor
            self.register_editor(editor)
        return self.patient_tabs.addTab(widget, title)

    def register_editor(self, editor: Editor) -> None:
        """Include a pane in the unsaved-changes guard (switching patients, closing)."""
        self._editors.append(editor)

    def _build_actions(self) -> None:
        def action(text: str, shortcut: QKeySequence | str | None, slot: object) -> QAction:
            item = QAction(text, self)
            if shortcut is not None:
                item.setShortcut(QKeySequence(shortcut))
            item.triggered.connect(slot)
            self.addAction(item)
            return item

        self.new_action = action(self.tr("&New patient"), QKeySequence.StandardKey.New, self.new)
        self.save_action = action(
            self.tr("&Save"), QKeySequence.StandardKey.Save, self._save_current_pane
        )
        self.revert_action = action(self.tr("&Revert changes"), "Ctrl+R", self.revert)
        self.archive_action = action(
            self.tr("&Archive patient"), "Ctrl+Shift+A", self.toggle_archived
        )
        self.find_action = action(
            self.tr("&Find patient"), QKeySequence.StandardKey.Find, self.find
        )
        self.quit_action = action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.show_archived_action = QAction(self.tr("Show &archived patients"), self)
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.about_action = action(self.tr("&About MesoDesk"), None, self._about)

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.menus: dict[str, QMenu] = {"file": file_menu}
        file_menu.addActions([self.new_action, self.save_action, self.revert_action])
        file_menu.addSeparator()
        file_menu.addAction(self.archive_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.find_action)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(self.show_archived_action)
        view_menu.addSeparator()
        for number in range(1, 10):
            switch = QAction(self.tr("Pane {number}").format(number=number), self)
            switch.setShortcut(QKeySequence(f"Ctrl+{number}"))
            switch.triggered.connect(lambda _=False, n=number: self._switch_tab(n - 1))
            self.addAction(switch)
        patient_menu = menu.addMenu(self.tr("&Patient"))
        visit_menu = menu.addMenu(self.tr("V&isit"))
        tools_menu = menu.addMenu(self.tr("&Tools"))
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        self.menus.update(
            {
                "edit": edit_menu,
                "view": view_menu,
                "patient": patient_menu,
                "visit": visit_menu,
                "tools": tools_menu,
                "help": help_menu,
            }
        )

        toolbar = self.toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.new_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.find_action, self.archive_action])
        self.addToolBar(toolbar)

    # --- actions ----------------------------------------------------------------------------

    def new(self) -> None:
        if not self._may_leave_card():
            return
        self.patient_list.select_id(None)
        self._open_card(PatientCard())
        self.form.last_name.setFocus()

    def find(self) -> None:
        self.patient_list.search.setFocus()
        self.patient_list.search.selectAll()

    def save(self) -> bool:
        if self.card_stack.currentIndex() == 0:
            return False
        card, errors = self.form.card()
        if errors:
            self.form.show_errors(errors)
            return False
        try:
            saved = self._services.patients.save(card, date.today())
        except ValidationFailed as exc:
            self.form.show_errors(exc.errors)
            self.statusBar().showMessage(self.tr("Not saved: check the marked fields."), 5000)
            return False
        except StaleRecord as exc:
            self.banner.show_message(str(exc), "error", (self.tr("Reload"), self._reload))
            return False
        except ServiceError as exc:
            self.banner.show_message(str(exc), "error")
            return False
        self._open_card(saved)
        self.patient_list.refresh(select_id=saved.id)
        self.statusBar().showMessage(self.tr("Saved {name}.").format(name=saved.full_name), 4000)
        return True

    def _save_current_pane(self) -> None:
        editor = self._tab_editors.get(self.patient_tabs.currentWidget())
        if editor is not None and self.card_stack.currentIndex() == 1:
            editor.save()
        else:
            self.save()

    def revert(self) -> None:
        if self.card_stack.currentIndex() == 1:
            self.form.load(self.form.loaded_card())

    def toggle_archived(self) -> None:
        card = self.form.loaded_card()
        if card.id is None or not self._may_leave_card():
            return
        try:
            changed = self._services.patients.set_archived(card.id, not card.archived, card.version)
        except ServiceError as exc:
            self.banner.show_message(str(exc), "error")
            return
        self._open_card(changed)
        self.patient_list.refresh(select_id=changed.id)
        if changed.archived:
            self.banner.show_message(
                self.tr("{name} is archived: hidden from the list, nothing deleted.").format(
                    name=changed.full_name
                ),
                "info",
                (self.tr("Undo"), self.toggle_archived),
            )
        else:
            self.banner.show_message(
                self.tr("{name} is back in the list.").format(name=changed.full_name), "success"
            )

    def open_patient(self, patient_id: int) -> None:
        try:
            card = self._services.patients.get(patient_id)
        except NotFound as exc:
            self.banner.show_message(str(exc), "error")
            return
        self._open_card(card)

    # --- the unsaved-changes guard ----------------------------------------------------------

    def ask_unsaved_changes(self) -> str:
        """Save, discard or stay: the one place the window asks; tests replace it."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        name = self.form.card()[0].full_name or self.tr("the new patient")
        box.setText(self.tr("Save the changes for {name}?").format(name=name))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {
            QMessageBox.StandardButton.Save: SAVE,
            QMessageBox.StandardButton.Discard: DISCARD,
        }.get(QMessageBox.StandardButton(answer), CANCEL)

    def _may_leave_card(self) -> bool:
        """Ask once when the card or any registered pane holds unsaved typing."""
        card_dirty = self.card_stack.currentIndex() == 1 and self.form.is_dirty()
        dirty_editors = [editor for editor in self._editors if editor.is_dirty()]
        if not card_dirty and not dirty_editors:
            return True
        answer = self.ask_unsaved_changes()
        if answer == SAVE:
            return (not card_dirty or self.save()) and all(e.save() for e in dirty_editors)
        if answer == DISCARD:
            for editor in dirty_editors:
                editor.discard()
            return True
        return False

    def _switch_tab(self, index: int) -> None:
        if self.card_stack.currentIndex() == 1 and index < self.patient_tabs.count():
            self.patient_tabs.setCurrentIndex(index)

    def _choose(self, patient_id: int) -> None:
        current = self.form.loaded_card().id
        if patient_id == current and self.card_stack.currentIndex() == 1:
            return
        if not self._may_leave_card():
            QTimer.singleShot(0, lambda: self.patient_list.select_id(current))
            return
        self.open_patient(patient_id)

    def _reload(self) -> None:
        card = self.form.loaded_card()
        if card.id is not None:
            self.open_patient(card.id)

    def _open_card(self, card: PatientCard | None) -> None:
        previous = self.form.loaded_card().id
        self.header.show_card(card)
        self.banner.hide()
        if card is None:
            self.card_stack.setCurrentIndex(0)
        else:
            self.form.load(card)
            self.card_stack.setCurrentIndex(1)
            if card.id is None or card.id != previous:
                self.patient_tabs.setCurrentIndex(0)
        self._edited(False)
        self.patient_opened.emit(card)

    def _edited(self, dirty: bool) -> None:
        has_card = self.card_stack.currentIndex() == 1
        self.save_button.setEnabled(has_card and dirty)
        self.revert_button.setEnabled(has_card and dirty)
        self.save_action.setEnabled(has_card)
        card = self.form.loaded_card()
        self.archive_action.setEnabled(has_card and card.id is not None)
        self.archive_action.setText(
            self.tr("Restore patient") if card.archived else self.tr("&Archive patient")
        )
        marker = " *" if dirty else ""
        self.setWindowTitle(
            self.tr("MesoDesk — {name}{marker}").format(name=card.full_name, marker=marker)
            if has_card and card.full_name
            else self.tr("MesoDesk") + marker
        )

    def _about(self) -> None:
        about = AboutDialog(self.location_label.toolTip(), self)
        about.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        about.open()

    # --- window state -----------------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        visit = settings.value("window/visitSplitter")
        if isinstance(visit, QByteArray):
            self.visit_splitter.restoreState(visit)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/visitSplitter", self.visit_splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_leave_card():
            event.ignore()
            return
        if self._remember_layout:
            self.save_layout()
        self.runner.wait(5000)
        event.accept()
