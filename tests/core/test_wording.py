"""The words for prompts, refusals and returns: every kind has them (the match is exhaustive)."""

from __future__ import annotations

import pytest

from deskbreak.core.effects import Refusal, WelcomeBack
from deskbreak.core.kinds import PromptKind
from deskbreak.core.wording import action, done_label, refusal_text, welcome_back_text


@pytest.mark.parametrize("kind", list(PromptKind))
def test_every_prompt_kind_has_its_words(kind: PromptKind) -> None:
    assert action(kind)
    assert done_label(kind).startswith("Done")


@pytest.mark.parametrize("reason", list(Refusal))
def test_every_refusal_has_a_reason_in_words(reason: Refusal) -> None:
    assert refusal_text(reason)


def test_welcome_back_says_what_kind_of_absence_and_how_long() -> None:
    assert welcome_back_text(WelcomeBack(6, "idle")) == "You were away for 6 min: that counts as a break."
    assert (
        welcome_back_text(WelcomeBack(30, "asleep"))
        == "The computer slept for 30 min: that counts as a break."
    )
    assert (
        welcome_back_text(WelcomeBack(150, "locked"))
        == "The screen was locked for 2 h 30 min: that counts as a break."
    )
