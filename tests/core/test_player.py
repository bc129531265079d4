"""The routine player walks a timeline exactly, on a monotonic clock, whatever the redraw rate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.core.player import RoutinePlayer
from deskbreak.core.routines.plan import Segment, Timeline

SEGMENTS = (
    Segment("exercise", 30, 0, "couch-stretch", "Couch stretch", side="left", dose_kind="hold"),
    Segment("switch", 5, 0, "couch-stretch", "Couch stretch"),
    Segment("exercise", 30, 0, "couch-stretch", "Couch stretch", side="right", dose_kind="hold"),
    Segment("rest", 10, 1),
    Segment("exercise", 24, 2, "glute-bridge", "Glute bridge", dose_kind="reps", reps=8, seconds_per_rep=3, set_number=1, sets_total=2),
    Segment("rest", 15, 2, "glute-bridge", "Glute bridge", set_number=1, sets_total=2),
    Segment("exercise", 24, 2, "glute-bridge", "Glute bridge", dose_kind="reps", reps=8, seconds_per_rep=3, set_number=2, sets_total=2),
)  # fmt: skip
TIMELINE = Timeline("test-pack", "Test pack", SEGMENTS)
TOTAL = 30 + 5 + 30 + 10 + 24 + 15 + 24


@pytest.fixture
def player() -> RoutinePlayer:
    player = RoutinePlayer(TIMELINE, steps_total=3)
    player.start(1000.0)
    return player


def test_segments_follow_each_other_at_their_exact_ends(player: RoutinePlayer) -> None:
    player.advance(1000.0 + 31)  # one coarse redraw, a second after the first hold ended
    view = player.view(1000.0 + 31)
    assert view.segment.kind == "switch"
    assert view.remaining_seconds == 4.0


def test_a_late_redraw_skips_nothing(player: RoutinePlayer) -> None:
    cues = player.advance(1000.0 + 66)  # asleep through the switch and the right side
    assert cues == ["transition", "transition", "transition"]
    assert player.view(1000.0 + 66).segment.kind == "rest"


def test_pausing_never_changes_a_holds_length(player: RoutinePlayer) -> None:
    player.advance(1010.0)
    player.pause(1010.0)
    player.advance(1500.0)
    assert player.view(1500.0).remaining_seconds == 20.0
    player.resume(1500.0)
    assert player.view(1519.0).remaining_seconds == 1.0
    player.advance(1520.0)
    assert player.view(1520.0).segment.kind == "switch"


def test_next_previous_and_restart(player: RoutinePlayer) -> None:
    player.next(1005.0)
    assert player.view(1005.0).segment.kind == "switch"
    player.previous(1006.0)
    view = player.view(1006.0)
    assert (view.segment.side, view.remaining_seconds) == ("left", 30.0)
    player.restart_segment(1016.0)
    assert player.view(1016.0).remaining_seconds == 30.0


def test_reps_are_paced_by_seconds_per_rep(player: RoutinePlayer) -> None:
    start = 1000.0 + 75  # the bridges begin
    player.advance(start)
    assert player.view(start).rep == 1
    assert player.view(start + 3.1).rep == 2
    assert player.view(start + 23.9).rep == 8


def test_the_last_three_seconds_tick(player: RoutinePlayer) -> None:
    cues = []
    now = 1000.0
    while now < 1000.0 + 31:
        now += 0.25
        cues += player.advance(now)
    assert cues == ["tick", "tick", "tick", "transition"]


def test_a_whole_routine_played_through_is_complete(player: RoutinePlayer) -> None:
    cues = player.advance(1000.0 + TOTAL)
    assert cues[-1] == "finished"
    report = player.report(1000.0 + TOTAL)
    assert (report.completed, report.steps_done, report.steps_total) == (True, 3, 3)
    assert report.seconds_moved == 30 + 30 + 24 + 24  # rests and switches are not movement
    assert player.view(1000.0 + TOTAL).progress == 1.0


def test_ending_early_reports_what_was_done(player: RoutinePlayer) -> None:
    player.advance(1000.0 + 70)
    report = player.report(1000.0 + 70)
    assert (report.completed, report.steps_done) == (False, 1)  # the couch stretch; the rest is half done
    assert report.seconds_moved == 60


def test_skipped_steps_do_not_count_as_done(player: RoutinePlayer) -> None:
    for at in (1001.0, 1002.0, 1003.0):
        player.next(at)
    report = player.report(1003.0)
    assert report.steps_done == 0
    assert report.seconds_moved == 2  # a second on each side of the couch stretch


@given(
    st.lists(
        st.tuples(
            st.floats(0, 40), st.sampled_from(["advance", "pause", "resume", "next", "previous", "restart"])
        ),
        max_size=60,
    )
)
def test_no_sequence_of_controls_breaks_the_player(actions: list[tuple[float, str]]) -> None:
    player = RoutinePlayer(TIMELINE, steps_total=3)
    now = 0.0
    player.start(now)
    for wait, action in actions:
        now += wait
        if action == "advance":
            player.advance(now)
        else:
            getattr(player, {"restart": "restart_segment"}.get(action, action))(now)
        view = player.view(now)
        assert 0.0 <= view.remaining_seconds <= view.segment.seconds
        assert 0.0 <= view.progress <= 1.0
    report = player.report(now)
    assert 0 <= report.seconds_moved <= 108
