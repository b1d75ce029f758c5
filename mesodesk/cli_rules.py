"""`mesodesk rules export` and `mesodesk rules import`, registered by `cli.build_parser`.

The clinic's rules (contraindication catalog, medicine dictionary, document texts, charting
templates) live in the database; these commands move them to and from files in the formats a
clinic has always edited, laid out as in the data folder (`contraindications.json`,
`texts/consent.ru.json`), the templates as `templates.json`.
An import checks every file first: one the app could not use refuses the whole import with
one line on stderr, and nothing stored changes.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import mesodesk.cli as cli
from mesodesk.domain import limits


def add_rules_commands(commands: argparse._SubParsersAction[cli._Parser]) -> None:
    rules = commands.add_parser(
        "rules",
        help="export or import the clinic's rules (contraindication catalog, medicine "
        "dictionary, document texts, charting templates) kept in the database",
        description="The clinic's rules are kept in the database, so every workstation "
        "screens and prints alike. Files use the formats of the shipped ones: "
        "contraindications.json, medicines.json and texts/<kind>.<language>.json; the charting "
        "templates as templates.json (importing it makes the templates exactly those of the "
        "file).",
    )
    actions = rules.add_subparsers(
        dest="rules_action", metavar="ACTION", required=True, parser_class=cli._Parser
    )
    export = actions.add_parser(
        "export",
        help="write the clinic's rules to files",
        description="Without --name, write every rule the clinic keeps into the folder PATH "
        "(created if missing), laid out as in the data folder. With --name, write that one "
        "rule to the file PATH: the clinic's version, else the one shipped with MesoDesk.",
    )
    cli._database_options(export, create=False)
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="PATH", help="folder or file to write"
    )
    export.add_argument(
        "--name", metavar="NAME", help="one rule, e.g. contraindications.json or consent.ru.json"
    )
    cli._force_option(export)
    export.set_defaults(run=run_export)

    import_ = actions.add_parser(
        "import",
        help="store rule files in the database, checked first (all or nothing)",
        description="Store FILE in the database as the clinic's version of the rule its name "
        "says (or --as NAME). FILE may be a folder laid out as the data folder: every rule "
        "file in it is imported. Every file is checked first; if one cannot be used, nothing "
        "is stored.",
    )
    cli._database_options(import_, create=False)
    import_.add_argument("source", type=Path, metavar="FILE", help="a rule file or a folder")
    import_.add_argument("--as", dest="as_name", metavar="NAME", help="the rule FILE holds")
    import_.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    from mesodesk.services.registry import build_services
    from mesodesk.services.rules import shipped_rule

    name = None
    if args.name is not None:
        name = _known_name(args.name)
        cli._check_output(args.output, args.force, args)
    else:
        _check_folder(args.output, args.force)
    database = cli._open(args, read_only=True)
    try:
        rules = build_services(database.sessions).rules.rules()
    finally:
        database.close()
    if name is not None:
        (rule,) = [r for r in rules if r.name == name]
        content = rule.content if rule.content is not None else shipped_rule(name)
        cli._write_output(args.output, content.encode("utf-8"), args.force)
        if rule.content is None:
            print(f"The clinic keeps no {name} of its own: this is the one shipped with MesoDesk.")
        return 0
    kept = [rule for rule in rules if rule.content is not None]
    args.output.mkdir(mode=0o700, exist_ok=True)
    for rule in kept:
        target = args.output.joinpath(*rule.name.split("/"))
        target.parent.mkdir(mode=0o700, exist_ok=True)
        _write(target, (rule.content or "").encode("utf-8"), args.force)
    if not kept:
        print("The clinic keeps no rules of its own: the ones shipped with MesoDesk are in force.")
    else:
        print(f"Saved {len(kept)} file(s) into {args.output}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from mesodesk.services.registry import build_services

    files = _read_source(args.source, args.as_name)
    database = cli._open(args)
    try:
        stored = build_services(database.sessions).rules.import_rules(files)
    finally:
        database.close()
    for rule in stored:
        print(f"Stored {rule.name} (revision {rule.revision})")
    return 0


def _known_name(given: str) -> str:
    from mesodesk.services.rules import rule_name, rule_names

    name = rule_name(given)
    if name is None:
        raise cli.CommandRefused(
            f"{given} is not a clinic rules file; expected one of {', '.join(rule_names())}"
        )
    return name


def _read_source(source: Path, as_name: str | None) -> dict[str, str]:
    """The files to import, by rule name; refused before the database is opened."""
    from mesodesk.services.rules import rule_names

    if source.is_dir():
        if as_name is not None:
            raise cli.CommandRefused(f"{source} is a folder; --as applies to one file only")
        found = {
            name: source.joinpath(*name.split("/"))
            for name in rule_names()
            if source.joinpath(*name.split("/")).is_file()
        }
        found |= {
            name: source / name.split("/")[-1]
            for name in rule_names()
            if name not in found and (source / name.split("/")[-1]).is_file()
        }
        if not found:
            raise cli.CommandRefused(
                f"{source} holds no clinic rules file; expected {', '.join(rule_names())}"
            )
        return {name: _read_text(path) for name, path in found.items()}
    if not source.is_file():
        raise cli.CommandRefused(f"{source} does not exist or is not a file; nothing was stored")
    return {_known_name(as_name or source.name): _read_text(source)}


def _read_text(path: Path) -> str:
    if path.stat().st_size > 4 * limits.CLINIC_RULE_FILE:
        raise cli.CommandRefused(f"{path}: is too large; nothing was stored")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise cli.CommandRefused(f"{path}: is not UTF-8 text; nothing was stored") from exc


def _check_folder(folder: Path, force: bool) -> None:
    if os.path.lexists(folder) and not folder.is_dir():
        raise cli.CommandRefused(
            f"{folder} is a file; give a folder to export into, or --name NAME for one rule"
        )
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise cli.CommandRefused(
            f"{folder} is not empty; nothing was written. Add --force to replace its rule files."
        )
    if not folder.expanduser().resolve().parent.is_dir():
        raise cli.CommandRefused(f"The folder {folder.parent} does not exist; nothing was written.")


def _write(target: Path, content: bytes, force: bool) -> None:
    from mesodesk.paths import write_private_file

    try:
        write_private_file(target, content, replace=force)
    except FileExistsError as exc:
        raise cli.CommandRefused(f"{target} exists; nothing more was written") from exc
