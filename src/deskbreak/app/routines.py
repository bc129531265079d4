"""Which routine the prompt offers and which packs the tray menu lists, from the loaded library."""

from __future__ import annotations

from dataclasses import dataclass, field

from deskbreak.core.effects import PromptInfo
from deskbreak.core.paths import Paths
from deskbreak.ui.prompt import OfferedRoutine


@dataclass
class RoutineOffer:
    """The packs on offer; the prompt offers the first desk pack, and the shortest one at level 3."""

    packs: list[OfferedRoutine] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, paths: Paths) -> RoutineOffer:
        return cls()

    def for_prompt(self, prompt: PromptInfo) -> OfferedRoutine | None:
        if not self.packs:
            return None
        if prompt.level >= 3:
            return min(self.packs, key=lambda pack: pack.minutes)
        return self.packs[0]

    def menu_entries(self) -> list[tuple[str, str]]:
        return [(pack.pack_id, f"{pack.title} · {pack.minutes} min") for pack in self.packs]

    def problem_lines(self) -> list[str]:
        return list(self.problems)
