"""Walks a routine timeline on a monotonic clock: where the user is, what comes next, what was done.

Time is never counted in ticks: the position inside a stage is `now - stage start - paused time`,
and a finished stage hands its exact end to the next one, so a slow redraw, a busy loop or a pause
never makes a hold longer or shorter than its seconds. The Qt window only asks `advance(now)` and
`view(now)` a few times a second while it runs.

Before an exercise the player adds a get-ready lead-in of `lead_in_seconds`, outside the dose:
the time to kneel at a wall is not taken from a 90-second stretch. A switch of sides, the rest
between sets and the next rep of an alternating set need none.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskbreak.core.routines.plan import Segment, Timeline

COUNTDOWN_TICKS = 3  # the last three seconds of a hold, a timed move, a rest or a switch are counted


@dataclass(frozen=True)
class Stage:
    """A stretch of time the player walks: a timeline segment, or the get-ready before one."""

    index: int  # the timeline segment it belongs to
    is_lead_in: bool
    seconds: float


# --- what the player asks to be heard, as it happens ------------------------------------------


@dataclass(frozen=True)
class LeadInStarted:
    """Get ready for segment `index`."""

    index: int


@dataclass(frozen=True)
class SegmentStarted:
    """Segment `index` begins: an exercise, a switch of sides or a rest."""

    index: int


@dataclass(frozen=True)
class RepStarted:
    """Rep `rep` of `reps` begins (the first rep starts with its segment)."""

    rep: int
    reps: int


@dataclass(frozen=True)
class CountdownTick:
    """`seconds_left` whole seconds remain of a timed stage."""

    seconds_left: int


@dataclass(frozen=True)
class RoutineFinished:
    pass


Cue = LeadInStarted | SegmentStarted | RepStarted | CountdownTick | RoutineFinished


@dataclass(frozen=True)
class PlayerView:
    """Everything the window draws for one moment."""

    segment: Segment
    index: int  # position in the timeline
    is_lead_in: bool  # getting ready for `segment`, whose time has not started
    step_number: int  # 1-based pack step, for "Step 3 of 9"
    steps_total: int
    remaining_seconds: float  # of the stage: the lead-in, or the segment
    work_seconds: float  # how far into the segment's own time (0 during its lead-in)
    rep: int | None  # the rep being done now, paced by seconds_per_rep
    next_segment: Segment | None
    previous_segment: Segment | None
    progress: float  # 0..1 of the whole routine's time, lead-ins included
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


def stages_of(timeline: Timeline, lead_in_seconds: float) -> tuple[Stage, ...]:
    """The timeline's segments with a lead-in before each exercise that needs one."""
    stages: list[Stage] = []
    segments = timeline.segments
    for index, segment in enumerate(segments):
        before = segments[index - 1] if index else None
        if lead_in_seconds > 0 and segment.kind == "exercise" and _needs_lead_in(before, segment):
            stages.append(Stage(index, True, lead_in_seconds))
        stages.append(Stage(index, False, segment.seconds))
    return tuple(stages)


def _needs_lead_in(before: Segment | None, segment: Segment) -> bool:
    """A new exercise needs one; its other side, its next set or its next alternating rep does not."""
    if before is None:
        return True
    if before.kind == "switch":
        return False
    if before.kind == "exercise" and before.step_index == segment.step_index:
        return False  # the reps of `sides: alternate` follow each other
    return not (before.kind == "rest" and before.exercise_id == segment.exercise_id)


class RoutinePlayer:
    """The player's state; every method takes the current monotonic time in seconds."""

    def __init__(self, timeline: Timeline, steps_total: int, lead_in_seconds: float = 0) -> None:
        if not timeline.segments:
            raise ValueError("a routine needs at least one segment")
        self.timeline = timeline
        self.steps_total = steps_total
        self.stages = stages_of(timeline, lead_in_seconds)
        self._at = 0  # index into self.stages
        self._stage_start: float | None = None  # None until started
        self._paused_at: float | None = None
        self._paused_in_stage = 0.0
        self._done_seconds = [0.0] * len(timeline.segments)  # time actually spent in each segment
        self._finished = False
        self._last_whole_second: int | None = None
        self._last_rep: int | None = None

    # --- control ----------------------------------------------------------------------------------

    def start(self, now: float) -> list[Cue]:
        """Begin; returns the cue of the first stage."""
        if self._stage_start is not None:
            return []
        self._stage_start = now
        return [self._opening_cue()]

    @property
    def is_started(self) -> bool:
        return self._stage_start is not None

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
            self._paused_in_stage += now - self._paused_at
            self._paused_at = None

    def toggle_pause(self, now: float) -> None:
        (self.resume if self.is_paused else self.pause)(now)

    def next(self, now: float) -> list[Cue]:
        """Skip the rest of this stage (a lead-in: start the exercise now)."""
        if self._finished or not self.is_started:
            return []
        self._record(now)
        self._go_to(self._at + 1, now)
        return [RoutineFinished()] if self._finished else [self._opening_cue()]

    def previous(self, now: float) -> list[Cue]:
        """Back to the start of the previous stage (or of this one, if it is the first)."""
        if not self.is_started:
            return []
        self._record(now)
        self._finished = False
        self._go_to(max(0, self._at - 1), now)
        return [self._opening_cue()]

    def restart_segment(self, now: float) -> list[Cue]:
        """Start the current stage again from its beginning."""
        if not self.is_started:
            return []
        self._record(now)
        self._finished = False
        self._go_to(self._at, now)
        return [self._opening_cue()]

    def advance(self, now: float) -> list[Cue]:
        """Move past every stage whose time is up; returns the cues due since the last call."""
        if not self.is_started or self._finished or self.is_paused:
            return []
        cues: list[Cue] = []
        assert self._stage_start is not None
        while not self._finished:
            stage = self.stages[self._at]
            elapsed = now - self._stage_start - self._paused_in_stage
            if elapsed < stage.seconds:
                break
            if not stage.is_lead_in:
                self._done_seconds[stage.index] = stage.seconds
            self._go_to(self._at + 1, self._stage_start + self._paused_in_stage + stage.seconds)
            cues.append(RoutineFinished() if self._finished else self._opening_cue())
        if not self._finished:
            cues += self._within_stage(now, quiet=bool(cues))
        return cues

    def report(self, now: float) -> RoutineReport:
        """What was done up to `now`: steps whose every segment was fully done, and seconds spent moving."""
        self.advance(now)  # stages that ended since the last redraw count in full
        self._record(now)
        segments = self.timeline.segments
        complete_steps = {
            segment.step_index
            for segment in segments
            if all(
                self._done_seconds[i] >= other.seconds
                for i, other in enumerate(segments)
                if other.step_index == segment.step_index
            )
        }
        moved = sum(
            spent
            for spent, segment in zip(self._done_seconds, segments, strict=True)
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
        stage = self.stages[self._at]
        segment = segments[stage.index]
        remaining = 0.0 if self._finished else self._remaining(now)
        work = 0.0 if stage.is_lead_in or self._finished else stage.seconds - remaining
        rep = None
        if (
            segment.reps is not None
            and segment.seconds_per_rep
            and not self._finished
            and not stage.is_lead_in
        ):
            rep = min(segment.reps, int(work // segment.seconds_per_rep) + 1)
        total = sum(s.seconds for s in self.stages)
        before = sum(s.seconds for s in self.stages[: self._at])
        progress = 1.0 if self._finished else (before + stage.seconds - remaining) / total
        return PlayerView(
            segment=segment,
            index=stage.index,
            is_lead_in=stage.is_lead_in and not self._finished,
            step_number=segment.step_index + 1,
            steps_total=self.steps_total,
            remaining_seconds=remaining,
            work_seconds=work,
            rep=rep,
            next_segment=segments[stage.index + 1] if stage.index + 1 < len(segments) else None,
            previous_segment=segments[stage.index - 1] if stage.index > 0 else None,
            progress=progress,
            is_paused=self.is_paused,
            is_finished=self._finished,
        )

    # --- internals --------------------------------------------------------------------------------

    def _opening_cue(self) -> Cue:
        stage = self.stages[self._at]
        return LeadInStarted(stage.index) if stage.is_lead_in else SegmentStarted(stage.index)

    def _within_stage(self, now: float, *, quiet: bool) -> list[Cue]:
        """Rep starts and the countdown of a timed stage; `quiet` when a stage began at this call."""
        stage = self.stages[self._at]
        segment = self.timeline.segments[stage.index]
        cues: list[Cue] = []
        remaining = self._remaining(now)
        if stage.is_lead_in:
            return cues
        if segment.reps is not None and segment.seconds_per_rep:
            rep = min(segment.reps, int((stage.seconds - remaining) // segment.seconds_per_rep) + 1)
            if self._last_rep is not None and rep != self._last_rep and not quiet:
                cues.append(RepStarted(rep, segment.reps))
            self._last_rep = rep
            return cues
        whole = int(remaining + 0.999)
        if whole != self._last_whole_second and 1 <= whole <= COUNTDOWN_TICKS and not quiet:
            cues.append(CountdownTick(whole))
        self._last_whole_second = whole
        return cues

    def _remaining(self, now: float) -> float:
        stage = self.stages[self._at]
        if self._stage_start is None:
            return float(stage.seconds)
        at = self._paused_at if self._paused_at is not None else now
        elapsed = at - self._stage_start - self._paused_in_stage
        return max(0.0, stage.seconds - elapsed)

    def _record(self, now: float) -> None:
        if self._finished or self._stage_start is None:
            return
        stage = self.stages[self._at]
        if stage.is_lead_in:
            return
        spent = stage.seconds - self._remaining(now)
        self._done_seconds[stage.index] = max(self._done_seconds[stage.index], spent)

    def _go_to(self, at: int, start: float) -> None:
        if at >= len(self.stages):
            self._finished = True
            self._at = len(self.stages) - 1
            self._paused_at = None
            return
        self._at = at
        self._stage_start = start
        self._paused_in_stage = 0.0
        if self._paused_at is not None:
            self._paused_at = start  # stay paused, at the start of the new stage
        self._last_whole_second = None
        self._last_rep = None
