"""Cue tones for the routine player, played by the platform's own tools.

Chosen deliberately over QSoundEffect: that lives in QtMultimedia, which is not in the
PySide6-Essentials wheel (the Addons wheel adds ~160 MB) and needs libpulse besides. A WAV handed
to pw-play / paplay / aplay (Linux), afplay (macOS) or winsound (Windows) costs nothing when
silent. If the tool fails (no audio device, no sound server), sounds stop for the session and
`description` says why, which `deskbreak doctor` prints. Which tone a moment gets is decided in
`core/coaching.py`; this module only plays `assets/sounds/<tone>.wav`.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QProcess

from deskbreak.core.resources import bundled_path
from deskbreak.core.tones import Tone

log = logging.getLogger(__name__)

_LINUX_PLAYERS: tuple[tuple[str, list[str]], ...] = (("pw-play", []), ("paplay", []), ("aplay", ["-q"]))


class SoundPlayer(Protocol):
    description: str

    @property
    def is_silent(self) -> bool:
        """Nothing will be heard: settings and `doctor` say so."""

    def play(self, tone: Tone) -> None: ...


class SilentPlayer:
    is_silent = True

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.description = f"silent: {reason}"

    def play(self, tone: Tone) -> None:
        """Nothing to play with."""


class CommandPlayer(QObject):
    """Starts the player tool once per cue; a failure silences the rest of the session."""

    def __init__(self, program: str, args: list[str], folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._program, self._args, self._folder = program, args, folder
        self.description = f"{Path(program).name} ({program})"
        self._failed = False

    @property
    def is_silent(self) -> bool:
        return self._failed

    def play(self, tone: Tone) -> None:
        if self._failed:
            return
        process = QProcess(self)
        process.finished.connect(lambda code, _status, p=process: self._done(p, code))
        process.errorOccurred.connect(lambda _error, p=process: self._done(p, -1))
        process.start(self._program, [*self._args, str(self._folder / f"{tone.value}.wav")])

    def _done(self, process: QProcess, code: int) -> None:
        if code != 0 and not self._failed:
            self._failed = True
            self.description += (
                f" failed with exit code {code}: no audio device or sound server? Sounds are off"
            )
            log.warning("sound: %s", self.description)
        process.deleteLater()


class WinsoundPlayer:
    description = "winsound (Windows)"
    is_silent = False

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def play(self, tone: Tone) -> None:
        import winsound

        flags = winsound.SND_FILENAME | winsound.SND_ASYNC  # type: ignore[attr-defined,unused-ignore]
        winsound.PlaySound(str(self._folder / f"{tone.value}.wav"), flags)  # type: ignore[attr-defined,unused-ignore]


def sound_note() -> str:
    """What the settings say beside the sound cues when this computer cannot play them."""
    player = pick_player()
    if isinstance(player, SilentPlayer):
        return f"No sound player was found here ({player.reason}), so no tone will be heard."
    return ""


def pick_player(parent: QObject | None = None, platform: str = sys.platform) -> SoundPlayer:
    """The first tool that exists on this system, or a silent player that says what is missing."""
    folder = bundled_path("assets") / "sounds"
    if platform == "win32":
        return WinsoundPlayer(folder)
    candidates: list[tuple[str, list[str]]] = (
        [("afplay", [])] if platform == "darwin" else list(_LINUX_PLAYERS)
    )
    for program, args in candidates:
        found = shutil.which(program)
        if found:
            return CommandPlayer(found, list(args), folder, parent)
    names = ", ".join(program for program, _ in candidates)
    return SilentPlayer(f"none of {names} is installed")
