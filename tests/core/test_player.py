"""The routine player walks a timeline exactly, on a monotonic clock, whatever the redraw rate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.core.player import (
    CountdownTick,
    LeadInStarted,
    RepStarted,
    RoutineFinished,
    RoutinePlayer,
    SegmentStarted,
)
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
LEAD_IN = 5


@pytest.fixture
def player() -> RoutinePlayer:
    player = RoutinePlayer(TIMELINE, steps_total=3)
    player.start(1000.0)
    return player


@pytest.fixture
def led() -> RoutinePlayer:
    """The same routine with a five-second get-ready before exercises."""
    player = RoutinePlayer(TIMELINE, steps_total=3, lead_in_seconds=LEAD_IN)
    player.start(1000.0)
    return player


def test_segments_follow_each_other_at_their_exact_ends(player: RoutinePlayer) -> None:
    player.advance(1000.0 + 31)  # one coarse redraw, a second after the first hold ended
    view = player.view(1000.0 + 31)
    assert view.segment.kind == "switch"
    assert view.remaining_seconds == 4.0


def test_a_late_redraw_skips_nothing(player: RoutinePlayer) -> None:
    cues = player.advance(1000.0 + 66)  # asleep through the switch and the right side
    assert cues == [SegmentStarted(1), SegmentStarted(2), SegmentStarted(3)]
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
    assert player.next(1005.0) == [SegmentStarted(1)]
    assert player.view(1005.0).segment.kind == "switch"
    player.previous(1006.0)
    view = player.view(1006.0)
    assert (view.segment.side, view.remaining_seconds) == ("left", 30.0)
    assert player.restart_segment(1016.0) == [SegmentStarted(0)]
    assert player.view(1016.0).remaining_seconds == 30.0


def test_reps_are_paced_by_seconds_per_rep(player: RoutinePlayer) -> None:
    start = 1000.0 + 75  # the bridges begin
    player.advance(start)
    assert player.view(start).rep == 1
    assert player.view(start + 3.1).rep == 2
    assert player.view(start + 23.9).rep == 8


def test_each_rep_after_the_first_is_announced_once(player: RoutinePlayer) -> None:
    start = 1000.0 + 75
    cues = player.advance(start)[-1:]
    now = start
    while now < start + 23.5:
        now += 0.2
        cues += player.advance(now)
    assert cues == [SegmentStarted(4)] + [RepStarted(rep, 8) for rep in range(2, 9)]


def test_the_last_three_seconds_of_a_hold_are_counted(player: RoutinePlayer) -> None:
    cues = []
    now = 1000.0
    while now < 1000.0 + 31:
        now += 0.25
        cues += player.advance(now)
    assert cues == [CountdownTick(3), CountdownTick(2), CountdownTick(1), SegmentStarted(1)]


def test_a_whole_routine_played_through_is_complete(player: RoutinePlayer) -> None:
    cues = player.advance(1000.0 + TOTAL)
    assert cues[-1] == RoutineFinished()
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


# --- the get-ready lead-in ------------------------------------------------------------------------


def test_a_lead_in_comes_before_the_first_exercise_and_the_hold_keeps_its_seconds(led: RoutinePlayer) -> None:
    view = led.view(1002.0)
    assert view.is_lead_in
    assert (view.index, view.remaining_seconds, view.work_seconds) == (0, 3.0, 0.0)
    assert led.advance(1000.0 + LEAD_IN) == [SegmentStarted(0)]
    view = led.view(1000.0 + LEAD_IN + 1)
    assert not view.is_lead_in
    assert view.remaining_seconds == 29.0  # the full 30 seconds, counted from the end of the lead-in


def test_starting_announces_the_get_ready(led: RoutinePlayer) -> None:
    fresh = RoutinePlayer(TIMELINE, steps_total=3, lead_in_seconds=LEAD_IN)
    assert fresh.start(0.0) == [LeadInStarted(0)]


def test_a_lead_in_is_silent_but_for_its_one_sound(led: RoutinePlayer) -> None:
    cues = []
    now = 1000.0
    while now + 0.25 < 1000.0 + LEAD_IN:
        now += 0.25
        cues += led.advance(now)
    assert cues == []


def test_no_lead_in_after_a_switch_of_sides_or_between_sets(led: RoutinePlayer) -> None:
    lead_ins = [stage.index for stage in led.stages if stage.is_lead_in]
    assert lead_ins == [0, 4]  # the first exercise, and the bridges after the pack's rest step


def test_the_lead_in_is_not_counted_as_movement(led: RoutinePlayer) -> None:
    end = 1000.0 + TOTAL + 2 * LEAD_IN
    led.advance(end)
    report = led.report(end)
    assert report.completed
    assert report.seconds_moved == 30 + 30 + 24 + 24


def test_next_during_a_lead_in_starts_the_exercise_now(led: RoutinePlayer) -> None:
    assert led.next(1001.0) == [SegmentStarted(0)]
    view = led.view(1001.0)
    assert not view.is_lead_in
    assert view.remaining_seconds == 30.0


def test_the_work_clock_that_paces_the_figure_starts_with_the_segment(led: RoutinePlayer) -> None:
    bridges = 1000.0 + LEAD_IN + 30 + 5 + 30 + 10  # the bridges' lead-in begins
    led.advance(bridges)
    assert led.view(bridges + 2).work_seconds == 0.0
    led.advance(bridges + LEAD_IN)
    assert led.view(bridges + LEAD_IN + 7.5).work_seconds == 7.5
    assert led.view(bridges + LEAD_IN + 7.5).rep == 3


@given(
    st.lists(
        st.tuples(
            st.floats(0, 40), st.sampled_from(["advance", "pause", "resume", "next", "previous", "restart"])
        ),
        max_size=60,
    ),
    st.sampled_from([0, 3, 10]),
)
def test_no_sequence_of_controls_breaks_the_player(actions: list[tuple[float, str]], lead_in: int) -> None:
    player = RoutinePlayer(TIMELINE, steps_total=3, lead_in_seconds=lead_in)
    now = 0.0
    player.start(now)
    for wait, action in actions:
        now += wait
        if action == "advance":
            player.advance(now)
        else:
            getattr(player, {"restart": "restart_segment"}.get(action, action))(now)
        view = player.view(now)
        assert 0.0 <= view.remaining_seconds <= max(view.segment.seconds, lead_in)
        assert 0.0 <= view.work_seconds <= view.segment.seconds
        assert 0.0 <= view.progress <= 1.0
    report = player.report(now)
    assert 0 <= report.seconds_moved <= 108


def test_a_report_counts_the_time_since_the_last_redraw(led: RoutinePlayer) -> None:
    report = led.report(1000.0 + LEAD_IN + 20)  # no redraw since the lead-in began
    assert report.seconds_moved == 20


def test_alternating_reps_follow_each_other_without_a_lead_in_between() -> None:
    from deskbreak.core.routines.plan import AlternatingRep

    reps = tuple(
        Segment(
            "exercise", 4, 0, "dead-bug", "Dead bug", side=side, dose_kind="reps", reps=1,
            seconds_per_rep=4, alternating=AlternatingRep(number, 2),
        )
        for number in (1, 2)
        for side in ("left", "right")
    )  # fmt: skip
    player = RoutinePlayer(Timeline("bugs", "Bugs", reps), steps_total=1, lead_in_seconds=LEAD_IN)
    assert [stage.is_lead_in for stage in player.stages] == [True, False, False, False, False]
