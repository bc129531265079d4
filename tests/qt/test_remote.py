"""What the control socket accepts: the same limits as the command line, whatever a client sends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from deskbreak.app.remote import RemoteControl
from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import Effect
from deskbreak.core.engine import Engine
from deskbreak.core.events import Event
from deskbreak.core.settings import Settings
from deskbreak.desktop.ipc import IpcError

UTC_PLUS_5 = timezone(timedelta(hours=5))


@pytest.fixture
def remote() -> RemoteControl:
    clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    engine = Engine(Settings(), UTC_PLUS_5, clock.now())

    def send(event: Event) -> list[Effect]:
        return engine.handle(event, clock.now())

    return RemoteControl(send, lambda: engine.status, clock.now, UTC_PLUS_5, {})


def test_a_pause_until_the_year_9999_is_refused_and_status_still_answers(remote: RemoteControl) -> None:
    with pytest.raises(IpcError, match="at most 7 days"):
        remote("pause", {"until": "9999-12-31T23:59:00+00:00"})
    assert remote("status", {})["state"] == "sitting"


def test_a_pause_of_seven_days_is_accepted_as_on_the_command_line(remote: RemoteControl) -> None:
    until = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    result: dict[str, Any] = remote("pause", {"until": until.isoformat()})
    assert result["state"] == "paused"
    assert result["paused_until"] == until.astimezone(UTC_PLUS_5).isoformat()


@pytest.mark.parametrize("minutes", [True, False, 1.5, "5", 0, 241])
def test_snooze_minutes_must_be_a_whole_number_not_a_boolean(remote: RemoteControl, minutes: object) -> None:
    with pytest.raises(IpcError, match="whole minutes between 1 and 240"):
        remote("snooze", {"minutes": minutes})
