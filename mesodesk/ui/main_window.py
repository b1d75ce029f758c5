"""The one main window: patient list on the left, the open patient's panes beside it.

The window is where the app is put together: it makes the models of what is open (patient,
visit) and what the user is told, builds each pane with those and the services it uses, and
places the panes, menus and shortcuts. No pane receives the window or looks another pane up.

The frame is painted before anything else is imported or made: what only the panes, the
notices and the dialogs need (the domain, the texts, the `Qt` namespace's enums) is imported
where it is used, after the first paint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray, QFileInfo, QRect, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.users import Permission, allows
from mesodesk.services.errors import NotFound, ServiceError, StaleRecord, ValidationFailed
from mesodesk.ui.state.notices import Notices
from mesodesk.ui.workers import TaskRunner

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QCloseEvent, QShowEvent

    from mesodesk.domain.findings import Finding
    from mesodesk.domain.patient import PatientCard, PatientRow
    from mesodesk.domain.safety_records import PatientAnamnesisRecord
    from mesodesk.services.backup import BackupService
    from mesodesk.services.registry import Services
    from mesodesk.ui.backup_actions import BackupActions
    from mesodesk.ui.catalog_window import CatalogWindow
    from mesodesk.ui.course_dialog import CourseDialog
    from mesodesk.ui.guide import GuideWindow
    from mesodesk.ui.notice_bar import NoticeBar
    from mesodesk.ui.patient_list import PatientListPanel
    from mesodesk.ui.rules_window import ClinicRulesWindow
    from mesodesk.ui.settings_dialog import ClinicSettingsDialog
    from mesodesk.ui.sign_in import IdleLock
    from mesodesk.ui.users_dialog import UsersDialog

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
Keys = QKeySequence | QKeySequence.StandardKey | str
DEFAULT_SIZE = (1360, 860)
_TEXT_ONLY = "QToolBar { qproperty-toolButtonStyle: ToolButtonTextOnly; }"
_CENTRED = "QLabel { qproperty-alignment: AlignCenter; }"
"""The frame's two Qt enum values, set by name: the `Qt` namespace's enums cost about 20 ms to
make in Python on their first use, which would delay the first paint (see `MainWindow`)."""


class Editor(Protocol):
    """A pane holding typing that must not be lost: the unsaved-changes guard asks each one."""

    def is_dirty(self) -> bool: ...

    def save(self) -> bool: ...

    def discard(self) -> None: ...


def _today() -> date:
    from datetime import date  # not before the first paint

    return date.today()


def _set_shortcut(action: QAction, keys: Keys) -> None:
    """`action.setShortcut(keys)`, through the property: the method's overloads make PySide
    build the `Qt` namespace's enums (about 20 ms) before the frame's first paint."""
    action.setProperty("shortcut", QKeySequence(keys))


def initial_geometry(available: QRect, saved: QRect | None = None) -> QRect:
    """Where the window opens: the saved place when it fits the screen, else the default size
    (or the whole available area, if smaller) in its middle."""
    if saved is not None and saved.isValid() and available.contains(saved):
        return saved
    width = min(DEFAULT_SIZE[0], available.width())
    height = min(DEFAULT_SIZE[1], available.height())
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


class MainWindow(QMainWindow):
    """Built in two steps so it shows at once: the frame (title, menus, toolbar, status bar and
    a busy hint where the list will be) needs only Qt; `attach` then builds the panes once the
    database is open, in the same window, without moving anything the user sees."""

    opening_stop_requested = Signal()
    """The user asked the opening's long part (the demo being filled) to stop where it is."""

    def __init__(
        self,
        services: Services | None,
        location: str,
        parent: QWidget | None = None,
        remember_layout: bool = True,
        backups: BackupService | None = None,
    ) -> None:
        super().__init__(parent)
        self._remember_layout = remember_layout
        self._location = location
        self._services: Services | None = None
        self._placed = False
        self.backups: BackupActions | None = None
        self.idle_lock: IdleLock | None = None
        self.catalog_window: CatalogWindow | None = None
        self.rules_window: ClinicRulesWindow | None = None
        self._card_alerts: tuple[PatientAnamnesisRecord, list[str]] | None = None
        """The open card's anamnesis as read, with its alerts in words."""
        self.guide_window: GuideWindow | None = None
        self.early_list: PatientListPanel | None = None
        """The list's first page shown before the database was open (`show_first_page`)."""
        self._chosen_early: int | None = None
        self.opening_stop: QPushButton | None = None
        """*Stop filling* under the opening's bar, made when a stoppable fill first reports."""
        self.setWindowTitle(self.tr("MesoDesk"))
        self.runner = TaskRunner(self)
        self.notices = Notices(self)
        self._build_frame_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar(location)
        self._build_opening()
        self.notices.posted.connect(lambda notice: self.notice_bar.show_notice(notice))
        self.notices.cleared.connect(lambda: self.notice_bar.clear())
        if services is not None:
            self.attach(services, backups)

    def attach(self, services: Services, backups: BackupService | None = None) -> None:
        """Build the panes over the open database and put them in the frame."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPushButton, QVBoxLayout

        from mesodesk.services.first_page import PAGE_SIZE
        from mesodesk.ui.anamnesis_pane import AnamnesisPane
        from mesodesk.ui.documents import DocumentActions
        from mesodesk.ui.patient_form import PatientForm
        from mesodesk.ui.patient_list import PatientListPanel
        from mesodesk.ui.sign_in import LockPage
        from mesodesk.ui.state.open_patient import OpenPatient
        from mesodesk.ui.state.open_visit import OpenVisit
        from mesodesk.ui.timeline import TimelinePane
        from mesodesk.ui.visit_tab import VisitTab
        from mesodesk.ui.widgets import PatientHeader

        self.notice_bar.clear()
        self._services = services
        self.patient = OpenPatient(self)
        self.visit = OpenVisit(services, self.patient, self.runner, self.notices, self)
        patients = services.patients

        def fetch_page(query: str, archived: bool, after: PatientRow | None) -> list[PatientRow]:
            return patients.search(query, archived, after)

        if self.early_list is not None:
            self.patient_list = self.early_list
            self.patient_list.patient_chosen.disconnect(self._choose_early)
            self.patient_list.go_live(fetch_page)
        else:
            self.patient_list = PatientListPanel(
                fetch_page, page_size=PAGE_SIZE, runner=self.runner, parent=self
            )
        self.header = PatientHeader(self)
        self.form = PatientForm(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.tr("Save the card (Ctrl+S)"))
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.anamnesis = AnamnesisPane(services, self)
        self.anamnesis.setObjectName("anamnesisPane")
        self.timeline = TimelinePane(
            services.visits, self.patient, self.visit, self.runner, self.notices, self
        )
        self.visit_tab = VisitTab(self.visit, services, self.runner, self.notices, self)
        self.documents = DocumentActions(self.visit, services, self.runner, self.notices, self)

        self._build_card_pane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.patient_list)
        self.splitter.addWidget(self.card_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.lock_page = LockPage(services.users, self, self.runner)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.splitter)
        central_layout.addWidget(self.lock_page)
        self.splitter.setSizes(self.opening.sizes())
        self.setCentralWidget(central)  # the busy hint goes

        self._build_pane_actions()
        self.backups = self._build_backups(backups) if backups is not None else None
        self._connect()
        self._limit_to_role()
        self.idle_lock = self._build_idle_lock()
        self._open_card(None)
        self.patient_list.refresh()
        if self._placed:
            self._place_panes()
        if self._chosen_early is not None:
            self.open_patient(self._chosen_early)

    def show_first_page(self, rows: list[PatientRow]) -> None:
        """The list's first page, read before the database is open, in the list's place at
        once (read-only, the busy hint beside it); `attach` makes it live. A patient chosen
        meanwhile opens as soon as the database is ready."""
        from mesodesk.services.first_page import PAGE_SIZE
        from mesodesk.ui.patient_list import PatientListPanel

        if self.attached or self.early_list is not None:
            return
        panel = PatientListPanel(None, page_size=PAGE_SIZE, runner=self.runner, parent=self)
        panel.show_first_page(rows)
        panel.patient_chosen.connect(self._choose_early)
        self.early_list = panel
        sizes = self.opening.sizes()
        self.opening.replaceWidget(0, panel)
        placeholder = self.opening.replaceWidget(1, self._opening_column)
        if placeholder is not None:
            placeholder.deleteLater()
        self.opening.setSizes(sizes)

    def _choose_early(self, patient_id: int) -> None:
        self._chosen_early = patient_id
        self.opening_hint.setText(
            self.tr("Opening the database… the patient opens as soon as it is ready.")
        )

    def show_opening_share(self, share: float, stoppable: bool = False) -> None:
        """How far the opening has come, where it can be known (the demo being filled); while
        it may still be stopped (`stoppable`), *Stop filling* under the bar."""
        self.opening_bar.setValue(round(share * self.opening_bar.maximum()))
        running = share < 1.0
        self.opening_bar.setVisible(running)
        if stoppable and running and self.opening_stop is None:
            self._build_opening_stop()
        if self.opening_stop is not None:
            self.opening_stop.setVisible(running)
            if not stoppable:
                self.opening_stop.setEnabled(False)

    def _build_opening_stop(self) -> None:
        """The button under the bar, and as much room above the hint, so the hint stays put."""
        from PySide6.QtCore import Qt

        button = self.opening_stop = QPushButton(self.tr("&Stop filling"), self._opening_column)
        button.setObjectName("openingStop")
        button.setToolTip(self.tr("Open the demo with the patients and visits filled so far"))
        kept = button.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        button.setSizePolicy(kept)
        button.clicked.connect(self._stop_opening)
        column = self._opening_column.layout()
        assert isinstance(column, QVBoxLayout)
        column.insertWidget(3, button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.insertSpacing(1, button.sizeHint().height() + column.spacing())

    def _stop_opening(self) -> None:
        if self.opening_stop is not None:
            self.opening_stop.setEnabled(False)
        self.opening_hint.setText(self.tr("Stopping the demo fill…"))
        self.opening_stop_requested.emit()

    def show_opening_failed(self, message: str) -> None:
        """The database could not be opened: say why where the list would be (no list read
        before from its file stays shown)."""
        self.opening_bar.hide()
        if self.opening_stop is not None:
            self.opening_stop.hide()
        if self.early_list is not None:
            self.early_list.hide()
            self._chosen_early = None
        self.opening_hint.setText(message)
        self.opening_hint.setObjectName("openingFailed")
        self.opening_hint.style().polish(self.opening_hint)

    @property
    def attached(self) -> bool:
        return self._services is not None

    @property
    def services(self) -> Services:
        assert self._services is not None, "the window has no database yet"
        return self._services

    @property
    def clinical(self) -> bool:
        """Whether the signed-in user may see anamnesis, visits and documents (nobody signed
        in: a practice without users, which has every right)."""
        user = self.services.access.user
        return user is None or allows(user.role, Permission.CLINICAL)

    def _limit_to_role(self) -> None:
        """Reception sees the list, the card and its contact data only. The services refuse
        the rest anyway; this keeps the window from offering what would be refused. Only an
        administrator (or anyone, while the practice has no users) manages the users."""
        user = self.services.access.user
        manages = user is None or allows(user.role, Permission.USERS)
        self.users_action.setEnabled(manages)
        self.users_action.setVisible(manages)
        if self.clinical:
            return
        for pane in (self.anamnesis, self.timeline, self.visit_tab):
            self.patient_tabs.setTabVisible(self.patient_tabs.indexOf(pane), False)
        for item in (
            *self.pane_actions[1:],
            self.course_action,
            self.start_visit_action,
            *self.documents.actions,
            *(a for a in self.visit_tab.visit_actions.menu_actions if a is not None),
        ):
            item.setEnabled(False)
            item.setVisible(False)
        for name in ("visit", "patient"):
            self.menus[name].menuAction().setVisible(False)
        self.timeline.set_available(False)

    def _build_idle_lock(self) -> IdleLock | None:
        """Only a signed-in window locks: without users there is no password to ask."""
        from mesodesk.ui.sign_in import IdleLock

        if self.services.access.user is None:
            self.lock_page.hide()
            return None
        return IdleLock(
            [self.splitter, self.toolbar, self.menuBar(), self.statusBar()],
            self.lock_page,
            self.services.users.idle_minutes(),
            self,
        )

    @property
    def visit_form(self) -> QWidget:
        return self.visit_tab.form

    @property
    def diagram_panel(self) -> QWidget:
        return self.visit_tab.diagram

    # --- building ---------------------------------------------------------------------------

    def _build_card_pane(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QScrollArea, QStackedWidget, QTabWidget, QVBoxLayout

        self.card_pane = QWidget(self)
        self.card_pane.setObjectName("cardPane")
        self.empty_state = QLabel(
            self.tr("Choose a patient on the left, or press Ctrl+N to add a new one."), self
        )
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_holder = QWidget(self)
        form_holder.setObjectName("cardPane")
        holder_layout = QVBoxLayout(form_holder)
        holder_layout.setContentsMargins(0, 0, 4, 0)
        holder_layout.addWidget(self.form)
        if self.clinical:  # photos are clinical: reception never reads their consent either
            from mesodesk.ui.photos.consent import PhotoConsentBox

            consent = PhotoConsentBox(
                self.patient, self.services.photos, self.runner, self.notices, self
            )
            holder_layout.addWidget(consent)
            self.photo_consent = consent
        scroll.setWidget(form_holder)

        from mesodesk.ui.duplicate_check import DuplicateCheck

        self.duplicate_check = DuplicateCheck(
            [self.revert_button, self.save_button],
            self.form,
            self.services.patients.likely_duplicates,
            self,
        )
        card = QWidget(self)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addWidget(scroll, 1)
        card_layout.addWidget(self.duplicate_check)

        self.patient_tabs = QTabWidget(self)
        self.patient_tabs.setObjectName("patientTabs")
        self.patient_tabs.setDocumentMode(True)
        self.card_tab = card
        self.patient_tabs.addTab(card, self.tr("Card"))
        self.patient_tabs.addTab(self.anamnesis, self.tr("Anamnesis"))
        self.patient_tabs.addTab(self.timeline, self.tr("Visits"))
        self.patient_tabs.addTab(self.visit_tab, self.tr("Visit"))
        self.card_stack = QStackedWidget(self)
        self.card_stack.addWidget(self.empty_state)
        self.card_stack.addWidget(self.patient_tabs)

        layout = QVBoxLayout(self.card_pane)
        layout.setContentsMargins(8, 8, 10, 8)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.card_stack, 1)

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: object,
    ) -> QAction:
        item = QAction(text, self)
        if shortcut is not None:
            _set_shortcut(item, shortcut)
        item.triggered.connect(slot)
        self.addAction(item)
        return item

    def _build_frame_actions(self) -> None:
        """The window's own commands; those that need a patient or the database wait, disabled,
        until the panes are attached."""
        action = self._action
        self.new_action = action(self.tr("&New patient"), QKeySequence.StandardKey.New, self.new)
        self.save_action = action(self.tr("&Save"), QKeySequence.StandardKey.Save, self.save_pane)
        self.revert_action = action(self.tr("&Revert changes"), "Ctrl+R", self.revert)
        self.archive_action = action(
            self.tr("&Archive patient"), "Ctrl+Shift+A", self.toggle_archived
        )
        self.find_action = action(
            self.tr("&Find patient"), QKeySequence.StandardKey.Find, self.find_patient
        )
        self.quit_action = action(self.tr("&Quit"), "Ctrl+Q", self.close)
        self.show_archived_action = QAction(self.tr("Show &archived patients"), self)
        self.show_archived_action.setCheckable(True)
        _set_shortcut(self.show_archived_action, "Ctrl+Shift+H")
        self.addAction(self.show_archived_action)
        self.course_action = action(self.tr("Plan a &course…"), "Ctrl+Shift+O", self.plan_course)
        self.catalog_action = action(self.tr("&Catalog…"), "Ctrl+Shift+C", self.show_catalog)
        self.settings_action = action(
            self.tr("Clinic &settings…"), "Ctrl+Alt+S", self.edit_settings
        )
        self.rules_action = action(
            self.tr("Clinic &rules…"), "Ctrl+Alt+Shift+C", self.show_clinic_rules
        )
        self.users_action = action(self.tr("&Users…"), "Ctrl+Alt+U", self.manage_users)
        self.guide_action = action(self.tr("&User guide"), "F1", self.show_guide)
        self.about_action = action(self.tr("&About MesoDesk"), None, self._about)
        self.waiting_actions = [
            self.new_action,
            self.save_action,
            self.revert_action,
            self.archive_action,
            self.find_action,
            self.show_archived_action,
            self.course_action,
            self.catalog_action,
            self.settings_action,
            self.rules_action,
            self.users_action,
        ]
        for waiting in self.waiting_actions:
            waiting.setEnabled(False)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
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
        patient_menu = menu.addMenu(self.tr("&Patient"))
        patient_menu.addAction(self.course_action)
        visit_menu = menu.addMenu(self.tr("V&isit"))
        tools_menu = menu.addMenu(self.tr("&Tools"))
        tools_menu.addActions([self.catalog_action, self.settings_action, self.rules_action])
        tools_menu.addSeparator()
        tools_menu.addAction(self.users_action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.guide_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self.menus: dict[str, QMenu] = {
            "file": file_menu,
            "edit": edit_menu,
            "view": view_menu,
            "patient": patient_menu,
            "visit": visit_menu,
            "tools": tools_menu,
            "help": help_menu,
        }

    def _build_toolbar(self) -> None:
        toolbar = self.toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setStyleSheet(_TEXT_ONLY)
        toolbar.addActions([self.new_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.find_action, self.archive_action])
        toolbar.addSeparator()
        self.addToolBar(toolbar)

    def _build_opening(self) -> None:
        """Where the list will be, a busy hint, at the width the list will have."""
        self.opening = QSplitter(parent=self)  # horizontal; by keyword: see _set_shortcut
        self.opening.setObjectName("mainSplitter")
        self.opening_hint = QLabel(self.tr("Opening the database…"), self)
        self.opening_hint.setObjectName("openingHint")
        self.opening_hint.setStyleSheet(_CENTRED)
        self.opening_hint.setWordWrap(True)
        self.opening_hint.setMargin(16)
        self.opening_bar = QProgressBar(self)
        self.opening_bar.setRange(0, 1000)
        self.opening_bar.setTextVisible(False)
        kept = self.opening_bar.sizePolicy()
        kept.setRetainSizeWhenHidden(True)  # the hint above it never moves
        self.opening_bar.setSizePolicy(kept)
        self.opening_bar.hide()
        hint = self._opening_column = QWidget(self)
        column = QVBoxLayout(hint)
        column.setContentsMargins(16, 0, 16, 0)
        column.addStretch(1)
        column.addWidget(self.opening_hint)
        column.addWidget(self.opening_bar)
        column.addStretch(1)
        self.opening.addWidget(hint)
        self.opening.addWidget(QWidget(self))
        self.opening.setStretchFactor(0, 0)
        self.opening.setStretchFactor(1, 1)
        self.setCentralWidget(self.opening)

    def _build_pane_actions(self) -> None:
        """What the panes add to the frame's menus and toolbar once they exist."""
        for waiting in self.waiting_actions:
            waiting.setEnabled(True)
        self.start_visit_action = self.timeline.start_action
        self.addAction(self.start_visit_action)
        view_menu = self.menus["view"]
        self.pane_actions = []
        for number in range(1, self.patient_tabs.count() + 1):
            title = self.patient_tabs.tabText(number - 1)
            switch = self._action(
                self.tr("&{number} {pane}").format(number=number, pane=title),
                f"Ctrl+{number}",
                lambda _=False, n=number: self._switch_tab(n - 1),
            )
            self.pane_actions.append(switch)
            view_menu.addAction(switch)
        visit_menu = self.menus["visit"]
        visit_menu.addAction(self.start_visit_action)
        visit_menu.addSeparator()
        for item in self.visit_tab.visit_actions.menu_actions:
            if item is None:
                visit_menu.addSeparator()
            else:
                visit_menu.addAction(item)
        diagram_menu = visit_menu.addMenu(self.tr("&Diagram"))
        for section in self.visit_tab.diagram.menu_sections():
            diagram_menu.addActions(section)
            diagram_menu.addSeparator()
        visit_menu.addSeparator()
        visit_menu.addActions(self.documents.actions)
        self.menus["diagram"] = diagram_menu
        self.toolbar.addActions([self.start_visit_action, self.documents.aftercare_action])

    def _build_status_bar(self, location: str) -> None:
        self._notice_bar: NoticeBar | None = None
        self.statusBar().setSizeGripEnabled(False)
        self.location_label = QLabel(self)
        self.location_label.setObjectName("mutedLabel")
        self.location_label.setContentsMargins(0, 0, 8, 0)
        self.statusBar().addPermanentWidget(self.location_label)
        self.set_location(location)

    @property
    def notice_bar(self) -> NoticeBar:
        """The status bar's notice line, made when first needed (at the latest when the panes
        are attached), not before the first paint: nothing is said before it."""
        if self._notice_bar is None:
            from mesodesk.ui.notice_bar import NoticeBar

            self._notice_bar = NoticeBar(self)
            self.statusBar().insertWidget(0, self._notice_bar, 1)
        return self._notice_bar

    def set_location(self, location: str) -> None:
        """The database's file name (or server and name) in the status bar, whole in its
        tooltip."""
        self._location = location
        shown = location if "://" in location else QFileInfo(location).fileName()
        self.location_label.setText(
            self.tr("Database: {where}").format(where=shown) if location else ""
        )
        self.location_label.setToolTip(location)

    def _build_backups(self, service: BackupService) -> BackupActions:
        """File > Back up now, Restore from backup…, Backup settings…, and the last backup's
        time beside the database's name."""
        from mesodesk.ui.backup_actions import BackupActions

        backups = BackupActions(service, self.runner, self.notices, self._may_replace_data, self)
        self.addActions(backups.actions)
        file_menu = self.menus["file"]
        file_menu.insertActions(self.quit_action, backups.menu_actions)
        file_menu.insertSeparator(self.quit_action)
        self.statusBar().addPermanentWidget(backups.status_widget)
        backups.restore_started.connect(lambda: self._hold_forms(True))
        backups.restore_ended.connect(lambda: self._hold_forms(False))
        backups.restored.connect(lambda _done: self._data_replaced())
        return backups

    def _may_replace_data(self) -> bool:
        """Before a restore: typing in the card, anamnesis or visit is saved or discarded (the
        user decides), and the catalog's unsaved edits are saved first by the user."""
        catalog = self.catalog_window
        if catalog is not None and any(page.is_dirty() for page in catalog.pages()):
            self.notices.error(
                self.tr("The catalog has unsaved changes: save or revert them, then restore.")
            )
            return False
        return self.may_leave_card()

    def _hold_forms(self, held: bool) -> None:
        """Nothing can be typed while the data are being replaced."""
        for part in (self.splitter, self.toolbar, self.menuBar()):
            part.setEnabled(not held)

    def _data_replaced(self) -> None:
        """Every record may have changed: close the open patient, reload the lists."""
        self._open_card(None)
        self.patient_list.refresh()
        catalog = self.catalog_window
        if catalog is not None:
            catalog.refresh()

    def _connect(self) -> None:
        self.patient_list.patient_chosen.connect(self._choose)
        self.form.edited.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.duplicate_check.save_anyway.connect(self.save)
        self.duplicate_check.open_patient.connect(self._choose)
        self.patient_list.show_archived.toggled.connect(self.show_archived_action.setChecked)
        self.show_archived_action.toggled.connect(self.patient_list.show_archived.setChecked)
        self.timeline.open_requested.connect(self.open_visit)
        self.timeline.start_requested.connect(self.start_today)
        self.anamnesis.saved.connect(self._anamnesis_saved)
        self.anamnesis.edited.connect(self._anamnesis_edited)
        self.patient.records_changed.connect(self._records_changed)
        # after the list is shown and painted: the marks' worker would otherwise take the
        # interpreter from the page being shown
        self.patient_list.loaded.connect(lambda _count: QTimer.singleShot(0, self._mark_list))
        self.patient_list.model.rowsInserted.connect(lambda *_args: self._mark_list())
        self.visit.record_changed.connect(lambda _record: self._edited(self.form.is_dirty()))
        self.visit.plan_changed.connect(lambda _record: self._edited(self.form.is_dirty()))

    # --- the unsaved-changes guard ----------------------------------------------------------

    def editors(self) -> list[Editor]:
        return [self.anamnesis, self.visit]

    def ask_unsaved_changes(self) -> str:
        """Save, discard or stay: the one place the window asks; tests replace it."""
        from PySide6.QtWidgets import QMessageBox

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

    def _may_leave(self, editors: list[Editor], card: bool = True) -> bool:
        """Ask once when the card or any of `editors` holds unsaved typing."""
        card_dirty = card and self.card_stack.currentIndex() == 1 and self.form.is_dirty()
        dirty = [editor for editor in editors if editor.is_dirty()]
        if not card_dirty and not dirty:
            return True
        answer = self.ask_unsaved_changes()
        if answer == SAVE:
            return (not card_dirty or self.save()) and all(e.save() for e in dirty)
        if answer == DISCARD:
            for editor in dirty:
                editor.discard()
            return True
        return False

    def may_leave_card(self) -> bool:
        return self._may_leave(self.editors())

    def may_leave_visit(self) -> bool:
        return self._may_leave([self.visit], card=False)

    # --- patients ---------------------------------------------------------------------------

    def new(self) -> None:
        from mesodesk.domain.patient import PatientCard

        if not self.may_leave_card():
            return
        self.patient_list.select_id(None)
        self._open_card(PatientCard())
        self.form.last_name.setFocus()

    def find_patient(self) -> None:
        self.patient_list.search.setFocus()
        self.patient_list.search.selectAll()

    def save(self) -> bool:
        """Save the patient card."""
        from mesodesk.ui.text import core_message

        if self.card_stack.currentIndex() == 0:
            return False
        card, errors = self.form.card()
        if errors:
            self.form.show_errors(errors)
            return False
        if not self.duplicate_check.clears(card):
            return False
        try:
            saved = self.services.patients.save(card, _today())
        except ValidationFailed as exc:
            self.form.show_errors(exc.errors)
            marked = self.form.errors_shown()
            unmarked = [message for field, message in exc.errors.items() if field not in marked]
            if unmarked:  # the notes have no line of their own for a message
                self.notices.warning(
                    self.tr("Not saved: {reasons}").format(reasons=" ".join(unmarked))
                )
            else:
                self.notices.warning(self.tr("Not saved: check the marked fields."))
            return False
        except StaleRecord as exc:
            self.notices.error(core_message(str(exc)), (self.tr("Reload"), self._reload))
            return False
        except ServiceError as exc:
            self.notices.error(core_message(str(exc)))
            return False
        self._open_card(saved)
        self.patient_list.refresh(select_id=saved.id)
        self.notices.success(self.tr("Saved {name}.").format(name=saved.full_name))
        return True

    def save_pane(self) -> None:
        """Ctrl+S: save what the current pane edits."""
        if self.card_stack.currentIndex() != 1:
            return
        current = self.patient_tabs.currentWidget()
        if current is self.anamnesis:
            self.anamnesis.save()
        elif current is self.visit_tab:
            self.visit.save()
        else:
            self.save()

    def revert(self) -> None:
        if self.card_stack.currentIndex() != 1:
            return
        current = self.patient_tabs.currentWidget()
        if current is self.anamnesis:
            self.anamnesis.discard()
        elif current is self.visit_tab:
            self.visit.discard()
        else:
            self.form.load(self.form.loaded_card())

    def toggle_archived(self) -> None:
        from mesodesk.ui.text import core_message

        card = self.form.loaded_card()
        if card.id is None or not self.may_leave_card():
            return
        try:
            changed = self.services.patients.set_archived(card.id, not card.archived, card.version)
        except ServiceError as exc:
            self.notices.error(core_message(str(exc)))
            return
        self._open_card(changed)
        self.patient_list.refresh(select_id=changed.id)
        if changed.archived:
            self.notices.info(
                self.tr("{name} is archived: hidden from the list, nothing deleted.").format(
                    name=changed.full_name
                ),
                (self.tr("Undo"), self.toggle_archived),
            )
        else:
            self.notices.success(
                self.tr("{name} is back in the list.").format(name=changed.full_name)
            )

    def open_patient(self, patient_id: int) -> None:
        from mesodesk.ui.text import core_message

        try:
            card = self.services.patients.get(patient_id)
        except NotFound as exc:
            self.notices.error(core_message(str(exc)))
            return
        self._open_card(card)

    def open_patient_from_elsewhere(self, patient_id: int) -> None:
        """Another window (the lot recall) asks for a patient: ask about typing first."""
        if self.form.loaded_card().id != patient_id:
            if not self.may_leave_card():
                return
            self.open_patient(patient_id)
            self.patient_list.select_id(patient_id)
        self.raise_()
        self.activateWindow()

    # --- visits -----------------------------------------------------------------------------

    def start_today(self) -> None:
        """Ctrl+T: today's visit of the open patient, or a new one, on the Visit tab."""
        if self.patient.patient_id is None or not self.may_leave_visit():
            return
        if self.visit.start_today():
            self._show_visit_tab()
            self.visit_tab.form.setFocus()

    def open_visit(self, visit_id: int) -> None:
        draft = self.visit.draft
        if draft is not None and draft.id == visit_id:
            self._show_visit_tab()
            return
        if not self.may_leave_visit():
            return
        if self.visit.open(visit_id):
            self._show_visit_tab()

    def _show_visit_tab(self) -> None:
        """The Visit tab, laid out at once. Qt lays out and repaints the widgets a tab switch
        shows in events of their own, queued behind the repaint the opening asked for first:
        the tab was painted, then laid out and painted whole a second time."""
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QApplication

        self.patient_tabs.setCurrentWidget(self.visit_tab)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
        QApplication.sendPostedEvents(None, QEvent.Type.UpdateLater.value)

    # --- tools ------------------------------------------------------------------------------

    def show_catalog(self) -> CatalogWindow:
        from mesodesk.ui.catalog_window import CatalogWindow

        if self.catalog_window is None:
            self.catalog_window = CatalogWindow(
                self.services.catalog, self.runner, self.open_patient_from_elsewhere, self
            )
        else:
            self.catalog_window.refresh()
        self.catalog_window.show()
        self.catalog_window.raise_()
        self.catalog_window.activateWindow()
        return self.catalog_window

    def manage_users(self) -> UsersDialog:
        """Who signs in, with which role, and the idle lock; for administrators."""
        from PySide6.QtCore import Qt

        from mesodesk.ui.users_dialog import UsersDialog

        dialog = UsersDialog(self.services.users, self, self.runner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.idle_changed.connect(self._idle_minutes_changed)
        dialog.signed_in.connect(self._first_user_signed_in)
        dialog.open()
        return dialog

    def _first_user_signed_in(self) -> None:
        """The window now belongs to the practice's first user, and locks when left idle."""
        if self.idle_lock is None:
            self.idle_lock = self._build_idle_lock()

    def _idle_minutes_changed(self, minutes: int) -> None:
        if self.idle_lock is not None:
            self.idle_lock.set_interval_ms(minutes * 60_000)

    def show_clinic_rules(self) -> ClinicRulesWindow:
        """The clinic's catalog, medicine dictionary and document texts, in a window of its own."""
        from mesodesk.ui.rules_window import ClinicRulesWindow

        if self.rules_window is None:
            self.rules_window = ClinicRulesWindow(self.services.rules, self)
            self.rules_window.saved.connect(self._clinic_rules_saved)
        else:
            self.rules_window.refresh()
        self.rules_window.show()
        self.rules_window.raise_()
        self.rules_window.activateWindow()
        return self.rules_window

    def _clinic_rules_saved(self, name: str) -> None:
        from mesodesk.services.templates import TEMPLATES_FILE

        if name == TEMPLATES_FILE:
            self.visit.reload_templates()
        self.notices.success(self.tr("Clinic rules saved: every workstation now works from them."))

    def edit_settings(self) -> ClinicSettingsDialog:
        """Open the clinic settings over the main window (window-modal, not blocking)."""
        from PySide6.QtCore import Qt

        from mesodesk.ui.settings_dialog import ClinicSettingsDialog

        dialog = ClinicSettingsDialog(self.services.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.notices.success(self.tr("Clinic settings saved.")))
        dialog.open()
        return dialog

    def show_guide(self) -> GuideWindow:
        """F1: the user guide in the interface's language, in its own window (also while the
        database is still opening)."""
        from mesodesk.ui.guide import GuideWindow
        from mesodesk.ui.language import interface_language

        language = interface_language()
        if self.guide_window is None:
            self.guide_window = GuideWindow(language, self)
        else:
            self.guide_window.show_language(language)
        self.guide_window.show()
        self.guide_window.raise_()
        self.guide_window.activateWindow()
        return self.guide_window

    def plan_course(self) -> CourseDialog | None:
        """Open the course planner for the open patient; booking refreshes their records."""
        from PySide6.QtCore import Qt

        from mesodesk.ui.course_dialog import CourseDialog

        card = self.form.loaded_card()
        if card.id is None:
            return None
        dialog = CourseDialog(self.services.courses, card, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._course_created(card, dialog.created))
        dialog.open()
        return dialog

    def _course_created(self, card: PatientCard, created: object) -> None:
        from mesodesk.ui.text import show_date

        if not isinstance(created, tuple) or card.id is None:
            return
        _, dates = created
        self.patient.changed(card.id)
        if dates:
            message = self.tr("Course planned: {count} visits booked, {first} to {last}.").format(
                count=len(dates), first=show_date(dates[0]), last=show_date(dates[-1])
            )
        else:
            message = self.tr("Course saved.")
        self.notices.success(message)

    def _show_reminders(self, patient_id: int, findings: list[Finding]) -> None:
        """A repeat or maintenance reminder, unless something else is being said."""
        from mesodesk.domain.findings import Severity
        from mesodesk.ui.text import finding_text

        if not findings or self.patient.patient_id != patient_id or self.notice_bar.is_showing():
            return
        text = finding_text(findings[0])
        if len(findings) > 1:
            text += " " + self.tr("({count} more reminders in the course plan.)").format(
                count=len(findings) - 1
            )
        if findings[0].severity is Severity.WARNING:
            self.notices.warning(text)
        else:
            self.notices.info(text)

    # --- internals --------------------------------------------------------------------------

    def _switch_tab(self, index: int) -> None:
        if self.card_stack.currentIndex() == 1 and index < self.patient_tabs.count():
            self.patient_tabs.setCurrentIndex(index)

    def _choose(self, patient_id: int) -> None:
        current = self.form.loaded_card().id
        if patient_id == current and self.card_stack.currentIndex() == 1:
            return
        if not self.may_leave_card():
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
        if card is None:
            self.card_stack.setCurrentIndex(0)
        else:
            self.form.load(card)
            self.card_stack.setCurrentIndex(1)
            if card.id is None or card.id != previous:
                self.patient_tabs.setCurrentIndex(0)
        self._edited(False)
        self.patient.open(card)
        self._load_safety(card)

    def _load_safety(self, card: PatientCard | None) -> None:
        """The anamnesis pane, the header's red alerts and the course reminders: the card's
        anamnesis, its alerts and the rules they need are read once."""
        from mesodesk.ui.text import core_message, message_text

        services = self.services
        self._card_alerts = None
        if card is None or card.id is None or not self.clinical:
            anamnesis = services.anamnesis
            self._show_rule_problems([anamnesis.catalog().problem, anamnesis.medicines().problem])
            self.anamnesis.load(None)
            self.header.show_alerts([])
            return
        try:
            safety = services.anamnesis.card_safety(card.id)
        except ServiceError as exc:
            self.anamnesis.load(None)
            self.notices.error(core_message(str(exc)))
        else:
            self._show_rule_problems(safety.rule_problems)
            alerts = [message_text(m) for m in safety.alerts]
            self._card_alerts = (safety.record, alerts)
            self.anamnesis.load(safety.record, safety.medicines)
            self.header.show_alerts(alerts)
        patient_id, courses = card.id, services.courses
        self.runner.submit(
            lambda: courses.reminders(patient_id, _today()),
            lambda findings: self._show_reminders(patient_id, findings),
            lambda _error: None,
        )

    def _show_rule_problems(self, problems: Iterable[str | None]) -> None:
        """A clinic rule file that is not in force says why."""
        from mesodesk.ui.text import core_messages

        found = [problem for problem in problems if problem]
        if found:
            self.notices.error(core_messages(found))

    def _anamnesis_edited(self, dirty: bool) -> None:
        """The header follows the anamnesis as it is typed: a medicine ticked by its name
        shows at once, before the anamnesis is saved. Unedited, it shows the alerts read
        with the card."""
        from mesodesk.ui.text import message_text

        record = self.anamnesis.record()
        if record is None:
            return
        read_with_card = self._card_alerts
        if not dirty and read_with_card is not None and read_with_card[0] is record:
            self.header.show_alerts(read_with_card[1])
            return
        facts, _problem = self.anamnesis.anamnesis()
        alerts = self.services.anamnesis.alerts_for(facts)
        self.header.show_alerts([message_text(message) for message in alerts])

    def _anamnesis_saved(self, record: PatientAnamnesisRecord) -> None:
        self.notices.success(self.tr("Anamnesis saved."))
        self.patient.changed(record.patient_id)

    def _records_changed(self, patient_id: int) -> None:
        from mesodesk.ui.text import core_message, message_text

        if patient_id == self.patient.patient_id and self.clinical:
            try:
                self.header.show_alerts(
                    [message_text(m) for m in self.services.anamnesis.alert_messages(patient_id)]
                )
            except ServiceError as exc:
                self.notices.error(core_message(str(exc)))
            self.visit.rescreen()
            self._mark_list()
        catalog = self.catalog_window
        if catalog is not None and catalog.isVisible() and not catalog.lots.is_dirty():
            catalog.lots.reload()

    def _mark_list(self) -> None:
        """Find the patients with an active absolute contraindication off the GUI thread."""
        from mesodesk.ui.text import core_message

        if not self.clinical:
            return
        model = self.patient_list.model
        ids = [model.row_at(row).id for row in range(model.rowCount())]
        anamnesis = self.services.anamnesis
        self.runner.submit(
            lambda: anamnesis.patients_with_active_blocks(ids),
            model.set_flagged,
            lambda exc: self.notices.error(core_message(str(exc))),
            kind="list-marks",
        )

    def _edited(self, dirty: bool) -> None:
        has_card = self.card_stack.currentIndex() == 1
        self.save_button.setEnabled(has_card and dirty)
        self.revert_button.setEnabled(has_card and dirty)
        self.save_action.setEnabled(has_card)
        card = self.form.loaded_card()
        self.archive_action.setEnabled(has_card and card.id is not None)
        self.course_action.setEnabled(has_card and card.id is not None)
        self.archive_action.setText(
            self.tr("Restore patient") if card.archived else self.tr("&Archive patient")
        )
        marker = " *" if dirty or self.visit.is_dirty() else ""
        self.setWindowTitle(
            self.tr("MesoDesk — {name}{marker}").format(name=card.full_name, marker=marker)
            if has_card and card.full_name
            else self.tr("MesoDesk") + marker
        )

    def _about(self) -> None:
        from PySide6.QtCore import Qt

        from mesodesk.ui.about import AboutDialog

        about = AboutDialog(self._location, self)
        about.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        about.open()

    # --- window state -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:
            self._placed = True
            self._fits = False
            if self._remember_layout:
                self._place()
            self.opening.setSizes(self._list_share())
            if self.attached:
                self._place_panes()

    def _place(self) -> None:
        """Open inside the screen: the saved place only when it still fits."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        settings = QSettings()
        geometry = settings.value("window/geometry")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        saved = self.frameGeometry() if restored else None
        target = initial_geometry(available, saved)
        if saved is None or target != saved:
            frame = self.frameGeometry().size() - self.geometry().size()
            self.resize(target.width() - frame.width(), target.height() - frame.height())
            self.move(target.topLeft())
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self._fits = saved is not None and target == saved

    def _place_panes(self) -> None:
        """The saved splitter positions (now that the window has its size and its panes), else
        the default shares."""
        if not self._remember_layout:
            self.share_widths()
            return
        settings = QSettings()
        main = settings.value("window/splitter")
        visit = settings.value("window/visitSplitter")
        self._restored_main_split = (
            self._fits and isinstance(main, QByteArray) and self.splitter.restoreState(main)
        )
        self._restored_visit_split = isinstance(visit, QByteArray) and (
            self.visit_tab.splitter.restoreState(visit)
        )
        self.share_widths(keep_restored=True)

    def _list_share(self) -> list[int]:
        """The patient list 7/30 of the window (260-380 px: at 1280 px, room for a surname
        with initials beside the age and the last visit), the rest for the card."""
        list_width = max(260, min(380, self.width() * 7 // 30))
        return [list_width, self.width() - list_width]

    def share_widths(self, keep_restored: bool = False) -> None:
        """The patient list its share of the window; the notes and the diagram their shares
        of the Visit tab."""
        if not (keep_restored and self._restored_main_split):
            self.splitter.setSizes(self._list_share())
        if not (keep_restored and self._restored_visit_split):
            QTimer.singleShot(0, self.visit_tab.share_width)

    _restored_main_split = False
    _restored_visit_split = False
    _fits = False

    def save_layout(self) -> None:
        if not self.attached:
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/visitSplitter", self.visit_tab.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:
            # Still opening: a demo fill is asked to stop at its next clean point, and the
            # window goes at once; whoever started the opening waits for it (an upgrade is
            # never cut short), with nothing left on the screen.
            self.opening_stop_requested.emit()
            event.accept()
            return
        if self.idle_lock is not None and self.idle_lock.locked:
            event.ignore()  # unlock first: quitting may ask about unsaved work
            return
        if self.backups is not None and self.backups.busy:
            self.notices.info(
                self.tr(
                    "A backup or a restore is under way; cancel it or quit when it has finished."
                )
            )
            event.ignore()
            return
        if self.attached and not self.may_leave_card():
            event.ignore()
            return
        if self._remember_layout:
            self.save_layout()
        self.runner.wait(5000)
        if self.idle_lock is not None:
            self.idle_lock.stop()
        event.accept()
