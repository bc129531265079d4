"""Whether the user is busy (a fullscreen window, do-not-disturb), gathered from small sources.

Prompts wait while a reason holds; the engine turns a prompt held long enough into one quiet
notification. Sources that can announce changes (X11 property events, D-Bus signals) cost
nothing while nothing changes. Only sources that cannot (Windows) are read on a one-minute timer,
which runs only when such a source is in use.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Literal, Protocol

from PySide6.QtCore import QObject, Qt, QTimer

from deskbreak.core.events import BusyChanged, Event
from deskbreak.core.settings import AwarenessSettings

log = logging.getLogger(__name__)

BusyReason = Literal["fullscreen", "dnd"]
REASONS: tuple[BusyReason, ...] = ("fullscreen", "dnd")
POLL_SECONDS = 60


class BusySourceError(Exception):
    """This source cannot work here; the text says why, for `deskbreak doctor`."""


class BusySource(Protocol):
    reason: BusyReason
    description: str
    needs_polling: bool  # True: `is_busy` asks the OS each time and nothing announces changes

    def is_busy(self) -> bool: ...

    def start(self, changed: Callable[[], None]) -> None:
        """Begin listening; call `changed` whenever `is_busy` may give a new answer."""

    def close(self) -> None: ...


class BusyWatcher(QObject):
    """Sends `BusyChanged(reason, is_busy)` when a reason starts or stops holding prompts.

    A reason whose hold setting is off is reported as not busy, so switching the setting off
    releases a held prompt at once.
    """

    def __init__(
        self,
        sources: Sequence[BusySource],
        send: Callable[[Event], object],
        settings: Callable[[], AwarenessSettings],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sources = list(sources)
        self._send = send
        self._settings = settings
        self._sent: dict[BusyReason, bool] = dict.fromkeys(REASONS, False)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_SECONDS * 1000)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._timer.timeout.connect(self.refresh)

    @property
    def poll_seconds(self) -> float | None:
        return self._timer.interval() / 1000 if self._timer.isActive() else None

    def start(self) -> None:
        for source in self.sources:
            source.start(self.refresh)
        if any(source.needs_polling for source in self.sources):
            self._timer.start()
        self.refresh()

    def stop(self) -> None:
        self._timer.stop()
        for source in self.sources:
            source.close()

    def refresh(self) -> None:
        """Ask every source (cheap: most keep their last answer) and report what changed."""
        settings = self._settings()
        holds = {"fullscreen": settings.hold_during_fullscreen, "dnd": settings.hold_during_do_not_disturb}
        for reason in REASONS:
            busy = holds[reason] and any(s.is_busy() for s in self.sources if s.reason == reason)
            if busy != self._sent[reason]:
                self._sent[reason] = busy
                log.info("busy: %s %s", reason, "on" if busy else "off")
                self._send(BusyChanged(reason, busy))
