"""An optional voice for the routine player, through the platform's own speech service.

speech-dispatcher's `spd-say` on Linux, `say` on macOS and the Windows speech API (System.Speech
through PowerShell) are started as child processes, so deskbreak needs no speech library. What to
say is decided in `core/coaching.py`. Where no service exists the voice is silent and says why in
`description` (which `deskbreak doctor` prints); a service that fails once is not tried again in
that session. A newer line stops a line still being spoken, so a count never lags behind the clock.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment

log = logging.getLogger(__name__)

# The text goes through the environment, never through the command line that PowerShell parses.
TEXT_VARIABLE = "DESKBREAK_SAY"
WINDOWS_SCRIPT = (
    "Add-Type -AssemblyName System.Speech; "
    "(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak($env:DESKBREAK_SAY)"
)


class Voice(Protocol):
    description: str

    @property
    def is_silent(self) -> bool:
        """Nothing will be said: no speech service, or it failed."""

    def say(self, text: str) -> None: ...


class SilentVoice:
    is_silent = True

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.description = f"silent: {reason}"

    def say(self, text: str) -> None:
        """No speech service to speak with."""


class CommandVoice(QObject):
    """Speaks each line with one run of the speech tool; a failure silences the rest of the session."""

    def __init__(
        self,
        program: str,
        args: list[str],
        *,
        through_environment: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._program, self._args = program, args
        self._through_environment = through_environment
        self.description = f"{Path(program).name} ({program})"
        self._failed = False
        self._speaking: QProcess | None = None

    @property
    def is_silent(self) -> bool:
        return self._failed

    def say(self, text: str) -> None:
        if self._failed or not text.strip():
            return
        if self._speaking is not None and self._speaking.state() != QProcess.ProcessState.NotRunning:
            self._speaking.kill()  # the newer line matters more than the end of the older one
        process = QProcess(self)
        process.finished.connect(lambda code, status, p=process: self._done(p, code, status))
        process.errorOccurred.connect(lambda error, p=process: self._failed_to_start(p, error))
        if self._through_environment:
            environment = QProcessEnvironment.systemEnvironment()
            environment.insert(TEXT_VARIABLE, text)
            process.setProcessEnvironment(environment)
            process.start(self._program, list(self._args))
        else:
            process.start(self._program, [*self._args, text])
        self._speaking = process

    def _done(self, process: QProcess, code: int, status: QProcess.ExitStatus) -> None:
        if status == QProcess.ExitStatus.NormalExit and code != 0 and not self._failed:
            self._fail(f"failed with exit code {code}: is the speech service running?")
        process.deleteLater()

    def _failed_to_start(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._fail("could not be started")
            process.deleteLater()

    def _fail(self, why: str) -> None:
        self._failed = True
        self.description += f" {why}; the voice is off for this session"
        log.warning("voice: %s", self.description)


def voice_note() -> str:
    """What the settings say beside the voice when this computer has no speech service."""
    voice = pick_voice()
    if isinstance(voice, SilentVoice):
        return f"No speech service was found here: {voice.reason}. The voice would stay silent."
    return ""


def pick_voice(parent: QObject | None = None) -> Voice:
    """The speech tool of this platform if it is installed, or a silent voice that says what is missing."""
    args: list[str] = []
    if sys.platform == "win32":
        program = shutil.which("powershell") or shutil.which("pwsh")
        args = ["-NoProfile", "-NonInteractive", "-Command", WINDOWS_SCRIPT]
        missing = "Windows PowerShell, which reaches the Windows speech API, was not found"
    elif sys.platform == "darwin":
        program, missing = shutil.which("say"), "macOS's `say` was not found"
    else:
        program = shutil.which("spd-say")
        missing = "spd-say is not installed (it comes with speech-dispatcher)"
    if program is None:
        return SilentVoice(missing)
    return CommandVoice(program, args, through_environment=sys.platform == "win32", parent=parent)
