"""MesoDesk: charting for mesotherapists and cosmetologists."""

__version__ = "0.1.0"
