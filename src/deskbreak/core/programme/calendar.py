"""When the programme's sessions are due: local days and times turned into instants, and nothing else.

A session is due once on each of its weekdays, at its local time or at the end of that day's working
hours (`END_OF_WORK`; 18:00 on a day without any, or whose work runs to midnight). Times are local wall-clock times, so a DST change
moves the instant, never the time on the clock; a time that does not exist on a spring-forward day
falls after the gap, as zoneinfo resolves it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from deskbreak.core.settings import END_OF_WORK, ScheduledSession
from deskbreak.core.working_hours import WEEKDAYS, TimeRange, Weekday

NO_WORK_EVENING = time(18, 0)  # "end of work" on a day without working hours
GRACE = timedelta(hours=3)
"""A session missed while the computer slept or the user was away is offered on return within this."""
LOOK_BACK_DAYS = 2  # a session older than this is history the app was not running for


@dataclass(frozen=True)
class Due:
    """One occurrence of a session: the local day it belongs to and the instant it falls due."""

    session_id: str
    pack_id: str
    day: date
    at: datetime  # aware UTC


def session_id(session: ScheduledSession) -> str:
    """A session is named by its pack (each pack is scheduled at most once): a stable history key."""
    return session.pack


def due_on(
    session: ScheduledSession, day: date, hours: Mapping[Weekday, tuple[TimeRange, ...]], tz: tzinfo
) -> Due | None:
    """The session's occurrence on `day` (a local date), or None if it is not due that weekday."""
    weekday = WEEKDAYS[day.weekday()]
    if weekday not in session.days:
        return None
    if session.at == END_OF_WORK:
        end = max((r.end_minute for r in hours.get(weekday, ())), default=None)
        if end is None or end >= 24 * 60:  # no work that day, or work until midnight: the evening
            at = _local_instant(day, NO_WORK_EVENING, tz)
        else:
            at = _local_instant(day, time(end // 60, end % 60), tz)
    else:
        hour, minute = (int(part) for part in session.at.split(":"))
        at = _local_instant(day, time(hour, minute), tz)
    return Due(session_id(session), session.pack, day, at)


def latest_due(
    session: ScheduledSession,
    now: datetime,
    hours: Mapping[Weekday, tuple[TimeRange, ...]],
    tz: tzinfo,
    handled_through: date | None,
) -> Due | None:
    """The most recent occurrence at or before `now` on a day after `handled_through`, if any.

    Only the last few days are looked at: older occurrences fell while deskbreak was not running
    and are neither offered nor recorded.
    """
    today = now.astimezone(tz).date()
    for offset in range(LOOK_BACK_DAYS + 1):
        day = today - timedelta(days=offset)
        if handled_through is not None and day <= handled_through:
            return None
        due = due_on(session, day, hours, tz)
        if due is not None and due.at <= now:
            return due
    return None


def next_due(
    session: ScheduledSession, after: datetime, hours: Mapping[Weekday, tuple[TimeRange, ...]], tz: tzinfo
) -> Due | None:
    """The first occurrence strictly after `after` (within the coming week)."""
    first = after.astimezone(tz).date()
    for offset in range(8):
        due = due_on(session, first + timedelta(days=offset), hours, tz)
        if due is not None and due.at > after:
            return due
    return None


def end_of_day(day: date, tz: tzinfo) -> datetime:
    """Local midnight after `day`: a session still unanswered then was missed."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)


def _local_instant(day: date, at: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)
