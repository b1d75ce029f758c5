"""How a backup is made and read back, the one implementation every caller uses.

SQLite: SQLite's online backup API copies one consistent snapshot of a live database (the WAL
included) while other connections keep writing; restoring goes through the same API into the
live file, as one write transaction, so a kill leaves the old database or the restored one.
PostgreSQL: `pg_dump --format=custom`, and `pg_restore` turned into one script that `psql` runs
as a single transaction.

Photos are files in the data folder that the database names by their SHA-256; a backup also
copies those its records refer to into the content-addressed `photos/` folder beside it, each
checked against its name, only the ones not there yet. Photo files there are never pruned:
they are shared by every backup beside them, and one kept backup may still refer to any.

Every file lands under its final name only once it is complete and flushed to the disk: it is
written under a hidden temporary name in the same folder, owner-only (0600), then linked or
renamed into place. No Qt and no SQLAlchemy sessions here: `db` (copies before an upgrade) and
the backup service (backups, restores) call it.

The long steps take a `Progress`: they tell the share done (SQLite pages, PostgreSQL tables,
photo files, bytes) and stop when the user cancels, with `Cancelled` and nothing left behind:
the temporary file is removed, a write into the live database is rolled back.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL

from mesodesk import paths
from mesodesk.domain.backups import backup_name, to_remove
from mesodesk.domain.photos import is_content_name
from mesodesk.domain.progress import Cancelled, Progress, unwatched

BACKUPS_FOLDER = "backups"
PHOTOS_FOLDER = "photos"
"""The photo files of the backups in a folder: `photos/ab/ab12….jpg`, as in the data folder."""
PHOTO_TABLE = "visit_photos"
SQLITE_SUFFIX = ".sqlite3"
POSTGRES_SUFFIX = ".pgdump"
PARTIAL_SUFFIX = ".partial"
POSTGRES_ARCHIVE_HEADER = b"PGDMP"
COPY_STEPS = 200
"""About how many steps an SQLite copy takes: each tells its progress and may be cancelled."""
MIN_STEP_PAGES = 16
CANCEL_CHECK_OPS = 20_000
"""How many SQLite instructions a long statement runs between two looks at a cancel."""
POLL_SECONDS = 0.1
"""How often a PostgreSQL tool's run looks whether the user cancelled."""
STALE_PARTIAL_SECONDS = 3600
"""A temporary file untouched this long was left by a killed attempt (a running one writes)."""
LOCK_PATIENCE_SECONDS = 30.0
"""How long a copy waits for another connection's lock before giving up."""
LOCK_WAIT_MS = 500
"""How long one step of a copy waits for a lock before it reports that it is waiting."""
LOCK_TIMEOUT = "30s"
"""How long a PostgreSQL restore waits for another workstation's open transaction."""
POSTGRES_TOOL_FOLDERS = (
    "/usr/lib/postgresql/*/bin",
    "/usr/pgsql-*/bin",
    "/opt/homebrew/opt/postgresql@*/bin",
    "/opt/homebrew/opt/libpq/bin",
    "/usr/local/opt/libpq/bin",
    "/Applications/Postgres.app/Contents/Versions/*/bin",
    "C:/Program Files/PostgreSQL/*/bin",
)
"""Where the PostgreSQL client programs live when they are not on PATH, newest version first."""


class BackupError(Exception):
    """A backup or restore could not be done; the message says why, in the user's words."""


@dataclass(frozen=True)
class BackupPlace:
    """Where one database's backups go and what they are called."""

    folder: Path
    stem: str
    suffix: str

    def name(self, made_at: datetime, label: str = "", copy: int = 1) -> str:
        return backup_name(self.stem, made_at, self.suffix, label, copy)


def place_for(url: URL, sqlite_file: Path | None) -> BackupPlace:
    """SQLite: `backups/` beside the database file, named after it (`mesodesk-...sqlite3`).
    PostgreSQL: `backups/` in the data folder, named after the database (`clinic-...pgdump`)."""
    if sqlite_file is not None:
        return BackupPlace(sqlite_file.parent / BACKUPS_FOLDER, sqlite_file.stem, SQLITE_SUFFIX)
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", url.database or "postgres").strip("_") or "postgres"
    return BackupPlace(paths.data_dir() / BACKUPS_FOLDER, name, POSTGRES_SUFFIX)


def make_backup(
    url: URL,
    sqlite_file: Path | None,
    made_at: datetime,
    label: str = "",
    progress: Progress | None = None,
) -> Path:
    """A backup of the database into its backups folder, named with `made_at`; its path."""
    place = place_for(url, sqlite_file)
    make_folder(place.folder)
    with partial_file(place.folder / place.name(made_at, label), f"{place.stem}-") as partial:
        _write_backup(url, sqlite_file, partial, unwatched(progress))
        return put_under_new_name(partial, place, place.folder, made_at, label)


def write_backup(url: URL, sqlite_file: Path | None, target: Path, replace: bool) -> None:
    """A backup of the database into the file `target` (replaced only when `replace`)."""
    with partial_file(target) as partial:
        _write_backup(url, sqlite_file, partial, Progress())
        put_in_place(partial, target, replace)


def _write_backup(url: URL, sqlite_file: Path | None, partial: Path, progress: Progress) -> None:
    if sqlite_file is not None:
        copy_sqlite(sqlite_file, partial, progress=progress)
    else:
        dump_postgres(url, partial, progress)


def backups_in(folder: Path) -> list[str]:
    """The names of the files in a backup folder (none if it does not exist yet)."""
    try:
        return [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []


def make_folder(folder: Path) -> None:
    """The backups folder, owner-only like the data folder it is in."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    mode = folder.stat().st_mode & 0o777
    if mode & 0o077:
        os.chmod(folder, mode & ~0o077)


def prune(place: BackupPlace, folder: Path, keep: int) -> list[str]:
    """Remove the backups of `place` in `folder` beyond the newest `keep`; their names."""
    removed = []
    for name in to_remove(backups_in(folder), place.stem, place.suffix, keep):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
            removed.append(name)
    return removed


# --- photos beside the backups ----------------------------------------------------------------


@dataclass(frozen=True)
class PhotoCopy:
    """What copying the photos of a backup did."""

    copied: int = 0
    missing: tuple[str, ...] = ()
    """Names not found at the source, or whose bytes there no longer match their name."""


def photos_beside(backup_file: Path) -> Path:
    """The photo folder that goes with a backup file: `photos/` in the same folder."""
    return backup_file.absolute().parent / PHOTOS_FOLDER


def photos_in(backup_file: Path) -> set[str]:
    """The photo file names the records in a backup (SQLite file or pg_dump archive) refer
    to; none for a schema made before photos. Read from the backup itself, so they are those
    of the same snapshot."""
    with backup_file.open("rb") as handle:
        header = handle.read(len(POSTGRES_ARCHIVE_HEADER))
    if header == POSTGRES_ARCHIVE_HEADER:
        return _photos_in_archive(backup_file)
    try:
        connection = sqlite3.connect(read_only_uri(backup_file), uri=True)
        try:
            found = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (PHOTO_TABLE,)
            ).fetchone()
            if found is None:
                return set()
            return {
                str(name)
                for (name,) in connection.execute(f"SELECT DISTINCT file_name FROM {PHOTO_TABLE}")
            }
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Cannot read the photos of {_shown(backup_file)}: {exc}.") from exc


def _photos_in_archive(archive: Path) -> set[str]:
    command = [
        str(postgres_tool("pg_restore")),
        "--data-only",
        f"--table={PHOTO_TABLE}",
        "--file=-",
        str(archive),
    ]
    result = _run(command)
    if result.returncode != 0:
        raise BackupError(
            f"Cannot read the photos of {_shown(archive)}: {_complaint(command, result)}."
        )
    columns, rows = _copied_table(result.stdout, PHOTO_TABLE)
    if "file_name" not in columns:
        return set()
    at = columns.index("file_name")
    return {row.split("\t")[at] for row in rows}


def copy_photos(
    names: Iterable[str], source: Path, target: Path, progress: Progress | None = None
) -> PhotoCopy:
    """Copy the photo files `names` from the photo folder `source` into `target` (0700
    folders, 0600 files), skipping those already there: a name is its content's SHA-256, so
    a file there under it is that photo. Each copy is checked against its name before it
    takes it, so a damaged source is reported, never kept. A cancel stops between two files
    (each file there is whole)."""
    progress = unwatched(progress)
    copied = 0
    missing: list[str] = []
    wanted = sorted(set(names))
    for done, name in enumerate(wanted):
        progress.report(done / len(wanted))
        progress.check()
        if not is_content_name(name):
            missing.append(name)
            continue
        destination = target / name[:2] / name
        if destination.exists():
            continue
        origin = source / name[:2] / name
        if not origin.is_file():
            missing.append(name)
            continue
        make_folder(target)
        make_folder(destination.parent)
        verdict = _copy_checked(origin, destination, name.partition(".")[0])
        if verdict is None:
            missing.append(name)
        elif verdict:
            copied += 1
    progress.check()
    progress.done()
    return PhotoCopy(copied, tuple(missing))


def _copy_checked(origin: Path, destination: Path, sha256: str) -> bool | None:
    """True: copied; False: it appeared meanwhile (the same bytes); None: the bytes at
    `origin` do not match their name."""
    with partial_file(destination) as partial:
        digest = hashlib.sha256()
        with origin.open("rb") as source, partial.open("wb") as copy:
            while chunk := source.read(1 << 20):
                digest.update(chunk)
                copy.write(chunk)
        if digest.hexdigest() != sha256:
            return None
        try:
            put_in_place(partial, destination, replace=False)
        except FileExistsError:
            return False
    return True


# --- files put in place whole ----------------------------------------------------------------


@contextlib.contextmanager
def partial_file(target: Path, family: str | None = None) -> Iterator[Path]:
    """A new, empty, owner-only temporary file beside `target`, removed afterwards (with the
    journal files SQLite may have made beside it) unless it was put in place.

    Temporary files that killed attempts left are removed first: those for the same name, or,
    with `family`, those for every name starting with it (one database's backups).
    """
    folder = target.absolute().parent
    remove_stale_partials(folder, family if family is not None else f"{target.name}.")
    handle, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX)
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
    finally:
        for leftover in sqlite_set(partial):
            leftover.unlink(missing_ok=True)


def remove_stale_partials(folder: Path, prefix: str) -> None:
    """Only MesoDesk's own leftovers, never another program's hidden files."""
    limit = time.time() - STALE_PARTIAL_SECONDS
    for leftover in folder.glob(f".{glob.escape(prefix)}*{PARTIAL_SUFFIX}*"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()


def put_in_place(partial: Path, target: Path, replace: bool) -> None:
    """Give the finished file its name: replacing what is there only when `replace`, and
    otherwise never a file that appeared meanwhile (FileExistsError)."""
    paths.fsync_file(partial)
    if replace:
        os.replace(partial, target)
    else:
        try:
            os.link(partial, target)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network shares): claim the name, then move
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            os.replace(partial, target)
    paths.fsync_folder(target.parent)


def put_under_new_name(
    partial: Path, place: BackupPlace, folder: Path, made_at: datetime, label: str = ""
) -> Path:
    """Link the finished backup into `folder` under the first free name for its time."""
    for copy in range(1, 100):
        target = folder / place.name(made_at, label, copy)
        try:
            put_in_place(partial, target, replace=False)
        except FileExistsError:
            continue
        return target
    raise BackupError(f"Too many backups with the same time in {folder}.")


def sqlite_set(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))]


# --- SQLite ----------------------------------------------------------------------------------


def copy_sqlite(
    source: Path, partial: Path, *, only_read: bool = False, progress: Progress | None = None
) -> None:
    """A consistent copy of the live database `source` into the empty file `partial`.

    The online backup API, in steps of pages that tell the progress and may be cancelled, all
    inside one read transaction held open on the source: one snapshot however many
    connections write meanwhile (WAL readers do not block writers, and a write through
    another connection does not restart the copy). The copy is switched to a rollback
    journal, so it is one self-contained file, and checked page by page before anyone relies
    on it.

    The live database is read through a connection that may write, so that, as the last one
    to close, it tidies the WAL files away as the app does; `only_read` (a backup chosen to
    be restored, perhaps on a read-only disk) reads without changing a byte beside it either.
    """
    progress = unwatched(progress)
    if only_read:
        reader = sqlite3.connect(read_only_uri(source), uri=True, timeout=5.0)
    else:
        reader = _connect(source, write=os.access(source, os.W_OK))
    try:
        copy = sqlite3.connect(partial.absolute().as_uri() + "?mode=rw", uri=True)
        try:
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot
            pages = int(reader.execute("PRAGMA page_count").fetchone()[0])
            reader.backup(
                copy,
                pages=_step_pages(pages),
                progress=_stepper(f"reading {source.name}", progress.part(0.0, 0.9)),
            )
            reader.rollback()
            copy.execute("PRAGMA journal_mode=DELETE")
            watch_cancel(copy, progress)
            verdict = [row[0] for row in copy.execute("PRAGMA integrity_check")]
            progress.done()
        finally:
            copy.close()
    except sqlite3.Error as exc:
        if progress.cancelled:
            raise Cancelled from exc
        raise BackupError(f"Cannot copy {_shown(source)}: {exc}.") from exc
    finally:
        reader.close()
    if verdict != ["ok"]:
        raise BackupError(
            f"The copy of {_shown(source)} fails SQLite's integrity check ({verdict[0]}): the "
            "database itself may be damaged. Run 'mesodesk check' on it."
        )


def replace_sqlite_contents(live: Path, restored: Path, progress: Progress | None = None) -> None:
    """Write the database `restored` over the live database `live`, in one transaction.

    Through the online backup API into the live file: other connections (the open window
    included) are locked out for the moment it takes and then read the restored data; a kill
    or a cancel part way leaves the live database as it was (the write is rolled back). The
    last step passes the point of no return: a cancel then comes too late.
    """
    progress = unwatched(progress)
    source = _connect(restored, write=False)
    try:
        target = _connect(live, write=True)
        try:
            wanted = target.execute("PRAGMA page_size").fetchone()[0]
            have = source.execute("PRAGMA page_size").fetchone()[0]
            if wanted != have:
                raise BackupError(
                    f"The backup's page size ({have}) differs from the database's ({wanted})."
                )
            pages = int(source.execute("PRAGMA page_count").fetchone()[0])
            source.backup(
                target,
                pages=_step_pages(pages),
                progress=_stepper(f"writing {live.name}", progress),
            )
            target.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Cannot write {_shown(live)}: {exc}.") from exc
    finally:
        source.close()


def match_page_size(path: Path, page_size: int, progress: Progress | None = None) -> None:
    """Rebuild a database (not in WAL mode) with the page size of the one it will replace."""
    progress = unwatched(progress)
    connection = sqlite3.connect(
        path.absolute().as_uri() + "?mode=rw", uri=True, isolation_level=None
    )
    try:
        if connection.execute("PRAGMA page_size").fetchone()[0] != page_size:
            connection.execute(f"PRAGMA page_size={int(page_size)}")
            watch_cancel(connection, progress)
            connection.execute("VACUUM")
    except sqlite3.Error:
        progress.check()
        raise
    finally:
        connection.close()
    progress.done()


def sqlite_page_size(path: Path) -> int:
    connection = _connect(path, write=False)
    try:
        return int(connection.execute("PRAGMA page_size").fetchone()[0])
    finally:
        connection.close()


def read_only_uri(path: Path) -> str:
    """A URI that reads the file without writing anything, beside it included: with no WAL or
    rollback journal beside it nobody is writing it, and it is read as immutable (no -shm or
    -wal file is made); otherwise SQLite must read the journal too."""
    path = path.absolute()
    busy = any(
        os.path.lexists(path.with_name(path.name + suffix)) for suffix in ("-wal", "-journal")
    )
    return path.as_uri() + ("?mode=ro" if busy else "?mode=ro&immutable=1")


def _connect(path: Path, write: bool) -> sqlite3.Connection:
    """A plain connection that waits for locks like the app's own."""
    mode = "rw" if write else "ro"
    connection = sqlite3.connect(
        path.absolute().as_uri() + f"?mode={mode}", uri=True, timeout=LOCK_WAIT_MS / 1000
    )
    connection.execute(f"PRAGMA busy_timeout={LOCK_WAIT_MS}")
    return connection


def _step_pages(pages: int) -> int:
    return max(MIN_STEP_PAGES, pages // COPY_STEPS)


def watch_cancel(connection: sqlite3.Connection, progress: Progress) -> None:
    """A long statement (an integrity check, a VACUUM) on `connection` stops with an SQLite
    error when the user cancels; the caller turns it into `Cancelled`."""
    connection.set_progress_handler(lambda: 1 if progress.cancelled else 0, CANCEL_CHECK_OPS)


def _stepper(what: str, progress: Progress) -> Callable[[int, int, int], None]:
    """The callback of one online backup: it tells the share of pages copied, stops the copy
    when the user cancels (the copy's write is then rolled back), and gives up when the other
    side stays locked too long (Python's backup loop would otherwise retry for ever). After
    the last step the copy is made: it is not cancelled then."""
    waiting_since: float | None = None

    def step(status: int, remaining: int, total: int) -> None:
        nonlocal waiting_since
        if status == sqlite3.SQLITE_DONE:
            progress.done()
            return
        progress.check()
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            waiting_since = None
            if total:
                progress.report(1 - remaining / total)
            return
        now = time.monotonic()
        waiting_since = now if waiting_since is None else waiting_since
        if now - waiting_since > LOCK_PATIENCE_SECONDS:
            raise BackupError(
                f"The database stayed locked by another program while {what}; try again in a moment"
            )

    return step


# --- PostgreSQL -------------------------------------------------------------------------------


def postgres_tool(name: str) -> Path:
    """A PostgreSQL client program: on PATH, else in the usual install folders (newest)."""
    found = shutil.which(name)
    if found:
        return Path(found)
    program = name + (".exe" if os.name == "nt" else "")
    candidates = [
        Path(folder) / program
        for pattern in POSTGRES_TOOL_FOLDERS
        for folder in glob.glob(pattern)
        if (Path(folder) / program).is_file()
    ]
    if not candidates:
        raise BackupError(
            f"{name} was not found: install the PostgreSQL client programs (the server's "
            "version or newer) and put their folder on PATH."
        )
    return max(candidates, key=_version_of)


def _version_of(path: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", str(path.parent))) or (0,)


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """The URL as libpq reads it, without the password (which goes in the environment, so it
    never shows in a process list)."""
    plain = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    env = {**os.environ, "PGCONNECT_TIMEOUT": os.environ.get("PGCONNECT_TIMEOUT", "10")}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            check=False,
        )
    except OSError as exc:
        raise BackupError(f"Cannot run {Path(command[0]).name}: {exc.strerror or exc}.") from exc


def _failure(command: list[str], result: subprocess.CompletedProcess[str]) -> BackupError:
    """The tool's own first line of complaint (which names no row of data)."""
    return BackupError(f"{Path(command[0]).stem} failed: {_complaint(command, result)}")


def _complaint(command: list[str], result: subprocess.CompletedProcess[str]) -> str:
    """The error line of the tool's output, without its prefixes (the tool's name, a script's
    temporary name and line)."""
    lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
    for line in lines:
        found = re.search(r"\b(?:ERROR|FATAL|error):\s*(.+)$", line)
        if found:
            return found[1].strip().rstrip(".")
    if lines:
        return re.sub(rf"^{re.escape(Path(command[0]).stem)}:\s*", "", lines[0]).rstrip(".")
    return f"exit status {result.returncode}"


def dump_postgres(url: URL, partial: Path, progress: Progress | None = None) -> None:
    """`pg_dump --format=custom` of the whole database into the file `partial`.

    Its progress is told per table: `--verbose` names each table as its rows are dumped
    (names of tables, never their data), counted against the tables the server lists.
    """
    progress = unwatched(progress)
    dump = str(postgres_tool("pg_dump"))
    conninfo, env = _libpq(url)
    tables = _count_tables(conninfo, env)
    done = 0

    def line(text: str) -> None:
        nonlocal done
        if "dumping contents of table" in text:
            done += 1
            progress.report((done - 0.5) / tables if tables else 0.0)

    command = [
        dump,
        "--format=custom",
        "--no-password",
        "--verbose",
        f"--file={partial}",
        f"--dbname={conninfo}",
    ]
    result = _run_watched(command, env, progress, line)
    if result.returncode != 0:
        raise _failure(command, result)
    progress.done()


def _count_tables(conninfo: str, env: dict[str, str]) -> int:
    """How many tables of the public schema pg_dump will dump (0: unknown; a server that
    cannot be reached is then told by pg_dump itself)."""
    try:
        psql = str(postgres_tool("psql"))
    except BackupError:
        return 0  # no psql beside pg_dump: the backup goes on, told without a share
    command = [
        psql,
        "--no-psqlrc",
        "--no-password",
        "--tuples-only",
        "--no-align",
        "--command=SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
        f"--dbname={conninfo}",
    ]
    result = _run(command, env)
    text = result.stdout.strip() if result.returncode == 0 else ""
    return int(text) if text.isdigit() else 0


def _run_watched(
    command: list[str],
    env: dict[str, str] | None,
    progress: Progress,
    on_line: Callable[[str], None] = lambda _line: None,
) -> subprocess.CompletedProcess[str]:
    """Run a tool, its error output read line by line as it comes (for `on_line`); a cancel
    stops it and raises `Cancelled`."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
        )
    except OSError as exc:
        raise BackupError(f"Cannot run {Path(command[0]).name}: {exc.strerror or exc}.") from exc
    lines: list[str] = []

    def read() -> None:
        assert process.stderr is not None
        for text in process.stderr:
            lines.append(text)
            on_line(text)
            if progress.cancelled:
                process.terminate()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    while True:
        try:
            process.wait(timeout=POLL_SECONDS)
            break
        except subprocess.TimeoutExpired:
            if progress.cancelled:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                break
    reader.join()
    progress.check()
    return subprocess.CompletedProcess(command, process.returncode, "", "".join(lines))


@dataclass(frozen=True)
class ArchiveContents:
    tables: frozenset[str]
    versions: list[str] | None
    """The rows of alembic_version (None: the archive has no such table)."""


def read_postgres_archive(archive: Path) -> ArchiveContents:
    """What a pg_dump custom archive holds, every byte of it read (a truncated file fails)."""
    restore = str(postgres_tool("pg_restore"))
    listing = [restore, "--list", str(archive)]
    result = _run(listing)
    if result.returncode != 0:
        raise BackupError(
            f"{_shown(archive)} is not a readable pg_dump archive "
            f"(pg_restore: {_complaint(listing, result)})"
        )
    tables = frozenset(
        found[1]
        for line in result.stdout.splitlines()
        if (found := re.match(r"^\d+; \d+ \d+ TABLE public (\S+) ", line))
    )
    whole = [restore, f"--file={os.devnull}", str(archive)]
    result = _run(whole)
    if result.returncode != 0:
        raise BackupError(f"{_shown(archive)} is damaged or cut short ({_failure(whole, result)}).")
    versions: list[str] | None = None
    if "alembic_version" in tables:
        data = [restore, "--data-only", "--table=alembic_version", "--file=-", str(archive)]
        result = _run(data)
        if result.returncode != 0:
            raise BackupError(f"Cannot read {_shown(archive)}: {_complaint(data, result)}")
        versions = _copied_rows(result.stdout, "alembic_version")
    return ArchiveContents(tables - {"alembic_version"}, versions)


def _copied_table(script: str, table: str) -> tuple[list[str], list[str]]:
    """The columns and the data lines of one table's COPY in a pg_restore script."""
    rows: list[str] = []
    columns: list[str] = []
    inside = False
    for line in script.splitlines():
        if inside:
            if line == "\\.":
                break
            rows.append(line)
        elif found := re.match(rf"^COPY (?:public\.)?{table} \(([^)]*)\)", line):
            columns = [column.strip().strip('"') for column in found[1].split(",")]
            inside = True
    return columns, rows


def _copied_rows(script: str, table: str) -> list[str]:
    return _copied_table(script, table)[1]


def restore_postgres(
    url: URL,
    archive: Path,
    drop_tables: Iterable[str],
    lock_key: int,
    progress: Progress | None = None,
) -> None:
    """Replace the database's tables by the archive's, in one transaction.

    pg_restore turns the archive into a script (`--clean --if-exists`: each object dropped
    before it is made again; no owners or grants, so another user may restore it). psql runs
    it after a preamble that waits for the schema lock and drops every MesoDesk table, also
    those of revisions newer than the archive's, all inside one transaction
    (`--single-transaction`, `ON_ERROR_STOP`): any error leaves the database as it was.
    The script holds patient data: it is written owner-only in the backups folder and
    removed at once. It may be cancelled until psql starts: a transaction cut off when its
    COMMIT may already be on its way could not be said to have changed nothing.
    """
    progress = unwatched(progress)
    conninfo, env = _libpq(url)
    folder = place_for(url, None).folder
    make_folder(folder)
    preamble = [
        "SET client_min_messages = warning;",
        f"SET lock_timeout = '{LOCK_TIMEOUT}';",
        f"SELECT pg_advisory_xact_lock({int(lock_key)});",
        *(f'DROP TABLE IF EXISTS public."{name}" CASCADE;' for name in sorted(drop_tables)),
        "",
    ]
    with (
        partial_file(folder / "restore.sql") as script,
        partial_file(folder / "restore-preamble.sql") as first,
    ):
        first.write_text("\n".join(preamble), encoding="utf-8")
        convert = [
            str(postgres_tool("pg_restore")),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            f"--file={script}",
            str(archive),
        ]
        result = _run_watched(convert, None, progress)
        if result.returncode != 0:
            raise _failure(convert, result)
        progress.report(0.3)
        progress.commit()
        command = [
            str(postgres_tool("psql")),
            "--no-psqlrc",
            "--no-password",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            f"--file={first}",
            f"--file={script}",
            f"--dbname={conninfo}",
        ]
        result = _run(command, env)
        if result.returncode != 0:
            raise _failure(command, result)
    progress.done()


def _shown(path: Path) -> str:
    return os.fspath(path).encode("utf-8", "backslashreplace").decode("utf-8")
