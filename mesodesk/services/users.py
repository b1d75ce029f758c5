"""Users of the clinic: adding them, their passwords, disabling them, and signing in.

Passwords are hashed with argon2id (argon2-cffi's defaults) and never stored or logged in
clear. Managing users needs the USERS permission, except the very first user of a practice,
which whoever holds the database adds (there is nobody to sign in as yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from argon2 import PasswordHasher

from mesodesk.domain.audit import AuditRecord
from mesodesk.domain.users import (
    DEFAULT_IDLE_MINUTES,
    IDLE_MINUTES_RANGE,
    Permission,
    Role,
    name_problem,
    password_problem,
)
from mesodesk.models import ClinicSetting, User
from mesodesk.services.access import SignedInUser
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ServiceError, ValidationFailed

IDLE_LOCK_KEY = "idle_lock"
WRONG_PASSWORD = "The name or the password is wrong."
OWN_ACCOUNT_MESSAGE = "You cannot disable the account you are signed in with."
LAST_ADMINISTRATOR_MESSAGE = (
    "This is the last active administrator: make another user an administrator first, or "
    "nobody could manage the users from the window."
)


class WrongPassword(ServiceError):
    """Sign-in refused; the message never says which of name or password was wrong."""


@dataclass(frozen=True)
class UserRecord:
    id: int
    name: str
    role: Role
    disabled: bool
    created_at: datetime


class UserService(Service):
    def any_users(self) -> bool:
        """Whether sign-in is needed: an active user exists."""
        with self._read(needs=None) as session:
            return (
                session.scalar(select(User.id).where(User.disabled.is_(False)).limit(1)) is not None
            )

    def list_users(self) -> list[UserRecord]:
        with self._read(needs=Permission.USERS) as session:
            return [_user(row) for row in session.scalars(select(User).order_by(User.name))]

    def add(self, name: str, role: Role, password: str) -> UserRecord:
        errors = _problems(name, password)
        if errors:
            raise ValidationFailed(errors)
        with self._write(needs=None) as session:
            self._require_manager(session)
            row = User(name=name.strip(), role=role.value, password_hash=_hasher().hash(password))
            session.add(row)
            session.flush()
            return _user(row)

    def change_password(self, name: str, password: str) -> UserRecord:
        problem = password_problem(password)
        if problem is not None:
            raise ValidationFailed({"password": problem})
        with self._write(needs=None) as session:
            row = _named(session, name)
            own = self._access.user is not None and self._access.user.id == row.id
            if not own:
                self._access.require(session, Permission.USERS)
            row.password_hash = _hasher().hash(password)
            session.flush()
            return _user(row)

    def set_disabled(self, name: str, disabled: bool = True) -> UserRecord:
        """Stop a user from signing in, or let them again. Nobody disables the account they
        are signed in with, nor the last active administrator while others can sign in: the
        practice would be left with nobody to manage its users from the window. Both checks
        hold the administrators' rows until the write commits."""
        with self._write(needs=Permission.USERS) as session:
            row = _named(session, name)
            if disabled and not row.disabled:
                self._refuse_disabling(session, row)
            row.disabled = disabled
            session.flush()
            return _user(row)

    def set_role(self, name: str, role: Role) -> UserRecord:
        """Give a user another role; the last active administrator stays one."""
        with self._write(needs=Permission.USERS) as session:
            row = _named(session, name)
            if role is not Role.ADMINISTRATOR and not row.disabled:
                self._refuse_leaving_no_administrator(session, row, demoting=True)
            row.role = role.value
            session.flush()
            return _user(row)

    def sign_in(self, name: str, password: str) -> SignedInUser:
        """Check the password and make this user the current one of every service."""
        user = self.verify(name, password)
        self.become(user)
        return user

    def verify(self, name: str, password: str) -> SignedInUser:
        """Signing in, the slow half: check the password (argon2, a fifth of a second) and
        change nothing, so a window runs it on a worker and calls `become` with the answer on
        its own thread; the shared `Access` is never changed from a worker."""
        with self._read(needs=None) as session:
            row = session.scalar(select(User).where(User.name == name.strip()))
            if row is None or row.disabled:
                _hasher().hash(password)  # same time whether or not the name exists
                raise WrongPassword(WRONG_PASSWORD)
            try:
                _hasher().verify(row.password_hash, password)
            except _refusals() as exc:
                raise WrongPassword(WRONG_PASSWORD) from exc
            return SignedInUser(row.id, row.name, Role(row.role))

    def become(self, user: SignedInUser) -> None:
        """Signing in, the quick half: `user`, as `verify` returned it, is the current one."""
        self._access.sign_in(user)

    def idle_minutes(self) -> int:
        """Minutes without input after which a signed-in window locks (clinic-wide)."""
        with self._read(needs=None) as session:
            row = session.get(ClinicSetting, IDLE_LOCK_KEY)
        value = (
            row.value.get("minutes") if row is not None and isinstance(row.value, dict) else None
        )
        low, high = IDLE_MINUTES_RANGE
        return value if isinstance(value, int) and low <= value <= high else DEFAULT_IDLE_MINUTES

    def set_idle_minutes(self, minutes: int) -> int:
        low, high = IDLE_MINUTES_RANGE
        if not low <= minutes <= high:
            raise ValidationFailed({"minutes": f"The idle lock is from {low} to {high} minutes."})
        with self._write(needs=Permission.CLINIC) as session:
            row = session.get(ClinicSetting, IDLE_LOCK_KEY)
            if row is None:
                session.add(ClinicSetting(key=IDLE_LOCK_KEY, value={"minutes": minutes}))
            else:
                row.value = {"minutes": minutes}
        return minutes

    def audit(self, patient_id: int | None = None) -> list[AuditRecord]:
        with self._read(needs=Permission.USERS) as session:
            return self._audit.entries(session, patient_id)

    def audit_broken(self) -> tuple[int, str] | None:
        """(entry number, why) of the first altered or removed entry; None when whole."""
        with self._read(needs=Permission.USERS) as session:
            return self._audit.first_broken(session)

    def _refuse_disabling(self, session: Session, row: User) -> None:
        signed_in = self._access.user
        if signed_in is not None and signed_in.id == row.id:
            raise ServiceError(OWN_ACCOUNT_MESSAGE)
        self._refuse_leaving_no_administrator(session, row)

    def _refuse_leaving_no_administrator(
        self, session: Session, row: User, demoting: bool = False
    ) -> None:
        """Refuse when `row` is the last active administrator and, disabled, would leave
        others who sign in, or, demoted, would still sign in itself."""
        if row.role != Role.ADMINISTRATOR.value:
            return
        active = select(User).where(User.disabled.is_(False))
        others = session.scalars(active.where(User.id != row.id).with_for_update()).all()
        if (others or demoting) and all(o.role != Role.ADMINISTRATOR.value for o in others):
            raise ServiceError(LAST_ADMINISTRATOR_MESSAGE)

    def _require_manager(self, session: Session) -> None:
        """Anyone adds the first user; later ones need an administrator."""
        if session.scalar(select(func.count()).select_from(User)) or self._access.user:
            self._access.require(session, Permission.USERS)


def add_first_administrator(session: Session, name: str, password: str) -> None:
    """The practice's first user, an administrator, added by the set-up wizard inside its own
    transaction (the name and password already checked); refused once any user exists."""
    if session.scalar(select(User.id).limit(1)) is not None:
        raise ServiceError("This database already has users; add more in Tools > Users.")
    session.add(
        User(
            name=name.strip(),
            role=Role.ADMINISTRATOR.value,
            password_hash=_hasher().hash(password),
        )
    )
    session.flush()


def _problems(name: str, password: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    problem = name_problem(name)
    if problem is not None:
        errors["name"] = problem
    problem = password_problem(password)
    if problem is not None:
        errors["password"] = problem
    return errors


def _named(session: Session, name: str) -> User:
    row = session.scalar(select(User).where(User.name == name.strip()).with_for_update())
    if row is None:
        raise NotFound(f"There is no user named {name.strip()!r}.")
    return row


def _user(row: User) -> UserRecord:
    return UserRecord(row.id, row.name, Role(row.role), row.disabled, row.created_at)


@cache
def _hasher() -> PasswordHasher:
    """argon2 and its C bindings (about 2.5 MB) are loaded when a password is first hashed or
    checked: a practice without users never needs them."""
    from argon2 import PasswordHasher

    return PasswordHasher()


def _refusals() -> tuple[type[Exception], ...]:
    from argon2.exceptions import InvalidHashError, VerificationError

    return (VerificationError, InvalidHashError)
