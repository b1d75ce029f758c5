"""Where MesoDesk keeps its files: the user data folder (patient data) and shipped resources."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "MesoDesk"
DB_FILENAME = "mesodesk.sqlite3"
DEMO_DB_FILENAME = "mesodesk-demo.sqlite3"

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file shipped with the app (diagrams, fonts, texts, catalogs)."""
    return RESOURCES.joinpath(*parts)


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
