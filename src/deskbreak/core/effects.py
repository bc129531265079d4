"""What the engine asks the outside world to do; adapters carry these out, tests read them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from deskbreak.core.events import Posture

PromptKind = Literal["move", "stand", "sit"]
Phase = Literal["sitting", "standing", "prompting", "snoozed", "in_routine", "away", "paused", "off_hours"]


@dataclass(frozen=True)
class PromptInfo:
    """Everything a prompt window or notification needs to word itself."""

    kind: PromptKind
    level: int  # 1 gentle, 2 more present, 3 offers a one-minute routine instead of snoozing
    block_length: timedelta  # how long the user has been sitting (or standing)
    move_minutes: int
    can_snooze: bool
    snooze_minutes: int
    standing_desk: bool
    quiet: bool = False  # held by do-not-disturb or fullscreen: a notification only, never a window


@dataclass(frozen=True)
class ShowPrompt:
    prompt: PromptInfo


@dataclass(frozen=True)
class HidePrompt:
    pass


@dataclass(frozen=True)
class OpenRoutine:
    pack_id: str


@dataclass(frozen=True)
class Record:
    """Something worth keeping in the history."""

    kind: str
    at: datetime
    detail: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Status:
    """What the tray shows; instants only, so it changes on real transitions, not every minute."""

    phase: Phase
    posture: Posture
    block_since: datetime
    next_prompt_at: datetime | None
    paused_until: datetime | None
    snoozed_until: datetime | None
    routine: str | None
    held_by: frozenset[str]
    prompt_kind: PromptKind | None = None  # the kind of a prompt that is due, shown or snoozed


@dataclass(frozen=True)
class StatusChanged:
    status: Status


Effect = ShowPrompt | HidePrompt | OpenRoutine | Record | StatusChanged
