"""Signing in at start, and the lock that covers the window after an idle time.

The lock never closes or clears anything: the window's panes are only hidden behind the lock
page (and its shortcuts held), so what was typed and not yet saved is there after unlocking.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mesodesk.domain.users import NAME_LIMIT
from mesodesk.services.users import UserService, WrongPassword

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class SignInDialog(QDialog):
    """Name and password before the window opens; a wrong one is said beside the fields."""

    def __init__(self, users: UserService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self.setWindowTitle(self.tr("Sign in to MesoDesk"))
        self.name = QLineEdit(self)
        self.name.setMaxLength(NAME_LIMIT)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.sign_in_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("Sign in"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_sign_in(self) -> None:
        try:
            self._users.sign_in(self.name.text(), self.password.text())
        except WrongPassword:
            self.error.setText(self.tr("The name or the password is wrong."))
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


class LockPage(QWidget):
    """What the window shows while locked: who is signed in and the password to go on."""

    unlocked = Signal()

    def __init__(self, users: UserService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self.setObjectName("lockPage")
        self.title = QLabel(self)
        self.title.setObjectName("emptyState")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaximumWidth(320)
        self.error = QLabel(self)
        self.error.setObjectName("errorLabel")
        self.error.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setObjectName("primary")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.password, self.error, self.unlock_button):
            layout.addWidget(widget)
        layout.addStretch(2)

    def prepare(self) -> None:
        user = self._users.access.user
        name = user.name if user is not None else ""
        self.title.setText(
            self.tr("MesoDesk is locked. {name}, enter your password to go on.").format(name=name)
        )
        self.password.clear()
        self.error.hide()
        self.password.setFocus()

    def try_unlock(self) -> None:
        if self._users.check_password(self.password.text()):
            self.password.clear()
            self.error.hide()
            self.unlocked.emit()
            return
        self.password.clear()
        self.error.setText(self.tr("The password is wrong."))
        self.error.show()
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
