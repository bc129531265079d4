"""`deskbreak ctl`: control the running deskbreak from a terminal, a script or a keyboard shortcut."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_NOT_RUNNING = 0, 1, 2, 3


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "ctl",
        help="control the running deskbreak",
        description="Control the running deskbreak. Exits 3 when deskbreak is not running.",
    )
    commands = parser.add_subparsers(title="commands", dest="ctl_command", metavar="COMMAND", required=True)
    status = commands.add_parser("status", help="what deskbreak is doing and when the next prompt comes")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    commands.add_parser("break-now", help="show the prompt now")
    snooze = commands.add_parser("snooze", help="snooze the prompt, or postpone the next one")
    snooze.add_argument("minutes", nargs="?", type=int, help="minutes (default: your snooze length)")
    pause = commands.add_parser("pause", help="no prompts for a while")
    # Several words are one duration ("2 hours"), so a space never falls through to the top-level usage.
    pause.add_argument("duration", nargs="+", help='30m, 1h, 1h30m, "2 hours", 90 (minutes) or "tomorrow"')
    commands.add_parser("resume", help="end a pause")
    commands.add_parser("quit", help="save the state and quit")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    # Only what talking to the socket needs: no Qt, no routine library (see desktop/ctl_client.py).
    from deskbreak.core.durations import MAX_SNOOZE_MINUTES
    from deskbreak.core.paths import default_paths
    from deskbreak.desktop.ctl_client import ControlError, NotRunningError, request

    command: str = args.ctl_command
    payload: dict[str, Any] = {}
    if command == "snooze" and args.minutes is not None:
        if not 1 <= args.minutes <= MAX_SNOOZE_MINUTES:
            print(f"deskbreak ctl snooze: minutes must be between 1 and {MAX_SNOOZE_MINUTES}", file=err)
            return EXIT_USAGE
        payload["minutes"] = args.minutes
    if command == "pause":
        from deskbreak.core.durations import parse_pause
        from deskbreak.desktop.zone import local_zone

        try:
            duration = " ".join(args.duration)
            payload["until"] = parse_pause(duration, datetime.now(UTC), local_zone()).isoformat()
        except ValueError as exc:
            print(f"deskbreak ctl pause: {exc}", file=err)
            return EXIT_USAGE
    try:
        result = request(default_paths().runtime_dir, command, payload)
    except NotRunningError:
        print("deskbreak is not running. Start it with: deskbreak", file=err)
        return EXIT_NOT_RUNNING
    except ControlError as exc:
        print(f"deskbreak ctl {command}: {exc}", file=err)
        return EXIT_REFUSED
    if command == "status" and args.json:
        json.dump(result, out, indent=2)
        out.write("\n")
    elif command == "quit":
        print("deskbreak is quitting.", file=out)
    elif isinstance(result, dict) and "summary" in result:
        print(result["summary"], file=out)
    return EXIT_OK
