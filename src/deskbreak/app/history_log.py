"""The history as the running app keeps it: every record appended as it happens, and the Progress window.

The store is opened after the tray is up. Whatever goes wrong with it (a damaged file kept aside, a
file from a newer deskbreak, a full disk) is said once, and the app keeps running with or without
history; nothing leaves the machine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from deskbreak.core.clock import Clock
from deskbreak.core.effects import Record
from deskbreak.core.history.events import AppStarted, AppStopped, HistoryEntry, HistoryEvent
from deskbreak.core.kinds import Posture
from deskbreak.timing.driver import EngineDriver

if TYPE_CHECKING:
    from deskbreak.core.history.store import HistoryNotice, HistoryStore
    from deskbreak.ui.progress import ProgressWindow

log = logging.getLogger(__name__)


class HistoryLog(QObject):
    """Appends the engine's records and the user's check-ins and sets; opens the Progress window."""

    def __init__(
        self,
        driver: EngineDriver,
        path: Path,
        clock: Clock,
        tz: tzinfo,
        tell: Callable[[str, str], None],
        pack_titles: Callable[[], dict[str, str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._driver = driver
        self._path = path
        self._clock = clock
        self._tz = tz
        self._tell = tell
        self._pack_titles = pack_titles
        self.store: HistoryStore | None = None
        self.unavailable: str | None = None
        self.progress: ProgressWindow | None = None
        self._told: set[str] = set()
        self._pending: list[tuple[datetime, HistoryEvent]] = []  # recorded before the store opened
        driver.recorded.connect(self._on_record)

    def open(self, posture: Posture) -> None:
        """Open the store (once the tray is up) and mark the start, so time before it is not sitting."""
        from deskbreak.core.history.store import notice_message, open_history

        opening = open_history(self._path, self._clock.now())
        self.store = opening.store
        if opening.notice is not None:
            self._say(opening.notice)
        if self.store is None:
            reason = "deskbreak is running without history."
            self.unavailable = reason if opening.notice is None else notice_message(opening.notice)
            self._pending = []
            return
        self.append(AppStarted(posture), self._clock.now())
        pending, self._pending = self._pending, []
        for at, event in pending:
            self.append(event, at)

    def close(self) -> None:
        if self.store is None:
            return
        self.append(AppStopped(), self._clock.now())
        self.store.close()
        self.store = None

    def append(self, event: HistoryEvent, at: datetime | None = None) -> None:
        when = at or self._clock.now()
        if self.store is None:
            if self.unavailable is None:
                self._pending.append((when, event))
            return
        notice = self.store.append(when, event)
        if notice is not None:
            self._say(notice)

    def append_all(self, events: Sequence[HistoryEvent]) -> None:
        for event in events:
            self.append(event)

    def entries(self, kinds: Sequence[type[HistoryEvent]]) -> list[HistoryEntry]:
        return [] if self.store is None else self.store.entries(kinds=kinds)

    def latest(self, kinds: Sequence[type[HistoryEvent]]) -> HistoryEntry | None:
        return None if self.store is None else self.store.latest(kinds, before=self._clock.now())

    def open_progress(self) -> ProgressWindow:
        from deskbreak.ui.progress import ProgressWindow, connect_progress

        window = self.progress
        if window is None:
            window = ProgressWindow()
            connect_progress(
                window,
                self.store,
                self._tz,
                self._clock,
                pack_titles=self._pack_titles(),
                unavailable=self.unavailable,
            )
            self.progress = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _on_record(self, record: Record) -> None:
        self.append(record.event, record.at)

    def _say(self, notice: HistoryNotice) -> None:
        from deskbreak.core.history.store import notice_message

        message = notice_message(notice)
        log.warning("history: %s", message)
        kind = type(notice).__name__
        if kind not in self._told:  # once per kind of trouble, not once per event
            self._told.add(kind)
            self._tell("deskbreak history", message)
