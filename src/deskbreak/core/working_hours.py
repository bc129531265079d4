"""Working hours per weekday: parsing "HH:MM-HH:MM" ranges and finding the next boundary in local time."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MINUTES_PER_DAY = 24 * 60

_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True, order=True)
class TimeRange:
    """A half-open range [start, end) of minutes after local midnight; end may be 24:00."""

    start_minute: int
    end_minute: int

    @classmethod
    def parse(cls, text: str) -> TimeRange:
        match = _RANGE.match(text)
        if match is None:
            raise ValueError(f'"{text}" is not a range like "09:00-12:30"')
        sh, sm, eh, em = (int(g) for g in match.groups())
        for hour, minute in ((sh, sm), (eh, em)):
            if minute > 59 or hour > 24 or (hour == 24 and minute != 0):
                raise ValueError(f'"{text}" has a time that does not exist (use 00:00 to 24:00)')
        start, end = sh * 60 + sm, eh * 60 + em
        if end <= start:
            raise ValueError(f'"{text}" ends before it starts; split a range that crosses midnight in two')
        return cls(start, end)

    def __str__(self) -> str:
        return f"{_hhmm(self.start_minute)}-{_hhmm(self.end_minute)}"


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def check_no_overlap(ranges: Sequence[TimeRange]) -> None:
    ordered = sorted(ranges)
    for earlier, later in itertools.pairwise(ordered):
        if later.start_minute < earlier.end_minute:
            raise ValueError(f"ranges {earlier} and {later} overlap")


@dataclass(frozen=True)
class WorkingHours:
    """Which local times are working time; instants in and out are aware UTC datetimes."""

    days: Mapping[Weekday, tuple[TimeRange, ...]]
    tz: tzinfo

    def is_working(self, at: datetime) -> bool:
        local = at.astimezone(self.tz)
        minute = local.hour * 60 + local.minute
        ranges = self.days.get(WEEKDAYS[local.weekday()], ())
        return any(r.start_minute <= minute < r.end_minute for r in ranges)

    def next_boundary(self, after: datetime) -> datetime | None:
        """The first instant after `after` where working time starts or ends (None if there is none)."""
        local_day = after.astimezone(self.tz).date()
        for offset in range(8):
            day = local_day + timedelta(days=offset)
            ranges = self.days.get(WEEKDAYS[day.weekday()], ())
            candidates = [
                instant
                for r in ranges
                for instant in (self._instant(day, r.start_minute), self._instant(day, r.end_minute))
                if instant > after
            ]
            if candidates:
                return min(candidates)
        return None

    def _instant(self, day: date, minute: int) -> datetime:
        # 24:00 is the next day's midnight; nonexistent local times (DST gaps) resolve as zoneinfo does.
        day_start = datetime.combine(day + timedelta(days=minute // MINUTES_PER_DAY), time(0), tzinfo=self.tz)
        local = day_start.replace(hour=(minute % MINUTES_PER_DAY) // 60, minute=minute % 60)
        return local.astimezone(UTC)
