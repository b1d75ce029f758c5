"""Backups as plain data: what a backup file is called, which ones are kept, when one is due.

A backup's name carries the local time it was made (`mesodesk-2026-12-02T093015.sqlite3`), so a
practitioner choosing one to restore reads its date without opening it, and the order of the
backups is the order of their names' times, whatever a copy to a USB disk did to the files'
modification times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePath

KEEP_DEFAULT = 14
KEEP_MIN = 1
KEEP_MAX = 365
"""How many backups of one database each backup folder keeps (the newest ones)."""
FOLDER_MAX_LENGTH = 1000
STALE_AFTER = timedelta(days=7)
"""The window warns when the newest backup is older than this."""

STAMP_FORMAT = "%Y-%m-%dT%H%M%S"
_STAMP = r"\d{4}-\d{2}-\d{2}T\d{6}"
_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """How many backups are kept, and the folder each backup is also copied to ("" for none).

    `version` is the stored row version read with the policy; saving sends it back.
    """

    keep: int = KEEP_DEFAULT
    copy_folder: str = ""
    version: int = 0


def validate_policy(policy: BackupPolicy) -> dict[str, str]:
    """Field name -> message for what cannot be saved."""
    errors: dict[str, str] = {}
    if not KEEP_MIN <= policy.keep <= KEEP_MAX:
        errors["keep"] = f"Keep from {KEEP_MIN} to {KEEP_MAX} backups."
    folder = policy.copy_folder.strip()
    if len(folder) > FOLDER_MAX_LENGTH:
        errors["copy_folder"] = "The folder path is too long."
    elif folder and not _absolute(folder):
        errors["copy_folder"] = "Give the folder's full path (a USB disk or a network share)."
    elif "\x00" in folder:
        errors["copy_folder"] = "The folder path holds a character no folder name can have."
    return errors


def _absolute(folder: str) -> bool:
    """An absolute path on this system or on Windows (a drive letter or a network share)."""
    return PurePath(folder).is_absolute() or bool(re.match(r"^([A-Za-z]:[\\/]|\\\\)", folder))


def backup_name(stem: str, made_at: datetime, suffix: str, label: str = "", copy: int = 1) -> str:
    """`stem-2026-12-02T093015[-label][-copy]suffix`; `copy` tells apart two in one second."""
    if label and not _LABEL.fullmatch(label):
        raise ValueError(f"not a backup label: {label!r}")
    parts = [stem, made_at.strftime(STAMP_FORMAT)]
    if label:
        parts.append(label)
    if copy > 1:
        parts.append(str(copy))
    return "-".join(parts) + suffix


def backup_time(name: str, stem: str, suffix: str) -> datetime | None:
    """The time in the name of one of `stem`'s backups; None for any other file.

    The stamp must follow the stem directly, so the demo database's backups
    (`mesodesk-demo-...`) are never taken for the clinic's (`mesodesk-...`).
    """
    pattern = rf"{re.escape(stem)}-({_STAMP})(?:-{_LABEL.pattern})?{re.escape(suffix)}"
    found = re.fullmatch(pattern, name)
    if found is None:
        return None
    try:
        return datetime.strptime(found[1], STAMP_FORMAT)
    except ValueError:  # 2026-13-45T999999: a name that only looks like ours
        return None


def newest_first(names: Iterable[str], stem: str, suffix: str) -> list[tuple[datetime, str]]:
    """`stem`'s backups among `names`, newest first (by the time in their names)."""
    found = [(moment, name) for name in names if (moment := backup_time(name, stem, suffix))]
    return sorted(found, reverse=True)


def to_remove(names: Iterable[str], stem: str, suffix: str, keep: int) -> list[str]:
    """The backups beyond the newest `keep`; never a file that is not one of `stem`'s backups."""
    return [name for _, name in newest_first(names, stem, suffix)[max(keep, 1) :]]


def is_due(newest: datetime | None, now: datetime) -> bool:
    """At most one automatic backup a day: due when none was made today (or later, if the
    clock was put back)."""
    return newest is None or newest.date() < now.date()


def is_stale(newest: datetime | None, now: datetime) -> bool:
    return newest is None or now - newest > STALE_AFTER
