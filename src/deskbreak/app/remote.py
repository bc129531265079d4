"""What `deskbreak ctl` and a second start may ask of the running app, and the answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from deskbreak.core.durations import MAX_PAUSE, MAX_SNOOZE_MINUTES
from deskbreak.core.effects import Effect, PromptStatus, Refused, Status
from deskbreak.core.events import BreakNow, Event, Pause, Resume, Snooze
from deskbreak.core.wording import refusal_text, status_line
from deskbreak.desktop.ipc import IpcError


def status_json(status: Status, now: datetime, tz: tzinfo) -> dict[str, Any]:
    def iso(when: datetime | None) -> str | None:
        return None if when is None else when.astimezone(tz).isoformat()

    return {
        "state": status.phase,
        "posture": status.posture,
        "next_prompt_at": iso(status.next_prompt_at),
        "sitting_since": iso(status.block_since) if status.posture == "sitting" else None,
        "standing_since": iso(status.block_since) if status.posture == "standing" else None,
        "paused_until": iso(status.paused_until),
        "snoozed_until": iso(status.snoozed_until),
        "routine": status.routine,
        "held_by": sorted(status.held_by),
        "prompt": _prompt_json(status.prompt),
        "summary": status_line(status, now, tz),
    }


def _prompt_json(prompt: PromptStatus | None) -> dict[str, Any] | None:
    """The current prompt: its identity, whether it is on screen, and the pack it offers."""
    if prompt is None:
        return None
    return {
        "id": prompt.prompt_id,
        "kind": prompt.kind.value,
        "level": prompt.level,
        "visible": prompt.visible,
        "offered_pack": prompt.offered_pack,
    }


class RemoteControl:
    """Maps each IPC command to an engine event or an app action; raises IpcError for bad requests."""

    def __init__(
        self,
        send: Callable[[Event], list[Effect]],
        status: Callable[[], Status],
        now: Callable[[], datetime],
        tz: tzinfo,
        actions: dict[str, Callable[[dict[str, Any]], Any]],
        details: Callable[[], dict[str, Any]] = dict,
    ) -> None:
        self._send = send
        self._status = status
        self._now = now
        self._tz = tz
        self._actions = actions
        self._details = details

    def __call__(self, command: str, args: dict[str, Any]) -> Any:
        match command:
            case "status":
                return status_json(self._status(), self._now(), self._tz) | self._details()
            case "break-now":
                self._carry_out(BreakNow())
            case "snooze":
                minutes = args.get("minutes")
                if minutes is not None and (
                    isinstance(minutes, bool)
                    or not isinstance(minutes, int)
                    or not 1 <= minutes <= MAX_SNOOZE_MINUTES
                ):
                    raise IpcError(f"snooze takes whole minutes between 1 and {MAX_SNOOZE_MINUTES}")
                self._carry_out(Snooze(minutes))
            case "pause":
                until, now = _instant(args.get("until")), self._now()
                if until <= now:
                    raise IpcError("the pause would already be over")
                if until > now + MAX_PAUSE:  # as `ctl pause` allows: a year-9999 end broke every status
                    raise IpcError("a pause lasts at most 7 days")
                self._carry_out(Pause(until))
            case "resume":
                self._carry_out(Resume())
            case _ if command in self._actions:
                return self._actions[command](args)
            case _:
                raise IpcError(f"unknown command {command!r}")
        return status_json(self._status(), self._now(), self._tz)

    def _carry_out(self, event: Event) -> None:
        """Send the event; a refusal becomes the error `ctl` prints, in the engine's own terms."""
        for effect in self._send(event):
            if isinstance(effect, Refused):
                raise IpcError(refusal_text(effect.reason))


def _instant(value: object) -> datetime:
    if not isinstance(value, str):
        raise IpcError("pause needs an 'until' time")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise IpcError(f"{value!r} is not an ISO 8601 time") from None
    if when.tzinfo is None:
        raise IpcError("the pause end needs a UTC offset")
    return when
