"""`deskbreak play PACK_ID`: open the routine player, in the running deskbreak or by starting it."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from typing import TextIO

START_WAIT_SECONDS = 20


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "play",
        help="play a routine pack now",
        description="Open the routine player on a pack (see `deskbreak routines list`). "
        "Starts deskbreak if it is not running.",
    )
    parser.add_argument("pack_id", metavar="PACK_ID")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    from deskbreak.core.paths import default_paths
    from deskbreak.core.routines.library import load_library
    from deskbreak.desktop.ipc import IpcError, NoInstanceError, request, socket_name

    paths = default_paths()
    library = load_library(paths.user_routines_dir)
    if args.pack_id not in library.packs:
        matches = library.close_matches(args.pack_id)
        hint = f" Did you mean: {', '.join(matches)}?" if matches else " See: deskbreak routines list"
        print(f"deskbreak play: there is no routine pack {args.pack_id!r}.{hint}", file=err)
        return 1
    title = library.packs[args.pack_id].pack.title
    name = socket_name(paths.runtime_dir)
    try:
        answer = request(name, "play", {"pack": args.pack_id})
    except NoInstanceError:
        return _start_app_playing(args.pack_id, title, name, out, err)
    except IpcError as exc:
        print(f"deskbreak play: {exc}", file=err)
        return 1
    if isinstance(answer, dict) and "asked" in answer:
        print(f"Another routine is playing; deskbreak asks on screen whether to start {title}.", file=out)
    else:
        print(f"Playing {title} in the running deskbreak.", file=out)
    return 0


def _start_app_playing(pack_id: str, title: str, name: str, out: TextIO, err: TextIO) -> int:
    """Start deskbreak in the background with the player open, wait until it answers, and return."""
    from deskbreak.desktop.autostart import launch_command
    from deskbreak.desktop.ipc import IpcError, request

    command = [*launch_command(), "--play", pack_id]
    try:
        subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # survives the terminal it was started from
        )
    except OSError as exc:
        print(f"deskbreak play: could not start deskbreak ({' '.join(command)}): {exc}", file=err)
        return 1
    deadline = time.monotonic() + START_WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            request(name, "status", timeout_ms=1000)
        except IpcError:
            time.sleep(0.1)
            continue
        print(f"Started deskbreak; playing {title}.", file=out)
        return 0
    print(
        f"deskbreak play: deskbreak was started but did not answer within {START_WAIT_SECONDS} s; "
        "see `deskbreak doctor` and the log",
        file=err,
    )
    return 1
