"""The running application: puts its rooms together and owns its lifetime.

Each room presents one thing: `Presence` the tray or status window and the menu, `Prompting` the
prompt, `RoutineSession` the player, `SettingsFlow` the settings and welcome windows. This class
only connects them, answers remote control, and quits.
"""

from __future__ import annotations

import logging
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from deskbreak.app.history_log import HistoryLog
from deskbreak.app.presence import Presence
from deskbreak.app.programme import ProgrammeToday
from deskbreak.app.prompting import Prompting
from deskbreak.app.remote import RemoteControl
from deskbreak.app.routines import LoadedRoutines
from deskbreak.app.session import RoutineSession
from deskbreak.app.settings_flow import SettingsFlow
from deskbreak.app.window_memory import WindowMemory
from deskbreak.core.clock import Clock
from deskbreak.core.durations import parse_pause
from deskbreak.core.effects import Refused
from deskbreak.core.events import Event, Pause, RoutinesAvailable, StartRoutine
from deskbreak.core.paths import Paths
from deskbreak.core.settings import Settings
from deskbreak.core.settings_store import Loc
from deskbreak.desktop.autostart import Autostart
from deskbreak.desktop.ipc import IpcError, IpcServer
from deskbreak.timing.driver import EngineDriver

log = logging.getLogger(__name__)


class DeskbreakApp(QObject):
    """Created once by `run_app`, torn down by `quit`."""

    def __init__(
        self,
        qapp: QApplication,
        driver: EngineDriver,
        clock: Clock,
        tz: tzinfo,
        paths: Paths,
        routines: LoadedRoutines,
        unknown_settings: dict[Loc, Any] | None = None,
        autostart: Autostart | None = None,
    ) -> None:
        super().__init__()
        self._qapp = qapp
        self.driver = driver
        self._clock = clock
        self._tz = tz
        self.routines = routines
        self._problem_boxes: list[QMessageBox] = []
        self.settings_flow = SettingsFlow(
            driver, paths, unknown_settings or {}, lambda: routines, autostart, parent=self
        )
        self.presence = Presence(driver, clock, tz, paths, self.settings_flow.open_welcome, parent=self)
        self.prompting = Prompting(driver, self.presence.anchor, self.presence.tray.show_message, parent=self)
        self.history = HistoryLog(
            driver, paths.history_file, clock, tz, self.presence.tell, self._pack_titles, parent=self
        )
        self.programme = ProgrammeToday(
            driver, routines, self.history, self.presence.menu, clock, tz, paths.state_dir, parent=self
        )
        self.session = RoutineSession(
            driver,
            routines,
            clock,
            WindowMemory(paths.state_dir),
            parent=self,
            cache_dir=paths.cache_dir,
            last_time=self.programme.last_time,
        )
        self.presence.tray.message_clicked.connect(self.prompting.balloon_clicked)
        self.settings_flow.welcome_done.connect(self.programme.offer_chair_setup_once)
        self.settings_flow.settings_changed.connect(self._settings_changed)
        routines.on_reload.append(self._routines_loaded)

        menu = self.presence.menu
        menu.intent.connect(self.send_from_menu)
        menu.pause_chosen.connect(self._pause_for)
        menu.settings_requested.connect(self.settings_flow.open_settings)
        menu.progress_requested.connect(self.history.open_progress)
        menu.quit_requested.connect(self.quit)
        menu.menu.aboutToShow.connect(self._refresh_routines)
        menu.routines_menu.aboutToShow.connect(self.session.prepare)

        self.remote = RemoteControl(
            send=driver.send,
            status=lambda: driver.status,
            now=clock.now,
            tz=tz,
            actions={
                "quit": lambda _args: self._quit_soon(),
                "activate": lambda _args: self._activate(),
                "play": self._play_request,
            },
            details=self._details,
        )
        self.ipc: IpcServer | None = None

    # --- lifetime ---------------------------------------------------------------------------------

    def start(self) -> None:
        self.presence.start()
        self.driver.start()
        self.prompting.start()

    def load_routines(self) -> LoadedRoutines:
        """Read the packs (after the tray is up) and tell the engine and the menu what exists."""
        self.routines.refresh()
        return self.routines

    def quit(self) -> None:
        log.info("quitting")
        self.driver.stop()
        if self.ipc is not None:
            self.ipc.close()
        self.session.close()
        self.programme.close()
        self.history.close()
        self.prompting.close()
        self.settings_flow.close()
        self.presence.close()
        self._qapp.quit()

    def _quit_soon(self) -> dict[str, Any]:
        # Answer the ctl client first, then quit from the event loop.
        QTimer.singleShot(0, self.quit)
        return {"quitting": True}

    def _activate(self) -> dict[str, Any]:
        self.presence.activate()
        return {"activated": True}

    def _details(self) -> dict[str, Any]:
        """What `ctl status --json` adds about the desktop side: tray, windows and notifications."""
        presence = self.presence
        geometry = presence.tray.icon.geometry()
        status_window = presence.status_window
        return {
            "tray": {
                "available": presence.has_tray,
                "visible": presence.tray.icon.isVisible(),
                "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
            },
            "status_window": status_window is not None and status_window.isVisible(),
            "prompt_visible": self.prompting.is_visible,
            "notifications": self.prompting.notifier.description,
        }

    # --- intents ----------------------------------------------------------------------------------

    def send_from_menu(self, event: Event) -> None:
        """A menu choice: routines go through the session (which asks before replacing one)."""
        if isinstance(event, StartRoutine):
            self.session.request(event.pack_id)
            return
        for effect in self.driver.send(event):
            if isinstance(effect, Refused):
                self.presence.refused(effect)

    def _pause_for(self, choice: str) -> None:
        self.driver.send(Pause(parse_pause(choice, self._clock.now(), self._tz)))

    def _play_request(self, args: dict[str, Any]) -> Any:
        pack_id = args.get("pack")
        if not isinstance(pack_id, str):
            raise IpcError("play needs a pack id")
        if self.routines.pack(pack_id) is None:
            hint = ", ".join(self.routines.close_matches(pack_id))
            raise IpcError(f"no routine pack {pack_id!r}" + (f" (did you mean {hint}?)" if hint else ""))
        if self.session.request(pack_id):
            return {"playing": pack_id}
        return {"asked": pack_id}  # another routine plays: the user is asked on screen

    # --- routines and settings --------------------------------------------------------------------

    def _refresh_routines(self) -> None:
        """Before the menu opens: packs added or changed since they were read appear now."""
        self.routines.refresh()

    def _routines_loaded(self, routines: LoadedRoutines) -> None:
        self.presence.menu.set_routines(routines.menu_entries())
        self.driver.send(RoutinesAvailable(routines.summaries()))

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        self.presence.settings_changed(old, new)

    def _pack_titles(self) -> dict[str, str]:
        return {pack_id: loaded.pack.title for pack_id, loaded in self.routines.library.packs.items()}

    def show_problems(self, title: str, lines: list[str]) -> None:
        """Tell the user once, after start-up, what was wrong with their files and what was done."""
        if not lines:
            return
        from deskbreak.ui.problems import ProblemsBox, cut_line

        log.warning("%s (%d problems)\n%s", title, len(lines), "\n".join(cut_line(line) for line in lines))
        box = ProblemsBox(title, lines)
        box.show()
        self._problem_boxes.append(box)  # keep each alive while shown (settings and packs may both have one)
        box.finished.connect(lambda _result, b=box: self._problem_boxes.remove(b))
