"""Plans a day's prompts by running the real engine on a fake timeline: the engine's public face.

Every prompt is assumed to be acted on at once (`Done`), so a plain schedule restarts the sitting
block and a standing-desk schedule alternates posture. Given the loaded packs, the programme's
sessions are planned beside the prompts, at the times the running app would offer them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from deskbreak.core.effects import ShowPrompt
from deskbreak.core.engine import Engine
from deskbreak.core.events import Done, RoutinesAvailable, Tick
from deskbreak.core.kinds import PromptKind
from deskbreak.core.offer import PackSummary
from deskbreak.core.settings import Settings


@dataclass(frozen=True)
class PlannedPrompt:
    at: datetime  # aware, in the zone the plan was made for
    kind: PromptKind
    pack: str | None = None  # a session's pack


def plan_prompts(
    settings: Settings, tz: tzinfo, first_day: date, days: int, packs: Sequence[PackSummary] = ()
) -> list[PlannedPrompt]:
    start = datetime.combine(first_day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(first_day + timedelta(days=days), time(0), tzinfo=tz).astimezone(UTC)
    engine = Engine(settings, tz, start)
    engine.handle(RoutinesAvailable(tuple(packs)), start)
    planned: list[PlannedPrompt] = []
    while (wake := engine.next_wakeup) is not None and wake < end:
        effects = engine.handle(Tick(), wake)
        while effects:  # answering one prompt may bring the next (a second session due together)
            shown = [effect.prompt for effect in effects if isinstance(effect, ShowPrompt)]
            effects = []
            for prompt in shown:
                pack = prompt.offer.pack_id if prompt.kind is PromptKind.SESSION and prompt.offer else None
                planned.append(PlannedPrompt(wake.astimezone(tz), prompt.kind, pack))
                effects = engine.handle(Done(prompt.prompt_id), wake)
    return planned
