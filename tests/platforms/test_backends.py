"""Each OS's backends for sound, notifications and the control socket, against fakes.

Idle and autostart have theirs in tests/desktop/ (test_idle_backends.py, test_autostart.py);
these cover the rest on the branch each OS takes, from this Linux machine.
"""

from __future__ import annotations

import getpass
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QProcess
from pytestqt.qtbot import QtBot

from deskbreak.core.resources import bundled_path
from deskbreak.core.tones import Tone
from deskbreak.desktop.ipc import IpcServer, socket_name
from deskbreak.desktop.notify import FdoNotifier, Notification, TrayBalloonNotifier
from deskbreak.desktop.sound import CommandPlayer, SilentPlayer, WinsoundPlayer, pick_player
from tests.qt.test_ipc import ask

SOUNDS = bundled_path("assets") / "sounds"


def wait_until_idle(qtbot: QtBot, player: object) -> None:
    """Until every started tool has exited and been cleaned up, so none outlives its test."""
    assert isinstance(player, QObject)
    qtbot.waitUntil(lambda: not player.findChildren(QProcess))


def tools_on_path(monkeypatch: pytest.MonkeyPatch, folder: Path, *names: str, script: str = "") -> None:
    """Only these executables are on PATH; each runs `script` (a shell line)."""
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(f"#!/bin/sh\n{script}\n")
        (folder / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))


# --- sound ---------------------------------------------------------------------------------------


class FakeWinsound:
    """The two flags and the one function of `winsound` that deskbreak uses."""

    SND_FILENAME = 0x20000
    SND_ASYNC = 0x1

    def __init__(self) -> None:
        self.played: list[tuple[str, int]] = []

    def PlaySound(self, sound: str, flags: int) -> None:
        self.played.append((sound, flags))


def test_windows_plays_a_cue_file_through_winsound_without_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    winsound = FakeWinsound()
    monkeypatch.setitem(sys.modules, "winsound", winsound)
    player = pick_player(platform="win32")
    assert isinstance(player, WinsoundPlayer)
    player.play(Tone.FINISHED)
    assert winsound.played == [
        (str(SOUNDS / "finished.wav"), FakeWinsound.SND_FILENAME | FakeWinsound.SND_ASYNC)
    ]


def test_macos_plays_cues_with_afplay(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    tools_on_path(monkeypatch, tmp_path / "bin", "afplay", "paplay")
    player = pick_player(platform="darwin")
    assert isinstance(player, CommandPlayer)
    assert player.description == f"afplay ({tmp_path / 'bin' / 'afplay'})"


def test_linux_prefers_pipewire_then_pulseaudio_then_alsa(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tools_on_path(monkeypatch, tmp_path / "bin", "aplay", "paplay")
    assert pick_player(platform="linux").description.startswith("paplay ")
    tools_on_path(monkeypatch, tmp_path / "bin", "pw-play")
    assert pick_player(platform="linux").description.startswith("pw-play ")


def test_without_a_player_tool_cues_are_silent_and_say_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tools_on_path(monkeypatch, tmp_path / "empty")
    player = pick_player(platform="darwin")
    assert isinstance(player, SilentPlayer)
    assert player.description == "silent: none of afplay is installed"


def test_the_player_tool_gets_the_cue_file(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    heard = tmp_path / "heard.txt"
    tools_on_path(monkeypatch, tmp_path / "bin", "afplay", script=f'echo "$@" > {heard}')
    player = pick_player(platform="darwin")
    player.play(Tone.TICK)
    qtbot.waitUntil(lambda: heard.exists() and heard.read_text() != "")
    wait_until_idle(qtbot, player)
    assert heard.read_text().strip() == str(SOUNDS / "tick.wav")


def test_a_failing_player_tool_turns_sounds_off_and_says_why(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tools_on_path(monkeypatch, tmp_path / "bin", "paplay", script="exit 1")
    player = pick_player(platform="linux")
    player.play(Tone.TICK)
    wait_until_idle(qtbot, player)
    assert "Sounds are off" in player.description
    assert "exit code 1" in player.description


# --- notifications -------------------------------------------------------------------------------


def test_without_a_session_bus_there_is_no_freedesktop_notifier(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows and macOS have no session bus: deskbreak keeps the tray balloon notifier."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert FdoNotifier.open() is None


def test_the_balloon_fallback_shows_title_and_body(qtbot: QtBot) -> None:
    shown: list[tuple[str, str]] = []
    notifier = TrayBalloonNotifier(lambda title, body: shown.append((title, body)))
    notifier.show(Notification("Time for a break", "Stand up and move", actions=[("done", "Done")]))
    assert shown == [("Time for a break", "Stand up and move")]


def test_a_click_on_the_balloon_is_the_default_action(qtbot: QtBot) -> None:
    notifier = TrayBalloonNotifier(lambda _title, _body: None)
    with qtbot.waitSignal(notifier.action_invoked) as signal:
        notifier.clicked()
    assert signal.args == ["default"]


# --- the control socket --------------------------------------------------------------------------


def test_on_windows_the_socket_is_a_per_user_pipe_name_not_a_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "ana")
    assert socket_name(tmp_path / "run", platform="win32") == "deskbreak-ana"
    assert not (tmp_path / "run").exists()


def test_the_windows_server_answers_on_a_pipe_name(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows the server is QLocalServer on a pipe name; here Qt maps the name to a socket."""
    name = f"deskbreak-test-{uuid.uuid4().hex}"  # no folder in it, as on Windows
    with monkeypatch.context() as windows:
        windows.setattr(sys, "platform", "win32")
        server = IpcServer(name, lambda command, args: {"echo": command, "args": args})
    assert server.listen()
    try:
        assert ask(qtbot, name, "status", {"json": True}) == {"echo": "status", "args": {"json": True}}
    finally:
        server.close()
