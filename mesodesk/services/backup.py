"""Backups and restores of the clinic's database: one method per action, no Qt.

`BackupService.backup_now()` and `restore(...)` are what the window's menu and the command line
call (and where a record of who did it belongs); `backup_if_due()` is the automatic backup at
start. The work itself (SQLite's online backup, pg_dump, pg_restore) is in `mesodesk.backup`,
shared with the copy `db` keeps before an upgrade.

A restore checks the chosen file whole before it touches anything, then keeps a backup of the
current database, then replaces it in one transaction and upgrades it: a refusal leaves the
current database byte for byte as it was.

Every backup also copies the photo files its records refer to into `photos/` beside it (see
`mesodesk.backup`), and a restore puts back those missing from the data folder. A photo that
cannot be copied or found is told in one sentence; it never undoes the backup or the restore,
and the records of the photos are always kept.

Backups and restores take a `Progress` (from `mesodesk.domain.progress`): the share done is
told as the work goes, and a cancel before the point of no return raises `Cancelled` with
nothing left half-done: no backup file under a final name, the live database untouched.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from mesodesk import backup, migrations, paths
from mesodesk.db import (
    SQLITE_HEADER,
    WRITE_LOCK_OPTION,
    Database,
    DatabaseError,
    inspect_sqlite_file,
    make_engine,
    sqlite_url,
    upgrade_restored,
)
from mesodesk.domain.audit import AuditAction, AuditEvent
from mesodesk.domain.backups import (
    STAMP_FORMAT,
    BackupPolicy,
    is_due,
    is_stale,
    newest_first,
    validate_policy,
)
from mesodesk.domain.progress import Cancelled, Progress, unwatched
from mesodesk.domain.users import REFUSALS, Permission, allows
from mesodesk.migrations import SchemaKind, SchemaState
from mesodesk.models import AuditEntry, ClinicSetting
from mesodesk.services.access import Access
from mesodesk.services.audit import AuditLog
from mesodesk.services.base import Service
from mesodesk.services.errors import ServiceError, ValidationFailed
from mesodesk.services.settings import BACKUP_POLICY_KEY, store_setting

NOTHING_RESTORED = "nothing was restored"
BEFORE_RESTORE = "before-restore"


class BackupFailed(ServiceError):
    """No backup was made; the message says why."""


class RestoreRefused(ServiceError):
    """The restore was refused or failed before the database changed; it is as it was."""


@dataclass(frozen=True)
class BackupStatus:
    newest: datetime | None
    """When the newest backup in the backups folder was made (None: there is none)."""
    folder: Path
    stale: bool
    """The newest backup is older than a week, or there is none."""


@dataclass(frozen=True)
class BackupMade:
    path: Path
    made_at: datetime
    copied_to: Path | None = None
    """The copy in the folder chosen in the settings, when there is one and it worked."""
    copy_problem: str | None = None
    """Why the backup could not also be copied to that folder (the backup itself is made)."""
    removed: tuple[str, ...] = ()
    """Older backups removed to keep the number set in the settings."""
    photos: PhotosKept | None = None
    """The photo files copied beside the backup (None: there was nothing to copy them for)."""


@dataclass(frozen=True)
class PhotosKept:
    """The photos of one backup or restore: how many files were copied, and what went wrong
    (one sentence for the user, None when every photo is where it belongs)."""

    copied: int = 0
    problem: str | None = None


@dataclass(frozen=True)
class RestoreCandidate:
    """A backup file that passed every check and may be restored."""

    path: Path
    revision: str
    needs_upgrade: bool
    made_at: datetime | None
    """The time in the file's name, if it has MesoDesk's name for a backup."""
    patients: int | None
    """How many patient cards it holds (None for a PostgreSQL archive: not counted)."""


@dataclass(frozen=True)
class RestoreDone:
    restored: RestoreCandidate
    kept_copy: Path | None
    """The backup of the database as it was just before (None: there was no database)."""
    photos: PhotosKept = PhotosKept()
    """The photo files put back into the data folder from beside the backup."""


class BackupSettingsService(Service):
    """The backup policy, stored with the clinic settings."""

    def policy(self) -> BackupPolicy:
        with self._read(needs=None) as session:
            row = session.get(ClinicSetting, BACKUP_POLICY_KEY)
            return BackupPolicy() if row is None else _policy(row.value, row.version)

    def save_policy(self, policy: BackupPolicy) -> BackupPolicy:
        policy = checked_policy(policy)
        with self._write(needs=Permission.CLINIC) as session:
            return store_policy(session, policy)


def checked_policy(policy: BackupPolicy) -> BackupPolicy:
    """The policy trimmed as it is stored; `ValidationFailed` for what cannot be saved."""
    policy = replace(policy, copy_folder=policy.copy_folder.strip())
    errors = validate_policy(policy)
    if errors:
        raise ValidationFailed(errors)
    return policy


def store_policy(session: Session, policy: BackupPolicy) -> BackupPolicy:
    """Write a checked policy in the caller's transaction; refuses a stale copy."""
    value = {"keep": policy.keep, "copy_folder": policy.copy_folder}
    return replace(policy, version=store_setting(session, BACKUP_POLICY_KEY, value, policy.version))


def _policy(value: object, version: int) -> BackupPolicy:
    """The stored policy; a value missing or out of range takes its default."""
    raw = value if isinstance(value, dict) else {}
    default = BackupPolicy()
    keep = raw.get("keep")
    folder = raw.get("copy_folder")
    policy = BackupPolicy(
        keep=keep if type(keep) is int else default.keep,
        copy_folder=folder if isinstance(folder, str) else "",
        version=version,
    )
    errors = validate_policy(policy)
    return replace(
        policy,
        keep=default.keep if "keep" in errors else policy.keep,
        copy_folder="" if "copy_folder" in errors else policy.copy_folder,
    )


class BackupService:
    """Backups of one database into its backups folder, and restores into it.

    `settings` is None for the command line, which backs up to a named file and restores
    without reading the database's settings first.
    """

    def __init__(
        self,
        url: URL,
        sqlite_file: Path | None,
        settings: BackupSettingsService | None = None,
        clock: Callable[[], datetime] = datetime.now,
        access: Access | None = None,
        photo_folder: Path | None = None,
    ) -> None:
        self._access = access if access is not None else Access()
        self._url = url
        self._file = sqlite_file
        self._settings = settings
        self._clock = clock
        self._place = backup.place_for(url, sqlite_file)
        self._photo_folder = photo_folder

    @property
    def photo_folder(self) -> Path:
        """The data folder's photos (the photo service's store), looked up on first use."""
        if self._photo_folder is None:
            self._photo_folder = paths.data_dir(create=False) / backup.PHOTOS_FOLDER
        return self._photo_folder

    @classmethod
    def for_database(
        cls,
        database: Database,
        clock: Callable[[], datetime] = datetime.now,
        access: Access | None = None,
    ) -> BackupService:
        return cls(
            database.url,
            database.path,
            BackupSettingsService(database.sessions, access),
            clock,
            access,
        )

    @property
    def folder(self) -> Path:
        return self._place.folder

    @property
    def settings(self) -> BackupSettingsService | None:
        return self._settings

    def policy(self) -> BackupPolicy:
        return self._settings.policy() if self._settings is not None else BackupPolicy()

    # --- backups -----------------------------------------------------------------------------

    def status(self) -> BackupStatus:
        newest = self._newest()
        return BackupStatus(newest, self._place.folder, is_stale(newest, self._clock()))

    def backup_now(self, progress: Progress | None = None) -> BackupMade:
        """A backup into the backups folder, also copied to the chosen folder if there is one;
        then only the newest backups are kept, as many as the settings say.

        Cancelled (`Cancelled`) before its end, it leaves no backup: the files it made under
        a final name are removed again, and older backups are pruned only once it is made.
        """
        progress = unwatched(progress)
        policy = self.policy()
        made_at = self._clock()
        database_share = 0.45 if policy.copy_folder else 0.9
        path = self._make(made_at, progress.part(0.0, database_share))
        made = [path]
        try:
            photos = self._back_up_photos(
                path, self.photo_folder, progress.part(database_share, database_share + 0.1)
            )
            copied_to, problem = self._copy_elsewhere(
                path, policy, made, progress.part(database_share + 0.1, 1.0)
            )
            progress.commit()
        except Cancelled:
            for file in made:
                file.unlink(missing_ok=True)
            raise
        removed = self._prune(self._place.folder, policy.keep)
        if copied_to is not None:
            self._prune(copied_to.parent, policy.keep)
        self._note(AuditAction.BACKUP, ("copied",) if copied_to is not None else ())
        progress.done()
        return BackupMade(path, made_at, copied_to, problem, tuple(removed), photos)

    def backup_if_due(self, progress: Progress | None = None) -> BackupMade | None:
        """The automatic backup at start: made unless a backup was already made today."""
        if not is_due(self._newest(), self._clock()):
            return None
        return self.backup_now(progress)

    def backup_to(self, target: Path, replace_existing: bool) -> PhotosKept:
        """A backup into a file the user names (`mesodesk backup -o FILE`), its photos in
        `photos/` beside it."""
        self._check_source()
        try:
            backup.write_backup(self._url, self._file, target, replace_existing)
        except backup.BackupError as exc:
            raise BackupFailed(f"No backup was made: {_clause(exc)}.") from exc
        photos = self._back_up_photos(target, self.photo_folder)
        self._note(AuditAction.BACKUP, ())
        return photos

    def _back_up_photos(
        self, made: Path, source: Path, progress: Progress | None = None
    ) -> PhotosKept:
        """Copy the photos the backup `made` refers to from the photo folder `source` into
        the one beside it; what cannot be copied is told, the backup itself stays."""
        folder = backup.photos_beside(made)
        try:
            done = backup.copy_photos(backup.photos_in(made), source, folder, progress)
        except backup.BackupError as exc:
            return PhotosKept(0, f"The photos were not backed up: {_clause(exc)}.")
        except OSError as exc:
            return PhotosKept(
                0, f"The photos were not all copied to {_shown(folder)}: {_reason(exc)}."
            )
        if not done.missing:
            return PhotosKept(done.copied)
        count = len(done.missing)
        return PhotosKept(
            done.copied,
            f"{_photos(count)} that the records refer to {'is' if count == 1 else 'are'} "
            f"missing or damaged in {_shown(source)}, so the backup {_shown(Path(made.name))} "
            f"lacks {'it' if count == 1 else 'them'}; the records are kept.",
        )

    def _note(self, action: str, fields: tuple[str, ...]) -> None:
        """The backup or restore in the audit trail of the database itself.

        A database of an older schema has no trail yet, and one that cannot be written just
        now (read-only, busy) does not undo a backup or a restore that is made.
        """
        engine = make_engine(self._url)
        try:
            with engine.connect() as connection:
                connection = connection.execution_options(**{WRITE_LOCK_OPTION: True})
                with connection.begin():
                    if inspect(connection).has_table(AuditEntry.__tablename__):
                        AuditLog().record_all(
                            connection,
                            self._access.actor,
                            [AuditEvent(action, "database", fields=fields)],
                        )
        except SQLAlchemyError:
            pass
        finally:
            engine.dispose()

    def _make(self, made_at: datetime, progress: Progress) -> Path:
        self._check_source()
        try:
            return backup.make_backup(self._url, self._file, made_at, progress=progress)
        except backup.BackupError as exc:
            raise BackupFailed(f"No backup was made: {_clause(exc)}.") from exc
        except OSError as exc:
            raise BackupFailed(
                f"No backup was made in {self._place.folder}: {_reason(exc)}."
            ) from exc

    def _check_source(self) -> None:
        """Only a MesoDesk database is backed up (a mistyped --db is not copied)."""
        if self._file is None:
            return
        try:
            state = inspect_sqlite_file(self._file)
        except DatabaseError as exc:
            raise BackupFailed(f"{_clause(exc)}; no backup was made.") from exc
        if state.kind not in (SchemaKind.CURRENT, SchemaKind.OLDER, SchemaKind.TOO_NEW):
            raise BackupFailed(
                f"{_shown(self._file)} is not a MesoDesk database with data to back up: "
                f"{state.problem or 'it has no MesoDesk tables'}."
            )

    def _newest(self) -> datetime | None:
        found = newest_first(
            backup.backups_in(self._place.folder), self._place.stem, self._place.suffix
        )
        return found[0][0] if found else None

    def _prune(self, folder: Path, keep: int) -> list[str]:
        try:
            return backup.prune(self._place, folder, keep)
        except OSError:
            return []  # an old backup that cannot be removed now is removed next time

    def _copy_elsewhere(
        self, path: Path, policy: BackupPolicy, made: list[Path], progress: Progress
    ) -> tuple[Path | None, str | None]:
        """Copy the backup to the folder chosen in the settings; a failure is told, not fatal.
        The copy's path goes into `made` as soon as it has its name (removed if cancelled)."""
        if not policy.copy_folder:
            progress.done()
            return None, None
        folder = Path(policy.copy_folder).expanduser()
        if not folder.is_dir():
            return None, (
                f"The backup was not copied to {_shown(folder)}: the folder is not there "
                "(is the disk connected, the network share reachable?)."
            )
        target = folder / path.name
        size = max(path.stat().st_size, 1)
        copying = progress.part(0.0, 0.9)
        try:
            with backup.partial_file(target, f"{self._place.stem}-") as partial:
                with path.open("rb") as source, partial.open("wb") as copy:
                    while chunk := source.read(1 << 20):
                        copying.check()
                        copy.write(chunk)
                        copying.report(source.tell() / size)
                backup.put_in_place(partial, target, replace=False)
                made.append(target)
        except OSError as exc:
            return None, f"The backup was not copied to {_shown(folder)}: {_reason(exc)}."
        photos = self._back_up_photos(target, backup.photos_beside(path), progress.part(0.9, 1.0))
        if photos.problem is not None:
            return target, f"In {_shown(folder)}: {photos.problem}"
        return target, None

    # --- restores ----------------------------------------------------------------------------

    def check_restore(self, file: Path, progress: Progress | None = None) -> RestoreCandidate:
        """Read the whole file and say what it holds, or refuse it; changes nothing."""
        file = Path(file).absolute()
        _check_file(file)
        with file.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        postgres = header.startswith(backup.POSTGRES_ARCHIVE_HEADER)
        if self._file is not None:
            if postgres:
                raise RestoreRefused(
                    f"{_shown(file)} is a backup of a PostgreSQL database (a pg_dump archive); "
                    f"it is restored into a PostgreSQL database, not an SQLite file; "
                    f"{NOTHING_RESTORED}."
                )
            if header != SQLITE_HEADER:
                raise RestoreRefused(
                    f"{_shown(file)} is not a MesoDesk backup (not an SQLite database); "
                    f"{NOTHING_RESTORED}."
                )
            self._refuse_the_database_itself(file)
            return _check_sqlite_backup(file, unwatched(progress))
        if header == SQLITE_HEADER:
            raise RestoreRefused(
                f"{_shown(file)} is a backup of an SQLite database; this database is on a "
                f"PostgreSQL server, which restores pg_dump archives; {NOTHING_RESTORED}."
            )
        if not postgres:
            raise RestoreRefused(
                f"{_shown(file)} is not a MesoDesk backup (neither an SQLite database nor a "
                f"pg_dump archive); {NOTHING_RESTORED}."
            )
        return _check_postgres_backup(file)

    def restore(
        self, file: Path, create: bool = False, progress: Progress | None = None
    ) -> RestoreDone:
        """Replace the database by the backup `file`, upgraded to this version's schema.

        `create`: an SQLite database file that does not exist (a new disk after a failure)
        is made from the backup; otherwise it is refused. Cancelled (`Cancelled`) before the
        database is replaced, it changes nothing: neither the database nor the backups folder
        (the copy kept of the database as it was is removed again).
        """
        progress = unwatched(progress)
        user = self._access.user
        if user is not None and not allows(user.role, Permission.CLINIC):
            raise RestoreRefused(f"{REFUSALS[Permission.CLINIC].rstrip('.')}; {NOTHING_RESTORED}.")
        candidate = self.check_restore(file, progress.part(0.0, 0.15))
        if self._file is not None:
            done = self._restore_sqlite(candidate, self._file, create, progress.part(0.15, 0.95))
        else:
            done = self._restore_postgres(candidate, progress.part(0.15, 0.95))
        photos = self._restore_photos(candidate.path, progress.part(0.95, 1.0))
        progress.done()
        return replace(done, photos=photos)

    def _restore_photos(self, file: Path, progress: Progress) -> PhotosKept:
        """Put back the photos the restored records refer to that the data folder lacks,
        from `photos/` beside the backup; what cannot be found is told, the restore stays."""
        source = backup.photos_beside(file)
        try:
            names = backup.photos_in(file)
            if names and self._photo_folder is None:
                paths.data_dir()  # made owner-only before the photos go in
            done = backup.copy_photos(names, source, self.photo_folder, progress)
        except backup.BackupError as exc:
            return PhotosKept(
                0, f"The photos were not put back: {_clause(exc)}; the records are restored."
            )
        except OSError as exc:
            return PhotosKept(
                0,
                f"The photos were not all put back into "
                f"{_shown(self.photo_folder)}: {_reason(exc)}; the records are "
                "restored.",
            )
        if not done.missing:
            return PhotosKept(done.copied)
        count = len(done.missing)
        return PhotosKept(
            done.copied,
            f"{_photos(count)} of the restored records {'was' if count == 1 else 'were'} not "
            f"found in the data folder nor in {_shown(source)} beside the backup; the records "
            f"{'of it are' if count == 1 else 'of them are'} kept, without the "
            f"{'picture' if count == 1 else 'pictures'}.",
        )

    def _refuse_the_database_itself(self, file: Path) -> None:
        assert self._file is not None
        for own in backup.sqlite_set(self._file):
            with contextlib.suppress(OSError):
                if own.exists() and file.samefile(own):
                    raise RestoreRefused(
                        f"{_shown(file)} is the database itself, not a backup of it; "
                        f"{NOTHING_RESTORED}."
                    )

    def _restore_sqlite(
        self, candidate: RestoreCandidate, live: Path, create: bool, progress: Progress
    ) -> RestoreDone:
        exists = os.path.lexists(live)
        if exists:
            self._check_replaceable_file(live)
        elif not create:
            raise RestoreRefused(
                f"No database file at {_shown(live)}; {NOTHING_RESTORED}. Check the path, or "
                "add --create to make the database there from the backup."
            )
        elif not live.parent.is_dir():
            raise RestoreRefused(
                f"The folder {_shown(live.parent)} does not exist; {NOTHING_RESTORED}."
            )
        try:
            with backup.partial_file(live) as partial:
                backup.copy_sqlite(
                    candidate.path, partial, only_read=True, progress=progress.part(0.0, 0.3)
                )
                if exists:
                    backup.match_page_size(
                        partial, backup.sqlite_page_size(live), progress.part(0.3, 0.4)
                    )
                upgrade_restored(sqlite_url(partial))
                progress.check()
                kept = self._keep_current(progress.part(0.45, 0.7)) if exists else None
                try:
                    if kept is not None:
                        backup.replace_sqlite_contents(live, partial, progress.part(0.7, 1.0))
                        progress.passed()
                    else:
                        progress.commit()
                        backup.put_in_place(partial, live, replace=False)
                except Cancelled:
                    if kept is not None:
                        kept.unlink(missing_ok=True)
                    raise
        except FileExistsError as exc:
            raise RestoreRefused(
                f"A database file appeared at {_shown(live)} meanwhile; {NOTHING_RESTORED}."
            ) from exc
        except (backup.BackupError, DatabaseError) as exc:
            raise RestoreRefused(f"{_clause(exc)}; {NOTHING_RESTORED}.") from exc
        except (OSError, sqlite3.Error) as exc:
            raise RestoreRefused(f"Cannot restore: {_reason(exc)}; {NOTHING_RESTORED}.") from exc
        self._note(AuditAction.RESTORE, ())
        return RestoreDone(candidate, kept)

    def _check_replaceable_file(self, live: Path) -> None:
        """The current file must be a MesoDesk database MesoDesk may write (not a mistyped
        path to another file), and copied first."""
        try:
            state = inspect_sqlite_file(live)
        except DatabaseError as exc:
            raise RestoreRefused(
                f"The current database cannot be replaced: {_clause(exc)}; {NOTHING_RESTORED}."
            ) from exc
        _refuse_unreplaceable(state, _shown(live))
        for target in (live, live.parent):
            if not os.access(target, os.W_OK):
                raise RestoreRefused(f"{_shown(target)} is read-only; {NOTHING_RESTORED}.")

    def _keep_current(self, progress: Progress) -> Path:
        try:
            kept = backup.make_backup(
                self._url, self._file, self._clock(), BEFORE_RESTORE, progress.part(0.0, 0.9)
            )
        except backup.BackupError as exc:
            raise backup.BackupError(
                f"The current database could not be backed up first ({exc}). If it is "
                "damaged, move the file aside and restore with --create"
            ) from exc
        try:  # they also stay in the data folder
            self._back_up_photos(kept, self.photo_folder, progress.part(0.9, 1.0))
        except Cancelled:
            kept.unlink(missing_ok=True)
            raise
        return kept

    def _restore_postgres(self, candidate: RestoreCandidate, progress: Progress) -> RestoreDone:
        state = self._server_state()
        _refuse_unreplaceable(state, "The database")
        kept = None
        try:
            if state.kind is not SchemaKind.NEW:
                kept = self._keep_current(progress.part(0.0, 0.5))
            every_table = set(migrations.head_tables())
            for tables in migrations.tables_by_revision().values():
                every_table |= tables
            backup.restore_postgres(
                self._url,
                candidate.path,
                every_table | {migrations.VERSION_TABLE},
                migrations.POSTGRES_LOCK_KEY,
                progress.part(0.5, 1.0),
            )
        except Cancelled:
            if kept is not None:
                kept.unlink(missing_ok=True)
            raise
        except backup.BackupError as exc:
            raise RestoreRefused(f"{_clause(exc)}; {NOTHING_RESTORED}.") from exc
        except OSError as exc:
            raise RestoreRefused(f"Cannot restore: {_reason(exc)}; {NOTHING_RESTORED}.") from exc
        try:
            upgrade_restored(self._url.render_as_string(hide_password=False))
        except DatabaseError as exc:
            raise RestoreRefused(
                f"The backup was restored but could not be upgraded: {exc} It is upgraded "
                "the next time MesoDesk opens the database."
            ) from exc
        self._note(AuditAction.RESTORE, ())
        return RestoreDone(candidate, kept)

    def _server_state(self) -> SchemaState:
        engine = make_engine(self._url)
        try:
            with engine.connect() as connection:
                return migrations.schema_state(connection)
        except DBAPIError as exc:
            original = getattr(exc, "orig", None) or exc
            first = str(original).strip().splitlines()[0] if str(original).strip() else ""
            raise RestoreRefused(
                f"Cannot reach the database: {first}; {NOTHING_RESTORED}."
            ) from exc
        finally:
            engine.dispose()


# --- checking a backup file ---------------------------------------------------------------------


def _check_file(file: Path) -> None:
    if not os.path.lexists(file):
        raise RestoreRefused(f"No file at {_shown(file)}; {NOTHING_RESTORED}.")
    if file.is_dir():
        raise RestoreRefused(f"{_shown(file)} is a folder, not a backup file; {NOTHING_RESTORED}.")
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise RestoreRefused(f"Cannot read {_shown(file)}: {_reason(exc)}.") from exc
    if size == 0:
        raise RestoreRefused(
            f"{_shown(file)} is an empty file, not a MesoDesk backup; {NOTHING_RESTORED}."
        )
    if not os.access(file, os.R_OK):
        raise RestoreRefused(f"{_shown(file)} cannot be read (no permission); {NOTHING_RESTORED}.")


def _check_sqlite_backup(file: Path, progress: Progress) -> RestoreCandidate:
    short = _cut_short(file)
    if short:
        raise RestoreRefused(
            f"{_shown(file)} is cut short ({short}): an incomplete copy; {NOTHING_RESTORED}. "
            "Choose another backup."
        )
    try:
        connection = sqlite3.connect(backup.read_only_uri(file), uri=True)
    except sqlite3.Error as exc:
        raise RestoreRefused(f"Cannot read {_shown(file)}: {exc}; {NOTHING_RESTORED}.") from exc
    try:
        backup.watch_cancel(connection, progress)
        verdict = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        if verdict != ["ok"]:
            raise RestoreRefused(
                f"{_shown(file)} fails SQLite's integrity check ({verdict[0]}): the backup is "
                f"damaged; {NOTHING_RESTORED}. Choose another backup."
            )
        tables = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        versions: list[str] | None = None
        if migrations.VERSION_TABLE in tables:
            versions = [
                str(v) for (v,) in connection.execute("SELECT version_num FROM alembic_version")
            ]
        state = migrations.classify(versions, tables - {migrations.VERSION_TABLE})
        _refuse_unrestorable(state, file)
        patients = connection.execute("SELECT count(*) FROM patients").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        progress.check()
        raise RestoreRefused(
            f"{_shown(file)} cannot be read as a database ({exc}): the backup is damaged; "
            f"{NOTHING_RESTORED}."
        ) from exc
    finally:
        connection.close()
    assert state.current is not None
    return RestoreCandidate(
        file, state.current, state.needs_upgrade, _time_in_name(file.name), int(patients)
    )


def _cut_short(file: Path) -> str:
    """Why the file is shorter than its SQLite header says it is ("" if it is not)."""
    with file.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100:
        return f"{len(header)} bytes, less than an SQLite header"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # the page count is valid for this version
    size = file.stat().st_size
    if counted and pages and size < pages * page_size:
        return f"{size} of {pages * page_size} bytes"
    if page_size and size % page_size:
        return f"{size} bytes, not a whole number of {page_size}-byte pages"
    return ""


def _check_postgres_backup(file: Path) -> RestoreCandidate:
    try:
        contents = backup.read_postgres_archive(file)
    except backup.BackupError as exc:
        raise RestoreRefused(f"{_clause(exc)}; {NOTHING_RESTORED}.") from exc
    state = migrations.classify(contents.versions, contents.tables)
    _refuse_unrestorable(state, file)
    assert state.current is not None
    return RestoreCandidate(
        file, state.current, state.needs_upgrade, _time_in_name(file.name), None
    )


def _refuse_unrestorable(state: SchemaState, file: Path) -> None:
    if state.kind in (SchemaKind.CURRENT, SchemaKind.OLDER):
        return
    shown = _shown(file)
    advice = ""
    if state.kind is SchemaKind.NEW:
        reason = f"{shown} is an empty database with no MesoDesk data"
    elif state.kind is SchemaKind.TOO_NEW:
        reason = (
            f"{shown} was made by a newer version of MesoDesk (schema {state.current}; this "
            f"version knows schemas up to {state.head})"
        )
        advice = " Install the newer version of MesoDesk to restore it."
    elif state.kind is SchemaKind.FOREIGN:
        reason = f"{shown} is not a MesoDesk backup: {state.problem}"
    else:
        reason = f"{shown} cannot be restored: {state.problem}"
    raise RestoreRefused(f"{reason}; {NOTHING_RESTORED}.{advice}")


def _refuse_unreplaceable(state: SchemaState, what: str) -> None:
    """The database a restore would replace: only MesoDesk's own (or an empty one)."""
    if state.kind in (SchemaKind.CURRENT, SchemaKind.OLDER, SchemaKind.NEW):
        return
    if state.kind is SchemaKind.TOO_NEW:
        reason = f"{what} was written by a newer version of MesoDesk (schema {state.current})"
    elif state.kind is SchemaKind.FOREIGN:
        reason = f"{what} is not a MesoDesk database ({state.problem}), so it is not replaced"
    else:
        reason = f"{what} cannot be replaced as it is: {state.problem}"
    raise RestoreRefused(f"{reason}; {NOTHING_RESTORED}.")


def _time_in_name(name: str) -> datetime | None:
    found = re.search(r"\d{4}-\d{2}-\d{2}T\d{6}", name)
    if found is None:
        return None
    try:
        return datetime.strptime(found[0], STAMP_FORMAT)
    except ValueError:
        return None


def _photos(count: int) -> str:
    return "1 photo" if count == 1 else f"{count} photos"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror} ({_shown(Path(exc.filename))})" if exc.filename else exc.strerror
    return str(exc)


def _clause(exc: BaseException) -> str:
    """A message as the first part of a sentence that goes on."""
    return _without_reassurance(str(exc)).rstrip(" .;")


def _without_reassurance(message: str) -> str:
    return re.sub(r"[;.]?\s*[Nn]othing was changed\.?$", "", message.strip()).rstrip(".")


def _shown(path: Path) -> str:
    return os.fspath(path).encode("utf-8", "backslashreplace").decode("utf-8")
