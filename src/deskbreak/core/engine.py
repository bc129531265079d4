"""Decides when to prompt: a pure state machine over sitting, standing, prompts, absences and pauses.

`Engine.handle(event, now)` is the only way in; it returns effects and never calls the UI, so a
test reads a transcript. `Engine.next_wakeup` is when the outside world must call again with a
`Tick` if nothing else happens first. The rules, in short:

- a prompt falls due after `sit_minutes` of sitting (or `stand_minutes` of standing at a
  standing desk), counted only inside working hours;
- it is held, not lost, while the user pauses, is outside working hours, is away or is busy;
- an absence (idle after the threshold, lock, sleep) at least `break_minutes` long is a break and
  restarts the block; a shorter one pauses the block's clock;
- snoozes are bounded; an unanswered prompt is re-presented a little more firmly, up to level 3;
- deadlines are instants, so a night asleep gives at most one prompt, and a wall-clock jump is
  corrected by shifting every remembered instant.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from typing import Any

from deskbreak.core.effects import (
    Effect,
    HidePrompt,
    OpenRoutine,
    Phase,
    PromptInfo,
    PromptKind,
    Record,
    ShowPrompt,
    Status,
    StatusChanged,
)
from deskbreak.core.events import (
    AbsenceKind,
    AwayEnded,
    AwayStarted,
    BreakNow,
    BusyChanged,
    ClockJumped,
    Done,
    Event,
    Pause,
    Posture,
    PostureChanged,
    Resume,
    RoutineEnded,
    SettingsChanged,
    Skip,
    Slept,
    Snooze,
    StartRoutine,
    Tick,
)
from deskbreak.core.settings import Settings
from deskbreak.core.state import (
    ZERO,
    Absence,
    ActiveRoutine,
    Block,
    EngineState,
    PendingPrompt,
    UserPause,
    from_snapshot,
    to_snapshot,
)
from deskbreak.core.working_hours import WorkingHours

MAX_LEVEL = 3
_PREDICTION_STEPS = 64


class Engine:
    """Owns one `EngineState` and replaces it on every event; all times come from the caller."""

    def __init__(
        self, settings: Settings, tz: tzinfo, now: datetime, state: EngineState | None = None
    ) -> None:
        self._tz = tz
        self._use(settings)
        effects: list[Effect] = []
        self._state = self._reconcile(state or EngineState(block=Block("sitting", now)), now, effects)
        self._status = self._status_of(self._state, now)
        self._next_wakeup = self._wakeup_of(self._state, now)

    @classmethod
    def restored(cls, snapshot: dict[str, Any], settings: Settings, tz: tzinfo, now: datetime) -> Engine:
        """Continue the saved block after a short restart; a gap as long as a break starts afresh."""
        state, saved_at = from_snapshot(snapshot)
        gap = now - saved_at
        if gap < ZERO or gap >= timedelta(minutes=settings.awareness.break_minutes):
            pause = state.pause
            if pause is not None and pause.until is not None and pause.until <= now:
                pause = None
            state = EngineState(block=Block("sitting", now), pause=pause)
        return cls(settings, tz, now, state)

    # --- public surface ---------------------------------------------------------------------------

    @property
    def state(self) -> EngineState:
        return self._state

    @property
    def status(self) -> Status:
        return self._status

    @property
    def next_wakeup(self) -> datetime | None:
        return self._next_wakeup

    @property
    def settings(self) -> Settings:
        return self._settings

    def snapshot(self, now: datetime) -> dict[str, Any]:
        return to_snapshot(self._state, now)

    def handle(self, event: Event, now: datetime) -> list[Effect]:
        before = self._state
        effects: list[Effect] = []
        state = self._apply(before, event, now, effects)
        state = self._reconcile(state, now, effects)
        self._visibility(before, state, now, effects)
        self._state = state
        status = self._status_of(state, now)
        if status != self._status:
            self._status = status
            effects.append(StatusChanged(status))
        self._next_wakeup = self._wakeup_of(state, now)
        return effects

    # --- settings-derived lengths -----------------------------------------------------------------

    def _use(self, settings: Settings) -> None:
        self._settings = settings
        self._hours = WorkingHours(settings.working_hours, self._tz)
        self._break = timedelta(minutes=settings.awareness.break_minutes)
        self._away_after = timedelta(seconds=settings.awareness.away_after_seconds)
        self._snooze = timedelta(minutes=settings.schedule.snooze_minutes)
        self._quiet_after = timedelta(minutes=settings.awareness.quiet_after_minutes)

    def _block_length(self, block: Block) -> timedelta:
        schedule = self._settings.schedule
        if block.posture == "standing" and schedule.standing_desk:
            return timedelta(minutes=schedule.stand_minutes)
        return timedelta(minutes=schedule.sit_minutes)

    def _deadline(self, block: Block) -> datetime:
        return block.since + self._block_length(block) + block.credit

    def _kind_for(self, block: Block) -> PromptKind:
        if not self._settings.schedule.standing_desk:
            return "move"
        return "stand" if block.posture == "sitting" else "sit"

    # --- events -----------------------------------------------------------------------------------

    def _apply(self, s: EngineState, event: Event, now: datetime, effects: list[Effect]) -> EngineState:
        match event:
            case Tick():
                return s
            case AwayStarted(since=since, kind=kind):
                if s.routine is not None:
                    return s  # a floor routine leaves the keyboard alone; that is not being away
                start = min(now, since + self._away_after if kind == "idle" else since)
                if s.absence is not None and s.absence.since <= start:
                    return s
                return replace(s, absence=Absence(start, kind))
            case AwayEnded():
                if s.absence is None:
                    return s
                return self._after_absence(
                    replace(s, absence=None), s.absence.since, now, s.absence.kind, effects
                )
            case Slept(start=start, end=end):
                if s.absence is not None:
                    return s  # the absence already running covers the sleep and ends on return
                return self._after_absence(s, start, end, "asleep", effects)
            case ClockJumped(delta=delta):
                effects.append(Record("clock_jumped", now, {"seconds": delta.total_seconds()}))
                return s.shifted(delta)
            case BusyChanged(reason=reason, is_busy=is_busy):
                return replace(s, busy=s.busy | {reason} if is_busy else s.busy - {reason})
            case SettingsChanged(settings=settings):
                self._use(settings)
                if not settings.schedule.standing_desk:
                    if s.block.posture == "standing":
                        s = replace(s, block=Block("sitting", now))
                    if s.prompt is not None and s.prompt.kind != "move":
                        s = replace(s, prompt=None)
                return s
            case Done():
                if s.prompt is None:
                    return s
                posture: Posture = "standing" if s.prompt.kind == "stand" else "sitting"
                effects.append(Record("prompt_done", now, {"kind": s.prompt.kind, "level": s.prompt.level}))
                return replace(s, block=Block(posture, now), prompt=None)
            case PostureChanged(posture=posture):
                effects.append(Record("posture_changed", now, {"posture": posture}))
                return replace(s, block=Block(posture, now), prompt=None)
            case Snooze(minutes=minutes):
                return self._snooze_prompt(
                    s, now, self._snooze if minutes is None else timedelta(minutes=minutes), effects
                )
            case Skip():
                if s.prompt is None:
                    return s
                effects.append(
                    Record("prompt_skipped", now, {"kind": s.prompt.kind, "level": s.prompt.level})
                )
                return replace(s, block=Block(s.block.posture, now), prompt=None)
            case StartRoutine(pack_id=pack_id):
                effects.append(OpenRoutine(pack_id))
                if s.routine is not None and s.routine.pack_id == pack_id:
                    return s
                effects.append(Record("routine_started", now, {"pack": pack_id}))
                return replace(s, routine=ActiveRoutine(pack_id, now), prompt=None, absence=None)
            case RoutineEnded() as ended:
                if s.routine is not None and s.routine.pack_id != ended.pack_id:
                    effects.append(Record("routine_ended", now, _routine_detail(ended)))
                    return s  # a replaced routine's window closing; the new one is still running
                if ended.seconds_moved == 0 and not ended.completed:
                    # Closed before moving at all ("Not now" on the cautions): not a break.
                    effects.append(Record("routine_cancelled", now, {"pack": ended.pack_id}))
                    return replace(s, routine=None)
                effects.append(Record("routine_ended", now, _routine_detail(ended)))
                return replace(s, routine=None, block=Block("sitting", now), prompt=None)
            case Pause(until=until):
                effects.append(Record("paused", now, {"until": None if until is None else until.isoformat()}))
                return replace(s, pause=UserPause(until))
            case Resume():
                if s.pause is None:
                    return s
                effects.append(Record("resumed", now, {"reason": "user"}))
                return replace(s, pause=None)
            case BreakNow():
                if s.routine is not None:
                    return s
                return replace(s, prompt=PendingPrompt(self._kind_for(s.block), due_at=now, forced=True))
        raise AssertionError(f"unhandled event {event!r}")  # pragma: no cover - exhaustive match

    def _after_absence(
        self, s: EngineState, start: datetime, end: datetime, kind: AbsenceKind, effects: list[Effect]
    ) -> EngineState:
        length = max(ZERO, end - start)
        if length >= self._break:
            effects.append(
                Record("natural_break", end, {"minutes": round(length / timedelta(minutes=1)), "kind": kind})
            )
            return replace(s, block=Block("sitting", end), prompt=None)
        return replace(s, block=replace(s.block, credit=s.block.credit + length))

    def _snooze_prompt(
        self, s: EngineState, now: datetime, length: timedelta, effects: list[Effect]
    ) -> EngineState:
        prompt = s.prompt
        if prompt is None:
            # Nothing due yet: push the next prompt back so it comes no sooner than `length` from now.
            late_by = now + length - self._deadline(s.block)
            if late_by <= ZERO:
                return s
            effects.append(Record("postponed", now, {"minutes": round(length / timedelta(minutes=1))}))
            return replace(s, block=replace(s.block, credit=s.block.credit + late_by))
        if prompt.snoozes >= self._settings.schedule.max_snoozes:
            return s
        effects.append(
            Record("snoozed", now, {"minutes": round(length / timedelta(minutes=1)), "level": prompt.level})
        )
        snoozed = replace(prompt, snoozes=prompt.snoozes + 1, snoozed_until=now + length, shown_at=None)
        return replace(s, prompt=snoozed)

    # --- time-based rules -------------------------------------------------------------------------

    def _reconcile(self, s: EngineState, now: datetime, effects: list[Effect]) -> EngineState:
        """Apply every rule that depends only on time; idempotent, so extra wake-ups are harmless."""
        if s.pause is not None and s.pause.until is not None and now >= s.pause.until:
            effects.append(Record("resumed", now, {"reason": "pause ended"}))
            s = replace(s, pause=None)

        working = self._hours.is_working(now)
        if not working and s.off_hours_since is None:
            keep = s.prompt if s.prompt is not None and s.prompt.forced else None
            s = replace(s, off_hours_since=now, prompt=keep)
        elif working and s.off_hours_since is not None:
            off_since = s.off_hours_since
            s = self._after_absence(replace(s, off_hours_since=None), off_since, now, "idle", [])

        if s.prompt is None and s.routine is None and s.absence is None and s.off_hours_since is None:
            due = self._deadline(s.block)
            if now >= due:
                s = replace(s, prompt=PendingPrompt(self._kind_for(s.block), due_at=due))

        prompt = s.prompt
        if prompt is None:
            return s
        if prompt.snoozed_until is not None and now >= prompt.snoozed_until:
            prompt = replace(
                prompt, snoozed_until=None, shown_at=None, level=min(MAX_LEVEL, prompt.level + 1)
            )
        if prompt.snoozed_until is None:
            holds = self._holds(s, prompt)
            if holds:
                prompt = replace(prompt, shown_at=None, held_since=prompt.held_since or now)
                if self._quiet_due(prompt, holds, now):
                    prompt = replace(prompt, quiet_sent=True)
                    effects.append(ShowPrompt(self._prompt_info(s, prompt, now, quiet=True)))
                    effects.append(
                        Record("prompt_quiet", now, {"kind": prompt.kind, "held_by": sorted(holds)})
                    )
            elif prompt.shown_at is None:
                prompt = replace(prompt, shown_at=now, held_since=None, quiet_sent=False)
            elif prompt.level < MAX_LEVEL and now >= prompt.shown_at + self._snooze:
                prompt = replace(prompt, level=prompt.level + 1, shown_at=now)
        return replace(s, prompt=prompt)

    def _quiet_due(self, prompt: PendingPrompt, holds: frozenset[str], now: datetime) -> bool:
        """Held only by do-not-disturb or fullscreen for long enough: say it quietly, once."""
        return (
            not prompt.quiet_sent
            and prompt.held_since is not None
            and all(reason.startswith("busy:") for reason in holds)
            and now >= prompt.held_since + self._quiet_after
        )

    def _holds(self, s: EngineState, prompt: PendingPrompt | None) -> frozenset[str]:
        """The reasons not to interrupt right now; a prompt the user asked for ignores the soft ones."""
        reasons = set()
        if s.absence is not None:
            reasons.add("away")
        if s.routine is not None:
            reasons.add("routine")
        if prompt is None or not prompt.forced:
            if s.pause is not None:
                reasons.add("paused")
            if s.off_hours_since is not None:
                reasons.add("off_hours")
            reasons.update(f"busy:{reason}" for reason in s.busy)
        return frozenset(reasons)

    def _wakeup_of(self, s: EngineState, now: datetime) -> datetime | None:
        candidates: list[datetime] = []
        if s.pause is not None and s.pause.until is not None:
            candidates.append(s.pause.until)
        boundary = self._hours.next_boundary(now)
        if boundary is not None:
            candidates.append(boundary)
        if s.prompt is None and s.routine is None and s.absence is None and s.off_hours_since is None:
            candidates.append(self._deadline(s.block))
        prompt = s.prompt
        if prompt is not None:
            if prompt.snoozed_until is not None:
                candidates.append(prompt.snoozed_until)
            elif prompt.shown_at is not None and prompt.level < MAX_LEVEL:
                candidates.append(prompt.shown_at + self._snooze)
            elif prompt.held_since is not None and not prompt.quiet_sent:
                candidates.append(prompt.held_since + self._quiet_after)
        return min((c for c in candidates if c > now), default=None)

    # --- what the outside world sees --------------------------------------------------------------

    def _visibility(
        self, before: EngineState, after: EngineState, now: datetime, effects: list[Effect]
    ) -> None:
        was = before.prompt if before.prompt is not None and before.prompt.is_visible else None
        now_shown = after.prompt if after.prompt is not None and after.prompt.is_visible else None
        if now_shown is not None and (was is None or was.shown_at != now_shown.shown_at):
            effects.append(ShowPrompt(self._prompt_info(after, now_shown, now)))
            effects.append(Record("prompt_shown", now, {"kind": now_shown.kind, "level": now_shown.level}))
        elif was is not None and now_shown is None:
            effects.append(HidePrompt())

    def _prompt_info(
        self, s: EngineState, prompt: PendingPrompt, now: datetime, quiet: bool = False
    ) -> PromptInfo:
        schedule = self._settings.schedule
        return PromptInfo(
            kind=prompt.kind,
            level=prompt.level,
            block_length=max(ZERO, now - s.block.since - s.block.credit),
            move_minutes=schedule.move_minutes,
            can_snooze=prompt.snoozes < schedule.max_snoozes,
            snooze_minutes=schedule.snooze_minutes,
            standing_desk=schedule.standing_desk,
            quiet=quiet,
        )

    def _status_of(self, s: EngineState, now: datetime) -> Status:
        prompt = s.prompt
        return Status(
            phase=self._phase(s),
            posture=s.block.posture,
            block_since=s.block.since + s.block.credit,
            next_prompt_at=self._predict_prompt(s, now),
            paused_until=s.pause.until if s.pause is not None else None,
            snoozed_until=prompt.snoozed_until if prompt is not None else None,
            routine=s.routine.pack_id if s.routine is not None else None,
            held_by=self._holds(s, None),
            prompt_kind=prompt.kind if prompt is not None else None,
        )

    def _phase(self, s: EngineState) -> Phase:
        prompt = s.prompt
        if prompt is not None and prompt.forced and prompt.is_visible:
            return "prompting"
        if s.pause is not None:
            return "paused"
        if s.off_hours_since is not None:
            return "off_hours"
        if s.absence is not None:
            return "away"
        if s.routine is not None:
            return "in_routine"
        if prompt is not None and prompt.is_visible:
            return "prompting"
        if prompt is not None and prompt.snoozed_until is not None:
            return "snoozed"
        return s.block.posture

    def _predict_prompt(self, s: EngineState, now: datetime) -> datetime | None:
        """When the next prompt will show if nothing else happens: the same rules, run forward."""
        if s.prompt is not None and s.prompt.is_visible:
            return s.prompt.shown_at
        at = now
        for _ in range(_PREDICTION_STEPS):
            wake = self._wakeup_of(s, at)
            if wake is None:
                return None
            at = wake
            s = self._reconcile(s, at, [])
            if s.prompt is not None and s.prompt.is_visible:
                return at
        return None


def _routine_detail(ended: RoutineEnded) -> dict[str, object]:
    return {
        "pack": ended.pack_id,
        "completed": ended.completed,
        "steps_done": ended.steps_done,
        "steps_total": ended.steps_total,
        "seconds_moved": ended.seconds_moved,
    }
