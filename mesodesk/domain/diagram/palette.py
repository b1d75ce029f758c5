"""The colour of each technique, one palette for the window, the exported picture and paper."""

from __future__ import annotations

from mesodesk.domain.vocabulary import Technique

TECHNIQUE_COLOURS: dict[Technique, str] = {
    Technique.PINPOINT: "#1d4ed8",
    Technique.NAPPAGE_SUPERFICIAL: "#2dd4bf",
    Technique.NAPPAGE_MIDDLE: "#0d9488",
    Technique.NAPPAGE_DEEP: "#115e59",
    Technique.PAPULAR: "#d97706",
    Technique.LINEAR: "#7c3aed",
    Technique.INFILTRATION: "#be123c",
}
"""In the order the legends list them."""
