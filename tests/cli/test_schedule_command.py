"""`deskbreak schedule` prints what the engine would do, in local time."""

from __future__ import annotations

import io
import json
import tempfile
from argparse import Namespace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.cli import main
from deskbreak.commands import schedule
from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import ShowPrompt
from deskbreak.core.engine import Engine
from deskbreak.core.events import Done, Tick
from deskbreak.core.settings import ProgrammeSettings, ScheduleSettings, Settings
from deskbreak.core.settings_store import save_settings


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    assert main(["schedule", "--json", *args]) == 0
    result: list[dict[str, str]] = json.loads(capsys.readouterr().out)
    return result


def test_a_default_monday_has_prompts_every_fifty_minutes_and_the_evening_session(
    capsys: pytest.CaptureFixture[str],
) -> None:
    planned = run_json(capsys, "--date", "2026-11-23")
    prompts = [p for p in planned if p["kind"] == "move"]
    assert [p["at"][11:16] for p in prompts] == [
        "09:50", "10:40", "11:30", "12:20", "13:10", "14:00", "14:50", "15:40", "16:30", "17:20",
    ]  # fmt: skip
    assert planned[0]["at"] == "2026-11-23T09:50:00+01:00"
    assert planned[-1] == {"at": "2026-11-23T17:30:00+01:00", "kind": "session", "pack": "evening-mobility"}
    assert len(planned) == len(prompts) + 1


def test_two_sessions_due_together_are_listed_one_after_the_other(capsys: pytest.CaptureFixture[str]) -> None:
    tuesday = run_json(capsys, "--date", "2026-11-24")
    sessions = [(p["at"][11:16], p["pack"]) for p in tuesday if p["kind"] == "session"]
    assert sessions == [("17:30", "evening-mobility"), ("17:30", "strength-session")]


def test_the_weekend_has_no_prompts_only_the_evening_session(capsys: pytest.CaptureFixture[str]) -> None:
    planned = run_json(capsys, "--date", "2026-11-28", "--days", "2")
    assert [(p["at"][:16], p["kind"], p.get("pack")) for p in planned] == [
        ("2026-11-28T18:00", "session", "evening-mobility"),
        ("2026-11-29T18:00", "session", "evening-mobility"),
    ]
    assert main(["schedule", "--date", "2026-11-28"]) == 0
    text = capsys.readouterr().out
    assert "18:00  Evening mobility (programme session)" in text


def test_a_standing_desk_alternates_stand_and_sit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    settings_file = tmp_path / "mine.toml"
    save_settings(settings_file, Settings(schedule=ScheduleSettings(standing_desk=True)))
    planned = run_json(capsys, "--date", "2026-11-23", "--settings", str(settings_file))
    assert [(p["at"][11:16], p["kind"]) for p in planned[:3]] == [
        ("09:50", "stand"),
        ("10:10", "sit"),
        ("11:00", "stand"),
    ]


def test_the_users_own_settings_are_used_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    from deskbreak.core.paths import default_paths

    save_settings(default_paths().settings_file, Settings(schedule=ScheduleSettings(sit_minutes=60)))
    assert run_json(capsys, "--date", "2026-11-23")[0]["at"][11:16] == "10:00"


@pytest.mark.parametrize(
    "args",
    [
        ["--date", "23/11/2026"],
        ["--date", "2026-02-30"],
        ["--days", "0"],
        ["--date", "9999-12-31"],
        ["--date", "9999-12-01", "--days", "60"],
        ["--date", "0001-01-01"],
    ],
)
def test_bad_arguments_exit_2_with_a_message(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main(["schedule", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("deskbreak schedule: ")


def test_a_bad_settings_file_exits_2_and_names_the_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[schedule]\nsit_minutes = 500\n")
    assert main(["schedule", "--settings", str(bad)]) == 2
    assert f"{bad}:2: schedule.sit_minutes: must be at most 120" in capsys.readouterr().err
    assert main(["schedule", "--settings", str(tmp_path / "missing.toml")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_a_deeply_nested_settings_file_is_a_message_not_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nested = tmp_path / "nested.toml"
    nested.write_text("x = " + "[" * 500 + "]" * 500 + "\n")
    assert main(["schedule", "--settings", str(nested)]) == 2
    assert "is not valid TOML: lists or tables nested too deeply" in capsys.readouterr().err


@settings(max_examples=25)
@given(
    sit=st.integers(20, 120),
    stand=st.integers(5, 60),
    standing=st.booleans(),
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
)
def test_the_schedule_is_what_the_engine_does(sit: int, stand: int, standing: bool, day: date) -> None:
    """Drive the engine like the tray would, answering each prompt at once, and compare."""
    tz = ZoneInfo("Europe/Berlin")
    chosen = Settings(
        schedule=ScheduleSettings(sit_minutes=sit, stand_minutes=stand, standing_desk=standing),
        programme=ProgrammeSettings(enabled=False),  # the sitting prompts alone
    )
    start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    clock = FakeClock(start)
    engine = Engine(chosen, tz, clock.now())
    expected = []
    end = start + timedelta(days=3)
    while (wake := engine.next_wakeup) is not None and wake < end:
        clock.advance(wake - clock.now())
        if any(isinstance(e, ShowPrompt) for e in engine.handle(Tick(), clock.now())):
            expected.append(clock.now())
            engine.handle(Done(), clock.now())

    with tempfile.TemporaryDirectory() as folder:
        settings_file = Path(folder) / "s.toml"
        save_settings(settings_file, chosen)
        out = io.StringIO()
        args = Namespace(date=day.isoformat(), days=3, settings=settings_file, json=True)
        assert schedule.run(args, out=out) == 0
    printed = [datetime.fromisoformat(p["at"]) for p in json.loads(out.getvalue())]
    assert printed == expected
