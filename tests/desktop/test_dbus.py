"""The shared D-Bus connection: bounded calls, errors as values, signals delivered in the Qt loop."""

from __future__ import annotations

import time
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.desktop.dbus import Bus, DBusError

from .fakebus import FakeService

NAME = "org.example.Fake"
PATH = "/org/example/Fake"


def test_no_bus_is_an_error_with_a_reason() -> None:
    with pytest.raises(DBusError, match="cannot connect to the session bus"):
        Bus.open("SESSION")


def test_an_unset_address_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    with pytest.raises(DBusError, match="DBUS_SESSION_BUS_ADDRESS is not set"):
        Bus.open("SESSION")


def test_a_call_returns_the_values_and_an_error_reply_raises(session_bus: str) -> None:
    fake = FakeService(session_bus, NAME)
    fake.method(NAME, "Echo", lambda message: ("s", (message.body[0].upper(),)))
    bus = Bus.open("SESSION")
    try:
        assert bus.has_owner(NAME)
        assert not bus.has_owner("org.example.Nobody")
        assert bus.call(NAME, PATH, NAME, "Echo", "s", ("hello",)) == ("HELLO",)
        with pytest.raises(DBusError, match="UnknownMethod"):
            bus.call(NAME, PATH, NAME, "Missing")
    finally:
        bus.close()
        fake.stop()


def test_a_service_that_does_not_answer_fails_the_call_after_a_second(session_bus: str) -> None:
    fake = FakeService(session_bus, NAME)
    fake.method(NAME, "Hang", lambda _m: time.sleep(1.5) or (None, ()))  # type: ignore[func-returns-value]
    bus = Bus.open("SESSION")
    started = time.monotonic()
    try:
        with pytest.raises(DBusError, match="did not answer Hang within a second"):
            bus.call(NAME, PATH, NAME, "Hang")
        assert time.monotonic() - started < 1.4
    finally:
        bus.close()
        fake.stop()


def test_signals_arrive_in_the_qt_loop_even_during_a_call(qtbot: QtBot, session_bus: str) -> None:
    fake = FakeService(session_bus, NAME)
    received: list[tuple[Any, ...]] = []

    def answer_late(_message: Any) -> tuple[str | None, tuple[Any, ...]]:
        fake.emit(PATH, NAME, "Changed", "s", ("during the call",))
        return None, ()

    fake.method(NAME, "Slow", answer_late)
    bus = Bus.open("SESSION")
    try:
        bus.subscribe(sender=NAME, path=PATH, interface=NAME, member="Changed", handler=received.append)
        bus.call(NAME, PATH, NAME, "Slow")
        fake.emit(PATH, NAME, "Changed", "s", ("afterwards",))
        fake.emit(PATH, NAME, "Other", "s", ("not subscribed",))
        qtbot.waitUntil(lambda: len(received) == 2, timeout=3000)
        assert received == [("during the call",), ("afterwards",)]
    finally:
        bus.close()
        fake.stop()
