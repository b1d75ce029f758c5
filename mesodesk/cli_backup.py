"""`mesodesk backup` and `mesodesk restore`, registered by `cli.build_parser`.

Both follow the rules of every command (see `cli`): the database options mean the same before
and after the command, the output is checked before any work and never replaces a database,
and a refusal is one line on stderr with a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import mesodesk.cli as cli

if TYPE_CHECKING:
    from mesodesk.services.backup import BackupService


def add_backup_commands(commands: argparse._SubParsersAction[cli._Parser]) -> None:
    backup = commands.add_parser(
        "backup",
        help="write a consistent copy of the database to a file, safe while the app is open "
        "(SQLite: online backup; PostgreSQL: pg_dump custom format)",
        description="Write a consistent copy of the database to FILE, readable by you only, "
        "while MesoDesk may be open and writing. An SQLite database is copied with SQLite's "
        "online backup API and checked; a PostgreSQL database is dumped with "
        "'pg_dump --format=custom' (pg_dump is looked for on PATH, then in the usual "
        "PostgreSQL folders). The photo files the records refer to are copied into photos/ "
        "beside FILE (only those not there yet). Restore it with 'mesodesk restore'.",
    )
    cli._database_options(backup, create=False)
    backup.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="file to write"
    )
    cli._force_option(backup)
    backup.set_defaults(run=run_backup)

    restore = commands.add_parser(
        "restore",
        help="replace the database by a backup after checking it; the current database is "
        "kept as a backup first",
        description="Check FILE whole (an SQLite backup: integrity check and a MesoDesk schema "
        "of this or an older version; PostgreSQL: a pg_dump custom archive of one), keep a "
        "backup of the current database in its backups folder, then replace the database by "
        "FILE in one transaction and upgrade it to this version. A file that fails a check is "
        "refused and the database is left exactly as it was. Photos missing from the data "
        "folder are put back from photos/ beside FILE; those not found there are named in a "
        "warning and their records are kept.",
    )
    cli._database_options(restore)
    restore.add_argument(
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar="FILE",
        help="the backup to restore (from 'mesodesk backup' or the backups folder)",
    )
    restore.set_defaults(run=run_restore)


def _service(args: argparse.Namespace) -> tuple[BackupService, str]:
    """The backup service of the command's database, which is not opened (so not upgraded)."""
    from mesodesk.db import parse_url, sqlite_path
    from mesodesk.services.backup import BackupService

    url = parse_url(cli._target(args)[0])
    path = sqlite_path(url)
    shown = str(path) if path is not None else url.render_as_string(hide_password=True)
    return BackupService(url, path, access=cli._command_line()), shown


def run_backup(args: argparse.Namespace) -> int:
    from mesodesk import backup

    cli._check_output(args.output, args.force, args)
    service, _ = _service(args)
    try:
        photos = service.backup_to(args.output, args.force)
    except FileExistsError as exc:
        raise cli.CommandRefused(
            f"{args.output} appeared while the backup was being made; nothing was written. "
            "Add --force to replace it."
        ) from exc
    print(f"Saved {args.output}")
    if photos.copied:
        print(f"Copied {_photos(photos.copied)} into {backup.photos_beside(args.output)}")
    if photos.problem is not None:
        print(f"Warning: {photos.problem}", file=sys.stderr)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from mesodesk import backup

    service, shown = _service(args)
    done = service.restore(args.source, create=args.create)
    restored = done.restored
    upgraded = " and upgraded to this version's schema" if restored.needs_upgrade else ""
    print(f"Restored {args.source} (schema {restored.revision}) into {shown}{upgraded}.")
    if done.kept_copy is not None:
        print(f"The database as it was before is kept at {done.kept_copy}")
    if done.photos.copied:
        print(f"Put back {_photos(done.photos.copied)} from {backup.photos_beside(args.source)}")
    if done.photos.problem is not None:
        print(f"Warning: {done.photos.problem}", file=sys.stderr)
    return 0


def _photos(count: int) -> str:
    return "1 photo" if count == 1 else f"{count} photos"
