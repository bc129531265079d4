"""A simulated month through the real engine into the real store, and the Progress numbers read back.

A seeded person works Monday to Friday for 30 days: answers most prompts at once, snoozes or skips
some, takes a routine now and then, goes to lunch, does the evening session on most days and skips
it on some. The test drives the engine as the alarm would (a wake-up at every `next_wakeup`),
appends every record to a store, tallies what it did itself, and checks the queries behind the
Progress window and `deskbreak history` against that tally.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import Effect, Record, ShowPrompt
from deskbreak.core.engine import Engine
from deskbreak.core.events import (
    AcceptOffer,
    AwayEnded,
    AwayStarted,
    Done,
    Event,
    RoutineEnded,
    RoutinesAvailable,
    Skip,
    Snooze,
    Tick,
)
from deskbreak.core.history.events import AppStarted
from deskbreak.core.history.queries import day_summaries, streaks
from deskbreak.core.history.store import HistoryStore, open_history
from deskbreak.core.kinds import PromptKind
from deskbreak.core.offer import PackSummary
from deskbreak.core.settings import ProgrammeSettings, ScheduledSession, Settings

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 2, 8, 50, tzinfo=BERLIN)  # a Monday, coming in to work
DAYS = 30
PACKS = (
    PackSummary("stand-up-reset", "Stand-up reset", 105),
    PackSummary("evening-mobility", "Evening mobility", 415),
)
SETTINGS = Settings(
    programme=ProgrammeSettings(sessions=(ScheduledSession(pack="evening-mobility"),)),
)


class Month:
    def __init__(self, store: HistoryStore) -> None:
        self.clock = FakeClock(START)
        self.engine = Engine(SETTINGS, BERLIN, self.clock.now())
        self.store = store
        self.rng = random.Random(2026)
        self.tally: dict[date, Counter[str]] = {}
        self.session_days: list[date] = []
        store.append(self.clock.now(), AppStarted("sitting"))
        self.send(RoutinesAvailable(PACKS))

    def day(self) -> date:
        return self.clock.now().astimezone(BERLIN).date()

    def count(self, what: str) -> None:
        self.tally.setdefault(self.day(), Counter())[what] += 1

    def send(self, event: Event) -> list[Effect]:
        effects = self.engine.handle(event, self.clock.now())
        for effect in effects:
            if isinstance(effect, Record):
                self.store.append(effect.at, effect.event)
        return effects

    def live(self) -> None:
        end = START + timedelta(days=DAYS)
        lunch_taken: set[date] = set()
        while (wake := self.engine.next_wakeup) is not None and wake < end:
            leave = self.clock.now().astimezone(BERLIN).replace(hour=18, minute=15)
            if self.clock.now() < leave <= wake and self.engine.state.prompt is None:
                self.clock.advance(leave - self.clock.now())
                self.night()
                continue
            self.clock.advance(wake - self.clock.now())
            for effect in self.send(Tick()):
                if isinstance(effect, ShowPrompt) and effect.is_new:
                    self.answer(effect)
            local = self.clock.now().astimezone(BERLIN)
            if local.hour == 12 and local.weekday() < 5 and self.day() not in lunch_taken:
                lunch_taken.add(self.day())
                self.send(AwayStarted(self.clock.now(), "locked"))
                self.clock.advance(minutes=40)
                self.send(AwayEnded())

    def night(self) -> None:
        """Off for the night (and the weekend): the screen locks until 08:50 on the next working day."""
        self.send(AwayStarted(self.clock.now(), "locked"))
        back = (self.clock.now().astimezone(BERLIN) + timedelta(days=1)).replace(hour=8, minute=50)
        while back.weekday() >= 5:
            back += timedelta(days=1)
        self.clock.advance(back - self.clock.now())
        self.send(AwayEnded())

    def answer(self, show: ShowPrompt) -> None:
        prompt = show.prompt
        roll = self.rng.random()
        if prompt.kind is PromptKind.SESSION:
            if roll < 0.8:
                self.send(AcceptOffer(prompt.prompt_id))
                self.clock.advance(seconds=415)
                self.send(RoutineEnded("evening-mobility", True, 7, 7, 415))
                self.count("session_done")
                self.count("routine_done")
                self.count("acted_on")
                self.session_days.append(self.day())
            else:
                self.send(Skip(prompt.prompt_id))
                self.count("skipped")
            return
        if roll < 0.15:
            self.send(Skip(prompt.prompt_id))
            self.count("skipped")
        elif roll < 0.3:
            self.send(Snooze(prompt_id=prompt.prompt_id))
            self.count("snoozed")
            self.clock.advance(minutes=5)
            self.send(Tick())
            self.send(Done(prompt.prompt_id))
            self.count("acted_on")
        elif roll < 0.4:
            self.send(AcceptOffer(prompt.prompt_id))
            self.clock.advance(seconds=105)
            self.send(RoutineEnded("stand-up-reset", True, 7, 7, 105))
            self.count("routine_done")
            self.count("acted_on")
        else:
            self.send(Done(prompt.prompt_id))
            self.count("acted_on")


def test_a_simulated_month_reads_back_as_it_happened(tmp_path: Path) -> None:
    opening = open_history(tmp_path / "history.sqlite3", START)
    assert opening.store is not None
    with opening.store as store:
        month = Month(store)
        month.live()
        now = month.clock.now()
        summaries = day_summaries(store, BERLIN, now, DAYS, live=False)
        found = {s.day: s for s in summaries}
        for day, tally in month.tally.items():
            summary = found[day]
            assert summary.prompts_acted_on == tally["acted_on"], day
            assert summary.snoozes == tally["snoozed"], day
            assert summary.prompts_skipped == tally["skipped"], day
            assert summary.routines_done == tally["routine_done"], day
            assert summary.sessions_done == tally["session_done"], day
        weekdays = [s for s in summaries if s.day.weekday() < 5 and s.day in month.tally]
        assert weekdays, "the month had working days"
        for summary in weekdays:
            # A working day: sitting was broken up, never an unbroken sit much longer than a block
            # (the morning's block counts from 08:50; a snooze adds five minutes; a skipped prompt
            # is not a break, so it adds a block).
            skips = month.tally[summary.day]["skipped"]
            assert summary.longest_sit <= timedelta(minutes=10 + 50 + 5 + 50 * skips)
            assert summary.natural_breaks >= 1  # lunch
        (evening,) = streaks(store, BERLIN, now)
        assert evening.session_id == "evening-mobility"
        assert evening.last_done == max(month.session_days)
        assert evening.best >= 1
