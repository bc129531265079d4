"""The routine library as the app uses it: the menu's packs, the prompt's offer, and the player's inputs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from deskbreak.core.effects import PromptInfo
from deskbreak.core.routines.library import Library, LoadedPack, load_library
from deskbreak.core.routines.model import Exercise
from deskbreak.ui.prompt import OfferedRoutine

log = logging.getLogger(__name__)

# The desk packs a prompt offers, best first; level 3 offers the shortest of them.
PROMPT_PACKS = ("stand-up-reset", "whole-back-desk", "lower-back-release")
SEATED_PACK = "seated-reset"


@dataclass
class RoutineOffer:
    library: Library

    @classmethod
    def load(cls, user_dir: Path) -> RoutineOffer:
        library = load_library(user_dir)
        for problem in library.problems:
            log.warning("routine packs: %s", problem)
        log.info("loaded %d routine packs", len(library.packs))
        return cls(library)

    def pack(self, pack_id: str) -> LoadedPack | None:
        return self.library.packs.get(pack_id)

    def for_prompt(self, prompt: PromptInfo) -> OfferedRoutine | None:
        candidates = [self._offered(p) for p in PROMPT_PACKS if p in self.library.packs]
        if not candidates:
            return None
        if prompt.level >= 3:
            return min(candidates, key=lambda offered: offered.minutes)
        if prompt.kind == "sit" and SEATED_PACK in self.library.packs:
            return self._offered(SEATED_PACK)
        return candidates[0]

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


def _minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))
