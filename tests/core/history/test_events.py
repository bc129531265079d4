"""The event kinds are a file format: every kind listed once, with a unique name."""

from __future__ import annotations

from typing import get_args

from deskbreak.core.history.events import EVENT_TYPES, HistoryEvent


def test_every_event_kind_is_listed_for_the_decoder() -> None:
    assert set(EVENT_TYPES) == set(get_args(HistoryEvent))


def test_kind_names_are_unique() -> None:
    names = [event_type.KIND for event_type in EVENT_TYPES]
    assert len(names) == len(set(names))
