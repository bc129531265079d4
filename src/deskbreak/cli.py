"""The `deskbreak` command: starts the tray app, or runs one subcommand and exits."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from deskbreak import __version__

# Subcommand -> its module in deskbreak.commands, in the order `--help` lists them. Only the
# module of the command being run is imported: `deskbreak ctl status` must not pay for the
# routine library or Qt (about 160 ms together), nor the tray's start for the commands' modules
# (the routines command alone brings in the whole pack machinery, about 80 ms before the icon).
COMMANDS = {
    "schedule": "schedule",
    "validate": "routines",
    "routines": "routines",
    "ctl": "ctl",
    "play": "play",
    "doctor": "doctor",
    "history": "history",
}

NO_DISPLAY_EXIT = 1  # the tray app was asked to start where no window can open


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (given a subcommand's name) one that knows only that subcommand, or
    (given "") one that knows only the options of the tray app itself."""
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
    if command is None:
        modules = dict.fromkeys(COMMANDS.values())
    else:
        modules = {COMMANDS[command]: None} if command else {}
    for module in modules:
        importlib.import_module(f"deskbreak.commands.{module}").add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    if first in COMMANDS:
        parser = build_parser(first)
    elif first is None and not {"-h", "--help"} & set(argv):
        parser = build_parser("")  # the tray app starts: no command's module is needed
    else:
        parser = build_parser()  # help lists every command; a mistyped one is told the choices
    args = parser.parse_args(argv)
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
