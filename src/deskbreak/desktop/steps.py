"""Questions to the desktop written once, as coroutines, and answered two ways.

Probing a desktop is a sequence of questions (is Mutter on the bus? which login session is this?
is it locked?), each one D-Bus round trip. The running app must never wait for an answer on the
GUI thread, so there each question is sent and the sequence resumes when the Qt loop reads the
reply. `deskbreak doctor` has no event loop and simply waits for each answer (with the same
one-second limit). Writing the sequence as an `async def` that awaits `Step`s serves both:

    async def has_logind(bus: Bus) -> bool:
        return await bus.has_owner("org.freedesktop.login1")

    run_blocking(has_logind(bus))             # doctor: waits
    run_soon(has_logind(bus), on_answer)      # the app: returns at once, answers from the loop

No asyncio: a step knows how to wait for itself and how to call back from the Qt loop, and the
two runners below are the whole scheduler.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Generator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

Task = Coroutine[Any, Any, T]


class StepError(Exception):
    """A step failed in a way the caller must handle (no answer in time, no bus, an error reply)."""


class Step(Generic[T]):
    """Something to wait for: a D-Bus reply, a connection being set up.

    `then` starts it and calls back exactly once, from the Qt loop, with the value or the error;
    `wait` blocks until the same outcome (for code without an event loop). Awaiting a step in a
    task gives the value or raises the error.
    """

    def then(self, done: Callable[[T | StepError], None]) -> None:
        raise NotImplementedError

    def wait(self) -> T | StepError:
        raise NotImplementedError

    def __await__(self) -> Generator[Step[T], T | StepError, T]:
        outcome = yield self
        if isinstance(outcome, StepError):
            raise outcome
        return outcome


def run_blocking(task: Task[T]) -> T:
    """Run a task to its end, waiting for each step in turn (doctor, tests without a loop)."""
    outcome: Any = None
    while True:
        try:
            step = task.send(outcome)
        except StopIteration as finished:
            result: T = finished.value
            return result
        outcome = step.wait()


def run_soon(task: Task[T], done: Callable[[T], None] | None = None) -> None:
    """Start a task and return at once; each step resumes it from the Qt loop, `done` gets the result.

    A task whose steps are all answered already (a backend that reads a local counter) finishes
    before this returns. An exception escaping the task is a bug and propagates to whoever resumed
    it (the app's excepthook logs it).
    """

    def advance(outcome: Any) -> None:
        try:
            step = task.send(outcome)
        except StopIteration as finished:
            if done is not None:
                done(finished.value)
            return
        step.then(advance)

    advance(None)
