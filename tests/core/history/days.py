"""Helpers to write a day of history by hand in local (Berlin) time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from deskbreak.core.history.events import AwayPeriod, HistoryEntry, HistoryEvent

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 23)


def t(hhmm: str, day: date = MONDAY) -> datetime:
    """An aware Berlin instant from "HH:MM" or "HH:MM:SS" on `day`."""
    return datetime.combine(day, time.fromisoformat(hhmm), BERLIN)


def e(hhmm: str, event: HistoryEvent, day: date = MONDAY) -> HistoryEntry:
    return HistoryEntry(t(hhmm, day), event)


def away(start: str, end: str, *, was_break: bool, kind: str = "idle", day: date = MONDAY) -> HistoryEntry:
    """An absence, recorded (as the engine does) when it ends."""
    assert kind in ("idle", "locked", "asleep")
    return HistoryEntry(t(end, day), AwayPeriod(t(start, day), t(end, day), kind, was_break))  # type: ignore[arg-type]


def minutes(count: float) -> timedelta:
    return timedelta(minutes=count)
