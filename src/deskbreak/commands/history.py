"""`deskbreak history`: today's summary (and more days), and `history export` to CSV or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from deskbreak.core.paths import default_paths

if TYPE_CHECKING:
    from deskbreak.core.clock import Clock
    from deskbreak.core.history.queries import DaySummary, Streak

MAX_DAYS = 366
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "history",
        help="what the history says about today (and earlier days), or export it",
        description="Print today's summary from the history kept on this computer: time sitting and "
        "standing, the longest unbroken sit, prompts, routines, sessions, the check-in and streaks.",
    )
    parser.add_argument("--days", type=int, default=1, help=f"also list the last N days, 1-{MAX_DAYS}")
    parser.add_argument("--json", action="store_true", help="print the days as JSON")
    parser.set_defaults(run=run)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    export = commands.add_parser(
        "export",
        help="write every event to a CSV or JSON file",
        description="Write every event in the history to a file (use - for standard output). "
        "The format is described in docs/history.md.",
    )
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--csv", type=Path, metavar="FILE", help="one row per event")
    target.add_argument("--json", type=Path, metavar="FILE", dest="json_file", help="one JSON document")
    export.set_defaults(run=run_export)


def run(
    args: argparse.Namespace,
    out: TextIO | None = None,
    err: TextIO | None = None,
    clock: Clock | None = None,
    is_live: Callable[[], bool] | None = None,
) -> int:
    from deskbreak.core.clock import SystemClock
    from deskbreak.core.history.queries import day_summaries, streaks
    from deskbreak.core.history.store import HistoryReadError, open_history_for_reading

    out = out or sys.stdout
    err = err or sys.stderr
    if not 1 <= args.days <= MAX_DAYS:
        print(f"deskbreak history: --days must be between 1 and {MAX_DAYS}", file=err)
        return EXIT_USAGE
    tz = _zone()
    now = (clock or SystemClock()).now()
    live = (is_live or _app_is_running)()
    try:
        store = open_history_for_reading(default_paths().history_file)
        if store is None:
            print(_no_history(), file=out)
            return EXIT_OK
        with store:
            days = day_summaries(store, tz, now, args.days, live=live)
            found = streaks(store, tz, now)
    except HistoryReadError as exc:
        print(f"deskbreak history: {exc}", file=err)
        return EXIT_FAILED
    if args.json:
        json.dump([_day_json(day) for day in days], out, indent=2)
        out.write("\n")
        return EXIT_OK
    _print_today(days[-1], tz, out)
    if len(days) > 1:
        print(file=out)
        _print_days(days, out)
    if found:
        print(file=out)
        _print_streaks(found, out)
    if not live:
        print("\n(deskbreak is not running: today counts up to its last recorded event.)", file=out)
    return EXIT_OK


def run_export(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from deskbreak.core.history.export import ExportFormat, export_text, write_export
    from deskbreak.core.history.store import HistoryReadError, open_history_for_reading
    from deskbreak.core.history.words import count_text

    out = out or sys.stdout
    err = err or sys.stderr
    fmt, target = (
        (ExportFormat.CSV, args.csv) if args.csv is not None else (ExportFormat.JSON, args.json_file)
    )
    history_file = default_paths().history_file
    try:
        store = open_history_for_reading(history_file)
        rows = [] if store is None else list(store.rows())
        if store is not None:
            store.close()
    except HistoryReadError as exc:
        print(f"deskbreak history export: {exc}", file=err)
        return EXIT_FAILED
    if str(target) == "-":
        out.write(export_text(rows, fmt, _zone()))
        return EXIT_OK
    try:
        count = write_export(target, rows, fmt, _zone())
    except OSError as exc:
        print(f"deskbreak history export: cannot write {target}: {exc.strerror or exc}", file=err)
        return EXIT_FAILED
    print(f"Wrote {count_text(count, 'event')} to {target}.", file=err)
    return EXIT_OK


def _zone() -> tzinfo:
    from deskbreak.desktop.zone import local_zone

    return local_zone()


def _app_is_running() -> bool:
    """Whether a running deskbreak answers, so that today's count may run up to now."""
    from deskbreak.desktop.ipc import is_running, socket_name

    return is_running(socket_name(default_paths().runtime_dir))


def _no_history() -> str:
    return (
        f"No history yet. deskbreak keeps it in {default_paths().history_file} once it has run; "
        "nothing leaves this computer."
    )


def _print_today(day: DaySummary, tz: tzinfo, out: TextIO) -> None:
    from deskbreak.core.history.words import count_text, day_text, duration_text

    print(f"Today, {day_text(day.day)} ({tz})", file=out)
    rows = [
        ("Sitting", f"{duration_text(day.sitting)}, longest unbroken sit {duration_text(day.longest_sit)}"),
        ("Standing", duration_text(day.standing)),
        ("Routines", f"{duration_text(day.routine)} ({count_text(day.routines_done, 'done', 'done')})"),
        (
            "Prompts",
            f"{count_text(day.prompts_shown, 'shown', 'shown')}: {day.prompts_acted_on} acted on, "
            f"{count_text(day.snoozes, 'snooze')}, {day.prompts_skipped} skipped",
        ),
        ("Breaks", f"{count_text(day.breaks_taken, 'break')} from sitting"),
        ("Sessions", count_text(day.sessions_done, "done", "done")),
        ("Check-in", "—" if day.check_in is None else f"{day.check_in} of 10"),
    ]
    for label, text in rows:
        print(f"  {label:<10} {text}", file=out)


def _print_days(days: list[DaySummary], out: TextIO) -> None:
    from deskbreak.core.history.words import duration_text, short_day_text

    header = ("day", "sitting", "moving", "longest sit", "breaks", "skipped", "routines", "check-in")
    table = [header] + [
        (
            short_day_text(day.day),
            _clock(day.sitting.total_seconds()),
            _clock(day.moving.total_seconds()),
            _clock(day.longest_sit.total_seconds()),
            str(day.breaks_taken),
            str(day.prompts_skipped),
            duration_text(day.routine),
            "—" if day.check_in is None else str(day.check_in),
        )
        for day in days
    ]
    widths = [max(len(row[column]) for row in table) for column in range(len(header))]
    for row in table:
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells), file=out)


def _print_streaks(found: list[Streak], out: TextIO) -> None:
    print("Streaks (scheduled sessions done in a row)", file=out)
    for streak in found:
        print(
            f"  {streak.session_id} ({streak.pack_id}): {streak.current} in a row, best {streak.best}",
            file=out,
        )


def _clock(seconds: float) -> str:
    minutes = int(seconds // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def _day_json(day: DaySummary) -> dict[str, object]:
    def minutes(span: timedelta) -> int:
        return int(span.total_seconds() // 60)

    return {
        "day": day.day.isoformat(),
        "sitting_minutes": minutes(day.sitting),
        "standing_minutes": minutes(day.standing),
        "routine_minutes": minutes(day.routine),
        "away_minutes": minutes(day.away),
        "longest_sit_minutes": minutes(day.longest_sit),
        "prompts_shown": day.prompts_shown,
        "prompts_acted_on": day.prompts_acted_on,
        "snoozes": day.snoozes,
        "prompts_skipped": day.prompts_skipped,
        "breaks_taken": day.breaks_taken,
        "routines_done": day.routines_done,
        "sessions_done": day.sessions_done,
        "check_in": day.check_in,
    }
