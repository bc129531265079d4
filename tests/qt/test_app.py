"""The running app, offscreen: status window without a tray, prompts, pause, and remote control."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from deskbreak.app.controller import DeskbreakApp
from deskbreak.app.routines import LoadedRoutines
from deskbreak.core.clock import FakeClock
from deskbreak.core.events import BreakNow, BusyChanged, Done
from deskbreak.core.paths import default_paths
from deskbreak.core.routines.library import Library, load_library
from deskbreak.core.settings import AppearanceSettings, Settings
from deskbreak.desktop.ipc import IpcError
from deskbreak.timing.driver import EngineDriver
from deskbreak.ui.prompt import PromptWindow

from .conftest import TZ, FakeNotifier, save_shot


@pytest.fixture(scope="module")
def bundled_library() -> Library:
    return load_library(None)


def phase(app: DeskbreakApp) -> str:
    return app.driver.status.phase


def make(qapp: QApplication, driver: EngineDriver, clock: FakeClock, library: Library) -> DeskbreakApp:
    routines = LoadedRoutines(None, lambda _folder: library)
    return DeskbreakApp(qapp, driver, clock, TZ, default_paths(), routines)


@pytest.fixture
def app(
    qtbot: QtBot, qapp: QApplication, driver: EngineDriver, clock: FakeClock, bundled_library: Library
) -> Iterator[DeskbreakApp]:
    app = make(qapp, driver, clock, bundled_library)
    app.start()
    app.load_routines()
    yield app
    app.driver.stop()
    app.session.close()
    app.prompting.close()
    app.presence.close()


def minutes_pass(app: DeskbreakApp, clock: FakeClock, minutes: int) -> None:
    """Minute by minute, as the alarm wakes the app (one jump would look like a sleep)."""
    for _ in range(minutes):
        clock.advance(minutes=1)
        app.driver.kick()


def test_without_a_tray_the_status_window_shows_and_explains_why_once(
    app: DeskbreakApp, qtbot: QtBot
) -> None:
    assert not app.presence.has_tray  # offscreen has no system tray
    window = app.presence.status_window
    assert window is not None
    assert window.isVisible()
    assert window.explanation.isVisible()
    since = app.driver.status.block_since.astimezone(TZ)
    assert window.status_label.text().startswith(f"Sitting since {since:%H:%M} · stand up at ")
    save_shot(window, "status-window-first-start")
    window.dismiss_button.click()
    assert (default_paths().state_dir / "no-tray-explained").exists()


def test_take_a_break_now_shows_the_prompt_and_its_buttons_work(app: DeskbreakApp) -> None:
    app.presence.menu.break_now_action.trigger()
    assert app.prompting.window.isVisible()
    assert phase(app) == "prompting"
    app.prompting.window.snooze_button.click()
    assert not app.prompting.window.isVisible()
    assert phase(app) == "snoozed"


def test_pause_from_the_menu_and_resume(app: DeskbreakApp, clock: FakeClock) -> None:
    app.presence.menu.actions_by_text()["1 hour"].trigger()
    assert phase(app) == "paused"
    assert app.driver.status.paused_until == clock.now() + timedelta(hours=1)
    assert app.presence.menu.resume_action.isEnabled()
    app.presence.menu.resume_action.trigger()
    assert phase(app) == "sitting"


def test_remote_status_has_the_documented_fields(app: DeskbreakApp, clock: FakeClock) -> None:
    result = app.remote("status", {})
    assert {"state", "next_prompt_at", "sitting_since", "paused_until", "prompt"} <= result.keys()
    assert result["state"] == "sitting"
    assert result["prompt"] is None
    assert result["next_prompt_at"] == (clock.now() + timedelta(minutes=50)).astimezone(TZ).isoformat()


def test_remote_status_names_the_prompt_on_screen_and_its_offer(app: DeskbreakApp) -> None:
    app.remote("break-now", {})
    prompt = app.remote("status", {})["prompt"]
    assert prompt == {
        "id": 1,
        "kind": "move",
        "level": 1,
        "visible": True,
        "offered_pack": "stand-up-reset",
    }


def test_remote_commands_change_the_state(app: DeskbreakApp, clock: FakeClock) -> None:
    app.remote("pause", {"until": (clock.now() + timedelta(minutes=30)).isoformat()})
    assert app.driver.status.phase == "paused"
    app.remote("resume", {})
    app.remote("break-now", {})
    assert app.prompting.window.isVisible()
    with pytest.raises(IpcError, match="not paused"):
        app.remote("resume", {})
    with pytest.raises(IpcError, match="unknown command"):
        app.remote("dance", {})


def test_snoozes_run_out_and_ctl_says_so(app: DeskbreakApp, clock: FakeClock) -> None:
    app.remote("break-now", {})
    for _ in range(app.driver.settings.schedule.max_snoozes):
        app.remote("snooze", {})
        minutes_pass(app, clock, 5)
        assert app.prompting.window.isVisible()
    with pytest.raises(IpcError, match="no snoozes left"):
        app.remote("snooze", {})


def test_a_boolean_is_not_a_number_of_minutes(app: DeskbreakApp) -> None:
    app.remote("break-now", {})
    with pytest.raises(IpcError, match="whole minutes"):
        app.remote("snooze", {"minutes": True})


def test_a_quiet_prompt_is_one_notification_whose_buttons_answer_it(
    app: DeskbreakApp, clock: FakeClock
) -> None:
    notifier = FakeNotifier()
    app.prompting.use_notifier(notifier)
    app.driver.send(BusyChanged("fullscreen", is_busy=True))
    minutes_pass(app, clock, 61)  # due at 50 min, held, then quiet after 10 more
    assert not app.prompting.window.isVisible()
    assert [n.title for n in notifier.shown] == ["60 min sitting — stand up and move for 2 minutes"]
    assert [key for key, _label in notifier.shown[0].actions] == ["routine", "done", "snooze", "skip"]
    notifier.action_invoked.emit("done")
    assert phase(app) == "sitting"
    assert app.driver.status.prompt is None


def test_a_prompt_on_screen_sends_no_notification_over_its_own_buttons(app: DeskbreakApp) -> None:
    notifier = FakeNotifier()
    app.prompting.use_notifier(notifier)
    app.presence.menu.break_now_action.trigger()
    assert app.prompting.window.isVisible()
    assert notifier.shown == []


def test_a_user_who_prefers_notifications_gets_one_instead_of_the_window(app: DeskbreakApp) -> None:
    notifier = FakeNotifier()
    app.prompting.use_notifier(notifier)
    settings = app.driver.settings
    prefer = settings.model_copy(
        update={"notifications": settings.notifications.model_copy(update={"prompt_style": "notification"})}
    )
    assert app.settings_flow.apply(prefer) is None
    app.presence.menu.break_now_action.trigger()
    assert not app.prompting.window.isVisible()
    assert [n.title for n in notifier.shown] == ["Time for a break — stand up and move for 2 minutes"]
    notifier.action_invoked.emit("snooze")
    assert phase(app) == "snoozed"


def test_an_old_notifications_button_does_not_answer_a_new_prompt(
    app: DeskbreakApp, clock: FakeClock
) -> None:
    notifier = FakeNotifier()
    app.prompting.use_notifier(notifier)
    app.driver.send(BusyChanged("dnd", is_busy=True))
    minutes_pass(app, clock, 60)  # prompt 1 goes out quietly
    app.driver.send(BusyChanged("dnd", is_busy=False))  # ...and then shows as a window
    app.prompting.window.done_button.click()
    minutes_pass(app, clock, 50)  # prompt 2 is on screen
    notifier.action_invoked.emit("skip")  # a click on prompt 1's forgotten notification
    assert app.driver.status.prompt is not None
    assert app.driver.status.prompt.prompt_id == 2
    assert app.prompting.window.isVisible()


def test_the_routine_a_prompt_names_is_the_one_its_button_starts(app: DeskbreakApp, clock: FakeClock) -> None:
    app.presence.menu.break_now_action.trigger()
    named = app.prompting.window.routine_button.text()
    app.prompting.window.routine_button.click()
    player = app.session.player
    assert player is not None
    assert player.pack.title in named


def test_the_prompts_routine_opens_the_player_and_its_end_restarts_the_block(
    app: DeskbreakApp, clock: FakeClock
) -> None:
    app.presence.menu.break_now_action.trigger()
    app.prompting.window.routine_button.click()
    player = app.session.player
    assert player is not None
    assert player.isVisible()
    assert phase(app) == "in_routine"
    if player.pages.currentWidget() is player.cautions_page:
        player.start_button.click()
    clock.advance(seconds=20)  # twenty seconds of marching on the spot
    player.close()
    assert app.session.player is None
    assert phase(app) == "sitting"
    assert app.driver.status.block_since == clock.now()


def test_a_second_routine_asks_before_replacing_the_one_playing(app: DeskbreakApp) -> None:
    assert app.remote("play", {"pack": "stand-up-reset"}) == {"playing": "stand-up-reset"}
    assert app.remote("play", {"pack": "evening-mobility"}) == {"asked": "evening-mobility"}
    player = app.session.player
    question = app.session.question
    assert player is not None
    assert question is not None
    assert player.pack.id == "stand-up-reset"  # nothing replaced yet
    keep = next(b for b in question.buttons() if b.text().startswith("Keep"))
    keep.click()
    assert app.session.player is player
    app.remote("play", {"pack": "evening-mobility"})
    question = app.session.question
    assert question is not None
    start = next(b for b in question.buttons() if b.text().startswith("Start"))
    start.click()
    assert app.session.player is not None
    assert app.session.player.pack.id == "evening-mobility"


def test_what_stays_on_show_uses_clock_times_and_the_menu_words_minutes_as_it_opens(
    app: DeskbreakApp, clock: FakeClock
) -> None:
    since = app.driver.status.block_since.astimezone(TZ)
    clock.advance(minutes=12)  # nothing happens for twelve minutes: no timer refreshes anything
    assert app.presence.tray.icon.toolTip().startswith(f"deskbreak\nSitting since {since:%H:%M} · ")
    app.presence.menu.menu.aboutToShow.emit()
    assert app.presence.menu.status_action.text().startswith("Sitting 12 min · stand up at ")


def test_a_settings_change_reaches_the_tray_within_one_turn_of_the_loop(app: DeskbreakApp) -> None:
    assert app.presence.tray.look == ("sitting", "auto")
    dark = Settings.model_validate(
        app.driver.settings.model_dump() | {"appearance": AppearanceSettings(tray_icon="dark").model_dump()}
    )
    assert app.settings_flow.apply(dark) is None
    assert app.presence.tray.look == ("sitting", "dark")  # no event loop turn was needed at all


def test_the_standing_desk_actions_are_absent_without_a_standing_desk(app: DeskbreakApp) -> None:
    texts = set(app.presence.menu.actions_by_text())
    assert "I'm standing" not in texts
    assert "I'm sitting" not in texts
    standing = Settings.model_validate(
        app.driver.settings.model_dump() | {"schedule": {"standing_desk": True}}
    )
    app.settings_flow.apply(standing)
    texts = set(app.presence.menu.actions_by_text())
    assert "I'm standing" in texts
    assert "I'm sitting" not in texts


def test_the_explanation_is_not_repeated_on_the_next_start(
    qtbot: QtBot, qapp: QApplication, driver: EngineDriver, clock: FakeClock, bundled_library: Library
) -> None:
    paths = default_paths()
    paths.state_dir.mkdir(parents=True, exist_ok=True)
    (paths.state_dir / "no-tray-explained").touch()
    app = make(qapp, driver, clock, bundled_library)
    app.start()
    window = app.presence.status_window
    assert window is not None
    assert not window.explanation.isVisible()
    app.driver.stop()
    app.presence.close()


def test_an_error_in_a_slot_is_logged_and_told_once(caplog: pytest.LogCaptureFixture) -> None:
    from deskbreak.app import ErrorReporter

    told: list[str] = []
    reporter = ErrorReporter(told.append)
    for _ in range(2):
        try:
            raise ValueError("boom")
        except ValueError as error:
            reporter(type(error), error, error.__traceback__)
    assert len(told) == 1
    assert "ValueError: boom" in told[0]
    assert [r.levelname for r in caplog.records].count("ERROR") == 2
    caplog.clear()  # logged on purpose


def problem_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_settings_and_pack_problems_are_both_shown(app: DeskbreakApp) -> None:
    app.show_problems("Some settings could not be used.", ["settings.toml:2: schedule.sit_minutes: ..."])
    app.show_problems("Some routine packs could not be loaded.", ["packs/mine.yaml:1:1: ..."])
    boxes = problem_boxes()
    assert sorted(box.text() for box in boxes) == [
        "Some routine packs could not be loaded.",
        "Some settings could not be used.",
    ]
    for box in boxes:
        box.close()


def test_a_problem_box_shows_the_first_problems_and_counts_the_rest(
    app: DeskbreakApp, caplog: pytest.LogCaptureFixture
) -> None:
    """20,000 bad pack entries once froze the app for minutes behind a box taller than the screen."""
    lines = [f"packs/huge.yaml:{n}:3: steps[{n}].hold: must be greater than 0" for n in range(20_000)]
    app.show_problems("Some routine packs could not be loaded.", lines)
    (box,) = problem_boxes()
    shown = box.informativeText().splitlines()
    assert shown[:2] == lines[:2]
    assert shown[-1] == "… and 19988 more (the log file lists every one)"
    assert len(shown) == 13
    save_shot(box, "problems-box-capped")
    (record,) = [r for r in caplog.records if "could not be loaded" in r.getMessage()]
    assert record.getMessage().count("\n") == 20_000  # the full list, in the log
    box.close()


def test_a_huge_problem_line_is_cut_on_screen_and_in_the_log(
    app: DeskbreakApp, caplog: pytest.LogCaptureFixture
) -> None:
    app.show_problems("Some settings could not be used.", ["settings.toml:2: x: " + "y" * 5_000_000])
    (box,) = problem_boxes()
    assert len(box.informativeText()) < 300
    assert max(len(r.getMessage()) for r in caplog.records) < 400
    box.close()


def prompt_windows() -> list[QWidget]:
    return [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, PromptWindow)]


def test_the_prompt_window_is_built_for_the_first_prompt_and_then_reused(
    qapp: QApplication, driver: EngineDriver, clock: FakeClock, bundled_library: Library
) -> None:
    earlier = prompt_windows()  # other tests' apps, closed but not yet collected
    app = make(qapp, driver, clock, bundled_library)
    app.start()
    app.load_routines()
    try:
        assert prompt_windows() == earlier  # the idle tray carries no prompt window (about 2.7 MiB)
        assert not app.prompting.is_visible
        app.driver.send(BreakNow())
        (window,) = [widget for widget in prompt_windows() if widget not in earlier]
        assert window.isVisible()
        prompt = app.driver.status.prompt
        assert prompt is not None
        app.driver.send(Done(prompt.prompt_id))
        assert not window.isVisible()
        app.driver.send(BreakNow())
        assert [widget for widget in prompt_windows() if widget not in earlier] == [window]
        assert window.isVisible()
    finally:
        app.quit()
