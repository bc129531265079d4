"""The strength log's last time and its suggestion, pinned to what the sources say."""

from __future__ import annotations

from datetime import timedelta

from deskbreak.core.history.events import Effort, HistoryEntry, StrengthSet
from deskbreak.core.history.strength import (
    LastTime,
    PlannedExercise,
    StayAtThisWeight,
    TryHeavier,
    last_time,
    loggable_exercises,
    suggest,
)
from deskbreak.core.resources import bundled_path
from deskbreak.core.routines.library import load_library

from .days import BERLIN, MONDAY, e

FRIDAY = MONDAY + timedelta(days=4)
RDL = "romanian-deadlift"


def logged(
    day_offset: int, *sets: tuple[int, float | None, Effort | None], exercise: str = RDL
) -> list[HistoryEntry]:
    day = MONDAY + timedelta(days=day_offset)
    return [
        e("18:30", StrengthSet("strength-session", exercise, number, reps, load, effort), day=day)
        for number, (reps, load, effort) in enumerate(sets, start=1)
    ]


def last(*sets: tuple[int, float | None, Effort | None]) -> LastTime:
    found = last_time(logged(0, *sets), RDL, BERLIN)
    assert found is not None
    return found


def test_last_time_is_the_latest_day_the_exercise_was_logged() -> None:
    entries = [*logged(0, (8, 8.0, "easy")), *logged(4, (8, 10.0, "hard"), (7, 10.0, "hard"))]
    found = last_time(entries, RDL, BERLIN)
    assert found is not None
    assert (found.day, [s.reps for s in found.sets], found.load_kg) == (FRIDAY, [8, 7], 10.0)


def test_last_time_ignores_other_exercises() -> None:
    assert last_time(logged(0, (8, 8.0, "easy"), exercise="goblet-squat"), RDL, BERLIN) is None


def test_a_set_logged_twice_keeps_its_last_entry() -> None:
    entries = [
        *logged(0, (8, 8.0, "easy")),
        e("18:40", StrengthSet("strength-session", RDL, 1, 6, 8.0, "hard")),
    ]
    found = last_time(entries, RDL, BERLIN)
    assert found is not None
    assert [s.reps for s in found.sets] == [6]


def test_complete_sets_that_did_not_feel_hard_suggest_heavier_dumbbells() -> None:
    """Undo The Desk, "Why Your Lower Back Hurts After Sitting All Day": Romanian deadlifts, 3 sets
    of 8 "with progressively heavier dumbbells". When to go heavier is deskbreak's own rule."""
    sets = last((8, 10.0, "easy"), (8, 10.0, "about_right"), (8, 10.0, "about_right"))
    assert suggest(sets, target_sets=3, target_reps=8) == TryHeavier(last_kg=10.0)


def test_a_set_that_felt_hard_means_staying_at_the_weight() -> None:
    """Hinge Health, "Got a Tight Lower Back?": doing more than the body is ready for can tighten
    the low back, so listen to it; "Why Your Lower Back Is Stiff, Stop Trying To Stretch It More":
    add resistance while listening to the body and watching technique."""
    sets = last((8, 10.0, "easy"), (8, 10.0, "about_right"), (8, 10.0, "hard"))
    assert suggest(sets, target_sets=3, target_reps=8) == StayAtThisWeight("felt_hard")


def test_sets_short_of_their_reps_mean_staying_at_the_weight() -> None:
    sets = last((8, 10.0, "about_right"), (8, 10.0, "about_right"), (6, 10.0, "about_right"))
    assert suggest(sets, target_sets=3, target_reps=8) == StayAtThisWeight("reps_short")


def test_fewer_sets_than_planned_mean_staying_at_the_weight() -> None:
    sets = last((8, 10.0, "easy"), (8, 10.0, "easy"))
    assert suggest(sets, target_sets=3, target_reps=8) == StayAtThisWeight("reps_short")


def test_without_how_it_felt_there_is_no_suggestion() -> None:
    sets = last((8, 10.0, None), (8, 10.0, "easy"), (8, 10.0, "easy"))
    assert suggest(sets, target_sets=3, target_reps=8) is None


def test_the_first_session_has_no_suggestion() -> None:
    assert suggest(None, target_sets=3, target_reps=8) is None


def test_bodyweight_sets_can_go_heavier_too() -> None:
    """ "Why Your Lower Back Is Stiff": add resistance via bands or weights as the body allows."""
    sets = last((8, None, "easy"), (8, None, "easy"), (8, None, "easy"))
    assert suggest(sets, target_sets=3, target_reps=8) == TryHeavier(last_kg=None)


def test_the_strength_session_logs_its_deadlifts_and_squats_in_three_sets_of_eight() -> None:
    """Undo The Desk hub: Romanian deadlifts and goblet squats, 2x/week, 3 sets of 8."""
    library = load_library(bundled_path("routines") / "none", bundled_dir=bundled_path("routines"))
    pack = library.packs["strength-session"].pack
    entries = logged(0, (8, 10.0, "easy"), (8, 10.0, "easy"), (8, 10.0, "easy"))
    planned = loggable_exercises(pack, library.catalogue, entries, BERLIN)
    assert [(p.exercise_id, p.sets, p.reps) for p in planned] == [(RDL, 3, 8), ("goblet-squat", 3, 8)]
    assert planned[0] == PlannedExercise(
        RDL, "Romanian deadlift", 3, 8, last_time(entries, RDL, BERLIN), TryHeavier(10.0)
    )
    assert (planned[1].last, planned[1].suggestion) == (None, None)
