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
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from deskbreak import APP_ID
from deskbreak.desktop.dbus import Bus, DBusError

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
    the notification. Every call is limited to a second, like all of deskbreak's D-Bus calls.

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
        self._current: int | None = None
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
    def open(cls, parent: QObject | None = None) -> FdoNotifier | None:
        """A notifier if a notification server answers on the session bus within a second, else None."""
        try:
            bus = Bus.open("SESSION")
        except DBusError as exc:
            log.info("no desktop notifications: %s", exc)
            return None
        try:
            name, _vendor, version, _spec = bus.call(BUS_NAME, OBJECT_PATH, BUS_NAME, "GetServerInformation")
            (capabilities,) = bus.call(BUS_NAME, OBJECT_PATH, BUS_NAME, "GetCapabilities")
            return cls(bus, f"{name} {version}", "actions" in capabilities, parent)
        except DBusError as exc:
            log.info("no desktop notification server: %s", exc)
            bus.close()
            return None

    def show(self, notification: Notification) -> None:
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
        try:
            (self._current,) = self._bus.call(
                BUS_NAME, OBJECT_PATH, BUS_NAME, "Notify", "susssasa{sv}i", body
            )
        except DBusError as exc:
            log.warning("could not send a notification: %s", exc)

    def close(self) -> None:
        if self._current is None:
            return
        current, self._current = self._current, None
        try:
            self._bus.call(BUS_NAME, OBJECT_PATH, BUS_NAME, "CloseNotification", "u", (current,))
        except DBusError as exc:
            log.info("could not close the notification: %s", exc)

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
