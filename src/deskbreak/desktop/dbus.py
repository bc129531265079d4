"""One D-Bus connection for the desktop watchers: calls with a time limit, signals from the Qt loop.

Why jeepney and not QtDBus: PySide6's QtDBus cannot send unsigned integers, and Mutter's idle
watches need a `t` argument (`AddIdleWatch`) and answer with a signal sent only to the
connection that asked (`WatchFired`). jeepney sends any signature, reads `DBUS_*_BUS_ADDRESS`
each time a connection opens (so tests can point it at a private bus), and works without a Qt
application, which `deskbreak doctor` needs. The price is reading the socket ourselves: a
QSocketNotifier wakes the loop only when a message arrives, so a quiet desktop costs nothing.

Every call has a one-second limit: a desktop service that hangs makes a feature unavailable,
never the app (or `deskbreak doctor`) stuck.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from jeepney import DBusAddress, HeaderFields, MatchRule, MessageType, new_method_call
from jeepney.io.blocking import open_dbus_connection
from PySide6.QtCore import QSocketNotifier, QTimer

log = logging.getLogger(__name__)

CALL_TIMEOUT_SECONDS = 1.0
BusKind = Literal["SESSION", "SYSTEM"]
SignalHandler = Callable[[tuple[Any, ...]], None]


class DBusError(Exception):
    """No bus, no answer in time, or the service answered with an error; the text says which."""


@dataclass(frozen=True)
class _Subscription:
    path: str | None
    interface: str
    member: str
    handler: SignalHandler


class Bus:
    """A jeepney connection to the session or system bus, shared by the watchers that need it."""

    def __init__(self, connection: Any, kind: BusKind) -> None:
        self._conn = connection
        self.kind = kind
        self._subscriptions: list[_Subscription] = []
        self._notifier: QSocketNotifier | None = None
        # Signals that arrive while a blocking call waits for its reply are kept here, not dropped.
        self._early_signals: deque[Any] = deque(maxlen=256)
        self._filter = connection.filter(MatchRule(type="signal"), queue=self._early_signals)
        self.is_open = True

    @classmethod
    def open(cls, kind: BusKind) -> Bus:
        try:
            return cls(open_dbus_connection(bus=kind, auth_timeout=CALL_TIMEOUT_SECONDS), kind)
        except KeyError:
            raise DBusError("DBUS_SESSION_BUS_ADDRESS is not set") from None
        except (OSError, TimeoutError, RuntimeError, ValueError) as exc:
            raise DBusError(f"cannot connect to the {kind.lower()} bus: {exc}") from None

    def call(
        self,
        service: str,
        path: str,
        interface: str,
        method: str,
        signature: str | None = None,
        body: tuple[Any, ...] = (),
    ) -> tuple[Any, ...]:
        """Call a method and return the reply's values; raises DBusError for any failure."""
        if not self.is_open:
            raise DBusError(f"the {self.kind.lower()} bus connection is closed")
        message = new_method_call(
            DBusAddress(path, bus_name=service, interface=interface), method, signature, body
        )
        try:
            reply = self._conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_SECONDS)
        except TimeoutError:
            raise DBusError(f"{service} did not answer {method} within a second") from None
        except (OSError, ValueError) as exc:
            self._lost(exc)
            raise DBusError(f"lost the {self.kind.lower()} bus: {exc}") from None
        finally:
            self._dispatch_soon()
        if reply.header.message_type == MessageType.error:
            detail = f": {reply.body[0]}" if reply.body and isinstance(reply.body[0], str) else ""
            raise DBusError(
                f"{method} failed with {reply.header.fields.get(HeaderFields.error_name)}{detail}"
            )
        return tuple(reply.body)

    def get_property(self, service: str, path: str, interface: str, name: str) -> Any:
        (variant,) = self.call(service, path, _PROPERTIES, "Get", "ss", (interface, name))
        return variant[1]  # jeepney gives a variant as (signature, value)

    def has_owner(self, name: str) -> bool:
        (owned,) = self.call(_BUS_SERVICE, _BUS_PATH, _BUS_SERVICE, "NameHasOwner", "s", (name,))
        return bool(owned)

    def subscribe(
        self,
        *,
        sender: str,
        interface: str,
        member: str,
        handler: SignalHandler,
        path: str | None = None,
        arg0: str | None = None,
        arg0_is_path: bool = False,
    ) -> None:
        """Ask the bus for a signal and call `handler(body)` from the Qt loop when it comes.

        The bus matches the well-known `sender` for us (a service that starts later is covered),
        so locally only path, interface and member are compared.
        """
        rule = MatchRule(type="signal", sender=sender, interface=interface, member=member, path=path)
        if arg0 is not None:
            rule.add_arg_condition(0, arg0, "path" if arg0_is_path else "string")
        self.call(_BUS_SERVICE, _BUS_PATH, _BUS_SERVICE, "AddMatch", "s", (rule.serialise(),))
        self._subscriptions.append(_Subscription(path, interface, member, handler))
        if self._notifier is None:
            self._notifier = QSocketNotifier(self._conn.sock.fileno(), QSocketNotifier.Type.Read)
            self._notifier.activated.connect(self._drain)

    def close(self) -> None:
        if not self.is_open:
            return
        self.is_open = False
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self._filter.close()
        self._conn.close()

    def _drain(self) -> None:
        """Hand out the signals kept during calls, then every message that is ready (never waiting)."""
        while self._early_signals:
            self._deliver(self._early_signals.popleft())
        while self.is_open:
            try:
                message = self._conn.receive(timeout=0)
            except TimeoutError:
                return
            except (OSError, ValueError) as exc:
                self._lost(exc)
                return
            self._deliver(message)

    def _dispatch_soon(self) -> None:
        """After a blocking call, signals may wait in the queue or jeepney's buffer, where the
        socket notifier cannot see them: hand them out on the next turn of the loop."""
        if self._notifier is not None:
            QTimer.singleShot(0, self._drain)

    def _deliver(self, message: Any) -> None:
        if message.header.message_type != MessageType.signal:
            return  # a late reply to a call that timed out
        fields = message.header.fields
        path, interface, member = (
            fields.get(HeaderFields.path),
            fields.get(HeaderFields.interface),
            fields.get(HeaderFields.member),
        )
        for sub in self._subscriptions:
            if sub.interface == interface and sub.member == member and sub.path in (None, path):
                try:
                    sub.handler(tuple(message.body))
                except Exception:  # one broken handler must not starve the others
                    log.exception("handling the D-Bus signal %s.%s failed", interface, member)

    def _lost(self, exc: Exception) -> None:
        log.warning("lost the %s bus: %s", self.kind.lower(), exc)
        self.close()


_BUS_SERVICE = "org.freedesktop.DBus"
_BUS_PATH = "/org/freedesktop/DBus"
_PROPERTIES = "org.freedesktop.DBus.Properties"
