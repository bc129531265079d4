"""The engine's state as one immutable value, and its JSON form for surviving a restart.

The parts are orthogonal on purpose: a pause, an absence, off-hours and do-not-disturb can all hold
at once, so they are kept as separate facts (the reasons not to interrupt) rather than folded
into one phase. The phase the tray shows is derived from them (`Engine.status`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, cast

from deskbreak.core.effects import PromptKind
from deskbreak.core.events import AbsenceKind, Posture

ZERO = timedelta(0)
SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class Block:
    """The current sitting or standing block; `credit` is time that did not count (short absences)."""

    posture: Posture
    since: datetime
    credit: timedelta = ZERO


@dataclass(frozen=True)
class PendingPrompt:
    """A prompt that fell due and has not been answered; hidden while something holds it."""

    kind: PromptKind
    due_at: datetime
    level: int = 1
    snoozes: int = 0
    shown_at: datetime | None = None
    snoozed_until: datetime | None = None
    forced: bool = False  # asked for by the user (break now): shown whatever the holds
    held_since: datetime | None = None  # due but held back (busy, paused, away) since this instant
    quiet_sent: bool = False  # a quiet notification went out while do-not-disturb held it

    @property
    def is_visible(self) -> bool:
        return self.shown_at is not None and self.snoozed_until is None


@dataclass(frozen=True)
class ActiveRoutine:
    pack_id: str
    since: datetime


@dataclass(frozen=True)
class Absence:
    """The user is away: `since` is when the absence started to count."""

    since: datetime
    kind: AbsenceKind


@dataclass(frozen=True)
class UserPause:
    until: datetime | None


@dataclass(frozen=True)
class EngineState:
    block: Block
    prompt: PendingPrompt | None = None
    routine: ActiveRoutine | None = None
    absence: Absence | None = None
    pause: UserPause | None = None
    busy: frozenset[str] = frozenset()
    off_hours_since: datetime | None = None

    def shifted(self, delta: timedelta) -> EngineState:
        """The same state with every remembered instant moved by `delta` (a wall-clock correction).

        A pause keeps its end: "until 14:00" is meant in wall-clock time.
        """

        def move(when: datetime | None) -> datetime | None:
            return None if when is None else when + delta

        prompt = self.prompt and replace(
            self.prompt,
            due_at=self.prompt.due_at + delta,
            shown_at=move(self.prompt.shown_at),
            snoozed_until=move(self.prompt.snoozed_until),
            held_since=move(self.prompt.held_since),
        )
        return replace(
            self,
            block=replace(self.block, since=self.block.since + delta),
            prompt=prompt,
            routine=self.routine and replace(self.routine, since=self.routine.since + delta),
            absence=self.absence and replace(self.absence, since=self.absence.since + delta),
            off_hours_since=move(self.off_hours_since),
        )


def to_snapshot(state: EngineState, saved_at: datetime) -> dict[str, Any]:
    """What survives a quit: the block, a pending prompt and a pause. Live facts are re-learned."""
    prompt = state.prompt
    return {
        "version": SNAPSHOT_VERSION,
        "saved_at": saved_at.isoformat(),
        "block": {
            "posture": state.block.posture,
            "since": state.block.since.isoformat(),
            "credit_seconds": state.block.credit.total_seconds(),
        },
        "prompt": None
        if prompt is None
        else {
            "kind": prompt.kind,
            "due_at": prompt.due_at.isoformat(),
            "level": prompt.level,
            "snoozes": prompt.snoozes,
            "snoozed_until": _iso(prompt.snoozed_until),
        },
        "pause": None if state.pause is None else {"until": _iso(state.pause.until)},
    }


class SnapshotError(ValueError):
    pass


def from_snapshot(data: dict[str, Any]) -> tuple[EngineState, datetime]:
    """Rebuild a state and the instant it was saved; raises SnapshotError for anything malformed."""
    try:
        if data.get("version") != SNAPSHOT_VERSION:
            raise SnapshotError(f"unknown state version {data.get('version')!r}")
        block_data = data["block"]
        posture = block_data["posture"]
        if posture not in ("sitting", "standing"):
            raise SnapshotError(f"unknown posture {posture!r}")
        block = Block(
            posture=cast(Posture, posture),
            since=_when(block_data["since"]),
            credit=timedelta(seconds=float(block_data["credit_seconds"])),
        )
        prompt = None
        if data.get("prompt") is not None:
            p = data["prompt"]
            if p["kind"] not in ("move", "stand", "sit"):
                raise SnapshotError(f"unknown prompt kind {p['kind']!r}")
            prompt = PendingPrompt(
                kind=p["kind"],
                due_at=_when(p["due_at"]),
                level=min(3, max(1, int(p["level"]))),
                snoozes=max(0, int(p["snoozes"])),
                snoozed_until=_maybe_when(p.get("snoozed_until")),
            )
        pause = None
        if data.get("pause") is not None:
            pause = UserPause(until=_maybe_when(data["pause"].get("until")))
        return EngineState(block=block, prompt=prompt, pause=pause), _when(data["saved_at"])
    except SnapshotError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SnapshotError(f"malformed state: {exc!r}") from None


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat()


def _when(text: object) -> datetime:
    if not isinstance(text, str):
        raise SnapshotError(f"expected a timestamp, found {text!r}")
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        raise SnapshotError(f"timestamp without a UTC offset: {text!r}")
    return when


def _maybe_when(text: object) -> datetime | None:
    return None if text is None else _when(text)
