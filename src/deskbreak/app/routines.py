"""The routine library as the running app holds it: loaded after start, read again when packs change.

Which pack a prompt offers is the engine's decision (core.offer); this room only tells the engine
which packs exist (`RoutinesAvailable`) and gives the player and the menu what they show.

A pack file added or edited while the app runs is seen without a restart: before the menu lists
the packs and before a pack is opened by id, the folders' modification times are compared with
those the library was read at (a few `stat` calls, no timer and no file watcher).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from deskbreak.core.offer import PackSummary, pack_minutes

if TYPE_CHECKING:  # packs are read after the tray icon is up, figures when a routine opens
    from deskbreak.core.figures.book import FigureBook
    from deskbreak.core.routines.library import Library, LoadedPack
    from deskbreak.core.routines.model import Exercise

log = logging.getLogger(__name__)

Stamp = tuple[tuple[str, int], ...]


def folder_stamp(folder: Path | None, depth: int = 2) -> Stamp:
    """Modification times of a routines folder and what lies in it, `depth` levels down.

    Two levels cover the layout the loader reads (`packs/`, `exercises/`, their files); symbolic
    links are not followed, so a link loop costs nothing. A missing folder has an empty stamp.
    """
    if folder is None:
        return ()
    stamp: list[tuple[str, int]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                stamp.append((entry.path, entry.stat(follow_symlinks=False).st_mtime_ns))
                if depth > 1 and entry.is_dir(follow_symlinks=False):
                    stamp.extend(folder_stamp(Path(entry.path), depth - 1))
    except OSError:
        return tuple(stamp)
    return tuple(stamp)


class LoadedRoutines:
    """The bundled and user packs, read on first use and again when the user's folder changed."""

    def __init__(self, user_dir: Path | None, load: Callable[[Path | None], Library] | None = None) -> None:
        self._user_dir = user_dir
        self._load = load or _load_library
        self._library: Library | None = None
        self._figures: FigureBook | None = None
        self._stamp: Stamp = ()
        self.on_reload: list[Callable[[LoadedRoutines], None]] = []

    @property
    def library(self) -> Library:
        if self._library is None:
            self._read()
        assert self._library is not None
        return self._library

    @property
    def figures(self) -> FigureBook:
        """The exercise figures, bundled and the user's; read when a routine first needs them."""
        if self._figures is None:
            from deskbreak.core.figures.book import load_figures

            self._figures = load_figures(self._user_dir, known_exercises=self.library.catalogue.exercises)
            for problem in self._figures.problems:
                log.warning("figures: %s", problem)
        return self._figures

    def refresh(self) -> bool:
        """Read the packs again if the user's folder changed since they were read; True if it did."""
        if self._library is not None and folder_stamp(self._user_dir) == self._stamp:
            return False
        self._read()
        return True

    def _read(self) -> None:
        self._stamp = folder_stamp(self._user_dir)
        library = self._load(self._user_dir)
        for problem in library.problems:
            log.warning("routine packs: %s", problem)
        log.info("loaded %d routine packs", len(library.packs))
        self._library = library
        self._figures = None  # the user's figures may have changed with their packs
        for listener in self.on_reload:
            listener(self)

    def pack(self, pack_id: str) -> LoadedPack | None:
        """The pack by id; an id not known yet makes the library look at the folder once more."""
        found = self.library.packs.get(pack_id)
        if found is None and self.refresh():
            found = self.library.packs.get(pack_id)
        return found

    def summaries(self) -> tuple[PackSummary, ...]:
        return tuple(
            PackSummary(pack_id, loaded.pack.title, loaded.timeline.total_seconds)
            for pack_id, loaded in sorted(self.library.packs.items())
        )

    def menu_entries(self) -> list[tuple[str, str]]:
        packs = sorted(self.library.packs.values(), key=lambda loaded: loaded.pack.title.lower())
        return [(p.pack.id, f"{p.pack.title} · {pack_minutes(p.timeline.total_seconds)} min") for p in packs]

    def problem_lines(self) -> list[str]:
        return [str(problem) for problem in self.library.problems]

    def close_matches(self, pack_id: str) -> list[str]:
        return self.library.close_matches(pack_id)

    def image_for(self, exercise: Exercise) -> Path | None:
        """The exercise's illustration as the loader resolved and checked it, if it has one."""
        return self.library.images.get(exercise.id)


def _load_library(user_dir: Path | None) -> Library:
    """The YAML reader and the pack models load here, after start-up, not when the app is built."""
    from deskbreak.core.routines.library import load_library

    return load_library(user_dir)
