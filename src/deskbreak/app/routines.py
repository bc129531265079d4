"""The routine library as the app uses it: the menu's packs, the prompt's offer, and the player's inputs."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from deskbreak.core.effects import PromptInfo
from deskbreak.core.routines.library import Library, LoadedPack, load_library
from deskbreak.core.routines.model import Exercise
from deskbreak.core.settings import RoutineSettings
from deskbreak.core.working_hours import MINUTES_PER_DAY, WEEKDAYS, TimeRange, Weekday
from deskbreak.ui.prompt import OfferedRoutine

log = logging.getLogger(__name__)

SEATED_PACK = "seated-reset"  # what a standing-desk "time to sit" prompt offers


@dataclass
class RoutineOffer:
    """The loaded library, and which of its packs a prompt offers (settings `[routines]`).

    Rotation is remembered in memory only: after a restart the list starts again at its first pack.
    """

    library: Library
    turn: int = field(default=-1)  # how many new prompts have been offered a pack, minus one

    @classmethod
    def load(cls, user_dir: Path) -> RoutineOffer:
        library = load_library(user_dir)
        for problem in library.problems:
            log.warning("routine packs: %s", problem)
        log.info("loaded %d routine packs", len(library.packs))
        return cls(library)

    def pack(self, pack_id: str) -> LoadedPack | None:
        return self.library.packs.get(pack_id)

    def new_prompt(self) -> None:
        """A new prompt appeared (not a snoozed one coming back): rotation moves to the next pack."""
        self.turn += 1

    def for_prompt(
        self,
        prompt: PromptInfo,
        choice: RoutineSettings,
        hours: Mapping[Weekday, tuple[TimeRange, ...]],
        local_now: datetime,
    ) -> OfferedRoutine | None:
        """The pack this prompt offers; level 3 offers the shortest, so saying yes is easy."""
        candidates = [self._offered(p) for p in choice.prompt_packs if p in self.library.packs]
        if not candidates:
            return None
        if prompt.level >= 3:
            return min(candidates, key=lambda offered: offered.minutes)
        if prompt.kind == "sit" and SEATED_PACK in self.library.packs:
            return self._offered(SEATED_PACK)
        if choice.offer == "time_of_day":
            return candidates[part_of_day(local_now, hours, len(candidates))]
        return candidates[max(self.turn, 0) % len(candidates)]

    def missing_packs(self, choice: RoutineSettings) -> list[str]:
        """Pack ids the settings name that are not loaded (a typo, or a user pack with a problem)."""
        return [pack_id for pack_id in choice.prompt_packs if pack_id not in self.library.packs]

    def menu_entries(self) -> list[tuple[str, str]]:
        packs = sorted(self.library.packs.values(), key=lambda loaded: loaded.pack.title.lower())
        return [(p.pack.id, f"{p.pack.title} · {_minutes(p.timeline.total_seconds)} min") for p in packs]

    def problem_lines(self) -> list[str]:
        return [str(problem) for problem in self.library.problems]

    def close_matches(self, pack_id: str) -> list[str]:
        return self.library.close_matches(pack_id)

    def image_for(self, exercise: Exercise) -> Path | None:
        """The exercise's illustration as the loader resolved and checked it, if it has one."""
        return self.library.images.get(exercise.id)

    def _offered(self, pack_id: str) -> OfferedRoutine:
        loaded = self.library.packs[pack_id]
        return OfferedRoutine(pack_id, loaded.pack.title, _minutes(loaded.timeline.total_seconds))


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


def _minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))
