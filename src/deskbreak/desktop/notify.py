"""Desktop notifications with action buttons (freedesktop D-Bus), and the tray balloon fallback.

PySide6's QtDBus cannot send `org.freedesktop.Notifications.Notify`: it has no way to pass the
`u` (uint32) argument, so the server rejects the call. And `ActionInvoked` is delivered only to
the connection that sent the notification. So this module talks D-Bus with jeepney on its own
connection and reads that connection's socket from the Qt event loop (a QSocketNotifier): no
thread, no polling, and the button signals arrive where they were sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QObject, QSocketNotifier, Signal

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
    description: str

    def show(self, notification: Notification) -> None: ...

    def close(self) -> None: ...


class FdoNotifier(QObject):
    """org.freedesktop.Notifications over jeepney, read from the Qt loop.

    Signals:
        action_invoked(str): the key of the action the user chose on our notification.
    """

    action_invoked = Signal(str)

    def __init__(
        self, connection: Any, server: str, has_actions: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._conn = connection
        self.description = (
            f"freedesktop notifications ({server}{', with buttons' if has_actions else ', no buttons'})"
        )
        self.has_actions = has_actions
        self._current: int | None = None
        self._pending_serials: dict[int, Callable[[Any], None]] = {}
        self._notifier = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    @classmethod
    def open(cls, parent: QObject | None = None) -> FdoNotifier | None:
        """A notifier if a notification server answers on the session bus within a second, else None."""
        try:
            from jeepney import DBusAddress, new_method_call
            from jeepney.io.blocking import open_dbus_connection

            conn = open_dbus_connection(bus="SESSION", auth_timeout=1.0)
            address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
            info = conn.send_and_get_reply(new_method_call(address, "GetServerInformation"), timeout=1.0)
            caps = conn.send_and_get_reply(new_method_call(address, "GetCapabilities"), timeout=1.0)
        except Exception as exc:  # no bus, no server, or a server that does not answer
            log.info("no desktop notifications: %s", exc)
            return None
        if info.header.message_type.name != "method_return":
            log.info("no desktop notification server: %s", info.body)
            conn.close()
            return None
        name, _vendor, version, _spec = info.body
        return cls(conn, f"{name} {version}", "actions" in caps.body[0], parent)

    def show(self, notification: Notification) -> None:
        from jeepney import DBusAddress, new_method_call

        actions = (
            [part for key, label in notification.actions for part in (key, label)] if self.has_actions else []
        )
        hints = {
            "urgency": ("y", 2 if notification.urgent else 1),
            "desktop-entry": ("s", "io.github.deskbreak.Deskbreak"),
        }
        address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        message = new_method_call(
            address,
            "Notify",
            "susssasa{sv}i",
            (
                APP_NAME,
                self._current or 0,
                "deskbreak",
                notification.title,
                notification.body,
                actions,
                hints,
                0,
            ),
        )
        self._send(message, self._remember_id)

    def close(self) -> None:
        if self._current is None:
            return
        from jeepney import DBusAddress, new_method_call

        address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        self._send(new_method_call(address, "CloseNotification", "u", (self._current,)), lambda _reply: None)
        self._current = None

    def _send(self, message: Any, on_reply: Callable[[Any], None]) -> None:
        serial = next(self._conn.outgoing_serial)
        self._pending_serials[serial] = on_reply
        try:
            self._conn.send(message, serial=serial)
        except OSError as exc:
            log.warning("could not send a notification: %s", exc)
            self._pending_serials.pop(serial, None)

    def _remember_id(self, reply: Any) -> None:
        if reply.header.message_type.name == "method_return":
            self._current = int(reply.body[0])
        else:
            log.warning("the notification server refused a notification: %s", reply.body)

    def _drain(self) -> None:
        from jeepney import HeaderFields, MessageType

        while True:
            try:
                message = self._conn.receive(timeout=0)
            except TimeoutError:
                return
            except (OSError, ValueError) as exc:  # the bus went away: stop listening, fall back to nothing
                log.warning("lost the session bus: %s", exc)
                self._notifier.setEnabled(False)
                return
            fields = message.header.fields
            reply_to = fields.get(HeaderFields.reply_serial)
            if reply_to in self._pending_serials:
                self._pending_serials.pop(reply_to)(message)
                continue
            if message.header.message_type != MessageType.signal:
                continue
            member = fields.get(HeaderFields.member)
            if member == "ActionInvoked" and message.body[0] == self._current:
                self.action_invoked.emit(str(message.body[1]))
            elif member == "NotificationClosed" and message.body[0] == self._current:
                self._current = None


class TrayBalloonNotifier(QObject):
    """The fallback: QSystemTrayIcon.showMessage. No buttons; a click counts as "default".

    Signals:
        action_invoked(str): "default" when the balloon is clicked.
    """

    action_invoked = Signal(str)
    description = "tray balloon messages (no buttons)"

    def __init__(self, show_message: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_message = show_message

    def show(self, notification: Notification) -> None:
        self._show_message(notification.title, notification.body)

    def close(self) -> None:
        """Balloons close by themselves."""

    def clicked(self) -> None:
        self.action_invoked.emit("default")
