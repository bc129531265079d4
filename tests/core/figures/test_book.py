"""A user's pose data loads from `figures/` beside their packs; every mistake is located and explained."""

from __future__ import annotations

from pathlib import Path

from deskbreak.core.figures.book import load_figures

from .conftest import figure_from, user_figures


def test_a_user_figure_builds_on_a_bundled_base(tmp_path: Path) -> None:
    figure = figure_from(
        tmp_path,
        """
        - exercise: wall-sit
          say: Back to the wall, thighs level
          props: [wall]
          frames:
            - base: sitting
        """,
    )
    assert figure.exercise_id == "wall-sit"
    assert figure.origin == "user"
    assert figure.keyframes[0].pose.angle("left_thigh") == 84  # the base's angle


def test_a_keyframe_overrides_its_base_and_follows_the_defaults(tmp_path: Path) -> None:
    figure = figure_from(
        tmp_path,
        """
        - exercise: wall-sit
          say: Back to the wall, thighs level
          frames:
            - base: standing
              thighs: 90
              left_thigh: 80
        """,
    )
    pose = figure.keyframes[0].pose
    assert pose.angle("left_thigh") == 80  # one side beats both sides
    assert pose.angle("right_thigh") == 90
    assert pose.angle("right_shin") == 90  # a shin continues its thigh unless told
    assert pose.angle("right_foot") == 180  # a foot sits square to its shin
    assert pose.angle("head") == 180  # the head continues the torso


def test_an_unknown_key_is_reported_with_its_place_and_the_allowed_keys(tmp_path: Path) -> None:
    path = user_figures(
        tmp_path,
        """
        schema: 1
        figures:
          - exercise: wall-sit
            say: Back to the wall
            frames:
              - base: standing
                thigh: 90
        """,
    )
    (problem,) = load_figures(tmp_path).problems
    assert (problem.path, problem.line, problem.col) == (path, 7, 9)
    assert problem.message.startswith("figures[0].frames[0]: unknown key 'thigh' (allowed: base, torso, ")


def test_an_unknown_base_suggests_the_closest_one(tmp_path: Path) -> None:
    user_figures(
        tmp_path,
        """
        schema: 1
        figures:
          - exercise: wall-sit
            say: Back to the wall
            frames:
              - base: stnding
        """,
    )
    (problem,) = load_figures(tmp_path).problems
    assert (problem.line, problem.col) == (6, 15)
    assert problem.message == "figures[0].frames[0].base: unknown base 'stnding' (did you mean 'standing'?)"


def test_a_figure_for_an_exercise_that_is_not_loaded_is_reported(tmp_path: Path) -> None:
    user_figures(
        tmp_path,
        """
        schema: 1
        figures:
          - exercise: wal-sit
            say: Back to the wall
            frames: [{base: standing}]
        """,
    )
    book = load_figures(tmp_path, known_exercises=[*load_figures().figures, "wall-sit"])
    (problem,) = book.problems
    assert (
        problem.message == "figures[0].exercise: no exercise 'wal-sit' is loaded (did you mean 'wall-sit'?)"
    )
    assert "wal-sit" not in book.figures


def test_a_bundled_exercise_keeps_its_bundled_figure(tmp_path: Path) -> None:
    user_figures(
        tmp_path,
        """
        schema: 1
        figures:
          - exercise: couch-stretch
            say: My own couch stretch
            frames: [{base: standing}]
        """,
    )
    book = load_figures(tmp_path)
    (problem,) = book.problems
    assert (
        problem.message
        == "figures[0].exercise: exercise 'couch-stretch' is bundled and keeps its bundled figure"
    )
    assert book.figures["couch-stretch"].origin == "bundled"


def test_a_prop_that_needs_a_place_says_so(tmp_path: Path) -> None:
    user_figures(
        tmp_path,
        """
        schema: 1
        figures:
          - exercise: wall-sit
            say: Back to the wall
            props: [cushion]
            frames: [{base: standing}]
        """,
    )
    (problem,) = load_figures(tmp_path).problems
    assert problem.line == 5
    assert problem.message == "figures[0].props[0]: a cushion needs 'at': where on the body it goes"


def test_one_bad_figure_does_not_lose_the_others_in_its_file(tmp_path: Path) -> None:
    user_figures(
        tmp_path,
        """
        schema: 1
        figures:
          - exercise: wall-sit
            say: Back to the wall
            frames: [{base: standing, torso: 900}]
          - exercise: desk-lean
            say: Hands on the desk, lean in
            frames: [{base: standing}]
        """,
    )
    book = load_figures(tmp_path)
    (problem,) = book.problems
    assert problem.message == "figures[0].frames[0].torso: must be at most 360.0"
    assert "desk-lean" in book.figures
    assert "wall-sit" not in book.figures


def test_a_file_that_is_not_yaml_is_a_located_problem_not_a_crash(tmp_path: Path) -> None:
    user_figures(tmp_path, "schema: 1\nfigures: [\n")
    (problem,) = load_figures(tmp_path).problems
    assert problem.message.startswith("YAML syntax error")
