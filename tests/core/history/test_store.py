"""The history store: appends survive crashes; bad files are kept aside or left alone, never fatal."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from deskbreak.core.history.events import (
    AppStarted,
    CheckIn,
    HistoryEntry,
    PostureChanged,
    PromptShown,
    PromptSkipped,
)
from deskbreak.core.history.store import (
    CannotOpen,
    CannotWrite,
    HistoryReadError,
    HistoryStore,
    NewerVersion,
    StartedAfresh,
    connect_file,
    notice_message,
    open_history,
    open_history_for_reading,
)
from deskbreak.core.kinds import PromptKind

from .samples import MONDAY, SAMPLES

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return NOW + timedelta(minutes=minutes)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def store(path: Path) -> Iterator[HistoryStore]:
    opening = open_history(path, NOW)
    assert opening.store is not None
    yield opening.store
    opening.store.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pragma(path: Path, name: str) -> object:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


# --- a healthy database --------------------------------------------------------------------------


def test_a_new_history_is_created_in_wal_mode_at_the_current_version(path: Path) -> None:
    opening = open_history(path, NOW)
    assert opening.store is not None
    assert opening.notice is None
    opening.store.close()
    assert _pragma(path, "journal_mode") == "wal"
    assert _pragma(path, "user_version") == 1


def test_every_kind_of_event_reads_back_as_written(store: HistoryStore) -> None:
    for minute, event in enumerate(SAMPLES):
        assert store.append(at(minute), event) is None
    assert store.entries() == [HistoryEntry(at(minute), event) for minute, event in enumerate(SAMPLES)]


def test_entries_come_back_in_time_order_whatever_order_they_were_written(store: HistoryStore) -> None:
    store.append(at(10), PromptSkipped(2))
    store.append(at(5), PromptSkipped(1))
    assert [entry.event for entry in store.entries()] == [PromptSkipped(1), PromptSkipped(2)]


def test_a_range_includes_its_start_and_excludes_its_end(store: HistoryStore) -> None:
    for minute in range(4):
        store.append(at(minute), PromptSkipped(minute))
    assert [entry.event for entry in store.entries(at(1), at(3))] == [PromptSkipped(1), PromptSkipped(2)]


def test_latest_finds_the_newest_event_of_the_kinds_asked_before_an_instant(store: HistoryStore) -> None:
    store.append(at(1), AppStarted())
    store.append(at(2), PostureChanged("standing"))
    store.append(at(3), PromptSkipped(1))
    store.append(at(4), PostureChanged("sitting"))
    assert store.latest([PostureChanged, AppStarted], before=at(4)) == HistoryEntry(
        at(2), PostureChanged("standing")
    )
    assert store.latest([CheckIn], before=at(9)) is None


def test_the_history_outlives_the_process_that_wrote_it(path: Path) -> None:
    with open_history(path, NOW).store as first:  # type: ignore[union-attr]
        first.append(at(1), CheckIn(3, MONDAY))
    with open_history(path, NOW).store as second:  # type: ignore[union-attr]
        assert second.entries() == [HistoryEntry(at(1), CheckIn(3, MONDAY))]


def test_a_row_of_an_unknown_kind_is_left_out_of_entries_but_kept_as_a_row(
    store: HistoryStore, path: Path
) -> None:
    store.append(at(1), CheckIn(3, MONDAY))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("INSERT INTO events (at_utc_us, kind, detail) VALUES (?, 'mood', '{}')", (1,))
    other.close()
    assert store.entries() == [HistoryEntry(at(1), CheckIn(3, MONDAY))]
    assert [row.kind for row in store.rows()] == ["mood", "check_in"]


# --- a killed writer -----------------------------------------------------------------------------


def test_a_writer_killed_at_any_moment_loses_at_most_the_event_it_was_writing(path: Path) -> None:
    writer = Path(__file__).with_name("killed_writer.py")
    rng = random.Random(12)
    confirmed = 0
    for _round in range(16):
        child = subprocess.Popen(
            [sys.executable, str(writer), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        assert child.stdin is not None
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        wanted = rng.choice([0, 0, 1, 2, 5, 20, 60])  # 0: kill while it opens (and creates) the history
        for _ in range(wanted):
            child.stdin.write("go\n")
            line = child.stdout.readline()
            assert line.strip().isdigit(), line
            confirmed = int(line) + 1
        child.stdin.write("go\n")  # one more event on its way...
        child.kill()  # ...when the writer dies: it may or may not be on disk
        child.wait()
        child.stdin.close()
        child.stdout.close()

        opening = open_history(path, NOW)
        assert opening.notice is None
        assert opening.store is not None
        with opening.store as store:
            numbers = [
                entry.event.prompt_id for entry in store.entries() if isinstance(entry.event, PromptShown)
            ]
        assert numbers == list(range(len(numbers))), "events lost or duplicated in the middle"
        assert confirmed <= len(numbers) <= confirmed + 1
        confirmed = len(numbers)


# --- files it cannot use -------------------------------------------------------------------------


def test_a_database_from_a_newer_version_is_refused_and_left_byte_for_byte(path: Path) -> None:
    path.parent.mkdir(parents=True)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE future (x)")
    connection.execute("PRAGMA user_version = 7")
    connection.close()
    before = _digest(path)

    opening = open_history(path, NOW)

    assert opening.store is None
    assert opening.notice == NewerVersion(path, found=7, supported=1)
    assert _digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["history.sqlite3"]


def test_the_newer_version_notice_says_it_was_left_untouched(path: Path) -> None:
    message = notice_message(NewerVersion(path, found=7, supported=1))
    assert "newer deskbreak" in message
    assert "left untouched" in message


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_new_history_started(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"these are not the bytes of a database" * 200)

    opening = open_history(path, NOW)

    assert opening.store is not None
    moved = path.with_name("history.sqlite3.corrupt-20261123-080000")
    assert opening.notice == StartedAfresh(path, moved, "the file is not a history database")
    assert moved.read_bytes().startswith(b"these are not the bytes")
    assert opening.store.append(at(1), CheckIn(2, MONDAY)) is None
    opening.store.close()


def test_the_started_afresh_notice_names_the_kept_file(path: Path) -> None:
    moved = path.with_name("history.sqlite3.corrupt-20261123-080000")
    message = notice_message(StartedAfresh(path, moved, "the file is damaged"))
    assert "history.sqlite3.corrupt-20261123-080000" in message
    assert "the file is damaged" in message


def _fill_and_damage(path: Path) -> None:
    """A real history with its pages after the first overwritten: the header still reads."""
    with open_history(path, NOW).store as store:  # type: ignore[union-attr]
        for minute in range(200):
            store.append(at(minute), PromptShown(minute, PromptKind.MOVE, 1, False, "walk-break" * 5))
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(4096)
        file.write(bytes(random.Random(3).randrange(256) for _ in range(size - 4096)))


def test_a_damaged_database_is_moved_aside_with_its_pages_kept(path: Path) -> None:
    _fill_and_damage(path)
    damaged = _digest(path)

    opening = open_history(path, NOW + timedelta(seconds=5))

    assert isinstance(opening.notice, StartedAfresh)
    assert opening.notice.moved_to.name == "history.sqlite3.corrupt-20261123-080005"
    assert _digest(opening.notice.moved_to) == damaged
    assert opening.store is not None
    assert opening.store.entries() == []
    opening.store.close()


def test_the_write_ahead_log_moves_aside_with_its_database(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"x" * 4096)
    path.with_name("history.sqlite3-wal").write_bytes(b"old log")

    opening = open_history(path, NOW)

    assert isinstance(opening.notice, StartedAfresh)
    moved_log = opening.notice.moved_to.with_name(opening.notice.moved_to.name + "-wal")
    assert moved_log.read_bytes() == b"old log"
    assert opening.store is not None
    opening.store.close()


def test_a_read_only_history_is_reported_at_the_first_write_and_left_unchanged(path: Path) -> None:
    open_history(path, NOW).store.close()  # type: ignore[union-attr]
    before = _digest(path)

    def read_only(target: Path) -> sqlite3.Connection:
        return sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True, isolation_level=None)

    store = open_history(path, NOW, connect=read_only).store
    assert store is not None

    assert store.append(at(1), CheckIn(2, MONDAY)) == CannotWrite(path, "the file or its folder is read-only")
    assert store.append(at(2), CheckIn(3, MONDAY)) is None  # said once
    store.close()
    assert _digest(path) == before


def test_a_folder_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("in the way")
    path = tmp_path / "file" / "history.sqlite3"
    opening = open_history(path, NOW)
    assert opening.store is None
    assert isinstance(opening.notice, CannotOpen)
    assert "keeps running without history" in notice_message(opening.notice)


class LimitedDisk:
    """A connection whose database may not grow past a page limit: SQLite's own 'disk is full'."""

    def __init__(self) -> None:
        self.connection: sqlite3.Connection | None = None

    def __call__(self, path: Path) -> sqlite3.Connection:
        self.connection = connect_file(path)
        return self.connection

    def fill_up(self) -> None:
        assert self.connection is not None
        pages = self.connection.execute("PRAGMA page_count").fetchone()[0]
        self.connection.execute(f"PRAGMA max_page_count = {pages}")

    def free_space(self) -> None:
        assert self.connection is not None
        self.connection.execute("PRAGMA max_page_count = 1000000")


def _append_until_failure(store: HistoryStore) -> list[object]:
    notices: list[object] = []
    for number in range(300):
        notices.append(store.append(at(number), PromptShown(number, PromptKind.MOVE, 1, False, "x" * 200)))
    return notices


def test_a_full_disk_is_reported_once_and_writing_goes_on_failing_quietly(path: Path) -> None:
    disk = LimitedDisk()
    store = open_history(path, NOW, connect=disk).store
    assert store is not None
    disk.fill_up()

    notices = [notice for notice in _append_until_failure(store) if notice is not None]

    assert notices == [CannotWrite(path, "the disk is full")]
    store.close()


def test_after_space_is_freed_events_are_saved_again_and_a_new_failure_is_reported(path: Path) -> None:
    disk = LimitedDisk()
    store = open_history(path, NOW, connect=disk).store
    assert store is not None
    disk.fill_up()
    _append_until_failure(store)
    disk.free_space()

    assert store.append(at(500), CheckIn(1, MONDAY)) is None
    disk.fill_up()
    assert [notice for notice in _append_until_failure(store) if notice is not None] == [
        CannotWrite(path, "the disk is full")
    ]
    assert store.entries()[-1] == HistoryEntry(at(500), CheckIn(1, MONDAY))
    store.close()


def test_a_file_damaged_while_running_is_moved_aside_and_the_event_saved_in_a_new_one(path: Path) -> None:
    _fill_and_damage(path)
    store = HistoryStore(path, connect_file(path), connect_file)

    notice = store.append(at(900), CheckIn(5, MONDAY))

    assert isinstance(notice, StartedAfresh)
    assert store.entries() == [HistoryEntry(at(900), CheckIn(5, MONDAY))]
    store.close()


# --- reading for reports -------------------------------------------------------------------------


def test_reading_finds_no_history_when_there_is_no_file(path: Path) -> None:
    assert open_history_for_reading(path) is None
    assert not path.parent.exists()


def test_reading_sees_what_the_running_app_wrote(store: HistoryStore, path: Path) -> None:
    store.append(at(1), CheckIn(4, MONDAY))
    reader = open_history_for_reading(path)
    assert reader is not None
    assert reader.entries() == [HistoryEntry(at(1), CheckIn(4, MONDAY))]
    reader.close()


def test_reading_refuses_a_newer_database(path: Path) -> None:
    path.parent.mkdir(parents=True)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 9")
    connection.close()
    with pytest.raises(HistoryReadError, match="newer deskbreak"):
        open_history_for_reading(path)


def test_reading_a_file_that_is_not_a_database_says_so_and_moves_nothing(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database at all" * 300)
    with pytest.raises(HistoryReadError, match="not a history database"):
        open_history_for_reading(path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["history.sqlite3"]
