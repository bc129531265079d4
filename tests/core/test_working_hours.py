"""Working hours are parsed strictly and evaluated in local time."""

from __future__ import annotations

import pytest

from deskbreak.core.working_hours import TimeRange, WorkingHours, check_no_overlap

from .conftest import BERLIN, local


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00-12:30", TimeRange(540, 750)),
        ("7:05 - 8:00", TimeRange(425, 480)),
        ("22:00-24:00", TimeRange(1320, 1440)),
    ],
)
def test_ranges_parse(text: str, expected: TimeRange) -> None:
    assert TimeRange.parse(text) == expected
    assert TimeRange.parse(str(expected)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9-5", "not a range"),
        ("12:30", "not a range"),
        ("17:00-09:00", "ends before it starts"),
        ("09:60-10:00", "does not exist"),
        ("24:30-25:00", "does not exist"),
    ],
)
def test_bad_ranges_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TimeRange.parse(text)


def test_overlapping_ranges_are_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        check_no_overlap([TimeRange.parse("09:00-12:30"), TimeRange.parse("12:00-13:00")])


def test_a_lunch_gap_is_not_working_time() -> None:
    hours = WorkingHours({"monday": (TimeRange.parse("09:00-12:30"), TimeRange.parse("13:30-17:30"))}, BERLIN)
    assert hours.is_working(local("2026-11-23 12:29"))
    assert not hours.is_working(local("2026-11-23 12:30"))
    assert hours.next_boundary(local("2026-11-23 12:30")) == local("2026-11-23 13:30")


def test_a_week_without_working_hours_has_no_boundary() -> None:
    assert WorkingHours({}, BERLIN).next_boundary(local("2026-11-23 12:00")) is None
