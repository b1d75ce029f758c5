"""Where MesoDesk keeps its files: the user data folder (patient data) and shipped resources."""

from __future__ import annotations

import os
from importlib.resources import files
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
        os.chmod(folder, 0o700)
    return folder


def write_private_file(path: Path, content: bytes) -> None:
    """Write a file readable by its owner only: documents, exports and pictures name a patient.

    The bytes go to a temporary file beside the target first, so an interrupted save never
    leaves a half-written PDF under the chosen name.
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(partial, 0o600)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
