"""Loads pose data: the bundled figures and a user's `figures/*.yaml`, every problem with its place.

The same safe YAML reader as the routine packs is used, so a figure file gets the same limits and
the same `PATH:LINE:COL: message` problems. A bad figure skips that figure and the exercise is
shown without a picture; nothing here raises for bad content. A user's figure may draw only a
user's exercise: a bundled exercise keeps its bundled figure.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from deskbreak.core.figures.model import Figure, Origin, build_figure
from deskbreak.core.figures.spec import FigureFile, FigureSpec, FrameSpec
from deskbreak.core.routines.loader import PackProblem, YamlDoc, read_yaml

BUNDLED_DIR = Path(__file__).resolve().parent / "poses"
USER_FOLDER = "figures"  # inside the user's routines folder, beside exercises/ and packs/
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class FigureBook:
    """Every figure that loaded, by exercise id, and what did not."""

    figures: dict[str, Figure]
    problems: tuple[PackProblem, ...] = ()

    def get(self, exercise_id: str) -> Figure | None:
        return self.figures.get(exercise_id)


def load_figures(
    user_routines_dir: Path | None = None,
    *,
    bundled_dir: Path = BUNDLED_DIR,
    known_exercises: Collection[str] | None = None,
) -> FigureBook:
    """The bundled figures, then the user's; `known_exercises` lets a user's typo be reported."""
    files: list[tuple[Path, Origin]] = [(path, "bundled") for path in _yaml_files(bundled_dir)]
    if user_routines_dir is not None:
        files += [(path, "user") for path in _yaml_files(user_routines_dir / USER_FOLDER)]
    problems: list[PackProblem] = []
    docs: list[tuple[YamlDoc, FigureFile, Origin]] = []
    for path, origin in files:
        doc = read_yaml(path, path)
        if isinstance(doc, list):
            problems += doc
            continue
        try:
            docs.append((doc, FigureFile.model_validate(doc.data), origin))
        except ValidationError as exc:
            problems += doc.validation_problems(exc, FigureFile)
    bases = _bases(docs, problems)
    figures: dict[str, Figure] = {}
    for doc, file, origin in docs:
        for index, raw in enumerate(file.figures):
            figure = _figure(doc, index, raw, origin, bases, figures, known_exercises, problems)
            if figure is not None:
                figures[figure.exercise_id] = figure
    return FigureBook(dict(sorted(figures.items())), tuple(sorted(problems)))


def _bases(
    docs: list[tuple[YamlDoc, FigureFile, Origin]], problems: list[PackProblem]
) -> dict[str, FrameSpec]:
    bases: dict[str, FrameSpec] = {}
    for doc, file, _origin in docs:
        for name, frame in file.bases.items():
            if name in bases:
                problems.append(doc.problem(("bases", name), f"a base named '{name}' already exists"))
            elif frame.base is not None:
                problems.append(doc.problem(("bases", name, "base"), "a base cannot start from another base"))
            else:
                bases[name] = frame
    return bases


def _figure(
    doc: YamlDoc,
    index: int,
    raw: object,
    origin: Origin,
    bases: dict[str, FrameSpec],
    figures: dict[str, Figure],
    known: Collection[str] | None,
    problems: list[PackProblem],
) -> Figure | None:
    loc: tuple[str | int, ...] = ("figures", index)
    try:
        spec = FigureSpec.model_validate(raw)
    except ValidationError as exc:
        problems += doc.validation_problems(exc, FigureSpec, loc)
        return None
    found = list(_base_problems(doc, loc, spec, bases))
    if spec.exercise in figures:
        first = figures[spec.exercise]
        if first.origin == "bundled" and origin == "user":
            message = f"exercise '{spec.exercise}' is bundled and keeps its bundled figure"
        else:
            message = f"exercise '{spec.exercise}' already has a figure (in {first.path})"
        found.append(doc.problem((*loc, "exercise"), message))
    elif known is not None and spec.exercise not in known:
        close = difflib.get_close_matches(spec.exercise, list(known), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        found.append(doc.problem((*loc, "exercise"), f"no exercise '{spec.exercise}' is loaded{hint}"))
    if found:
        problems += found
        return None
    return build_figure(spec, bases, origin, doc.path)


def _base_problems(
    doc: YamlDoc, loc: tuple[str | int, ...], spec: FigureSpec, bases: dict[str, FrameSpec]
) -> Iterator[PackProblem]:
    for number, frame in enumerate(spec.frames):
        if frame.base is not None and frame.base not in bases:
            close = difflib.get_close_matches(frame.base, list(bases), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield doc.problem((*loc, "frames", number, "base"), f"unknown base '{frame.base}'{hint}")


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError:  # no such folder: nothing to load
        return []
