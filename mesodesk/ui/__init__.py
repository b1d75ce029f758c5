"""PySide6 widgets over the services: they show and forward, never decide."""

import PySide6  # noqa: F401  (loads shiboken's import hook, tamed next)

from mesodesk.module_sources import keep_module_sources_out_of_memory

keep_module_sources_out_of_memory()
