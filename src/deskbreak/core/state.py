"""The engine's state as one immutable value, and its JSON form for surviving a restart.

The parts are orthogonal on purpose: a pause, an absence, off-hours and do-not-disturb can all hold
at once, so they are kept as separate facts (the reasons not to interrupt) rather than folded
into one phase. The phase the tray shows is derived from them (`Engine.status`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from deskbreak.core.kinds import AbsenceKind, Posture, PromptKind
from deskbreak.core.offer import OfferedRoutine
from deskbreak.core.programme.calendar import Due
from deskbreak.core.programme.progress import ProgrammeProgress

ZERO = timedelta(0)
SNAPSHOT_VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1 had no prompt ids, offers or rotation; they start afresh
# What a saved state may hold: instants far enough from the calendar's ends that the engine's
# arithmetic and any time zone stay inside it, and credit no block collects in a week.
EARLIEST_SAVED = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_SAVED = datetime(9000, 1, 1, tzinfo=UTC)
MAX_CREDIT = timedelta(days=7)


@dataclass(frozen=True)
class Block:
    """The current sitting or standing block; `credit` is time that did not count (short absences)."""

    posture: Posture
    since: datetime
    credit: timedelta = ZERO


@dataclass(frozen=True)
class PendingPrompt:
    """A prompt that fell due and has not been answered; hidden while something holds it.

    Its id and its offer are fixed when it falls due (the offer changes only to the shortest pack
    at level 3), so every window and notification of one prompt names the same routine.
    """

    prompt_id: int
    kind: PromptKind
    due_at: datetime
    offer: OfferedRoutine | None = None
    level: int = 1
    snoozes: int = 0
    shown_at: datetime | None = None
    snoozed_until: datetime | None = None
    forced: bool = False  # asked for by the user (break now): shown whatever the holds
    held_since: datetime | None = None  # due but held back (busy, paused, away) since this instant
    quiet_sent: bool = False  # a quiet notification went out while do-not-disturb held it
    ever_shown: bool = False  # shown at least once: a later showing is not a new prompt
    session: Due | None = None  # a session of the programme (kind SESSION): which one, which day

    @property
    def is_visible(self) -> bool:
        return self.shown_at is not None and self.snoozed_until is None


@dataclass(frozen=True)
class ActiveRoutine:
    pack_id: str
    since: datetime
    session: Due | None = None  # started from a session's prompt


@dataclass(frozen=True)
class Absence:
    """The user is away: `since` is when the absence started to count.

    `stirred_at` is input seen during an idle absence that is not yet known to be a return (a
    bumped mouse); the absence ends there only if the user stays (core.engine's noise window).
    """

    since: datetime
    kind: AbsenceKind
    stirred_at: datetime | None = None


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
    next_prompt_id: int = 1
    offer_turn: int = 0  # how many prompts were offered a pack in turn (the rotation)
    programme: ProgrammeProgress = field(default_factory=ProgrammeProgress)

    def with_new_prompt(
        self,
        kind: PromptKind,
        due_at: datetime,
        offer: OfferedRoutine | None,
        *,
        forced: bool = False,
        session: Due | None = None,
    ) -> EngineState:
        """A prompt falls due: it takes the next id, once and for good."""
        prompt = PendingPrompt(self.next_prompt_id, kind, due_at, offer, forced=forced, session=session)
        return replace(self, prompt=prompt, next_prompt_id=self.next_prompt_id + 1)

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
            absence=self.absence
            and replace(
                self.absence, since=self.absence.since + delta, stirred_at=move(self.absence.stirred_at)
            ),
            off_hours_since=move(self.off_hours_since),
        )


def to_snapshot(state: EngineState, saved_at: datetime) -> dict[str, Any]:
    """What survives a quit: the block, a pending prompt, a pause and the prompt counters.

    Live facts (absence, busy, off hours, a running routine) are re-learned after the start.
    """
    prompt = state.prompt
    return {
        "version": SNAPSHOT_VERSION,
        "saved_at": saved_at.isoformat(),
        "next_prompt_id": state.next_prompt_id,
        "offer_turn": state.offer_turn,
        "programme": state.programme.to_data(),
        "block": {
            "posture": state.block.posture,
            "since": state.block.since.isoformat(),
            "credit_seconds": state.block.credit.total_seconds(),
        },
        "prompt": None
        if prompt is None
        else {
            "prompt_id": prompt.prompt_id,
            "kind": prompt.kind.value,
            "offer": None if prompt.offer is None else _offer_data(prompt.offer),
            "ever_shown": prompt.ever_shown,
            "due_at": prompt.due_at.isoformat(),
            "level": prompt.level,
            "snoozes": prompt.snoozes,
            "snoozed_until": _iso(prompt.snoozed_until),
            "session": None if prompt.session is None else _due_data(prompt.session),
        },
        "pause": None if state.pause is None else {"until": _iso(state.pause.until)},
    }


class SnapshotError(ValueError):
    pass


def from_snapshot(data: dict[str, Any]) -> tuple[EngineState, datetime]:
    """Rebuild a state and the instant it was saved; raises SnapshotError for anything malformed."""
    try:
        version = data.get("version")
        if version not in READABLE_VERSIONS:
            raise SnapshotError(f"unknown state version {version!r}")
        next_prompt_id = _whole(data.get("next_prompt_id", 1), minimum=1)
        offer_turn = _whole(data.get("offer_turn", 0), minimum=0)
        block_data = data["block"]
        posture = block_data["posture"]
        if posture not in ("sitting", "standing"):
            raise SnapshotError(f"unknown posture {posture!r}")
        block = Block(
            posture=cast(Posture, posture),
            since=_when(block_data["since"]),
            credit=_credit(block_data["credit_seconds"]),
        )
        prompt = None
        if data.get("prompt") is not None:
            p = data["prompt"]
            if p["kind"] not in set(PromptKind):
                raise SnapshotError(f"unknown prompt kind {p['kind']!r}")
            prompt_id = _whole(p.get("prompt_id", next_prompt_id), minimum=1)
            next_prompt_id = max(next_prompt_id, prompt_id + 1)
            prompt = PendingPrompt(
                prompt_id=prompt_id,
                kind=PromptKind(p["kind"]),
                offer=_offer(p.get("offer")),
                ever_shown=p.get("ever_shown") is True,
                due_at=_when(p["due_at"]),
                level=min(3, max(1, _count(p["level"]))),
                snoozes=min(99, max(0, _count(p["snoozes"]))),
                snoozed_until=_maybe_when(p.get("snoozed_until")),
                session=_due(p.get("session")),
            )
            if (prompt.kind is PromptKind.SESSION) != (prompt.session is not None):
                raise SnapshotError("a session prompt needs its session, and only it has one")
        pause = None
        if data.get("pause") is not None:
            pause = UserPause(until=_maybe_when(data["pause"].get("until")))
        programme = (
            ProgrammeProgress.from_data(data["programme"]) if "programme" in data else ProgrammeProgress()
        )
        state = EngineState(
            block=block,
            prompt=prompt,
            pause=pause,
            next_prompt_id=next_prompt_id,
            offer_turn=offer_turn,
            programme=programme,
        )
        return state, _when(data["saved_at"])
    except SnapshotError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SnapshotError(f"malformed state: {exc!r}") from None


def _credit(value: object) -> timedelta:
    if not isinstance(value, int | float | str):
        raise SnapshotError(f"expected seconds, found {value!r}")
    seconds = float(value)
    if not (math.isfinite(seconds) and 0 <= seconds <= MAX_CREDIT.total_seconds()):
        raise SnapshotError(f"credit out of range: {value!r} seconds")
    return timedelta(seconds=seconds)


def _count(value: object) -> int:
    if isinstance(value, float) and not math.isfinite(value):
        raise SnapshotError(f"count out of range: {value!r}")
    if not isinstance(value, int | float | str):
        raise SnapshotError(f"expected a count, found {value!r}")
    return int(value)


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat()


def _when(text: object) -> datetime:
    if not isinstance(text, str):
        raise SnapshotError(f"expected a timestamp, found {text!r}")
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        raise SnapshotError(f"timestamp without a UTC offset: {text!r}")
    if not EARLIEST_SAVED <= when <= LATEST_SAVED:
        raise SnapshotError(f"timestamp out of range: {text!r}")
    return when


def _maybe_when(text: object) -> datetime | None:
    return None if text is None else _when(text)


def _whole(value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value < 2**53:
        raise SnapshotError(f"expected a whole number from {minimum}, found {value!r}")
    return value


def _offer_data(offer: OfferedRoutine) -> dict[str, Any]:
    return {"pack_id": offer.pack_id, "title": offer.title, "minutes": offer.minutes}


def _offer(data: object) -> OfferedRoutine | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise SnapshotError(f"malformed offer {data!r}")
    pack_id, title, minutes = data["pack_id"], data["title"], data["minutes"]
    if not isinstance(pack_id, str) or not isinstance(title, str):
        raise SnapshotError(f"malformed offer {data!r}")
    return OfferedRoutine(pack_id, title, _whole(minutes, minimum=1))


def _due_data(due: Due) -> dict[str, Any]:
    return {
        "session_id": due.session_id,
        "pack_id": due.pack_id,
        "day": due.day.isoformat(),
        "at": due.at.isoformat(),
    }


def _due(data: object) -> Due | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise SnapshotError(f"malformed session {data!r}")
    return Due(
        str(data["session_id"]), str(data["pack_id"]), date.fromisoformat(data["day"]), _when(data["at"])
    )
