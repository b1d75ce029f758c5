"""`python -m mesodesk` and the `mesodesk` command: the window at once, the rest through the
command line's parser (`mesodesk.cli`).

The window's own command line (--db, --demo, --create) is read here without importing the
parser and the maintenance commands: compiling and building them costs a visible part of the
window's start, before the first paint.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mesodesk.domain.patient import PatientRow
    from mesodesk.domain.progress import Progress
    from mesodesk.ui.app import Opened


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = window_arguments(arguments)
    if args is None:
        from mesodesk.cli import main as command_line

        return command_line(arguments)
    plain_streams()
    try:
        return run_window(args)
    except (Exception, KeyboardInterrupt) as exc:
        from mesodesk.cli import answer

        return answer(exc)


def plain_streams() -> None:
    """A path with undecodable bytes still prints."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's own command line (--db URL, --demo, --create, nothing else) as the parser
    reads it (a test holds them equal); anything else, a help request or a mistake included,
    is left to the parser (None)."""
    values: dict[str, str | bool | None] = {"db": None, "demo": False, "create": False}
    words = iter(argv)
    for word in words:
        name, equals, given = word.partition("=")
        if name == "--db":
            value = given if equals else next(words, None)
            if not value or value.startswith("-") or not value.strip():
                return None
            if values["db"] not in (None, value):
                return None
            values["db"] = value
        elif word in ("--demo", "--create"):
            values[word[2:]] = True
        else:
            return None
    if values["db"] is not None and values["demo"]:
        return None
    return argparse.Namespace(command=None, **values)


def run_window(args: argparse.Namespace) -> int:
    """The window: its frame first, the list's first page, then the database opened in a
    worker (which imports the command line's opening code, after the first paint)."""
    from mesodesk.ui.app import run_window as show_window

    return show_window(
        lambda say, progress: _open_for_window(args, say, progress),
        offer_setup=not args.demo,
        first_page=lambda: _first_page(args),
    )


def _open_for_window(
    args: argparse.Namespace, say: Callable[[str], None], progress: Progress
) -> Opened:
    from mesodesk.cli import open_for_window

    return open_for_window(args, say, progress)


def _first_page(args: argparse.Namespace) -> list[PatientRow] | None:
    """The list's first page read straight from the SQLite file while the services open (see
    `mesodesk.services.first_page`); None for a database server or a URL with options."""
    from mesodesk.services.first_page import read_first_page

    path = sqlite_file(args)
    return None if path is None else read_first_page(path)


def sqlite_file(args: argparse.Namespace) -> Path | None:
    """The SQLite file the window opens (as `mesodesk.cli` finds it), found without the
    database layer: no SQLAlchemy before the list shows. None where only that layer can tell."""
    from mesodesk import paths

    if args.demo:
        return paths.data_dir(create=False) / paths.DEMO_DB_FILENAME
    value = args.db or os.environ.get("MESODESK_DB")
    if not value:
        return paths.data_dir(create=False) / paths.DB_FILENAME
    if "://" not in value:
        return Path(value).expanduser().resolve()
    for scheme in ("sqlite:///", "sqlite+pysqlite:///"):
        rest = value.removeprefix(scheme)
        if rest != value and rest and not any(sign in rest for sign in "?%#"):
            return Path(rest).absolute()
    return None
