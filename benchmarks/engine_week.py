"""Benchmark: a simulated work week through the engine, against a bare loop baseline in the same run.

Run with `.venv/bin/python benchmarks/engine_week.py`; it prints a small table and writes
benchmarks/results/engine_week.md. Nothing here is asserted: the machine is shared and noisy.
"""

from __future__ import annotations

import statistics
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import ShowPrompt
from deskbreak.core.engine import Engine
from deskbreak.core.events import AwayEnded, AwayStarted, Done, Snooze, Tick
from deskbreak.core.settings import Settings

TZ = ZoneInfo("Europe/Berlin")
RUNS = 20


def simulate_week() -> int:
    """Monday to Sunday: answer prompts, snooze every third, lunch away at 12:30 each day."""
    clock = FakeClock(datetime(2026, 11, 23, 0, 0, tzinfo=TZ))
    engine = Engine(Settings(), TZ, clock.now())
    end = clock.now() + timedelta(days=7)
    handled = 0
    prompts = 0
    while (wake := engine.next_wakeup) is not None and wake < end:
        clock.advance(wake - clock.now())
        handled += 1
        for effect in engine.handle(Tick(), clock.now()):
            if isinstance(effect, ShowPrompt):
                prompts += 1
                engine.handle(Snooze() if prompts % 3 == 0 else Done(), clock.now())
                handled += 1
        local = clock.now().astimezone(TZ)
        if local.hour == 12 and local.minute >= 20:
            engine.handle(AwayStarted(clock.now(), "locked"), clock.now())
            clock.advance(minutes=45)
            engine.handle(AwayEnded(), clock.now())
            handled += 2
    return handled


def baseline(events: int) -> None:
    """The same number of iterations doing only datetime arithmetic: the floor to compare with."""
    now = datetime(2026, 11, 23, tzinfo=TZ)
    for _ in range(events):
        now += timedelta(minutes=1)
        now.astimezone(TZ)


def best_of(runs: int, func: object, *args: object) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(*args)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    events = simulate_week()
    week = best_of(RUNS, simulate_week)
    base = best_of(RUNS, baseline, events)
    rows = [
        ("simulated work week (engine)", events, min(week), statistics.median(week)),
        ("baseline: same count of datetime steps", events, min(base), statistics.median(base)),
    ]
    lines = [
        "# Engine: a simulated work week",
        "",
        f"{RUNS} runs each; times in milliseconds. Measured {datetime.now(TZ):%Y-%m-%d %H:%M %Z}.",
        "",
        "| what | events | best ms | median ms |",
        "|---|---|---|---|",
        *[f"| {name} | {count} | {low * 1000:.2f} | {mid * 1000:.2f} |" for name, count, low, mid in rows],
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    out = Path(__file__).parent / "results" / "engine_week.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report)


if __name__ == "__main__":
    main()
