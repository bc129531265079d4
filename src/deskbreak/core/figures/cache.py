"""Rendered figures on disk: one SVG per exercise, side and keyframe, drawn at first use and kept.

A file's name carries a hash of everything that shapes the drawing (the pose data, the palette and
the renderer's version), so an edited figure or a new renderer never shows a stale picture; the
older files of that exercise are removed when a new one is written. A cache that cannot be written
(a read-only home, a full disk) is not an error: callers then draw from memory.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from deskbreak.core.atomic import write_atomic
from deskbreak.core.figures.colours import LIGHT, Palette
from deskbreak.core.figures.drawing import draw
from deskbreak.core.figures.model import Figure, Side
from deskbreak.core.figures.svg import render_svg

log = logging.getLogger(__name__)

RENDER_VERSION = 1  # bump when a change to the drawing code changes what a figure looks like
FOLDER = "figures"


def figure_key(figure: Figure, palette: Palette = LIGHT) -> str:
    """A short hash of what the picture depends on; the file path is not part of it."""
    shape = (
        RENDER_VERSION,
        figure.view,
        figure.facing,
        figure.props,
        sorted(figure.highlight),
        figure.anchor,
        figure.lift,
        figure.keyframes,
        figure.arrows,
        figure.focus,
        palette,
    )
    return hashlib.sha256(repr(shape).encode()).hexdigest()[:12]


def figure_title(name: str, side: Side | None) -> str:
    return f"{name}, {side} side" if side else name


def rendered_file(
    figure: Figure,
    side: Side | None,
    index: int,
    cache_dir: Path,
    *,
    title: str = "",
    palette: Palette = LIGHT,
) -> Path | None:
    """The SVG of keyframe `index` on `side`, written if missing; None when the cache cannot be written."""
    key = figure_key(figure, palette)
    folder = cache_dir / FOLDER
    path = folder / f"{figure.exercise_id}-{side or 'both'}-{index + 1}-{key}.svg"
    if path.is_file():
        return path
    svg = render_svg(draw(figure, figure.keyframes[index].pose, side), palette, title)
    try:
        write_atomic(path, svg.encode())
    except OSError as exc:
        log.warning("figures: cannot write %s: %s", path, exc)
        return None
    for old in folder.glob(f"{figure.exercise_id}-*.svg"):
        if not old.stem.endswith(key) and _same_exercise(old, figure):
            old.unlink(missing_ok=True)
    return path


def _same_exercise(path: Path, figure: Figure) -> bool:
    """`couch-stretch-left-1-<key>` belongs to couch-stretch, not to an exercise named couch-stretch-x."""
    rest = path.stem.removeprefix(f"{figure.exercise_id}-")
    parts = rest.split("-")
    return len(parts) == 3 and parts[0] in ("left", "right", "both") and parts[1].isdigit()
