"""SIGKILL a writer at random moments, many times: during saves, during signing, and during the
upgrade of an older-schema database. After every kill the database passes its integrity check,
opens, and holds every record it acknowledged, complete; an upgrade is all or nothing.

Writers are forked from a server that has the app imported already, so each round takes a
fraction of a second and the whole file stays well under a minute.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import create_engine, text

from mesodesk import migrations
from mesodesk.db import open_database, sqlite_url
from mesodesk.domain import patient as patient_rules
from mesodesk.domain.patient import PatientCard
from mesodesk.models import Base
from tests import kill_writers
from tests.schema_helpers import make_database_at, sqlite_patients

SAVE_KILLS = 15
SIGN_KILLS = 12
UPGRADE_KILLS = 20
CREATION_KILLS = 12
POSTGRES_UPGRADE_KILLS = 8
OLD = "0001"


@pytest.fixture(scope="module")
def forks() -> multiprocessing.context.ForkServerContext:
    """Writers forked from a server that imported the app once (it finds `tests` on the path
    given here, whatever the current folder)."""
    root = str(Path(__file__).resolve().parents[2])
    search = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(search))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mesodesk.services.registry", "tests.kill_writers"])
    warm = context.Process(target=kill_writers.nothing)
    warm.start()  # the server starts (and imports) here, not inside a timed round
    warm.join(60)
    return context


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> random.Random:
    """Random moments, reproducible per test (the seed is in the failure report)."""
    seed = int.from_bytes(os.urandom(4), "big")
    request.node.user_properties.append(("kill_seed", seed))
    return random.Random(seed)


def _kill_after(
    forks: multiprocessing.context.ForkServerContext,
    target: Callable[..., None],
    args: tuple[Any, ...],
    delay: float,
    acks: Path | None = None,
) -> int | None:
    """Start a writer, SIGKILL it after `delay` seconds; its exit code (-9 when killed).

    With `acks`, the delay counts from the writer's first acknowledgement in this round, so
    every round kills a writer in the middle of its work however slow its start was on a
    loaded machine.
    """
    before = _size(acks) if acks is not None else 0
    process = forks.Process(target=target, args=args, daemon=True)
    process.start()
    if acks is not None:
        deadline = time.monotonic() + 120
        while _size(acks) == before and process.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
    process.join(delay)
    if process.is_alive():
        assert process.pid is not None
        os.kill(process.pid, signal.SIGKILL)
    process.join(30)
    return process.exitcode


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _acks(path: Path) -> list[list[str]]:
    errors = path.with_suffix(".errors")
    assert not errors.exists(), errors.read_text(encoding="utf-8")
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines]


def _assert_intact(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def _no_half_made_files(folder: Path) -> None:
    """Only finished files under visible names; a killed attempt's partial file is hidden."""
    for entry in folder.rglob("*"):
        assert not entry.name.endswith((".partial", ".creating")) or entry.name.startswith(".")


# --- saves ---------------------------------------------------------------------------------


def test_killing_a_writer_during_saves_loses_no_acknowledged_record(
    tmp_path: Path, forks: multiprocessing.context.ForkServerContext, rng: random.Random
) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    open_database(sqlite_url(path)).close()
    acks = tmp_path / "acks"

    for round_ in range(SAVE_KILLS):
        code = _kill_after(
            forks,
            kill_writers.save_patients,
            (sqlite_url(path), str(acks), round_),
            rng.uniform(0.0, 0.3),
            acks=acks,
        )
        assert code == -signal.SIGKILL
        _assert_intact(path)

    acknowledged: dict[int, int] = {}
    for _, patient_id, number in _acks(acks):
        acknowledged[int(patient_id)] = max(int(number), acknowledged.get(int(patient_id), 0))
    assert acknowledged, "the writers got to save something"

    database = open_database(sqlite_url(path), create=False)
    try:
        with database.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, last_name, first_name, middle_name, phone FROM patients")
            ).all()
            terms: dict[int, set[str]] = {}
            for term, owner in connection.execute(
                text("SELECT term, patient_id FROM patient_search_terms")
            ):
                terms.setdefault(owner, set()).add(term)
    finally:
        database.close()
    stored = {row.id: row for row in rows}
    for owner, last_edit in acknowledged.items():
        row = stored[owner]
        kept = int(row.phone.replace(" ", "")[2:])
        assert kept >= last_edit, f"patient {owner}: acknowledged edit {last_edit}, kept {kept}"
    for row in rows:  # every saved card is whole: its search terms match its fields
        card = PatientCard(
            last_name=row.last_name,
            first_name=row.first_name,
            middle_name=row.middle_name,
            phone=row.phone,
        )
        assert terms.get(row.id, set()) == patient_rules.search_terms(card)


# --- signing -------------------------------------------------------------------------------


def test_killing_a_writer_during_signing_leaves_every_visit_signed_whole_or_not_at_all(
    tmp_path: Path, forks: multiprocessing.context.ForkServerContext, rng: random.Random
) -> None:
    path = tmp_path / "mesodesk.sqlite3"
    visit_ids = kill_writers.prepare_visits(sqlite_url(path), 200)
    acks = tmp_path / "acks"

    for _ in range(SIGN_KILLS):
        code = _kill_after(
            forks,
            kill_writers.sign_visits,
            (sqlite_url(path), str(acks), visit_ids),
            rng.uniform(0.0, 0.2),
            acks=acks,
        )
        assert code in (-signal.SIGKILL, 0)
        _assert_intact(path)

    signed = {int(visit_id) for _, visit_id in _acks(acks)}
    assert signed, "the writers got to sign something"
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT id, signed_at, signed_by, status FROM visits ORDER BY id"
        ).fetchall()
    finally:
        connection.close()
    for visit_id, signed_at, signed_by, status in rows:
        assert (signed_at is None) == (signed_by is None), f"visit {visit_id} half-signed"
        if visit_id in signed:
            assert signed_at is not None and signed_by == kill_writers.SIGNER
        assert status == "done"
    open_database(sqlite_url(path), create=False).close()


# --- upgrades ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def old_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database of the first revision with patients in it, copied for each round."""
    path = tmp_path_factory.mktemp("old") / "template.sqlite3"
    make_database_at(sqlite_url(path), OLD, patients=300)
    yield path


def _revision_and_tables(path: Path) -> tuple[list[str], set[str]]:
    connection = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        tables = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        versions = [v for (v,) in connection.execute("SELECT version_num FROM alembic_version")]
    finally:
        connection.close()
    return versions, tables - {"alembic_version"}


def test_killing_an_upgrade_of_an_sqlite_database_leaves_it_old_or_new_never_between(
    tmp_path: Path,
    forks: multiprocessing.context.ForkServerContext,
    rng: random.Random,
    old_database: Path,
) -> None:
    patients = sqlite_patients(old_database)
    old_tables = set(migrations.tables_by_revision()[OLD])
    head = migrations.head_revision()
    duration = _upgrade_duration(forks, tmp_path, old_database)
    outcomes = set()

    for round_ in range(UPGRADE_KILLS):
        folder = tmp_path / f"round-{round_}"
        folder.mkdir()
        path = folder / "mesodesk.sqlite3"
        shutil.copy(old_database, path)
        _kill_after(
            forks,
            kill_writers.upgrade,
            (sqlite_url(path), str(folder / "acks")),
            rng.uniform(0, duration * 1.2),
        )
        _acks(folder / "acks")
        _assert_intact(path)
        versions, tables = _revision_and_tables(path)
        assert (versions, tables) in ((["0001"], old_tables), ([head], set(Base.metadata.tables)))
        outcomes.add(versions[0])
        assert len(_copies(folder)) <= 1, "at most one copy per attempt"

        database = open_database(sqlite_url(path), create=False)
        database.close()
        assert database.notice is None
        assert _revision_and_tables(path) == ([head], set(Base.metadata.tables))
        assert sqlite_patients(path) == patients
        assert len(_copies(folder)) <= 2
        for copy in _copies(folder):
            assert _revision_and_tables(copy) == ([OLD], old_tables)
            assert sqlite_patients(copy) == patients
        _no_half_made_files(folder)
    print(f"upgrade takes {duration:.2f} s; killed rounds ended at {sorted(outcomes)}")


def _copies(folder: Path) -> list[Path]:
    """The copies of the database kept before upgrades, in its backups folder."""
    return sorted(folder.glob("backups/*.sqlite3"))


def _upgrade_duration(
    forks: multiprocessing.context.ForkServerContext, tmp_path: Path, old_database: Path | None
) -> float:
    """How long a writer takes to open and upgrade (or create) the database, from its start."""
    folder = tmp_path / "timing"
    folder.mkdir()
    path = folder / "mesodesk.sqlite3"
    writer = kill_writers.create
    if old_database is not None:
        shutil.copy(old_database, path)
        writer = kill_writers.upgrade
    started = time.monotonic()
    assert _kill_after(forks, writer, (sqlite_url(path), str(folder / "a")), 60) == 0
    return time.monotonic() - started


def test_killing_the_first_creation_leaves_no_database_or_a_whole_one(
    tmp_path: Path, forks: multiprocessing.context.ForkServerContext, rng: random.Random
) -> None:
    head = migrations.head_revision()
    duration = _upgrade_duration(forks, tmp_path, None)

    for round_ in range(CREATION_KILLS):
        folder = tmp_path / f"round-{round_}"
        path = folder / "mesodesk.sqlite3"
        _kill_after(
            forks,
            kill_writers.create,
            (sqlite_url(path), str(tmp_path / f"acks-{round_}")),
            rng.uniform(0, duration * 1.2),
        )
        _acks(tmp_path / f"acks-{round_}")
        if path.exists():
            _assert_intact(path)
            assert _revision_and_tables(path) == ([head], set(Base.metadata.tables))
        if folder.exists():
            _no_half_made_files(folder)

        database = open_database(sqlite_url(path), create=True)
        database.close()
        assert database.notice is None
        assert _revision_and_tables(path) == ([head], set(Base.metadata.tables))


@pytest.fixture
def old_postgres_url(postgres_url: str) -> Iterator[str]:
    _reset(postgres_url)
    make_database_at(postgres_url, OLD, patients=300)
    yield postgres_url
    _reset(postgres_url)


def _reset(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _postgres_state(url: str) -> tuple[list[str], set[str], int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = set(sa.inspect(connection).get_table_names()) - {"alembic_version"}
            versions = list(
                connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
            )
            patients = connection.execute(text("SELECT count(*) FROM patients")).scalar_one()
            return versions, tables, patients
    finally:
        engine.dispose()


def test_killing_an_upgrade_of_a_postgresql_database_leaves_it_old_or_new_never_between(
    tmp_path: Path,
    old_postgres_url: str,
    forks: multiprocessing.context.ForkServerContext,
    rng: random.Random,
) -> None:
    old_tables = migrations.tables_by_revision()[OLD]
    head = migrations.head_revision()
    new_tables = set(Base.metadata.tables)

    for round_ in range(POSTGRES_UPGRADE_KILLS):
        if round_:
            _reset(old_postgres_url)
            make_database_at(old_postgres_url, OLD, patients=300)
        started = time.monotonic()
        _kill_after(
            forks,
            kill_writers.upgrade,
            (old_postgres_url, str(tmp_path / f"acks-{round_}")),
            rng.uniform(0.02, 0.6),
        )
        assert time.monotonic() - started < 30
        _acks(tmp_path / f"acks-{round_}")
        versions, tables, patients = _postgres_state(old_postgres_url)
        assert (versions, tables) in (([OLD], set(old_tables)), ([head], new_tables))
        assert patients == 300

        open_database(old_postgres_url).close()
        assert _postgres_state(old_postgres_url) == ([head], new_tables, 300)
