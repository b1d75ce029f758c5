"""What a service refuses, in words the UI can show as they are. No SQLAlchemy here on purpose:
the UI catches these without importing the database layer."""

from __future__ import annotations


class ServiceError(Exception):
    """Base for refusals the user can act on."""


class NotFound(ServiceError):
    pass


class ValidationFailed(ServiceError):
    """The input breaks a rule; `errors` maps a field name to the message shown beside it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class StaleRecord(ServiceError):
    """Someone else saved this record after it was opened here; reload before editing."""


class ReadOnlyRecord(ServiceError):
    """The record is signed or archived and cannot be changed this way."""


class DuplicateRecord(ServiceError):
    """Another record already has this unique value (a name, a lot number)."""


class MissingReference(ServiceError):
    """The record refers to one that no longer exists (deleted on another workstation)."""


class AccessDenied(ServiceError):
    """The signed-in user's role does not allow this, or nobody is signed in where users exist."""
