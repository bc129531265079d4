"""The routine player window walks a real bundled pack with a fake clock, exactly and in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from deskbreak.core.clock import FakeClock
from deskbreak.core.coaching import Tone
from deskbreak.core.player import RoutineReport
from deskbreak.core.routines.library import Library, LoadedPack, load_library
from deskbreak.core.routines.plan import Segment
from deskbreak.core.routines.wording import heading, side_text
from deskbreak.ui.player import SAFETY_LINE, PlayerWindow

from .conftest import SCREENSHOTS


class RecordingSounds:
    description = "recording"

    is_silent = False

    def __init__(self) -> None:
        self.played: list[Tone] = []

    def play(self, tone: Tone) -> None:
        self.played.append(tone)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(None)


def window_for(
    qtbot: QtBot, loaded: LoadedPack, library: Library, clock: FakeClock, **kwargs: object
) -> PlayerWindow:
    window = PlayerWindow(
        loaded.pack,
        loaded.timeline,
        dict(library.catalogue.exercises),
        clock.elapsed,
        kwargs.pop("sounds", None),  # type: ignore[arg-type]
        show_cautions=bool(kwargs.pop("show_cautions", False)),
    )
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # keyboard shortcuts belong to the active window
        window.show()
        window.activateWindow()
    return window


def save_both_scales(widget: QWidget, name: str) -> None:
    """Screenshots at 1x and 2x device pixel ratio, for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()  # let the layout take in the texts just set
    assert widget.grab().save(str(SCREENSHOTS / f"{name}@1x.png"))
    double = QPixmap(widget.size() * 2)
    double.setDevicePixelRatio(2)
    double.fill(Qt.GlobalColor.transparent)
    widget.render(double)
    assert double.save(str(SCREENSHOTS / f"{name}@2x.png"))


def test_a_whole_pack_plays_every_segment_in_order_with_its_seconds(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    loaded = library.packs["strength-session"]  # sets, rests between sets, sides and switches
    sounds = RecordingSounds()
    window = window_for(qtbot, loaded, library, clock, sounds=sounds)
    seen: list[tuple[str, str, int]] = []  # (heading, side, seconds shown when it first appears)
    last_index = -1
    while window.pages.currentWidget() is window.step_page:
        view = window.player.view(clock.elapsed())
        if view.index != last_index:
            seen.append((window.exercise_name.text(), window.side.text(), _seconds(window.countdown.text())))
            last_index = view.index
        clock.advance(seconds=0.5)
        window.refresh()
    expected = [(heading(s), side_text(s), s.seconds) for s in loaded.timeline.segments]
    assert seen == expected
    assert window.done_text.text().startswith("Well done.")
    starts = [tone for tone in sounds.played if tone in (Tone.START, Tone.SWITCH)]
    assert len(starts) == len(loaded.timeline.segments) - 1
    assert sounds.played[-1] == Tone.FINISHED


def test_a_rest_says_what_comes_next(qtbot: QtBot, library: Library, clock: FakeClock) -> None:
    loaded = library.packs["strength-session"]
    window = window_for(qtbot, loaded, library, clock)
    index, _rest = next(
        (i, s) for i, s in enumerate(loaded.timeline.segments) if s.kind == "rest" and s.exercise_id
    )
    clock.advance(seconds=sum(s.seconds for s in loaded.timeline.segments[:index]) + 1)
    window.refresh()
    assert window.exercise_name.text() == "Rest"
    assert window.next_label.text().startswith("Next: ")
    save_both_scales(window, "player-rest")


def test_reps_count_up_with_the_tempo(qtbot: QtBot, library: Library, clock: FakeClock) -> None:
    loaded = library.packs["glute-activation"]
    index, reps = _first(loaded, lambda s: s.dose_kind == "reps")
    window = window_for(qtbot, loaded, library, clock)
    clock.advance(seconds=sum(s.seconds for s in loaded.timeline.segments[:index]))
    window.refresh()
    assert window.rep_counter.text() == f"Rep 1 of {reps.reps}"
    assert reps.seconds_per_rep is not None
    clock.advance(seconds=reps.seconds_per_rep * 2 + 0.1)
    window.refresh()
    assert window.rep_counter.text() == f"Rep 3 of {reps.reps}"
    save_both_scales(window, "player-reps")


def test_holds_switches_and_sides(qtbot: QtBot, library: Library, clock: FakeClock) -> None:
    loaded = library.packs["evening-mobility"]
    index, _switch = _first(loaded, lambda s: s.kind == "switch")
    window = window_for(qtbot, loaded, library, clock)
    clock.advance(seconds=sum(s.seconds for s in loaded.timeline.segments[: index - 1]) + 5)
    window.refresh()
    assert window.side.text() == "LEFT SIDE"
    assert SAFETY_LINE in window.safety.text()
    save_both_scales(window, "player-hold")
    clock.advance(seconds=loaded.timeline.segments[index - 1].seconds - 5 + 1)
    window.refresh()
    assert window.exercise_name.text() == "Switch sides"
    save_both_scales(window, "player-switch")
    clock.advance(seconds=loaded.timeline.segments[index].seconds)
    window.refresh()
    assert window.side.text() == "RIGHT SIDE"


def test_keys_pause_skip_go_back_restart_and_end(qtbot: QtBot, library: Library, clock: FakeClock) -> None:
    loaded = library.packs["evening-mobility"]
    window = window_for(qtbot, loaded, library, clock)
    ended: list[RoutineReport] = []
    window.ended.connect(ended.append)
    first = loaded.timeline.segments[0]
    clock.advance(seconds=10)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.player.is_paused
    assert not window.timer.isActive()  # nothing ticks while paused
    clock.advance(seconds=300)
    window.refresh()
    assert _seconds(window.countdown.text()) == first.seconds - 10
    assert "(paused)" in window.windowTitle()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.timer.isActive()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.player.view(clock.elapsed()).index == 1
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.player.view(clock.elapsed()).index == 0
    clock.advance(seconds=4)
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert _seconds(window.countdown.text()) == first.seconds
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert not window.timer.isActive()
    (report,) = ended
    assert report.pack_id == "evening-mobility"
    assert report.completed is False


def test_the_cautions_come_first_on_a_packs_first_start(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    loaded = library.packs["strength-session"]
    window = window_for(qtbot, loaded, library, clock, show_cautions=True)
    assert window.pages.currentWidget() is window.cautions_page
    assert not window.timer.isActive()
    page_text = " ".join(label.text() for label in window.cautions_page.findChildren(type(window.where)))
    for caution in (*loaded.pack.cautions.skip_if, *loaded.pack.cautions.see_a_professional_if):
        assert caution.replace("&", "&amp;") in page_text or caution in page_text
    save_both_scales(window, "player-cautions")
    with qtbot.waitSignal(window.cautions_read) as read:
        window.start_button.click()
    assert read.args == ["strength-session"]
    assert window.timer.isActive()


def test_the_window_names_the_pack_and_stays_on_top(qtbot: QtBot, library: Library, clock: FakeClock) -> None:
    window = window_for(qtbot, library.packs["evening-mobility"], library, clock)
    assert window.windowTitle() == f"{library.packs['evening-mobility'].pack.title} — deskbreak"
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    names = [b.accessibleName() for b in (window.previous_button, window.pause_button, window.next_button)]
    assert all(names)


def _first(loaded: LoadedPack, wanted: object) -> tuple[int, Segment]:
    return next((i, s) for i, s in enumerate(loaded.timeline.segments) if wanted(s))  # type: ignore[operator]


def _seconds(clock_text: str) -> int:
    minutes, seconds = clock_text.split(":")
    return int(minutes) * 60 + int(seconds)


def test_screenshots_exist_for_each_kind_of_step() -> None:
    """Runs last in this module: the pictures above are meant to be looked at."""
    names = {path.name for path in Path(SCREENSHOTS).glob("player-*.png")}
    for kind in ("hold", "reps", "switch", "rest", "cautions"):
        assert {f"player-{kind}@1x.png", f"player-{kind}@2x.png"} <= names
