"""The check-in: one click (or one key) gives today's number; its words never diagnose."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from deskbreak.core.history.events import CheckIn
from deskbreak.core.history.words import CHECK_IN_NOTE
from deskbreak.ui.checkin import CheckInWindow

from .conftest import save_shot

TUESDAY = date(2026, 11, 24)


def opened(qtbot: QtBot, previous: tuple[date, int] | None = None) -> CheckInWindow:
    window = CheckInWindow(TUESDAY, previous)
    qtbot.addWidget(window)
    window.show()
    return window


def test_one_click_answers_for_the_day_and_closes(qtbot: QtBot) -> None:
    window = opened(qtbot)
    with qtbot.waitSignal(window.answered) as answered:
        window.buttons[3].click()
    assert answered.args == [CheckIn(stiffness=3, day=TUESDAY)]
    assert not window.isVisible()


def test_the_scale_runs_from_0_to_10_with_named_buttons(qtbot: QtBot) -> None:
    window = opened(qtbot)
    assert [button.text() for button in window.buttons] == [str(n) for n in range(11)]
    assert window.buttons[10].accessibleName() == "Stiffness 10 of 10"


def test_a_digit_key_answers_too(qtbot: QtBot) -> None:
    window = opened(qtbot)
    with qtbot.waitSignal(window.answered) as answered:
        qtbot.keyClicks(window, "7")
    assert answered.args == [CheckIn(stiffness=7, day=TUESDAY)]


def test_not_today_answers_nothing(qtbot: QtBot) -> None:
    window = opened(qtbot)
    answers: list[object] = []
    window.answered.connect(answers.append)
    with qtbot.waitSignal(window.dismissed):
        window.not_today.click()
    assert answers == []
    assert not window.isVisible()


def test_the_last_answer_is_shown_for_comparison(qtbot: QtBot) -> None:
    window = opened(qtbot, previous=(date(2026, 11, 23), 4))
    assert window.previous.text() == "Last answer: 4 on Monday 23 November."


def test_the_note_calls_it_self_tracking_not_a_diagnosis() -> None:
    assert "note for yourself" in CHECK_IN_NOTE
    assert "does not judge it or diagnose anything" in CHECK_IN_NOTE


def test_screenshot(qtbot: QtBot) -> None:
    assert save_shot(opened(qtbot, previous=(date(2026, 11, 23), 4)), "checkin").exists()
