"""The `deskbreak` command: starts the tray app, or runs one subcommand and exits."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from deskbreak import __version__
from deskbreak.commands import ctl, doctor, history, play, routines, schedule

NO_DISPLAY_EXIT = 1  # the tray app was asked to start where no window can open


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deskbreak",
        description="A quiet tray app that breaks up sitting. With no command, it starts in the tray.",
    )
    parser.add_argument("--version", action="version", version=f"deskbreak {__version__}")
    parser.add_argument("--verbose", action="store_true", help="log every engine event (to stderr too)")
    parser.add_argument(
        "--autostart", action="store_true", help="started at login (used by the autostart entry)"
    )
    parser.add_argument("--play", dest="play_pack", metavar="PACK_ID", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    schedule.add_parser(subparsers)
    routines.add_parser(subparsers)
    ctl.add_parser(subparsers)
    play.add_parser(subparsers)
    doctor.add_parser(subparsers)
    history.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run = getattr(args, "run", None)
    if run is None:
        from deskbreak.desktop.display_probe import display_problem

        problem = display_problem(os.environ)  # before Qt, which would abort the process over it
        if problem is not None:
            print(f"deskbreak: {problem}", file=sys.stderr)
            return NO_DISPLAY_EXIT
        from deskbreak.app import run_app  # Qt is imported only when the app really starts

        return run_app(args)
    try:
        result: int = run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`deskbreak schedule | head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return result


def main_gui() -> int:
    """Entry point for desktop launchers (no console window on Windows)."""
    return main(sys.argv[1:])
