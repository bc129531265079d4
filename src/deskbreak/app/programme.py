"""The day's programme as the user meets it: the tray's "Today" section, the check-in, the checklists
and the strength log after a strength session.

The engine decides when sessions are due and keeps today's ticks; this room shows them, turns the
user's answers into engine events or history events, and opens the small windows on request. It
adds no timer: the menu is rebuilt when the status changes and when it opens.

The daily check-in (when the user turned it on) is offered, not imposed: a notification with
"Answer…" and "Not today" where the desktop shows buttons, at a calm moment (never over a prompt
or a routine). Only a desktop without such notifications gets the window itself.
"""

from __future__ import annotations

import logging
from datetime import time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from deskbreak.app.history_log import HistoryLog
from deskbreak.app.routines import LoadedRoutines
from deskbreak.core.clock import Clock
from deskbreak.core.effects import Record, Status
from deskbreak.core.history.events import CheckIn, ChecklistTicked, HistoryEntry, RoutineEnded
from deskbreak.core.history.words import CHECK_IN_QUESTION
from deskbreak.core.programme.words import session_line
from deskbreak.desktop.notify import FdoNotifier, Notification, Notifier
from deskbreak.timing.driver import EngineDriver
from deskbreak.ui.menu import AppMenu, Habit

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from deskbreak.core.routines.model import Pack

log = logging.getLogger(__name__)

RECOVERY = "recovery"
CHAIR_SETUP = "chair-setup"
CHAIR_SETUP_OFFERED = "chair-setup-offered"
CHECK_IN_FROM = time(10, 0)  # the daily check-in is asked for from this local time on
CALM_PHASES = ("sitting", "standing")  # the check-in waits while a prompt, routine or absence is on
CHECK_IN_OFFER = Notification(
    CHECK_IN_QUESTION,
    "One click, 0 to 10, for your Progress window.",
    [("answer", "Answer…"), ("later", "Not today")],
)


def last_ticks(entries: list[HistoryEntry], checklist_id: str) -> set[str]:
    """The items of a checklist whose last answer in the history was "ticked"."""
    state: dict[str, bool] = {}
    for entry in entries:
        event = entry.event
        if isinstance(event, ChecklistTicked) and event.checklist_id == checklist_id:
            state[event.item_id] = event.ticked
    return {item for item, ticked in state.items() if ticked}


class ProgrammeToday(QObject):
    """Today's sessions and habits in the menu; the check-in, set-up checklist and strength log windows."""

    def __init__(
        self,
        driver: EngineDriver,
        routines: LoadedRoutines,
        history: HistoryLog,
        menu: AppMenu,
        clock: Clock,
        tz: tzinfo,
        state_dir: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._driver = driver
        self._routines = routines
        self._history = history
        self._menu = menu
        self._clock = clock
        self._tz = tz
        self._state_dir = state_dir
        self.windows: dict[str, QWidget] = {}  # the open check-in, checklist or log, by what it is
        self._asked_on: object = None  # the day the daily check-in was offered
        self._check_in_notifier: Notifier | None = None  # found when first needed, then kept
        driver.status_changed.connect(self._maybe_ask_check_in)
        driver.recorded.connect(self._on_record)
        menu.menu.aboutToShow.connect(lambda: self.refresh(driver.status))
        menu.check_in_requested.connect(self.open_check_in)
        menu.chair_setup_requested.connect(self.open_chair_setup)

    def refresh(self, status: Status) -> None:
        """Rebuild the "Today" section from the engine's status (as the menu opens, so it is current)."""
        library = self._routines.library
        titles = {pack_id: loaded.pack.title for pack_id, loaded in library.packs.items()}
        lines = [session_line(session, titles, self._tz) for session in status.today]
        habits: list[Habit] = []
        recovery = library.checklists.get(RECOVERY)
        if recovery is not None and self._driver.settings.programme.enabled:
            habits = [
                Habit(RECOVERY, item.id, item.label) for item in recovery.items if item.cadence == "daily"
            ]
        self._menu.set_today(lines, habits, status.ticked)

    # --- the check-in -----------------------------------------------------------------------------

    def open_check_in(self) -> QWidget:
        from deskbreak.ui.checkin import CheckInWindow

        today = self._clock.now().astimezone(self._tz).date()
        last = self._history.latest([CheckIn])
        previous = (
            (last.event.day, last.event.stiffness) if last and isinstance(last.event, CheckIn) else None
        )
        window = CheckInWindow(today, previous)
        window.answered.connect(self._history.append)
        return self._show("check-in", window)

    def _maybe_ask_check_in(self, status: Status) -> None:
        """Once a day, from mid-morning, at the first calm change of status, if the user asked for
        it and has not answered yet."""
        if not self._driver.settings.programme.daily_check_in or status.phase not in CALM_PHASES:
            return
        local = self._clock.now().astimezone(self._tz)
        if local.time() < CHECK_IN_FROM or self._asked_on == local.date():
            return
        self._asked_on = local.date()
        last = self._history.latest([CheckIn])
        if last is not None and isinstance(last.event, CheckIn) and last.event.day == local.date():
            return
        if self._check_in_notifier is not None:
            self._offer_check_in(self._check_in_notifier)
        else:
            FdoNotifier.find(self, self._offer_check_in)  # its own connection: see FdoNotifier

    def _offer_check_in(self, notifier: Notifier | None) -> None:
        if notifier is None or not notifier.has_actions:
            self.open_check_in()  # no notification with buttons here: the window asks itself
            return
        if notifier is not self._check_in_notifier:
            self._check_in_notifier = notifier
            notifier.action_invoked.connect(self._check_in_chosen)
        notifier.show(CHECK_IN_OFFER)

    def _check_in_chosen(self, key: str) -> None:
        if key in ("answer", "default"):  # "default": the notification's body was clicked
            self.open_check_in()

    # --- checklists -------------------------------------------------------------------------------

    def open_chair_setup(self) -> QWidget | None:
        from deskbreak.ui.checklist_window import ChecklistWindow

        checklist = self._routines.library.checklists.get(CHAIR_SETUP)
        if checklist is None:
            log.warning("the chair set-up checklist is not loaded")
            return None
        ticked = last_ticks(self._history.entries([ChecklistTicked]), CHAIR_SETUP)
        window = ChecklistWindow(checklist, ticked)

        def keep(changes: dict[str, bool]) -> None:
            day = self._clock.now().astimezone(self._tz).date()
            for item_id, on in changes.items():
                self._history.append(ChecklistTicked(CHAIR_SETUP, item_id, day, on))

        window.saved.connect(keep)
        return self._show("chair-setup", window)

    def offer_chair_setup_once(self) -> None:
        """After the welcome: the protocol's first step, offered once (it stays in the menu)."""
        marker = self._state_dir / CHAIR_SETUP_OFFERED
        if marker.exists():
            return
        try:
            self._state_dir.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError as exc:
            log.warning("could not remember that the chair set-up was offered: %s", exc)
        self.open_chair_setup()

    # --- the strength log -------------------------------------------------------------------------

    def _on_record(self, record: Record) -> None:
        event = record.event
        if isinstance(event, RoutineEnded) and event.outcome != "cancelled":
            self.open_strength_log(event.pack_id)

    def open_strength_log(self, pack_id: str) -> QWidget | None:
        """After a routine with sets of reps: log them, with last time's numbers beside them."""
        from deskbreak.core.history.events import StrengthSet
        from deskbreak.core.history.strength import loggable_exercises
        from deskbreak.ui.strength_log import StrengthLogWindow

        loaded = self._routines.pack(pack_id)
        if loaded is None:
            return None
        library = self._routines.library
        entries = self._history.entries([StrengthSet])
        exercises = loggable_exercises(loaded.pack, library.catalogue, entries, self._tz)
        if not exercises:
            return None
        window = StrengthLogWindow(pack_id, loaded.pack.title, exercises)
        window.logged.connect(self._history.append_all)
        return self._show("strength-log", window)

    def last_time(self, pack: Pack) -> dict[str, str]:
        """For the player: each exercise's sets from the last time they were logged, in words."""
        from deskbreak.core.history.events import StrengthSet
        from deskbreak.core.history.strength import last_time
        from deskbreak.core.history.words import last_time_text
        from deskbreak.core.routines.model import ExerciseStep

        entries = self._history.entries([StrengthSet])
        if not entries:
            return {}
        found: dict[str, str] = {}
        for step in pack.steps:
            if isinstance(step, ExerciseStep) and step.exercise not in found:
                last = last_time(entries, step.exercise, self._tz)
                if last is not None:
                    found[step.exercise] = last_time_text(last)
        return found

    def close(self) -> None:
        for window in list(self.windows.values()):
            window.close()
        if self._check_in_notifier is not None:
            self._check_in_notifier.close()

    def _show(self, key: str, window: QWidget) -> QWidget:
        old = self.windows.get(key)
        if old is not None:
            old.close()
        self.windows[key] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window
