"""The settings dialog, page by page: edit, apply, reopen and see it kept; invalid input saves nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deskbreak.app.controller import DeskbreakApp
from deskbreak.core.clock import FakeClock
from deskbreak.core.paths import default_paths
from deskbreak.core.settings import Settings
from deskbreak.core.settings_store import load_settings
from deskbreak.timing.driver import EngineDriver
from deskbreak.ui.settings_dialog import PAGES, SettingsDialog
from deskbreak.ui.settings_editors import PackListEditor, WorkingHoursEditor
from deskbreak.ui.settings_fields import BoolEditor, ChoiceEditor, IntEditor, fields_of

from . import settings_fixtures
from .conftest import TZ
from .conftest import save_shot as grab
from .settings_fixtures import FakeAutostart, close_app, file_bytes, make_app, saved_file

# The shared fixtures, by the names the tests ask for.
app = settings_fixtures.app
autostart = settings_fixtures.autostart


def save_shot(dialog: SettingsDialog, name: str) -> Path:
    QApplication.processEvents()  # let the layouts settle after the last edit
    return grab(dialog, name)


def open_dialog(app: DeskbreakApp, page: str = "Schedule") -> SettingsDialog:
    dialog = app.settings_flow.open_settings(page)
    assert dialog.isVisible()
    return dialog


def reopen(app: DeskbreakApp, dialog: SettingsDialog, page: str = "Schedule") -> SettingsDialog:
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert app.settings_flow.settings_dialog is None
    fresh = open_dialog(app, page)
    assert fresh is not dialog
    return fresh


def editor(dialog: SettingsDialog, key: str) -> object:
    return dialog.rows[key].editor


def spin(dialog: SettingsDialog, key: str) -> IntEditor:
    found = editor(dialog, key)
    assert isinstance(found, IntEditor)
    return found


def check(dialog: SettingsDialog, key: str) -> BoolEditor:
    found = editor(dialog, key)
    assert isinstance(found, BoolEditor)
    return found


def hours(dialog: SettingsDialog) -> WorkingHoursEditor:
    found = editor(dialog, "working_hours")
    assert isinstance(found, WorkingHoursEditor)
    return found


def packs(dialog: SettingsDialog) -> PackListEditor:
    found = editor(dialog, "routines.prompt_packs")
    assert isinstance(found, PackListEditor)
    return found


# --- generated from the model -----------------------------------------------------------------------


def test_every_setting_in_the_model_has_an_editor_on_some_page(app: DeskbreakApp) -> None:
    dialog = open_dialog(app)
    declared = {spec.key for name in Settings.model_fields for spec in fields_of(Settings, name)}
    assert set(dialog.rows) == declared
    placed = [name for page in PAGES for name in page.entries]
    assert sorted(placed) == sorted(Settings.model_fields)


def test_an_editor_follows_the_fields_type_bounds_and_unit(app: DeskbreakApp) -> None:
    dialog = open_dialog(app)
    sit = spin(dialog, "schedule.sit_minutes")
    assert (sit.spin.minimum(), sit.spin.maximum(), sit.spin.suffix()) == (20, 120, " min")
    assert sit.note is not None
    assert sit.note.text() == "45–60 recommended"
    assert spin(dialog, "awareness.away_after_seconds").spin.suffix() == " s"
    assert isinstance(editor(dialog, "routines.offer"), ChoiceEditor)
    assert check(dialog, "schedule.standing_desk").check.text() == "I have a standing desk"
    assert dialog.rows["schedule.sit_minutes"].editor.toolTip().startswith("Minutes of unbroken sitting")


def test_the_recommended_band_says_when_a_value_is_outside_it(app: DeskbreakApp) -> None:
    sit = spin(open_dialog(app), "schedule.sit_minutes")
    sit.spin.setValue(90)
    assert sit.note is not None
    assert sit.note.text() == "outside 45–60"


def test_standing_time_matters_only_with_a_standing_desk(app: DeskbreakApp) -> None:
    dialog = open_dialog(app)
    stand = spin(dialog, "schedule.stand_minutes")
    assert not stand.isEnabled()
    check(dialog, "schedule.standing_desk").check.setChecked(True)
    assert stand.isEnabled()


# --- Schedule -------------------------------------------------------------------------------------


def test_a_new_sitting_time_is_saved_and_moves_the_next_prompt_at_once(
    app: DeskbreakApp, clock: FakeClock
) -> None:
    started = clock.now()
    assert app.driver.next_wakeup == started + timedelta(minutes=50)
    dialog = open_dialog(app)
    spin(dialog, "schedule.sit_minutes").spin.setValue(45)
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    assert app.driver.next_wakeup == started + timedelta(minutes=45)
    assert saved_file()["schedule"]["sit_minutes"] == 45
    assert not dialog.apply_button.isEnabled()  # nothing left to apply
    stand_up_at = (started + timedelta(minutes=45)).astimezone(TZ).strftime("%H:%M")
    assert app.presence.status_window is not None
    assert stand_up_at in app.presence.status_window.status_label.text()
    assert spin(reopen(app, dialog), "schedule.sit_minutes").value() == 45


def test_snooze_settings_are_kept(app: DeskbreakApp) -> None:
    dialog = open_dialog(app)
    spin(dialog, "schedule.snooze_minutes").spin.setValue(10)
    spin(dialog, "schedule.max_snoozes").spin.setValue(0)
    dialog.apply_button.click()
    assert app.driver.settings.schedule.snooze_minutes == 10
    fresh = reopen(app, dialog)
    assert spin(fresh, "schedule.snooze_minutes").value() == 10
    assert spin(fresh, "schedule.max_snoozes").value() == 0


def test_a_day_gets_a_second_range_and_another_day_is_turned_off(app: DeskbreakApp, qtbot: QtBot) -> None:
    dialog = open_dialog(app)
    week = hours(dialog)
    monday = week.days["monday"]
    monday.ranges[0].setText("08:00-12:00")
    monday.add_button.click()
    qtbot.keyClicks(monday.ranges[1], "13:00-17:00")
    week.days["sunday"].check.setChecked(False)
    dialog.apply_button.click()
    saved = saved_file()["working_hours"]
    assert saved["monday"] == ["08:00-12:00", "13:00-17:00"]
    assert "sunday" not in saved
    fresh = hours(reopen(app, dialog))
    assert [edit.text() for edit in fresh.days["monday"].ranges] == ["08:00-12:00", "13:00-17:00"]
    assert not fresh.days["sunday"].check.isChecked()


def test_removing_a_days_last_range_turns_the_day_off(app: DeskbreakApp) -> None:
    dialog = open_dialog(app)
    tuesday = hours(dialog).days["tuesday"]
    tuesday._remove_buttons[tuesday.ranges[0]].click()
    assert not tuesday.check.isChecked()
    tuesday.check.setChecked(True)  # back on: a usual day is offered
    assert [edit.text() for edit in tuesday.ranges] == ["09:00-17:30"]


def test_a_range_that_is_not_a_range_shows_why_and_saves_nothing(app: DeskbreakApp, qtbot: QtBot) -> None:
    before = file_bytes()
    dialog = open_dialog(app)
    monday = hours(dialog).days["monday"]
    monday.ranges[0].clear()
    qtbot.keyClicks(monday.ranges[0], "9-17")
    assert monday.error.isVisibleTo(dialog)
    assert monday.error.label.text() == '"9-17" is not a range like "09:00-12:30"'
    assert not dialog.ok_button.isEnabled()
    assert not dialog.apply_button.isEnabled()
    assert dialog.status.isVisibleTo(dialog)
    dialog.ok_button.click()  # disabled: nothing happens
    assert dialog.isVisible()
    assert file_bytes() == before
    save_shot(dialog, "settings-schedule-invalid")


def test_overlapping_ranges_are_named_beside_their_day(app: DeskbreakApp, qtbot: QtBot) -> None:
    dialog = open_dialog(app)
    week = hours(dialog)
    week.days["wednesday"].add_button.click()
    qtbot.keyClicks(week.days["wednesday"].ranges[1], "12:00-13:00")
    assert week.days["wednesday"].error.label.text() == "ranges 00:00-24:00 and 12:00-13:00 overlap"
    assert not week.days["monday"].error.isVisibleTo(dialog)
    assert not dialog.apply_button.isEnabled()
    week.days["wednesday"]._remove_buttons[week.days["wednesday"].ranges[1]].click()
    assert not week.days["wednesday"].error.isVisibleTo(dialog)
    assert dialog.ok_button.isEnabled()


def test_a_page_with_an_error_is_marked_in_the_list(app: DeskbreakApp, qtbot: QtBot) -> None:
    dialog = open_dialog(app)
    hours(dialog).days["friday"].ranges[0].setText("17:00-09:00")
    dialog.show_page("Awareness")
    assert not dialog.sidebar.item(0).icon().isNull()
    assert dialog.sidebar.item(2).icon().isNull()


# --- Routines -------------------------------------------------------------------------------------


def test_the_prompts_packs_and_how_to_choose_are_kept(app: DeskbreakApp) -> None:
    dialog = open_dialog(app, "Routines")
    chooser = packs(dialog)
    items = {
        chooser.list.item(i).data(Qt.ItemDataRole.UserRole): chooser.list.item(i)
        for i in range(chooser.list.count())
    }
    items["stand-up-reset"].setCheckState(Qt.CheckState.Unchecked)
    items["walk-break"].setCheckState(Qt.CheckState.Checked)
    chooser.list.setCurrentItem(items["walk-break"])
    while chooser.list.currentRow() > 0:
        chooser.up_button.click()
    offer = editor(dialog, "routines.offer")
    assert isinstance(offer, ChoiceEditor)
    offer.combo.setCurrentIndex(offer.combo.findData("time_of_day"))
    dialog.apply_button.click()
    assert saved_file()["routines"] == {
        "prompt_packs": ["walk-break", "whole-back-desk", "lower-back-release"],
        "offer": "time_of_day",
    }
    fresh = reopen(app, dialog, "Routines")
    assert packs(fresh).value() == ("walk-break", "whole-back-desk", "lower-back-release")
    assert editor(fresh, "routines.offer").value() == "time_of_day"  # type: ignore[attr-defined]


def test_the_routines_page_lists_the_problems_in_user_packs(app: DeskbreakApp) -> None:
    packs_dir = default_paths().user_routines_dir / "packs"
    packs_dir.mkdir(parents=True)
    (packs_dir / "mine.yaml").write_text("schema: 1\nid: my-pack\ntitle: Mine\n", encoding="utf-8")
    dialog = open_dialog(app, "Routines")
    text = dialog.problems_view.toPlainText()
    assert "packs/mine.yaml:1:1: missing required key 'summary'" in text.splitlines()
    save_shot(dialog, "settings-routines")


def test_a_pack_the_settings_name_but_nobody_loaded_is_reported_not_fatal(
    qtbot: QtBot, qapp: QApplication, clock: FakeClock, autostart: FakeAutostart, tmp_path: Path
) -> None:
    from deskbreak.core.engine import Engine

    settings = Settings.model_validate({"routines": {"prompt_packs": ["my-lost-pack", "walk-break"]}})
    driver = EngineDriver(Engine(settings, TZ, clock.now()), clock, tmp_path / "state.json")
    app = make_app(qapp, driver, clock, autostart)
    app.start()
    dialog = open_dialog(app, "Routines")
    assert packs(dialog).list.item(0).text() == "my-lost-pack — not loaded"
    assert "no pack 'my-lost-pack' is loaded" in dialog.problems_view.toPlainText()
    assert dialog.ok_button.isEnabled()
    close_app(app)


# --- Awareness, notifications and sound -----------------------------------------------------------


def test_awareness_settings_are_kept(app: DeskbreakApp) -> None:
    dialog = open_dialog(app, "Awareness")
    spin(dialog, "awareness.away_after_seconds").spin.setValue(300)
    check(dialog, "awareness.hold_during_fullscreen").check.setChecked(False)
    spin(dialog, "awareness.quiet_after_minutes").spin.setValue(20)
    save_shot(dialog, "settings-awareness")
    dialog.apply_button.click()
    assert app.driver.settings.awareness.hold_during_fullscreen is False
    fresh = reopen(app, dialog, "Awareness")
    assert spin(fresh, "awareness.away_after_seconds").value() == 300
    assert check(fresh, "awareness.hold_during_fullscreen").value() is False
    assert spin(fresh, "awareness.quiet_after_minutes").value() == 20


def test_notification_and_sound_settings_are_kept(app: DeskbreakApp) -> None:
    dialog = open_dialog(app, "Notifications and sound")
    check(dialog, "notifications.desktop_notifications").check.setChecked(False)
    check(dialog, "sound.routine_cues").check.setChecked(False)
    save_shot(dialog, "settings-notifications-and-sound")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert saved_file()["notifications"]["desktop_notifications"] is False
    fresh = open_dialog(app, "Notifications and sound")
    assert check(fresh, "sound.routine_cues").value() is False


# --- Start at login -------------------------------------------------------------------------------


def test_start_at_login_writes_and_removes_the_login_item(
    app: DeskbreakApp, autostart: FakeAutostart
) -> None:
    dialog = open_dialog(app, "Start at login")
    save_shot(dialog, "settings-start-at-login")
    check(dialog, "startup.start_at_login").check.setChecked(True)
    dialog.apply_button.click()
    assert autostart.is_enabled()
    assert autostart.command  # the launch command; the backend adds --autostart
    assert saved_file()["startup"]["start_at_login"] is True
    check(dialog, "startup.start_at_login").check.setChecked(False)
    dialog.apply_button.click()
    assert not autostart.is_enabled()
    assert saved_file()["startup"]["start_at_login"] is False


def test_a_login_item_that_cannot_be_written_is_explained_and_nothing_is_saved(
    app: DeskbreakApp, autostart: FakeAutostart
) -> None:
    autostart.broken = True
    dialog = open_dialog(app, "Start at login")
    check(dialog, "startup.start_at_login").check.setChecked(True)
    dialog.ok_button.click()
    assert dialog.isVisible()  # OK did not close it
    assert dialog.status.label.text() == (
        "Could not turn on start at login (a fake login item): Permission denied"
    )
    assert file_bytes() is None
    assert app.driver.settings.startup.start_at_login is False


# --- the buttons ----------------------------------------------------------------------------------


def test_restore_defaults_resets_the_widgets_but_saves_only_on_apply(app: DeskbreakApp) -> None:
    dialog = open_dialog(app)
    spin(dialog, "schedule.sit_minutes").spin.setValue(60)
    dialog.apply_button.click()
    before = file_bytes()
    dialog.defaults_button.click()
    assert spin(dialog, "schedule.sit_minutes").value() == 50
    assert not hours(dialog).days["saturday"].check.isChecked()  # the default week is Monday to Friday
    assert file_bytes() == before
    dialog.apply_button.click()
    assert saved_file()["schedule"]["sit_minutes"] == 50
    assert app.driver.settings == Settings()


def test_cancel_changes_nothing(app: DeskbreakApp) -> None:
    settings = app.driver.settings
    dialog = open_dialog(app)
    spin(dialog, "schedule.sit_minutes").spin.setValue(30)
    hours(dialog).days["monday"].check.setChecked(False)
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert not dialog.isVisible()
    assert file_bytes() is None
    assert app.driver.settings == settings
    assert spin(open_dialog(app), "schedule.sit_minutes").value() == 50


def test_opening_settings_twice_brings_up_the_same_window(app: DeskbreakApp) -> None:
    app.presence.menu.settings_action.trigger()
    first = app.settings_flow.settings_dialog
    app.settings_flow.open_settings()
    assert app.settings_flow.settings_dialog is first


def test_settings_this_version_does_not_know_survive_a_save(
    qtbot: QtBot, qapp: QApplication, driver: EngineDriver, clock: FakeClock, autostart: FakeAutostart
) -> None:
    path = default_paths().settings_file
    path.parent.mkdir(parents=True)
    path.write_text(
        '[future]\nlevel = 3\n\n[schedule]\nsit_minutes = 55\ncolour = "teal"\n', encoding="utf-8"
    )
    loaded = load_settings(path, clock.now())
    app = make_app(qapp, driver, clock, autostart, loaded.unknown)
    app.start()
    dialog = open_dialog(app)
    spin(dialog, "schedule.snooze_minutes").spin.setValue(7)
    dialog.apply_button.click()
    saved = saved_file()
    assert saved["future"] == {"level": 3}
    assert saved["schedule"]["colour"] == "teal"
    assert saved["schedule"]["snooze_minutes"] == 7
    close_app(app)


def test_each_page_is_drawn(app: DeskbreakApp) -> None:
    """Screenshots for a person to look at (test-output/screenshots/settings-*.png)."""
    dialog = open_dialog(app)
    for page in PAGES:
        dialog.show_page(page.title)
        name = page.title.lower().replace(" ", "-")
        assert save_shot(dialog, f"settings-page-{name}").stat().st_size > 0
