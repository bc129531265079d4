"""A routine being played: the player window, its sounds and voice, and what the app remembers about it.

The engine decides that a routine starts (`OpenRoutine`); this room opens the player on it and
reports its end back as `RoutineEnded`. Starting a different pack while one is playing is never
silent: the user is asked first, and the running routine goes on unless they agree.

The player's code and the figure book are most of a first opening (about 130 of 150 ms in
benchmarks/response.py), and the idle tray should not carry them. So they are read when a routine
is likely next: shortly after a prompt appears, or when the routines menu opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from deskbreak.app.routines import LoadedRoutines
from deskbreak.app.window_memory import WindowMemory
from deskbreak.core.clock import Clock
from deskbreak.core.effects import ShowPrompt
from deskbreak.core.events import RoutineEnded, StartRoutine
from deskbreak.desktop.sound import SoundPlayer, pick_player
from deskbreak.timing.driver import EngineDriver

if TYPE_CHECKING:
    from deskbreak.core.player import RoutineReport
    from deskbreak.core.routines.model import Pack
    from deskbreak.desktop.voice import Voice
    from deskbreak.ui.player import PlayerWindow

log = logging.getLogger(__name__)

PREPARE_AFTER_PROMPT_MS = 300  # the prompt paints first; nobody reads it and clicks that fast


class RoutineSession(QObject):
    """Opens the player when the engine starts a routine, and tells the engine when it ends."""

    def __init__(
        self,
        driver: EngineDriver,
        routines: LoadedRoutines,
        clock: Clock,
        memory: WindowMemory,
        parent: QObject | None = None,
        cache_dir: Path | None = None,
        last_time: Callable[[Pack], Mapping[str, str]] = lambda _pack: {},
    ) -> None:
        super().__init__(parent)
        self._driver = driver
        self._routines = routines
        self._clock = clock
        self._memory = memory
        self._cache_dir = cache_dir  # rendered figures; None: the user's cache folder
        self._last_time = last_time  # a strength pack's numbers from last time, by exercise
        self.player: PlayerWindow | None = None
        self.question: QMessageBox | None = None  # "stop this routine and start that one?"
        self._sound_player: SoundPlayer | None = None
        self._voice: Voice | None = None
        self.prepared = False
        driver.routine_requested.connect(self.open)
        driver.prompt_shown.connect(self._prompt_shown)

    def prepare(self) -> None:
        """Read the player's code and the figure book now, so the first player opens at once."""
        if self.prepared:
            return
        self.prepared = True
        import deskbreak.ui.player  # noqa: F401 (reading the module is the preparation)

        _ = self._routines.figures

    def _prompt_shown(self, _show: ShowPrompt) -> None:
        if not self.prepared:
            QTimer.singleShot(PREPARE_AFTER_PROMPT_MS, self.prepare)

    def request(self, pack_id: str) -> bool:
        """The user asked for `pack_id` (menu or `deskbreak play`); True if it starts at once.

        With another pack playing, the user is asked on screen and the answer decides.
        """
        playing = self.player
        if playing is None or playing.pack.id == pack_id:
            self._driver.send(StartRoutine(pack_id))
            return True
        self._ask_to_replace(playing.pack.title, pack_id)
        return False

    def _ask_to_replace(self, playing_title: str, pack_id: str) -> None:
        loaded = self._routines.pack(pack_id)
        title = loaded.pack.title if loaded is not None else pack_id
        if self.question is not None:
            self.question.close()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Start another routine?",
            f"“{playing_title}” is still playing. Stop it and start “{title}”?",
        )
        start = box.addButton(f"Start {title}", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(f"Keep {playing_title}", QMessageBox.ButtonRole.RejectRole)
        box.setModal(False)

        def answered() -> None:
            if box.clickedButton() is start:
                self._driver.send(StartRoutine(pack_id))
            if self.question is box:
                self.question = None

        box.finished.connect(lambda _result: answered())
        self.question = box
        box.show()
        box.raise_()

    def open(self, pack_id: str) -> None:
        """Open the player on `pack_id` (the engine asked); an unknown pack ends the routine at once."""
        loaded = self._routines.pack(pack_id)
        if loaded is None:
            log.warning("cannot open routine %r: no such pack is loaded", pack_id)
            self._driver.send(
                RoutineEnded(pack_id, completed=False, steps_done=0, steps_total=0, seconds_moved=0)
            )
            return
        if self.player is not None:
            if self.player.pack.id == pack_id:
                self.player.open_centred()
                return
            self.player.close()
        from deskbreak.ui.player import PlayerOptions, PlayerWindow

        settings = self._driver.settings
        options = PlayerOptions(
            lead_in_seconds=settings.routines.lead_in_seconds,
            voice=self._speech() if settings.sound.voice else None,
            figures=self._routines.figures,
            cache_dir=self._cache_dir,
            last_time=self._last_time(loaded.pack),
        )
        self.player = PlayerWindow(
            loaded.pack,
            loaded.timeline,
            dict(self._routines.library.catalogue.exercises),
            self._clock.elapsed,
            self._sounds() if settings.sound.routine_cues else None,
            show_cautions=not self._memory.cautions_read(pack_id),
            image_for=self._routines.image_for,
            size=self._memory.player_size(),
            options=options,
        )
        self.player.ended.connect(self._ended)
        self.player.cautions_read.connect(self._memory.remember_cautions_read)
        self.player.open_centred()

    def close(self) -> None:
        if self.question is not None:
            self.question.close()
        if self.player is not None:
            self.player.close()

    def _ended(self, report: RoutineReport) -> None:
        if self.player is not None and self.player.pack.id == report.pack_id:
            self._memory.remember_player_size(self.player.size())
            self.player.deleteLater()
            self.player = None
        self._driver.send(
            RoutineEnded(
                report.pack_id, report.completed, report.steps_done, report.steps_total, report.seconds_moved
            )
        )

    def _sounds(self) -> SoundPlayer:
        if self._sound_player is None:
            self._sound_player = pick_player(self)
            log.info("sound: %s", self._sound_player.description)
        return self._sound_player

    def _speech(self) -> Voice:
        """The platform's speech service, found when the voice is first wanted."""
        if self._voice is None:
            from deskbreak.desktop.voice import pick_voice

            self._voice = pick_voice(self)
            log.info("voice: %s", self._voice.description)
        return self._voice
