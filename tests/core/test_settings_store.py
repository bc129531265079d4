"""settings.toml: the documented contract, atomic writes, and broken files that lose nothing."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from deskbreak.core.settings import ScheduleSettings, Settings
from deskbreak.core.settings_store import SettingsError, load_settings, read_settings_strict, save_settings
from deskbreak.core.working_hours import TimeRange

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    return folder / "settings.toml"


def test_a_missing_file_gives_the_defaults_from_the_seeds(settings_file: Path) -> None:
    loaded = load_settings(settings_file, NOW)
    assert loaded.problems == ()
    schedule = loaded.settings.schedule
    assert (schedule.sit_minutes, schedule.standing_desk, schedule.stand_minutes) == (50, False, 20)
    assert loaded.settings.working_hours["friday"] == (TimeRange.parse("09:00-17:30"),)
    assert "saturday" not in loaded.settings.working_hours
    assert loaded.settings.awareness.away_after_seconds == 120
    assert loaded.settings.awareness.break_minutes == 5


def test_the_documented_example_loads(settings_file: Path) -> None:
    settings_file.write_text(
        "[schedule]\nsit_minutes = 50\nstanding_desk = false\nstand_minutes = 20\n"
        '[working_hours]\nmonday = ["09:00-12:30", "13:30-17:30"]\n'
    )
    loaded = load_settings(settings_file, NOW)
    assert loaded.problems == ()
    assert loaded.settings.working_hours == {
        "monday": (TimeRange.parse("09:00-12:30"), TimeRange.parse("13:30-17:30"))
    }  # a day that is missing gets no prompts


def test_save_and_load_round_trip(settings_file: Path) -> None:
    settings = Settings(schedule=ScheduleSettings(sit_minutes=45, standing_desk=True))
    save_settings(settings_file, settings)
    assert load_settings(settings_file, NOW).settings == settings
    assert tomllib.loads(settings_file.read_text())["schedule"]["sit_minutes"] == 45
    assert [p.name for p in settings_file.parent.iterdir()] == ["settings.toml"]  # no temp files left


def test_a_file_that_is_not_toml_is_moved_aside_and_defaults_are_used(settings_file: Path) -> None:
    settings_file.write_text("[schedule]\nsit_minutes = 50\nstanding_desk = \n")
    loaded = load_settings(settings_file, NOW)
    assert loaded.settings == Settings()
    assert loaded.moved_to == settings_file.with_name("settings.toml.bad-20261123-093000")
    assert loaded.moved_to.read_text().endswith("standing_desk = \n")  # the user's text is kept
    (problem,) = loaded.problems
    assert problem.line == 3
    assert "is not valid TOML" in str(problem)


def test_an_out_of_range_value_names_file_line_and_setting(settings_file: Path) -> None:
    settings_file.write_text("[schedule]\nstanding_desk = true\nsit_minutes = 500\n")
    loaded = load_settings(settings_file, NOW)
    (problem,) = loaded.problems
    assert str(problem) == (
        f"{settings_file}:3: schedule.sit_minutes: must be at most 120 (found 500); using the default"
    )
    assert loaded.settings.schedule.sit_minutes == 50
    assert loaded.settings.schedule.standing_desk is True  # the valid part is kept
    assert loaded.moved_to is not None
    assert "sit_minutes = 500" in loaded.moved_to.read_text()
    assert tomllib.loads(settings_file.read_text())["schedule"] == {
        "standing_desk": True
    }  # the default applies


@pytest.mark.parametrize(
    ("text", "setting", "message"),
    [
        ('[schedule]\nsit_minutes = "50"\n', "schedule.sit_minutes", "must be a whole number"),
        ("[schedule]\nstanding_desk = 1\n", "schedule.standing_desk", "must be true or false"),
        ("[awareness]\nbreak_minutes = 0\n", "awareness.break_minutes", "must be at least 1"),
        ('[working_hours]\nmonday = ["9-5"]\n', "working_hours.monday[0]", "is not a range like"),
        ('[working_hours]\nmonday = ["09:00-12:30", "12:00-13:00"]\n', "working_hours", "overlap"),
        ('[working_hours]\nmonnday = ["09:00-12:30"]\n', "working_hours.monnday", "must be one of 'monday'"),
        ("schedule = 3\n", "schedule", "must be a table"),
    ],
)
def test_each_kind_of_bad_value_gets_a_clear_message(
    settings_file: Path, text: str, setting: str, message: str
) -> None:
    settings_file.write_text(text)
    loaded = load_settings(settings_file, NOW)
    assert [p.setting for p in loaded.problems] == [setting]
    assert message in loaded.problems[0].message


def test_bad_working_hours_fall_back_as_a_whole(settings_file: Path) -> None:
    settings_file.write_text('[working_hours]\nmonday = ["09:00-12:00"]\ntuesday = ["nine to five"]\n')
    loaded = load_settings(settings_file, NOW)
    assert loaded.settings.working_hours == Settings().working_hours
    assert "default working hours" in loaded.problems[0].message


def test_unknown_keys_are_reported_and_kept(settings_file: Path) -> None:
    settings_file.write_text("[schedule]\nsit_minutes = 45\nfuture_option = true\n[plugins]\nx = 1\n")
    loaded = load_settings(settings_file, NOW)
    assert sorted(p.setting for p in loaded.problems) == ["plugins", "schedule.future_option"]
    assert loaded.moved_to is None  # nothing was wrong with what we use
    save_settings(settings_file, loaded.settings, loaded.unknown)
    saved = tomllib.loads(settings_file.read_text())
    assert saved["schedule"]["future_option"] is True
    assert saved["plugins"] == {"x": 1}


def test_an_unreadable_file_does_not_stop_the_app(settings_file: Path) -> None:
    settings_file.write_bytes(b"\xff\xfe not text")
    loaded = load_settings(settings_file, NOW)
    assert loaded.settings == Settings()
    assert "cannot be read" in str(loaded.problems[0])


def test_a_settings_file_named_on_the_command_line_is_never_changed(settings_file: Path) -> None:
    settings_file.write_text("[schedule]\nsit_minutes = 5\n")
    with pytest.raises(SettingsError, match="must be at least 20"):
        read_settings_strict(settings_file)
    assert settings_file.read_text() == "[schedule]\nsit_minutes = 5\n"
    assert list(settings_file.parent.iterdir()) == [settings_file]
