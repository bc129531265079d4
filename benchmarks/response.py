"""Benchmark: how soon what the user asks for is on screen, the first time, in a fresh deskbreak.

Each round starts a throwaway desktop (desktop_session.py) and runs there, one after the other,
under window_probe.py (which prints when each window has been exposed and painted):

- the baseline, empty_window.py: a tray program that shows an empty window when its local socket
  is asked, timed from the connection to the window painted, the first time and then warm;
- a fresh deskbreak whose saved state puts the first prompt due a few seconds after start-up,
  timed for:
  - the prompt: from its due time (`ctl status --json`'s next_prompt_at) to the window painted;
  - the player: from the `play` request on the control socket for the pack the prompt offers
    (what the tray menu's "Start a routine now" sends the engine), a second after the prompt
    appeared, to the player painted: the first player of the process, figures and all;
  - the settings dialog: from the Return key (xdotool) that picks "Settings…" in the tray's menu
    to the dialog painted, the first time (xdotool's own start, a few ms, is included);
- and a second fresh deskbreak, asked for the same player with nothing before it, as a keyboard
  shortcut running `deskbreak play` would: the cold first player.

Targets (issue 15): the player within 150 ms, the settings dialog within 300 ms, the prompt within
100 ms of its due time. Nothing is asserted: the machine is shared and noisy, so the baseline and
the load average are printed with the medians.

Run: .venv/bin/python benchmarks/response.py              (5 rounds)
     .venv/bin/python benchmarks/response.py --rounds 1
Needs Linux, Xvfb, trayer, xdotool and dbus-daemon. Writes benchmarks/results/response.md and
response.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_session import Desktop, Running, deskbreak_command, desktops, launch, load_average, require_tools

HERE = Path(__file__).resolve().parent
WINDOW_PROBE = HERE / "window_probe.py"
EMPTY_WINDOW = HERE / "empty_window.py"
RESULTS = HERE / "results"
PROMPT_DUE_AFTER_SECONDS = 8.0  # after the saved state is written: long enough for start-up
SHOWN_TIMEOUT_SECONDS = 30
COLD_AFTER_SECONDS = 5.0  # start-up work (packs, desktop probes, history) is over by then
READING_SECONDS = 1.0  # between the prompt appearing and the user asking for the routine
MENU_SECONDS = 1.0  # for the tray menu to open before keys are sent to it
BASELINE_WINDOWS = 4
TARGET_MS = {"prompt": 100, "player": 150, "cold player": 150, "settings": 300}

# Run in the desktop's environment: a saved state whose sitting block ends `argv[1]` s from now.
SAVE_STATE = """
import json, sys
from datetime import datetime, timedelta, timezone
from deskbreak.core.engine import Engine
from deskbreak.core.paths import default_paths
from deskbreak.core.settings import Settings
now = datetime.now(timezone.utc)
settings = Settings()
since = now - timedelta(minutes=settings.schedule.sit_minutes, seconds=-float(sys.argv[1]))
path = default_paths().state_file
path.parent.mkdir(parents=True, exist_ok=True)
path.write_text(json.dumps(Engine(settings, timezone.utc, since).snapshot(now)))
"""

# Run in the desktop's environment: ask for the player and print when the request was sent.
PLAY = """
import sys, time
from deskbreak.core.paths import default_paths
from deskbreak.desktop.ctl_client import request
runtime = default_paths().runtime_dir
sent = time.monotonic()
request(runtime, "play", {"pack": sys.argv[1]})
print(sent)
"""


@dataclass
class Round:
    baseline_ms: list[float]  # the first empty window, then warm ones
    prompt_late_ms: float
    player_ms: float  # started from the prompt, a moment after it appeared
    cold_player_ms: float  # the first thing a fresh process is asked for
    settings_ms: float
    pack: str


def wait_shown(app: Running, kind: str) -> tuple[float, float]:
    """The (monotonic, wall) time the next window was painted; it must be a `kind`."""
    line = app.wait_for_line("SHOWN ", SHOWN_TIMEOUT_SECONDS)
    monotonic, wall, shown_kind, title = line.split(" ", 3)
    if shown_kind != kind:
        raise RuntimeError(f"{app.name}: expected a {kind} on screen, got a {shown_kind} ({title})")
    return float(monotonic), float(wall)


def baseline(desktop: Desktop) -> list[float]:
    unix = getattr(socket, "AF_UNIX", None)
    assert unix is not None  # main() runs only on Linux
    path = desktop.folder / "empty-window.sock"
    app = launch("empty window", desktop, [str(EMPTY_WINDOW), str(path)], probe=WINDOW_PROBE)
    try:
        times = []
        for _ in range(BASELINE_WINDOWS):
            time.sleep(0.5)
            asked = time.monotonic()
            with socket.socket(unix) as connection:
                connection.connect(str(path))
            times.append((wait_shown(app, "QWidget")[0] - asked) * 1000)
        return times
    finally:
        app.stop(desktop)


def in_desktop(desktop: Desktop, *command: str) -> str:
    done = subprocess.run(command, env=desktop.env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed: {done.stderr.strip()}")
    return done.stdout


def status(desktop: Desktop) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(in_desktop(desktop, *deskbreak_command("ctl", "status", "--json")))
    return answer


def ask_for_player(desktop: Desktop, app: Running, pack: str) -> float:
    """Milliseconds from the `play` request to the player on screen."""
    sent = float(in_desktop(desktop, sys.executable, "-c", PLAY, pack))
    return (wait_shown(app, "PlayerWindow")[0] - sent) * 1000


def cold_player(desktop: Desktop, pack: str) -> float:
    """The first player of a process asked for with nothing before it (a shortcut's `deskbreak play`)."""
    app = launch("deskbreak", desktop, ["-m", "deskbreak"], probe=WINDOW_PROBE)
    try:
        time.sleep(COLD_AFTER_SECONDS)
        return ask_for_player(desktop, app, pack)
    finally:
        app.stop(desktop)


def one_round(desktop: Desktop) -> Round:
    baseline_ms = baseline(desktop)
    in_desktop(desktop, sys.executable, "-c", SAVE_STATE, str(PROMPT_DUE_AFTER_SECONDS))
    app = launch("deskbreak", desktop, ["-m", "deskbreak"], probe=WINDOW_PROBE)
    try:
        due = status(desktop)["next_prompt_at"]
        if due is None:
            raise RuntimeError("deskbreak has no prompt due; the saved state was not used")
        prompt_wall = wait_shown(app, "PromptWindow")[1]
        prompt_late_ms = (prompt_wall - datetime.fromisoformat(due).timestamp()) * 1000
        now = status(desktop)
        pack = now["prompt"]["offered_pack"]
        time.sleep(READING_SECONDS)
        player_ms = ask_for_player(desktop, app, pack)
        x, y, width, height = now["tray"]["geometry"]
        xdotool = ["xdotool", "mousemove", str(x + width // 2), str(y + height // 2), "click", "3"]
        in_desktop(desktop, *xdotool)
        time.sleep(MENU_SECONDS)
        in_desktop(desktop, "xdotool", "key", "Up", "Up", "Up")  # from the bottom: Quit, About, Settings…
        time.sleep(0.2)
        pressed = time.monotonic()
        in_desktop(desktop, "xdotool", "key", "Return")
        settings_ms = (wait_shown(app, "SettingsDialog")[0] - pressed) * 1000
    finally:
        app.stop(desktop)
    return Round(baseline_ms, prompt_late_ms, player_ms, cold_player(desktop, pack), settings_ms, pack)


def report(rounds: list[Round], load: tuple[str, str]) -> str:
    def spread(values: list[float]) -> str:
        return f"{statistics.median(values):.0f} ms ({min(values):.0f}–{max(values):.0f})"

    first = [r.baseline_ms[0] for r in rounds]
    warm = [statistics.median(r.baseline_ms[1:]) for r in rounds]
    measured = {
        "prompt": [r.prompt_late_ms for r in rounds],
        "player": [r.player_ms for r in rounds],
        "cold player": [r.cold_player_ms for r in rounds],
        "settings": [r.settings_ms for r in rounds],
    }
    what = {
        "prompt": "prompt on screen, after its due time",
        "player": "player on screen, after `play` a second after the prompt (first player)",
        "cold player": "player on screen, after `play` with nothing before it (first player)",
        "settings": "settings dialog on screen, after the menu's Return (first time)",
    }
    lines = [
        "# Response: how soon what the user asks for is on screen",
        "",
        f"Command: `.venv/bin/python benchmarks/response.py --rounds {len(rounds)}`  ",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"load average {load[0]} at the start and {load[1]} at the end.  ",
        f"Pack played: {', '.join(sorted({r.pack for r in rounds}))}.",
        "",
        "Median over the rounds (fastest–slowest); each round is a fresh process on a fresh desktop.",
        "",
        "| what | deskbreak | target |",
        "|---|---|---|",
    ]
    lines += [f"| {what[key]} | {spread(values)} | {TARGET_MS[key]} ms |" for key, values in measured.items()]
    lines += [
        "",
        "Baseline in the same run, an empty PySide6 window shown when a local socket is asked "
        f"(empty_window.py): the first {spread(first)}, later ones {spread(warm)}.",
        "",
        "Times are to the window exposed and painted (window_probe.py), on Xvfb with no window manager.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds, each with a fresh desktop and app")
    parser.add_argument("--display", type=int, default=221, help="first X display number to try")
    args = parser.parse_args()
    require_tools("response.py")
    load_start = load_average()
    rounds = []
    for number in range(args.rounds):
        with desktops(1, args.display) as (desktop,):
            rounds.append(one_round(desktop))
        print(f"round {number + 1} of {args.rounds} done", file=sys.stderr)
    text = report(rounds, (load_start, load_average()))
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "response.md").write_text(text)
    raw = {"args": vars(args), "rounds": [asdict(r) for r in rounds]}
    (RESULTS / "response.json").write_text(json.dumps(raw, indent=1) + "\n")


if __name__ == "__main__":
    main()
