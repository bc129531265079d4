"""D-Bus for the desktop watchers: nothing waits for a reply on the GUI thread.

A `Bus` is one connection to the session or system bus. A method call returns a `PendingCall`
step at once: `then(done)` sends it and calls `done` from the Qt loop with the reply's values or
a `DBusError`; the loop reads the socket through a QSocketNotifier, so a quiet desktop costs
nothing and a service that never answers costs one timer. `wait()` blocks instead, for
`deskbreak doctor`, which has no event loop. Tasks written with `await` (desktop/steps.py) run
either way. Opening a connection (connect, authenticate, `Hello`) is a step too.

Every call has a one-second limit: past it the call yields a `DBusError` and a late reply is
dropped, so a desktop service that hangs makes a feature unavailable, never the app stuck.

Why jeepney and not QtDBus: PySide6's QtDBus cannot send unsigned integers, and Mutter's idle
watches need a `t` argument (`AddIdleWatch`) and answer with a signal sent only to the
connection that asked (`WatchFired`). jeepney's message and authentication code has no I/O of its
own, which is what lets this module read the socket from the Qt loop, and it works without a Qt
application, which `deskbreak doctor` needs.
"""

from __future__ import annotations

import itertools
import logging
import select
import socket
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from jeepney import DBusAddress, HeaderFields, MatchRule, MessageType, new_method_call
from jeepney.auth import BEGIN, AuthenticationError, Authenticator
from jeepney.bus import get_bus
from jeepney.low_level import Parser
from PySide6.QtCore import QSocketNotifier, QTimer

from deskbreak.desktop.qt_release import release_later
from deskbreak.desktop.steps import Step, StepError

log = logging.getLogger(__name__)

CALL_TIMEOUT_SECONDS = 1.0
BusKind = Literal["SESSION", "SYSTEM"]
Reply = tuple[Any, ...]
SignalHandler = Callable[[Reply], None]
_READ_BYTES = 65536


class DBusError(StepError):
    """No bus, no answer in time, or the service answered with an error; the text says which."""


@dataclass(frozen=True)
class _Subscription:
    path: str | None
    interface: str
    member: str
    handler: SignalHandler


@dataclass
class _Waiting:
    """A call sent from the loop whose reply has not come yet."""

    what: str
    done: Callable[[Any], None]  # gets the reply message, or a DBusError


class Bus:
    """One connection to the session or system bus, shared by the watchers that need it."""

    def __init__(self, sock: socket.socket, kind: BusKind) -> None:
        sock.setblocking(False)
        self._sock = sock
        self.kind = kind
        self.unique_name = ""
        self.is_open = True
        self._parser = Parser()
        self._serials = itertools.count(1)
        self._outbox = bytearray()
        self._inbox: deque[Any] = deque()  # read while `wait` blocked: handed out from the loop
        self._waiting: dict[int, _Waiting] = {}
        self._subscriptions: list[_Subscription] = []
        self._reader: QSocketNotifier | None = None
        self._writer: QSocketNotifier | None = None
        self._auth: Authenticator | None = None
        self._on_authenticated: Callable[[], None] | None = None
        self._on_refused: Callable[[DBusError], None] | None = None

    # --- opening ----------------------------------------------------------------------------------

    @classmethod
    def open(cls, kind: BusKind) -> Bus:
        """Connect and say Hello, waiting up to a second for each (doctor and tests)."""
        outcome = cls.connecting(kind).wait()
        if isinstance(outcome, StepError):
            raise outcome
        return outcome

    @classmethod
    def connecting(cls, kind: BusKind) -> Connecting:
        """The step of opening a connection; awaiting it gives the Bus or raises DBusError."""
        return Connecting(kind)

    @classmethod
    def _socket(cls, kind: BusKind) -> Bus:
        unix = getattr(socket, "AF_UNIX", None)
        if unix is None:
            raise DBusError("D-Bus needs Unix sockets, which this system does not have")
        try:
            address = get_bus(kind)
        except KeyError:
            raise DBusError("DBUS_SESSION_BUS_ADDRESS is not set") from None
        except (RuntimeError, ValueError) as exc:
            raise DBusError(f"cannot connect to the {kind.lower()} bus: {exc}") from None
        sock = socket.socket(unix, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            sock.connect(address)  # a local socket connects at once or fails
        except OSError as exc:
            sock.close()
            raise DBusError(f"cannot connect to the {kind.lower()} bus: {exc}") from None
        bus = cls(sock, kind)
        bus._auth = Authenticator()
        return bus

    # --- calls ------------------------------------------------------------------------------------

    def call(
        self,
        service: str,
        path: str,
        interface: str,
        method: str,
        signature: str | None = None,
        body: tuple[Any, ...] = (),
    ) -> PendingCall:
        """A method call, not sent yet: `then` it from the loop, `wait` for it, or await it."""
        message = new_method_call(
            DBusAddress(path, bus_name=service, interface=interface), method, signature, body
        )
        return PendingCall(self, message, f"{service} did not answer {method}", method)

    async def get_property(self, service: str, path: str, interface: str, name: str) -> Any:
        (variant,) = await self.call(service, path, _PROPERTIES, "Get", "ss", (interface, name))
        return variant[1]  # jeepney gives a variant as (signature, value)

    async def has_owner(self, name: str) -> bool:
        (owned,) = await self.call(_BUS_SERVICE, _BUS_PATH, _BUS_SERVICE, "NameHasOwner", "s", (name,))
        return bool(owned)

    def send_and_forget(self, call: PendingCall, what: str) -> None:
        """Send a call whose answer only matters when it fails (logged)."""

        def check(outcome: Reply | StepError) -> None:
            if isinstance(outcome, StepError):
                log.info("%s: %s", what, outcome)

        call.then(check)

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
        so locally only path, interface and member are compared. The AddMatch call is sent and not
        waited for: a failure is logged.
        """
        rule = MatchRule(type="signal", sender=sender, interface=interface, member=member, path=path)
        if arg0 is not None:
            rule.add_arg_condition(0, arg0, "path" if arg0_is_path else "string")
        self._subscriptions.append(_Subscription(path, interface, member, handler))
        add_match = self.call(_BUS_SERVICE, _BUS_PATH, _BUS_SERVICE, "AddMatch", "s", (rule.serialise(),))
        self.send_and_forget(add_match, f"subscribing to {interface}.{member}")

    def close(self) -> None:
        if not self.is_open:
            return
        self.is_open = False
        for notifier in (self._reader, self._writer):
            if notifier is not None:
                notifier.setEnabled(False)
        release_later(self._reader, self._writer)  # close() may run inside the reader's signal
        self._reader = self._writer = None
        self._sock.close()
        reason = f"the {self.kind.lower()} bus connection is closed"
        if self._auth is not None and self._on_refused is not None:
            _later(self._on_refused, DBusError(f"the {self.kind.lower()} bus refused the connection"))
        self._fail_waiting(reason)

    # --- sending ----------------------------------------------------------------------------------

    def _send(self, message: Any) -> int | None:
        """The message's serial, or None when the connection is (or just went) away."""
        if not self.is_open:
            return None
        serial = next(self._serials)
        self._outbox += message.serialise(serial=serial)
        self._flush()
        return serial if self.is_open else None

    def _flush(self) -> None:
        """Write what the socket takes now; the rest goes when it is writable (the loop's notifier)."""
        while self._outbox and self.is_open:
            try:
                sent = self._sock.send(self._outbox)
            except BlockingIOError:
                break
            except OSError as exc:
                self._lost(exc)
                return
            del self._outbox[:sent]
        if self._writer is not None:
            self._writer.setEnabled(bool(self._outbox))

    def _start_in_loop(self) -> None:
        """From the first `then` or subscription on, the Qt loop reads (and if needed writes) the socket."""
        if self._reader is not None or not self.is_open:
            return
        self._reader = QSocketNotifier(self._sock.fileno(), QSocketNotifier.Type.Read)
        self._reader.activated.connect(self._readable)
        self._writer = QSocketNotifier(self._sock.fileno(), QSocketNotifier.Type.Write)
        self._writer.activated.connect(self._flush)
        self._writer.setEnabled(bool(self._outbox))
        if self._inbox:
            QTimer.singleShot(0, self._hand_out_inbox)

    def _send_from_loop(self, message: Any, what: str, done: Callable[[Any], None]) -> None:
        self._start_in_loop()
        serial = self._send(message)
        if serial is None:
            _later(done, DBusError(f"the {self.kind.lower()} bus connection is closed"))
            return
        self._waiting[serial] = _Waiting(what, done)
        # A timer of Qt's own per call: nothing to clean up, and harmless once the reply is in.
        QTimer.singleShot(round(CALL_TIMEOUT_SECONDS * 1000), lambda: self._expire(serial))

    def _send_and_wait(self, message: Any, what: str) -> Any:
        """The reply message, or a DBusError."""
        serial = self._send(message)
        if serial is None:
            return DBusError(f"the {self.kind.lower()} bus connection is closed")
        deadline = time.monotonic() + CALL_TIMEOUT_SECONDS
        while self.is_open:
            for received in self._receive_now():
                if received.header.fields.get(HeaderFields.reply_serial) == serial:
                    self._schedule_inbox()
                    return received
                self._inbox.append(received)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._schedule_inbox()
                return DBusError(f"{what} within a second")
            wanted_write = [self._sock] if self._outbox else []
            _readable, writable, _ = select.select([self._sock], wanted_write, [], remaining)
            if writable:
                self._flush()
        return DBusError(f"lost the {self.kind.lower()} bus")

    # --- receiving --------------------------------------------------------------------------------

    def _receive_now(self) -> list[Any]:
        """Every complete message that can be read without waiting."""
        while self.is_open:
            try:
                data = self._sock.recv(_READ_BYTES)
            except BlockingIOError:
                break
            except OSError as exc:
                self._lost(exc)
                break
            if not data:
                self._lost(ConnectionResetError("the bus closed the connection"))
                break
            if self._auth is not None:
                self._authenticate(data)
            else:
                self._parser.add_data(data)
        return list(iter(self._parser.get_next_message, None))

    def _readable(self) -> None:
        for message in self._receive_now():
            self._route(message)

    def _hand_out_inbox(self) -> None:
        while self._inbox:
            self._route(self._inbox.popleft())

    def _schedule_inbox(self) -> None:
        """Messages read while blocked in `wait` reach their handlers on the next turn of the loop."""
        if self._inbox and self._reader is not None:
            QTimer.singleShot(0, self._hand_out_inbox)

    def _route(self, message: Any) -> None:
        kind = message.header.message_type
        if kind in (MessageType.method_return, MessageType.error):
            waiting = self._waiting.pop(message.header.fields.get(HeaderFields.reply_serial, -1), None)
            if waiting is not None:  # else: a late reply to a call that timed out
                waiting.done(message)
            return
        if kind != MessageType.signal:
            return
        fields = message.header.fields
        path, interface, member = (
            fields.get(HeaderFields.path),
            fields.get(HeaderFields.interface),
            fields.get(HeaderFields.member),
        )
        for sub in list(self._subscriptions):
            if sub.interface == interface and sub.member == member and sub.path in (None, path):
                try:
                    sub.handler(tuple(message.body))
                except Exception:  # one broken handler must not starve the others
                    log.exception("handling the D-Bus signal %s.%s failed", interface, member)

    # --- time limits and failures -----------------------------------------------------------------

    def _expire(self, serial: int) -> None:
        waiting = self._waiting.pop(serial, None)
        if waiting is not None:
            waiting.done(DBusError(f"{waiting.what} within a second"))

    def _fail_waiting(self, reason: str) -> None:
        waiting, self._waiting = list(self._waiting.values()), {}
        for each in waiting:
            _later(each.done, DBusError(reason))

    def _lost(self, exc: Exception) -> None:
        log.warning("lost the %s bus: %s", self.kind.lower(), exc)
        self.close()

    # --- authentication (jeepney's Authenticator does the talking; we do the I/O) ------------------

    def _start_authentication(
        self,
        authenticated: Callable[[], None] | None = None,
        refused: Callable[[DBusError], None] | None = None,
    ) -> None:
        assert self._auth is not None
        self._on_authenticated, self._on_refused = authenticated, refused
        self._write_auth()

    def _write_auth(self) -> None:
        assert self._auth is not None
        data = self._auth.data_to_send()
        if data:
            self._outbox += data
            self._flush()

    def _authenticate(self, data: bytes) -> None:
        assert self._auth is not None
        try:
            self._auth.feed(data)
        except AuthenticationError as exc:
            self._lost(exc)
            return
        if not self._auth.authenticated:
            self._write_auth()
            return
        self._auth = None
        self._outbox += BEGIN
        self._flush()
        if self._on_authenticated is not None:
            self._on_authenticated()


class PendingCall(Step[Reply]):
    """One method call: sent by `then` (answer from the loop) or `wait` (blocking)."""

    def __init__(self, bus: Bus, message: Any, what: str, method: str) -> None:
        self._bus = bus
        self._message = message
        self._what = what
        self._method = method

    def then(self, done: Callable[[Reply | StepError], None]) -> None:
        self._bus._send_from_loop(self._message, self._what, lambda got: done(self._outcome(got)))

    def wait(self) -> Reply | StepError:
        return self._outcome(self._bus._send_and_wait(self._message, self._what))

    def _outcome(self, got: Any) -> Reply | StepError:
        """The reply's values, or a DBusError for an error reply, no answer or no bus."""
        if isinstance(got, StepError):
            return got
        body = tuple(got.body)
        if got.header.message_type == MessageType.error:
            name = got.header.fields.get(HeaderFields.error_name)
            detail = f": {body[0]}" if body and isinstance(body[0], str) else ""
            return DBusError(f"{self._method} failed with {name}{detail}")
        return body


class Connecting(Step[Bus]):
    """Opening a connection: connect, authenticate, Hello, each within a second."""

    def __init__(self, kind: BusKind) -> None:
        self._kind = kind

    def wait(self) -> Bus | StepError:
        try:
            bus = Bus._socket(self._kind)
        except DBusError as exc:
            return exc
        deadline = time.monotonic() + CALL_TIMEOUT_SECONDS
        bus._start_authentication()
        while bus.is_open and bus._auth is not None:
            remaining = deadline - time.monotonic()
            ready = select.select([bus._sock], [], [], remaining)[0] if remaining > 0 else []
            if not ready:
                bus.close()
                return DBusError(f"the {self._kind.lower()} bus did not authenticate us within a second")
            bus._receive_now()
        if not bus.is_open:
            return DBusError(f"the {self._kind.lower()} bus refused the connection")
        return _said_hello(bus, _hello(bus).wait())

    def then(self, done: Callable[[Bus | StepError], None]) -> None:
        try:
            bus = Bus._socket(self._kind)
        except DBusError as exc:
            _later(done, exc)
            return

        def give_up() -> None:
            if bus._auth is None or not bus.is_open:
                return  # authenticated in time (Hello has its own limit), or refused already
            bus._on_refused = None
            bus.close()
            done(DBusError(f"the {self._kind.lower()} bus did not authenticate us within a second"))

        QTimer.singleShot(round(CALL_TIMEOUT_SECONDS * 1000), give_up)
        bus._start_in_loop()
        bus._start_authentication(
            authenticated=lambda: _hello(bus).then(lambda outcome: done(_said_hello(bus, outcome))),
            refused=done,
        )


def _hello(bus: Bus) -> PendingCall:
    return bus.call(_BUS_SERVICE, _BUS_PATH, _BUS_SERVICE, "Hello")


def _said_hello(bus: Bus, outcome: Reply | StepError) -> Bus | StepError:
    if isinstance(outcome, StepError):
        bus.close()
        return outcome
    bus.unique_name = str(outcome[0])
    return bus


def _later(done: Callable[[Any], None], value: Any) -> None:
    """Call back on the next turn of the loop, never inside the caller's own call."""
    QTimer.singleShot(0, lambda: done(value))


_BUS_SERVICE = "org.freedesktop.DBus"
_BUS_PATH = "/org/freedesktop/DBus"
_PROPERTIES = "org.freedesktop.DBus.Properties"
