"""`deskbreak validate` and `deskbreak routines list|show`: check packs and see what the player will do."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from deskbreak.core.routines import Library, PackProblem, Segment, load_library, validate_paths


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = subparsers.add_parser(
        "validate",
        help="check routine pack and exercise files",
        description="Check routine pack and exercise files (or folders of them) and print every problem "
        "as PATH:LINE:COL: message. Exit status: 0 all valid, 1 problems found, 2 bad usage.",
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a YAML file or a folder")
    validate.set_defaults(run=run_validate)

    routines = subparsers.add_parser(
        "routines", help="list the routine packs or show one", description="List routine packs or show one."
    )
    commands = routines.add_subparsers(title="commands", metavar="COMMAND", required=True)
    listing = commands.add_parser(
        "list", help="every pack deskbreak can play", description="List every pack."
    )
    listing.add_argument("--json", action="store_true", help="print a JSON list of packs")
    listing.set_defaults(run=run_list)
    show = commands.add_parser(
        "show", help="a pack's steps, second by second", description="Print a pack's expanded timeline."
    )
    show.add_argument("id", metavar="ID", help="the pack's id, as in `deskbreak routines list`")
    show.add_argument("--json", action="store_true", help="print the timeline as JSON")
    show.set_defaults(run=run_show)


def run_validate(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    missing = [path for path in args.paths if not path.exists()]
    for path in missing:
        print(f"deskbreak validate: {path}: no such file or folder", file=err)
    if missing:
        return 2
    library = validate_paths(args.paths)
    if not library.files:
        print("deskbreak validate: no .yaml files found in the given folders", file=err)
        return 2
    for problem in library.problems:
        print(problem, file=out)
    files = _count(len(library.files), "file")
    if library.problems:
        with_problems = len({problem.path for problem in library.problems})
        print(f"{_count(len(library.problems), 'problem')} in {with_problems} of {files}", file=err)
        return 1
    print(f"{files} valid: {_count(len(library.packs), 'pack')}", file=out)
    return 0


def run_list(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    library = _load(err or sys.stderr)
    packs = list(library.packs.values())
    if args.json:
        rows = [
            {
                "id": loaded.pack.id,
                "title": loaded.pack.title,
                "total_seconds": loaded.timeline.total_seconds,
                "position": list(loaded.pack.position),
                "source": loaded.source,
                "path": str(loaded.path),
            }
            for loaded in packs
        ]
        json.dump(rows, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    table = [("ID", "TITLE", "TIME", "SOURCE")] + [
        (p.pack.id, p.pack.title, _clock(p.timeline.total_seconds), p.source) for p in packs
    ]
    widths = [max(len(row[column]) for row in table) for column in range(3)]
    for pack_id, title, time, source in table:
        print(f"{pack_id:<{widths[0]}}  {title:<{widths[1]}}  {time:>{widths[2]}}  {source}", file=out)
    return 0


def run_show(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    library = _load(err)
    loaded = library.packs.get(args.id)
    if loaded is None:
        if args.id in library.broken_pack_ids:
            print(
                f"deskbreak routines show: pack '{args.id}' has problems (listed above) and was not loaded",
                file=err,
            )
            return 1
        close = library.close_matches(args.id)
        hint = (
            f"; close matches: {', '.join(close)}" if close else "; `deskbreak routines list` shows them all"
        )
        print(f"deskbreak routines show: no pack '{args.id}'{hint}", file=err)
        return 1
    timeline = loaded.timeline
    if args.json:
        steps = [
            {"kind": s.kind, "exercise": s.exercise_id, "side": s.side, "seconds": s.seconds, "reps": s.reps}
            for s in timeline.segments
        ]
        data = {"id": timeline.pack_id, "title": timeline.title, "total_seconds": timeline.total_seconds}
        json.dump({**data, "steps": steps}, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    print(f"{timeline.title} ({timeline.pack_id}) — {_clock(timeline.total_seconds)}", file=out)
    width = len(str(len(timeline.segments)))
    previous_step = -1
    for number, segment in enumerate(timeline.segments, start=1):
        print(f"{number:>{width}}. {describe_segment(segment)}", file=out)
        if segment.note and segment.step_index != previous_step:
            print(f"{'':>{width}}  {segment.note}", file=out)
        previous_step = segment.step_index
    return 0


def describe_segment(segment: Segment) -> str:
    """One line of `routines show`, e.g. "Couch stretch — left side — hold 90 s"."""
    if segment.kind == "switch":
        return f"Switch sides — {segment.seconds} s"
    if segment.kind == "rest":
        return f"Rest — {segment.seconds} s"
    parts = [segment.name or segment.exercise_id or "?"]
    if segment.side:
        parts.append(f"{segment.side} side")
    if segment.sets_total and segment.sets_total > 1:
        parts.append(f"set {segment.set_number} of {segment.sets_total}")
    if segment.dose_kind == "reps":
        parts.append(f"{segment.reps} reps × {segment.seconds_per_rep} s ({segment.seconds} s)")
    elif segment.dose_kind == "hold":
        parts.append(f"hold {segment.seconds} s")
    else:
        parts.append(f"move {segment.seconds} s")
    return " — ".join(parts)


def _load(err: TextIO) -> Library:
    library = load_library()
    _print_problems(library.problems, err)
    return library


def _print_problems(problems: tuple[PackProblem, ...], err: TextIO) -> None:
    for problem in problems:
        print(problem, file=err)


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
