"""Choosing an idle backend by probing, and the backends that cannot run here (through fakes)."""

from __future__ import annotations

import ctypes
import importlib.util
from typing import Any

import pytest

from deskbreak.desktop.dbus import Bus, DBusError
from deskbreak.desktop.idle import IdleBackend, IdleBackendError, idle_candidates, pick_idle_backend
from deskbreak.desktop.idle.macos import MacIdle
from deskbreak.desktop.idle.wayland import unavailable
from deskbreak.desktop.idle.windows import WindowsIdle
from deskbreak.desktop.idle.xscreensaver import XScreenSaverIdle
from deskbreak.desktop.idle.xsync import XSyncIdle
from deskbreak.desktop.steps import run_blocking


class Fixed:
    def __init__(self, name: str, idle: float | None) -> None:
        self.name = self.description = name
        self._idle = idle
        self.closed = False

    async def read_idle(self) -> float | None:
        return self._idle

    def close(self) -> None:
        self.closed = True


async def refuse(reason: str) -> IdleBackend:
    raise IdleBackendError(reason)


async def opened(backend: IdleBackend) -> IdleBackend:
    return backend


def no_bus() -> Bus:
    raise DBusError("no session bus")


def test_the_first_backend_that_answers_is_chosen_and_the_others_say_why_not() -> None:
    silent = Fixed("silent", None)
    backend, rejected = run_blocking(
        pick_idle_backend(
            [
                ("mutter", lambda: refuse("no owner")),
                ("silent", lambda: opened(silent)),
                ("x11", lambda: opened(Fixed("x11", 3.0))),
                ("never-tried", lambda: refuse("unreachable")),
            ]
        )
    )
    assert backend is not None
    assert backend.name == "x11"
    assert rejected == ["mutter: no owner", "silent: opened, but gave no idle reading"]
    assert silent.closed


def test_no_backend_leaves_only_the_reasons() -> None:
    backend, rejected = run_blocking(
        pick_idle_backend([("a", lambda: refuse("one")), ("b", lambda: refuse("two"))])
    )
    assert backend is None
    assert rejected == ["a: one", "b: two"]


def test_linux_tries_the_pushing_backends_before_the_polled_ones() -> None:
    names = [name for name, _ in idle_candidates({}, no_bus, "linux")]
    assert names == [
        "gnome-mutter",
        "x11",
        "x11-screensaver",
        "freedesktop-screensaver",
        "wayland-ext-idle-notify",
    ]
    assert [name for name, _ in idle_candidates({}, no_bus, "win32")] == ["windows"]
    assert [name for name, _ in idle_candidates({}, no_bus, "darwin")] == ["macos"]


def test_without_a_session_bus_the_dbus_backends_say_so() -> None:
    _backend, rejected = run_blocking(pick_idle_backend(idle_candidates({}, no_bus, "linux")))
    assert "gnome-mutter: no session bus" in rejected
    assert "freedesktop-screensaver: no session bus" in rejected


@pytest.mark.parametrize("backend", [XSyncIdle, XScreenSaverIdle])
def test_x11_is_not_used_on_a_wayland_session(backend: type[XSyncIdle | XScreenSaverIdle]) -> None:
    with pytest.raises(IdleBackendError, match="Wayland session"):
        run_blocking(backend.open({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}))


@pytest.mark.parametrize("backend", [XSyncIdle, XScreenSaverIdle])
def test_x11_needs_a_display(backend: type[XSyncIdle | XScreenSaverIdle]) -> None:
    with pytest.raises(IdleBackendError, match="DISPLAY is not set"):
        run_blocking(backend.open({"XDG_SESSION_TYPE": "x11"}))


@pytest.mark.parametrize("backend", [XSyncIdle, XScreenSaverIdle])
def test_x11_reports_a_display_it_cannot_open(backend: type[XSyncIdle | XScreenSaverIdle]) -> None:
    with pytest.raises(IdleBackendError, match="cannot open the X display :4242"):
        run_blocking(backend.open({"DISPLAY": ":4242"}))


def test_wayland_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(IdleBackendError, match="not a Wayland session"):
        run_blocking(unavailable({}))
    monkeypatch.setattr(importlib.util, "find_spec", lambda _name: None)
    with pytest.raises(IdleBackendError, match="needs pywayland"):
        run_blocking(unavailable({"WAYLAND_DISPLAY": "wayland-0"}))


class FakeUser32:
    def __init__(self, last_input_ticks: int) -> None:
        self.last_input_ticks = last_input_ticks

    def GetLastInputInfo(self, info: Any) -> int:
        ctypes.cast(info, ctypes.POINTER(ctypes.c_uint * 2)).contents[1] = self.last_input_ticks
        return 1


class FakeKernel32:
    def __init__(self, ticks: int) -> None:
        self.ticks = ticks

    def GetTickCount(self) -> int:
        return self.ticks


def test_windows_idle_is_the_tick_difference_in_seconds() -> None:
    assert run_blocking(WindowsIdle(FakeUser32(10_000), FakeKernel32(12_500)).read_idle()) == 2.5


def test_windows_idle_survives_the_49_day_tick_wrap() -> None:
    assert run_blocking(WindowsIdle(FakeUser32(2**32 - 1_000), FakeKernel32(500)).read_idle()) == 1.5


def test_windows_is_refused_elsewhere() -> None:
    if hasattr(ctypes, "windll"):
        pytest.skip("this is Windows")
    with pytest.raises(IdleBackendError, match="not running on Windows"):
        run_blocking(WindowsIdle.open())


class FakeCoreGraphics:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.asked: tuple[int, int] | None = None

    def CGEventSourceSecondsSinceLastEventType(self, state: int, kind: int) -> float:
        self.asked = (state, kind)
        return self.seconds


def test_macos_asks_for_any_input_of_the_hid_system() -> None:
    cg = FakeCoreGraphics(42.25)
    assert run_blocking(MacIdle(cg).read_idle()) == 42.25
    assert cg.asked == (1, 0xFFFFFFFF)


def test_macos_gives_no_reading_for_nonsense() -> None:
    assert run_blocking(MacIdle(FakeCoreGraphics(float("nan"))).read_idle()) is None
