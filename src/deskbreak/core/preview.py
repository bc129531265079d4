"""Plans a day's prompts by running the real engine on a fake timeline: the engine's public face.

Every prompt is assumed to be acted on at once (`Done`), so a plain schedule restarts the sitting
block and a standing-desk schedule alternates posture.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from deskbreak.core.effects import ShowPrompt
from deskbreak.core.engine import Engine
from deskbreak.core.events import Done, Tick
from deskbreak.core.kinds import PromptKind
from deskbreak.core.settings import Settings


@dataclass(frozen=True)
class PlannedPrompt:
    at: datetime  # aware, in the zone the plan was made for
    kind: PromptKind


def plan_prompts(settings: Settings, tz: tzinfo, first_day: date, days: int) -> list[PlannedPrompt]:
    start = datetime.combine(first_day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(first_day + timedelta(days=days), time(0), tzinfo=tz).astimezone(UTC)
    engine = Engine(settings, tz, start)
    planned: list[PlannedPrompt] = []
    while (wake := engine.next_wakeup) is not None and wake < end:
        for effect in engine.handle(Tick(), wake):
            if isinstance(effect, ShowPrompt):
                planned.append(PlannedPrompt(wake.astimezone(tz), effect.prompt.kind))
                engine.handle(Done(), wake)
    return planned
