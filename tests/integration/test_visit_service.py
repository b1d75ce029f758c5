"""Recording visits on real databases: stock taken from lots, sign-off, addenda, last time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from mesodesk.domain.patient import PatientCard
from mesodesk.domain.records import ProductLineRecord, ReactionRecord
from mesodesk.domain.vocabulary import Reaction, ReactionSeverity, VisitStatus
from mesodesk.models import Lot, Product, Visit
from mesodesk.services.errors import ReadOnlyRecord, ServiceError, StaleRecord, ValidationFailed
from mesodesk.services.settings import ClinicSettingsService
from mesodesk.services.visits import VisitService

TODAY = date.today()


def add_lot(database, product: str, number: str, on_hand: str, expires_on: date) -> int:
    with database.sessions.begin() as session:
        row = session.query(Product).filter_by(name=product).one_or_none()
        if row is None:
            row = Product(name=product, unit="ml")
            session.add(row)
            session.flush()
        lot = Lot(
            product_id=row.id,
            lot_number=number,
            expires_on=expires_on,
            on_hand=Decimal(on_hand),
        )
        session.add(lot)
        session.flush()
        return lot.id


def on_hand(database, lot_id: int) -> Decimal:
    with database.sessions() as session:
        return session.get(Lot, lot_id).on_hand


@pytest.fixture
def patient(services) -> int:
    return services.patients.save(PatientCard(last_name="Иванова", first_name="Мария")).id


@pytest.fixture
def lot(database) -> int:
    return add_lot(database, "Vitamin C 5%", "VC-101", "10.000", TODAY + timedelta(days=300))


def line(lot_id: int, volume: str, line_id: int | None = None) -> ProductLineRecord:
    return ProductLineRecord(lot_id=lot_id, volume_ml=Decimal(volume), id=line_id)


def test_recording_a_lot_lowers_its_quantity_on_hand(services, database, patient, lot):
    visit = services.visits.start_visit(patient)
    saved = services.visits.save(replace(visit, product_lines=(line(lot, "2.5"),)))
    assert on_hand(database, lot) == Decimal("7.5")
    (recorded,) = services.visits.get(saved.id).product_lines
    assert (recorded.product_name, recorded.lot_number, recorded.volume_ml) == (
        "Vitamin C 5%",
        "VC-101",
        Decimal("2.5"),
    )


def test_an_expired_lot_is_refused_with_its_reason_and_nothing_changes(
    services, database, patient, lot
):
    expired = add_lot(database, "Rutin", "RT-9", "5", TODAY - timedelta(days=1))
    visit = services.visits.start_visit(patient)
    with pytest.raises(ValidationFailed) as refused:
        services.visits.save(
            replace(visit, notes="face", product_lines=(line(lot, "1"), line(expired, "1")))
        )
    assert refused.value.errors["product_lines"].startswith("Lot RT-9 of Rutin expired on")
    assert on_hand(database, lot) == Decimal("10") and on_hand(database, expired) == Decimal("5")
    stored = services.visits.get(visit.id)
    assert stored.product_lines == () and stored.notes == ""


def test_taking_more_than_is_left_is_refused(services, database, patient, lot):
    visit = services.visits.start_visit(patient)
    with pytest.raises(ValidationFailed) as refused:
        services.visits.save(replace(visit, product_lines=(line(lot, "10.5"),)))
    assert refused.value.errors["product_lines"] == (
        "Lot VC-101 has 10.0 ml left; 10.5 ml cannot be recorded."
    )
    assert on_hand(database, lot) == Decimal("10")


def test_editing_or_removing_a_line_gives_the_difference_back(services, database, patient, lot):
    visit = services.visits.start_visit(patient)
    saved = services.visits.save(replace(visit, product_lines=(line(lot, "4"),)))
    (first,) = saved.product_lines
    saved = services.visits.save(replace(saved, product_lines=(line(lot, "1.5", first.id),)))
    assert on_hand(database, lot) == Decimal("8.5")
    assert saved.product_lines[0].id == first.id
    services.visits.save(replace(saved, product_lines=()))
    assert on_hand(database, lot) == Decimal("10")


def test_the_whole_lot_can_be_used_when_a_line_is_raised_to_it(services, database, patient, lot):
    visit = services.visits.start_visit(patient)
    saved = services.visits.save(replace(visit, product_lines=(line(lot, "6"),)))
    first = saved.product_lines[0]
    services.visits.save(replace(saved, product_lines=(line(lot, "10", first.id),)))
    assert on_hand(database, lot) == Decimal("0")


def test_only_a_done_visit_can_be_signed(services, patient):
    visit = services.visits.start_visit(patient)
    with pytest.raises(ValidationFailed) as refused:
        services.visits.sign(replace(visit, practitioner="Dr Smirnova"))
    assert refused.value.errors["status"] == "Only a done visit can be signed; mark it done first."
    done = services.visits.mark_done(visit)
    signed = services.visits.sign(replace(done, practitioner="Dr Smirnova"))
    assert signed.signed and signed.signed_by == "Dr Smirnova"


def test_a_signed_visit_refuses_every_edit(services, patient, lot):
    visit = services.visits.start_visit(patient)
    done = services.visits.mark_done(visit)
    signed = services.visits.sign(replace(done, practitioner="Dr Smirnova"))
    with pytest.raises(ReadOnlyRecord):
        services.visits.save(replace(signed, notes="changed"))
    with pytest.raises(ReadOnlyRecord):
        services.visits.save(replace(signed, status=VisitStatus.CANCELLED))
    with pytest.raises(ReadOnlyRecord):
        services.visits.sign(replace(signed, practitioner="Dr Smirnova"))
    assert services.visits.get(signed.id).notes == ""


def test_the_signing_policy_runs_inside_the_write_and_a_refusal_stores_nothing(database, patient):
    seen = []

    def refuse(session, visit_id: int) -> None:
        seen.append((visit_id, session.get(Visit, visit_id).notes))
        raise ValidationFailed({"overrides": "Record the reason for going ahead first."})

    settings = ClinicSettingsService(database.sessions)
    visits = VisitService(database.sessions, settings, go_ahead=refuse)
    visit = visits.start_visit(patient)
    with pytest.raises(ServiceError):
        visits.mark_done(replace(visit, notes="typed at the chair"))
    # the policy saw the edits of its own transaction; the refusal rolled all of them back
    assert seen == [(visit.id, "typed at the chair")]
    stored = visits.get(visit.id)
    assert stored.status is VisitStatus.PLANNED and stored.notes == ""


def test_signing_needs_the_practitioners_name_from_the_visit(services, patient):
    visit = services.visits.mark_done(services.visits.start_visit(patient, practitioner=""))
    with pytest.raises(ValidationFailed) as refused:
        services.visits.sign(visit)
    assert "practitioner" in refused.value.errors
    signed = services.visits.sign(replace(visit, practitioner="Dr Smirnova"))
    assert signed.signed_by == "Dr Smirnova" and signed.practitioner == "Dr Smirnova"


def test_start_or_open_today_opens_todays_visit_instead_of_a_second_one(services, patient):
    first = services.visits.start_or_open_today(patient, "Dr Smirnova")
    again = services.visits.start_or_open_today(patient, "Dr Smirnova")
    assert again.id == first.id
    assert services.visits.today_visit(patient).id == first.id
    signed = services.visits.sign(services.visits.mark_done(first))
    assert signed.signed
    fresh = services.visits.start_or_open_today(patient, "Dr Smirnova")
    assert fresh.id != first.id


def test_reschedule_moves_a_planned_visit_and_keeps_its_time(services, patient):
    moment = datetime.now(UTC) + timedelta(days=2)
    visit = services.visits.start_visit(patient, moment)
    target = (moment + timedelta(days=5)).astimezone().date()
    moved = services.visits.reschedule(replace(visit, notes="moved at her request"), target)
    assert moved.starts_at.astimezone().date() == target
    assert moved.starts_at.astimezone().time() == visit.starts_at.astimezone().time()
    assert moved.notes == "moved at her request"
    with pytest.raises(StaleRecord):
        services.visits.reschedule(visit, target)


def test_an_addendum_is_kept_with_time_and_author_and_the_original_stays(services, patient):
    visit = services.visits.start_visit(patient)
    visit = services.visits.save(replace(visit, notes="Pinpoint, face."))
    done = services.visits.mark_done(visit)
    with pytest.raises(ValidationFailed):
        services.visits.add_addendum(done.id, "Dr Smirnova", "too early")
    signed = services.visits.sign(replace(done, practitioner="Dr Smirnova"))
    before = datetime.now(UTC) - timedelta(seconds=5)
    result = services.visits.add_addendum(signed.id, "Dr Petrova", "Lidocaine cream was used.")
    (addendum,) = result.addenda
    assert addendum.author == "Dr Petrova" and addendum.text == "Lidocaine cream was used."
    assert before <= addendum.written_at <= datetime.now(UTC) + timedelta(seconds=5)
    assert result.notes == "Pinpoint, face." and result.signed_at == signed.signed_at


def test_previous_visit_brings_last_times_reactions(services, patient):
    earlier = services.visits.start_visit(patient, datetime.now(UTC) - timedelta(days=10))
    earlier = services.visits.save(
        replace(
            earlier,
            reactions=(
                ReactionRecord(Reaction.REDNESS, ReactionSeverity.MILD),
                ReactionRecord(Reaction.BRUISING, ReactionSeverity.MODERATE, "left cheek"),
            ),
        )
    )
    services.visits.mark_done(earlier)
    cancelled = services.visits.start_visit(patient, datetime.now(UTC) - timedelta(days=3))
    services.visits.save(replace(cancelled, status=VisitStatus.CANCELLED))
    today = services.visits.start_visit(patient)
    last = services.visits.previous_visit(patient, today.starts_at)
    assert last is not None and last.id == earlier.id
    assert [(r.reaction, r.severity, r.note) for r in last.reactions] == [
        (Reaction.REDNESS, ReactionSeverity.MILD, ""),
        (Reaction.BRUISING, ReactionSeverity.MODERATE, "left cheek"),
    ]


def test_the_patient_list_shows_the_latest_done_visit(services, patient):
    card = services.patients.get(patient)
    moment = datetime.now(UTC).replace(hour=12) - timedelta(days=4)
    visit = services.visits.start_visit(patient, moment)
    assert services.patients.search("Иванова")[0].last_visit_on is None
    services.visits.mark_done(visit)
    assert services.patients.search("Иванова")[0].last_visit_on == moment.astimezone().date()
    # the open card is not made stale by the visit
    services.patients.save(replace(card, phone="+7 900 000-00-00"))


def test_a_future_visit_cannot_be_marked_done(services, patient):
    visit = services.visits.start_visit(patient, datetime.now(UTC) + timedelta(days=7))
    with pytest.raises(ValidationFailed):
        services.visits.mark_done(visit)


def test_the_timeline_lists_visits_in_date_order_and_flags_the_next_planned(services, patient):
    now = datetime.now(UTC)
    later = services.visits.start_visit(patient, now + timedelta(days=14))
    soon = services.visits.start_visit(patient, now + timedelta(days=7))
    past = services.visits.start_visit(patient, now - timedelta(days=7))
    timeline = services.visits.timeline(patient)
    assert [entry.visit.id for entry in timeline.entries] == [past.id, soon.id, later.id]
    assert timeline.next_visit.id == soon.id
    assert [entry.is_next for entry in timeline.entries] == [False, True, False]


def test_a_stale_copy_of_a_visit_is_refused(services, patient):
    visit = services.visits.start_visit(patient)
    services.visits.save(replace(visit, notes="first"))
    with pytest.raises(ServiceError):
        services.visits.save(replace(visit, notes="second"))


def test_a_price_no_visit_could_cost_is_refused_and_nothing_changes(services, patient):
    visit = services.visits.start_visit(patient)
    with pytest.raises(ValidationFailed) as refused:
        services.visits.save(replace(visit, price_minor=10**22))
    assert refused.value.errors == {"price": "This price is too large; check the number."}
    assert services.visits.get(visit.id).price_minor is None
