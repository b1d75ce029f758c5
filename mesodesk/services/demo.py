"""Filling a database with demo data through the same services the app uses."""

from __future__ import annotations

import random
from dataclasses import replace

from mesodesk.services.demo_anamnesis import fill_demo_anamnesis
from mesodesk.services.demo_catalog import fill_demo_catalog
from mesodesk.services.demo_people import demo_cards
from mesodesk.services.demo_visits import fill_demo_visits
from mesodesk.services.registry import Services

BATCH = 2000

__all__ = ["fill_demo", "fill_demo_catalog"]


def fill_demo(services: Services, patients: int = 300, seed: int = 1) -> int:
    """Add `patients` demo patients; returns how many were added."""
    cards = demo_cards(patients, seed)
    for start in range(0, len(cards), BATCH):
        services.patients.save_many(cards[start : start + BATCH])
    fill_demo_catalog(services, random.Random(seed))
    fill_demo_visits(services, random.Random(seed))
    fill_demo_anamnesis(services, random.Random(seed))  # after the visits: they are signed
    _fill_demo_letterhead(services)
    return len(cards)


def _fill_demo_letterhead(services: Services) -> None:
    """A clinic name, address and phone, so demo sheets print as a clinic's would."""
    profile = services.settings.profile()
    if not profile.name:
        services.settings.save_profile(
            replace(
                profile,
                name="Клиника эстетической медицины «Аврора»",
                address="ул. Баумана, 15, Казань",
                phone="+7 843 555-12-34",
            )
        )
