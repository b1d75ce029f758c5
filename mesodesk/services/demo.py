"""Filling a database with demo data through the same services the app uses."""

from __future__ import annotations

from mesodesk.services.demo_people import demo_cards
from mesodesk.services.registry import Services

BATCH = 2000


def fill_demo(services: Services, patients: int = 300, seed: int = 1) -> int:
    """Add `patients` demo patients; returns how many were added."""
    cards = demo_cards(patients, seed)
    for start in range(0, len(cards), BATCH):
        services.patients.save_many(cards[start : start + BATCH])
    return len(cards)
