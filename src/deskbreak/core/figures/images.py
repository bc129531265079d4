"""Which picture the player shows for an exercise step, and the file behind it.

An exercise's own `image` (a user's SVG or PNG, checked by the loader to stay inside its routines
folder) wins; otherwise its figure, user pose data or bundled; otherwise nothing. The file of a
figure is the rendered keyframe the player shows when the figure stands still: the held position
of a hold, the start of a move.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from deskbreak.core.figures.book import FigureBook, load_figures
from deskbreak.core.figures.cache import figure_title, rendered_file
from deskbreak.core.figures.model import Figure, Side
from deskbreak.core.figures.motion import DoseKind
from deskbreak.core.routines.library import Library
from deskbreak.core.routines.plan import Segment


@dataclass(frozen=True)
class Picture:
    """A picture file the exercise brings."""

    path: Path


@dataclass(frozen=True)
class Generated:
    """A figure drawn from pose data, on one side."""

    figure: Figure
    side: Side | None


ExerciseImage = Picture | Generated


def image_for(
    exercise_id: str, side: Side | None, pictures: Mapping[str, Path], book: FigureBook
) -> ExerciseImage | None:
    picture = pictures.get(exercise_id)
    if picture is not None:
        return Picture(picture)
    figure = book.get(exercise_id)
    return Generated(figure, side) if figure is not None else None


def image_file(
    image: ExerciseImage, dose_kind: DoseKind | None, cache_dir: Path, *, name: str = ""
) -> Path | None:
    """The file shown while the figure stands still (None if a figure's file cannot be written)."""
    match image:
        case Picture(path=path):
            return path
        case Generated(figure=figure, side=side):
            index = figure.still_index(is_hold=dose_kind == "hold")
            return rendered_file(figure, side, index, cache_dir, title=figure_title(name, side))


def step_image_path(
    exercise_id: str,
    side: Side | None,
    dose_kind: DoseKind | None,
    *,
    pictures: Mapping[str, Path],
    book: FigureBook,
    cache_dir: Path,
    name: str = "",
) -> Path | None:
    """What `deskbreak routines show --json` reports as a step's `image`: an absolute path, or None."""
    image = image_for(exercise_id, side, pictures, book)
    if image is None:
        return None
    path = image_file(image, dose_kind, cache_dir, name=name)
    return path.absolute() if path is not None else None


def segment_images(
    segments: Sequence[Segment], library: Library, user_routines_dir: Path | None, cache_dir: Path
) -> list[Path | None]:
    """The `image` of each segment for `routines show --json`: an exercise segment's picture file."""
    book = load_figures(user_routines_dir, known_exercises=library.catalogue.exercises)
    return [
        step_image_path(
            segment.exercise_id,
            segment.side,
            segment.dose_kind,
            pictures=library.images,
            book=book,
            cache_dir=cache_dir,
            name=segment.name or "",
        )
        if segment.kind == "exercise" and segment.exercise_id
        else None
        for segment in segments
    ]
