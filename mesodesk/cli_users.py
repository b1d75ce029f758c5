"""`mesodesk user add|passwd|disable|list` and `mesodesk audit`, registered by `cli.build_parser`.

A password is read from a prompt (without echo) or, when standard input is not a terminal,
from its first line; never from an argument, which other users see in the process list and
the shell keeps in its history. The command line acts for whoever holds the database itself
and is recorded in the audit trail as that operating-system account.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

import mesodesk.cli as cli
from mesodesk.domain.users import Role

if TYPE_CHECKING:
    from mesodesk.db import Database
    from mesodesk.services.registry import Services

PASSWORD_OPTIONS = ("--password", "-p", "--pass", "--pw")


def add_user_commands(commands: argparse._SubParsersAction[cli._Parser]) -> None:
    user = commands.add_parser(
        "user",
        help="add users, change their password, disable them, list them",
        description="Manage the people who sign in to MesoDesk. Once one user exists, the "
        "window asks for a name and password at start. Roles: practitioner (everything but "
        "users), administrator (everything), reception (patient list, contact data and "
        "schedule only). The password is asked for (or read from standard input's first "
        "line when it is not a terminal), never given as an argument.",
    )
    actions = user.add_subparsers(
        dest="user_action", metavar="ACTION", parser_class=cli._Parser, required=True
    )
    add = actions.add_parser("add", help="add a user with a role and a password")
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--role", choices=[role.value for role in Role], default=Role.PRACTITIONER.value
    )
    passwd = actions.add_parser("passwd", help="set a new password for a user")
    passwd.add_argument("name", metavar="NAME")
    disable = actions.add_parser("disable", help="stop a user from signing in")
    disable.add_argument("name", metavar="NAME")
    listing = actions.add_parser("list", help="list users with their roles")
    idle = actions.add_parser(
        "lock-after",
        help="lock signed-in windows after MINUTES without input (clinic-wide, default 10)",
    )
    idle.add_argument("minutes", type=cli._count(240), metavar="MINUTES")
    for parser in (add, passwd, disable, listing, idle):
        cli._database_options(parser)
        parser.set_defaults(run=run_user)
    for parser in (add, passwd):
        parser.add_argument(
            *PASSWORD_OPTIONS, dest="password_argument", nargs="?", help=argparse.SUPPRESS
        )

    audit = commands.add_parser(
        "audit",
        help="print the audit trail (who created, changed, signed, printed, exported what); "
        "--verify checks it has not been altered",
        description="Print the audit trail, oldest first: number, time (UTC), who, what, "
        "which record and which fields (names only, never values). --verify checks the hash "
        "chain and exits 1 naming the first entry that was altered or follows a removed one.",
    )
    cli._database_options(audit, create=False)
    audit.add_argument("--patient", type=cli._positive, metavar="ID", help="this patient only")
    audit.add_argument("--verify", action="store_true", help="check the chain; exit 1 if broken")
    audit.set_defaults(run=run_audit)


def _open(args: argparse.Namespace) -> tuple[Database, Services]:
    from mesodesk.services.access import Access
    from mesodesk.services.registry import build_services

    database = cli._open(args)
    return database, build_services(database.sessions, Access.command_line())


def read_password(prompt: str = "Password: ") -> str:
    """From a prompt twice (typed blind), or the first line of a pipe or file."""
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Again: ") != first:
            raise cli.CommandRefused("The two passwords differ; nothing was changed.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run_user(args: argparse.Namespace) -> int:
    if getattr(args, "password_argument", None) is not None:
        raise cli.CommandRefused(
            "A password is never given on the command line (others can read it there); "
            "type it at the prompt or pipe it to standard input. Nothing was changed."
        )
    password = read_password() if args.user_action in ("add", "passwd") else ""
    database, services = _open(args)
    try:
        if args.user_action == "add":
            made = services.users.add(args.name, Role(args.role), password)
            print(f"Added {made.name} ({made.role.value}).")
        elif args.user_action == "passwd":
            changed = services.users.change_password(args.name, password)
            print(f"Changed the password of {changed.name}.")
        elif args.user_action == "lock-after":
            minutes = services.users.set_idle_minutes(args.minutes)
            print(f"Signed-in windows lock after {minutes} minutes without input.")
        elif args.user_action == "disable":
            disabled = services.users.set_disabled(args.name)
            print(f"Disabled {disabled.name}; they can no longer sign in.")
        else:
            for user in services.users.list_users():
                state = "  (disabled)" if user.disabled else ""
                print(f"{user.name}\t{user.role.value}{state}")
    finally:
        database.close()
    return 0


def run_audit(args: argparse.Namespace) -> int:
    database, services = _open(args)
    try:
        if args.verify:
            broken = services.users.audit_broken()
            count = len(services.users.audit())
        else:
            for entry in services.users.audit(args.patient):
                record = (
                    f"{entry.record_type}#{entry.record_id}"
                    if entry.record_id
                    else entry.record_type
                )
                patient = f" patient {entry.patient_id}" if entry.patient_id else ""
                fields = f" [{', '.join(entry.fields)}]" if entry.fields else ""
                print(
                    f"{entry.seq}\t{entry.at.isoformat(timespec='seconds')}\t{entry.actor}\t"
                    f"{entry.action} {record}{patient}{fields}"
                )
            return 0
    finally:
        database.close()
    if broken is not None:
        seq, why = broken
        cli._say("broken", f"audit entry {seq}: {why}")
        return 1
    print(f"The audit trail is whole: {count} entries, none altered or removed.")
    return 0
