"""`mesodesk photo add` and the photo side of `mesodesk export`, registered by `cli`.

`photo add` imports files from a camera folder the way the window does: every file is checked
and cleaned (location and camera data stripped, orientation applied) before anything is saved,
so one bad file refuses the whole command. The export writes a ZIP (the JSON record plus the
image files) when the patient has photos and the photo consent lets them leave the record.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import mesodesk.cli as cli
from mesodesk.domain.photos import PhotoKind, PhotoView

if TYPE_CHECKING:
    from mesodesk.services.export import ExportPackage


def add_photo_commands(commands: argparse._SubParsersAction[cli._Parser]) -> None:
    photo = commands.add_parser(
        "photo", help="import visit photos (before, after, progress) from files"
    )
    actions = photo.add_subparsers(dest="photo_command", metavar="ACTION", parser_class=cli._Parser)
    actions.required = True
    add = actions.add_parser(
        "add",
        help="attach photo files to a visit, location and camera data stripped",
        description="Attach JPEG, PNG or HEIC photos to a visit. Each file is re-encoded "
        "upright without its EXIF data (GPS position, camera, serial number) and stored in the "
        "data folder under a name made from its content, readable by you only. If any file is "
        "not a readable photo, nothing is saved. Photos may be added to a signed visit (after-"
        "photos are often taken after signing); they are marked as added after signing.",
    )
    cli._database_options(add, create=False)
    add.add_argument("--visit", type=cli._positive, required=True, metavar="ID")
    add.add_argument("--kind", required=True, choices=[kind.value for kind in PhotoKind])
    add.add_argument("--view", required=True, choices=[view.value for view in PhotoView])
    add.add_argument("--note", default="", help="a note kept with each photo")
    add.add_argument(
        "--taken-at",
        type=_moment,
        metavar="YYYY-MM-DDTHH:MM",
        help="when the photos were taken, local time (default: the camera's date, else the "
        "visit's start)",
    )
    add.add_argument("files", type=Path, nargs="+", metavar="FILE")
    add.set_defaults(run=run_photo_add)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError("must be a date and time like 2026-03-02T10:15") from exc
    return moment if moment.tzinfo else moment.astimezone()


def run_photo_add(args: argparse.Namespace) -> int:
    from mesodesk.services.registry import build_services

    database = cli._open(args)
    try:
        added = build_services(database.sessions).photos.add(
            args.visit,
            PhotoKind(args.kind),
            PhotoView(args.view),
            args.files,
            note=args.note,
            taken_at=args.taken_at,
        )
    finally:
        database.close()
    after = " (added after signing)" if added and added[0].added_after_signing else ""
    print(f"Added {len(added)} photo(s) to visit {args.visit}{after}.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """The JSON record, or a ZIP of it with the photo files; read whole before writing."""
    from mesodesk.services.registry import build_services

    cli._check_output(args.output, args.force, args)
    database = cli._open(args, read_only=True)
    try:
        package = build_services(database.sessions).export.export_package(
            args.patient, with_photos=not args.without_photos
        )
        as_zip = args.output.suffix.lower() == ".zip"
        if package.photos and not as_zip:
            raise cli.CommandRefused(
                f"This patient has {len(package.photos)} photo(s) that go with the export: name "
                "the output FILE.zip to get the record and the photos, or add --without-photos."
            )
    finally:
        database.close()
    if package.left_out:
        cli._say("note", f"photos left out: {package.left_out}")
    if as_zip:
        _write_zip(package, args.output, args.force)
    else:
        import json

        text = json.dumps(package.record, ensure_ascii=False, indent=2) + "\n"
        cli._write_output(args.output, text.encode("utf-8"), args.force)
    return 0


def _write_zip(package: ExportPackage, target: Path, force: bool) -> None:
    """The ZIP written photo by photo under a temporary name, given its own at the end."""
    from mesodesk.services.export import ExportService

    try:
        ExportService.write_zip(package, target, replace=force)
    except FileExistsError as exc:
        raise cli.CommandRefused(
            f"{target} appeared while the file was being made; nothing was written. "
            "Add --force to replace it."
        ) from exc
    print(f"Saved {target}")
