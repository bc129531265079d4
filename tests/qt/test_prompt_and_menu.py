"""The prompt's buttons and the menu's actions emit the right engine events, and look right."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from deskbreak.core.effects import PromptInfo, Status
from deskbreak.core.events import BreakNow, PostureChanged, Resume, StartRoutine
from deskbreak.core.kinds import PromptKind
from deskbreak.core.offer import OfferedRoutine
from deskbreak.core.wording import stated_minutes
from deskbreak.ui.menu import AppMenu
from deskbreak.ui.prompt import PromptWindow

from .conftest import save_shot

ROUTINE = OfferedRoutine("stand-up-reset", "Stand-up reset", 2)
WHOLE_BACK = OfferedRoutine("whole-back-desk", "Whole-back desk routine", 4)


def prompt(
    level: int = 1,
    kind: PromptKind = PromptKind.MOVE,
    can_snooze: bool = True,
    offer: OfferedRoutine | None = ROUTINE,
) -> PromptInfo:
    return PromptInfo(
        prompt_id=1,
        kind=kind,
        level=level,
        block_length=timedelta(minutes=50),
        move_minutes=2,
        can_snooze=can_snooze,
        snooze_minutes=5,
        standing_desk=kind is not PromptKind.MOVE,
        offer=offer,
    )


@pytest.fixture
def window(qtbot: QtBot) -> PromptWindow:
    window = PromptWindow()
    qtbot.addWidget(window)
    return window


def test_the_prompt_says_what_to_do_and_why_in_one_line(window: PromptWindow) -> None:
    window.show_prompt(prompt())
    assert window.title.text() == "50 min sitting — stand up and move for 2 minutes"
    assert "45–60 minutes" in window.reason.text()
    assert window.isVisible()
    save_shot(window, "prompt-level-1")


@pytest.mark.parametrize(
    ("button", "answer"),
    [
        ("done_button", "done"),
        ("snooze_button", "snooze"),
        ("skip_button", "skip"),
        ("routine_button", "routine"),
    ],
)
def test_each_button_says_which_answer_it_is(
    qtbot: QtBot, window: PromptWindow, button: str, answer: str
) -> None:
    window.show_prompt(prompt())
    with qtbot.waitSignal(window.answered) as emitted:
        getattr(window, button).click()
    assert emitted.args == [answer]


def test_the_minutes_the_prompt_asks_for_are_the_offered_routines(window: PromptWindow) -> None:
    window.show_prompt(prompt(offer=WHOLE_BACK))
    assert window.title.text() == "50 min sitting — stand up and move for 4 minutes"
    assert window.routine_button.text() == "▶ Whole-back desk routine (4 min)"
    assert stated_minutes(prompt(offer=None)) == 2  # with nothing offered, the setting's length


def test_the_prompt_never_takes_the_keyboard(window: PromptWindow) -> None:
    assert window.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    for button in (window.done_button, window.snooze_button, window.skip_button, window.routine_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_with_no_snoozes_left_the_prompt_offers_the_short_routine(window: PromptWindow) -> None:
    window.show_prompt(prompt(level=3, can_snooze=False))
    assert not window.snooze_button.isVisible()
    assert window.routine_button.text() == "▶ 2-minute reset"
    assert window.routine_button.isDefault()
    save_shot(window, "prompt-level-3")


def test_a_standing_desk_prompt_has_a_done_im_standing_button(window: PromptWindow) -> None:
    window.show_prompt(prompt(kind=PromptKind.STAND, level=2))
    assert window.done_button.text() == "Done, I'm standing"
    assert window.title.text() == "50 min sitting — time to stand up"
    save_shot(window, "prompt-level-2-standing-desk")


def test_without_packs_the_prompt_offers_no_routine(window: PromptWindow) -> None:
    window.show_prompt(prompt(offer=None))
    assert not window.routine_button.isVisible()


def test_the_prompt_sits_next_to_the_tray_icon(window: PromptWindow) -> None:
    screen = window.screen().availableGeometry()
    icon = QRect(screen.right() - 30, screen.top() + 2, 22, 22)
    window.show_prompt(prompt(), anchor=icon)
    assert window.geometry().top() > icon.bottom()
    assert screen.contains(window.geometry())


def status(phase: str = "sitting", posture: str = "sitting") -> Status:
    from datetime import UTC, datetime

    return Status(phase, posture, datetime.now(UTC), None, None, None, None, frozenset())  # type: ignore[arg-type]


def test_menu_actions_emit_engine_events(qtbot: QtBot) -> None:
    menu = AppMenu()
    menu.set_routines([("stand-up-reset", "Stand-up reset · 2 min")])
    menu.update_status(status("paused"), "Paused", standing_desk=True)
    actions = menu.actions_by_text()
    expected = {
        "Take a break now": BreakNow(),
        "Stand-up reset · 2 min": StartRoutine("stand-up-reset"),
        "I'm standing": PostureChanged("standing"),
        "Resume": Resume(),
    }
    for text, event in expected.items():
        with qtbot.waitSignal(menu.intent) as emitted:
            actions[text].trigger()
        assert emitted.args == [event]
    with qtbot.waitSignal(menu.pause_chosen) as chosen:
        actions["Until tomorrow"].trigger()
    assert chosen.args == ["tomorrow"]
    with qtbot.waitSignal(menu.quit_requested):
        actions["Quit"].trigger()


def test_menu_offers_only_what_makes_sense_now() -> None:
    menu = AppMenu()
    menu.update_status(status("sitting"), "Sitting 12 min", standing_desk=False)
    assert not menu.snooze_action.isEnabled()
    assert not menu.resume_action.isEnabled()
    assert menu.standing_action not in menu.menu.actions()
    assert menu.sitting_action not in menu.menu.actions()
    menu.update_status(status("prompting"), "Time to stand up and move", standing_desk=True)
    assert menu.snooze_action.isEnabled()
    assert menu.standing_action in menu.menu.actions()
    assert menu.sitting_action not in menu.menu.actions()
    assert menu.status_action.text() == "Time to stand up and move"


def test_without_packs_the_routine_menu_explains_itself() -> None:
    menu = AppMenu()
    (entry,) = menu.routines_menu.actions()
    assert entry.text() == "No routine packs loaded"
    assert not entry.isEnabled()


@pytest.mark.parametrize("level", [1, 2, 3])
def test_no_button_label_is_cut_off(qtbot: QtBot, window: PromptWindow, level: int) -> None:
    window.show_prompt(
        prompt(level=level, can_snooze=level < 3, offer=OfferedRoutine("x", "A rather long routine name", 12))
    )
    qtbot.waitExposed(window)
    for button in (window.routine_button, window.done_button, window.snooze_button, window.skip_button):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()


def test_the_tray_icon_colour_follows_the_users_choice() -> None:
    from deskbreak.ui.icons import panel_variant

    assert panel_variant("light") == "light"
    assert panel_variant("dark") == "dark"
    assert panel_variant("auto") in ("light", "dark")
