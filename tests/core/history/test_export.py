"""Exports carry every event and read back equal; a damaged file is refused with the place named."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from deskbreak.core.history.export import ExportFormat, ExportReadError, read_export, write_export
from deskbreak.core.history.store import HistoryStore, open_history

from .days import BERLIN
from .samples import SAMPLES
from .simulated import Person

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opening = open_history(tmp_path / "history.sqlite3", NOW)
    assert opening.store is not None
    for minute, event in enumerate(SAMPLES):
        opening.store.append(NOW + timedelta(minutes=minute, microseconds=17), event)
    yield opening.store
    opening.store.close()


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=lambda fmt: fmt.value)
def test_an_export_reads_back_as_the_stored_events(
    store: HistoryStore, tmp_path: Path, fmt: ExportFormat
) -> None:
    path = tmp_path / f"history.{fmt.value}"
    assert write_export(path, store.rows(), fmt, BERLIN) == len(SAMPLES)
    assert read_export(path) == store.entries()


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=lambda fmt: fmt.value)
def test_a_simulated_month_round_trips(tmp_path: Path, fmt: ExportFormat) -> None:
    person = Person(date(2026, 10, 12), BERLIN, seed=5)
    now = person.live(31)
    with open_history(tmp_path / "history.sqlite3", now).store as store:  # type: ignore[union-attr]
        for entry in person.entries:
            store.append(entry.at, entry.event)
        path = tmp_path / f"month.{fmt.value}"
        write_export(path, store.rows(), fmt, BERLIN)
        assert read_export(path) == store.entries() == sorted(person.entries, key=lambda entry: entry.at)


def test_the_csv_has_a_header_and_local_times_for_spreadsheets(store: HistoryStore, tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    write_export(path, store.rows(), ExportFormat.CSV, BERLIN)
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == {
        "at": "2026-11-23T08:00:00.000017+00:00",
        "local_time": "2026-11-23T09:00:00+01:00",
        "kind": "app_started",
        "detail": '{"posture":"standing"}',
    }


def test_the_json_names_its_format_and_version(store: HistoryStore, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    write_export(path, store.rows(), ExportFormat.JSON, BERLIN)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("deskbreak-history", 1)
    assert document["events"][0]["detail"] == {"posture": "standing"}


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=lambda fmt: fmt.value)
def test_events_of_a_kind_this_version_does_not_know_are_exported_too(
    store: HistoryStore, tmp_path: Path, fmt: ExportFormat
) -> None:
    connection = sqlite3.connect(tmp_path / "history.sqlite3", isolation_level=None)
    connection.execute("INSERT INTO events (at_utc_us, kind, detail) VALUES (0, 'mood', '{\"level\":3}')")
    connection.close()
    path = tmp_path / f"history.{fmt.value}"
    assert write_export(path, store.rows(), fmt, BERLIN) == len(SAMPLES) + 1
    assert "mood" in path.read_text(encoding="utf-8")


def test_an_empty_history_exports_a_header_only(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    assert write_export(path, [], ExportFormat.CSV, BERLIN) == 0
    assert path.read_text(encoding="utf-8") == "at,local_time,kind,detail\n"
    assert read_export(path) == []


def _csv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "edited.csv"
    path.write_text("\n".join(["at,local_time,kind,detail", *lines]) + "\n", encoding="utf-8")
    return path


def test_reading_names_the_line_of_a_bad_value(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        '2026-11-23T08:00:00+00:00,,check_in,"{""stiffness"":3,""day"":""2026-11-23""}"',
        '2026-11-23T09:00:00+00:00,,check_in,"{""stiffness"":""bad"",""day"":""2026-11-23""}"',
    )
    with pytest.raises(
        ExportReadError, match=r"edited\.csv: line 3: check_in\.stiffness: expected a whole number"
    ):
        read_export(path)


def test_reading_refuses_an_unknown_kind_by_name(tmp_path: Path) -> None:
    path = _csv(tmp_path, "2026-11-23T08:00:00+00:00,,mood,{}")
    with pytest.raises(ExportReadError, match="line 2: 'mood' is not a kind of event"):
        read_export(path)


def test_reading_refuses_a_time_without_offset(tmp_path: Path) -> None:
    path = _csv(tmp_path, "2026-11-23T08:00:00,,app_stopped,{}")
    with pytest.raises(ExportReadError, match=r"line 2\.at: .* has no UTC offset"):
        read_export(path)


def test_reading_refuses_a_csv_with_another_header(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("when,what\n", encoding="utf-8")
    with pytest.raises(ExportReadError, match="line 1: the header must be at,local_time,kind,detail"):
        read_export(path)


def test_reading_refuses_json_that_is_not_an_export(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"events": []}', encoding="utf-8")
    with pytest.raises(ExportReadError, match="not a deskbreak history export"):
        read_export(path)


def test_reading_names_the_json_event_at_fault(tmp_path: Path) -> None:
    path = tmp_path / "edited.json"
    events = [{"at": "2026-11-23T08:00:00+00:00", "kind": "check_in", "detail": {"stiffness": 2}}]
    path.write_text(
        json.dumps({"format": "deskbreak-history", "version": 1, "events": events}), encoding="utf-8"
    )
    with pytest.raises(ExportReadError, match=r"events\[0\]: check_in\.day: missing"):
        read_export(path)


def test_a_failed_export_leaves_no_half_file(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    target = folder / "taken"
    target.mkdir(parents=True)  # a folder where the file should go: the final rename fails
    with pytest.raises(OSError, match="directory"):
        write_export(target, [], ExportFormat.CSV, BERLIN)
    assert list(target.iterdir()) == []
    assert [p.name for p in folder.iterdir()] == ["taken"]
