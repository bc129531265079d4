"""The history database: an append-only SQLite log of events that survives crashes and bad disks.

One transaction per event, in WAL mode with full sync, so a process killed at any moment loses at
most the event it was writing. Nothing here ever stops the app: a database it cannot use becomes
a notice (a value the app shows once) and the app carries on without history.

- A database written by a newer deskbreak (a higher `PRAGMA user_version`) is refused and left
  exactly as it is.
- A corrupt or unreadable database is renamed `history.sqlite3.corrupt-<UTC time>` (with its
  `-wal` file, so the copy can still be opened) and a new one is started.
- A full disk or a read-only file: writes fail with a notice, the next event tries again.

Nothing leaves the machine: the database is a file in the data folder, and nothing else reads it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Self, assert_never

from deskbreak.core.atomic import move_aside
from deskbreak.core.history.codec import (
    EventFormatError,
    decode_at,
    decode_event,
    encode_at,
    encode_event,
)
from deskbreak.core.history.events import HistoryEntry, HistoryEvent
from deskbreak.core.history.migrations import SCHEMA_VERSION, migrate, user_version

BUSY_TIMEOUT_SECONDS = 2.0
WAL_CHECKPOINT_PAGES = 100
WAL_SIZE_LIMIT_BYTES = 1 << 20
CORRUPT_TAG = "corrupt"

Connect = Callable[[Path], sqlite3.Connection]


# --- what the app is told ------------------------------------------------------------------------


@dataclass(frozen=True)
class StartedAfresh:
    """The old database could not be read; it was kept under `moved_to` and a new one begun."""

    path: Path
    moved_to: Path
    reason: str


@dataclass(frozen=True)
class NewerVersion:
    """Written by a newer deskbreak: left untouched, and this run keeps no history."""

    path: Path
    found: int
    supported: int


@dataclass(frozen=True)
class CannotOpen:
    """The database cannot be opened or created (read-only, disk full, no permission)."""

    path: Path
    reason: str


@dataclass(frozen=True)
class CannotWrite:
    """Saving an event failed; the next event tries again."""

    path: Path
    reason: str


HistoryNotice = StartedAfresh | NewerVersion | CannotOpen | CannotWrite


def notice_message(notice: HistoryNotice) -> str:
    """The sentence the app shows once for a notice."""
    match notice:
        case StartedAfresh(moved_to=moved_to, reason=reason):
            return (
                f"deskbreak could not read its history ({reason}). It kept the old file as "
                f"{moved_to.name} and started a new history beside it."
            )
        case NewerVersion(path=path, found=found, supported=supported):
            return (
                f"Your history ({path}) was written by a newer deskbreak (format {found}; this one "
                f"reads up to {supported}). It was left untouched; update deskbreak to keep recording."
            )
        case CannotOpen(path=path, reason=reason):
            return f"deskbreak cannot open its history ({path}): {reason}. It keeps running without history."
        case CannotWrite(path=path, reason=reason):
            return (
                f"deskbreak could not save to its history ({path}): {reason}. "
                "It keeps running and tries again with the next event."
            )
    assert_never(notice)


class HistoryReadError(Exception):
    """The history cannot be read for a report or an export; the message is for the user."""


@dataclass(frozen=True)
class HistoryOpening:
    """What `open_history` found: a store to write to (or None), and what to tell the user (or None)."""

    store: HistoryStore | None
    notice: HistoryNotice | None


@dataclass(frozen=True)
class StoredRow:
    """A row as it is on disk, for the export: kept even when this deskbreak cannot decode its kind."""

    at: datetime
    kind: str
    detail: str


# --- opening -------------------------------------------------------------------------------------


def connect_file(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: every transaction in this module is explicit."""
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)


def open_history(path: Path, now: datetime, connect: Connect = connect_file) -> HistoryOpening:
    """Open (or create) the history for writing; never raises for a bad file or a bad disk."""
    opening = _open(path, connect)
    if not isinstance(opening, _Damaged):
        return opening
    try:
        moved_to = _move_aside(path, now)
    except OSError as exc:
        return HistoryOpening(
            None, CannotOpen(path, f"{opening.reason}, and it cannot be moved aside ({_os_reason(exc)})")
        )
    fresh = _open(path, connect)
    if isinstance(fresh, _Damaged):  # pragma: no cover - a brand-new file cannot be damaged
        return HistoryOpening(None, CannotOpen(path, fresh.reason))
    if fresh.store is None:
        return fresh
    return HistoryOpening(fresh.store, StartedAfresh(path, moved_to, opening.reason))


def open_history_for_reading(path: Path) -> HistoryStore | None:
    """Open the history read-only (for `deskbreak history`); None when there is none yet.

    Nothing is created, migrated or moved: that is the running app's job.
    """
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
        )
        version = user_version(connection)
    except sqlite3.Error as exc:
        raise HistoryReadError(f"{path} cannot be read: {_sqlite_reason(exc)}") from None
    if version > SCHEMA_VERSION:
        connection.close()
        raise HistoryReadError(
            f"{path} was written by a newer deskbreak (format {version}; this one reads up to {SCHEMA_VERSION})"
        )
    if version == 0:
        connection.close()
        return None
    return HistoryStore(path, connection)


@dataclass(frozen=True)
class _Damaged:
    reason: str


def _open(path: Path, connect: Connect) -> HistoryOpening | _Damaged:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return HistoryOpening(None, CannotOpen(path, _os_reason(exc)))
    if path.exists():
        verdict = _probe(path)
        if verdict is not None:
            return verdict
    try:
        connection = connect(path)
    except sqlite3.Error as exc:
        return HistoryOpening(None, CannotOpen(path, _sqlite_reason(exc)))
    try:
        connection.execute("PRAGMA journal_mode = WAL").fetchone()
        connection.execute("PRAGMA synchronous = FULL")
        # A few events an hour: fold the log into the file every 100 pages and keep it small after.
        connection.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        connection.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT_BYTES}")
        migrate(connection)
    except sqlite3.Error as exc:
        connection.close()
        if _is_corrupt(exc):
            return _Damaged(_sqlite_reason(exc))
        return HistoryOpening(None, CannotOpen(path, _sqlite_reason(exc)))
    return HistoryOpening(HistoryStore(path, connection, connect), None)


def _probe(path: Path) -> HistoryOpening | _Damaged | None:
    """Look at an existing file read-only first: a read-write connection to a file that turns out
    damaged or newer would, on closing, fold or delete its write-ahead log, which must stay as found.
    """
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
        )
    except sqlite3.Error as exc:
        return (
            _Damaged(_sqlite_reason(exc))
            if _is_unreadable(exc)
            else HistoryOpening(None, CannotOpen(path, _sqlite_reason(exc)))
        )
    try:
        version = user_version(connection)
        if version > SCHEMA_VERSION:
            return HistoryOpening(None, NewerVersion(path, version, SCHEMA_VERSION))
        if version > 0:
            check = connection.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                return _Damaged(f"the file is damaged: {check[0][0]}")
    except sqlite3.Error as exc:
        if _is_unreadable(exc):
            return _Damaged(_sqlite_reason(exc))
        return HistoryOpening(None, CannotOpen(path, _sqlite_reason(exc)))
    finally:
        connection.close()
    return None


def _move_aside(path: Path, now: datetime) -> Path:
    moved_to = move_aside(path, now, CORRUPT_TAG)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, moved_to.with_name(moved_to.name + suffix))
    return moved_to


# --- the store -----------------------------------------------------------------------------------


class HistoryStore:
    """Appends events and reads them back in time order. Not thread-safe: use it from one thread."""

    def __init__(self, path: Path, connection: sqlite3.Connection, connect: Connect | None = None) -> None:
        self.path = path
        self._connection = connection
        self._connect = connect  # None: opened read-only, never writes or moves anything
        self._failing = False

    def append(self, at: datetime, event: HistoryEvent) -> HistoryNotice | None:
        """Save one event in its own transaction; a notice only when saving starts failing."""
        if self._connect is None:
            raise RuntimeError("this history was opened for reading")
        at_us = encode_at(at)
        kind, detail = encode_event(event)
        try:
            self._insert(at_us, kind, detail)
        except sqlite3.Error as exc:
            if _is_corrupt(exc):
                return self._start_afresh(at, at_us, kind, detail, _sqlite_reason(exc))
            return self._write_failed(_sqlite_reason(exc))
        self._failing = False
        return None

    def entries(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Sequence[type[HistoryEvent]] | None = None,
    ) -> list[HistoryEntry]:
        """Events with `since <= at < until` (of `kinds` only, when given), oldest first.

        Rows this deskbreak cannot decode (a kind added by a newer version, a damaged row) are left
        out here; the export still writes them.
        """
        entries = []
        for row in self.rows(since, until, kinds):
            try:
                entries.append(HistoryEntry(row.at, decode_event(row.kind, row.detail)))
            except EventFormatError:
                continue
        return entries

    def latest(self, kinds: Sequence[type[HistoryEvent]], before: datetime) -> HistoryEntry | None:
        """The newest readable event of one of `kinds` before an instant."""
        names = [kind.KIND for kind in kinds]
        marks = ",".join("?" * len(names))
        query = (
            f"SELECT at_utc_us, kind, detail FROM events WHERE kind IN ({marks}) AND at_utc_us < ?"
            " ORDER BY at_utc_us DESC, id DESC"
        )
        for at_us, kind, detail in self._read(query, (*names, encode_at(before))):
            try:
                return HistoryEntry(decode_at(at_us), decode_event(kind, detail))
            except EventFormatError:
                continue
        return None

    def rows(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Sequence[type[HistoryEvent]] | None = None,
    ) -> Iterator[StoredRow]:
        """Every row in the range as stored, oldest first."""
        low = encode_at(since) if since is not None else -(2**62)
        high = encode_at(until) if until is not None else 2**62
        names = [kind.KIND for kind in kinds] if kinds is not None else []
        of_kinds = f" AND kind IN ({','.join('?' * len(names))})" if kinds is not None else ""
        query = (
            f"SELECT at_utc_us, kind, detail FROM events WHERE at_utc_us >= ? AND at_utc_us < ?{of_kinds}"
            " ORDER BY at_utc_us, id"
        )
        for at_us, kind, detail in self._read(query, (low, high, *names)):
            yield StoredRow(decode_at(at_us), kind, detail)

    def count(self) -> int:
        rows = self._read("SELECT count(*) FROM events", ())
        return int(rows[0][0])

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _read(self, query: str, parameters: tuple[object, ...]) -> list[tuple[int, str, str]]:
        try:
            return self._connection.execute(query, parameters).fetchall()
        except sqlite3.Error as exc:
            raise HistoryReadError(f"{self.path} cannot be read: {_sqlite_reason(exc)}") from None

    def _insert(self, at_us: int, kind: str, detail: str) -> None:
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(
                "INSERT INTO events (at_utc_us, kind, detail) VALUES (?, ?, ?)", (at_us, kind, detail)
            )
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise

    def _write_failed(self, reason: str) -> HistoryNotice | None:
        if self._failing:
            return None  # already said; one message per run of failures
        self._failing = True
        return CannotWrite(self.path, reason)

    def _start_afresh(
        self, at: datetime, at_us: int, kind: str, detail: str, reason: str
    ) -> HistoryNotice | None:
        """The file went bad while running: keep it aside, start a new one, and save the event there."""
        assert self._connect is not None
        self._connection.close()
        try:
            moved_to = _move_aside(self.path, at)
        except OSError as exc:
            return self._write_failed(f"{reason}, and it cannot be moved aside ({_os_reason(exc)})")
        opening = _open(self.path, self._connect)
        if not isinstance(opening, HistoryOpening) or opening.store is None:
            return self._write_failed(reason)
        self._connection = opening.store._connection
        try:
            self._insert(at_us, kind, detail)
        except sqlite3.Error as exc:
            return self._write_failed(_sqlite_reason(exc))
        self._failing = False
        return StartedAfresh(self.path, moved_to, reason)


# --- telling errors apart ------------------------------------------------------------------------

_REASONS = {
    "SQLITE_FULL": "the disk is full",
    "SQLITE_READONLY": "the file or its folder is read-only",
    "SQLITE_IOERR": "the disk reported a read or write error",
    "SQLITE_CANTOPEN": "the file cannot be opened",
    "SQLITE_PERM": "permission denied",
    "SQLITE_AUTH": "permission denied",
    "SQLITE_BUSY": "another program keeps it locked",
    "SQLITE_LOCKED": "another program keeps it locked",
    "SQLITE_CORRUPT": "the file is damaged",
    "SQLITE_NOTADB": "the file is not a history database",
}


_UNREADABLE = frozenset({"SQLITE_PERM", "SQLITE_IOERR_READ", "SQLITE_IOERR_SHORT_READ"})


def _error_name(exc: sqlite3.Error) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return str(name)


def _sqlite_reason(exc: sqlite3.Error) -> str:
    name = _error_name(exc)
    for prefix, reason in _REASONS.items():
        if name == prefix or name.startswith(prefix + "_"):
            return reason
    return str(exc) or type(exc).__name__


def _is_corrupt(exc: sqlite3.Error) -> bool:
    name = _error_name(exc)
    return any(name == base or name.startswith(base + "_") for base in ("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def _is_unreadable(exc: sqlite3.Error) -> bool:
    """An existing file that SQLite cannot open or read at all (not a full disk, not read-only)."""
    name = _error_name(exc)
    return _is_corrupt(exc) or name in _UNREADABLE or name.startswith("SQLITE_CANTOPEN")


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
