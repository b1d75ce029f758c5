"""Two real processes at once, on SQLite and PostgreSQL: a visit signed by one workstation while
another charts it takes nothing after the signature, and two workstations saving the same
record from the same copy never both succeed.

Writers are forked from a server that has the app imported already; every writer has a time
limit and the test a time-out, so a lock that is never released fails the test instead of
hanging it.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from mesodesk.db import open_database, sqlite_url
from mesodesk.services.registry import build_services
from tests import race_writers

SIGNED_VISITS = 40
CHARTING_SECONDS = 40.0
CONTEST_ROUNDS = 4

Forks = multiprocessing.context.ForkServerContext


@pytest.fixture(scope="module")
def forks() -> Forks:
    root = str(Path(__file__).resolve().parents[2])
    search = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(search))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mesodesk.services.registry", "tests.race_writers"])
    warm = context.Process(target=race_writers.nothing)
    warm.start()
    warm.join(60)
    return context


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each engine, for writers in other processes to open by URL."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "clinic" / "mesodesk.sqlite3")
        return
    address: str = request.getfixturevalue("postgres_url")
    engine = create_engine(address)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    yield address


@pytest.fixture
def seed(request: pytest.FixtureRequest) -> int:
    value = int.from_bytes(os.urandom(4), "big")
    request.node.user_properties.append(("race_seed", value))
    return value


def _run_together(processes: list[Any], limit: float) -> None:
    for process in processes:
        process.start()
    for process in processes:
        process.join(limit)
    stuck = [p for p in processes if p.is_alive()]
    for process in stuck:
        process.kill()
        process.join(10)
    assert not stuck, "a writer did not finish in time (a lock never released?)"


def _lines(acks: Path) -> list[str]:
    errors = acks.with_suffix(".errors")
    assert not errors.exists(), errors.read_text(encoding="utf-8")
    return acks.read_text(encoding="utf-8").splitlines() if acks.exists() else []


def _stored_charts(address: str, visit_ids: list[int]) -> dict[int, dict[str, Any]]:
    database = open_database(address, create=False)
    try:
        with database.sessions() as session:
            return {
                visit_id: json.loads(json.dumps(race_writers.chart_state(session, visit_id)))
                for visit_id in visit_ids
            }
    finally:
        database.close()


def test_a_visit_signed_while_another_workstation_charts_it_takes_nothing_after_signing(
    url: str, tmp_path: Path, forks: Forks, seed: int
) -> None:
    prepared = race_writers.prepare_charted_visits(url, SIGNED_VISITS)
    acks = tmp_path / "acks"
    rng = random.Random(seed)
    signer = forks.Process(
        target=race_writers.sign_visits,
        args=(url, str(acks), prepared.visit_ids, CHARTING_SECONDS, rng.getrandbits(32)),
    )
    charter = forks.Process(
        target=race_writers.chart_visits,
        args=(url, str(acks), prepared, CHARTING_SECONDS, rng.getrandbits(32)),
    )

    _run_together([charter, signer], CHARTING_SECONDS + 30)

    lines = _lines(acks)
    at_signing = {
        int(line.split(" ", 2)[1]): json.loads(line.split(" ", 2)[2])
        for line in lines
        if line.startswith("signed ")
    }
    (charted,) = [json.loads(line.split(" ", 1)[1]) for line in lines if line.startswith("charted")]
    assert set(at_signing) == set(prepared.visit_ids), "every visit got signed in time"
    counts = Counter({key: value for key, value in charted.items()})
    print(f"chart writes: {dict(sorted(counts.items()))}")
    assert sum(v for k, v in counts.items() if k.endswith(" ok")) >= SIGNED_VISITS
    assert sum(v for k, v in counts.items() if k.endswith(" refused")) >= SIGNED_VISITS

    stored = _stored_charts(url, prepared.visit_ids)
    changed_after = [
        visit_id for visit_id in prepared.visit_ids if stored[visit_id] != at_signing[visit_id]
    ]
    assert changed_after == [], "marks, overrides or answers changed after signing"


def test_two_workstations_saving_one_record_from_the_same_copy_never_both_win(
    url: str, tmp_path: Path, forks: Forks
) -> None:
    shared = race_writers.prepare_shared_records(url)
    acks = tmp_path / "acks"
    barrier = forks.Barrier(2)
    kinds = sorted(race_writers.CONTESTS)
    writers = [
        forks.Process(
            target=race_writers.contest,
            args=(url, str(acks), who, shared, CONTEST_ROUNDS, barrier, kinds),
        )
        for who in (0, 1)
    ]

    _run_together(writers, 180)

    outcomes: dict[tuple[str, int], dict[int, str]] = {}
    for line in _lines(acks):
        who, kind, n, outcome = line.split("\t")
        outcomes.setdefault((kind, int(n)), {})[int(who)] = outcome
    assert sorted(outcomes) == [(kind, n) for kind in kinds for n in range(CONTEST_ROUNDS)]
    both_won = {key: by_who for key, by_who in outcomes.items() if len(set(by_who.values())) < 2}
    assert both_won == {}, "both saves of the same copy were accepted (a lost update)"
    assert all(sorted(by_who.values()) == ["stale", "won"] for by_who in outcomes.values())

    database = open_database(url, create=False)
    try:
        services = build_services(database.sessions)
        last = CONTEST_ROUNDS - 1
        for kind in kinds:
            rules = race_writers.CONTESTS[kind]
            winner = next(who for who, won in outcomes[(kind, last)].items() if won == "won")
            kept = rules.load(services, shared)
            expected = rules.value(rules.change(kept, shared, winner, last))
            assert rules.value(kept) == expected, f"{kind}: the winner's save is what is kept"
    finally:
        database.close()
