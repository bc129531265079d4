"""The app opens the player with what the settings ask for: the lead-in, the voice, the figures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from deskbreak.app.controller import DeskbreakApp
from deskbreak.app.routines import LoadedRoutines
from deskbreak.app.session import PREPARE_AFTER_PROMPT_MS
from deskbreak.core.clock import FakeClock
from deskbreak.core.events import BreakNow
from deskbreak.core.paths import default_paths
from deskbreak.core.routines.library import Library, load_library
from deskbreak.core.settings import Settings
from deskbreak.desktop.voice import SilentVoice
from deskbreak.timing.driver import EngineDriver

from .conftest import ALWAYS, TZ, save_shot


@pytest.fixture
def settings() -> Settings:
    return Settings.model_validate(
        {"working_hours": ALWAYS, "routines": {"lead_in_seconds": 8}, "sound": {"voice": True}}
    )


@pytest.fixture
def app(qapp: QApplication, driver: EngineDriver, clock: FakeClock, tmp_path: Path) -> Iterator[DeskbreakApp]:
    paths = default_paths()
    app = DeskbreakApp(qapp, driver, clock, TZ, paths, LoadedRoutines(paths.user_routines_dir, load_library))
    app.start()
    yield app
    app.driver.stop()
    app.session.close()
    app.prompting.close()
    app.presence.close()


def test_the_player_gets_the_lead_in_voice_and_figures_from_the_settings(
    app: DeskbreakApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")  # no speech tool here: the voice is silent, and says why
    assert app.session.request("evening-mobility")
    player = app.session.player
    assert player is not None
    assert player.options.lead_in_seconds == 8
    assert isinstance(player.options.voice, SilentVoice)
    assert player.options.figures is app.routines.figures
    assert player.options.cache_dir == default_paths().cache_dir
    assert "couch-stretch" in app.routines.figures.figures


def test_a_users_figure_is_read_with_their_packs(app: DeskbreakApp) -> None:
    library: Library = app.routines.library
    user_dir = default_paths().user_routines_dir
    (user_dir / "figures").mkdir(parents=True)
    (user_dir / "figures" / "mine.yaml").write_text(
        "schema: 1\nfigures:\n  - {exercise: no-such-move, say: Hop, frames: [{base: standing}]}\n",
        encoding="utf-8",
    )
    assert library.packs
    (problem,) = app.routines.figures.problems
    assert problem.message == "figures[0].exercise: no exercise 'no-such-move' is loaded"


def test_settings_say_when_this_computer_can_play_no_tone_and_speak_no_word(
    app: DeskbreakApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    dialog = app.settings_flow.open_settings("Notifications and sound")
    cues = " ".join(label.text() for label in dialog.rows["sound.routine_cues"].findChildren(QLabel))
    voice = " ".join(label.text() for label in dialog.rows["sound.voice"].findChildren(QLabel))
    assert "⚠ No sound player was found here (none of pw-play, paplay, aplay is installed)" in cues
    assert "⚠ No speech service was found here: spd-say is not installed" in voice
    save_shot(dialog, "settings-sound-unavailable")
    dialog.close()


@pytest.fixture
def figure_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts how often the figure book is read (the slow part of a first player, with its code)."""
    from deskbreak.core.figures import book

    reads: list[int] = []
    real = book.load_figures

    def counted(*args: object, **kwargs: object) -> book.FigureBook:
        reads.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(book, "load_figures", counted)
    return reads


def test_the_idle_tray_does_not_read_the_figures(
    app: DeskbreakApp, qtbot: QtBot, figure_reads: list[int]
) -> None:
    qtbot.wait(PREPARE_AFTER_PROMPT_MS + 100)
    assert not app.session.prepared
    assert figure_reads == []


def test_a_prompt_on_screen_reads_the_figures_before_the_player_is_asked_for(
    app: DeskbreakApp, qtbot: QtBot, figure_reads: list[int]
) -> None:
    app.driver.send(BreakNow())
    assert app.prompting.is_visible
    assert figure_reads == []  # not while the prompt is being shown: it paints first
    qtbot.waitUntil(lambda: app.session.prepared, timeout=PREPARE_AFTER_PROMPT_MS + 2000)
    assert figure_reads == [1]
    assert app.session.request("evening-mobility")
    assert app.session.player is not None
    assert figure_reads == [1]  # the player uses what was read


def test_opening_the_routines_menu_reads_the_figures(app: DeskbreakApp, figure_reads: list[int]) -> None:
    app.presence.menu.routines_menu.aboutToShow.emit()
    assert app.session.prepared
    assert figure_reads == [1]
    app.presence.menu.routines_menu.aboutToShow.emit()
    assert figure_reads == [1]
