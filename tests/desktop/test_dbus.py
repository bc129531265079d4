"""The D-Bus connection: answers from the Qt loop, a one-second limit as an error value, and a GUI
thread that never waits for a service."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from deskbreak.desktop.dbus import Bus, DBusError, Reply
from deskbreak.desktop.steps import StepError, run_blocking, run_soon

from .fakebus import FakeService

NAME = "org.example.Fake"
PATH = "/org/example/Fake"


@pytest.fixture
def fake(session_bus: str) -> Iterator[FakeService]:
    service = FakeService(session_bus, NAME)
    service.method(NAME, "Echo", lambda message: ("s", (message.body[0].upper(),)))
    yield service
    service.stop()


class Ticks:
    """A 20 ms QTimer that writes "tick" into a shared log: proof that the loop kept running."""

    def __init__(self, log: list[Any]) -> None:
        self._log = log
        self.timer = QTimer()
        self.timer.timeout.connect(lambda: log.append("tick"))
        self.timer.start(20)


def test_no_bus_is_an_error_with_a_reason() -> None:
    with pytest.raises(DBusError, match="cannot connect to the session bus"):
        Bus.open("SESSION")


def test_an_unset_address_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    with pytest.raises(DBusError, match="DBUS_SESSION_BUS_ADDRESS is not set"):
        Bus.open("SESSION")


def test_a_waited_call_returns_the_values_and_an_error_reply_is_an_error_value(fake: FakeService) -> None:
    bus = Bus.open("SESSION")
    try:
        assert run_blocking(bus.has_owner(NAME))
        assert not run_blocking(bus.has_owner("org.example.Nobody"))
        assert bus.call(NAME, PATH, NAME, "Echo", "s", ("hello",)).wait() == ("HELLO",)
        missing = bus.call(NAME, PATH, NAME, "Missing").wait()
        assert isinstance(missing, DBusError)
        assert "Missing failed with org.freedesktop.DBus.Error.UnknownMethod" in str(missing)
    finally:
        bus.close()


def test_a_call_from_the_loop_returns_at_once_and_answers_later(qtbot: QtBot, fake: FakeService) -> None:
    bus = Bus.open("SESSION")
    answers: list[Reply | StepError] = []
    try:
        bus.call(NAME, PATH, NAME, "Echo", "s", ("hello",)).then(answers.append)
        assert answers == []
        qtbot.waitUntil(lambda: answers == [("HELLO",)], timeout=3000)
    finally:
        bus.close()


def test_a_service_that_never_answers_does_not_hold_up_the_loop(qtbot: QtBot, fake: FakeService) -> None:
    fake.method(NAME, "Hang", lambda _m: time.sleep(1.5) or (None, ()))  # type: ignore[func-returns-value]
    bus = Bus.open("SESSION")
    seen: list[Any] = []
    ticks = Ticks(seen)
    try:
        bus.call(NAME, PATH, NAME, "Hang").then(seen.append)
        qtbot.waitUntil(lambda: any(isinstance(item, DBusError) for item in seen), timeout=3000)
        outcome = next(item for item in seen if item != "tick")
        assert str(outcome) == f"{NAME} did not answer Hang within a second"
        # A call that blocked would let at most one (coalesced) tick through before its outcome.
        assert seen.index(outcome) >= 2
        # The late reply comes before the answer to a later call; it must not be delivered again.
        bus.call(NAME, PATH, NAME, "Echo", "s", ("after",)).then(seen.append)
        qtbot.waitUntil(lambda: ("AFTER",) in seen, timeout=3000)
        assert [item for item in seen if item != "tick"] == [outcome, ("AFTER",)]
    finally:
        ticks.timer.stop()
        bus.close()


def test_a_task_awaits_its_calls_from_the_loop(qtbot: QtBot, fake: FakeService) -> None:
    bus = Bus.open("SESSION")

    async def shout_if_there() -> str:
        if not await bus.has_owner(NAME):
            return "nobody"
        (loud,) = await bus.call(NAME, PATH, NAME, "Echo", "s", ("there",))
        return str(loud)

    results: list[str] = []
    try:
        run_soon(shout_if_there(), results.append)
        assert results == []
        qtbot.waitUntil(lambda: results == ["THERE"], timeout=3000)
        assert run_blocking(shout_if_there()) == "THERE"
    finally:
        bus.close()


def test_a_connection_opens_from_the_loop(qtbot: QtBot, fake: FakeService) -> None:
    opened: list[Bus | StepError] = []
    Bus.connecting("SESSION").then(opened.append)
    assert opened == []
    qtbot.waitUntil(lambda: bool(opened), timeout=3000)
    bus = opened[0]
    assert isinstance(bus, Bus)
    try:
        assert bus.unique_name.startswith(":")
        assert bus.call(NAME, PATH, NAME, "Echo", "s", ("hi",)).wait() == ("HI",)
    finally:
        bus.close()


@pytest.fixture
def silent_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A socket that accepts connections and never says a word, like a frozen dbus-daemon."""
    unix = getattr(socket, "AF_UNIX", None)
    if unix is None:
        pytest.skip("no Unix sockets here")
    path = tmp_path / "silent"
    server = socket.socket(unix, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen()
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(server.accept()[0]), daemon=True)
    thread.start()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={path}")
    yield
    server.close()
    for connection in accepted:
        connection.close()


def test_a_bus_that_never_authenticates_is_an_error_and_the_loop_runs_meanwhile(
    qtbot: QtBot, silent_bus: None
) -> None:
    seen: list[Any] = []
    ticks = Ticks(seen)
    try:
        Bus.connecting("SESSION").then(seen.append)
        qtbot.waitUntil(lambda: any(item != "tick" for item in seen), timeout=3000)
    finally:
        ticks.timer.stop()
    outcome = next(item for item in seen if item != "tick")
    assert str(outcome) == "the session bus did not authenticate us within a second"
    assert seen.index(outcome) >= 2  # ticks while connecting: nothing waited on the GUI thread


def test_signals_arrive_in_the_qt_loop_even_during_a_waited_call(qtbot: QtBot, fake: FakeService) -> None:
    received: list[tuple[Any, ...]] = []

    def answer_late(_message: Any) -> tuple[str | None, tuple[Any, ...]]:
        fake.emit(PATH, NAME, "Changed", "s", ("during the call",))
        return None, ()

    fake.method(NAME, "Slow", answer_late)
    bus = Bus.open("SESSION")
    try:
        bus.subscribe(sender=NAME, path=PATH, interface=NAME, member="Changed", handler=received.append)
        assert bus.call(NAME, PATH, NAME, "Slow").wait() == ()
        fake.emit(PATH, NAME, "Changed", "s", ("afterwards",))
        fake.emit(PATH, NAME, "Other", "s", ("not subscribed",))
        qtbot.waitUntil(lambda: len(received) == 2, timeout=3000)
        assert received == [("during the call",), ("afterwards",)]
    finally:
        bus.close()


def test_calls_on_a_closed_bus_fail_from_the_loop(qtbot: QtBot, fake: FakeService) -> None:
    bus = Bus.open("SESSION")
    bus.close()
    answers: list[Reply | StepError] = []
    bus.call(NAME, PATH, NAME, "Echo", "s", ("x",)).then(answers.append)
    assert answers == []
    qtbot.waitUntil(lambda: bool(answers), timeout=3000)
    assert str(answers[0]) == "the session bus connection is closed"
