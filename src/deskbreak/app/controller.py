"""Wires the driver to the tray, the prompt, notifications and remote control; owns the app's lifetime."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from deskbreak import __version__
from deskbreak.app.remote import RemoteControl
from deskbreak.app.routines import RoutineOffer
from deskbreak.app.settings_flow import SettingsFlow
from deskbreak.app.window_memory import WindowMemory
from deskbreak.core.clock import Clock
from deskbreak.core.durations import parse_pause
from deskbreak.core.effects import PromptInfo, Status
from deskbreak.core.events import Done, Event, RoutineEnded, Skip, Snooze, StartRoutine
from deskbreak.core.paths import Paths
from deskbreak.core.player import RoutineReport
from deskbreak.core.settings_store import Loc
from deskbreak.core.wording import done_label, prompt_reason, prompt_title, status_line
from deskbreak.desktop.ipc import IpcError, IpcServer
from deskbreak.desktop.notify import FdoNotifier, Notification, Notifier, TrayBalloonNotifier
from deskbreak.desktop.sound import SoundPlayer, pick_player
from deskbreak.timing.driver import EngineDriver
from deskbreak.ui.icons import app_icon
from deskbreak.ui.menu import AppMenu

if TYPE_CHECKING:
    from deskbreak.ui.player import PlayerWindow
from deskbreak.ui.prompt import OfferedRoutine, PromptWindow
from deskbreak.ui.status_window import StatusWindow
from deskbreak.ui.tray import Tray

log = logging.getLogger(__name__)

TRAY_RETRY_SECONDS = (1, 3, 10, 30, 90)  # then the status window stays: no polling all day

ABOUT_TEXT = """<h3>deskbreak {version}</h3>
<p>A quiet tray app that breaks up sitting: it asks you to change position every 45–60 minutes
and guides short stretch and strength routines.</p>
<p>deskbreak is not medical advice. Stop any exercise that causes sharp or shooting pain.
See a professional if pain travels down a leg, if you feel numbness, tingling or weakness, if pain
wakes you at night or keeps getting worse. Losing control of your bladder or bowel is an emergency.</p>
<p>Free software under the GNU GPL, version 3 or later.</p>"""


class DeskbreakApp(QObject):
    """The running application: created once by `run_app`, torn down by `quit`."""

    def __init__(
        self,
        qapp: QApplication,
        driver: EngineDriver,
        clock: Clock,
        tz: tzinfo,
        paths: Paths,
        load_routines: Callable[[], RoutineOffer],
        unknown_settings: dict[Loc, Any] | None = None,
    ) -> None:
        super().__init__()
        self._qapp = qapp
        self.driver = driver
        self._clock = clock
        self._tz = tz
        self._paths = paths
        self._load_routines = load_routines
        self.routines: RoutineOffer | None = None
        self.player: PlayerWindow | None = None
        self._sound_player: SoundPlayer | None = None
        self._prompt_info: PromptInfo | None = None
        self._memory = WindowMemory(paths.state_dir)
        self._problem_boxes: list[QMessageBox] = []
        self.settings_flow = SettingsFlow(
            driver, paths, unknown_settings or {}, self.reload_routines, parent=self
        )
        self._about_box: QMessageBox | None = None

        self.menu = AppMenu(self)
        self.menu.intent.connect(self.send)
        self.menu.pause_chosen.connect(self._pause_for)
        self.menu.settings_requested.connect(self.open_settings)
        self.menu.about_requested.connect(self.show_about)
        self.menu.quit_requested.connect(self.quit)

        self.has_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = Tray(self.menu, self)
        self.tray.open_requested.connect(self.bring_up)
        self.status_window: StatusWindow | None = None
        self.prompt = PromptWindow()
        self.prompt.intent.connect(self.send)

        self.notifier: Notifier = TrayBalloonNotifier(self.tray.show_message, self)
        self.tray.message_clicked.connect(self._balloon_clicked)
        self._notifier_ready = False

        driver.status_changed.connect(self._on_status)
        driver.minute_passed.connect(lambda: self._on_status(driver.status))
        driver.prompt_shown.connect(self._on_prompt)
        driver.prompt_hidden.connect(self._on_prompt_hidden)
        driver.routine_requested.connect(self.open_routine)

        self.remote = RemoteControl(
            send=self.send,
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
        if self.has_tray:
            self.tray.show()
        else:
            self._show_status_window(explain=not self._no_tray_explained())
            self._look_for_tray(list(TRAY_RETRY_SECONDS))
        self.driver.start()
        # After the tray is up: ask for the notification server now, so `ctl status` and
        # `doctor` report the real backend, without delaying the icon.
        QTimer.singleShot(0, self._ensure_notifier)

    def _look_for_tray(self, delays: list[int]) -> None:
        """At login the panel may start after us: check again a few times, then stop for good."""
        if self.has_tray or not delays:
            return
        delay, rest = delays[0], delays[1:]

        def check() -> None:
            if QSystemTrayIcon.isSystemTrayAvailable():
                log.info("a system tray appeared; moving into it")
                self.has_tray = True
                self.tray.show()
                if self.status_window is not None:
                    self.status_window.hide()
            else:
                self._look_for_tray(rest)

        QTimer.singleShot(delay * 1000, check)

    def load_routines(self) -> RoutineOffer:
        """Read the packs (bundled and the user's); problems are logged and listed, never fatal."""
        if self.routines is None:
            self.routines = self._load_routines()
            self.menu.set_routines(self.routines.menu_entries())
        return self.routines

    def reload_routines(self) -> RoutineOffer:
        """Read the packs again (the settings dialog shows the current problems); rotation goes on."""
        turn = self.routines.turn if self.routines is not None else -1
        self.routines = None
        offer = self.load_routines()
        offer.turn = turn
        return offer

    def quit(self) -> None:
        log.info("quitting")
        self.driver.stop()
        if self.ipc is not None:
            self.ipc.close()
        self.notifier.close()
        if self.player is not None:
            self.player.close()
        self.tray.hide()
        self.prompt.close()
        self.settings_flow.close()
        self._qapp.quit()

    def _quit_soon(self) -> dict[str, Any]:
        # Answer the ctl client first, then quit from the event loop.
        QTimer.singleShot(0, self.quit)
        return {"quitting": True}

    def _details(self) -> dict[str, Any]:
        """What `ctl status --json` adds about the desktop side: tray embedding and notifications."""
        geometry = self.tray.icon.geometry()
        return {
            "tray": {
                "available": self.has_tray,
                "visible": self.tray.icon.isVisible(),
                "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
            },
            "status_window": self.status_window is not None and self.status_window.isVisible(),
            "prompt_visible": self.prompt.isVisible(),
            "notifications": self.notifier.description,
        }

    # --- intents ----------------------------------------------------------------------------------

    def send(self, event: Event) -> None:
        self.driver.send(event)

    def _pause_for(self, choice: str) -> None:
        from deskbreak.core.events import Pause

        self.send(Pause(parse_pause(choice, self._clock.now(), self._tz)))

    # --- status and prompt ------------------------------------------------------------------------

    def _on_status(self, status: Status) -> None:
        line = status_line(status, self._clock.now(), self._tz)
        self.menu.update_status(status, line, self.driver.settings.schedule.standing_desk)
        self.tray.update_status(status, line, self.driver.settings.appearance.tray_icon)
        if self.status_window is not None:
            self.status_window.update_status(status, line)

    def _on_prompt(self, prompt: PromptInfo) -> None:
        self._prompt_info = prompt
        if prompt.level == 1:  # a new prompt, not a snoozed one coming back
            self.load_routines().new_prompt()
        if prompt.quiet:  # held by do-not-disturb or fullscreen: never a window over the user's screen
            self._notify(prompt)
            return
        anchor = self.tray.icon.geometry() if self.has_tray else None
        self.prompt.show_prompt(prompt, self._offered_routine(prompt), anchor)
        if self.driver.settings.notifications.desktop_notifications:
            self._notify(prompt)

    def _on_prompt_hidden(self) -> None:
        self._prompt_info = None
        self.prompt.hide()
        self.notifier.close()

    def _ensure_notifier(self) -> None:
        """Find the notification server once (a D-Bus round trip of at most a second)."""
        if self._notifier_ready:
            return
        self._notifier_ready = True
        fdo = FdoNotifier.open(self)
        if fdo is not None:
            self.notifier = fdo
        self.notifier.action_invoked.connect(self._notification_action)
        log.info("notifications: %s", self.notifier.description)

    def _notify(self, prompt: PromptInfo) -> None:
        self._ensure_notifier()
        actions = []
        routine = self._offered_routine(prompt)
        if routine is not None:
            actions.append(("routine", f"Start {routine.title}"))
        actions.append(("done", done_label(prompt.kind)))
        if prompt.can_snooze:
            actions.append(("snooze", f"Snooze {prompt.snooze_minutes} min"))
        actions.append(("skip", "Skip"))
        urgent = prompt.level >= 3 and not prompt.quiet  # a quiet prompt never insists
        self.notifier.show(Notification(prompt_title(prompt), prompt_reason(prompt), actions, urgent=urgent))

    def _notification_action(self, key: str) -> None:
        prompt = self._prompt_info
        if prompt is None:
            return
        routine = self._offered_routine(prompt)
        choices: dict[str, Event | None] = {
            "done": Done(),
            "snooze": Snooze(),
            "skip": Skip(),
            "routine": StartRoutine(routine.pack_id) if routine is not None else None,
        }
        event = choices.get(key)
        if event is not None:
            self.send(event)
        else:
            self.prompt.raise_()

    def _balloon_clicked(self) -> None:
        if isinstance(self.notifier, TrayBalloonNotifier):
            self.notifier.clicked()

    def _offered_routine(self, prompt: PromptInfo) -> OfferedRoutine | None:
        settings = self.driver.settings
        local_now = self._clock.now().astimezone(self._tz)
        return self.load_routines().for_prompt(prompt, settings.routines, settings.working_hours, local_now)

    # --- routines ---------------------------------------------------------------------------------

    def open_routine(self, pack_id: str) -> None:
        """Open the player on `pack_id` (the engine asked); an unknown pack ends the routine at once."""
        loaded = self.load_routines().pack(pack_id)
        if loaded is None:
            log.warning("cannot open routine %r: no such pack is loaded", pack_id)
            self.send(RoutineEnded(pack_id, completed=False, steps_done=0, steps_total=0, seconds_moved=0))
            return
        if self.player is not None:
            if self.player.pack.id == pack_id:
                self.player.open_centred()
                return
            self.player.close()
        from deskbreak.ui.player import PlayerWindow

        assert self.routines is not None
        self.player = PlayerWindow(
            loaded.pack,
            loaded.timeline,
            dict(self.routines.library.catalogue.exercises),
            self._clock.elapsed,
            self._sounds() if self.driver.settings.sound.routine_cues else None,
            show_cautions=not self._memory.cautions_read(pack_id),
            image_for=self.routines.image_for,
            size=self._memory.player_size(),
        )
        self.player.ended.connect(self._routine_ended)
        self.player.cautions_read.connect(self._memory.remember_cautions_read)
        self.player.open_centred()

    def _routine_ended(self, report: RoutineReport) -> None:
        if self.player is not None and self.player.pack.id == report.pack_id:
            self._memory.remember_player_size(self.player.size())
            self.player.deleteLater()
            self.player = None
        self.send(
            RoutineEnded(
                report.pack_id, report.completed, report.steps_done, report.steps_total, report.seconds_moved
            )
        )

    def _play_request(self, args: dict[str, Any]) -> Any:
        pack_id = args.get("pack")
        if not isinstance(pack_id, str):
            raise IpcError("play needs a pack id")
        routines = self.load_routines()
        if routines.pack(pack_id) is None:
            hint = ", ".join(routines.close_matches(pack_id))
            raise IpcError(f"no routine pack {pack_id!r}" + (f" (did you mean {hint}?)" if hint else ""))
        self.send(StartRoutine(pack_id))
        return {"playing": pack_id}

    def _sounds(self) -> SoundPlayer:
        if self._sound_player is None:
            self._sound_player = pick_player(self)
            log.info("sound: %s", self._sound_player.description)
        return self._sound_player

    # --- windows ----------------------------------------------------------------------------------

    def bring_up(self) -> None:
        self._show_status_window(explain=False)

    def _activate(self) -> dict[str, Any]:
        """A second `deskbreak` was started: show where the running one lives."""
        if self.has_tray:
            self.tray.show_message("deskbreak is already running", "It lives in the system tray.")
        else:
            self._show_status_window(explain=False)
        return {"activated": True}

    def _show_status_window(self, explain: bool) -> None:
        if self.status_window is None:
            self.status_window = StatusWindow(self.menu, explain_no_tray=explain)
            self.status_window.dismissed_explanation.connect(self._remember_no_tray_explained)
            self.status_window.update_status(
                self.driver.status, status_line(self.driver.status, self._clock.now(), self._tz)
            )
        self.status_window.bring_up()

    def _no_tray_explained(self) -> bool:
        return (self._paths.state_dir / "no-tray-explained").exists()

    def _remember_no_tray_explained(self) -> None:
        try:
            self._paths.state_dir.mkdir(parents=True, exist_ok=True)
            (self._paths.state_dir / "no-tray-explained").touch()
        except OSError as exc:
            log.warning("could not remember the no-tray note: %s", exc)

    def open_settings(self) -> None:
        self.settings_flow.open_settings()

    def show_about(self) -> None:
        if self._about_box is None:
            box = QMessageBox(
                QMessageBox.Icon.NoIcon, "About deskbreak", ABOUT_TEXT.format(version=__version__)
            )
            box.setIconPixmap(app_icon().pixmap(64))
            self.welcome_button = box.addButton("Show the welcome again", QMessageBox.ButtonRole.ActionRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.setModal(False)
            box.buttonClicked.connect(
                lambda button: self.settings_flow.open_welcome() if button is self.welcome_button else None
            )
            self._about_box = box
        self._about_box.show()
        self._about_box.raise_()

    def show_problems(self, title: str, lines: list[str]) -> None:
        """Tell the user once, after start-up, what was wrong with their files and what was done."""
        if not lines:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "deskbreak", title)
        box.setInformativeText("\n".join(lines))
        box.setModal(False)
        box.show()
        self._problem_boxes.append(box)  # keep each alive while shown (settings and packs may both have one)
        box.finished.connect(lambda _result, b=box: self._problem_boxes.remove(b))
