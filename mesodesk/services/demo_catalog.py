"""Demo stock: a few lots of every catalog product, the same for the same seed and day."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from mesodesk.domain.records import LotRecord

if TYPE_CHECKING:
    from mesodesk.services.registry import Services


def fill_demo_catalog(
    services: Services, rnd: random.Random, reference: date | None = None
) -> list[LotRecord]:
    """Load the starter catalog and receive one to three lots per product; returns the lots.

    Expiry dates are counted from `reference` (today by default, the day the demo history is
    counted from too): every fifth lot expires within a month and a few have already expired,
    so the catalog shows what near-expiry and expired stock look like. A database that already
    has lots is left alone.
    """
    services.catalog.ensure_starter_catalog()
    if services.catalog.list_lots():
        return []
    reference = reference or date.today()
    received: list[LotRecord] = []
    count = 0
    for product in services.catalog.list_products():
        for _ in range(rnd.randint(1, 3)):
            count += 1
            if count % 5 == 0:
                expires = reference + timedelta(days=rnd.randint(5, 28))
            elif count % 11 == 0:
                expires = reference - timedelta(days=rnd.randint(3, 60))
            else:
                expires = reference + timedelta(days=rnd.randint(120, 720))
            number = lot_number(product.manufacturer or product.name, expires, rnd)
            if product.unit == "unit":
                on_hand = Decimal(rnd.randint(10, 40))
            else:
                on_hand = Decimal(rnd.choice((20, 30, 40, 50, 60, 100)))  # a box of ampoules
            received.append(
                services.catalog.receive_lot(
                    LotRecord(
                        id=None,
                        product_id=product.id or 0,
                        product_name=product.name,
                        lot_number=number,
                        expires_on=expires,
                        on_hand=on_hand,
                        unit=product.unit,
                    )
                )
            )
    return received


def lot_number(maker: str, expires: date, rnd: random.Random) -> str:
    """A maker's lot number: two letters of its name, the month of manufacture (two years
    before expiry) and a batch code, e.g. DM2504I70."""
    made = expires - timedelta(days=730)
    return f"{_prefix(maker)}{made:%y%m}{rnd.choice(string.ascii_uppercase)}{rnd.randint(10, 99)}"


def _prefix(name: str) -> str:
    letters = [char for char in name.upper() if "A" <= char <= "Z"]
    return "".join(letters[:2]) or "LT"
