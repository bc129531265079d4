"""How the tray's "Today" section words the day's programme: each session and its state."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from typing import assert_never

from deskbreak.core.programme.progress import SessionState, SessionToday


def state_text(state: SessionState, at_text: str) -> str:
    match state:
        case "done":
            return "done ✓"
        case "skipped":
            return "skipped"
        case "missed":
            return "missed"
        case "due":
            return "now"
        case "waiting":
            return "next"
        case "upcoming":
            return at_text
    assert_never(state)


def session_line(session: SessionToday, titles: Mapping[str, str], tz: tzinfo) -> str:
    """ "Evening mobility · 17:30", "Evening mobility · done ✓"."""
    title = titles.get(session.pack_id, session.pack_id)
    return f"{title} · {state_text(session.state, f'{session.at.astimezone(tz):%H:%M}')}"
