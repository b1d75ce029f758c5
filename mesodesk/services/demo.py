"""Filling a database with demo data through the same services the app uses.

The order is the clinic's: the letterhead and stock first, then the cards and their anamneses,
then the courses and visits, each visit screened against the card it was made with.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from mesodesk.domain.progress import Cancelled, Progress, unwatched
from mesodesk.services.demo_anamnesis import fill_demo_anamnesis
from mesodesk.services.demo_catalog import fill_demo_catalog
from mesodesk.services.demo_people import demo_cards
from mesodesk.services.demo_visits import (
    DEMO_PRACTITIONER_RU,
    MAX_PATIENTS_WITH_VISITS,
    fill_demo_visits,
)
from mesodesk.services.registry import Services

BATCH = 2000
SCALE_FROM = 1000
"""From this many patients on, the demo is written by bulk inserts (`demo_scale`): a large
clinic in minutes rather than hours, every patient with a history."""

__all__ = ["fill_demo", "fill_demo_catalog"]


def fill_demo(
    services: Services,
    patients: int = 300,
    seed: int = 1,
    russian_only: bool = False,
    progress: Progress | None = None,
) -> int:
    """Add `patients` demo patients; returns how many were added.

    Only the patients added here get demo anamneses and visits, never patients already in the
    database. Dates are counted from today: the same seed on the same day gives the same data.
    From `SCALE_FROM` patients on, every patient gets a history of about five visits, written
    in bulk. `russian_only`: every patient Russian (names, notes, their practitioner), for a
    demo shown in Russian. `progress` is told the share done, batch by batch (patients, then
    the visits patient by patient).

    `progress.cancel()` stops the fill at its next clean point: before a batch of patients
    (each its own transaction), before a patient's anamnesis or history. What was written
    stays, the count returned is of the patients added by then, and `progress.cancelled` says
    the fill stopped early. A fill that ran to its end drops a wish to stop that came too late
    (`progress.passed()`), so `progress.cancelled` is then False.
    """
    progress = unwatched(progress)
    today = date.today()
    _fill_demo_letterhead(services)
    fill_demo_catalog(services, random.Random(seed), today)
    progress.report(0.05)
    if patients >= SCALE_FROM:
        written = services.demo.fill(patients, seed, today, progress.part(0.05, 1.0))
        return written if written < patients else _finished(progress, written)
    cards = demo_cards(patients, seed, russian_only)
    added: list[int] = []
    saving = progress.part(0.05, 0.3)
    try:
        for start in range(0, len(cards), BATCH):
            progress.check()
            added += services.patients.save_many(cards[start : start + BATCH])
            saving.report(len(added) / len(cards))
        listed = _in_list_order(services, added, MAX_PATIENTS_WITH_VISITS * 3)
        anamneses = random.Random(f"{seed}:anamnesis")
        fill_demo_anamnesis(services, anamneses, listed, today, progress)
        progress.report(0.35)
        fill_demo_visits(services, random.Random(seed), listed, today, progress.part(0.35, 1.0))
    except Cancelled:
        return len(added)
    return _finished(progress, len(cards))


def _finished(progress: Progress, added: int) -> int:
    """The whole fill done: told so, and a wish to stop that came after the last clean point
    dropped."""
    progress.done()
    progress.passed()
    return added


def _in_list_order(services: Services, ids: Sequence[int], limit: int) -> list[int]:
    """The first `limit` of `ids` as the patient list shows them, so the top of the list is
    where the demo history is."""
    wanted = set(ids)
    found: list[int] = []
    page = services.patients.search("", limit=limit)
    while page and len(found) < limit:
        found += [row.id for row in page if row.id in wanted]
        page = services.patients.search("", after=page[-1], limit=limit)
    return found[:limit]


def _fill_demo_letterhead(services: Services) -> None:
    """A clinic name, address and phone, so demo sheets print as a clinic's would, and the
    practitioner the demo visits are signed by, so a visit started in the demo can be signed."""
    profile = services.settings.profile()
    if not profile.name:
        services.settings.save_profile(
            replace(
                profile,
                name="Клиника эстетической медицины «Аврора»",
                address="ул. Баумана, 15, Казань",
                phone="+7 843 555-12-34",
                practitioner=profile.practitioner or DEMO_PRACTITIONER_RU,
            )
        )
