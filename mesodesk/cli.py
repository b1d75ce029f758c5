"""The `mesodesk` command: the window by default, and the maintenance commands a clinic needs.

Heavy modules (SQLAlchemy, Qt) are imported inside the commands that use them, so `--help`
and `--version` answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mesodesk import __version__

if TYPE_CHECKING:
    from mesodesk.db import Database
    from mesodesk.services.registry import Services

DEMO_PATIENTS = 300
PROG = "mesodesk"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "MesoDesk: patient cards, injection schemes, visit notes and aftercare sheets for "
            "mesotherapists. Without a command, opens the main window."
        ),
        epilog=(
            "The database is chosen by --db URL, else the MESODESK_DB environment variable, "
            "else mesodesk.sqlite3 in your user data folder. A URL is sqlite:///PATH, "
            "postgresql+psycopg://USER:PASSWORD@HOST/DBNAME, or simply a path to an SQLite file."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL or SQLite file path")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a separate demo database in the data folder (never the real one), "
        "filled with demo patients on first use",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo", help="fill a database with realistic demo patients (reproducible per seed)"
    )
    demo.add_argument("--db", metavar="URL", required=True, help="database to fill")
    demo.add_argument("--patients", type=_positive, default=DEMO_PATIENTS, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    check = commands.add_parser(
        "check",
        help="check a database (SQLite integrity check, or a connection on PostgreSQL) and "
        "report its schema revision; exit 0 only when healthy",
    )
    check.add_argument("--db", metavar="URL", required=True)

    shot = commands.add_parser(
        "screenshot", help="render the main window offscreen to a PNG file and exit"
    )
    shot.add_argument("file", type=Path, metavar="FILE")
    shot.add_argument("--db", metavar="URL", help="database (default: as for the window)")
    shot.add_argument("--patient", type=int, metavar="ID", help="open this patient's card")
    shot.add_argument(
        "--visit", type=int, metavar="ID", help="open this visit with its diagram in view"
    )
    shot.add_argument("--size", default="1440x900", metavar="WxH", help="window size")

    export = commands.add_parser(
        "export",
        help="write one patient's whole record as JSON (the patient's right of access)",
        description="Write the card, anamnesis, courses, visits, products and lots, reactions, "
        "signatures, addenda and injection marks of one patient to a JSON file readable by "
        "you only; the format is described in docs/export-format.md.",
    )
    export.add_argument("--db", metavar="URL", help="database (default: as for the window)")
    export.add_argument("--patient", type=_positive, required=True, metavar="ID")
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.json", help="file to write"
    )
    _add_document_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from mesodesk.db import DatabaseError
    from mesodesk.services.errors import ServiceError

    try:
        handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
            None: _run_window,
            "demo": _run_demo,
            "check": _run_check,
            "screenshot": _run_screenshot,
            "export": _run_export,
            **dict.fromkeys(DOCUMENT_COMMANDS, _run_document),
        }
        return handlers[args.command](args)
    except (DatabaseError, ServiceError, OSError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 2


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _open(url: str | None, demo: bool = False) -> Database:
    from mesodesk.db import default_url, open_database, resolve_url

    return open_database(default_url(demo=True) if demo else resolve_url(url))


def _run_window(args: argparse.Namespace) -> int:
    from mesodesk.ui.app import run_window

    return run_window(lambda: _open_for_window(args.db, args.demo))


def _open_for_window(url: str | None, demo: bool) -> tuple[Database, Services]:
    from mesodesk.services.demo import fill_demo
    from mesodesk.services.registry import build_services

    database = _open(url, demo)
    services = build_services(database.sessions)
    services.catalog.ensure_starter_catalog()
    if demo and services.patients.count(include_archived=True) == 0:
        fill_demo(services, DEMO_PATIENTS, seed=1)
    return database, services


def _run_demo(args: argparse.Namespace) -> int:
    from mesodesk.services.demo import fill_demo
    from mesodesk.services.registry import build_services

    database = _open(args.db)
    try:
        services = build_services(database.sessions)
        services.catalog.ensure_starter_catalog()
        added = fill_demo(services, args.patients, args.seed)
    finally:
        database.close()
    print(f"Added {added} demo patients to {database.location}.")
    return 0


def _run_check(args: argparse.Namespace) -> int:
    from mesodesk.db import as_url, check_database

    healthy, detail = check_database(as_url(args.db))
    print(detail, file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else 1


def _run_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    width, _, height = args.size.partition("x")
    from mesodesk.ui.app import save_screenshot

    database, services = _open_for_window(args.db, demo=False)
    try:
        if args.visit is not None:
            from mesodesk.ui.diagram.screenshot import save_visit_screenshot

            services.visits.get(args.visit)
            size = (int(width), int(height))
            save_visit_screenshot(database, services, args.file, size, args.visit)
        else:
            if args.patient is not None:
                services.patients.get(args.patient)
            save_screenshot(database, services, args.file, (int(width), int(height)), args.patient)
    finally:
        database.close()
    print(f"Saved {args.file}")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    """Read everything first, so an unknown patient leaves no file behind."""
    import json

    from mesodesk.paths import write_private_file
    from mesodesk.services.registry import build_services

    database = _open(args.db)
    try:
        record = build_services(database.sessions).export.export_patient(args.patient)
    finally:
        database.close()
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    write_private_file(args.output, text.encode("utf-8"))
    print(f"Saved {args.output}")
    return 0


DOCUMENT_COMMANDS = {
    "aftercare": "aftercare sheet for the patient to take home",
    "consent": "informed-consent form for the procedure",
    "visit-summary": "summary for the practitioner's file",
}


def _add_document_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    for name, what in DOCUMENT_COMMANDS.items():
        command = commands.add_parser(
            name,
            help=f"save a visit's {what} as a PDF",
            description=f"Save a visit's {what} as a PDF, readable by you only. The "
            "language is the one on the patient's card unless --lang is given.",
        )
        command.add_argument("--db", metavar="URL", help="database (default: as for the window)")
        command.add_argument("--visit", type=_positive, required=True, metavar="ID")
        command.add_argument("--lang", choices=("ru", "en"), help="print in Russian or English")
        command.add_argument(
            "-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="file to write"
        )


def _run_document(args: argparse.Namespace) -> int:
    """Build the whole PDF before touching the output, so a refusal leaves no file behind."""
    from mesodesk.domain.vocabulary import Language
    from mesodesk.paths import write_private_file
    from mesodesk.services.registry import build_services

    language = Language(args.lang) if args.lang else None
    database = _open(args.db)
    try:
        services = build_services(database.sessions)
        documents = services.documents
        if args.command == "consent":
            pdf = documents.consent_pdf(args.visit, language)
        else:
            # the input first: an unknown visit is refused before Qt starts for the diagram
            documents.aftercare_input(args.visit, language)
            diagram = _diagram_png(services, args.visit)
            if args.command == "aftercare":
                pdf = documents.aftercare_pdf(args.visit, language, diagram)
            else:
                pdf = documents.visit_summary_pdf(args.visit, language, diagram)
    finally:
        database.close()
    write_private_file(args.output, pdf)
    print(f"Saved {args.output}")
    return 0


def _diagram_png(services: Services, visit_id: int) -> bytes | None:
    """The marked diagram as the window draws it, rendered offscreen; None without the module."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from mesodesk.ui.diagram.image import render_visit_png
    except ImportError:
        return None
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([PROG])
    return render_visit_png(services, visit_id)
