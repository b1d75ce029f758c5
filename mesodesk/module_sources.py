"""PySide6's import check, made to forget the sources it reads.

Shiboken reads the source of every module imported after PySide6 with `inspect.getsource` (to
know whether it may use `__feature__`), and `linecache` then keeps all of it for the life of the
process: about 30 MB of the window's memory, SQLAlchemy and MesoDesk itself included. Qt-free,
so the package can apply it at import, whichever of PySide6 and MesoDesk came first.
"""

from __future__ import annotations

import linecache
import sys
from types import ModuleType

TEST = "_mod_uses_pyside"
"""Shiboken's function that reads a module's source (in the pinned PySide6; a test fails if it
moves)."""


def _uses_pyside(module: ModuleType) -> bool:
    """Shiboken's own test (does the module's source name PySide6?), reading the file without
    keeping it: it runs inside every import, so it imports nothing."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def keep_module_sources_out_of_memory() -> None:
    """Replace shiboken's test where PySide6 is loaded, and let go of what it kept so far."""
    feature = sys.modules.get("shibokensupport.feature")
    found = vars(feature) if feature is not None else {}
    if callable(found.get(TEST)) and found[TEST] is not _uses_pyside:
        found[TEST] = _uses_pyside
        linecache.clearcache()
