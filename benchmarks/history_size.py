"""Benchmark: a simulated year of heavy use in the history database: bytes per event, and costs.

Run with `.venv/bin/python benchmarks/history_size.py`; it prints a table and writes
benchmarks/results/history_size.md. The year comes from the test suite's simulated person with
heavy habits (standing desk, a prompt every 45 minutes, many interruptions, weekends too); every
event is appended the way the app does it, one transaction each with a full sync. Nothing here is
asserted: the machine is shared and noisy.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the simulated person lives in tests/

from tests.core.history.days import BERLIN
from tests.core.history.simulated import Habits, Person

from deskbreak.core.history.export import ExportFormat, write_export
from deskbreak.core.history.queries import progress_report
from deskbreak.core.history.store import open_history

DAYS = 365
RUNS = 5


def main() -> None:
    person = Person(date(2026, 1, 5), BERLIN, seed=365, habits=Habits.heavy())
    now = person.live(DAYS)
    kinds = Counter(type(entry.event).__name__ for entry in person.entries)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        path = folder / "history.sqlite3"
        opening = open_history(path, now)
        assert opening.store is not None
        store = opening.store
        append_ms = []
        for entry in person.entries:
            start = time.perf_counter()
            store.append(entry.at, entry.event)
            append_ms.append((time.perf_counter() - start) * 1000)
        wal_bytes = _size(folder / "history.sqlite3-wal")
        store.close()  # the last connection closing folds the write-ahead log into the file
        db_bytes = path.stat().st_size

        def open_and_close() -> None:
            opened = open_history(path, now).store
            assert opened is not None
            opened.close()

        open_ms = _timed(open_and_close)
        reopened = open_history(path, now).store
        assert reopened is not None
        report_ms = _timed(lambda: progress_report(reopened, BERLIN, now, live=True))
        exports = {}
        for fmt in ExportFormat:
            target = folder / f"export.{fmt.value}"
            exports[fmt] = (
                _timed(lambda fmt=fmt, target=target: write_export(target, reopened.rows(), fmt, BERLIN)),
                target.stat().st_size,
            )
        reopened.close()

    events = len(person.entries)
    lines = [
        f"# History: a simulated year of heavy use ({DAYS} days)",
        "",
        f"Measured {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, SQLite {_sqlite_version()}. "
        f"{events} events, {events / DAYS:.0f} a day on average.",
        "",
        "| what | value |",
        "|---|---|",
        f"| database file after a year | {db_bytes / 1e6:.2f} MB |",
        f"| bytes per event (file size / events, with the time index) | {db_bytes / events:.0f} |",
        f"| a year at 200 events a day, at that rate | {db_bytes / events * 200 * 365 / 1e6:.1f} MB |",
        f"| write-ahead log while running (before the last close) | {wal_bytes / 1e6:.2f} MB |",
        f"| append one event (one transaction, full sync): median / 95th percentile | "
        f"{statistics.median(append_ms):.2f} ms / {_percentile(append_ms, 95):.2f} ms |",
        f"| open a year's database (includes the quick integrity check), best of {RUNS} | {min(open_ms):.0f} ms |",
        f"| Progress window report (today, 30 days, streaks), best of {RUNS} | {min(report_ms):.0f} ms |",
        *[
            f"| export to {fmt.value.upper()}, best of {RUNS} | {min(ms):.0f} ms, {size / 1e6:.2f} MB |"
            for fmt, (ms, size) in exports.items()
        ],
        "",
        "Events by kind: " + ", ".join(f"{name} {count}" for name, count in kinds.most_common()) + ".",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    out = Path(__file__).parent / "results" / "history_size.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report, encoding="utf-8")


def _timed(action: object) -> list[float]:
    assert callable(action)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, len(ordered) * percent // 100)]


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


if __name__ == "__main__":
    main()
