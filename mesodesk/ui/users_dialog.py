"""Tools > Users…: who signs in, with which role, and after how long the window locks.

For administrators. Everything it does is one call of `UserService`, which checks the right
again inside the write's transaction; a refusal (the last administrator, one's own account) is
said in the line under the list, and nothing changes. Passwords are typed twice and never shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.users import (
    IDLE_MINUTES_RANGE,
    NAME_LIMIT,
    PASSWORDS_DIFFER_MESSAGE,
    Role,
)
from mesodesk.services.access import SignedInUser
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.services.users import UserRecord, UserService
from mesodesk.ui.field_error import with_error_line
from mesodesk.ui.text import core_message, show_date
from mesodesk.ui.wheel_guard import ComboBox, SpinBox
from mesodesk.ui.workers import TaskRunner, still_there


def role_name(role: Role) -> str:
    return {
        Role.PRACTITIONER: QCoreApplication.translate("UsersDialog", "Practitioner"),
        Role.ADMINISTRATOR: QCoreApplication.translate("UsersDialog", "Administrator"),
        Role.RECEPTION: QCoreApplication.translate("UsersDialog", "Reception"),
    }[role]


class UsersDialog(QDialog):
    """The users of the practice, a form for a new user or a new password, and the idle lock."""

    NAME, ROLE, STATE, SINCE = range(4)
    idle_changed = Signal(int)
    """Minutes of the idle lock, as stored: the window applies them at once."""
    signed_in = Signal()
    """The practice's first user was added, and this window signed in as them."""

    def __init__(
        self,
        users: UserService,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._runner = runner if runner is not None else TaskRunner(self)
        self.busy = False
        self.setWindowTitle(self.tr("Users"))
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Signs in"), self.tr("Added")]
        )
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(self.tr("Users"))
        self.list.header().setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        self.list.setMinimumHeight(150)
        self.role_of_chosen = ComboBox(self)
        self.role_of_chosen.setAccessibleName(self.tr("Role of the chosen user"))
        self.set_role_button = QPushButton(self.tr("Change &role"), self)
        self.disable_button = QPushButton(self.tr("&Disable"), self)
        self.enable_button = QPushButton(self.tr("&Enable"), self)
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2)

        self.name = QLineEdit(self)
        self.name.setMaxLength(NAME_LIMIT)
        self.name.setPlaceholderText(self.tr("As it signs records and the audit trail"))
        self.role = ComboBox(self)
        for combo in (self.role, self.role_of_chosen):
            for role in (Role.PRACTITIONER, Role.ADMINISTRATOR, Role.RECEPTION):
                combo.addItem(role_name(role), role.value)
        self.password = QLineEdit(self)
        self.repeated = QLineEdit(self)
        for field in (self.password, self.repeated):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("&Add user"), self)
        self.password_button = QPushButton(self.tr("Set &password of the chosen user"), self)
        self.first_hint = QLabel(
            self.tr(
                "The first user is an administrator. From the next start MesoDesk asks for a "
                "name and password, and each role sees only what it needs."
            ),
            self,
        )
        self.first_hint.setObjectName("mutedLabel")
        self.first_hint.setWordWrap(True)

        self.idle = SpinBox(self)
        self.idle.setRange(*IDLE_MINUTES_RANGE)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setAccessibleName(self.tr("Lock after minutes without input"))
        self.idle_button = QPushButton(self.tr("Appl&y"), self)

        self._layout()
        self.list.currentItemChanged.connect(lambda *_args: self._chosen_changed())
        self.set_role_button.clicked.connect(self.change_role)
        self.disable_button.clicked.connect(lambda: self.set_disabled(True))
        self.enable_button.clicked.connect(lambda: self.set_disabled(False))
        self.add_button.clicked.connect(self.add_user)
        self.password_button.clicked.connect(self.set_password)
        self.idle_button.clicked.connect(self.apply_idle)
        for field in (self.name, self.password, self.repeated):
            field.textEdited.connect(lambda _text: self._clear_form_errors())
        self.idle.setValue(users.idle_minutes())
        self.reload()

    def _layout(self) -> None:
        chosen = QHBoxLayout()
        chosen.addWidget(self.role_of_chosen)
        chosen.addWidget(self.set_role_button)
        chosen.addStretch(1)
        chosen.addWidget(self.disable_button)
        chosen.addWidget(self.enable_button)

        form_box = QGroupBox(self.tr("New user, or a new password"), self)
        form = QFormLayout(form_box)
        self.errors: dict[str, QLabel] = {}
        for key, label, field in (
            ("name", self.tr("&Name"), self.name),
            ("role", self.tr("R&ole"), self.role),
            ("password", self.tr("Pass&word"), self.password),
            ("repeated", self.tr("Repea&t password"), self.repeated),
        ):
            column, self.errors[key] = with_error_line(form_box, field)
            title = QLabel(label, form_box)
            title.setBuddy(field)  # Alt and the underlined letter go to the field
            form.addRow(title, column)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.password_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.first_hint)

        idle_box = QGroupBox(self.tr("Idle lock"), self)
        idle = QHBoxLayout(idle_box)
        idle.addWidget(QLabel(self.tr("Lock every signed-in window after"), idle_box))
        idle.addWidget(self.idle)
        idle.addWidget(QLabel(self.tr("without input"), idle_box))
        idle.addWidget(self.idle_button)
        idle.addStretch(1)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(chosen)
        layout.addWidget(self.message)
        layout.addWidget(form_box)
        layout.addWidget(idle_box)
        layout.addWidget(close)
        self.resize(640, 640)

    # --- what the administrator does -------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        """The users as stored now, the one named `keep` (else the first) chosen."""
        keep = keep or self.chosen_name()
        self.list.clear()
        try:
            records = self._users.list_users()
        except ServiceError as exc:
            self._say(core_message(str(exc)))
            records = []
        for record in records:
            item = QTreeWidgetItem(self._row(record))
            item.setData(self.NAME, Qt.ItemDataRole.UserRole, record.name)
            item.setData(self.ROLE, Qt.ItemDataRole.UserRole, record.role.value)
            item.setData(self.STATE, Qt.ItemDataRole.UserRole, record.disabled)
            self.list.addTopLevelItem(item)
            if record.name == keep or self.list.currentItem() is None:
                self.list.setCurrentItem(item)
        for column in (self.ROLE, self.STATE, self.SINCE):
            self.list.resizeColumnToContents(column)
        first = not records
        self.first_hint.setVisible(first)
        self.role.setEnabled(not first)
        if first:
            self.role.setCurrentIndex(self.role.findData(Role.ADMINISTRATOR.value))
        self._chosen_changed()

    def chosen_name(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(self.NAME, Qt.ItemDataRole.UserRole))

    def add_user(self) -> None:
        if self.busy or not self._passwords_match():
            return
        users = self._users
        name = self.name.text()
        role = Role(self.role.currentData())
        password = self.password.text()

        def add() -> SignedInUser | None:
            first = not users.any_users()
            users.add(name, role, password)
            # from now on the practice signs in: this window goes on as its first user
            return users.verify(name, password) if first else None

        def added(user: SignedInUser | None) -> None:
            if user is not None:  # even when the dialog was closed meanwhile
                users.become(user)
            if not self._settled():
                return
            self._clear_form()
            self.reload(keep=name.strip())
            self._say(self.tr("{name} can sign in now.").format(name=name.strip()), error=False)
            if user is not None:
                self.signed_in.emit()

        self._in_background(add, added)

    def set_password(self) -> None:
        if self.busy:
            return
        name = self.chosen_name()
        if name is None:
            self._say(self.tr("Choose the user in the list first."))
            return
        if not self._passwords_match():
            return
        users, password = self._users, self.password.text()

        def changed(_record: object) -> None:
            if self._settled():
                self._clear_form()
                self._say(
                    self.tr("The password of {name} is changed.").format(name=name), error=False
                )

        self._in_background(lambda: users.change_password(name, password), changed)

    def change_role(self) -> None:
        self._act(lambda name: self._users.set_role(name, Role(self.role_of_chosen.currentData())))

    def set_disabled(self, disabled: bool) -> None:
        self._act(lambda name: self._users.set_disabled(name, disabled))

    def apply_idle(self) -> None:
        try:
            minutes = self._users.set_idle_minutes(self.idle.value())
        except ServiceError as exc:
            self._say(core_message(str(exc)))
            return
        self.idle_changed.emit(minutes)
        self._say(
            self.tr(
                "This window locks after {minutes} min without input; the other workstations "
                "from their next start."
            ).format(minutes=minutes),
            error=False,
        )

    # --- inside ----------------------------------------------------------------------------

    def _in_background(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """`work` (it hashes a password: a fifth of a second) done on a worker with the form's
        fields, read-only meanwhile and the buttons off; a field at fault said under it,
        another refusal under the list."""
        self._set_busy(True)
        self._runner.submit(work, done, self._refused, "users-form")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for field in (self.name, self.password, self.repeated):
            field.setReadOnly(busy)
        self.add_button.setEnabled(not busy)
        self._chosen_changed()
        self._say(self.tr("Saving…") if busy else "", error=False)

    def _settled(self) -> bool:
        """Whether the answer can still be shown: not once the dialog is gone."""
        if not still_there(self) or not self.busy:
            return False
        self._set_busy(False)
        return True

    def _refused(self, error: Exception) -> None:
        if not self._settled():
            return
        if isinstance(error, ValidationFailed):
            self._show_form_errors(error.errors)
        elif isinstance(error, ServiceError):
            self._say(core_message(str(error)))
        else:
            self._say(self.tr("This could not be saved."))

    def _act(self, change: Callable[[str], object]) -> None:
        """`change` done to the chosen user; a refusal said, and the list read again."""
        name = self.chosen_name()
        if name is None:
            return
        try:
            change(name)
        except ServiceError as exc:
            self._say(core_message(str(exc)))
            return
        self.reload(keep=name)
        self._say("")

    def _row(self, record: UserRecord) -> list[str]:
        state = self.tr("No (disabled)") if record.disabled else self.tr("Yes")
        return [record.name, role_name(record.role), state, show_date(record.created_at.date())]

    def _chosen_changed(self) -> None:
        item = self.list.currentItem()
        chosen = item is not None
        disabled = item is not None and bool(item.data(self.STATE, Qt.ItemDataRole.UserRole))
        self.disable_button.setEnabled(chosen and not disabled)
        self.enable_button.setEnabled(chosen and disabled)
        self.set_role_button.setEnabled(chosen)
        self.role_of_chosen.setEnabled(chosen)
        self.password_button.setEnabled(chosen and not self.busy)
        if item is not None:
            role = item.data(self.ROLE, Qt.ItemDataRole.UserRole)
            self.role_of_chosen.setCurrentIndex(self.role_of_chosen.findData(role))

    def _passwords_match(self) -> bool:
        if self.password.text() != self.repeated.text():
            self.errors["repeated"].setText(core_message(PASSWORDS_DIFFER_MESSAGE))
            self.repeated.clear()
            self.repeated.setFocus()
            return False
        return True

    def _show_form_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(core_message(errors[key]) if key in errors else "")

    def _clear_form_errors(self) -> None:
        for label in self.errors.values():
            label.setText("")

    def _clear_form(self) -> None:
        for field in (self.name, self.password, self.repeated):
            field.clear()
        self._clear_form_errors()

    def _say(self, text: str, error: bool = True) -> None:
        """One line under the list, in a place kept for it: a refusal, or what was done."""
        self.message.setObjectName("fieldError" if error else "mutedLabel")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
