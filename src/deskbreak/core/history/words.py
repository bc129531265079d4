"""The words the history uses, shared by `deskbreak history` and the Progress, check-in and log windows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import assert_never

from deskbreak.core.history.events import Effort
from deskbreak.core.history.strength import LastTime, StayAtThisWeight, Suggestion, TryHeavier

CHECK_IN_QUESTION = "How stiff does your lower back feel today?"
CHECK_IN_SCALE = ("0 — not stiff at all", "10 — as stiff as it gets")
CHECK_IN_NOTE = (
    "A note for yourself, to see how it changes over the weeks. deskbreak keeps the number on this "
    "computer and draws it beside your days; it does not judge it or diagnose anything."
)
CHECK_IN_SEE_SOMEONE = (
    "If pain travels down a leg, comes with numbness or weakness, wakes you at night or keeps getting "
    "worse, see a physiotherapist or a doctor."
)

EFFORT_LABELS: dict[Effort, str] = {"easy": "Easy", "about_right": "About right", "hard": "Hard"}

OWN_RULE = (
    "deskbreak's own rule of thumb: go heavier only after a session where every set reached its reps "
    "and none felt hard."
)


def day_text(day: date) -> str:
    """ "Monday 2 November": no zero before the day, on every system."""
    return f"{day:%A} {day.day} {day:%B}"


def short_day_text(day: date) -> str:
    """ "Mon 2 Nov"."""
    return f"{day:%a} {day.day} {day:%b}"


def duration_text(span: timedelta) -> str:
    """Whole minutes, as "45 min" or "6 h 57 min"."""
    minutes = max(0, int(span.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def count_text(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def suggestion_text(suggestion: Suggestion, target_reps: int) -> str:
    """The strength log's one line of advice; never a number of kilograms."""
    match suggestion:
        case TryHeavier():
            return (
                f"Last time every set reached {target_reps} reps and none felt hard. If every rep keeps "
                "a flat back and good form, try slightly heavier dumbbells today."
            )
        case StayAtThisWeight(reason="felt_hard"):
            return "A set felt hard last time: stay at this weight until every set feels about right."
        case StayAtThisWeight(reason="reps_short"):
            return f"Last time not every set reached {target_reps} reps: stay at this weight until they do."
        case StayAtThisWeight():  # pragma: no cover - the reasons above are all there are
            raise AssertionError(suggestion)
    assert_never(suggestion)


def load_text(load_kg: float | None) -> str:
    if load_kg is None:
        return "no weight"
    return f"{load_kg:g} kg"


def last_time_text(last: LastTime) -> str:
    """For the strength log and the player: "Last time (Friday 20 November): 8, 8, 7 reps at 10 kg"."""
    reps = ", ".join(str(s.reps) for s in last.sets)
    loads = {s.load_kg for s in last.sets}
    if len(loads) == 1:
        weight = f" at {load_text(loads.pop())}" if last.load_kg is not None else ""
        return f"Last time ({day_text(last.day)}): {reps} reps{weight}"
    each = ", ".join(f"{s.reps} at {load_text(s.load_kg)}" for s in last.sets)
    return f"Last time ({day_text(last.day)}): {each}"
