"""Which routine a prompt offers: chosen once, when the prompt falls due, and kept with the prompt.

The policy follows the `[routines]` settings: the listed packs in turn (the turn survives a
restart, because it is part of the engine's saved state) or by the part of the working day. A
"time to sit" prompt at a standing desk offers the seated pack; a prompt that reaches level 3
offers the shortest listed pack instead, so that saying yes is easy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from deskbreak.core.kinds import PromptKind
from deskbreak.core.settings import RoutineSettings
from deskbreak.core.working_hours import MINUTES_PER_DAY, WEEKDAYS, TimeRange, Weekday

SEATED_PACK = "seated-reset"  # what a standing-desk "time to sit" prompt offers


@dataclass(frozen=True)
class PackSummary:
    """What the offer needs to know of a loaded pack."""

    pack_id: str
    title: str
    seconds: int

    @property
    def minutes(self) -> int:
        """The length a prompt states: whole minutes, at least one."""
        return pack_minutes(self.seconds)


@dataclass(frozen=True)
class OfferedRoutine:
    """The routine a prompt offers, with what its button and notification say about it."""

    pack_id: str
    title: str
    minutes: int


def pack_minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))


def offered(pack: PackSummary) -> OfferedRoutine:
    return OfferedRoutine(pack.pack_id, pack.title, pack.minutes)


def first_offer(
    kind: PromptKind,
    packs: Mapping[str, PackSummary],
    choice: RoutineSettings,
    hours: Mapping[Weekday, tuple[TimeRange, ...]],
    local_now: datetime,
    turn: int,
) -> OfferedRoutine | None:
    """The offer of a new prompt; `turn` is how many prompts were offered a pack in turn before it."""
    candidates = _candidates(packs, choice)
    if kind is PromptKind.SIT and SEATED_PACK in packs:
        return offered(packs[SEATED_PACK])
    if not candidates:
        return None
    if choice.offer == "time_of_day":
        return offered(candidates[part_of_day(local_now, hours, len(candidates))])
    return offered(candidates[turn % len(candidates)])


def uses_turn(kind: PromptKind, packs: Mapping[str, PackSummary], choice: RoutineSettings) -> bool:
    """Whether choosing this prompt's offer moves the rotation on (only an offer taken in turn does)."""
    if kind is PromptKind.SIT and SEATED_PACK in packs:
        return False
    return choice.offer == "rotate" and bool(_candidates(packs, choice))


def shortest_offer(packs: Mapping[str, PackSummary], choice: RoutineSettings) -> OfferedRoutine | None:
    """What a level-3 prompt offers: the shortest listed pack."""
    candidates = _candidates(packs, choice)
    if not candidates:
        return None
    return offered(min(candidates, key=lambda pack: pack.seconds))


def _candidates(packs: Mapping[str, PackSummary], choice: RoutineSettings) -> Sequence[PackSummary]:
    return [packs[pack_id] for pack_id in choice.prompt_packs if pack_id in packs]


def part_of_day(local_now: datetime, hours: Mapping[Weekday, tuple[TimeRange, ...]], parts: int) -> int:
    """Which of `parts` equal slices of today's working span (first start to last end) `local_now` is in.

    Before the span it is the first slice and after it the last; a day without working hours
    is split from midnight to midnight.
    """
    ranges = hours.get(WEEKDAYS[local_now.weekday()], ())
    start = min((r.start_minute for r in ranges), default=0)
    end = max((r.end_minute for r in ranges), default=MINUTES_PER_DAY)
    minute = local_now.hour * 60 + local_now.minute
    index = (minute - start) * parts // (end - start)
    return min(max(index, 0), parts - 1)
