"""`deskbreak validate` and `deskbreak routines list|show|exercises`: check packs and see what the player will do.

`show` is the pack page a curious person reads before trusting a routine: what it needs, when to
skip it, when to see a professional, each step with its cautions and whether its dose comes from
the sources or is deskbreak's own choice, and the sources themselves.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from deskbreak.core import safety
from deskbreak.core.routines.describe import (
    dose_source_text,
    dose_text,
    frequency_text,
    positions_text,
    segment_text,
)
from deskbreak.core.routines.library import Library, LoadedPack, load_library, validate_paths
from deskbreak.core.routines.loader import PackProblem
from deskbreak.core.routines.model import DoseSource, Exercise, ExerciseStep, Source
from deskbreak.core.routines.plan import Segment, Timeline, expand_step


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = subparsers.add_parser(
        "validate",
        help="check routine pack, exercise and checklist files",
        description="Check routine pack, exercise and checklist files (or folders of them) and print every "
        "problem as PATH:LINE:COL: message. Exit status: 0 all valid, 1 problems found, 2 bad usage.",
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a YAML file or a folder")
    validate.set_defaults(run=run_validate)

    routines = subparsers.add_parser(
        "routines",
        help="list the routine packs, show one, or list the exercises",
        description="List routine packs, show one, or list the exercises packs can use.",
    )
    commands = routines.add_subparsers(title="commands", metavar="COMMAND", required=True)
    listing = commands.add_parser(
        "list", help="every pack deskbreak can play", description="List every pack."
    )
    listing.add_argument("--json", action="store_true", help="print a JSON list of packs")
    listing.set_defaults(run=run_list)
    show = commands.add_parser(
        "show",
        help="a pack's page: needs, cautions and steps second by second",
        description="Print a pack's needs, cautions, expanded timeline and sources.",
    )
    show.add_argument("id", metavar="ID", help="the pack's id, as in `deskbreak routines list`")
    show.add_argument("--json", action="store_true", help="print the pack and its timeline as JSON")
    show.set_defaults(run=run_show)
    exercises = commands.add_parser(
        "exercises",
        help="every exercise a pack can use",
        description="List the exercises (bundled and yours) with their positions and default doses.",
    )
    exercises.add_argument("--json", action="store_true", help="print a JSON list of exercises")
    exercises.set_defaults(run=run_exercises)


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
    out.flush()  # the summary on stderr must come after the problems, even when both go to one pipe
    files = _count(len(library.files), "file")
    if library.problems:
        with_problems = len({problem.path for problem in library.problems})
        print(f"{_count(len(library.problems), 'problem')} in {with_problems} of {files}", file=err)
        return 1
    found = [_count(len(library.packs), "pack")]
    if library.checklists:
        found.append(_count(len(library.checklists), "checklist"))
    print(f"{files} valid: {', '.join(found)}", file=out)
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
                "equipment": list(loaded.pack.equipment),
                "source": loaded.source,
                "path": str(loaded.path),
            }
            for loaded in packs
        ]
        _dump(rows, out)
        return 0
    table = [("ID", "TITLE", "TIME", "SOURCE")] + [
        (p.pack.id, p.pack.title, _clock(p.timeline.total_seconds), p.source) for p in packs
    ]
    _print_table(table, out, right_aligned=frozenset({2}))
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
    if args.json:
        _dump(_pack_json(loaded, library), out)
    else:
        for line in _pack_page(loaded, library):
            print(line, file=out)
    return 0


def run_exercises(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    library = _load(err or sys.stderr)
    exercises = sorted(library.catalogue.exercises.values(), key=lambda exercise: exercise.id)
    if args.json:
        _dump([_exercise_json(exercise, library, with_origin=True) for exercise in exercises], out)
        return 0
    table = [("ID", "NAME", "POSITION", "DEFAULT DOSE", "SOURCE")] + [
        (
            exercise.id,
            exercise.name,
            " or ".join(exercise.position),
            dose_text(exercise.dose),
            library.exercise_origins[exercise.id].source,
        )
        for exercise in exercises
    ]
    _print_table(table, out)
    return 0


# --- the pack page ----------------------------------------------------------------------------------


def _pack_page(loaded: LoadedPack, library: Library) -> list[str]:
    pack, timeline = loaded.pack, loaded.timeline
    lines = [f"{pack.title} ({pack.id}) — {_clock(timeline.total_seconds)}", pack.summary]
    lines.append(f"When: {pack.when_to_use}")
    facts = []
    if pack.frequency is not None:
        facts.append(f"How often: {frequency_text(pack.frequency)}")
    if pack.where:
        facts.append(f"Where: {', '.join(pack.where)}")
    if pack.time_of_day:
        facts.append(f"Time of day: {', '.join(pack.time_of_day)}")
    if facts:
        lines.append(" · ".join(facts))
    equipment = ", ".join(pack.equipment) if pack.equipment else "nothing"
    lines.append(f"Needs: {positions_text(pack.position)} · {equipment}")
    lines.append(_doses_line(timeline.segments))
    if pack.why_it_helps:
        lines += ["", f"Why it helps: {pack.why_it_helps}"]
    for who in pack.who_for:
        lines.append(f"For: {who.who} {who.why}")
    lines += ["", "Skip it today if:", *(f"  - {item}" for item in pack.cautions.skip_if)]
    lines += ["", "Stop and see a professional:"]
    lines += [f"  - {item}" for item in pack.cautions.own_red_flags]
    lines += [f"  {line}" for line in safety.as_text()]
    lines.append("")
    width = len(str(len(timeline.segments)))
    previous_step = -1
    for number, segment in enumerate(timeline.segments, start=1):
        first_of_step = segment.step_index != previous_step and segment.kind == "exercise"
        line = f"{number:>{width}}. {segment_text(segment)}"
        if first_of_step:
            line += f" [{dose_source_text(segment.dose_source)}]"
        lines.append(line)
        if first_of_step and segment.note:
            lines.append(f"{'':>{width}}  {segment.note}")
        lines += [f"{'':>{width}}  Caution: {caution}" for caution in segment.cautions]
        previous_step = segment.step_index
    for question in pack.faq:
        lines += ["", f"Q: {question.question}", f"A: {question.answer}"]
    if pack.related:
        lines += ["", f"Related: {', '.join(pack.related)}"]
    sources = _all_sources(loaded, library)
    lines += ["", "Sources:", *(f"  - {source}" for source in sources)]
    listed = {source.title for source in sources}
    lines += [
        f"  - {source} (for the signs to see a professional)"
        for source in safety.SOURCES
        if source.title not in listed
    ]
    return lines


def _doses_line(segments: tuple[Segment, ...]) -> str:
    firsts: dict[int, Segment] = {}
    for segment in segments:
        if segment.kind == "exercise":
            firsts.setdefault(segment.step_index, segment)
    counts: dict[DoseSource | None, int] = {"source": 0, "deskbreak": 0, None: 0}
    for segment in firsts.values():
        counts[segment.dose_source] += 1
    parts = [
        f"{counts['source']} from the sources",
        f"{counts['deskbreak']} chosen by deskbreak",
    ]
    if counts[None]:
        parts.append(f"{counts[None]} not marked")
    return f"Doses: {', '.join(parts)} (each step says which)"


def _all_sources(loaded: LoadedPack, library: Library) -> list[Source]:
    """The pack's sources, then any source its exercises cite that the pack does not list."""
    sources = list(loaded.pack.sources)
    for exercise in _exercises_of(loaded, library):
        sources += [source for source in exercise.sources if source not in sources]
    return sources


def _exercises_of(loaded: LoadedPack, library: Library) -> list[Exercise]:
    ids = dict.fromkeys(step.exercise for step in loaded.pack.steps if isinstance(step, ExerciseStep))
    return [library.catalogue.exercises[exercise_id] for exercise_id in ids]


# --- JSON -------------------------------------------------------------------------------------------


def _pack_json(loaded: LoadedPack, library: Library) -> dict[str, Any]:
    pack, timeline = loaded.pack, loaded.timeline
    images = _step_images(timeline, library)
    steps = [_segment_json(segment, image) for segment, image in zip(timeline.segments, images, strict=True)]
    return {
        "id": pack.id,
        "title": pack.title,
        "total_seconds": timeline.total_seconds,
        "schema": pack.schema_version,
        "summary": pack.summary,
        "when_to_use": pack.when_to_use,
        "position": list(pack.position),
        "equipment": list(pack.equipment),
        "where": list(pack.where),
        "time_of_day": list(pack.time_of_day),
        "frequency": pack.frequency.model_dump() if pack.frequency is not None else None,
        "who_for": [who.model_dump() for who in pack.who_for],
        "why_it_helps": pack.why_it_helps,
        "faq": [question.model_dump() for question in pack.faq],
        "related": list(pack.related),
        "cautions": {
            "skip_if": list(pack.cautions.skip_if),
            "see_a_professional_if": list(pack.cautions.see_a_professional_if),
        },
        "sources": [_source_json(source) for source in _all_sources(loaded, library)],
        "safety_sources": [
            {"title": s.title, "publisher": s.publisher, "url": s.url} for s in safety.SOURCES
        ],
        "exercises": {
            exercise.id: _exercise_json(exercise, library, with_origin=False)
            for exercise in _exercises_of(loaded, library)
        },
        "steps": steps,
    }


def _step_images(timeline: Timeline, library: Library) -> list[Path | None]:
    """The file the player shows for each exercise step: the exercise's own picture, else its figure."""
    from deskbreak.core.figures.images import segment_images
    from deskbreak.core.paths import default_paths

    paths = default_paths()
    return segment_images(timeline.segments, library, paths.user_routines_dir, paths.cache_dir)


def _segment_json(segment: Segment, image: Path | None) -> dict[str, Any]:
    return {
        "kind": segment.kind,
        "exercise": segment.exercise_id,
        "side": segment.side,
        "seconds": segment.seconds,
        "reps": segment.reps,
        "step": segment.step_index,
        "set": segment.set_number,
        "dose_source": segment.dose_source,
        "reps_are": ("at_most" if segment.is_rep_ceiling else "exact") if segment.reps is not None else None,
        "alternating": (
            {"rep": segment.alternating.number, "per_side": segment.alternating.per_side}
            if segment.alternating is not None
            else None
        ),
        "cautions": list(segment.cautions),
        "note": segment.note,
        "image": str(image) if image is not None else None,
    }


def _exercise_json(exercise: Exercise, library: Library, *, with_origin: bool) -> dict[str, Any]:
    image, video = library.images.get(exercise.id), library.videos.get(exercise.id)
    step = ExerciseStep(exercise=exercise.id)
    row: dict[str, Any] = {
        "id": exercise.id,
        "name": exercise.name,
        "position": list(exercise.position),
        "equipment": list(exercise.equipment),
        "targets": list(exercise.targets),
        "cues": list(exercise.cues),
        "cautions": list(exercise.cautions),
        "dose": exercise.dose.model_dump(exclude_none=True),
        "dose_text": dose_text(exercise.dose),
        "dose_seconds": sum(segment.seconds for segment in expand_step(0, step, exercise)),
        "dose_source": exercise.dose_source,
        "sources": [_source_json(source) for source in exercise.sources],
        "image": str(image) if image is not None else None,
        "video": str(video) if video is not None else None,
    }
    if with_origin:
        origin = library.exercise_origins[exercise.id]
        row |= {"source": origin.source, "path": str(origin.path)}
    return row


def _source_json(source: Source) -> dict[str, str | None]:
    return {"title": source.title, "publisher": source.publisher, "url": source.url}


# --- helpers ----------------------------------------------------------------------------------------


def _load(err: TextIO) -> Library:
    library = load_library()
    _print_problems(library.problems, err)
    return library


def _print_problems(problems: tuple[PackProblem, ...], err: TextIO) -> None:
    for problem in problems:
        print(problem, file=err)


def _print_table(
    rows: Sequence[tuple[str, ...]], out: TextIO, right_aligned: frozenset[int] = frozenset()
) -> None:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [
            f"{cell:>{width}}" if column in right_aligned else f"{cell:<{width}}"
            for column, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        print("  ".join([*cells, row[-1]]), file=out)


def _dump(data: Any, out: TextIO) -> None:
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
