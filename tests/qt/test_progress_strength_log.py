"""The strength log: last time's numbers and the suggestion beside each exercise; Save emits the sets."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.core.history.events import HistoryEntry, StrengthSet
from deskbreak.core.history.strength import PlannedExercise, loggable_exercises
from deskbreak.core.resources import bundled_path
from deskbreak.core.routines.library import Library, load_library
from deskbreak.ui.strength_log import StrengthLogWindow
from tests.core.history.days import BERLIN
from tests.core.history.test_strength import logged

from .conftest import save_shot

PACK = "strength-session"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(bundled_path("routines") / "none", bundled_dir=bundled_path("routines"))


def planned(library: Library, entries: Sequence[HistoryEntry]) -> tuple[PlannedExercise, ...]:
    return loggable_exercises(library.packs[PACK].pack, library.catalogue, entries, BERLIN)


def opened(qtbot: QtBot, exercises: tuple[PlannedExercise, ...]) -> StrengthLogWindow:
    window = StrengthLogWindow(PACK, "Twice-weekly strength", exercises)
    qtbot.addWidget(window)
    window.show()
    return window


LAST_WEEK = [
    *logged(0, (8, 10.0, "easy"), (8, 10.0, "about_right"), (8, 10.0, "easy")),
    *logged(0, (8, 12.0, "about_right"), (8, 12.0, "hard"), (7, 12.0, "hard"), exercise="goblet-squat"),
]


def test_last_times_numbers_are_shown_for_each_exercise(qtbot: QtBot, library: Library) -> None:
    window = opened(qtbot, planned(library, LAST_WEEK))
    assert (
        window.last_labels["romanian-deadlift"].text()
        == "Last time (Monday 23 November): 8, 8, 8 reps at 10 kg"
    )
    assert (
        window.last_labels["goblet-squat"].text() == "Last time (Monday 23 November): 8, 8, 7 reps at 12 kg"
    )


def test_the_suggestion_follows_last_time(qtbot: QtBot, library: Library) -> None:
    window = opened(qtbot, planned(library, LAST_WEEK))
    assert "try slightly heavier dumbbells" in window.suggestion_labels["romanian-deadlift"].text()
    assert (
        window.suggestion_labels["goblet-squat"]
        .text()
        .startswith("A set felt hard last time: stay at this weight")
    )


def test_a_first_session_has_no_numbers_and_no_suggestion(qtbot: QtBot, library: Library) -> None:
    window = opened(qtbot, planned(library, []))
    assert window.last_labels["romanian-deadlift"].text() == "First time logged: no numbers from before."
    assert window.suggestion_labels == {}


def test_the_inputs_start_at_the_planned_reps_and_last_times_load(qtbot: QtBot, library: Library) -> None:
    window = opened(qtbot, planned(library, LAST_WEEK))
    row = window.rows["goblet-squat"][2]
    assert (row.reps.value(), row.load.value(), row.effort) == (8, 12.0, None)


def test_save_emits_each_set_with_its_reps_load_and_how_it_felt(qtbot: QtBot, library: Library) -> None:
    window = opened(qtbot, planned(library, []))
    deadlift = window.rows["romanian-deadlift"]
    deadlift[0].load.setValue(8.0)
    deadlift[0].effort_buttons["easy"].click()
    deadlift[1].reps.setValue(6)
    deadlift[1].effort_buttons["hard"].click()
    deadlift[2].reps.setValue(0)  # not done
    for row in window.rows["goblet-squat"]:
        row.reps.setValue(0)
    with qtbot.waitSignal(window.logged) as saved:
        window.save_button.click()
    assert saved.args == [
        (
            StrengthSet(PACK, "romanian-deadlift", 1, 8, 8.0, "easy"),
            StrengthSet(PACK, "romanian-deadlift", 2, 6, None, "hard"),
        )
    ]
    assert not window.isVisible()


def test_not_now_logs_nothing(qtbot: QtBot, library: Library) -> None:
    window = opened(qtbot, planned(library, LAST_WEEK))
    sets: list[object] = []
    window.logged.connect(sets.append)
    with qtbot.waitSignal(window.dismissed):
        window.not_now.click()
    assert sets == []


def test_screenshot(qtbot: QtBot, library: Library) -> None:
    assert save_shot(opened(qtbot, planned(library, LAST_WEEK)), "strength-log").exists()
