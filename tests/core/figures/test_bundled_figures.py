"""Every bundled exercise has an illustration of its own, drawn in one style and fitting its box."""

from __future__ import annotations

import pytest

from deskbreak.core.figures.book import FigureBook, load_figures
from deskbreak.core.figures.drawing import draw, extent, stage_for
from deskbreak.core.figures.motion import motion_for
from deskbreak.core.routines.library import Library

# The movements issue 13 names as needing two keyframes or more, by the exercise that does them.
MOVING = (
    "glute-bridge",  # bridges
    "goblet-squat",  # squats
    "hip-hinge-drill",  # hinges
    "romanian-deadlift",
    "hip-switch-90-90",  # 90/90 switches
    "bird-dog",
    "dead-bug",
    "half-kneeling-windmill",  # windmills
    "seated-cat-cow",  # cat-cow
    "march-in-place",  # marching
)
# Rep exercises whose work is a squeeze inside the body: nothing moves that a drawing could show,
# so one keyframe with a "feel it here" ring is the honest picture.
STILL_REPS = frozenset({"breath-brace", "seated-core-brace"})


def test_every_bundled_exercise_has_a_figure(book: FigureBook, bundled: Library) -> None:
    missing = sorted(set(bundled.catalogue.exercises) - set(book.figures))
    assert missing == [], f"draw these in src/deskbreak/core/figures/poses/: {missing}"


def test_the_bundled_figures_load_without_a_problem_and_draw_only_bundled_exercises(bundled: Library) -> None:
    book = load_figures(known_exercises=bundled.catalogue.exercises)
    assert book.problems == ()


@pytest.mark.parametrize("exercise_id", MOVING)
def test_a_moving_exercise_has_at_least_two_keyframes(book: FigureBook, exercise_id: str) -> None:
    assert len(book.figures[exercise_id].keyframes) >= 2


def test_every_rep_exercise_moves_unless_its_work_is_a_squeeze(book: FigureBook, bundled: Library) -> None:
    reps = {e.id for e in bundled.catalogue.exercises.values() if e.dose.amount_kind == "reps"}
    still = {exercise_id for exercise_id in reps if not book.figures[exercise_id].moves}
    assert still == STILL_REPS


def test_a_hold_shows_one_position(book: FigureBook, bundled: Library) -> None:
    holds = [e.id for e in bundled.catalogue.exercises.values() if e.dose.amount_kind == "hold"]
    assert holds
    assert [i for i in holds if len(book.figures[i].keyframes) != 1] == []


def test_an_exercise_with_sides_names_the_limb_for_each_side(book: FigureBook, bundled: Library) -> None:
    for exercise in bundled.catalogue.exercises.values():
        figure = book.figures[exercise.id]
        if exercise.dose.sides in ("both", "alternate"):
            assert "left" in figure.say_for("left").lower(), exercise.id
            assert "right" in figure.say_for("right").lower(), exercise.id
            assert figure.label_for("left") == (figure.side_label or "").upper(), exercise.id
            assert "LEFT" in (figure.label_for("left") or ""), exercise.id
            assert figure.highlight or figure.arrows, (
                f"{exercise.id}: colour the worked limb or show the turn"
            )
        else:
            assert figure.side_label is None, f"{exercise.id} has no sides to label"


def test_every_figure_stays_inside_its_box_on_both_sides_and_through_its_moves(
    book: FigureBook, bundled: Library
) -> None:
    for exercise in bundled.catalogue.exercises.values():
        figure = book.figures[exercise.id]
        stage = stage_for(figure)
        poses = [keyframe.pose for keyframe in figure.keyframes]
        motion = motion_for(figure, "reps", 4)
        poses += [motion.pose(4 * figure.reps_per_cycle * step / 24) for step in range(24)]
        for side in ("left", "right"):
            for pose in poses:
                drawing = draw(figure, pose, side, stage)
                left, top, right, bottom = extent(drawing)
                box_left, box_top, width, height = drawing.box
                assert min(left - box_left, top - box_top) >= 0, exercise.id
                assert max(right - box_left - width, bottom - box_top - height) <= 0, exercise.id


def test_the_words_a_figure_carries_are_short_enough_to_read_from_a_step_back(book: FigureBook) -> None:
    for figure in book.figures.values():
        assert len(figure.say) <= 60, figure.exercise_id
        assert figure.say[0].isupper(), figure.exercise_id
        assert not figure.say.endswith("."), figure.exercise_id
