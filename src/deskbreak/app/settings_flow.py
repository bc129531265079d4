"""Opens the settings dialog and the first-run welcome, and applies what they return.

Applying is one path for both windows: the start-at-login entry is written or removed, then
settings.toml is saved (keys this version does not know are kept), then the engine gets
SettingsChanged, which recomputes the next prompt at once, and `settings_changed(old, new)` is
emitted: the one signal every other part (tray, awareness watchers) filters for the keys it uses.
Nothing polls for settings. If the entry cannot be changed nothing is saved; if the file cannot be
saved the engine keeps the old settings. Either way the window says why and stays open.

Start at login lives in two places, the setting and the OS entry. At start-up a value written
in settings.toml is the user's word and the entry is made to match it; a setting left at its
default follows the entry instead (made or removed by a desktop's "Startup applications" tool
or Task Manager), without writing anything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from deskbreak.app.routines import LoadedRoutines
from deskbreak.core.paths import Paths
from deskbreak.core.settings import Settings
from deskbreak.core.settings_store import Loc, SettingsError, save_settings, settings_in_file
from deskbreak.desktop.autostart import Autostart, launch_command, pick_autostart
from deskbreak.timing.driver import EngineDriver

if TYPE_CHECKING:
    from deskbreak.ui.settings_dialog import SettingsDialog
    from deskbreak.ui.welcome import WelcomeDialog

log = logging.getLogger(__name__)

WELCOME_DONE = "welcome-done"


class AppliesSettings(Protocol):
    """A window that asked for settings to be applied and is told how it went."""

    def applied(self, settings: Settings) -> None: ...
    def apply_failed(self, message: str) -> None: ...


class SettingsFlow(QObject):
    """The settings and welcome windows (created on first use) and the one way their answers are applied.

    Signals:
        settings_changed(Settings, Settings): old and new, after the engine has the new ones.
        welcome_done(): the user finished or dismissed the first-run welcome.
    """

    settings_changed = Signal(object, object)
    welcome_done = Signal()

    def __init__(
        self,
        driver: EngineDriver,
        paths: Paths,
        unknown: dict[Loc, Any],
        routines: Callable[[], LoadedRoutines],
        autostart: Autostart | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._driver = driver
        self._paths = paths
        self._unknown = dict(unknown)
        self._routines = routines
        self._autostart = autostart
        self.settings_dialog: SettingsDialog | None = None
        self.welcome: WelcomeDialog | None = None
        self._closing = False  # the app quits: windows closing now were not dismissed by the user

    @property
    def autostart(self) -> Autostart:
        if self._autostart is None:
            self._autostart = pick_autostart()
        return self._autostart

    # --- applying ---------------------------------------------------------------------------------

    def apply(self, settings: Settings) -> str | None:
        """Make `settings` the app's settings; returns what went wrong, in words, or None."""
        wanted = settings.startup.start_at_login
        try:
            if wanted != self.autostart.is_enabled():
                if wanted:
                    self.autostart.enable(launch_command())
                else:
                    self.autostart.disable()
                log.info("start at login %s: %s", "on" if wanted else "off", self.autostart.describe())
        except OSError as exc:
            action = "turn on" if wanted else "turn off"
            return f"Could not {action} start at login ({self.autostart.describe()}): {exc.strerror or exc}"
        try:
            save_settings(self._paths.settings_file, settings, self._unknown, base=self._driver.settings)
        except SettingsError as exc:
            return f"Could not save the settings: {exc}"
        except OSError as exc:
            return f"Could not save the settings to {self._paths.settings_file}: {exc.strerror or exc}"
        self.use(settings)
        return None

    def use(self, settings: Settings) -> None:
        """Give the engine `settings` and tell every listener what changed."""
        old = self._driver.settings
        self._driver.change_settings(settings)
        if settings != old:
            self.settings_changed.emit(old, settings)

    def after_start(self) -> None:
        """Once the app runs: make the login entry and the setting agree, then welcome a new user.

        A `start_at_login` written in settings.toml is the user's word: the entry follows it (or
        the user is told why it cannot). Not written, the setting is only a default, and it
        follows the entry, which someone made or removed outside deskbreak; nothing is written.
        """
        settings = self._driver.settings
        wanted = settings.startup.start_at_login
        try:
            enabled = self.autostart.is_enabled()
        except OSError as exc:
            log.warning("cannot read the start-at-login entry: %s", exc)
            enabled = wanted
        if enabled != wanted and ("startup", "start_at_login") in settings_in_file(self._paths.settings_file):
            action = "turn on" if wanted else "turn off"
            try:
                if wanted:
                    self.autostart.enable(launch_command())
                else:
                    self.autostart.disable()
                log.info("start at login: %s, as settings.toml says (%s)", action, self.autostart.describe())
            except OSError as exc:
                from deskbreak.ui.problems import ProblemsBox

                why = f"{self.autostart.describe()}: {exc.strerror or exc}"
                log.warning("settings.toml asks to %s start at login, which failed: %s", action, why)
                self.login_problem = ProblemsBox(
                    f"settings.toml asks to {action} start at login, but deskbreak could not.", [why]
                )
                self.login_problem.show()
        elif enabled != wanted:
            log.info(
                "start at login is %s outside deskbreak; the setting follows", "on" if enabled else "off"
            )
            self.use(
                settings.model_copy(
                    update={"startup": settings.startup.model_copy(update={"start_at_login": enabled})}
                )
            )
        if self.is_first_run():
            self.open_welcome()

    # --- windows ----------------------------------------------------------------------------------

    def open_settings(self, page: str | None = None) -> SettingsDialog:
        from deskbreak.ui.settings_dialog import RoutinesInfo, SettingsDialog

        dialog = self.settings_dialog
        if dialog is None:
            offer = self._routines()
            offer.refresh()
            info = RoutinesInfo(offer.menu_entries(), offer.problem_lines(), self._paths.user_routines_dir)
            note = (
                f"deskbreak keeps this in step with {self.autostart.describe()}. If you remove that "
                "entry yourself, this setting follows at deskbreak's next start."
            )
            dialog = SettingsDialog(self._driver.settings, info, note, notes=_device_notes())
            dialog.apply_requested.connect(lambda settings: self._apply_for(dialog, settings))
            dialog.finished.connect(lambda _result: self._settings_closed(dialog))
            self.settings_dialog = dialog
        if page is not None:
            dialog.show_page(page)
        _bring_up(dialog)
        return dialog

    def _apply_for(self, window: AppliesSettings, settings: Settings) -> None:
        """One way to apply for both windows; the window hears back before its signal returns."""
        problem = self.apply(settings)
        if problem is None:
            window.applied(settings)
        else:
            log.warning("settings not applied: %s", problem)
            window.apply_failed(problem)

    def _settings_closed(self, dialog: SettingsDialog) -> None:
        if self.settings_dialog is dialog:
            self.settings_dialog = None
        dialog.deleteLater()

    def is_first_run(self) -> bool:
        """No welcome yet and no settings file: an existing user upgrading is not greeted again."""
        done = (self._paths.state_dir / WELCOME_DONE).exists()
        return not done and not self._paths.settings_file.exists()

    def open_welcome(self) -> WelcomeDialog:
        from deskbreak.ui.welcome import WelcomeDialog

        welcome = self.welcome
        if welcome is None:
            welcome = WelcomeDialog(self._driver.settings)
            welcome.apply_requested.connect(lambda settings: self._apply_for(welcome, settings))
            welcome.settings_requested.connect(lambda: self.open_settings("Schedule"))
            welcome.finished.connect(lambda _result: self._welcome_closed(welcome))
            self.welcome = welcome
        _bring_up(welcome)
        return welcome

    def _welcome_closed(self, welcome: WelcomeDialog) -> None:
        """Finished or dismissed by the user, the welcome is not shown by itself again.

        Closed because the app quits (or was killed) on its first page, it comes back next time.
        """
        if self.welcome is welcome:
            self.welcome = None
        welcome.deleteLater()
        if self._closing:
            return
        try:
            self._paths.state_dir.mkdir(parents=True, exist_ok=True)
            (self._paths.state_dir / WELCOME_DONE).touch()
        except OSError as exc:
            log.warning("could not remember that the welcome was shown: %s", exc)
        self.welcome_done.emit()

    def close(self) -> None:
        self._closing = True
        for window in (self.settings_dialog, self.welcome):
            if window is not None:
                window.close()


def _bring_up(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()


def _device_notes() -> dict[str, str]:
    """Settings this computer cannot carry out: no sound player, no speech service."""
    from deskbreak.desktop.sound import sound_note
    from deskbreak.desktop.voice import voice_note

    notes = {"sound.routine_cues": sound_note(), "sound.voice": voice_note()}
    return {key: note for key, note in notes.items() if note}
