"""The words deskbreak uses for its state and prompts, shared by the tray, the prompt and `ctl`."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from deskbreak.core.effects import PromptInfo, PromptKind, Status

_ACTION = {"move": "stand up and move", "stand": "stand up", "sit": "sit down"}


def status_line(status: Status, now: datetime, tz: tzinfo) -> str:
    """One line for the tooltip: what is happening and when the next prompt comes."""
    match status.phase:
        case "sitting" | "standing":
            minutes = _minutes(now - status.block_since)
            text = f"{status.phase.capitalize()} {minutes} min"
            if status.next_prompt_at is not None:
                text += f" · {_next_action(status)} at {_when(status.next_prompt_at, now, tz)}"
            return text
        case "prompting":
            return f"Time to {_ACTION[status.prompt_kind or 'move']}"
        case "snoozed":
            until = status.snoozed_until
            return f"Snoozed until {_when(until, now, tz)}" if until else "Snoozed"
        case "in_routine":
            return "Doing a routine"
        case "away":
            return "Away · the sitting timer waits"
        case "paused":
            until = status.paused_until
            return f"Paused until {_when(until, now, tz)}" if until else "Paused until you resume"
        case "off_hours":
            nxt = status.next_prompt_at
            return (
                f"Outside working hours · next prompt {_when(nxt, now, tz)}"
                if nxt
                else "Outside working hours"
            )
    raise AssertionError(status.phase)  # pragma: no cover - the match is exhaustive


def prompt_title(prompt: PromptInfo) -> str:
    """The prompt's one line: what to do and why, e.g. "50 min sitting — stand up and move for 2 minutes"."""
    minutes = _minutes(prompt.block_length)
    if minutes < 5:  # asked for early ("take a break now"): the sitting time would read oddly
        return {"sit": "Time to sit down for a while", "stand": "Time to stand up"}.get(
            prompt.kind, f"Time for a break — stand up and move for {prompt.move_minutes} minutes"
        )
    if prompt.kind == "sit":
        return f"{minutes} min standing — time to sit down for a while"
    if prompt.kind == "stand":
        return f"{minutes} min sitting — time to stand up"
    return f"{minutes} min sitting — stand up and move for {prompt.move_minutes} minutes"


def prompt_reason(prompt: PromptInfo) -> str:
    """The second line: a short, honest why, a little firmer at each level."""
    if prompt.level >= 3:
        return "Still sitting? A short reset now is enough to break it up."
    if prompt.kind == "sit":
        return "Alternating is the point: standing all day is no better than sitting all day."
    if prompt.level == 2:
        return "A change of position now eases the load your lower back has carried all this time."
    return "Changing position every 45–60 minutes keeps your hips and lower back from stiffening."


def done_label(kind: PromptKind) -> str:
    return {"stand": "Done, I'm standing", "sit": "Done, I'm sitting", "move": "Done, I moved"}[kind]


def _next_action(status: Status) -> str:
    return "sit down" if status.posture == "standing" else "stand up"


def _minutes(span: timedelta) -> int:
    return max(0, int(span.total_seconds() // 60))


def _when(at: datetime, now: datetime, tz: tzinfo) -> str:
    local, today = at.astimezone(tz), now.astimezone(tz).date()
    if local.date() == today:
        return f"{local:%H:%M}"
    if local.date() == today + timedelta(days=1):
        return f"tomorrow {local:%H:%M}"
    return f"{local:%a %H:%M}"
