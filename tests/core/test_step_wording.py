"""One wording for a step, used by the player and by `deskbreak routines show`."""

from __future__ import annotations

import pytest

from deskbreak.core.routines.model import Position
from deskbreak.core.routines.plan import Segment
from deskbreak.core.routines.wording import (
    clock_text,
    describe_segment,
    heading,
    next_text,
    position_change,
    set_text,
    side_text,
)

HOLD = Segment("exercise", 90, 0, "couch-stretch", "Couch stretch", side="left", dose_kind="hold")
REPS = Segment(
    "exercise", 48, 1, "goblet-squat", "Goblet squat", dose_kind="reps", reps=8, seconds_per_rep=6,
    set_number=2, sets_total=3,
)  # fmt: skip
WALK = Segment("exercise", 300, 2, "walk-break", "Walk break", dose_kind="duration")


def test_a_segment_reads_the_same_wherever_it_is_shown() -> None:
    assert describe_segment(HOLD) == "Couch stretch — left side — hold 90 s"
    assert describe_segment(REPS) == "Goblet squat — set 2 of 3 — 8 reps × 6 s (48 s)"
    assert describe_segment(WALK) == "Walk break — move 300 s"
    assert (
        describe_segment(Segment("switch", 10, 0, "couch-stretch", "Couch stretch")) == "Switch sides — 10 s"
    )
    assert describe_segment(Segment("rest", 15, 3)) == "Rest — 15 s"


def test_next_uses_the_same_words() -> None:
    assert next_text(REPS) == "Next: Goblet squat — set 2 of 3 — 8 reps × 6 s (48 s)"
    assert next_text(None) == "Next: the end — well done"


def test_the_short_labels_are_cut_from_the_segment() -> None:
    assert heading(HOLD) == "Couch stretch"
    assert heading(Segment("rest", 15, 3)) == "Rest"
    assert side_text(HOLD) == "LEFT SIDE"
    assert side_text(WALK) == ""
    assert set_text(REPS) == "Set 2 of 3"
    assert set_text(HOLD) == ""


@pytest.mark.parametrize(
    ("seconds", "shown"), [(90, "1:30"), (89.2, "1:30"), (0.4, "0:01"), (0, "0:00"), (-2, "0:00")]
)
def test_a_countdown_shows_a_started_second_as_a_whole_one(seconds: float, shown: str) -> None:
    assert clock_text(seconds) == shown


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        ("standing", "floor", "Down to the floor"),
        ("sitting", "floor", "Down to the floor"),
        ("kneeling", "floor", "Onto the floor"),
        ("floor", "standing", "Stand up"),
        ("sitting", "standing", "Stand up"),
        ("standing", "sitting", "Sit on your chair"),
        ("floor", "sitting", "Up onto your chair"),
        ("standing", "kneeling", "Down onto your knees"),
        ("floor", "kneeling", "Up onto your knees"),
    ],
)
def test_a_change_of_position_is_said_before_the_exercise(
    before: Position, after: Position, said: str
) -> None:
    assert position_change(before, after) == said


def test_staying_in_position_or_starting_says_nothing_about_position() -> None:
    assert position_change("floor", "floor") is None
    assert position_change(None, "floor") is None
