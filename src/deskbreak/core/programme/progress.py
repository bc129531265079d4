"""What the engine remembers of the programme: since when it runs, which sessions are dealt with, and today.

It is part of the engine's saved state, so a restart neither offers a session twice nor forgets a
tick; the history keeps the full record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Literal, get_args

SessionOutcome = Literal["done", "skipped", "missed"]
SessionState = SessionOutcome | Literal["upcoming", "due", "waiting"]


@dataclass(frozen=True)
class SessionToday:
    """A session scheduled today, as the tray's "Today" section lists it ("waiting": due, not yet
    offered, because another session or a routine comes first)."""

    session_id: str
    pack_id: str
    at: datetime
    state: SessionState


@dataclass(frozen=True)
class ProgrammeProgress:
    """`since`: occurrences before it are not the programme's (it was off, or not installed yet).

    `handled`: per session, the last day whose occurrence was offered, done, skipped or missed;
    `outcomes` and `ticked` are about `today` only and start empty each day.
    """

    since: datetime | None = None
    handled: tuple[tuple[str, date], ...] = ()
    today: date | None = None
    outcomes: tuple[tuple[str, SessionOutcome], ...] = ()
    ticked: frozenset[str] = frozenset()

    def handled_through(self, session_id: str) -> date | None:
        return next((day for sid, day in self.handled if sid == session_id), None)

    def handle(self, session_id: str, day: date) -> ProgrammeProgress:
        others = tuple((sid, d) for sid, d in self.handled if sid != session_id)
        return replace(self, handled=(*others, (session_id, day)))

    def on(self, day: date) -> ProgrammeProgress:
        """The same progress, with today's outcomes and ticks cleared if `day` is a new day."""
        if self.today == day:
            return self
        return replace(self, today=day, outcomes=(), ticked=frozenset())

    def outcome(self, session_id: str) -> SessionOutcome | None:
        return next((outcome for sid, outcome in self.outcomes if sid == session_id), None)

    def with_outcome(self, session_id: str, day: date, outcome: SessionOutcome) -> ProgrammeProgress:
        """Remember how today's occurrence ended (an occurrence of another day is history only)."""
        if day != self.today:
            return self
        others = tuple((sid, o) for sid, o in self.outcomes if sid != session_id)
        return replace(self, outcomes=(*others, (session_id, outcome)))

    def with_tick(self, item_id: str, ticked: bool) -> ProgrammeProgress:
        return replace(self, ticked=self.ticked | {item_id} if ticked else self.ticked - {item_id})

    def to_data(self) -> dict[str, Any]:
        return {
            "since": None if self.since is None else self.since.isoformat(),
            "handled": {sid: day.isoformat() for sid, day in self.handled},
            "today": None if self.today is None else self.today.isoformat(),
            "outcomes": dict(self.outcomes),
            "ticked": sorted(self.ticked),
        }

    @classmethod
    def from_data(cls, data: object) -> ProgrammeProgress:
        """Raises ValueError, TypeError or KeyError for anything malformed (the snapshot reports it)."""
        if not isinstance(data, dict):
            raise TypeError(f"programme progress must be a table, found {data!r}")
        since = data.get("since")
        if since is not None:
            since = datetime.fromisoformat(since)
            if since.tzinfo is None:
                raise ValueError(f"programme start without a UTC offset: {data['since']!r}")
        handled = tuple((str(sid), date.fromisoformat(day)) for sid, day in dict(data["handled"]).items())
        today = None if data.get("today") is None else date.fromisoformat(data["today"])
        outcomes: list[tuple[str, SessionOutcome]] = []
        for sid, outcome in dict(data["outcomes"]).items():
            if outcome not in get_args(SessionOutcome):
                raise ValueError(f"unknown session outcome {outcome!r}")
            outcomes.append((str(sid), outcome))
        ticked = frozenset(str(item) for item in data["ticked"])
        return cls(since, handled, today, tuple(outcomes), ticked)
