"""Engine fixtures: a fake clock starting Monday 2026-11-23 08:00 in Europe/Berlin."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from deskbreak.core.clock import FakeClock
from deskbreak.core.engine import Engine
from deskbreak.core.settings import Settings

BERLIN = ZoneInfo("Europe/Berlin")


def local(text: str) -> datetime:
    """An aware Berlin datetime from 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(local("2026-11-23 09:00"))


@pytest.fixture
def engine(clock: FakeClock) -> Engine:
    return Engine(Settings(), BERLIN, clock.now())
