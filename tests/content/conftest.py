"""The bundled library, loaded once for the content tests (it does not change while they run)."""

from __future__ import annotations

import pytest

from deskbreak.core.resources import bundled_path
from deskbreak.core.routines.library import Library, load_library

# The articles in the project's seed reading, by the titles the bundled files cite them with.
UNDO_THE_DESK = "Why Your Lower Back Hurts After Sitting All Day (And How to Fix It)"
BUILTLEAN = "5 Best Lower Back Stretches After Sitting All Day"
WAKEOUT = "Back Pain"
HINGE_HEALTH = "Got a Tight Lower Back? Here's How to Feel Better, According to Physical Therapists"
STOP_STRETCHING = "Why Your Lower Back Is Stiff, Stop Trying To Stretch It More"
ARTICLES = frozenset({UNDO_THE_DESK, BUILTLEAN, WAKEOUT, HINGE_HEALTH, STOP_STRETCHING})


@pytest.fixture(scope="session")
def bundled() -> Library:
    library = load_library(bundled_path("routines") / "no-user-folder", bundled_dir=bundled_path("routines"))
    assert [str(problem) for problem in library.problems] == []
    return library
