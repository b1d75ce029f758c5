"""Rules for taking product out of a lot during a visit.

The visit record must say which lot went into a patient (a recall or a reaction is traced by
lot), and stock must never go negative or include an expired lot. The service asks
`check_lot_use` before recording and `remaining_after` for the new quantity on hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mesodesk.domain import finding_texts as texts
from mesodesk.domain.findings import Finding, Localized, Message, Severity

UNITS = frozenset({"ml", "unit"})
"""How a product's stock is counted: liquids in millilitres, the rest in whole units."""

NEAR_EXPIRY_DAYS = 30
"""Within this many days of expiry a lot is still usable, but the practitioner should use it up."""


@dataclass(frozen=True, slots=True)
class LotState:
    """A lot as the rules need it: what it is, until when it is good, and how much is left."""

    lot_number: str
    product_name: str
    expires_on: date
    on_hand: Decimal
    unit: str = "ml"

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"Unit '{self.unit}' is not known; use one of: ml, unit.")
        if not self.on_hand.is_finite() or self.on_hand < 0:
            raise ValueError(f"Lot {self.lot_number} cannot hold {self.on_hand} {self.unit}.")


def check_lot_use(lot: LotState, volume: Decimal, on: date) -> list[Finding]:
    """Whether `volume` of `lot` may be recorded for a visit on `on`.

    A lot is good through its expiry date: one expiring on the visit day may still be used
    (with a near-expiry warning); from the next day it is refused. Any BLOCK finding means the
    use must not be recorded.
    """
    findings: list[Finding] = []
    if on > lot.expires_on:
        expired = Message(
            texts.LOT_EXPIRED,
            {
                "lot": lot.lot_number,
                "product": lot.product_name,
                "expired": lot.expires_on,
                "day": on,
            },
        )
        findings.append(Finding.of("lot.expired", "", Severity.BLOCK, expired))
    elif (lot.expires_on - on).days <= NEAR_EXPIRY_DAYS:
        days = (lot.expires_on - on).days
        template = {0: texts.LOT_EXPIRES_TODAY, 1: texts.LOT_EXPIRES_TOMORROW}.get(
            days, texts.LOT_EXPIRES_IN
        )
        soon = Message(
            template,
            {
                "lot": lot.lot_number,
                "product": lot.product_name,
                "expires": lot.expires_on,
                "days": days,
            },
        )
        findings.append(Finding.of("lot.expires_soon", "", Severity.WARNING, soon))
    shown = amount_words(volume, lot.unit)
    if not volume.is_finite() or volume <= 0:
        message = Message(texts.LOT_AMOUNT_NOT_POSITIVE, {"amount": shown, "lot": lot.lot_number})
        findings.append(Finding.of("lot.volume_not_positive", "", Severity.BLOCK, message))
    elif lot.unit == "unit" and volume != volume.to_integral_value():
        message = Message(texts.LOT_WHOLE_UNITS, {"amount": shown, "lot": lot.lot_number})
        findings.append(Finding.of("lot.fractional_units", "", Severity.BLOCK, message))
    elif volume > lot.on_hand:
        message = Message(
            texts.LOT_INSUFFICIENT,
            {"amount": shown, "lot": lot.lot_number, "left": amount_words(lot.on_hand, lot.unit)},
        )
        findings.append(Finding.of("lot.insufficient", "", Severity.BLOCK, message))
    return findings


def remaining_after(lot: LotState, volume: Decimal) -> Decimal:
    """The quantity on hand once `volume` is taken; ValueError if that amount cannot be taken.

    Expiry is not checked here (it needs the visit date): call `check_lot_use` first.
    """
    if not volume.is_finite() or volume <= 0:
        raise ValueError(f"Cannot take {volume} {lot.unit} from lot {lot.lot_number}.")
    if volume > lot.on_hand:
        raise ValueError(
            f"Lot {lot.lot_number} has {format_amount(lot.on_hand, lot.unit)} left; "
            f"{format_amount(volume, lot.unit)} cannot be recorded."
        )
    return lot.on_hand - volume


def amount_words(value: Decimal, unit: str) -> Localized:
    """An amount as each language writes it: '1.5 ml' / '1,5 мл', '3 units' / '3 ед.'."""
    english = format_amount(value, unit)
    number, _, _ = english.partition(" ")
    russian_unit = "мл" if unit == "ml" else "ед."
    return Localized(english, f"{number.replace('.', ',')} {russian_unit}")


def format_amount(value: Decimal, unit: str) -> str:
    """'1.5 ml', '2.0 ml', '3 units': millilitres keep one decimal at least, units none."""
    if not value.is_finite():
        return f"{value} {unit}"
    if unit == "unit":
        shown = value.normalize() if value != value.to_integral_value() else value.quantize(1)
        return f"{shown:f} {'unit' if shown == 1 else 'units'}"
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -1:
        normal = normal.quantize(Decimal("0.1"))
    return f"{normal:f} {unit}"
