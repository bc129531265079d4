"""Walks a routine timeline on a monotonic clock: where the user is, what comes next, what was done.

Time is never counted in ticks: the position inside a segment is `now - segment start - paused
time`, and a finished segment hands its exact end to the next one, so a slow redraw, a busy loop
or a pause never makes a hold longer or shorter than its seconds. The Qt window only asks
`advance(now)` and `view(now)` a few times a second while it runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from deskbreak.core.routines.plan import Segment, Timeline

Cue = Literal["transition", "tick", "finished"]
COUNTDOWN_TICKS = 3  # a soft tick in each of the last three seconds of a timed segment


@dataclass(frozen=True)
class PlayerView:
    """Everything the window draws for one moment."""

    segment: Segment
    index: int  # position in the timeline
    step_number: int  # 1-based pack step, for "Step 3 of 9"
    steps_total: int
    remaining_seconds: float
    rep: int | None  # the rep being done now, paced by seconds_per_rep
    next_segment: Segment | None
    progress: float  # 0..1 of the whole routine's time
    is_paused: bool
    is_finished: bool


@dataclass(frozen=True)
class RoutineReport:
    """What the engine and the history get when the player closes."""

    pack_id: str
    completed: bool
    steps_done: int
    steps_total: int
    seconds_moved: int


class RoutinePlayer:
    """The player's state; every method takes the current monotonic time in seconds."""

    def __init__(self, timeline: Timeline, steps_total: int) -> None:
        if not timeline.segments:
            raise ValueError("a routine needs at least one segment")
        self.timeline = timeline
        self.steps_total = steps_total
        self._index = 0
        self._segment_start: float | None = None  # None until started
        self._paused_at: float | None = None
        self._paused_in_segment = 0.0
        self._done_seconds = [0.0] * len(timeline.segments)  # time actually spent in each segment
        self._finished = False
        self._last_whole_second: int | None = None

    # --- control ----------------------------------------------------------------------------------

    def start(self, now: float) -> None:
        if self._segment_start is None:
            self._segment_start = now

    @property
    def is_started(self) -> bool:
        return self._segment_start is not None

    @property
    def is_paused(self) -> bool:
        return self._paused_at is not None

    @property
    def is_finished(self) -> bool:
        return self._finished

    def pause(self, now: float) -> None:
        if self.is_started and not self.is_paused and not self._finished:
            self._paused_at = now

    def resume(self, now: float) -> None:
        if self._paused_at is not None:
            self._paused_in_segment += now - self._paused_at
            self._paused_at = None

    def toggle_pause(self, now: float) -> None:
        (self.resume if self.is_paused else self.pause)(now)

    def next(self, now: float) -> None:
        """Skip the rest of this segment."""
        if self._finished or not self.is_started:
            return
        self._record(now)
        self._go_to(self._index + 1, now)

    def previous(self, now: float) -> None:
        """Back to the start of the previous segment (or of this one, if it is the first)."""
        if not self.is_started:
            return
        self._record(now)
        self._finished = False
        self._go_to(max(0, self._index - 1), now)

    def restart_segment(self, now: float) -> None:
        if not self.is_started:
            return
        self._record(now)
        self._finished = False
        self._go_to(self._index, now)

    def advance(self, now: float) -> list[Cue]:
        """Move past every segment whose time is up; returns the sounds due since the last call."""
        if not self.is_started or self._finished or self.is_paused:
            return []
        cues: list[Cue] = []
        assert self._segment_start is not None
        while not self._finished:
            seconds = self.timeline.segments[self._index].seconds
            elapsed = now - self._segment_start - self._paused_in_segment
            if elapsed < seconds:
                break
            self._done_seconds[self._index] = seconds
            end = self._segment_start + self._paused_in_segment + seconds
            self._go_to(self._index + 1, end)
            cues.append("finished" if self._finished else "transition")
        if not self._finished:
            whole = int(self._remaining(now) + 0.999)
            if whole != self._last_whole_second and 1 <= whole <= COUNTDOWN_TICKS and not cues:
                cues.append("tick")
            self._last_whole_second = whole
        return cues

    def report(self, now: float) -> RoutineReport:
        """What was done: steps whose every segment was fully done, and seconds spent moving."""
        self._record(now)
        complete_steps = {
            segment.step_index
            for segment in self.timeline.segments
            if all(
                self._done_seconds[i] >= other.seconds
                for i, other in enumerate(self.timeline.segments)
                if other.step_index == segment.step_index
            )
        }
        moved = sum(
            spent
            for spent, segment in zip(self._done_seconds, self.timeline.segments, strict=True)
            if segment.kind == "exercise"
        )
        return RoutineReport(
            pack_id=self.timeline.pack_id,
            completed=self._finished,
            steps_done=len(complete_steps),
            steps_total=self.steps_total,
            seconds_moved=round(moved),
        )

    # --- reading ----------------------------------------------------------------------------------

    def view(self, now: float) -> PlayerView:
        segments = self.timeline.segments
        index = min(self._index, len(segments) - 1)
        segment = segments[index]
        remaining = 0.0 if self._finished else self._remaining(now)
        rep = None
        if segment.reps is not None and segment.seconds_per_rep and not self._finished:
            done_reps = int((segment.seconds - remaining) // segment.seconds_per_rep)
            rep = min(segment.reps, done_reps + 1)
        total = self.timeline.total_seconds
        before = sum(s.seconds for s in segments[:index])
        progress = 1.0 if self._finished else (before + segment.seconds - remaining) / total
        return PlayerView(
            segment=segment,
            index=index,
            step_number=segment.step_index + 1,
            steps_total=self.steps_total,
            remaining_seconds=remaining,
            rep=rep,
            next_segment=segments[index + 1] if index + 1 < len(segments) else None,
            progress=progress,
            is_paused=self.is_paused,
            is_finished=self._finished,
        )

    # --- internals --------------------------------------------------------------------------------

    def _remaining(self, now: float) -> float:
        if self._segment_start is None:
            return float(self.timeline.segments[self._index].seconds)
        at = self._paused_at if self._paused_at is not None else now
        elapsed = at - self._segment_start - self._paused_in_segment
        return max(0.0, self.timeline.segments[self._index].seconds - elapsed)

    def _record(self, now: float) -> None:
        if self._finished or self._segment_start is None:
            return
        segment = self.timeline.segments[self._index]
        spent = segment.seconds - self._remaining(now)
        self._done_seconds[self._index] = max(self._done_seconds[self._index], spent)

    def _go_to(self, index: int, start: float) -> None:
        if index >= len(self.timeline.segments):
            self._finished = True
            self._index = len(self.timeline.segments) - 1
            self._paused_at = None
            return
        self._index = index
        self._segment_start = start
        self._paused_in_segment = 0.0
        if self._paused_at is not None:
            self._paused_at = start  # stay paused, at the start of the new segment
        self._last_whole_second = None
