"""`deskbreak doctor` works with nothing running and says why each thing cannot be seen."""

from __future__ import annotations

import json
import re

import pytest

from deskbreak.cli import main


def test_doctor_prints_one_pasteable_block(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "deskbreak 0.1.0 doctor"
    assert all(re.match(r"^[a-z][a-z -]*: ", line) or line.startswith("  - ") for line in lines[1:])
    keys = [line.split(":")[0] for line in lines[1:] if not line.startswith("  ")]
    for key in ("qt", "tray", "idle", "sleep", "lock", "fullscreen", "do-not-disturb", "notifications",
                "settings", "packs", "config folder", "log file", "running", "problems"):  # fmt: skip
        assert key in keys
    text = "\n".join(lines)
    assert "platform offscreen" in text  # asked in a child process, with this test's QT_QPA_PLATFORM
    assert "running: no deskbreak is running for this user" in text
    assert "problems: none" in text


def test_doctor_lists_settings_problems_without_touching_the_file(
    capsys: pytest.CaptureFixture[str], isolated_dirs: object
) -> None:
    from deskbreak.core.paths import default_paths

    settings_file = default_paths().settings_file
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text("[schedule]\nsit_minutes = 5\n")
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "settings.toml (1 problem, listed below)" in out
    assert re.search(r"  - .*settings.toml:2: schedule.sit_minutes: ", out)
    assert settings_file.read_text() == "[schedule]\nsit_minutes = 5\n"


def test_doctor_survives_a_deeply_nested_settings_file(capsys: pytest.CaptureFixture[str]) -> None:
    from deskbreak.core.paths import default_paths

    settings_file = default_paths().settings_file
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text("x = " + "[" * 500 + "]" * 500 + "\n")
    assert main(["doctor"]) == 0
    assert "is not valid TOML: lists or tables nested too deeply" in capsys.readouterr().out


def test_doctor_counts_a_qt_that_cannot_start_as_a_problem(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "no-such-platform")
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "qt: Qt could not start" in out
    assert "problems: none" not in out
    assert re.search(r"  - Qt could not start", out)


def test_doctor_json_has_the_same_facts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["deskbreak"] == "0.1.0"
    assert report["lines"]["idle"].startswith("none works here")
    assert report["problems"] == []
    assert report["instance"] is None
