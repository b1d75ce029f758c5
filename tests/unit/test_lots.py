"""Lot rules: expiry, quantity on hand and amounts that cannot be recorded."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mesodesk.domain.findings import Severity
from mesodesk.domain.lots import (
    NEAR_EXPIRY_DAYS,
    LotState,
    check_lot_use,
    format_amount,
    remaining_after,
)

VISIT = date(2025, 6, 10)


def _lot(on_hand: str = "5.0", expires_on: date = date(2026, 1, 31), unit: str = "ml") -> LotState:
    return LotState("A123", "Lidocaine, 2 ml ampoule", expires_on, Decimal(on_hand), unit)


def _codes(findings: list) -> set[str]:
    return {f.code for f in findings}


def _blocks(findings: list) -> list:
    return [f for f in findings if f.severity is Severity.BLOCK]


def test_a_lot_well_within_its_date_and_stock_raises_nothing() -> None:
    assert check_lot_use(_lot(), Decimal("2.0"), VISIT) == []


def test_a_lot_expiring_on_the_visit_day_is_still_usable_with_a_warning() -> None:
    findings = check_lot_use(_lot(expires_on=VISIT), Decimal("1.0"), VISIT)

    assert _blocks(findings) == []
    assert _codes(findings) == {"lot.expires_soon"}
    assert "expires today" in findings[0].reason


def test_a_lot_is_refused_the_day_after_it_expires() -> None:
    findings = check_lot_use(_lot(expires_on=VISIT - timedelta(days=1)), Decimal("1.0"), VISIT)

    assert [f.code for f in _blocks(findings)] == ["lot.expired"]
    assert "expired on 09.06.2025" in findings[0].reason
    assert "10.06.2025" in findings[0].reason


def test_near_expiry_warning_starts_thirty_days_ahead() -> None:
    at_limit = _lot(expires_on=VISIT + timedelta(days=NEAR_EXPIRY_DAYS))
    beyond = _lot(expires_on=VISIT + timedelta(days=NEAR_EXPIRY_DAYS + 1))

    warned = check_lot_use(at_limit, Decimal("1.0"), VISIT)
    assert [(f.code, f.severity) for f in warned] == [("lot.expires_soon", Severity.WARNING)]
    assert "in 30 days" in warned[0].reason
    assert check_lot_use(beyond, Decimal("1.0"), VISIT) == []


def test_exactly_the_quantity_on_hand_can_be_recorded() -> None:
    lot = _lot("2.0")

    assert check_lot_use(lot, Decimal("2.0"), VISIT) == []
    assert remaining_after(lot, Decimal("2.0")) == Decimal("0")


def test_a_little_more_than_on_hand_is_refused_with_what_is_left() -> None:
    findings = check_lot_use(_lot("1.5"), Decimal("2.0"), VISIT)

    assert [f.code for f in _blocks(findings)] == ["lot.insufficient"]
    assert findings[0].reason == "Lot A123 has 1.5 ml left; 2.0 ml cannot be recorded."


def test_one_hundredth_of_a_millilitre_too_much_is_refused() -> None:
    assert _codes(check_lot_use(_lot("1.5"), Decimal("1.51"), VISIT)) == {"lot.insufficient"}


@pytest.mark.parametrize("volume", ["0", "0.0", "-1.0"])
def test_zero_or_negative_amounts_are_refused(volume: str) -> None:
    findings = check_lot_use(_lot(), Decimal(volume), VISIT)

    assert [f.code for f in _blocks(findings)] == ["lot.volume_not_positive"]


def test_an_expired_lot_with_too_little_left_reports_both_problems() -> None:
    lot = _lot("0.5", expires_on=VISIT - timedelta(days=30))

    assert _codes(check_lot_use(lot, Decimal("1.0"), VISIT)) == {"lot.expired", "lot.insufficient"}


def test_lots_counted_in_units_refuse_fractions() -> None:
    lot = _lot("3", unit="unit")

    assert check_lot_use(lot, Decimal("2"), VISIT) == []
    assert _codes(check_lot_use(lot, Decimal("1.5"), VISIT)) == {"lot.fractional_units"}
    assert check_lot_use(lot, Decimal("4"), VISIT)[0].reason == (
        "Lot A123 has 3 units left; 4 units cannot be recorded."
    )


def test_recording_a_use_lowers_the_quantity_on_hand() -> None:
    assert remaining_after(_lot("5.0"), Decimal("1.5")) == Decimal("3.5")


@pytest.mark.parametrize("volume", ["0", "-0.5", "5.1"])
def test_remaining_after_refuses_amounts_the_lot_cannot_give(volume: str) -> None:
    with pytest.raises(ValueError, match="A123"):
        remaining_after(_lot("5.0"), Decimal(volume))


def test_a_lot_cannot_hold_a_negative_quantity_or_an_unknown_unit() -> None:
    with pytest.raises(ValueError):
        _lot("-1")
    with pytest.raises(ValueError, match="litre"):
        _lot(unit="litre")


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        ("2", "ml", "2.0 ml"),
        ("1.50", "ml", "1.5 ml"),
        ("0.25", "ml", "0.25 ml"),
        ("100", "ml", "100.0 ml"),
        ("1", "unit", "1 unit"),
        ("3.0", "unit", "3 units"),
    ],
)
def test_amounts_are_shown_the_way_a_practitioner_reads_them(
    value: str, unit: str, shown: str
) -> None:
    assert format_amount(Decimal(value), unit) == shown
