"""Turns what a user types or picks ("30m", "1h30m", "tomorrow") into the end of a pause."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta, tzinfo

TOMORROW = "tomorrow"
_PART = re.compile(r"(\d+)\s*(hours?|h|minutes?|min|m)(?![a-z])", re.IGNORECASE)
MAX_PAUSE = timedelta(days=7)
MAX_SNOOZE_MINUTES = 240  # `ctl snooze N` and the control socket; the setting has its own bounds


def parse_pause(text: str, now: datetime, tz: tzinfo) -> datetime:
    """The instant a pause of `text` ends: "30m", "90" (minutes), "1h30m", "2 hours" or "tomorrow"."""
    cleaned = text.strip().lower()
    if cleaned == TOMORROW:
        return start_of_tomorrow(now, tz)
    too_long = f'"{text}": a pause lasts between 1 minute and 7 days'
    try:
        if cleaned.isdigit():
            length = timedelta(minutes=int(cleaned))
        else:
            parts = _PART.findall(cleaned)
            if not parts or _PART.sub("", cleaned).strip():
                raise ValueError(f'"{text}" is not a duration like 30m, 1h, 1h30m or "tomorrow"')
            length = sum(
                (
                    timedelta(hours=int(n)) if unit.startswith("h") else timedelta(minutes=int(n))
                    for n, unit in parts
                ),
                timedelta(0),
            )
    except OverflowError:  # more days than a timedelta holds: certainly over the limit
        raise ValueError(too_long) from None
    if not timedelta(0) < length <= MAX_PAUSE:
        raise ValueError(too_long)
    return now + length


def start_of_tomorrow(now: datetime, tz: tzinfo) -> datetime:
    """Local midnight after `now`: "until tomorrow" ends the pause when the new day begins."""
    tomorrow = now.astimezone(tz).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0), tzinfo=tz).astimezone(UTC)
