"""Private D-Bus daemons and small fake desktop services for tests, written with jeepney.

A test starts its own `dbus-daemon` (no service activation unless asked), points
DBUS_SESSION_BUS_ADDRESS or DBUS_SYSTEM_BUS_ADDRESS at it, and runs fakes of Mutter, the
ScreenSaver, logind or a notification server on a thread. The fakes answer calls from a table,
keep properties, and emit signals the way the real services do (Mutter's WatchFired goes only to
the connection that asked for the watch).
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from deskbreak.desktop.dbus import Bus
from deskbreak.desktop.steps import run_blocking

PROPERTIES = "org.freedesktop.DBus.Properties"
Reply = tuple[str | None, tuple[Any, ...]]
Method = Callable[[Any], Reply]

_PRIVATE_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextmanager
def private_bus(folder: Path, activation: bool = False) -> Iterator[str]:
    """A dbus-daemon of our own; without `activation` it starts no services by itself."""
    folder.mkdir(parents=True, exist_ok=True)
    if activation:
        args = ["--session"]
    else:
        config = folder / "bus.conf"
        config.write_text(_PRIVATE_BUS_CONFIG)
        args = [f"--config-file={config}"]
    started = subprocess.run(
        ["dbus-daemon", *args, "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True, text=True, check=True, timeout=10,
    )  # fmt: skip
    address, pid = started.stdout.split()[:2]
    try:
        yield address
    finally:
        subprocess.run(["kill", pid], check=False)


class FakeService:
    """One connection on a bus that owns names, answers methods and properties, and emits signals."""

    def __init__(self, address: str, *names: str) -> None:
        self._conn = open_dbus_connection(bus=address)
        self._send_lock = threading.Lock()
        self.methods: dict[tuple[str, str], Method] = {}
        self.properties: dict[tuple[str, str, str], tuple[str, Any]] = {}
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        for name in names:
            self._conn.send_and_get_reply(message_bus.RequestName(name), timeout=2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def method(self, interface: str, member: str, answer: Method) -> None:
        self.methods[(interface, member)] = answer

    def set_property(self, path: str, interface: str, name: str, signature: str, value: Any) -> None:
        """Change a property and announce it with PropertiesChanged, as the real services do."""
        self.properties[(path, interface, name)] = (signature, value)
        self.emit(
            path, PROPERTIES, "PropertiesChanged", "sa{sv}as", (interface, {name: (signature, value)}, [])
        )

    def emit(
        self,
        path: str,
        interface: str,
        member: str,
        signature: str | None = None,
        body: tuple[Any, ...] = (),
        destination: str | None = None,
    ) -> None:
        message = new_signal(DBusAddress(path, interface=interface), member, signature, body)
        if destination is not None:
            message.header.fields[HeaderFields.destination] = destination
        with self._send_lock:
            self._conn.send(message)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._conn.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                message = self._conn.receive(timeout=0.05)
            except TimeoutError:
                continue
            except OSError:
                return
            if message.header.message_type == MessageType.method_call:
                self._answer(message)

    def _answer(self, message: Any) -> None:
        fields = message.header.fields
        path, interface, member = (fields.get(HeaderFields.path), fields.get(HeaderFields.interface),
                                   fields.get(HeaderFields.member))  # fmt: skip
        self.calls.append((member, tuple(message.body)))
        if interface == PROPERTIES and member == "Get":
            key = (path, *message.body)
            reply = (
                new_method_return(message, "v", (self.properties[key],))
                if key in self.properties
                else new_error(message, "org.freedesktop.DBus.Error.InvalidArgs", "s", ("No such property",))
            )
        elif (interface, member) in self.methods:
            signature, body = self.methods[(interface, member)](message)
            reply = new_method_return(message, signature, body)
        else:
            reply = new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (f"no {member}",))
        with self._send_lock:
            self._conn.send(reply)


def round_trip(*buses: Bus) -> None:
    """Wait for one answer on each bus: the bus has then handled everything sent before it.

    Subscribing sends AddMatch without waiting; a test that emits a signal right after must
    first know the match is in place.
    """
    for bus in buses:
        assert run_blocking(bus.has_owner("org.freedesktop.DBus"))


def sender_of(message: Any) -> str:
    return str(message.header.fields[HeaderFields.sender])


MUTTER = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH = "/org/gnome/Mutter/IdleMonitor/Core"


class FakeMutter:
    """GNOME's idle monitor: GetIdletime in ms, idle and user-active watches fired on demand."""

    def __init__(self, address: str) -> None:
        self.service = FakeService(address, MUTTER)
        self.idle_ms = 0
        self.watches: dict[int, tuple[str, int]] = {}  # id -> (owner, interval in ms; 0: user-active)
        self._next_id = 1
        self.service.method(MUTTER, "GetIdletime", lambda _m: ("t", (self.idle_ms,)))
        self.service.method(MUTTER, "AddIdleWatch", lambda m: self._add(sender_of(m), int(m.body[0])))
        self.service.method(MUTTER, "AddUserActiveWatch", lambda m: self._add(sender_of(m), 0))
        self.service.method(MUTTER, "RemoveWatch", self._remove)

    def fire_idle(self) -> None:
        for watch, (owner, interval) in list(self.watches.items()):
            if interval and self.idle_ms >= interval:
                self.service.emit(MUTTER_PATH, MUTTER, "WatchFired", "u", (watch,), destination=owner)

    def fire_active(self) -> None:
        self.idle_ms = 0
        for watch, (owner, interval) in list(self.watches.items()):
            if not interval:
                del self.watches[watch]  # Mutter removes a user-active watch once it fired
                self.service.emit(MUTTER_PATH, MUTTER, "WatchFired", "u", (watch,), destination=owner)

    def _add(self, owner: str, interval: int) -> Reply:
        watch, self._next_id = self._next_id, self._next_id + 1
        self.watches[watch] = (owner, interval)
        return "u", (watch,)

    def _remove(self, message: Any) -> Reply:
        self.watches.pop(int(message.body[0]), None)
        return None, ()


LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
SESSION_PATH = "/org/freedesktop/login1/session/_32"
SESSION = "org.freedesktop.login1.Session"


class FakeLogind:
    """logind on a bus used as the system bus: GetSession, LockedHint, PrepareForSleep."""

    def __init__(self, address: str, locked: bool = False) -> None:
        self.service = FakeService(address, LOGIND)
        self.service.method(f"{LOGIND}.Manager", "GetSession", lambda _m: ("o", (SESSION_PATH,)))
        self.service.properties[(SESSION_PATH, SESSION, "LockedHint")] = ("b", locked)

    def lock(self, locked: bool) -> None:
        self.service.set_property(SESSION_PATH, SESSION, "LockedHint", "b", locked)

    def prepare_for_sleep(self, going_down: bool) -> None:
        self.service.emit(LOGIND_PATH, f"{LOGIND}.Manager", "PrepareForSleep", "b", (going_down,))
