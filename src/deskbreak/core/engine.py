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
    PromptStatus,
    Record,
    Refusal,
    Refused,
    ShowPrompt,
    Status,
    StatusChanged,
    WelcomeBack,
)
from deskbreak.core.events import (
    AcceptOffer,
    AwayEnded,
    AwayStarted,
    BreakNow,
    BusyChanged,
    ChecklistToggled,
    ClockJumped,
    Done,
    Event,
    Pause,
    PostureChanged,
    Resume,
    RoutineEnded,
    RoutinesAvailable,
    SettingsChanged,
    Skip,
    Slept,
    Snooze,
    StartRoutine,
    Tick,
)
from deskbreak.core.history import events as history
from deskbreak.core.kinds import AbsenceKind, Posture, PromptKind
from deskbreak.core.offer import PackSummary, first_offer, offered, shortest_offer, uses_turn
from deskbreak.core.programme import rules as programme
from deskbreak.core.programme.calendar import Due
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
NOISE_WINDOW = timedelta(seconds=10)
"""How long input after an idle absence must go unanswered by a renewed quiet to count as a return."""
_PREDICTION_STEPS = 64


class Engine:
    """Owns one `EngineState` and replaces it on every event; all times come from the caller."""

    def __init__(
        self, settings: Settings, tz: tzinfo, now: datetime, state: EngineState | None = None
    ) -> None:
        self._tz = tz
        self._packs: dict[str, PackSummary] = {}
        self._use(settings)
        effects: list[Effect] = []
        self._state = self._reconcile(state or EngineState(block=Block("sitting", now)), now, effects)
        self._status = self._status_of(self._state, now)
        self._next_wakeup = self._wakeup_of(self._state, now)

    @classmethod
    def restored(cls, snapshot: dict[str, Any], settings: Settings, tz: tzinfo, now: datetime) -> Engine:
        """Continue the saved block after a short restart; a gap as long as a break starts afresh.

        The prompt counters (ids and the rotation of offered routines) and the programme's progress
        always carry on.
        """
        state, saved_at = from_snapshot(snapshot)
        gap = now - saved_at
        if gap < ZERO or gap >= timedelta(minutes=settings.awareness.break_minutes):
            pause = state.pause
            if pause is not None and pause.until is not None and pause.until <= now:
                pause = None
            state = EngineState(
                block=Block("sitting", now),
                pause=pause,
                next_prompt_id=state.next_prompt_id,
                offer_turn=state.offer_turn,
                programme=state.programme,
            )
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
            return PromptKind.MOVE
        return PromptKind.STAND if block.posture == "sitting" else PromptKind.SIT

    # --- prompts ----------------------------------------------------------------------------------

    def _new_prompt(self, s: EngineState, due_at: datetime, now: datetime, forced: bool) -> EngineState:
        """A prompt falls due: it gets its id and its offer now, once."""
        kind = self._kind_for(s.block)
        choice = self._settings.routines
        offer = first_offer(
            kind, self._packs, choice, self._settings.working_hours, now.astimezone(self._tz), s.offer_turn
        )
        turn = s.offer_turn + 1 if uses_turn(kind, self._packs, choice) else s.offer_turn
        return replace(s, offer_turn=turn).with_new_prompt(kind, due_at, offer, forced=forced)

    def _calendar(self) -> programme.Calendar:
        return programme.Calendar(self._settings, self._packs, self._tz)

    def _raised(self, prompt: PendingPrompt, level: int) -> PendingPrompt:
        """One level firmer; at the top level the offer becomes the shortest pack, so yes is easy."""
        level = min(MAX_LEVEL, level)
        offer = prompt.offer
        if level >= MAX_LEVEL and prompt.kind in (PromptKind.MOVE, PromptKind.STAND):
            offer = shortest_offer(self._packs, self._settings.routines) or offer
        return replace(prompt, level=level, offer=offer)

    def _answer(
        self, s: EngineState, event: Done | Skip | Snooze | AcceptOffer, effects: list[Effect]
    ) -> PendingPrompt | None:
        """The prompt an answer applies to, or None after saying why it applies to none."""
        prompt = s.prompt
        if prompt is None:
            if not isinstance(event, Snooze):
                effects.append(Refused(event, Refusal.NO_PROMPT))
            return None
        if event.prompt_id is not None and event.prompt_id != prompt.prompt_id:
            effects.append(Refused(event, Refusal.STALE_PROMPT))
            return None
        return prompt

    def _dropped(
        self, s: EngineState, now: datetime, reason: history.DropReason, effects: list[Effect]
    ) -> EngineState:
        if s.prompt is not None:
            effects.append(Record(now, history.PromptDropped(s.prompt.prompt_id, reason)))
        return replace(s, prompt=None)

    # --- events -----------------------------------------------------------------------------------

    def _apply(self, s: EngineState, event: Event, now: datetime, effects: list[Effect]) -> EngineState:
        match event:
            case Tick():
                return s
            case AwayStarted(since=since, kind=kind):
                if s.routine is not None:
                    return s  # a floor routine leaves the keyboard alone; that is not being away
                if s.absence is not None and s.absence.stirred_at is not None:
                    return replace(s, absence=replace(s.absence, stirred_at=None))  # the stir was noise
                start = min(now, since + self._away_after if kind == "idle" else since)
                if s.absence is not None and s.absence.since <= start:
                    return s
                return replace(s, absence=Absence(start, kind))
            case AwayEnded():
                absence = s.absence
                if absence is None or absence.stirred_at is not None:
                    return s
                if absence.kind == "idle":
                    return replace(s, absence=replace(absence, stirred_at=now))
                return self._after_absence(
                    replace(s, absence=None), absence.since, now, absence.kind, effects
                )
            case Slept(start=start, end=end):
                absence = s.absence
                if absence is not None and absence.stirred_at is not None:
                    # Back at the stir, then the machine slept: the return was real, and so is the
                    # sleep. Both are recorded; the user, waking the machine, is welcomed once.
                    s = self._after_absence(
                        replace(s, absence=None),
                        absence.since,
                        absence.stirred_at,
                        absence.kind,
                        effects,
                        welcome=False,
                    )
                elif absence is not None:
                    return s  # the absence already running covers the sleep and ends on return
                return self._after_absence(s, start, end, "asleep", effects)
            case ClockJumped(delta=delta):
                effects.append(Record(now, history.ClockJumped(delta.total_seconds())))
                return s.shifted(delta)
            case BusyChanged(reason=reason, is_busy=is_busy):
                return replace(s, busy=s.busy | {reason} if is_busy else s.busy - {reason})
            case SettingsChanged(settings=settings):
                was_on = self._settings.programme.enabled
                self._use(settings)
                if not settings.schedule.standing_desk:
                    if s.block.posture == "standing":
                        s = replace(s, block=Block("sitting", now))
                    if s.prompt is not None and s.prompt.kind in (PromptKind.STAND, PromptKind.SIT):
                        s = self._dropped(s, now, "settings", effects)
                if not settings.programme.enabled and s.prompt is not None and s.prompt.session is not None:
                    s = self._dropped(s, now, "settings", effects)
                if settings.programme.enabled and not was_on:  # sessions from now on, none missed before
                    s = replace(s, programme=replace(s.programme, since=now))
                return s
            case RoutinesAvailable(packs=packs):
                self._packs = {pack.pack_id: pack for pack in packs}
                prompt = s.prompt
                if prompt is not None and prompt.offer is None and not prompt.ever_shown:
                    offer = first_offer(
                        prompt.kind,
                        self._packs,
                        self._settings.routines,
                        self._settings.working_hours,
                        now.astimezone(self._tz),
                        s.offer_turn,
                    )
                    s = replace(s, prompt=replace(prompt, offer=offer))
                return s
            case Done() as done:
                if (prompt := self._answer(s, done, effects)) is None:
                    return s
                posture: Posture = "standing" if prompt.kind is PromptKind.STAND else "sitting"
                effects.append(Record(now, history.PromptDone(prompt.prompt_id)))
                if prompt.session is not None:
                    s = programme.answered(s, prompt, "done", now, effects)
                return replace(s, block=Block(posture, now), prompt=None)
            case PostureChanged(posture=posture):
                effects.append(Record(now, history.PostureChanged(posture)))
                return replace(s, block=Block(posture, now), prompt=None)
            case Snooze(minutes=minutes) as snooze:
                length = self._snooze if minutes is None else timedelta(minutes=minutes)
                if s.prompt is None:
                    return self._postpone(s, now, length, effects)
                if (prompt := self._answer(s, snooze, effects)) is None:
                    return s
                return self._snooze_prompt(s, prompt, snooze, now, length, effects)
            case Skip() as skip:
                if (prompt := self._answer(s, skip, effects)) is None:
                    return s
                effects.append(Record(now, history.PromptSkipped(prompt.prompt_id)))
                if prompt.session is not None:
                    s = programme.answered(s, prompt, "skipped", now, effects)
                return replace(s, block=Block(s.block.posture, now), prompt=None)
            case AcceptOffer() as accept:
                if (prompt := self._answer(s, accept, effects)) is None:
                    return s
                if prompt.offer is None:
                    effects.append(Refused(accept, Refusal.NO_OFFER))
                    return s
                return self._start_routine(s, prompt.offer.pack_id, now, effects, prompt.session)
            case StartRoutine(pack_id=pack_id):
                return self._start_routine(s, pack_id, now, effects)
            case RoutineEnded() as ended:
                return self._routine_ended(s, ended, now, effects)
            case ChecklistToggled(checklist_id=checklist_id, item_id=item_id, ticked=ticked):
                day = now.astimezone(self._tz).date()
                effects.append(Record(now, history.ChecklistTicked(checklist_id, item_id, day, ticked)))
                return replace(s, programme=s.programme.on(day).with_tick(item_id, ticked))
            case Pause(until=until):
                effects.append(Record(now, history.Paused(until)))
                return replace(s, pause=UserPause(until))
            case Resume() as resume:
                if s.pause is None:
                    effects.append(Refused(resume, Refusal.NOT_PAUSED))
                    return s
                effects.append(Record(now, history.Resumed("user")))
                return replace(s, pause=None)
            case BreakNow() as break_now:
                if s.routine is not None:
                    effects.append(Refused(break_now, Refusal.IN_ROUTINE))
                    return s
                if s.prompt is not None:  # the prompt already due comes back now, as itself
                    shown = replace(s.prompt, forced=True, snoozed_until=None, shown_at=None)
                    return replace(s, prompt=shown)
                return self._new_prompt(s, now, now, forced=True)
        raise AssertionError(f"unhandled event {event!r}")  # pragma: no cover - exhaustive match

    def _start_routine(
        self, s: EngineState, pack_id: str, now: datetime, effects: list[Effect], session: Due | None = None
    ) -> EngineState:
        effects.append(OpenRoutine(pack_id))
        if s.routine is not None and s.routine.pack_id == pack_id:
            return s
        prompt_id = s.prompt.prompt_id if s.prompt is not None else None
        session_id = session.session_id if session is not None else None
        effects.append(Record(now, history.RoutineStarted(pack_id, prompt_id, session_id)))
        if s.prompt is not None and s.prompt.session is not None and session is None:
            session = s.prompt.session  # the session's prompt gives way to the routine; it stays owed
        return replace(s, routine=ActiveRoutine(pack_id, now, session), prompt=None, absence=None)

    def _routine_ended(
        self, s: EngineState, ended: RoutineEnded, now: datetime, effects: list[Effect]
    ) -> EngineState:
        moved = ended.seconds_moved > 0 or ended.completed
        outcome: history.RoutineOutcome = (
            "finished" if ended.completed else "ended_early" if moved else "cancelled"
        )
        effects.append(
            Record(
                now,
                history.RoutineEnded(
                    ended.pack_id, outcome, ended.steps_done, ended.steps_total, ended.seconds_moved
                ),
            )
        )
        if s.routine is not None and s.routine.pack_id != ended.pack_id:
            return s  # a replaced routine's window closing; the new one is still running
        session = s.routine.session if s.routine is not None else None
        s = replace(s, routine=None)
        if not moved:
            # Closed before moving at all ("Not now"): not a break, and a session is still owed.
            if session is not None and session.pack_id != ended.pack_id:
                return s
            if session is not None:
                offer = self._packs.get(session.pack_id)
                return s.with_new_prompt(
                    PromptKind.SESSION, session.at, offered(offer) if offer else None, session=session
                )
            return s
        started_for = session if session is not None and session.pack_id == ended.pack_id else None
        s = programme.routine_done(s, ended.pack_id, started_for, now, self._calendar(), effects)
        return replace(s, block=Block("sitting", now), prompt=None)

    def _after_absence(
        self,
        s: EngineState,
        start: datetime,
        end: datetime,
        kind: AbsenceKind,
        effects: list[Effect],
        welcome: bool = True,
    ) -> EngineState:
        length = max(ZERO, end - start)
        was_break = length >= self._break
        effects.append(Record(end, history.AwayPeriod(start, end, kind, was_break)))
        if not was_break:
            return replace(s, block=replace(s.block, credit=s.block.credit + length))
        if welcome and s.pause is None and self._hours.is_working(end):  # the timer runs again: say so
            effects.append(WelcomeBack(round(length / timedelta(minutes=1)), kind))
        if s.prompt is not None and s.prompt.session is None:  # a break is not the session's work
            s = self._dropped(s, end, "break", effects)
        return replace(s, block=Block("sitting", end))

    def _postpone(
        self, s: EngineState, now: datetime, length: timedelta, effects: list[Effect]
    ) -> EngineState:
        """Snooze with nothing due: push the next prompt back so it comes no sooner than `length`."""
        late_by = now + length - self._deadline(s.block)
        if late_by <= ZERO:
            return s
        effects.append(Record(now, history.Postponed(round(length / timedelta(minutes=1)))))
        return replace(s, block=replace(s.block, credit=s.block.credit + late_by))

    def _snooze_prompt(
        self,
        s: EngineState,
        prompt: PendingPrompt,
        snooze: Snooze,
        now: datetime,
        length: timedelta,
        effects: list[Effect],
    ) -> EngineState:
        if prompt.snoozes >= self._settings.schedule.max_snoozes:
            effects.append(Refused(snooze, Refusal.NO_SNOOZES_LEFT))
            return s
        minutes = round(length / timedelta(minutes=1))
        effects.append(Record(now, history.PromptSnoozed(prompt.prompt_id, minutes)))
        snoozed = replace(prompt, snoozes=prompt.snoozes + 1, snoozed_until=now + length, shown_at=None)
        return replace(s, prompt=snoozed)

    # --- time-based rules -------------------------------------------------------------------------

    def _reconcile(self, s: EngineState, now: datetime, effects: list[Effect]) -> EngineState:
        """Apply every rule that depends only on time; idempotent, so extra wake-ups are harmless."""
        if s.pause is not None and s.pause.until is not None and now >= s.pause.until:
            effects.append(Record(now, history.Resumed("pause_ended")))
            s = replace(s, pause=None)

        absence = s.absence
        if (
            absence is not None
            and absence.stirred_at is not None
            and now >= absence.stirred_at + NOISE_WINDOW
        ):
            # The user stayed: the absence ended when they first touched the machine.
            s = self._after_absence(
                replace(s, absence=None), absence.since, absence.stirred_at, absence.kind, effects
            )

        working = self._hours.is_working(now)
        if not working and s.off_hours_since is None:
            if s.prompt is not None and not s.prompt.forced and s.prompt.session is None:
                s = self._dropped(s, now, "off_hours", effects)
            s = replace(s, off_hours_since=now)
        elif working and s.off_hours_since is not None:
            off_since = s.off_hours_since
            s = self._after_absence(replace(s, off_hours_since=None), off_since, now, "idle", [])

        s = programme.reconcile(s, now, self._calendar(), effects)
        if s.prompt is None and s.routine is None and s.absence is None and s.off_hours_since is None:
            due = self._deadline(s.block)
            if now >= due:
                s = self._new_prompt(s, due, now, forced=False)

        prompt = s.prompt
        if prompt is None:
            return s
        if prompt.snoozed_until is not None and now >= prompt.snoozed_until:
            prompt = replace(self._raised(prompt, prompt.level + 1), snoozed_until=None, shown_at=None)
        if prompt.snoozed_until is None:
            holds = self._holds(s, prompt)
            if holds:
                prompt = replace(prompt, shown_at=None, held_since=prompt.held_since or now)
                if self._quiet_due(prompt, holds, now):
                    info = self._prompt_info(s, prompt, now, quiet=True)
                    effects.append(ShowPrompt(info, is_new=not prompt.ever_shown))
                    effects.append(Record(now, _shown(info)))
                    prompt = replace(prompt, quiet_sent=True, ever_shown=True)
            elif prompt.shown_at is None:
                prompt = replace(prompt, shown_at=now, held_since=None, quiet_sent=False, ever_shown=True)
            elif prompt.level < MAX_LEVEL and now >= prompt.shown_at + self._snooze:
                prompt = replace(self._raised(prompt, prompt.level + 1), shown_at=now)
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
            if s.off_hours_since is not None and (prompt is None or prompt.session is None):
                reasons.add("off_hours")  # the programme's sessions are for after work too
            reasons.update(f"busy:{reason}" for reason in s.busy)
        return frozenset(reasons)

    def _wakeup_of(self, s: EngineState, now: datetime) -> datetime | None:
        candidates: list[datetime] = []
        if s.pause is not None and s.pause.until is not None:
            candidates.append(s.pause.until)
        if s.absence is not None and s.absence.stirred_at is not None:
            candidates.append(s.absence.stirred_at + NOISE_WINDOW)
        boundary = self._hours.next_boundary(now)
        if boundary is not None:
            candidates.append(boundary)
        candidates += programme.wakeups(s, now, self._calendar())
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
        shown = after.prompt if after.prompt is not None and after.prompt.is_visible else None
        if was is not None and (shown is None or shown.prompt_id != was.prompt_id):
            effects.append(HidePrompt(was.prompt_id))
        if shown is not None and (
            was is None or was.prompt_id != shown.prompt_id or was.shown_at != shown.shown_at
        ):
            info = self._prompt_info(after, shown, now)
            old = before.prompt
            seen = old is not None and old.prompt_id == shown.prompt_id and old.ever_shown
            effects.append(ShowPrompt(info, is_new=not seen))
            effects.append(Record(now, _shown(info)))

    def _prompt_info(
        self, s: EngineState, prompt: PendingPrompt, now: datetime, quiet: bool = False
    ) -> PromptInfo:
        schedule = self._settings.schedule
        return PromptInfo(
            prompt_id=prompt.prompt_id,
            kind=prompt.kind,
            level=prompt.level,
            block_length=max(ZERO, now - s.block.since - s.block.credit),
            move_minutes=schedule.move_minutes,
            can_snooze=prompt.snoozes < schedule.max_snoozes,
            snooze_minutes=schedule.snooze_minutes,
            standing_desk=schedule.standing_desk,
            offer=prompt.offer,
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
            prompt=None
            if prompt is None
            else PromptStatus(
                prompt.prompt_id,
                prompt.kind,
                prompt.level,
                prompt.is_visible,
                prompt.offer.pack_id if prompt.offer is not None else None,
            ),
            today=programme.today(s, now, self._calendar()),
            ticked=s.programme.ticked
            if s.programme.today == now.astimezone(self._tz).date()
            else frozenset(),
        )

    def _phase(self, s: EngineState) -> Phase:
        prompt = s.prompt
        if prompt is not None and prompt.is_visible and (prompt.forced or prompt.session is not None):
            return "prompting"  # shown whatever the hour: asked for, or a session of the programme
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


def _shown(info: PromptInfo) -> history.PromptShown:
    offered = info.offer.pack_id if info.offer is not None else None
    return history.PromptShown(info.prompt_id, info.kind, info.level, info.quiet, offered)
