"""The pose-data example in docs/routine-packs.md loads, draws and fits, exactly as printed."""

from __future__ import annotations

import re
from pathlib import Path

from deskbreak.core.figures.book import load_figures
from deskbreak.core.figures.drawing import draw, extent
from deskbreak.core.routines.library import load_library

DOC = Path(__file__).resolve().parents[3] / "docs" / "routine-packs.md"


def example(name: str) -> str:
    """The YAML block of the docs whose first line is `# <name>`."""
    for block in re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL):
        if block.startswith(f"# {name}\n"):
            return str(block)
    raise AssertionError(f"docs/routine-packs.md has no example {name}")


def test_the_docs_example_exercise_and_figure_load_without_a_problem(tmp_path: Path) -> None:
    for name in ("exercises/wall-sit.yaml", "figures/wall-sit.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(example(name), encoding="utf-8")
    library = load_library(tmp_path)
    book = load_figures(tmp_path, known_exercises=library.catalogue.exercises)
    assert [str(p) for p in library.problems] == []
    assert [str(p) for p in book.problems] == []
    figure = book.figures["wall-sit"]
    assert figure.say_for("right") == "Back on the wall, slide down, right heel pressing"
    assert figure.label_for("right") == "RIGHT LEG"
    for keyframe in figure.keyframes:
        drawing = draw(figure, keyframe.pose, "right")
        left, top, right, bottom = extent(drawing)
        box_left, box_top, width, height = drawing.box
        assert box_left <= left
        assert box_top <= top
        assert right <= box_left + width
        assert bottom <= box_top + height
