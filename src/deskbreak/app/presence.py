"""Where deskbreak lives on the desktop: the tray icon, or the status window where there is no tray.

Both show the same menu and the same status line. At login the panel may start after deskbreak,
so a missing tray is looked for again a few times, then never again (no polling all day).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon

from deskbreak import __version__
from deskbreak.core import safety
from deskbreak.core.clock import Clock
from deskbreak.core.effects import Refused, Status, WelcomeBack
from deskbreak.core.paths import Paths
from deskbreak.core.settings import Settings
from deskbreak.core.wording import WELCOME_BACK_TITLE, refusal_text, status_line, welcome_back_text
from deskbreak.timing.driver import EngineDriver
from deskbreak.ui.icons import app_icon
from deskbreak.ui.menu import AppMenu
from deskbreak.ui.status_window import StatusWindow
from deskbreak.ui.tray import Tray

log = logging.getLogger(__name__)

TRAY_RETRY_SECONDS = (1, 3, 10, 30, 90)  # then the status window stays: no polling all day
NO_TRAY_EXPLAINED = "no-tray-explained"

ABOUT_TEXT = (
    "<h3>deskbreak {version}</h3>"
    "<p>A quiet tray app that breaks up sitting: it asks you to change position every 45–60 minutes "
    "and guides short stretch and strength routines.</p>"
    + safety.as_html().replace("{", "{{").replace("}", "}}")  # the one red-flag list; format() follows
    + "<p>Free software under the GNU GPL, version 3 or later.</p>"
)


class Presence(QObject):
    """The tray icon or the status window, the shared menu, and short messages to the user."""

    def __init__(
        self,
        driver: EngineDriver,
        clock: Clock,
        tz: tzinfo,
        paths: Paths,
        open_welcome: Callable[[], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._driver = driver
        self._clock = clock
        self._tz = tz
        self._paths = paths
        self._open_welcome = open_welcome
        self.menu = AppMenu(self)
        self.has_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = Tray(self.menu, self)
        self.tray.open_requested.connect(self.bring_up)
        self.status_window: StatusWindow | None = None
        self.about_box: QMessageBox | None = None
        self.menu.menu.aboutToShow.connect(self._refresh)
        self.menu.about_requested.connect(self.show_about)
        driver.status_changed.connect(self._show_status)
        driver.welcomed_back.connect(self._welcome_back)

    def start(self) -> None:
        if self.has_tray:
            self.tray.show()
        else:
            self._show_status_window(explain=not self._no_tray_explained())
            self._look_for_tray(list(TRAY_RETRY_SECONDS))

    def close(self) -> None:
        self.tray.hide()
        if self.status_window is not None:
            self.status_window.close()
        if self.about_box is not None:
            self.about_box.close()

    def anchor(self) -> QRect | None:
        """Where a prompt should appear: next to the tray icon, when there is one."""
        return self.tray.icon.geometry() if self.has_tray else None

    def tell(self, title: str, body: str) -> None:
        """A short message that needs no answer: a tray balloon, or the status window's line."""
        if self.has_tray:
            self.tray.show_message(title, body)
        elif self.status_window is not None:
            self.status_window.show_note(f"{title}: {body}")

    def settings_changed(self, old: Settings, new: Settings) -> None:
        """The tray's colour and the posture actions follow the settings at once."""
        if old.appearance != new.appearance or old.schedule.standing_desk != new.schedule.standing_desk:
            self._show_status(self._driver.status)

    # --- status -----------------------------------------------------------------------------------

    def _show_status(self, status: Status) -> None:
        """Absolute times for what stays on show; the menu's line is worded as it opens."""
        now = self._clock.now()
        line = status_line(status, now, self._tz)
        settings = self._driver.settings
        self.menu.update_status(
            status, status_line(status, now, self._tz, relative=True), settings.schedule.standing_desk
        )
        self.tray.update_status(status, line, settings.appearance.tray_icon)
        if self.status_window is not None:
            self.status_window.update_status(status, line)

    def _refresh(self) -> None:
        self._show_status(self._driver.status)

    def _welcome_back(self, welcome: WelcomeBack) -> None:
        self.tell(WELCOME_BACK_TITLE, welcome_back_text(welcome))

    def refused(self, refused: Refused) -> None:
        """A menu action did nothing: say why (the menu may have been opened a moment too early)."""
        self.tell("deskbreak", refusal_text(refused.reason).capitalize() + ".")

    # --- the tray, or the window in its place -----------------------------------------------------

    def bring_up(self) -> None:
        self._show_status_window(explain=False)

    def activate(self) -> None:
        """A second `deskbreak` was started: show where the running one lives."""
        if self.has_tray:
            self.tray.show_message("deskbreak is already running", "It lives in the system tray.")
        else:
            self._show_status_window(explain=False)

    def _look_for_tray(self, delays: list[int]) -> None:
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

    def _show_status_window(self, explain: bool) -> None:
        if self.status_window is None:
            self.status_window = StatusWindow(self.menu, explain_no_tray=explain)
            self.status_window.dismissed_explanation.connect(self._remember_no_tray_explained)
            status = self._driver.status
            self.status_window.update_status(status, status_line(status, self._clock.now(), self._tz))
        self.status_window.bring_up()

    def _no_tray_explained(self) -> bool:
        return (self._paths.state_dir / NO_TRAY_EXPLAINED).exists()

    def _remember_no_tray_explained(self) -> None:
        try:
            self._paths.state_dir.mkdir(parents=True, exist_ok=True)
            (self._paths.state_dir / NO_TRAY_EXPLAINED).touch()
        except OSError as exc:
            log.warning("could not remember the no-tray note: %s", exc)

    # --- about ------------------------------------------------------------------------------------

    def show_about(self) -> None:
        if self.about_box is None:
            box = QMessageBox(QMessageBox.Icon.NoIcon, "About", ABOUT_TEXT.format(version=__version__))
            box.setIconPixmap(app_icon().pixmap(64))
            welcome_button = box.addButton("Show the welcome again", QMessageBox.ButtonRole.ActionRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.setModal(False)
            box.buttonClicked.connect(
                lambda button: self._open_welcome() if button is welcome_button else None
            )
            self.about_box = box
        self.about_box.show()
        self.about_box.raise_()
