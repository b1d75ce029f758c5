"""PySide6 widgets over the services: they show and forward, never decide."""

from __future__ import annotations

import linecache
import sys
from types import ModuleType

import PySide6  # noqa: F401  (loads shiboken's import hook, tamed below)


def _uses_pyside(module: ModuleType) -> bool:
    """Shiboken's own test (does the module's source name PySide6?), reading the file
    without keeping it: it runs inside every import, so it imports nothing."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def _keep_module_sources_out_of_memory() -> None:
    """Shiboken reads the source of every module imported after PySide6 with
    `inspect.getsource` (to know whether it may use `__feature__`), and `linecache` then keeps
    all of it for the life of the process: about 30 MB of the window's memory, SQLAlchemy and
    MesoDesk itself included. The same test without the cache, and what was kept so far let go."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return
    feature._mod_uses_pyside = _uses_pyside
    linecache.clearcache()


_keep_module_sources_out_of_memory()
