"""Desktop notifications with action buttons (freedesktop D-Bus), and the tray balloon fallback.

PySide6's QtDBus cannot send `org.freedesktop.Notifications.Notify`: it has no way to pass the
`u` (uint32) argument, so the server rejects the call. And `ActionInvoked` is delivered only to
the connection that sent the notification. So this module talks D-Bus through desktop/dbus.Bus
(jeepney, read from the Qt loop) on a connection of its own: no thread, no polling, and the
button signals arrive where they were sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from deskbreak import APP_ID
from deskbreak.desktop.steps import StepError, run_blocking, run_soon

if TYPE_CHECKING:  # D-Bus (and jeepney) load when the notification server is first looked for
    from deskbreak.desktop.dbus import Bus, Reply

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
APP_NAME = "deskbreak"


@dataclass(frozen=True)
class Notification:
    title: str
    body: str
    actions: list[tuple[str, str]] = field(default_factory=list)  # (key, label); "default" = a click
    urgent: bool = False


class Notifier(Protocol):
    """Shows one notification at a time; `action_invoked` carries the key of the button pressed."""

    action_invoked: Any  # Signal(str)
    has_actions: bool  # whether `actions` become buttons the user can press

    @property
    def description(self) -> str: ...

    def show(self, notification: Notification) -> None: ...

    def close(self) -> None: ...


class FdoNotifier(QObject):
    """org.freedesktop.Notifications on its own session-bus connection (desktop/dbus.Bus).

    Its own connection, because the server sends ActionInvoked only to the connection that sent
    the notification. Nothing waits for the server: `find` looks for it from the Qt loop, `show`
    and `close` send their calls and handle the answers when they come (each within a second).

    Signals:
        action_invoked(str): the key of the action the user chose on our notification.
    """

    action_invoked = Signal(str)

    def __init__(self, bus: Bus, server: str, has_actions: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._description = (
            f"freedesktop notifications ({server}{', with buttons' if has_actions else ', no buttons'})"
        )
        self.has_actions = has_actions
        self._current: int | None = None  # the server's id of the notification on screen
        self._sent = 0  # counts Notify calls, so a late answer knows whether it is still wanted
        for member, handler in (("ActionInvoked", self._on_action), ("NotificationClosed", self._on_closed)):
            bus.subscribe(
                sender=BUS_NAME, interface=BUS_NAME, member=member, handler=handler, path=OBJECT_PATH
            )

    @property
    def description(self) -> str:
        """What `ctl status` and `doctor` report; a bus that went away (a logout) is said so."""
        if not self._bus.is_open:
            return "none: the session bus went away, so notifications are off until deskbreak restarts"
        return self._description

    @classmethod
    def find(cls, parent: QObject | None, done: Callable[[FdoNotifier | None], None]) -> None:
        """Look for a notification server from the Qt loop; `done` gets a notifier, or None."""
        run_soon(cls._find(parent), done)

    @classmethod
    def open(cls, parent: QObject | None = None) -> FdoNotifier | None:
        """The same, waiting for each answer (up to a second each): only for code without a loop."""
        return run_blocking(cls._find(parent))

    @classmethod
    async def _find(cls, parent: QObject | None) -> FdoNotifier | None:
        from deskbreak.desktop.dbus import Bus, DBusError

        try:
            bus = await Bus.connecting("SESSION")
        except DBusError as exc:
            log.info("no desktop notifications: %s", exc)
            return None
        try:
            name, _vendor, version, _spec = await bus.call(
                BUS_NAME, OBJECT_PATH, BUS_NAME, "GetServerInformation"
            )
            (capabilities,) = await bus.call(BUS_NAME, OBJECT_PATH, BUS_NAME, "GetCapabilities")
        except DBusError as exc:
            log.info("no desktop notification server: %s", exc)
            bus.close()
            return None
        return cls(bus, f"{name} {version}", "actions" in capabilities, parent)

    def show(self, notification: Notification) -> None:
        """Send it, replacing the one shown; the server's id for it arrives from the loop."""
        actions = (
            [part for key, label in notification.actions for part in (key, label)] if self.has_actions else []
        )
        hints = {
            "urgency": ("y", 2 if notification.urgent else 1),
            "desktop-entry": ("s", APP_ID),
        }
        body = (
            APP_NAME,
            self._current or 0,
            "deskbreak",
            notification.title,
            notification.body,
            actions,
            hints,
            0,
        )
        self._sent += 1
        sent = self._sent

        def shown(outcome: Reply | StepError) -> None:
            if isinstance(outcome, StepError):
                log.warning("could not send a notification: %s", outcome)
                return
            (notification_id,) = outcome
            if sent == self._sent:
                self._current = notification_id
            elif notification_id != self._current:  # closed or replaced while it was on its way
                self._close_id(notification_id)

        self._bus.call(BUS_NAME, OBJECT_PATH, BUS_NAME, "Notify", "susssasa{sv}i", body).then(shown)

    def close(self) -> None:
        self._sent += 1  # one still on its way is closed when its id arrives
        if self._current is None:
            return
        current, self._current = self._current, None
        self._close_id(current)

    def _close_id(self, notification_id: int) -> None:
        close = self._bus.call(BUS_NAME, OBJECT_PATH, BUS_NAME, "CloseNotification", "u", (notification_id,))
        self._bus.send_and_forget(close, "closing the notification")

    def _on_action(self, body: tuple[Any, ...]) -> None:
        if body[0] == self._current:
            self.action_invoked.emit(str(body[1]))

    def _on_closed(self, body: tuple[Any, ...]) -> None:
        if body[0] == self._current:
            self._current = None


class TrayBalloonNotifier(QObject):
    """The fallback: QSystemTrayIcon.showMessage. No buttons; a click counts as "default".

    Signals:
        action_invoked(str): "default" when the balloon is clicked.
    """

    action_invoked = Signal(str)
    description = "tray balloon messages (no buttons)"
    has_actions = False

    def __init__(self, show_message: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_message = show_message

    def show(self, notification: Notification) -> None:
        self._show_message(notification.title, notification.body)

    def close(self) -> None:
        """Balloons close by themselves."""

    def clicked(self) -> None:
        self.action_invoked.emit("default")
