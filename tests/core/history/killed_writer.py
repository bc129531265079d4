"""A child process for the crash test: appends one numbered event per line it reads, until killed.

Usage: python killed_writer.py DATABASE. Prints "ready" before opening the history; then, for each
line on its standard input, appends one event and prints its number once `append` has returned
(so the parent knows it is on disk, and that nothing else is being written).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

from deskbreak.core.history.events import PromptShown
from deskbreak.core.history.store import open_history
from deskbreak.core.kinds import PromptKind


def main(path: Path) -> None:
    print("ready", flush=True)
    opening = open_history(path, datetime.now(UTC))
    store = opening.store
    if store is None or opening.notice is not None:
        print(f"unexpected: {opening.notice}", flush=True)
        return
    for number in count(store.count()):
        if not sys.stdin.readline():
            return
        notice = store.append(datetime.now(UTC), PromptShown(number, PromptKind.MOVE, 1, False, "walk-break"))
        if notice is not None:
            print(f"unexpected: {notice}", flush=True)
            return
        print(number, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
