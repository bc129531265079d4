"""What the engine asks the outside world to do; adapters carry these out, tests read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from deskbreak.core.history.events import HistoryEvent
from deskbreak.core.kinds import AbsenceKind, Posture, PromptKind
from deskbreak.core.offer import OfferedRoutine
from deskbreak.core.programme.progress import SessionToday

if TYPE_CHECKING:
    from deskbreak.core.events import Event

Phase = Literal["sitting", "standing", "prompting", "snoozed", "in_routine", "away", "paused", "off_hours"]


@dataclass(frozen=True)
class PromptInfo:
    """Everything a prompt window or notification needs to word itself, and the prompt's identity.

    `prompt_id` names one prompt from the moment it falls due until it is answered or dropped; a
    prompt shown again (after a lock, a snooze, a higher level) keeps its id and its offer.
    """

    prompt_id: int
    kind: PromptKind
    level: int  # 1 gentle, 2 more present, 3 offers the shortest routine instead of snoozing
    block_length: timedelta  # how long the user has been sitting (or standing)
    move_minutes: int
    can_snooze: bool
    snooze_minutes: int
    standing_desk: bool
    offer: OfferedRoutine | None
    quiet: bool = False  # held by do-not-disturb or fullscreen: a notification only, never a window


@dataclass(frozen=True)
class ShowPrompt:
    """Show (or show again) a prompt; `is_new` is true the first time this prompt id appears."""

    prompt: PromptInfo
    is_new: bool


@dataclass(frozen=True)
class HidePrompt:
    prompt_id: int


@dataclass(frozen=True)
class OpenRoutine:
    pack_id: str


@dataclass(frozen=True)
class Record:
    """Something worth keeping in the history, with the instant it happened."""

    at: datetime
    event: HistoryEvent


@dataclass(frozen=True)
class WelcomeBack:
    """An absence long enough to count as a break ended while the sitting timer runs: say so."""

    minutes: int
    kind: AbsenceKind


class Refusal(StrEnum):
    """Why a request changed nothing; adapters word it (`core.wording.refusal_text`)."""

    NO_PROMPT = "no_prompt"
    NO_SNOOZES_LEFT = "no_snoozes_left"
    NOT_PAUSED = "not_paused"
    IN_ROUTINE = "in_routine"
    STALE_PROMPT = "stale_prompt"
    NO_OFFER = "no_offer"


@dataclass(frozen=True)
class Refused:
    """A request the engine did not carry out, and why (a snooze past the limit, say)."""

    request: Event
    reason: Refusal


@dataclass(frozen=True)
class PromptStatus:
    """The current prompt as `ctl status` and the tray see it."""

    prompt_id: int
    kind: PromptKind
    level: int
    visible: bool
    offered_pack: str | None


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
    prompt: PromptStatus | None = None  # a prompt that is due, shown or snoozed
    today: tuple[SessionToday, ...] = ()  # the programme's sessions scheduled today
    ticked: frozenset[str] = frozenset()  # checklist items ticked today

    @property
    def prompt_kind(self) -> PromptKind | None:
        return self.prompt.kind if self.prompt is not None else None


@dataclass(frozen=True)
class StatusChanged:
    status: Status


Effect = ShowPrompt | HidePrompt | OpenRoutine | Record | WelcomeBack | Refused | StatusChanged
