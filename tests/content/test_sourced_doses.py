"""Every dose, frequency and figure the articles give is used as the article gives it.

Each test names the article and the figure. A bundled dose marked `dose_source: source` that no
test here pins fails `test_every_sourced_dose_is_pinned_here`, so nothing sourced can change quietly.
"""

from __future__ import annotations

from deskbreak.core.routines.library import Library
from deskbreak.core.routines.model import EveryMinutes, Exercise, ExerciseStep, TimesADay, TimesAWeek

from .conftest import BUILTLEAN, UNDO_THE_DESK, WAKEOUT

PINNED = {
    "couch-stretch",
    "glute-bridge",
    "romanian-deadlift",
    "goblet-squat",
    "standing-hamstring-stretch",
    "lying-hamstring-stretch",
    "dead-bug",
}


def sourced(library: Library, exercise_id: str, article: str) -> Exercise:
    """The exercise, checked to mark its dose as sourced and to cite `article`."""
    exercise = library.catalogue.exercises[exercise_id]
    assert exercise.dose_source == "source"
    assert article in {source.title for source in exercise.sources}
    return exercise


def test_the_couch_stretch_is_held_90_seconds_each_side(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): 90 seconds per side."""
    dose = sourced(bundled, "couch-stretch", UNDO_THE_DESK).dose
    assert (dose.hold, dose.sides, dose.sets) == (90, "both", 1)


def test_glute_bridges_are_12_reps_with_a_two_second_squeeze_at_the_top(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): 12 reps, 2-second pause and squeeze."""
    bridge = sourced(bundled, "glute-bridge", UNDO_THE_DESK)
    assert (bridge.dose.reps, bridge.dose.sets, bridge.dose.sides) == (12, 1, "one")
    assert bridge.dose.tempo_seconds >= 2 + 2  # the pause, plus lifting and lowering
    assert any("two seconds" in cue for cue in bridge.cues)


def test_romanian_deadlifts_are_3_sets_of_8(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): 3 sets of 8, twice a week."""
    dose = sourced(bundled, "romanian-deadlift", UNDO_THE_DESK).dose
    assert (dose.sets, dose.reps) == (3, 8)


def test_goblet_squats_are_3_sets_of_8_with_a_two_second_pause_at_the_bottom(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): 3 sets of 8, 2-second pause."""
    squat = sourced(bundled, "goblet-squat", UNDO_THE_DESK)
    assert (squat.dose.sets, squat.dose.reps) == (3, 8)
    assert squat.dose.tempo_seconds >= 2 + 2
    assert any("two seconds at the bottom" in cue for cue in squat.cues)


def test_hamstring_stretches_are_held_20_to_30_seconds_each_leg(bundled: Library) -> None:
    """5 Best Lower Back Stretches After Sitting All Day: 20–30 seconds for each leg."""
    for exercise_id in ("standing-hamstring-stretch", "lying-hamstring-stretch"):
        dose = sourced(bundled, exercise_id, BUILTLEAN).dose
        assert dose.hold is not None
        assert 20 <= dose.hold <= 30
        assert dose.sides == "both"


def test_the_dead_bug_is_as_many_reps_as_keep_the_spine_neutral(bundled: Library) -> None:
    """5 Best Lower Back Stretches After Sitting All Day: as many as you can with a neutral spine.

    The article sets no number; deskbreak's count is a ceiling (`reps_are: at_most`) and the cues
    say to end the set when the lower back lifts.
    """
    bug = sourced(bundled, "dead-bug", BUILTLEAN)
    assert bug.dose.is_rep_ceiling
    assert any("End the set as soon as your lower back starts to lift" in cue for cue in bug.cues)


def test_every_sourced_dose_is_pinned_here(bundled: Library) -> None:
    marked = {e.id for e in bundled.catalogue.exercises.values() if e.dose_source == "source"}
    assert marked == PINNED
    overrides = [
        (loaded.pack.id, step.exercise)
        for loaded in bundled.packs.values()
        for step in loaded.pack.steps
        if isinstance(step, ExerciseStep) and step.changes_dose and step.dose_source == "source"
    ]
    assert overrides == []


def test_every_bundled_dose_says_where_it_comes_from(bundled: Library) -> None:
    unmarked = [
        (loaded.pack.id, segment.exercise_id)
        for loaded in bundled.packs.values()
        for segment in loaded.timeline.segments
        if segment.kind == "exercise" and segment.dose_source is None
    ]
    assert unmarked == []
    assert all(e.dose_source is not None for e in bundled.catalogue.exercises.values())


def test_a_sourced_dose_survives_into_every_pack_that_uses_it(bundled: Library) -> None:
    """A pack may not shorten the couch stretch or the bridges while still calling the dose sourced."""
    for loaded in bundled.packs.values():
        for segment in loaded.timeline.segments:
            if segment.kind == "exercise" and segment.exercise_id in PINNED:
                assert segment.dose_source == "source", (loaded.pack.id, segment.exercise_id)


def test_posture_changes_every_45_to_60_minutes(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): change posture every 45–60 minutes."""
    pack = bundled.packs["stand-up-reset"].pack
    assert pack.frequency == EveryMinutes(every_minutes=(45, 60))
    assert UNDO_THE_DESK in {source.title for source in pack.sources}


def test_the_evening_routine_is_five_movements_in_about_seven_minutes_every_evening(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): five movements, seven minutes, daily."""
    loaded = bundled.packs["evening-mobility"]
    movements = [step for step in loaded.pack.steps if isinstance(step, ExerciseStep)]
    assert len(movements) == 5
    assert round(loaded.timeline.total_seconds / 60) == 7
    assert loaded.pack.frequency == TimesADay(times_a_day=1)
    assert {"couch-stretch", "hip-switch-90-90", "worlds-greatest-stretch"} <= {s.exercise for s in movements}


def test_the_couch_stretch_focus_is_nightly(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): every night for two weeks."""
    assert bundled.packs["couch-stretch-focus"].pack.frequency == TimesADay(times_a_day=1)


def test_glute_bridges_come_in_daily_packs(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): glute bridges daily."""
    daily = [
        loaded.pack.id
        for loaded in bundled.packs.values()
        if loaded.pack.frequency == TimesADay(times_a_day=1)
        and any(isinstance(s, ExerciseStep) and s.exercise == "glute-bridge" for s in loaded.pack.steps)
    ]
    assert daily


def test_strength_is_twice_a_week_with_deadlifts_and_goblet_squats(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): RDLs and goblet squats 2x/week."""
    pack = bundled.packs["strength-session"].pack
    assert pack.frequency == TimesAWeek(times_a_week=2)
    lifts = {step.exercise for step in pack.steps if isinstance(step, ExerciseStep)}
    assert {"romanian-deadlift", "goblet-squat"} <= lifts


def test_foam_rolling_takes_five_minutes_a_day(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): 5 minutes a day on four areas."""
    loaded = bundled.packs["foam-rolling"]
    assert loaded.timeline.total_seconds == 5 * 60
    assert loaded.pack.frequency == TimesADay(times_a_day=1)
    rolled = [step.exercise for step in loaded.pack.steps if isinstance(step, ExerciseStep)]
    assert rolled == [
        "foam-roll-hip-flexors",
        "foam-roll-it-band",
        "foam-roll-glutes",
        "foam-roll-hamstrings",
    ]


def test_the_hang_is_daily(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): a daily dead hang from a bar."""
    assert bundled.packs["dead-hang"].pack.frequency == TimesADay(times_a_day=1)


def test_the_whole_back_round_comes_about_every_90_minutes(bundled: Library) -> None:
    """Back Pain (Wakeout): a short round every 90 minutes rather than one long session."""
    pack = bundled.packs["whole-back-desk"].pack
    assert pack.frequency == EveryMinutes(every_minutes=(90, 90))
    assert WAKEOUT in {source.title for source in pack.sources}


def test_the_recovery_habits_keep_the_articles_figures(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): 8,000+ steps, 7+ hours, 5 minutes."""
    recovery = bundled.checklists["recovery"]
    figures = {item.id: (item.target.amount, item.target.unit) for item in recovery.items if item.target}
    assert figures == {
        "walk-8000-steps": (8000, "steps"),
        "sleep-7-hours": (7, "hours"),
        "foam-roll": (5, "minutes"),
    }
    for item_id in figures:
        item = recovery.item(item_id)
        assert item is not None
        assert item.cadence == "daily"
        assert UNDO_THE_DESK in {source.title for source in item.sources}
