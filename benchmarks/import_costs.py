"""Benchmark: what the idle tray imports, what each import costs in time and memory, and when.

Runs deskbreak once on a throwaway desktop (idle_cost.py's) under `python -X importtime` and
tray_probe.py, so every import is placed before or after the moment the tray icon is embedded:
imports before it delay the icon, imports after it only cost memory. Then, in fresh
interpreters, it loads the libraries deskbreak stands on one after another, in the order the
tray loads them, and reads how much private memory (USS, from /proc/self/smaps_rollup) each adds.

Run: .venv/bin/python benchmarks/import_costs.py      (Linux, Xvfb, trayer, dbus-daemon)
Writes benchmarks/results/import_costs.md. Nothing is asserted.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

from desktop_session import TRAY_PROBE, desktops
from idle_cost import RESULTS

IMPORTTIME = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")
RUNS = 5
# Libraries in the order the tray loads them, each measured on top of the ones before it.
LIBRARIES = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtNetwork",
    "platformdirs",
    "pydantic",
    "tzlocal",
    "apscheduler.schedulers.base",
    "tomlkit",
    "jeepney",
    "ruamel.yaml",
)
# deskbreak's own parts, each measured on top of all the libraries.
OWN = (
    "deskbreak.core.settings",
    "deskbreak.core.engine",
    "deskbreak.timing.driver",
    "deskbreak.app.awareness",
    "deskbreak.core.routines",
    "deskbreak.ui.tray",
    "deskbreak.app.controller",
    "deskbreak.ui.settings_dialog",
    "deskbreak.ui.player",
)
MEASURE = """
import importlib, sys
def uss():
    fields = dict(line.split()[:2] for line in open("/proc/self/smaps_rollup") if line[0].isupper())
    return (int(fields["Private_Clean:"]) + int(fields["Private_Dirty:"])) / 1024
before = uss()
for name in sys.argv[1:]:
    importlib.import_module(name)
    after = uss()
    print(name, f"{after - before:.2f}")
    before = after
"""


@dataclass(frozen=True)
class Import:
    module: str
    self_us: int
    cumulative_us: int
    depth: int
    after_icon: bool


def imports_of_the_tray() -> list[Import]:
    """Every import of one tray start, placed before or after the icon was embedded."""
    with desktops(1, 191) as (desktop,):
        process = subprocess.Popen(
            [sys.executable, "-X", "importtime", str(TRAY_PROBE), "-m", "deskbreak"],
            env=desktop.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        assert process.stdout is not None
        found: list[Import] = []
        after_icon = False
        deadline = time.monotonic() + 60
        for line in process.stdout:
            if line.startswith("EMBEDDED"):
                after_icon = True
            elif line.startswith("MODULES") or time.monotonic() > deadline:
                break
            elif match := IMPORTTIME.match(line.rstrip("\n")):
                own, total, indent, name = match.groups()
                found.append(Import(name, int(own), int(total), len(indent) // 2, after_icon))
        subprocess.run([sys.executable, "-m", "deskbreak", "ctl", "quit"], env=desktop.env, check=False)
        process.wait(15)
    return found


def private_memory(modules: tuple[str, ...], preload: tuple[str, ...] = ()) -> dict[str, float]:
    """USS added by importing each module after the ones before it (median of several runs)."""
    runs: dict[str, list[float]] = defaultdict(list)
    for _ in range(RUNS):
        command = [sys.executable, "-c", MEASURE, *preload, *modules]
        done = subprocess.run(
            command, capture_output=True, text=True, check=True, env={"QT_QPA_PLATFORM": "offscreen"}
        )
        for line in done.stdout.splitlines():
            name, mib = line.split()
            runs[name].append(float(mib))
    return {name: statistics.median(runs[name]) for name in modules}


def by_package(found: list[Import], after_icon: bool) -> list[tuple[str, float]]:
    """Self time summed per top-level package (deskbreak split by sub-package)."""
    totals: dict[str, float] = defaultdict(float)
    for each in found:
        if each.after_icon != after_icon:
            continue
        parts = each.module.split(".")
        key = ".".join(parts[:3]) if parts[0] == "deskbreak" else parts[0]
        totals[key] += each.self_us / 1000
    return sorted(totals.items(), key=lambda item: -item[1])


def report(found: list[Import], libraries: dict[str, float], own: dict[str, float]) -> str:
    before = sum(i.self_us for i in found if not i.after_icon) / 1000
    after = sum(i.self_us for i in found if i.after_icon) / 1000
    lines = [
        "# What the tray imports, and what it costs",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')}; `python -X importtime` of one start on Xvfb + trayer,",
        f"and private memory (USS) added per import, median of {RUNS} fresh interpreters.",
        "Command: `.venv/bin/python benchmarks/import_costs.py`",
        "",
        f"Imports before the tray icon is embedded: {before:.0f} ms; after it: {after:.0f} ms "
        "(self times summed; importtime's own overhead included).",
        "",
        "## Before the icon (these delay it), by package",
        "",
        "| package | ms |",
        "|---|---|",
        *[f"| {name} | {ms:.1f} |" for name, ms in by_package(found, after_icon=False)[:25]],
        "",
        "## After the icon (memory only), by package",
        "",
        "| package | ms |",
        "|---|---|",
        *[f"| {name} | {ms:.1f} |" for name, ms in by_package(found, after_icon=True)[:25]],
        "",
        "## Private memory added by each library, in the tray's order",
        "",
        "| import | USS added |",
        "|---|---|",
        *[f"| `{name}` | {mib:.1f} MiB |" for name, mib in libraries.items()],
        f"| all of them | {sum(libraries.values()):.1f} MiB |",
        "",
        "## Private memory added by deskbreak's own parts, on top of all the libraries",
        "",
        "| import | USS added |",
        "|---|---|",
        *[f"| `{name}` | {mib:.1f} MiB |" for name, mib in own.items()],
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    found = imports_of_the_tray()
    libraries = private_memory(LIBRARIES)
    own = private_memory(OWN, preload=LIBRARIES)
    text = report(found, libraries, own)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import_costs.md").write_text(text)


if __name__ == "__main__":
    main()
