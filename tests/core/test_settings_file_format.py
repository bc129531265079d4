"""settings.toml is the user's file: only changes are written, comments stay, versions are respected."""

from __future__ import annotations

import inspect
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from deskbreak.core.settings import SETTINGS_VERSION, ScheduleSettings, Settings, StartupSettings
from deskbreak.core.settings_migrations import MIGRATIONS, UNVERSIONED_HEADER
from deskbreak.core.settings_store import (
    SettingsError,
    check_settings,
    load_settings,
    read_settings_strict,
    save_settings,
)

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    return folder / "settings.toml"


def saved(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text())


def test_a_save_writes_only_the_settings_that_differ_from_their_defaults(settings_file: Path) -> None:
    save_settings(settings_file, Settings(schedule=ScheduleSettings(sit_minutes=45)))
    assert saved(settings_file) == {"version": SETTINGS_VERSION, "schedule": {"sit_minutes": 45}}


def test_a_default_the_user_wrote_in_the_file_stays_written(settings_file: Path) -> None:
    settings_file.write_text("[schedule]\nsit_minutes = 50\n")
    save_settings(settings_file, Settings(schedule=ScheduleSettings(standing_desk=True)))
    assert saved(settings_file)["schedule"] == {"sit_minutes": 50, "standing_desk": True}


def test_a_save_keeps_hand_written_comments(settings_file: Path) -> None:
    settings_file.write_text(
        "# my desk at home\n[schedule]\n# the physio said 45\nsit_minutes = 45  # not 50\n"
    )
    loaded = load_settings(settings_file, NOW)
    changed = Settings(schedule=ScheduleSettings(sit_minutes=45, standing_desk=True))
    save_settings(settings_file, changed, base=loaded.settings)
    text = settings_file.read_text()
    assert text.startswith("# my desk at home\n")
    assert "# the physio said 45\nsit_minutes = 45  # not 50\n" in text
    assert saved(settings_file)["schedule"] == {"sit_minutes": 45, "standing_desk": True}


def test_a_save_leaves_a_setting_it_did_not_change_as_the_file_now_says(settings_file: Path) -> None:
    settings_file.write_text("[schedule]\nsit_minutes = 45\n")
    loaded = load_settings(settings_file, NOW)
    settings_file.write_text("[schedule]\nsit_minutes = 55\n")  # a hand edit while deskbreak runs
    changed = loaded.settings.model_copy(update={"startup": StartupSettings(start_at_login=True)})
    save_settings(settings_file, changed, base=loaded.settings)
    assert saved(settings_file)["schedule"] == {"sit_minutes": 55}
    assert saved(settings_file)["startup"] == {"start_at_login": True}


def test_a_setting_changed_back_to_its_default_is_updated_where_the_user_wrote_it(
    settings_file: Path,
) -> None:
    settings_file.write_text("[schedule]\nsit_minutes = 45\n")
    loaded = load_settings(settings_file, NOW)
    save_settings(settings_file, Settings(), base=loaded.settings)
    assert saved(settings_file)["schedule"] == {"sit_minutes": 50}


def test_every_saved_file_carries_the_format_version_at_the_top(settings_file: Path) -> None:
    settings_file.write_text("# mine\n[schedule]\nsit_minutes = 45\n")
    save_settings(settings_file, Settings(schedule=ScheduleSettings(sit_minutes=40)))
    assert settings_file.read_text().startswith(f"# mine\nversion = {SETTINGS_VERSION}\n")


def test_a_file_from_a_newer_version_is_refused_and_left_as_it_is(settings_file: Path) -> None:
    text = f"version = {SETTINGS_VERSION + 1}\n[schedule]\nsit_minutes = 45\nnew_thing = 3\n"
    settings_file.write_text(text)
    loaded = load_settings(settings_file, NOW)
    assert loaded.settings == Settings()
    (problem,) = loaded.problems
    assert f"was written by a newer deskbreak (settings version {SETTINGS_VERSION + 1}" in str(problem)
    assert "left as it is" in str(problem)
    assert settings_file.read_text() == text
    assert list(settings_file.parent.iterdir()) == [settings_file]


def test_a_save_over_a_file_from_a_newer_version_is_refused(settings_file: Path) -> None:
    text = f"version = {SETTINGS_VERSION + 1}\n"
    settings_file.write_text(text)
    with pytest.raises(SettingsError, match="newer deskbreak"):
        save_settings(settings_file, Settings(schedule=ScheduleSettings(sit_minutes=45)))
    assert settings_file.read_text() == text


def test_a_version_that_is_not_a_number_is_reported_and_the_file_left_alone(settings_file: Path) -> None:
    settings_file.write_text('version = "two"\n')
    loaded = load_settings(settings_file, NOW)
    assert 'version must be a whole number (found "two")' in str(loaded.problems[0])
    assert settings_file.read_text() == 'version = "two"\n'


def test_a_save_over_a_file_broken_by_hand_meanwhile_is_refused(settings_file: Path) -> None:
    settings_file.write_text("[schedule\nsit_minutes = 45\n")
    with pytest.raises(SettingsError, match=r"is not valid TOML.*left as it is"):
        save_settings(settings_file, Settings())
    assert settings_file.read_text() == "[schedule\nsit_minutes = 45\n"


# --- migrations: each named migration has a test named test_migration_<name>_... ----------------------

WRITTEN_BEFORE_VERSIONS = f"""{UNVERSIONED_HEADER}
# The format is documented in docs/settings.md.

[schedule]
sit_minutes = 45
standing_desk = false
stand_minutes = 20
move_minutes = 2
snooze_minutes = 5
max_snoozes = 2

[working_hours]
monday = ["09:00-17:30"]
tuesday = ["09:00-17:30"]
wednesday = ["09:00-17:30"]
thursday = ["09:00-17:30"]
friday = ["09:00-17:30"]

[awareness]
away_after_seconds = 120
break_minutes = 5
hold_during_fullscreen = true
hold_during_do_not_disturb = true
quiet_after_minutes = 10

[notifications]
desktop_notifications = true

[sound]
routine_cues = false

[appearance]
tray_icon = "auto"

[routines]
prompt_packs = ["stand-up-reset", "whole-back-desk", "lower-back-release"]
offer = "rotate"

[startup]
start_at_login = false
"""


def test_migration_drop_written_defaults_forgets_what_an_older_deskbreak_wrote_by_itself(
    settings_file: Path,
) -> None:
    settings_file.write_text(WRITTEN_BEFORE_VERSIONS)
    loaded = load_settings(settings_file, NOW)
    assert loaded.problems == ()
    assert settings_file.read_text() == WRITTEN_BEFORE_VERSIONS  # loading alone writes nothing
    save_settings(settings_file, loaded.settings, base=loaded.settings)
    assert saved(settings_file) == {
        "version": 1,
        "schedule": {"sit_minutes": 45},
        "sound": {"routine_cues": False},
    }


def test_migration_drop_written_defaults_leaves_a_file_written_by_hand_alone(settings_file: Path) -> None:
    settings_file.write_text("[schedule]\nsit_minutes = 50\nstanding_desk = false\n")
    loaded = load_settings(settings_file, NOW)
    save_settings(settings_file, loaded.settings, base=loaded.settings)
    assert saved(settings_file)["schedule"] == {"sit_minutes": 50, "standing_desk": False}


def test_every_migration_has_a_test_named_after_it() -> None:
    tests = [name for name, _ in inspect.getmembers(sys.modules[__name__], inspect.isfunction)]
    for step in MIGRATIONS:
        assert any(name.startswith(f"test_migration_{step.name}_") for name in tests), step.name


def test_the_last_migration_reaches_the_current_version() -> None:
    assert [step.to_version for step in MIGRATIONS] == list(range(1, SETTINGS_VERSION + 1))


# --- hostile content -----------------------------------------------------------------------------


def test_a_bad_pack_id_falls_back_to_the_default_list(settings_file: Path) -> None:
    settings_file.write_text('[routines]\nprompt_packs = ["Not An Id", "walk-break"]\n')
    loaded = load_settings(settings_file, NOW)
    assert [p.setting for p in loaded.problems] == ["routines.prompt_packs[0]"]
    assert loaded.settings.routines.prompt_packs == Settings().routines.prompt_packs


@pytest.mark.parametrize(
    "text",
    [
        "[schedule]\nsit_minutes = " + "[" * 500 + "]" * 500 + "\n",
        "[" + ".".join(["schedule"] * 3000) + "]\nx = 1\n",
    ],
    ids=["nested lists", "nested tables"],
)
def test_deeply_nested_toml_is_a_problem_not_a_crash(settings_file: Path, text: str) -> None:
    settings_file.write_text(text)
    _settings, problems = check_settings(settings_file)
    assert "is not valid TOML" in str(problems[0])
    with pytest.raises(SettingsError, match="is not valid TOML"):
        read_settings_strict(settings_file)
    loaded = load_settings(settings_file, NOW)
    assert loaded.settings == Settings()
    assert loaded.moved_to is not None
    assert loaded.moved_to.read_text() == text


def test_a_huge_value_is_not_repeated_in_the_message(settings_file: Path) -> None:
    settings_file.write_text('[appearance]\ntray_icon = "' + "x" * 5_000_000 + '"\n')
    loaded = load_settings(settings_file, NOW)
    (problem,) = loaded.problems
    assert len(str(problem)) < 300
    assert "…" in str(problem)
