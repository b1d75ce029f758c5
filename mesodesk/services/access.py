"""Who is working with the services, and the one check every guarded read and write makes.

One `Access` is built with the services and shared by all of them; signing in and out changes
it in place. The check runs inside the caller's transaction and reads the user's row there, so
a role changed or an account disabled on another workstation counts from the next action on.

A practice without users has no sign-in and keeps every right, exactly as before users
existed; as soon as one active user exists, nothing guarded is done without a signed-in user.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mesodesk.domain.users import REFUSALS, Permission, Role, allows
from mesodesk.models import User
from mesodesk.services.errors import AccessDenied

_ANY_ACTIVE_USER = select(User.id).where(User.disabled.is_(False)).limit(1)
"""Asked at every guarded read and write: built once, as its cache key is then made once."""

SIGN_IN_FIRST = "This practice has users: sign in first."
DISABLED = "Your account is disabled or was removed; sign in again."


@dataclass(frozen=True)
class SignedInUser:
    id: int
    name: str
    role: Role


class Access:
    """The current user of one window or one command, or nobody.

    `trusted` is for the command line run by whoever holds the database itself (its file or
    its server password): it has every right and is recorded in the audit as that account.
    """

    def __init__(self, trusted: bool = False, account: str | None = None) -> None:
        self._user: SignedInUser | None = None
        self._trusted = trusted
        self._account = account or _os_account()

    @classmethod
    def command_line(cls) -> Access:
        return cls(trusted=True, account=f"command line ({_os_account()})")

    @property
    def user(self) -> SignedInUser | None:
        return self._user

    def sign_in(self, user: SignedInUser) -> None:
        self._user = user

    def sign_out(self) -> None:
        self._user = None

    @property
    def actor(self) -> str:
        """The name the audit trail, signatures and overrides show for what is done now."""
        if self._user is not None:
            return self._user.name
        return self._account

    def signer(self, typed: str) -> str:
        """The signed-in user's name, else what was typed (a practice without users)."""
        return self._user.name if self._user is not None else typed

    def require(self, session: Session, permission: Permission) -> None:
        """Refuse, in `session`'s transaction, what the current user may not do."""
        if self._user is None:
            if self._trusted:
                return
            active = session.scalar(_ANY_ACTIVE_USER)
            if active is not None:
                raise AccessDenied(SIGN_IN_FIRST)
            return
        row = session.get(User, self._user.id)
        if row is None or row.disabled:
            raise AccessDenied(DISABLED)
        if not allows(Role(row.role), permission):
            raise AccessDenied(REFUSALS[permission])


def _os_account() -> str:
    try:
        return f"workstation account {getpass.getuser()}"
    except (KeyError, OSError):
        return "workstation account"
