"""The window's own command line is read without the whole parser, and exactly as it reads it:
anything else (a command, help, a mistake) goes to the parser."""

from __future__ import annotations

import pytest

from mesodesk import cli, launch

WINDOW_LINES = [
    [],
    ["--db", "clinic.sqlite3"],
    ["--db=clinic.sqlite3"],
    ["--db", "clinic.sqlite3", "--create"],
    ["--create", "--db", "sqlite:////tmp/clinic.sqlite3"],
    ["--db", "clinic.sqlite3", "--db", "clinic.sqlite3"],
    ["--demo"],
    ["--create", "--create"],
]
PARSER_LINES = [
    ["--db"],
    ["--db", ""],
    ["--db=  "],
    ["--db", "-x"],
    ["--db", "a", "--db", "b"],
    ["--demo", "--db", "a"],
    ["--help"],
    ["--version"],
    ["--cre"],
    ["demo", "--db", "a"],
    ["check"],
    ["clinic.sqlite3"],
]


@pytest.mark.parametrize("argv", WINDOW_LINES)
def test_the_windows_command_line_is_read_as_the_parser_reads_it(argv):
    parser = cli.build_parser()
    assert launch.window_arguments(argv) == cli._merged(parser, parser.parse_args(argv))


@pytest.mark.parametrize("argv", PARSER_LINES)
def test_anything_else_is_left_to_the_parser(argv):
    assert launch.window_arguments(argv) is None
