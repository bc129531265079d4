"""The words deskbreak uses for its state and prompts, shared by the tray, the prompt and `ctl`."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import assert_never

from deskbreak.core.effects import PromptInfo, Refusal, Status, WelcomeBack
from deskbreak.core.kinds import PromptKind


def action(kind: PromptKind) -> str:
    """What a prompt of this kind asks, as a verb phrase."""
    match kind:
        case PromptKind.MOVE:
            return "stand up and move"
        case PromptKind.STAND:
            return "stand up"
        case PromptKind.SIT:
            return "sit down"
        case PromptKind.SESSION:
            return "do your programme's session"
    assert_never(kind)


def status_line(status: Status, now: datetime, tz: tzinfo, *, relative: bool = False) -> str:
    """One line: what is happening and when the next prompt comes.

    Times are absolute ("Sitting since 09:50 · stand up at 10:40"), so the line stays true without
    anything refreshing it every minute; `relative` words the block's length instead, for a line
    computed at the moment someone looks (the menu as it opens).
    """
    match status.phase:
        case "sitting" | "standing":
            if relative:
                text = f"{status.phase.capitalize()} {_minutes(now - status.block_since)} min"
            else:
                text = f"{status.phase.capitalize()} since {_when(status.block_since, now, tz)}"
            if status.next_prompt_at is not None:
                text += f" · {_next_action(status)} at {_when(status.next_prompt_at, now, tz)}"
            return text
        case "prompting":
            return f"Time to {action(status.prompt_kind or PromptKind.MOVE)}"
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
    """The prompt's one line: what to do and why, e.g. "50 min sitting — stand up and move for 4 minutes".

    The minutes a "move" prompt states are the offered routine's, so the prompt and its button
    never disagree; with no routine on offer they are the `move_minutes` setting.
    """
    minutes = _minutes(prompt.block_length)
    early = minutes < 5  # asked for early ("take a break now"): the sitting time would read oddly
    match prompt.kind:
        case PromptKind.SIT:
            return (
                "Time to sit down for a while"
                if early
                else f"{minutes} min standing — time to sit down for a while"
            )
        case PromptKind.STAND:
            return "Time to stand up" if early else f"{minutes} min sitting — time to stand up"
        case PromptKind.MOVE:
            move = f"stand up and move for {stated_minutes(prompt)} minutes"
            return f"Time for a break — {move}" if early else f"{minutes} min sitting — {move}"
        case PromptKind.SESSION:
            name = prompt.offer.title if prompt.offer is not None else "your session"
            return f"Time for {name} ({stated_minutes(prompt)} min)"
    assert_never(prompt.kind)


def stated_minutes(prompt: PromptInfo) -> int:
    """How long a prompt asks the user to move: its routine's length, else the setting."""
    return prompt.offer.minutes if prompt.offer is not None else prompt.move_minutes


def prompt_reason(prompt: PromptInfo) -> str:
    """The second line: a short, honest why, a little firmer at each level."""
    if prompt.kind is PromptKind.SESSION:
        return "Part of your back-care programme for today; doing it also counts as your break."
    if prompt.level >= 3:
        return "Still sitting? A short reset now is enough to break it up."
    match prompt.kind:
        case PromptKind.SESSION:  # pragma: no cover - answered above, before the levels
            raise AssertionError(prompt.kind)
        case PromptKind.SIT:
            return "Alternating is the point: standing all day is no better than sitting all day."
        case PromptKind.STAND | PromptKind.MOVE:
            if prompt.level == 2:
                return "A change of position now eases the load your lower back has carried all this time."
            return "Changing position every 45–60 minutes keeps your hips and lower back from stiffening."
    assert_never(prompt.kind)


def done_label(kind: PromptKind) -> str:
    match kind:
        case PromptKind.STAND:
            return "Done, I'm standing"
        case PromptKind.SIT:
            return "Done, I'm sitting"
        case PromptKind.MOVE:
            return "Done, I moved"
        case PromptKind.SESSION:
            return "Done already"
    assert_never(kind)


def snooze_label(prompt: PromptInfo) -> str:
    if prompt.kind is PromptKind.SESSION:
        return f"Later ({prompt.snooze_minutes} min)"
    return f"Snooze {prompt.snooze_minutes} min"


def routine_label(prompt: PromptInfo) -> str | None:
    """The routine button's text; a level-3 prompt calls its short offer a reset."""
    offer = prompt.offer
    if offer is None:
        return None
    if prompt.kind is PromptKind.SESSION:
        return f"Start ({offer.minutes} min)"
    if prompt.level >= 3:
        return f"{offer.minutes}-minute reset"
    return f"{offer.title} ({offer.minutes} min)"


def refusal_text(reason: Refusal) -> str:
    """Why a request did nothing, for `ctl` and the tray."""
    match reason:
        case Refusal.NO_PROMPT:
            return "there is no prompt to answer"
        case Refusal.NO_SNOOZES_LEFT:
            return "no snoozes left for this prompt"
        case Refusal.NOT_PAUSED:
            return "deskbreak is not paused"
        case Refusal.IN_ROUTINE:
            return "a routine is running"
        case Refusal.STALE_PROMPT:
            return "that prompt has already been answered"
        case Refusal.NO_OFFER:
            return "this prompt offers no routine"
    assert_never(reason)


WELCOME_BACK_TITLE = "Welcome back — sitting timer restarted"


def welcome_back_text(welcome: WelcomeBack) -> str:
    """The tray message after an absence that counted as a break."""
    minutes = welcome.minutes
    span = f"{minutes // 60} h {minutes % 60} min" if minutes >= 120 else f"{minutes} min"
    match welcome.kind:
        case "asleep":
            what = "The computer slept"
        case "locked":
            what = "The screen was locked"
        case "idle":
            what = "You were away"
        case _:
            assert_never(welcome.kind)
    return f"{what} for {span}: that counts as a break."


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
