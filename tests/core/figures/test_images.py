"""The picture a step shows: the exercise's own file, else its figure, rendered into the cache."""

from __future__ import annotations

import textwrap
from pathlib import Path

from deskbreak.core.figures.book import FigureBook, load_figures
from deskbreak.core.figures.images import Generated, Picture, image_for, step_image_path
from deskbreak.core.routines.library import load_library

from .conftest import user_figures

WALL_SIT = """
schema: 1
exercises:
  - id: wall-sit
    name: Wall sit
    position: standing
    equipment: [wall]
    targets: [thighs]
    cues: [Slide down the wall until your thighs are level.]
    {image}dose:
      hold: 30
"""


def user_exercise(root: Path, image: str | None = None) -> None:
    line = f"image: {image}\n    " if image else ""
    path = root / "exercises" / "mine.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(WALL_SIT).lstrip().replace("{image}", line), encoding="utf-8")


def test_a_bundled_exercise_shows_its_rendered_figure(book: FigureBook, tmp_path: Path) -> None:
    path = step_image_path(
        "couch-stretch",
        "right",
        "hold",
        pictures={},
        book=book,
        cache_dir=tmp_path / "cache",
        name="Couch stretch",
    )
    assert path is not None
    assert path.is_absolute()
    assert path.parent == tmp_path / "cache" / "figures"
    assert "<title>Couch stretch, right side</title>" in path.read_text(encoding="utf-8")


def test_a_users_own_picture_is_shown_instead_of_a_figure(tmp_path: Path) -> None:
    root = tmp_path / "routines"
    user_exercise(root, image="images/wall-sit.png")
    (root / "images").mkdir()
    (root / "images" / "wall-sit.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    user_figures(
        root, "schema: 1\nfigures:\n  - {exercise: wall-sit, say: Thighs level, frames: [{base: sitting}]}\n"
    )
    library = load_library(root)
    book = load_figures(root, known_exercises=library.catalogue.exercises)
    assert library.problems == ()
    assert book.problems == ()
    assert image_for("wall-sit", None, library.images, book) == Picture(
        (root / "images" / "wall-sit.png").resolve()
    )
    path = step_image_path(
        "wall-sit", None, "hold", pictures=library.images, book=book, cache_dir=tmp_path / "c"
    )
    assert path == (root / "images" / "wall-sit.png").resolve()


def test_a_users_pose_data_draws_their_exercise(tmp_path: Path) -> None:
    root = tmp_path / "routines"
    user_exercise(root)
    user_figures(
        root, "schema: 1\nfigures:\n  - {exercise: wall-sit, say: Thighs level, frames: [{base: sitting}]}\n"
    )
    library = load_library(root)
    book = load_figures(root, known_exercises=library.catalogue.exercises)
    image = image_for("wall-sit", None, library.images, book)
    assert isinstance(image, Generated)
    assert image.figure.origin == "user"
    path = step_image_path(
        "wall-sit", None, "hold", pictures=library.images, book=book, cache_dir=tmp_path / "c"
    )
    assert path is not None
    assert path.name.startswith("wall-sit-both-1-")


def test_a_picture_path_that_leaves_the_routines_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "routines"
    (tmp_path / "secret.svg").write_text("<svg/>", encoding="utf-8")
    user_exercise(root, image="../secret.svg")
    library = load_library(root)
    (problem,) = [p for p in library.problems if p.path.name == "mine.yaml"]
    assert problem.message == "exercises[0].image: must not leave the routines folder ('..' is not allowed)"
    assert "wall-sit" not in library.catalogue.exercises
    assert library.images == {}


def test_a_picture_link_that_leads_outside_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "routines"
    (tmp_path / "secret.svg").write_text("<svg/>", encoding="utf-8")
    (root / "images").mkdir(parents=True)
    (root / "images" / "innocent.svg").symlink_to(tmp_path / "secret.svg")
    user_exercise(root, image="images/innocent.svg")
    library = load_library(root)
    (problem,) = [p for p in library.problems if p.path.name == "mine.yaml"]
    assert (
        problem.message
        == "exercises[0].image: 'images/innocent.svg' leads outside its folder (through a link)"
    )
    assert library.images == {}


def test_an_exercise_with_neither_picture_nor_figure_has_no_image(tmp_path: Path) -> None:
    root = tmp_path / "routines"
    user_exercise(root)
    library = load_library(root)
    book = load_figures(root, known_exercises=library.catalogue.exercises)
    assert (
        step_image_path("wall-sit", None, "hold", pictures=library.images, book=book, cache_dir=tmp_path)
        is None
    )


def test_each_exercise_segment_of_a_pack_has_the_file_the_player_shows(tmp_path: Path) -> None:
    from deskbreak.core.figures.images import segment_images

    library = load_library(tmp_path / "no-user-routines")
    segments = library.packs["evening-mobility"].timeline.segments
    images = segment_images(segments, library, tmp_path / "no-user-routines", tmp_path / "cache")
    for segment, image in zip(segments, images, strict=True):
        if segment.kind == "exercise":
            assert image is not None
            assert image.is_file()
            assert image.name.startswith(f"{segment.exercise_id}-{segment.side or 'both'}-")
        else:
            assert image is None
