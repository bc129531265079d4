"""The player's words and tones: the limb is named, the voice says what the screen shows."""

from __future__ import annotations

import pytest

from deskbreak.core.coaching import (
    SAY_DONE,
    SAY_SWITCH,
    cue_line,
    lead_in_line,
    next_position,
    spoken,
    tone_for,
)
from deskbreak.core.figures.book import FigureBook, load_figures
from deskbreak.core.player import (
    CountdownTick,
    Cue,
    LeadInStarted,
    RepStarted,
    RoutineFinished,
    SegmentStarted,
)
from deskbreak.core.routines.plan import Segment, Timeline
from deskbreak.core.tones import Tone

LEFT = Segment("exercise", 90, 0, "couch-stretch", "Couch stretch", side="left", dose_kind="hold")
SWITCH = Segment("switch", 10, 0, "couch-stretch", "Couch stretch")
RIGHT = Segment("exercise", 90, 0, "couch-stretch", "Couch stretch", side="right", dose_kind="hold")
REST = Segment("rest", 20, 1)
TIMELINE = Timeline("evening", "Evening", (LEFT, SWITCH, RIGHT, REST))


@pytest.fixture(scope="module")
def book() -> FigureBook:
    return load_figures()


def test_the_cue_names_the_limb_not_just_the_side(book: FigureBook) -> None:
    figure = book.figures["couch-stretch"]
    assert cue_line(LEFT, figure) == "Left shin up the wall, right foot forward"
    assert cue_line(RIGHT, figure) == "Right shin up the wall, left foot forward"


def test_a_switch_says_how_the_other_side_is_set_up(book: FigureBook) -> None:
    assert (
        cue_line(SWITCH, book.figures["couch-stretch"])
        == "Switch sides: right shin up the wall, left foot forward"
    )


def test_without_a_figure_the_cue_falls_back_to_name_and_side() -> None:
    assert cue_line(LEFT, None) == "Couch stretch, left side"
    assert cue_line(SWITCH, None) == SAY_SWITCH


def test_the_get_ready_says_a_change_of_position_first(book: FigureBook) -> None:
    line = lead_in_line(LEFT, "standing", "kneeling", book.figures["couch-stretch"])
    assert line == "Down onto your knees. Left shin up the wall, right foot forward"
    assert lead_in_line(LEFT, "kneeling", "kneeling", None) == "Couch stretch, left side"


@pytest.mark.parametrize(
    ("cue", "tone"),
    [
        (LeadInStarted(0), Tone.GET_READY),
        (SegmentStarted(0), Tone.START),
        (SegmentStarted(1), Tone.SWITCH),
        (SegmentStarted(3), Tone.START),
        (RepStarted(2, 8), Tone.REP),
        (CountdownTick(3), Tone.TICK),
        (RoutineFinished(), Tone.FINISHED),
    ],
)
def test_each_cue_has_its_tone(cue: Cue, tone: Tone) -> None:
    assert tone_for(cue, TIMELINE) == tone


def test_the_voice_reads_what_the_screen_shows() -> None:
    lines = {0: "Left shin up the wall, right foot forward"}
    lead_ins = {0: "Down onto your knees. Left shin up the wall, right foot forward"}
    assert spoken(LeadInStarted(0), TIMELINE, lines, lead_ins) == (
        "Get ready. Couch stretch. Down onto your knees. Left shin up the wall, right foot forward"
    )
    assert spoken(SegmentStarted(0), TIMELINE, lines, lead_ins) == lines[0]
    assert spoken(SegmentStarted(1), TIMELINE, lines, lead_ins) == SAY_SWITCH
    assert spoken(CountdownTick(2), TIMELINE, lines, lead_ins) == "2"
    assert spoken(RepStarted(3, 8), TIMELINE, lines, lead_ins) is None
    assert spoken(RoutineFinished(), TIMELINE, lines, lead_ins) == SAY_DONE


def test_an_exercise_done_seated_or_standing_keeps_the_person_where_they_are() -> None:
    assert next_position("standing", ("sitting", "standing")) == "standing"
    assert next_position("floor", ("sitting", "standing")) == "sitting"
    assert next_position(None, ("kneeling",)) == "kneeling"


def test_each_alternating_rep_after_the_first_sounds_like_a_rep_and_says_its_side() -> None:
    from deskbreak.core.routines.plan import AlternatingRep

    reps = tuple(
        Segment(
            "exercise", 4, 0, "dead-bug", "Dead bug", side=side, dose_kind="reps", reps=1,
            seconds_per_rep=4, alternating=AlternatingRep(1, 1),
        )
        for side in ("left", "right")
    )  # fmt: skip
    timeline = Timeline("bugs", "Bugs", reps)
    lines = {0: "Left leg long, right arm back, then return", 1: "Right leg long, left arm back, then return"}
    assert tone_for(SegmentStarted(0), timeline) == Tone.START
    assert tone_for(SegmentStarted(1), timeline) == Tone.REP
    assert spoken(SegmentStarted(0), timeline, lines, {}) == lines[0]
    assert spoken(SegmentStarted(1), timeline, lines, {}) == "Right"
