"""Plain words for doses, segments, frequencies and needs: what `routines show` prints and a player can reuse.

One place decides how a dose is said ("up to 5 reps each side, alternating"), so the terminal and
the windows never describe the same step two ways.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import assert_never

from deskbreak.core.routines.model import (
    Dose,
    DoseSource,
    EveryMinutes,
    Frequency,
    Position,
    TimesADay,
    TimesAWeek,
)
from deskbreak.core.routines.plan import Segment

_POSITION_WORDS: dict[Position, str] = {
    "sitting": "sitting",
    "standing": "standing",
    "kneeling": "kneeling",
    "floor": "on the floor",
}
_TIMES = {1: "once", 2: "twice"}


def dose_source_text(source: DoseSource | None) -> str:
    """Who chose a dose, in a few words."""
    match source:
        case "source":
            return "dose from the sources"
        case "deskbreak":
            return "dose chosen by deskbreak"
        case None:
            return "dose not marked"
        case _ as unreachable:
            assert_never(unreachable)


def dose_text(dose: Dose) -> str:
    """A whole dose in words: "hold 90 s each side", "3 sets of 8 reps × 4 s, 90 s rest"."""
    if dose.hold is not None:
        amount = f"hold {dose.hold} s"
    elif dose.duration is not None:
        amount = f"move {dose.duration} s"
    else:
        amount = f"{'up to ' if dose.is_rep_ceiling else ''}{dose.reps} reps × {dose.tempo_seconds} s"
    match dose.sides:
        case "one":
            pass
        case "both":
            amount += " each side"
        case "alternate":
            amount += " each side, alternating"
        case _ as unreachable:
            assert_never(unreachable)
    if dose.sets > 1:
        amount = f"{dose.sets} sets of {amount}" + (f", {dose.rest} s rest" if dose.rest else "")
    return amount


def segment_text(segment: Segment) -> str:
    """One line of a timeline, e.g. "Couch stretch — left side — hold 90 s"."""
    if segment.kind == "switch":
        return f"Switch sides — {segment.seconds} s"
    if segment.kind == "rest":
        return f"Rest — {segment.seconds} s"
    parts = [segment.name or segment.exercise_id or "?"]
    if segment.side:
        parts.append(f"{segment.side} side")
    if segment.sets_total and segment.sets_total > 1:
        parts.append(f"set {segment.set_number} of {segment.sets_total}")
    ceiling = "up to " if segment.is_rep_ceiling else ""
    if segment.alternating is not None:
        rep = segment.alternating
        parts.append(f"rep {rep.number} of {ceiling}{rep.per_side} — {segment.seconds} s")
    elif segment.dose_kind == "reps":
        parts.append(f"{ceiling}{segment.reps} reps × {segment.seconds_per_rep} s ({segment.seconds} s)")
    elif segment.dose_kind == "hold":
        parts.append(f"hold {segment.seconds} s")
    else:
        parts.append(f"move {segment.seconds} s")
    return " — ".join(parts)


def positions_text(positions: Iterable[Position]) -> str:
    return ", ".join(_POSITION_WORDS[position] for position in positions)


def frequency_text(frequency: Frequency) -> str:
    """How often a pack is meant to be done: "every 45–60 minutes of sitting", "twice a week"."""
    match frequency:
        case EveryMinutes(every_minutes=(low, high)):
            span = f"{low}" if low == high else f"{low}–{high}"
            return f"every {span} minutes of sitting"
        case TimesADay(times_a_day=times):
            return f"{_TIMES.get(times, f'{times} times')} a day"
        case TimesAWeek(times_a_week=times):
            return f"{_TIMES.get(times, f'{times} times')} a week"
        case _ as unreachable:
            assert_never(unreachable)
