"""MesoDesk: charting for mesotherapists and cosmetologists."""

from mesodesk.module_sources import keep_module_sources_out_of_memory

__version__ = "0.1.0"

keep_module_sources_out_of_memory()  # where PySide6 was imported first (mesodesk.ui: after)
