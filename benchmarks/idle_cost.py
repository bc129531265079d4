"""Benchmark: what deskbreak costs beyond the libraries it stands on, while idle and when asked.

Each round starts two throwaway desktops (desktop_session.py: Xvfb, the trayer tray host, a
private D-Bus session bus) and runs, side by side, the stack floor (stack_floor.py: a PySide6 tray with no code of its
own, loading the third-party modules the idle deskbreak has loaded) and deskbreak. Both start
under tray_probe.py, so start-up to tray is measured the same way. Then, for both at once:

- memory after settling: RSS, PSS and USS (Private_Clean + Private_Dirty) from
  /proc/PID/smaps_rollup;
- context switches of the whole process (every thread, voluntary and involuntary; each is a
  wake-up) per idle minute, while the user is present (xdotool moves the pointer every 20 s, far
  from the tray) and while away (no input at all; deskbreak counts an absence after its
  `away_after_seconds`, 2 min by default, so an away window holds that transition too);
- for deskbreak only, the "flat over time" check at the end of the idle time: `deskbreak ctl
  status` run as a shortcut would run it (a new process each time, timed end to end) N times,
  then M routine player open/close cycles (each `play` closes the player before it), with RSS
  and open file descriptors before and after.

The start order alternates between rounds. Medians are taken over the rounds; ratios are
deskbreak's median over the floor's, wake-ups are deskbreak's minus the floor's. Nothing is
asserted: the machine is shared and noisy; the load average is printed with the results.

Run: .venv/bin/python benchmarks/idle_cost.py                     (3 rounds of 10 + 10 minutes)
     .venv/bin/python benchmarks/idle_cost.py --rounds 1 --present 60 --away 60 --trips 30 --cycles 5
Needs Linux, Xvfb, trayer, xdotool and dbus-daemon. Writes benchmarks/results/idle_cost.md and
idle_cost.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from desktop_session import Desktop, Running, deskbreak_command, desktops, launch, load_average, require_tools

HERE = Path(__file__).resolve().parent
FLOOR = HERE / "stack_floor.py"
RESULTS = HERE / "results"
PRESENT_INPUT_SECONDS = 20
MODULES_TIMEOUT_SECONDS = 30


# --- what is measured ------------------------------------------------------------------------------


def memory_mib(pid: int) -> dict[str, float]:
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
            values[parts[0][:-1]] = int(parts[1]) / 1024
    return {
        "rss": values["Rss"],
        "pss": values["Pss"],
        "uss": values.get("Private_Clean", 0) + values.get("Private_Dirty", 0),
    }


def context_switches(pid: int) -> int:
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            text = (task / "status").read_text()
        except FileNotFoundError:  # a thread that just ended
            continue
        for line in text.splitlines():
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                total += int(line.split()[1])
    return total


def open_fds(pid: int) -> list[str]:
    """What each open descriptor points at (a file, socket:[inode], pipe:[inode], anon_inode:...)."""
    found = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            found.append(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except FileNotFoundError:
            continue
    return sorted(found)


def idle_window(apps: list[Running], seconds: int, each_step: Callable[[int], None] | None) -> list[float]:
    """Context switches per minute of each app over `seconds`; `each_step` gives input every 20 s."""
    before = [context_switches(app.pid) for app in apps]
    start = time.monotonic()
    step = 0
    while (left := seconds - (time.monotonic() - start)) > 0:
        if each_step is not None:
            each_step(step)
            step += 1
        time.sleep(min(PRESENT_INPUT_SECONDS, left))
    after = [context_switches(app.pid) for app in apps]
    minutes = (time.monotonic() - start) / 60
    return [(a - b) / minutes for a, b in zip(after, before, strict=True)]


def ctl_round_trips(desktop: Desktop, count: int) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        done = subprocess.run(
            deskbreak_command("ctl", "status"), env=desktop.env, capture_output=True, check=False
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"ctl status failed: {done.stderr.decode().strip()}")
    return times


PLAY_CYCLES = """
import sys
from deskbreak.core.paths import default_paths
from deskbreak.desktop.ctl_client import request
for _ in range(int(sys.argv[2])):
    request(default_paths().runtime_dir, "play", {"pack": sys.argv[1]})
"""


def player_cycles(desktop: Desktop, pack: str, count: int) -> None:
    """Open the player `count` times over the control socket; each `play` closes the one before."""
    command = [sys.executable, "-c", PLAY_CYCLES, pack, str(count)]
    done = subprocess.run(command, env=desktop.env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the player cycles failed: {done.stderr.strip()}")


def first_pack(desktop: Desktop) -> str:
    listing = subprocess.run(
        deskbreak_command("routines", "list", "--json"), env=desktop.env, capture_output=True, check=True
    )
    packs: list[dict[str, Any]] = json.loads(listing.stdout)
    return str(min(packs, key=lambda pack: pack["total_seconds"])["id"])


# --- the run ---------------------------------------------------------------------------------------


@dataclass
class Round:
    order: list[str]
    startup_seconds: dict[str, float]
    memory_mib: dict[str, dict[str, float]]
    switches_present: dict[str, float]
    switches_away: dict[str, float]
    ctl_ms: list[float]
    flat: dict[str, float]
    fds_added: list[str]  # what the new descriptors point at (several can point at the same thing)
    fds_removed: list[str]


def discover_modules(modules_file: Path, first_number: int) -> list[str]:
    """Which third-party modules the idle deskbreak has loaded (the floor loads the same)."""
    with desktops(1, first_number) as (desktop,):
        app = launch_app("deskbreak", desktop, modules_file)
        try:
            modules = app.wait_for_line("MODULES ", MODULES_TIMEOUT_SECONDS).split()
        finally:
            app.stop(desktop)
    modules_file.write_text("\n".join(modules) + "\n")
    return modules


def launch_app(name: str, desktop: Desktop, modules_file: Path) -> Running:
    target = ["-m", "deskbreak"] if name == "deskbreak" else [str(FLOOR), str(modules_file)]
    return launch(name, desktop, target)


def one_round(number: int, args: argparse.Namespace, modules_file: Path, pack: str | None) -> Round:
    order = ["floor", "deskbreak"] if number % 2 == 0 else ["deskbreak", "floor"]
    with desktops(2, args.display) as pair:
        where = dict(zip(order, pair, strict=True))
        apps: dict[str, Running] = {}
        try:
            for name in order:
                apps[name] = launch_app(name, where[name], modules_file)
                time.sleep(2)  # let the first settle before timing the second
            running = [apps["floor"], apps["deskbreak"]]
            time.sleep(args.settle)
            memory = {name: memory_mib(app.pid) for name, app in apps.items()}

            def present(step: int) -> None:
                for desktop in pair:
                    desktop.move_pointer(step)

            floor_present, desk_present = idle_window(running, args.present, present)
            floor_away, desk_away = idle_window(running, args.away, None)
            desk = apps["deskbreak"]
            rss_before, fds_before = memory_mib(desk.pid)["rss"], open_fds(desk.pid)
            trips = ctl_round_trips(where["deskbreak"], args.trips)
            rss_after_ctl = memory_mib(desk.pid)["rss"]
            pack = pack or first_pack(where["deskbreak"])
            player_cycles(where["deskbreak"], pack, 1)
            time.sleep(2)
            rss_after_first = memory_mib(desk.pid)["rss"]
            player_cycles(where["deskbreak"], pack, args.cycles - 1)
            time.sleep(2)
            rss_after, fds_after = memory_mib(desk.pid)["rss"], open_fds(desk.pid)
        finally:
            for name, app in apps.items():
                app.stop(where[name])
    return Round(
        order=order,
        startup_seconds={name: app.startup_seconds for name, app in apps.items()},
        memory_mib=memory,
        switches_present={"floor": floor_present, "deskbreak": desk_present},
        switches_away={"floor": floor_away, "deskbreak": desk_away},
        ctl_ms=[t * 1000 for t in trips],
        flat={
            "rss_before": rss_before,
            "rss_after_ctl": rss_after_ctl,
            "rss_after_first_player": rss_after_first,
            "rss_after": rss_after,
            "fds_before": len(fds_before),
            "fds_after": len(fds_after),
        },
        fds_added=sorted((Counter(fds_after) - Counter(fds_before)).elements()),
        fds_removed=sorted((Counter(fds_before) - Counter(fds_after)).elements()),
    )


def report(rounds: list[Round], args: argparse.Namespace, modules: list[str], load: tuple[str, str]) -> str:
    def med(values: list[float]) -> float:
        return statistics.median(values)

    def pair(per_app: Callable[[Round], dict[str, float]]) -> tuple[float, float]:
        return med([per_app(r)["floor"] for r in rounds]), med([per_app(r)["deskbreak"] for r in rounds])

    def memory(key: str) -> Callable[[Round], dict[str, float]]:
        return lambda r: {name: values[key] for name, values in r.memory_mib.items()}

    rows = []
    floor, desk = pair(lambda r: r.startup_seconds)
    rows.append(f"| start-up to tray icon | {floor:.2f} s | {desk:.2f} s | {desk / floor:.2f}× | ≤ 1.2× |")
    for key, label in (("rss", "RSS"), ("pss", "PSS"), ("uss", "USS")):
        floor, desk = pair(memory(key))
        target = "≤ 1.05×" if key != "uss" else "reported"
        rows.append(
            f"| {label} after settling | {floor:.1f} MiB | {desk:.1f} MiB | {desk / floor:.2f}× | {target} |"
        )
    for per_app, label in (
        (lambda r: r.switches_present, "user present"),
        (lambda r: r.switches_away, "user away"),
    ):
        floor, desk = pair(per_app)
        rows.append(
            f"| context switches / idle minute, {label} | {floor:.2f} | {desk:.2f} | "
            f"+{desk - floor:.2f} over the floor | ≤ +1 |"
        )
    ctl = med([t for r in rounds for t in r.ctl_ms])
    growth = med([r.flat["rss_after"] - r.flat["rss_before"] for r in rounds])
    by_ctl = med([r.flat["rss_after_ctl"] - r.flat["rss_before"] for r in rounds])
    by_first = med([r.flat["rss_after_first_player"] - r.flat["rss_after_ctl"] for r in rounds])
    by_rest = med([r.flat["rss_after"] - r.flat["rss_after_first_player"] for r in rounds])
    fds = med([r.flat["fds_after"] - r.flat["fds_before"] for r in rounds])
    minutes = (args.present + args.away) / 60
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        "# Idle cost: deskbreak against the stack floor",
        "",
        f"Measured {when}; {len(rounds)} round(s), medians; load average {load[0]} at the start, "
        f"{load[1]} at the end (2 cores, shared).",
        f"Command: `.venv/bin/python benchmarks/idle_cost.py --rounds {args.rounds} --settle {args.settle} "
        f"--present {args.present} --away {args.away} --trips {args.trips} --cycles {args.cycles}`",
        "",
        "The floor is a PySide6 tray with no code of its own that loads the same "
        f"{len(modules)} third-party modules the idle deskbreak has loaded "
        f"({', '.join(sorted({m.split('.')[0] for m in modules}))}).",
        f"Wake-ups are counted over {args.present} s with the user present and {args.away} s away, after "
        f"{args.settle} s of settling; deskbreak counts an absence after 2 min without input.",
        "",
        "| | floor | deskbreak | deskbreak against the floor | target |",
        "|---|---|---|---|---|",
        *rows,
        f"| `deskbreak ctl status`, end to end | | {ctl:.0f} ms | | < 100 ms |",
        f"| flat over time: RSS growth after {minutes:.0f} min idle, {args.trips} `ctl` round trips and "
        f"{args.cycles} player open/close cycles | | {growth:+.1f} MiB | | < 2 MiB |",
        f"| … of which the {args.trips} `ctl` round trips | | {by_ctl:+.1f} MiB | | |",
        f"| … of which the first player opening (loads the player and the packs) | | {by_first:+.1f} MiB | | |",
        f"| … of which the other {args.cycles - 1} player cycles | | {by_rest:+.1f} MiB | | |",
        f"| flat over time: open file descriptors, same | | {fds:+.0f} | | 0 |",
        "",
        "Descriptors opened during the flat check and still open (each round): "
        + (" | ".join(", ".join(r.fds_added) or "none" for r in rounds)),
        "",
        "## Each round",
        "",
        "| round | order | start-up floor / deskbreak | RSS floor / deskbreak | switches/min present | "
        "switches/min away | ctl median | RSS before → after flat check | fds before → after |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for i, r in enumerate(rounds, 1):
        lines.append(
            f"| {i} | {' then '.join(r.order)} | {r.startup_seconds['floor']:.2f} / {r.startup_seconds['deskbreak']:.2f} s"
            f" | {r.memory_mib['floor']['rss']:.1f} / {r.memory_mib['deskbreak']['rss']:.1f} MiB"
            f" | {r.switches_present['floor']:.2f} / {r.switches_present['deskbreak']:.2f}"
            f" | {r.switches_away['floor']:.2f} / {r.switches_away['deskbreak']:.2f}"
            f" | {med(r.ctl_ms):.0f} ms | {r.flat['rss_before']:.1f} → {r.flat['rss_after']:.1f} MiB"
            f" | {r.flat['fds_before']:.0f} → {r.flat['fds_after']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds (start order alternates)")
    parser.add_argument("--settle", type=int, default=30, help="seconds after start-up before measuring")
    parser.add_argument("--present", type=int, default=600, help="seconds counted with the user present")
    parser.add_argument("--away", type=int, default=600, help="seconds counted with the user away")
    parser.add_argument("--trips", type=int, default=300, help="`ctl status` round trips in the flat check")
    parser.add_argument("--cycles", type=int, default=50, help="player open/close cycles in the flat check")
    parser.add_argument("--display", type=int, default=181, help="first X display number to try")
    args = parser.parse_args()
    require_tools("idle_cost.py")
    load_start = load_average()
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        modules_file = Path(folder) / "modules.txt"
        modules = discover_modules(modules_file, args.display)
        rounds = []
        for number in range(args.rounds):
            rounds.append(one_round(number, args, modules_file, None))
            print(f"round {number + 1} of {args.rounds} done", file=sys.stderr)
    text = report(rounds, args, modules, (load_start, load_average()))
    print(text)
    (RESULTS / "idle_cost.md").write_text(text)
    raw = {"args": vars(args), "modules": modules, "rounds": [asdict(r) for r in rounds]}
    (RESULTS / "idle_cost.json").write_text(json.dumps(raw, indent=1) + "\n")


if __name__ == "__main__":
    main()
