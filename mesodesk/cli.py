"""The `mesodesk` command: the window by default, and the maintenance commands a clinic needs.

Heavy modules (SQLAlchemy, Qt) are imported inside the commands that use them, so `--help`
and `--version` answer at once.

The command line cannot misroute or overwrite: the database options mean the same before and
after the command; an output file is never the database, its journal files or its copies,
nor an existing file unless --force; a database path that does not exist is created only by
`demo`, by --create, or for the window's own default file. Bad input gets one line on stderr
and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from mesodesk import __version__
from mesodesk.launch import plain_streams, run_window

if TYPE_CHECKING:
    from mesodesk.db import Database
    from mesodesk.domain.progress import Progress
    from mesodesk.services.access import Access
    from mesodesk.services.registry import Services
    from mesodesk.ui.app import Opened

DEMO_PATIENTS = 300
MAX_DEMO_PATIENTS = 1_000_000
MAX_ID = 2_147_483_647
PROG = "mesodesk"
MIN_SIZE = (320, 240)
MAX_SIZE = (7680, 4320)
DATABASE_OPTIONS = ("db", "demo", "create")
"""Options that choose the database: honoured before or after the command."""
LATER = "_after_command"


class CommandRefused(Exception):
    """The command line asks for something that would lose or misplace data; nothing was done."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line, like every other refusal of the command."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


class _Once(argparse.Action):
    """An option that may be repeated only with the same value (a second --db is a mistake)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        earlier = getattr(namespace, self.dest, None)
        if earlier is not None and earlier != values:
            parser.error(f"{option_string} is given twice with different values; give it once")
        setattr(namespace, self.dest, values)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=(
            "MesoDesk: patient cards, injection schemes, visit notes and aftercare sheets for "
            "mesotherapists. Without a command, opens the main window."
        ),
        epilog=(
            "The database is chosen by --db URL, else the MESODESK_DB environment variable, "
            "else mesodesk.sqlite3 in your user data folder. A URL is sqlite:///PATH, "
            "postgresql+psycopg://USER:PASSWORD@HOST/DBNAME, or simply a path to an SQLite file. "
            "--db, --demo and --create may stand before or after the command. A database file "
            "that does not exist is created only by 'demo', with --create, or for the window's "
            "default file."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _database_options(parser, after_command=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser(
        "demo",
        help="fill a database with realistic demo patients (reproducible per seed); "
        "creates the database if needed",
    )
    _database_options(demo)
    demo.add_argument(
        "--patients", type=_count(MAX_DEMO_PATIENTS), default=DEMO_PATIENTS, metavar="N"
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument(
        "--language",
        choices=("en", "ru"),
        help="ru: every demo patient Russian, as for a Russian interface (default: mixed)",
    )

    check = commands.add_parser(
        "check",
        help="check a database (SQLite integrity check, or a connection on PostgreSQL) and "
        "report its schema revision; exit 0 only when healthy; changes nothing",
    )
    _database_options(check, create=False)

    shot = commands.add_parser(
        "screenshot", help="render the main window offscreen to a PNG file and exit"
    )
    shot.add_argument("file", type=Path, metavar="FILE")
    _database_options(shot)
    shot.add_argument("--patient", type=_positive, metavar="ID", help="open this patient's card")
    shot.add_argument(
        "--visit", type=_positive, metavar="ID", help="open this visit with its diagram in view"
    )
    shot.add_argument(
        "--language",
        choices=("en", "ru"),
        help="show the window in English or Russian (default: as chosen in Settings, else "
        "the system's language)",
    )
    shot.add_argument(
        "--size",
        type=_window_size,
        default=(1440, 900),
        metavar="WxH",
        help=f"window size in pixels, {MIN_SIZE[0]}x{MIN_SIZE[1]} to {MAX_SIZE[0]}x{MAX_SIZE[1]}",
    )
    _force_option(shot)

    export = commands.add_parser(
        "export",
        help="write one patient's whole record as JSON, or a ZIP with the photos (the "
        "patient's right of access)",
        description="Write the card, anamnesis, courses, visits, products and lots, reactions, "
        "signatures, addenda, injection marks and photos of one patient to a file readable by "
        "you only; the format is described in docs/export-format.md. A patient with photos "
        "needs FILE.zip (the JSON record plus the image files), unless --without-photos; "
        "photos go in only when the patient's photo consent allows them to be shown.",
    )
    _database_options(export)
    export.add_argument("--patient", type=_positive, required=True, metavar="ID")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.json|FILE.zip",
        help="file to write",
    )
    export.add_argument(
        "--without-photos",
        action="store_true",
        help="write the JSON record only (the photos are listed without their files)",
    )
    _force_option(export)
    _add_document_commands(commands)
    from mesodesk.cli_backup import add_backup_commands
    from mesodesk.cli_photos import add_photo_commands
    from mesodesk.cli_rules import add_rules_commands

    add_backup_commands(commands)
    from mesodesk.cli_users import add_user_commands

    add_user_commands(commands)
    add_rules_commands(commands)
    add_photo_commands(commands)
    return parser


def _database_options(
    parser: argparse.ArgumentParser, after_command: bool = True, create: bool = True
) -> None:
    """The same database options on the program and on each command.

    After the command they land in their own attributes (argparse would otherwise let a
    command's default silently replace what was given before it) and are merged by `_merged`.
    """
    suffix = LATER if after_command else ""
    default: object = argparse.SUPPRESS if after_command else None
    parser.add_argument(
        "--db",
        dest=f"db{suffix}",
        action=_Once,
        default=default,
        metavar="URL",
        help="database URL or SQLite file path (default: MESODESK_DB, else the data folder)",
    )
    parser.add_argument(
        "--demo",
        dest=f"demo{suffix}",
        action="store_true",
        default=argparse.SUPPRESS if after_command else False,
        help="use the separate demo database in the data folder (never the real one), "
        "filled with demo patients on first use",
    )
    if create:
        parser.add_argument(
            "--create",
            dest=f"create{suffix}",
            action="store_true",
            default=argparse.SUPPRESS if after_command else False,
            help="create the database file given by --db if it does not exist",
        )


def _force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the output file if it exists (never the database or its copies)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """The whole command line (the window's own is read sooner by `mesodesk.launch`)."""
    plain_streams()
    parser = build_parser()
    args = _merged(parser, parser.parse_args(argv))
    try:
        return (getattr(args, "run", None) or COMMANDS[args.command])(args)
    except (Exception, KeyboardInterrupt) as exc:
        return answer(exc)


def answer(exc: BaseException) -> int:
    """The exit code of a command that raised `exc`, said in one line if it is a refusal or an
    interruption; anything else is a bug and goes on as a traceback."""
    if isinstance(exc, KeyboardInterrupt):
        _say("error", "interrupted; nothing more was written")
        return 130
    if not isinstance(exc, Exception) or not _is_refusal(exc):
        raise exc
    _say("error", _message(exc))
    return 2


def _is_refusal(exc: Exception) -> bool:
    """A refusal said in one line: ours, the services', the database layer's, the system's.

    The database layer is looked up, not imported: the window's start must not wait for
    SQLAlchemy, and where it was never imported it raised nothing."""
    from mesodesk.services.errors import ServiceError

    database = sys.modules.get("mesodesk.db")
    kinds: tuple[type[Exception], ...] = (CommandRefused, ServiceError, OSError)
    if database is not None:
        kinds += (database.DatabaseError,)
    return isinstance(exc, kinds)


def _merged(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.Namespace:
    """One value per database option, wherever it stood; contradictions refused in words."""
    for name in DATABASE_OPTIONS:
        if not hasattr(args, name + LATER):
            continue
        later = getattr(args, name + LATER)
        delattr(args, name + LATER)
        earlier = getattr(args, name)
        if name == "db" and earlier is not None and earlier != later:
            parser.error("--db is given twice with different values; give it once")
        setattr(args, name, later if name == "db" else bool(earlier or later))
    if args.db is not None and not args.db.strip():
        parser.error("--db is empty; give a database URL or an SQLite file path")
    if args.db is not None and args.demo:
        parser.error("--db and --demo choose different databases; give one of them")
    if args.command == "check" and args.create:
        parser.error("check never creates a database; --create does not apply to it")
    if args.command in ("demo", "check") and args.db is None and not args.demo:
        parser.error(f"{args.command} needs --db URL (or --demo)")
    return args


def _say(kind: str, message: str) -> None:
    print(f"{PROG}: {kind}: {' '.join(message.split())}", file=sys.stderr)


def _message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc)


def _positive(text: str) -> int:
    return _count(MAX_ID)(text)


def _count(highest: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not re.fullmatch(r"\s*\+?\d{1,12}\s*", text) or not 1 <= int(text) <= highest:
            raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {highest}")
        return int(text)

    return parse


def _window_size(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"(\d{1,5})[xX×](\d{1,5})", text.strip())
    width, height = (int(found[1]), int(found[2])) if found else (0, 0)
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        raise argparse.ArgumentTypeError(
            f"must be WIDTHxHEIGHT in pixels, from {MIN_SIZE[0]}x{MIN_SIZE[1]} to "
            f"{MAX_SIZE[0]}x{MAX_SIZE[1]}, like 1440x900"
        )
    return width, height


# --- the database a command works on ---------------------------------------------------------


def _target(args: argparse.Namespace) -> tuple[str, bool]:
    """The database URL of this command line and whether a missing file may be created."""
    from mesodesk.db import as_url, default_url

    if args.demo:
        return default_url(demo=True), True
    asked = args.create or args.command == "demo"
    if args.db:
        return as_url(args.db), asked
    if os.environ.get("MESODESK_DB"):
        return as_url(os.environ["MESODESK_DB"]), asked
    return default_url(), asked or args.command in (None, "screenshot")


def _open(args: argparse.Namespace, read_only: bool = False) -> Database:
    from mesodesk.db import open_database

    url, may_create = _target(args)
    database = open_database(url, create=may_create, allow_read_only=read_only)
    if database.notice:
        _say("note", database.notice)
    return database


def open_for_window(
    args: argparse.Namespace,
    say: Callable[[str], None],
    progress: Progress | None = None,
    trusted: bool = False,
) -> Opened:
    """The database, its services and its backups for a window, opened in a worker while the
    window's frame is already on the screen: nobody signed in yet (the window asks once the
    practice has users), or the command line's own account (`trusted`)."""
    from mesodesk.services.access import Access
    from mesodesk.services.backup import BackupService
    from mesodesk.services.demo import fill_demo
    from mesodesk.services.registry import build_services
    from mesodesk.ui.app import Opened

    database = _open(args)
    try:
        access = Access.command_line() if trusted else Access()
        services = build_services(database.sessions, access)
        services.catalog.ensure_starter_catalog()
        _take_in_rule_files(services)
        if args.demo and services.patients.count(include_archived=True) == 0:
            from mesodesk.ui.app import demo_filling_words
            from mesodesk.ui.language import interface_language

            say(demo_filling_words(DEMO_PATIENTS))
            fill_demo(
                services,
                DEMO_PATIENTS,
                seed=1,
                russian_only=interface_language() == "ru",
                progress=progress,
            )
        backups = BackupService.for_database(database, access=access)
    except BaseException:
        database.close()
        raise
    return Opened(database, services, backups)


def _command_line() -> Access:
    """The command line acts for whoever holds the database (its file or server password),
    with every right, recorded in the audit trail as that operating-system account."""
    from mesodesk.services.access import Access

    return Access.command_line()


# --- output files ---------------------------------------------------------------------------


def _check_output(target: Path, force: bool, args: argparse.Namespace) -> None:
    """Refuse, before any work, an output that would replace what must not be replaced."""
    from mesodesk.db import SQLITE_HEADER

    where = str(target)
    resolved = target.expanduser().resolve()
    for protected, what in _protected_files(args):
        if resolved == protected.resolve() or _same_file(target, protected):
            raise CommandRefused(
                f"{where} is {what}; an output never replaces it (not even with --force). "
                "Choose another file name."
            )
    if target.is_dir():
        raise CommandRefused(f"{where} is a folder; give a file name to write.")
    if os.path.lexists(target):
        if not target.is_file():
            raise CommandRefused(f"{where} is not a regular file; give a file name to write.")
        try:
            with target.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError:
            header = b""
        if header == SQLITE_HEADER:
            raise CommandRefused(
                f"{where} is an SQLite database; an output never replaces a database "
                "(not even with --force). Choose another file name."
            )
        if not force:
            raise CommandRefused(
                f"{where} already exists; nothing was written. Add --force to replace it."
            )
    if not resolved.parent.is_dir():
        raise CommandRefused(f"The folder {resolved.parent} does not exist; nothing was written.")
    if not os.access(resolved.parent, os.W_OK):
        raise CommandRefused(f"The folder {resolved.parent} is read-only; nothing was written.")


def _protected_files(args: argparse.Namespace) -> list[tuple[Path, str]]:
    """This command's database and the data folder's ones, with their journals and copies."""
    from mesodesk import paths
    from mesodesk.db import DatabaseError, database_files, parse_url, sqlite_path

    candidates: list[Path] = []
    folder = paths.data_dir(create=False)
    candidates += [folder / paths.DB_FILENAME, folder / paths.DEMO_DB_FILENAME]
    try:
        path = sqlite_path(parse_url(_target(args)[0]))
    except DatabaseError:
        path = None
    if path is not None:
        candidates.append(path)
    found: list[tuple[Path, str]] = []
    for database in candidates:
        files = database_files(database)
        found.append((files[0], "the database"))
        found += [(f, "a journal file of the database") for f in files[1:4]]
        found += [(f, "a copy (backup) of the database") for f in files[4:]]
    return found


def _same_file(target: Path, protected: Path) -> bool:
    try:
        return target.exists() and protected.exists() and target.samefile(protected)
    except OSError:
        return False


def _write_output(target: Path, content: bytes, force: bool) -> None:
    from mesodesk.paths import write_private_file

    try:
        write_private_file(target, content, replace=force)
    except FileExistsError as exc:
        raise CommandRefused(
            f"{target} appeared while the file was being made; nothing was written. "
            "Add --force to replace it."
        ) from exc
    print(f"Saved {target}")


# --- commands -------------------------------------------------------------------------------


def _run_demo(args: argparse.Namespace) -> int:
    from mesodesk.services.demo import fill_demo
    from mesodesk.services.registry import build_services

    database = _open(args)
    try:
        services = build_services(database.sessions, _command_line())
        services.catalog.ensure_starter_catalog()
        _take_in_rule_files(services)
        added = fill_demo(services, args.patients, args.seed, russian_only=args.language == "ru")
    finally:
        database.close()
    print(f"Added {added} demo patients to {database.location}.")
    return 0


def _run_check(args: argparse.Namespace) -> int:
    from mesodesk.db import check_database

    healthy, detail = check_database(_target(args)[0])
    if healthy:
        print(detail)
    else:
        _say("unhealthy", detail)
    return 0 if healthy else 1


def _run_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _check_output(args.file, args.force, args)
    from mesodesk.ui.app import save_screenshot

    database, services, _backups = open_for_window(args, lambda _words: None, trusted=True)
    try:
        if args.visit is not None:
            from mesodesk.ui.app import save_visit_screenshot

            services.visits.get(args.visit)
            save_visit_screenshot(
                database, services, args.file, args.size, args.visit, args.language
            )
        else:
            if args.patient is not None:
                services.patients.get(args.patient)
            save_screenshot(database, services, args.file, args.size, args.patient, args.language)
    finally:
        database.close()
    print(f"Saved {args.file}")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    """Read everything first, so an unknown patient leaves no file behind."""
    from mesodesk.cli_photos import run_export

    return run_export(args)


DOCUMENT_COMMANDS = {
    "aftercare": "aftercare sheet for the patient to take home",
    "consent": "informed-consent form for the procedure",
    "visit-summary": "protocol for the practitioner's file",
    "mesoscooter-care": "home mesoscooter care sheet for the visit's patient",
}


def _add_document_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    for name, what in DOCUMENT_COMMANDS.items():
        command = commands.add_parser(
            name,
            help=f"save a visit's {what} as a PDF",
            description=f"Save a visit's {what} as a PDF, readable by you only. The "
            "language is the one on the patient's card unless --lang is given.",
        )
        _database_options(command)
        command.add_argument("--visit", type=_positive, required=True, metavar="ID")
        command.add_argument("--lang", choices=("ru", "en"), help="print in Russian or English")
        if name == "visit-summary":
            command.add_argument(
                "--photos",
                action="store_true",
                help="add the visit's photos (only with the patient's photo consent)",
            )
        command.add_argument(
            "-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="file to write"
        )
        _force_option(command)


def _run_document(args: argparse.Namespace) -> int:
    """Build the whole PDF before touching the output, so a refusal leaves no file behind.

    The documents are drawn by reportlab from the domain's geometry: this path never imports
    Qt, so it runs on a server without PySide6.
    """
    from mesodesk.domain.vocabulary import Language
    from mesodesk.services.registry import build_services

    _check_output(args.output, args.force, args)
    language = Language(args.lang) if args.lang else None
    database = _open(args, read_only=True)
    try:
        services = build_services(database.sessions, _command_line())
        pdf = services.documents.pdf(
            args.command, args.visit, language, with_photos=getattr(args, "photos", False)
        )
        problems = services.rules.problems()
    finally:
        database.close()
    for problem in problems:  # a clinic rule left out (the shipped one used instead)
        _say("note", problem)
    _write_output(args.output, pdf, args.force)
    return 0


def _take_in_rule_files(services: Services) -> None:
    """A database opened for the first time takes in this workstation's rule files, once."""
    taken = services.rules.import_workstation_files()
    for problem in taken.skipped:
        _say("note", f"{problem}; this file was not taken into the database")


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: run_window,
    "demo": _run_demo,
    "check": _run_check,
    "screenshot": _run_screenshot,
    "export": _run_export,
    **dict.fromkeys(DOCUMENT_COMMANDS, _run_document),
}
