"""When a due session becomes a prompt, and what answering it means: the programme's part of the engine.

The engine calls these on every event with its state; they return a new state and add effects.

- A session falls due at its instant (calendar.py). It becomes a prompt of kind SESSION that offers
  its pack. A sitting prompt waiting at that moment gives way to it (doing the session is the
  break), and while it waits no sitting prompt is made.
- Its holds are the sitting prompts' (pause, away, busy, a routine), except working hours:
  the programme's sessions usually come after work.
- Never a burst: one session prompt at a time; others due meanwhile wait their turn.
- Missed while asleep or away: offered on return within `GRACE`; later than that, or still
  unanswered at the end of its day, it is recorded as missed.
- Done (a finished or partly done routine of its pack, or "Done already") and Skip end it. A routine
  of a scheduled pack finished on a day the session is due counts as that day's session, even
  when it was started from the menu before the session fell due.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo

from deskbreak.core.effects import Effect, Record
from deskbreak.core.history import events as history
from deskbreak.core.kinds import PromptKind
from deskbreak.core.offer import PackSummary, offered
from deskbreak.core.programme.calendar import GRACE, Due, due_on, end_of_day, latest_due, next_due, session_id
from deskbreak.core.programme.progress import SessionOutcome, SessionState, SessionToday
from deskbreak.core.settings import ScheduledSession, Settings
from deskbreak.core.state import EngineState, PendingPrompt


@dataclass(frozen=True)
class Calendar:
    """What the rules need besides the state: the settings, the loaded packs and the local zone."""

    settings: Settings
    packs: Mapping[str, PackSummary]
    tz: tzinfo

    def sessions(self) -> tuple[ScheduledSession, ...]:
        """The scheduled sessions whose pack is loaded (none while the programme is off)."""
        programme = self.settings.programme
        if not programme.enabled:
            return ()
        return tuple(session for session in programme.sessions if session.pack in self.packs)

    def due_on(self, session: ScheduledSession, day: date) -> Due | None:
        return due_on(session, day, self.settings.working_hours, self.tz)

    def local_day(self, at: datetime) -> date:
        return at.astimezone(self.tz).date()


def reconcile(s: EngineState, now: datetime, calendar: Calendar, effects: list[Effect]) -> EngineState:
    """Apply the programme's time rules: misses, and at most one session falling due."""
    progress = s.programme.on(calendar.local_day(now))
    if progress.since is None:
        progress = replace(progress, since=now)
    s = replace(s, programme=progress)
    prompt = s.prompt
    if (
        prompt is not None
        and prompt.session is not None
        and _too_late(prompt, prompt.session, now, calendar.tz)
    ):
        s = _ended(replace(s, prompt=None), prompt.session, "missed", now, effects)
    for session in calendar.sessions():
        sid = session_id(session)
        since = s.programme.since
        due = latest_due(
            session, now, calendar.settings.working_hours, calendar.tz, s.programme.handled_through(sid)
        )
        if due is None or (since is not None and due.at < since):
            continue
        if now > due.at + GRACE:
            s = _ended(s, due, "missed", now, effects)
            continue
        if (s.prompt is not None and s.prompt.session is not None) or s.routine is not None:
            continue  # one session at a time; this one waits its turn (within the grace)
        s = _offer(s, due, calendar, now, effects)
    return s


def wakeups(s: EngineState, now: datetime, calendar: Calendar) -> list[datetime]:
    """The instants the programme needs the engine to look again."""
    found = [
        due.at
        for session in calendar.sessions()
        if (due := next_due(session, now, calendar.settings.working_hours, calendar.tz)) is not None
    ]
    prompt = s.prompt
    if prompt is not None and prompt.session is not None:
        found.append(end_of_day(prompt.session.day, calendar.tz))
        if not prompt.ever_shown:
            found.append(prompt.session.at + GRACE)
    return found


def today(s: EngineState, now: datetime, calendar: Calendar) -> tuple[SessionToday, ...]:
    """Today's sessions in time order: done, skipped or missed; due now; or still to come."""
    day = calendar.local_day(now)
    listed: list[SessionToday] = []
    for session in calendar.sessions():
        due = calendar.due_on(session, day)
        if due is None or (s.programme.since is not None and due.at < s.programme.since):
            continue
        outcome = s.programme.outcome(due.session_id) if s.programme.today == day else None
        state: SessionState
        if outcome is not None:
            state = outcome
        elif s.prompt is not None and s.prompt.session == due:
            state = "due"
        else:
            state = "upcoming" if due.at > now else "waiting"
        listed.append(SessionToday(due.session_id, due.pack_id, due.at, state))
    return tuple(sorted(listed, key=lambda item: item.at))


def answered(
    s: EngineState, prompt: PendingPrompt, outcome: SessionOutcome, now: datetime, effects: list[Effect]
) -> EngineState:
    """The user said Done already or Skip on a session's prompt."""
    assert prompt.session is not None
    return _ended(s, prompt.session, outcome, now, effects)


def routine_done(
    s: EngineState,
    pack_id: str,
    started_for: Due | None,
    now: datetime,
    calendar: Calendar,
    effects: list[Effect],
) -> EngineState:
    """A routine of `pack_id` was done (finished or partly): it is the session it was started for, or
    today's session of that pack if one is scheduled and not dealt with yet."""
    if started_for is not None:
        return _ended(s, started_for, "done", now, effects)
    today = calendar.local_day(now)
    for session in calendar.sessions():
        due = calendar.due_on(session, today)
        if session.pack == pack_id and due is not None and s.programme.outcome(due.session_id) is None:
            prompt = s.prompt
            if prompt is not None and prompt.session == due:
                s = replace(s, prompt=None)
            return _ended(s, due, "done", now, effects)
    return s


def _too_late(prompt: PendingPrompt, due: Due, now: datetime, tz: tzinfo) -> bool:
    return (not prompt.ever_shown and now > due.at + GRACE) or now >= end_of_day(due.day, tz)


def _offer(s: EngineState, due: Due, calendar: Calendar, now: datetime, effects: list[Effect]) -> EngineState:
    waiting = s.prompt
    if waiting is not None:
        effects.append(Record(now, history.PromptDropped(waiting.prompt_id, "session")))
    effects.append(Record(now, history.SessionDue(due.session_id, due.pack_id, due.day)))
    s = replace(s, programme=s.programme.handle(due.session_id, due.day))
    return s.with_new_prompt(PromptKind.SESSION, due.at, offered(calendar.packs[due.pack_id]), session=due)


def _ended(
    s: EngineState, due: Due, outcome: SessionOutcome, now: datetime, effects: list[Effect]
) -> EngineState:
    event: history.HistoryEvent
    match outcome:
        case "done":
            event = history.SessionDone(due.session_id, due.pack_id, due.day)
        case "skipped":
            event = history.SessionSkipped(due.session_id, due.pack_id, due.day)
        case "missed":
            event = history.SessionMissed(due.session_id, due.pack_id, due.day)
    effects.append(Record(now, event))
    progress = s.programme.handle(
        due.session_id, max(due.day, s.programme.handled_through(due.session_id) or due.day)
    )
    return replace(s, programme=progress.with_outcome(due.session_id, due.day, outcome))
