"""Where MesoDesk keeps its files: the user data folder (patient data) and shipped resources."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

APP_NAME = "MesoDesk"
DB_FILENAME = "mesodesk.sqlite3"
DEMO_DB_FILENAME = "mesodesk-demo.sqlite3"

RESOURCE_PACKAGE = "mesodesk.resources"


def resource_path(*parts: str) -> Path:
    """A file shipped with MesoDesk (diagrams, fonts, texts, catalogs, icons), wherever installed.

    The checkout's `resources/` folder becomes the package `mesodesk.resources` when MesoDesk is
    built (pyproject.toml maps it), so this one lookup serves an editable checkout, an installed
    wheel and the desktop bundle alike. All three keep the files on disk, which reportlab's font
    loader and Qt's SVG renderer need, hence a plain path.
    """
    from importlib.resources import files  # a few ms: not before the window's first paint

    root = files(RESOURCE_PACKAGE)
    if not isinstance(root, Path):
        raise RuntimeError(f"MesoDesk's resources are not files on disk: {root}")
    return root.joinpath(*parts)


def data_dir(create: bool = True) -> Path:
    """The folder that holds patient data, readable by its owner only (0700).

    `MESODESK_DATA_DIR` overrides the platform's user data folder (tests, portable installs).
    """
    override = os.environ.get("MESODESK_DATA_DIR")
    if override:
        folder = Path(override)
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir(APP_NAME, appauthor=False))
    if create:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _close_to_others(folder)
    return folder


def _close_to_others(folder: Path) -> None:
    """Take away what group and others may do in the folder; never give the owner a right
    back (a folder made read-only on purpose stays read-only)."""
    mode = folder.stat().st_mode & 0o7777
    if mode & 0o077:
        os.chmod(folder, mode & ~0o077)


def write_private_file(path: Path, content: bytes, *, replace: bool = True) -> None:
    """Write a file readable by its owner only: documents, exports and pictures name a patient.

    The bytes go to a new temporary file in the same folder (0600), are flushed to the disk,
    and only then take the target's name, so an interrupted save never leaves a half-written
    file under it. With `replace=False` an existing file, even one that appeared meanwhile,
    is never replaced (FileExistsError).
    """
    path = Path(path)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    partial = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(partial, 0o600)
        if replace:
            os.replace(partial, path)
        else:
            _link_without_replacing(partial, path)
        fsync_folder(path.parent)
    finally:
        partial.unlink(missing_ok=True)


def _link_without_replacing(partial: Path, path: Path) -> None:
    try:
        os.link(partial, path)
    except FileExistsError:
        raise
    except OSError:
        # no hard links on this file system: claim the name first, then move the bytes in
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.replace(partial, path)


def fsync_file(path: Path) -> None:
    """Push a finished file's bytes to the disk before it is given its final name."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def fsync_folder(folder: Path) -> None:
    """Make a rename or link in `folder` survive a power cut (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
