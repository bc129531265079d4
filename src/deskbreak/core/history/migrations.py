"""The history database's schema, as named steps: step N takes a database from version N-1 to N.

The version lives in `PRAGMA user_version`. Each step runs in the same transaction as the
version bump, so a database is always at one version or the next, never in between. A new kind
of event needs no step (events are rows of kind + JSON); a new column or table does.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step; `version` is what `PRAGMA user_version` reads after it."""

    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


def create_events_table(connection: sqlite3.Connection) -> None:
    """Version 1: one append-only table; instants as UTC microseconds, the event's fields as JSON."""
    connection.execute(
        "CREATE TABLE events ("
        " id INTEGER PRIMARY KEY,"
        " at_utc_us INTEGER NOT NULL,"
        " kind TEXT NOT NULL,"
        " detail TEXT NOT NULL)"
    )
    connection.execute("CREATE INDEX events_by_time ON events (at_utc_us)")


MIGRATIONS: tuple[Migration, ...] = (Migration(1, "create the events table", create_events_table),)
SCHEMA_VERSION = MIGRATIONS[-1].version


def user_version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(connection: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Bring the schema up to the last step; returns the names of the steps applied.

    The caller has checked the database is not newer than `migrations` know. The connection must
    be in autocommit mode (`isolation_level=None`), so the transactions here are the only ones.
    """
    applied: list[str] = []
    for migration in migrations:
        connection.execute("BEGIN IMMEDIATE")
        try:
            if user_version(connection) >= migration.version:
                connection.execute("ROLLBACK")
                continue
            migration.apply(connection)
            connection.execute(f"PRAGMA user_version = {int(migration.version)}")
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise
        applied.append(migration.name)
    return applied
