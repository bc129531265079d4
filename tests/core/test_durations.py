"""Pause lengths as users type them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskbreak.core.durations import parse_pause

from .conftest import BERLIN, local

NOW = local("2026-11-23 10:15")


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("30m", timedelta(minutes=30)),
        ("90", timedelta(minutes=90)),
        ("1h", timedelta(hours=1)),
        ("1h30m", timedelta(minutes=90)),
        ("2 hours", timedelta(hours=2)),
        ("45 min", timedelta(minutes=45)),
    ],
)
def test_durations(text: str, length: timedelta) -> None:
    assert parse_pause(text, NOW, BERLIN) == NOW + length


def test_tomorrow_ends_at_local_midnight() -> None:
    assert parse_pause("tomorrow", NOW, BERLIN) == local("2026-11-24 00:00")


@pytest.mark.parametrize(
    "text", ["", "soon", "0", "30s", "1h banana", "8d", "200h", "99999999999999", "99999999999999h"]
)
def test_nonsense_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValueError, match=r"30m|between"):
        parse_pause(text, NOW, BERLIN)
