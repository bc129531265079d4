"""Tones and the optional voice go through the platform's own tools; without them, silence that says why.

The tools are small scripts on a private PATH that record what they were asked to do.
"""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from pytestqt.qtbot import QtBot

from deskbreak.cli import main
from deskbreak.core.resources import bundled_path
from deskbreak.core.tones import Tone
from deskbreak.desktop.sound import CommandPlayer, SilentPlayer, pick_player
from deskbreak.desktop.voice import TEXT_VARIABLE, CommandVoice, SilentVoice, pick_voice


def fake_tool(folder: Path, name: str, *, exit_code: int = 0) -> Path:
    """A program that appends its arguments and $DESKBREAK_SAY, as JSON, to `<name>.log`."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"{name}.log"
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"with open({str(log)!r}, 'a') as out:\n"
        f"    out.write(json.dumps([sys.argv[1:], os.environ.get({TEXT_VARIABLE!r})]) + '\\n')\n"
        f"sys.exit({exit_code})\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return log


def calls(log: Path) -> list[list[object]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


@pytest.fixture
def tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH with nothing on it but the fakes a test adds."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setattr(sys, "platform", "linux")
    return folder


def test_every_tone_has_its_sound_file() -> None:
    folder = bundled_path("assets") / "sounds"
    assert all((folder / f"{tone.value}.wav").is_file() for tone in Tone)


def test_a_tone_is_played_by_the_first_player_tool_found(tools: Path, qtbot: QtBot) -> None:
    log = fake_tool(tools, "paplay")
    player = pick_player()
    assert isinstance(player, CommandPlayer)
    player.play(Tone.REP)
    qtbot.waitUntil(lambda: not player.findChildren(QProcess))  # played, finished and cleaned up

    ((args, _text),) = calls(log)
    assert args == [str(bundled_path("assets") / "sounds" / "rep.wav")]


def test_without_a_player_tool_the_tones_are_silent_and_say_why(tools: Path) -> None:
    player = pick_player()
    assert isinstance(player, SilentPlayer)
    assert player.is_silent
    assert player.description == "silent: none of pw-play, paplay, aplay is installed"


def test_the_voice_speaks_through_speech_dispatcher(tools: Path, qtbot: QtBot) -> None:
    log = fake_tool(tools, "spd-say")
    voice = pick_voice()
    assert isinstance(voice, CommandVoice)
    assert not voice.is_silent
    voice.say("Left knee down, right foot forward")
    qtbot.waitUntil(lambda: not voice.findChildren(QProcess))
    assert calls(log) == [[["Left knee down, right foot forward"], None]]


def test_a_speech_service_that_fails_silences_the_voice_for_the_session(tools: Path, qtbot: QtBot) -> None:
    log = fake_tool(tools, "spd-say", exit_code=1)
    voice = pick_voice()
    assert isinstance(voice, CommandVoice)
    voice.say("Switch sides")
    qtbot.waitUntil(lambda: voice.is_silent and not voice.findChildren(QProcess))
    voice.say("3")
    assert len(calls(log)) == 1
    assert "failed with exit code 1" in voice.description


def test_without_a_speech_service_the_voice_is_silent_and_says_why(tools: Path) -> None:
    voice = pick_voice()
    assert isinstance(voice, SilentVoice)
    assert voice.description == "silent: spd-say is not installed (it comes with speech-dispatcher)"
    voice.say("Get ready")  # harmless


def test_windows_speech_gets_the_text_through_the_environment_not_the_command_line(
    tools: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PATHEXT", ".EXE")  # how `shutil.which` looks for programs on Windows
    log = fake_tool(tools, "powershell.EXE")
    voice = pick_voice()
    assert isinstance(voice, CommandVoice)
    voice.say('Well done"; Remove-Item *')
    qtbot.waitUntil(lambda: not voice.findChildren(QProcess))
    ((args, text),) = calls(log)
    assert text == 'Well done"; Remove-Item *'
    assert "Well done" not in json.dumps(args)


def test_doctor_says_when_neither_tones_nor_voice_can_be_heard(
    tools: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["doctor", "--json"]) == 0
    lines = json.loads(capsys.readouterr().out)["lines"]
    assert lines["sound"] == (
        "silent: none of pw-play, paplay, aplay is installed; the routine player's tones cannot be heard"
    )
    assert lines["voice"] == (
        "silent: spd-say is not installed (it comes with speech-dispatcher); the voice cannot be used here"
    )


def test_doctor_names_the_speech_service_and_whether_settings_turn_it_on(
    tools: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from deskbreak.core.paths import default_paths

    fake_tool(tools, "spd-say")
    settings_file = default_paths().settings_file
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("[sound]\nvoice = true\n", encoding="utf-8")
    assert main(["doctor", "--json"]) == 0
    voice = json.loads(capsys.readouterr().out)["lines"]["voice"]
    assert voice == f"spd-say ({tools / 'spd-say'}), on in settings"
