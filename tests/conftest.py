"""Test-wide set-up: Qt offscreen, and every file the app writes kept inside the test's folders."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# offscreen, on one 1280x800 screen: the smallest screen MesoDesk is made to fit
_SCREEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "screen-1280x800.json")
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
_SANDBOX = tempfile.mkdtemp(prefix="mesodesk-tests-")
atexit.register(shutil.rmtree, _SANDBOX, ignore_errors=True)
os.environ["MESODESK_DATA_DIR"] = os.path.join(_SANDBOX, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SANDBOX, "config")
os.environ.pop("MESODESK_DB", None)

pytest_plugins = ["tests.fixtures"]
