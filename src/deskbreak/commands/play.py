"""`deskbreak play PACK_ID`: open the routine player, in the running deskbreak or by starting it."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO


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
    try:
        request(socket_name(paths.runtime_dir), "play", {"pack": args.pack_id})
    except NoInstanceError:
        from deskbreak.app import run_app

        args.play_pack = args.pack_id
        return run_app(args)
    except IpcError as exc:
        print(f"deskbreak play: {exc}", file=err)
        return 1
    print(f"Playing {library.packs[args.pack_id].pack.title} in the running deskbreak.", file=out)
    return 0
