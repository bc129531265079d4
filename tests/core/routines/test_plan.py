"""The dose rules of docs/routine-packs.md, one rule per test: what the player walks and `show` prints."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from deskbreak.core.routines.model import Dose, dose_for
from deskbreak.core.routines.plan import AlternatingRep, Timeline

from .helpers import exercise, pack, timeline

Shape = tuple[str, str | None, str | None, int, int | None]


def shape(plan: Timeline) -> list[Shape]:
    return [(s.kind, s.exercise_id, s.side, s.seconds, s.reps) for s in plan.segments]


def test_a_hold_is_one_segment_of_its_seconds() -> None:
    plan = timeline({"exercise": "couch-stretch"}, exercises=(exercise(hold=40),))
    assert shape(plan) == [("exercise", "couch-stretch", None, 40, None)]
    assert plan.segments[0].dose_kind == "hold"


def test_a_duration_is_one_segment_of_its_seconds() -> None:
    plan = timeline({"exercise": "walk"}, exercises=(exercise("walk", duration=300),))
    assert shape(plan) == [("exercise", "walk", None, 300, None)]
    assert plan.segments[0].dose_kind == "duration"


def test_reps_last_reps_times_seconds_per_rep() -> None:
    plan = timeline({"exercise": "bridge"}, exercises=(exercise("bridge", reps=12, seconds_per_rep=5),))
    assert shape(plan) == [("exercise", "bridge", None, 60, 12)]
    assert plan.segments[0].seconds_per_rep == 5


def test_seconds_per_rep_defaults_to_three() -> None:
    plan = timeline({"exercise": "bridge"}, exercises=(exercise("bridge", reps=10),))
    assert shape(plan) == [("exercise", "bridge", None, 30, 10)]
    assert plan.segments[0].seconds_per_rep == 3


def test_both_sides_run_left_then_a_switch_then_right() -> None:
    plan = timeline(
        {"exercise": "lunge"}, exercises=(exercise("lunge", hold=30, sides="both", switch_seconds=8),)
    )
    assert shape(plan) == [
        ("exercise", "lunge", "left", 30, None),
        ("switch", "lunge", None, 8, None),
        ("exercise", "lunge", "right", 30, None),
    ]


def test_the_switch_defaults_to_five_seconds() -> None:
    plan = timeline({"exercise": "lunge"}, exercises=(exercise("lunge", hold=30, sides="both"),))
    assert [s.seconds for s in plan.segments if s.kind == "switch"] == [5]


def test_sets_repeat_with_a_rest_between_sets_but_not_after_the_last() -> None:
    plan = timeline({"exercise": "bridge"}, exercises=(exercise("bridge", reps=10, sets=3, rest=30),))
    assert shape(plan) == [
        ("exercise", "bridge", None, 30, 10),
        ("rest", "bridge", None, 30, None),
        ("exercise", "bridge", None, 30, 10),
        ("rest", "bridge", None, 30, None),
        ("exercise", "bridge", None, 30, 10),
    ]
    assert [(s.set_number, s.sets_total) for s in plan.segments] == [(1, 3), (1, 3), (2, 3), (2, 3), (3, 3)]


def test_a_set_of_both_sides_is_left_switch_right_and_the_rest_comes_after_the_right_side() -> None:
    plan = timeline({"exercise": "row"}, exercises=(exercise("row", reps=8, sides="both", sets=2, rest=20),))
    assert [(s.kind, s.side) for s in plan.segments] == [
        ("exercise", "left"),
        ("switch", None),
        ("exercise", "right"),
        ("rest", None),
        ("exercise", "left"),
        ("switch", None),
        ("exercise", "right"),
    ]


def test_sets_without_a_rest_run_back_to_back() -> None:
    plan = timeline({"exercise": "bridge"}, exercises=(exercise("bridge", hold=10, sets=2),))
    assert shape(plan) == [("exercise", "bridge", None, 10, None)] * 2


def test_a_rest_step_is_one_rest_segment_that_belongs_to_no_exercise() -> None:
    plan = timeline({"rest": 15}, exercises=())
    assert shape(plan) == [("rest", None, None, 15, None)]


def test_a_step_amount_replaces_the_catalogue_amount_and_its_tempo() -> None:
    plan = timeline(
        {"exercise": "bridge", "reps": 5}, exercises=(exercise("bridge", reps=10, seconds_per_rep=6),)
    )
    assert shape(plan) == [("exercise", "bridge", None, 15, 5)]  # 5 reps at the default 3 s, not 6 s


def test_a_step_can_swap_reps_for_a_hold() -> None:
    plan = timeline(
        {"exercise": "bridge", "hold": 20}, exercises=(exercise("bridge", reps=10, seconds_per_rep=6),)
    )
    assert shape(plan) == [("exercise", "bridge", None, 20, None)]


def test_sides_switch_sets_and_rest_come_from_the_catalogue_when_the_step_only_changes_the_amount() -> None:
    default = exercise("lunge", hold=30, sides="both", switch_seconds=10, sets=2, rest=15)
    plan = timeline({"exercise": "lunge", "hold": 20}, exercises=(default,))
    assert [(s.kind, s.seconds) for s in plan.segments] == [
        ("exercise", 20), ("switch", 10), ("exercise", 20), ("rest", 15),
        ("exercise", 20), ("switch", 10), ("exercise", 20),
    ]  # fmt: skip


def test_sides_switch_sets_and_rest_written_in_the_step_win() -> None:
    default = exercise("lunge", hold=30, sides="both", switch_seconds=10, sets=2, rest=15)
    step = {"exercise": "lunge", "switch_seconds": 3, "sets": 3, "rest": 5}
    plan = timeline(step, exercises=(default,))
    assert [s.seconds for s in plan.segments if s.kind == "switch"] == [3, 3, 3]
    assert [s.seconds for s in plan.segments if s.kind == "rest"] == [5, 5]


def test_a_one_sided_step_drops_the_catalogue_switch() -> None:
    default = exercise("lunge", hold=30, sides="both", switch_seconds=10)
    plan = timeline({"exercise": "lunge", "sides": "one"}, exercises=(default,))
    assert shape(plan) == [("exercise", "lunge", None, 30, None)]


def test_a_single_set_step_drops_the_catalogue_rest() -> None:
    default = exercise("bridge", reps=10, sets=3, rest=30)
    plan = timeline({"exercise": "bridge", "sets": 1}, exercises=(default,))
    assert shape(plan) == [("exercise", "bridge", None, 30, 10)]


def test_a_switch_written_in_a_step_that_ends_up_one_sided_is_an_error() -> None:
    step = pack({"exercise": "lunge", "switch_seconds": 3}).steps[0]
    with pytest.raises(ValidationError) as caught:
        dose_for(step, exercise("lunge", hold=30).dose)  # type: ignore[arg-type]
    assert caught.value.errors()[0]["ctx"] == {"key": "switch_seconds"}


def test_a_rest_written_in_a_step_of_one_set_is_an_error() -> None:
    step = pack({"exercise": "bridge", "rest": 20}).steps[0]
    with pytest.raises(ValidationError) as caught:
        dose_for(step, exercise("bridge", reps=10).dose)  # type: ignore[arg-type]
    assert caught.value.errors()[0]["ctx"] == {"key": "rest"}


def test_the_note_is_on_every_segment_of_its_exercise_step() -> None:
    plan = timeline(
        {"exercise": "lunge", "note": "Breathe."}, exercises=(exercise("lunge", hold=30, sides="both"),)
    )
    assert [s.note for s in plan.segments] == ["Breathe.", None, "Breathe."]
    assert {s.step_index for s in plan.segments} == {0}


def test_alternating_reps_give_one_segment_per_rep_going_left_then_right() -> None:
    twist = exercise("twist", reps=3, seconds_per_rep=2, sides="alternate")
    plan = timeline({"exercise": "twist"}, exercises=(twist,))
    assert [(s.side, s.seconds, s.reps, s.alternating) for s in plan.segments] == [
        ("left", 2, 1, AlternatingRep(1, 3)),
        ("right", 2, 1, AlternatingRep(1, 3)),
        ("left", 2, 1, AlternatingRep(2, 3)),
        ("right", 2, 1, AlternatingRep(2, 3)),
        ("left", 2, 1, AlternatingRep(3, 3)),
        ("right", 2, 1, AlternatingRep(3, 3)),
    ]
    assert {s.kind for s in plan.segments} == {"exercise"}  # no switch between alternating reps


def test_alternating_sets_rest_between_sets_and_start_on_the_left_again() -> None:
    twist = exercise("twist", reps=1, seconds_per_rep=4, sides="alternate", sets=2, rest=10)
    plan = timeline({"exercise": "twist"}, exercises=(twist,))
    assert [(s.kind, s.side, s.seconds, s.set_number) for s in plan.segments] == [
        ("exercise", "left", 4, 1),
        ("exercise", "right", 4, 1),
        ("rest", None, 10, 1),
        ("exercise", "left", 4, 2),
        ("exercise", "right", 4, 2),
    ]


def test_alternating_needs_reps() -> None:
    with pytest.raises(ValidationError) as caught:
        Dose.model_validate({"hold": 10, "sides": "alternate"})
    assert caught.value.errors()[0]["ctx"] == {"key": "sides"}


def test_cautions_ride_on_the_first_segment_of_their_step_only() -> None:
    lunge = exercise("lunge", hold=30, sides="both", sets=2, cautions=("Hold a chair for balance.",))
    plan = timeline({"exercise": "lunge"}, {"exercise": "lunge"}, exercises=(lunge,))
    assert [(s.step_index, s.cautions) for s in plan.segments if s.cautions] == [
        (0, ("Hold a chair for balance.",)),
        (1, ("Hold a chair for balance.",)),
    ]
    assert plan.segments[0].cautions == ("Hold a chair for balance.",)


def test_a_step_that_keeps_the_dose_keeps_the_exercises_dose_source() -> None:
    couch = exercise("couch", hold=90, sides="both", dose_source="source", sources=("An article",))
    plan = timeline({"exercise": "couch", "switch_seconds": 10}, exercises=(couch,))
    assert {s.dose_source for s in plan.segments if s.kind == "exercise"} == {"source"}


def test_a_step_that_changes_the_dose_without_saying_where_it_comes_from_is_unmarked() -> None:
    couch = exercise("couch", hold=90, sides="both", dose_source="source", sources=("An article",))
    plan = timeline({"exercise": "couch", "hold": 30}, exercises=(couch,))
    assert {s.dose_source for s in plan.segments if s.kind == "exercise"} == {None}


def test_a_step_that_changes_the_dose_says_where_its_own_comes_from() -> None:
    couch = exercise("couch", hold=90, dose_source="source", sources=("An article",))
    plan = timeline({"exercise": "couch", "hold": 30, "dose_source": "deskbreak"}, exercises=(couch,))
    assert plan.segments[0].dose_source == "deskbreak"


def test_reps_marked_at_most_are_a_ceiling_on_every_set() -> None:
    bug = exercise("dead-bug", reps=10, reps_are="at_most", sets=2)
    plan = timeline({"exercise": "dead-bug"}, exercises=(bug,))
    assert [s.is_rep_ceiling for s in plan.segments] == [True, True]


def test_a_step_that_restates_reps_drops_the_ceiling_with_the_old_amount() -> None:
    bug = exercise("dead-bug", reps=10, reps_are="at_most")
    plan = timeline({"exercise": "dead-bug", "reps": 6}, exercises=(bug,))
    assert plan.segments[0].is_rep_ceiling is False


def test_reps_are_belongs_with_reps() -> None:
    with pytest.raises(ValidationError) as caught:
        Dose.model_validate({"hold": 10, "reps_are": "at_most"})
    assert caught.value.errors()[0]["ctx"] == {"key": "reps_are"}


@given(
    amount=st.sampled_from(["hold", "duration", "reps"]),
    seconds=st.integers(1, 500),
    tempo=st.none() | st.integers(1, 20),
    sides=st.sampled_from(["one", "both", "alternate"]),
    switch=st.none() | st.integers(1, 30),
    sets=st.integers(1, 6),
    rest=st.none() | st.integers(1, 120),
)
def test_a_step_lasts_sets_times_its_sides_plus_switches_plus_rests_between_sets(
    amount: str, seconds: int, tempo: int | None, sides: str, switch: int | None, sets: int, rest: int | None
) -> None:
    if sides == "alternate" and amount != "reps":
        sides = "both"  # alternating needs reps; the other amounts still get a two-sided case
    dose: dict[str, Any] = {amount: seconds, "sets": sets, "sides": sides}
    if amount == "reps" and tempo is not None:
        dose["seconds_per_rep"] = tempo
    if sides == "both" and switch is not None:
        dose["switch_seconds"] = switch
    if sets > 1 and rest is not None:
        dose["rest"] = rest
    plan = timeline({"exercise": "move"}, exercises=(exercise("move", **dose),))

    work = seconds * (tempo or 3) if amount == "reps" else seconds
    one_set = {"one": work, "both": 2 * work + (switch or 5), "alternate": 2 * work}[sides]
    expected = sets * one_set + (sets - 1) * (rest if sets > 1 and rest else 0)
    assert plan.total_seconds == expected == sum(s.seconds for s in plan.segments)
