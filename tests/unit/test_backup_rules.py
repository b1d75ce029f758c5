"""Backup names, which backups are kept, when one is due: plain rules, no files."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mesodesk.domain.backups import (
    KEEP_MAX,
    BackupPolicy,
    backup_name,
    backup_time,
    is_due,
    is_stale,
    newest_first,
    to_remove,
    validate_policy,
)

MORNING = datetime(2026, 12, 2, 9, 30, 15)


def test_a_backups_name_carries_its_time_and_reads_back() -> None:
    name = backup_name("mesodesk", MORNING, ".sqlite3")
    assert name == "mesodesk-2026-12-02T093015.sqlite3"
    assert backup_time(name, "mesodesk", ".sqlite3") == MORNING
    labelled = backup_name("mesodesk", MORNING, ".sqlite3", "before-0006", copy=2)
    assert labelled == "mesodesk-2026-12-02T093015-before-0006-2.sqlite3"
    assert backup_time(labelled, "mesodesk", ".sqlite3") == MORNING


@pytest.mark.parametrize(
    "name",
    [
        "mesodesk-demo-2026-12-02T093015.sqlite3",  # the demo database's, not the clinic's
        "mesodesk-2026-12-02T093015.pgdump",
        "mesodesk-2026-13-02T093015.sqlite3",
        "mesodesk-2026-12-02T093015.sqlite3-wal",
        ".mesodesk-2026-12-02T093015.sqlite3.abc.partial",
        "mesodesk.sqlite3",
        "notes.txt",
    ],
)
def test_other_files_are_never_taken_for_a_backup(name: str) -> None:
    assert backup_time(name, "mesodesk", ".sqlite3") is None


def test_a_label_is_letters_digits_and_dashes_only() -> None:
    with pytest.raises(ValueError):
        backup_name("mesodesk", MORNING, ".sqlite3", "../elsewhere")


def test_the_newest_are_kept_by_the_time_in_their_names() -> None:
    names = [backup_name("clinic", MORNING - timedelta(days=d), ".pgdump") for d in range(6)]
    names += ["clinic-notes.txt", "other-2026-12-02T093015.pgdump"]

    removed = to_remove(reversed(names), "clinic", ".pgdump", keep=4)

    assert removed == names[4:6]
    assert [name for _, name in newest_first(names, "clinic", ".pgdump")] == names[:6]
    assert to_remove(names, "clinic", ".pgdump", keep=0) == names[1:6], "the newest always stays"


def test_a_backup_is_due_once_a_day() -> None:
    assert is_due(None, MORNING)
    assert not is_due(MORNING.replace(hour=0, minute=1), MORNING)
    assert is_due(MORNING - timedelta(days=1), MORNING.replace(hour=0, minute=1))
    assert not is_due(MORNING + timedelta(days=3), MORNING), "a clock put back"


def test_a_backup_older_than_a_week_is_stale() -> None:
    assert is_stale(None, MORNING)
    assert not is_stale(MORNING - timedelta(days=7), MORNING)
    assert is_stale(MORNING - timedelta(days=7, seconds=1), MORNING)


@pytest.mark.parametrize(
    ("policy", "fields"),
    [
        (BackupPolicy(), set()),
        (BackupPolicy(keep=1, copy_folder="/media/usb"), set()),
        (BackupPolicy(keep=KEEP_MAX, copy_folder="E:\\MesoDesk"), set()),
        (BackupPolicy(copy_folder="\\\\server\\share\\backups"), set()),
        (BackupPolicy(keep=0), {"keep"}),
        (BackupPolicy(keep=KEEP_MAX + 1), {"keep"}),
        (BackupPolicy(copy_folder="usb/backups"), {"copy_folder"}),
        (BackupPolicy(copy_folder="/" + "x" * 1000), {"copy_folder"}),
        (BackupPolicy(copy_folder="/media/\x00usb"), {"copy_folder"}),
    ],
)
def test_the_policy_is_checked(policy: BackupPolicy, fields: set[str]) -> None:
    assert set(validate_policy(policy)) == fields
