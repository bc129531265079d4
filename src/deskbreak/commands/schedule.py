"""`deskbreak schedule`: the prompts the current settings would give, for planning a day."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from deskbreak.core.offer import PackSummary
from deskbreak.core.paths import default_paths
from deskbreak.core.preview import PlannedPrompt, plan_prompts
from deskbreak.core.settings import Settings
from deskbreak.core.settings_store import SettingsError, read_settings_strict
from deskbreak.core.wording import action
from deskbreak.desktop.zone import local_zone

MAX_DAYS = 366
FIRST_DAY, LAST_DAY = date(1, 1, 2), date(9999, 12, 29)


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "schedule",
        help="print the prompts your settings would give",
        description="Print the prompts the current settings would give, assuming each is acted on at once.",
    )
    parser.add_argument("--date", help="first day, YYYY-MM-DD (default: today)")
    parser.add_argument("--days", type=int, default=1, help=f"how many days, 1-{MAX_DAYS} (default: 1)")
    parser.add_argument("--settings", type=Path, help="a settings.toml to use instead of yours")
    parser.add_argument("--json", action="store_true", help='print [{"at": ISO 8601, "kind": ...}]')
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    tz = local_zone()
    try:
        first_day = date.fromisoformat(args.date) if args.date else datetime.now(tz).date()
    except ValueError:
        print(f"deskbreak schedule: --date {args.date!r} is not a date like 2026-11-23", file=err)
        return 2
    if not 1 <= args.days <= MAX_DAYS:
        print(f"deskbreak schedule: --days must be between 1 and {MAX_DAYS}", file=err)
        return 2
    if first_day < FIRST_DAY or first_day.toordinal() + args.days - 1 > LAST_DAY.toordinal():
        # the planner looks a day past the last one, in UTC: keep that inside the calendar
        print(f"deskbreak schedule: the days must lie between {FIRST_DAY} and {LAST_DAY}", file=err)
        return 2
    settings_file = args.settings or default_paths().settings_file
    try:
        if args.settings is not None or settings_file.exists():
            settings = read_settings_strict(settings_file)
        else:
            settings = Settings()
    except SettingsError as exc:
        print(f"deskbreak schedule: the settings file has problems:\n{exc}", file=err)
        return 2

    titles, packs = _packs(settings)
    planned = plan_prompts(settings, tz, first_day, args.days, packs)
    if args.json:
        json.dump([_row(p) for p in planned], out, indent=2)
        out.write("\n")
    else:
        _print_table(planned, first_day, args.days, settings, tz, titles, out)
    return 0


def _packs(settings: Settings) -> tuple[dict[str, str], tuple[PackSummary, ...]]:
    """The packs the programme's sessions name, as the running app would load them."""
    if not settings.programme.enabled or not settings.programme.sessions:
        return {}, ()
    from deskbreak.core.routines.library import load_library

    library = load_library(default_paths().user_routines_dir)
    wanted = {session.pack for session in settings.programme.sessions}
    summaries = tuple(
        PackSummary(pack_id, loaded.pack.title, loaded.timeline.total_seconds)
        for pack_id, loaded in library.packs.items()
        if pack_id in wanted
    )
    return {summary.pack_id: summary.title for summary in summaries}, summaries


def _row(planned: PlannedPrompt) -> dict[str, str]:
    row = {"at": planned.at.isoformat(), "kind": planned.kind.value}
    if planned.pack is not None:
        row["pack"] = planned.pack
    return row


def _print_table(
    planned: list[PlannedPrompt],
    first_day: date,
    days: int,
    settings: Settings,
    tz: object,
    titles: dict[str, str],
    out: TextIO,
) -> None:
    schedule = settings.schedule
    rhythm = f"{schedule.sit_minutes} min sitting"
    if schedule.standing_desk:
        rhythm += f", {schedule.stand_minutes} min standing"
    print(f"Prompts from {first_day:%A %d %B %Y} ({tz}), {rhythm}:", file=out)
    by_day: dict[date, list[PlannedPrompt]] = {}
    for prompt in planned:
        by_day.setdefault(prompt.at.date(), []).append(prompt)
    for offset in range(days):
        day = date.fromordinal(first_day.toordinal() + offset)
        prompts = by_day.get(day, [])
        print(f"\n{day:%a %d %b}" + ("" if prompts else "   no prompts (outside working hours)"), file=out)
        for prompt in prompts:
            what = action(prompt.kind)
            if prompt.pack is not None:
                what = f"{titles.get(prompt.pack, prompt.pack)} (programme session)"
            print(f"  {prompt.at:%H:%M}  {what}", file=out)
