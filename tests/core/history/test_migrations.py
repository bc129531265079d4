"""Each schema step has a test; steps run in order, each atomically with its version bump."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from deskbreak.core.history.migrations import MIGRATIONS, SCHEMA_VERSION, Migration, migrate, user_version


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(tmp_path / "history.sqlite3", isolation_level=None)
    yield connection
    connection.close()


def test_step_1_creates_the_events_table_with_its_time_index(connection: sqlite3.Connection) -> None:
    assert migrate(connection) == ["create the events table"]
    columns = [row[1] for row in connection.execute("PRAGMA table_info(events)")]
    assert columns == ["id", "at_utc_us", "kind", "detail"]
    indexes = [row[1] for row in connection.execute("PRAGMA index_list(events)")]
    assert indexes == ["events_by_time"]
    assert user_version(connection) == 1


def test_the_schema_version_is_the_last_step() -> None:
    assert SCHEMA_VERSION == MIGRATIONS[-1].version == len(MIGRATIONS)


def test_steps_are_numbered_one_after_another() -> None:
    assert [migration.version for migration in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_an_up_to_date_database_gets_no_step(connection: sqlite3.Connection) -> None:
    migrate(connection)
    assert migrate(connection) == []


def _add_table(name: str) -> Migration:
    def apply(connection: sqlite3.Connection) -> None:
        connection.execute(f"CREATE TABLE {name} (x)")

    return Migration(0, f"add {name}", apply)


def test_only_the_steps_past_the_current_version_run(connection: sqlite3.Connection) -> None:
    steps = [
        Migration(1, "add one", _add_table("one").apply),
        Migration(2, "add two", _add_table("two").apply),
    ]
    migrate(connection, steps[:1])
    assert migrate(connection, steps) == ["add two"]
    assert user_version(connection) == 2


def test_a_failing_step_leaves_the_database_at_the_version_before(connection: sqlite3.Connection) -> None:
    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("disk I/O error")

    steps = [Migration(1, "add one", _add_table("one").apply), Migration(2, "broken", broken)]
    with pytest.raises(sqlite3.OperationalError):
        migrate(connection, steps)
    assert user_version(connection) == 1
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"one"}
