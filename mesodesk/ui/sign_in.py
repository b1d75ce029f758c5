"""Signing in at start, and the lock that covers the window after an idle time.

The lock never closes or clears anything: the window's panes are only hidden behind the lock
page (and its shortcuts held), so what was typed and not yet saved is there after unlocking.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.users import NAME_LIMIT
from mesodesk.services.access import SignedInUser
from mesodesk.services.errors import ServiceError
from mesodesk.services.users import UserService, WrongPassword
from mesodesk.ui.text import core_message
from mesodesk.ui.workers import TaskRunner, still_there

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def _status_line(parent: QWidget) -> QLabel:
    """The line for a refusal or "Checking…", its room kept so nothing moves when it fills."""
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setMinimumHeight(label.fontMetrics().lineSpacing() * 2)
    return label


def _say(label: QLabel, text: str, error: bool = True) -> None:
    label.setObjectName("errorLabel" if error else "mutedLabel")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)


def _refusal(error: Exception) -> str:
    """A failure in words: the services' own message, else a plain sentence (no traceback)."""
    if isinstance(error, ServiceError):
        return core_message(str(error))
    return QCoreApplication.translate("SignInDialog", "The password could not be checked.")


class _CheckingMixin:
    """A password check on a worker, for a widget with `_button`, `_fields` and its status
    line `error`: the button off and the fields read-only meanwhile (they keep the focus and
    what was typed); the answer is dropped once the widget is closed or gone."""

    checking = False
    error: QLabel
    _button: QPushButton
    _fields: tuple[QLineEdit, ...]

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        self._button.setEnabled(not checking)
        for field in self._fields:
            field.setReadOnly(checking)
        words = QCoreApplication.translate("SignInDialog", "Checking…") if checking else ""
        _say(self.error, words, error=not checking)

    def _answered(self) -> bool:
        """Whether the answer still concerns someone: not once the widget is closed or gone."""
        if not still_there(self) or not self.checking:  # type: ignore[arg-type]
            return False
        self._set_checking(False)
        return bool(self.isVisible())  # type: ignore[attr-defined]


NAME_FIELD_PX = 300
"""The sign-in name field's least width: "Смирнова Елена Андреевна" shows whole."""
LOCK_COLUMN_PX = 480
"""The lock page's centred column: its message wraps within it, the field is two thirds."""


class SignInDialog(_CheckingMixin, QDialog):
    """Name and password before the window opens; a wrong one is said beside the fields.

    The password is checked on a worker (argon2 takes a fifth of a second): meanwhile the
    fields are read-only (they keep the focus and what was typed) and the button is off.
    """

    def __init__(
        self,
        users: UserService,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._runner = runner if runner is not None else TaskRunner(self)
        self.setWindowTitle(self.tr("Sign in to MesoDesk"))
        self.name = QLineEdit(self)
        self.name.setMaxLength(NAME_LIMIT)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = _status_line(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.sign_in_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("Sign in"))
        self._button, self._fields = self.sign_in_button, (self.name, self.password)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Password"), self.password)
        self.name.setMinimumWidth(NAME_FIELD_PX)  # a full name in view, as it is typed
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_sign_in(self) -> None:
        if self.checking:
            return
        self._set_checking(True)
        users = self._users
        name, password = self.name.text(), self.password.text()
        self._runner.submit(
            lambda: users.verify(name, password), self._verified, self._refused, "sign-in"
        )

    def _verified(self, user: SignedInUser) -> None:
        if self._answered():
            self._users.become(user)
            self.accept()

    def _refused(self, error: Exception) -> None:
        if not self._answered():
            return
        if isinstance(error, WrongPassword):
            _say(self.error, self.tr("The name or the password is wrong."))
            self.password.clear()
        else:
            _say(self.error, _refusal(error))
        self.password.setFocus()


class LockPage(_CheckingMixin, QWidget):
    """What the window shows while locked: who is signed in and the password to go on.

    The password is checked on a worker, the field read-only and the button off meanwhile.
    """

    unlocked = Signal()

    def __init__(
        self,
        users: UserService,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._runner = runner if runner is not None else TaskRunner(self)
        self.setObjectName("lockPage")
        self.title = QLabel(self)
        self.title.setObjectName("emptyState")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaximumWidth(320)
        self.error = _status_line(self)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setObjectName("primary")
        self._button, self._fields = self.unlock_button, (self.password,)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.password.setMinimumWidth(LOCK_COLUMN_PX * 2 // 3)
        self.password.setAccessibleName(self.tr("Password"))
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QWidget(self)
        column.setFixedWidth(LOCK_COLUMN_PX)  # the message wraps within it, never clipped
        inner = QVBoxLayout(column)
        centre = Qt.AlignmentFlag.AlignHCenter
        inner.addWidget(self.title)
        for widget in (self.password, self.error, self.unlock_button):
            inner.addWidget(widget, 0, centre)
        row = QHBoxLayout()  # stretches, not an alignment: the column keeps its wrapped height
        row.addStretch(1)
        row.addWidget(column)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def prepare(self) -> None:
        user = self._users.access.user
        name = user.name if user is not None else ""
        self.title.setText(
            self.tr("MesoDesk is locked. {name}, enter your password to go on.").format(name=name)
        )
        self.password.clear()
        _say(self.error, "")
        self.password.setFocus()

    def try_unlock(self) -> None:
        if self.checking:
            return
        user = self._users.access.user
        if user is None:  # nobody signed in: nothing to check
            self._open()
            return
        self._set_checking(True)
        users, password = self._users, self.password.text()
        self._runner.submit(
            lambda: users.verify(user.name, password), self._verified, self._refused, "unlock"
        )

    def _verified(self, user: SignedInUser) -> None:
        if self._answered():
            self._users.become(user)
            self._open()

    def _open(self) -> None:
        self.password.clear()
        _say(self.error, "")
        self.unlocked.emit()

    def _refused(self, error: Exception) -> None:
        if not self._answered():
            return
        if isinstance(error, WrongPassword):
            _say(self.error, self.tr("The password is wrong."))
            self.password.clear()
        else:
            _say(self.error, _refusal(error))
        self.password.setFocus()


class IdleLock(QObject):
    """Locks `window` after `minutes` without keyboard or mouse input in the application.

    While locked the window's own panes are hidden behind the lock page and every shortcut of
    the application is held, so nothing can be read or typed; nothing is closed or cleared.
    """

    locked_changed = Signal(bool)

    def __init__(
        self,
        covered: list[QWidget],
        page: LockPage,
        minutes: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._covered = covered
        self._page = page
        self._hidden_windows: list[QWidget] = []
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(minutes * 60_000)
        self.timer.timeout.connect(self.lock)
        page.unlocked.connect(self.unlock)
        page.hide()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def set_interval_ms(self, milliseconds: int) -> None:
        self.timer.setInterval(milliseconds)
        if not self.locked:
            self.timer.start()

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        for widget in self._covered:
            widget.hide()
        own = self._page.window()
        self._hidden_windows = [
            w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not own
        ]
        for widget in self._hidden_windows:
            widget.hide()
        self._page.show()
        self._page.prepare()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self._page.hide()
        for widget in self._covered:
            widget.show()
        for widget in self._hidden_windows:
            widget.show()
        self._hidden_windows = []
        self.timer.start()
        self.locked_changed.emit(False)

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.locked:  # hold every shortcut but the lock page's own
            return kind == QEvent.Type.Shortcut and not (
                isinstance(watched, QWidget) and self._page.isAncestorOf(watched)
            )
        if kind in _INPUT_EVENTS:
            self.timer.start()
        return False
