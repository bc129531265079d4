"""Benchmark: what deskbreak costs while it sits in the tray, next to a bare PySide6 tray app.

For each app, on its own Xvfb with a trayer tray host, it measures:
- start-up to tray: from process start until the icon is embedded (QSystemTrayIcon geometry);
- RSS and PSS after 30 s idle (from /proc/PID/smaps_rollup);
- context switches (all threads, voluntary + involuntary) over 60 s idle: each is a wake-up.

Run: `.venv/bin/python benchmarks/idle_cost.py [--idle SECONDS]` (needs Xvfb and trayer; Linux only).
It writes benchmarks/results/idle_cost.md. Nothing is asserted: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BARE_TRAY = """
import sys, time
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QMenu
from PySide6.QtGui import QIcon, QPixmap, QColor
app = QApplication(sys.argv)
pixmap = QPixmap(22, 22); pixmap.fill(QColor("#26a269"))
icon = QSystemTrayIcon(QIcon(pixmap)); menu = QMenu(); menu.addAction("Quit", app.quit)
icon.setContextMenu(menu); icon.setToolTip("bare tray"); icon.show()
def report():
    g = icon.geometry()
    if g.width() > 0:
        print("EMBEDDED", flush=True)
    else:
        from PySide6.QtCore import QTimer
        QTimer.singleShot(20, report)
from PySide6.QtCore import QTimer
QTimer.singleShot(0, report)
app.exec()
"""


@dataclass
class Result:
    name: str
    startup_s: float
    rss_mib: float
    pss_mib: float
    switches: int
    idle_s: int


def context_switches(pid: int) -> int:
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for line in (task / "status").read_text().splitlines():
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                total += int(line.split()[1])
    return total


def memory_mib(pid: int) -> tuple[float, float]:
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if parts and parts[0] in ("Rss:", "Pss:"):
            values[parts[0]] = int(parts[1]) / 1024
    return values["Rss:"], values["Pss:"]


def desktop(tmp: Path, number: int) -> tuple[dict[str, str], list[subprocess.Popen[bytes]]]:
    env = dict(os.environ, DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb",
               DESKBREAK_CONFIG_DIR=str(tmp / "config"), DESKBREAK_DATA_DIR=str(tmp / "data"),
               XDG_RUNTIME_DIR=str(tmp / "run"), DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")  # fmt: skip
    (tmp / "run").mkdir(mode=0o700, exist_ok=True)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    xvfb = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], **quiet
    )  # type: ignore[call-overload]
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            break
        time.sleep(0.05)
    tray = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request"], env=env, **quiet
    )  # type: ignore[call-overload]
    time.sleep(0.5)
    return env, [tray, xvfb]


def measure(name: str, command: list[str], embedded: object, idle: int, number: int) -> Result:
    with tempfile.TemporaryDirectory() as folder:
        env, helpers = desktop(Path(folder), number)
        try:
            start = time.perf_counter()
            app = subprocess.Popen(
                command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
            )
            while not embedded(app, env):  # type: ignore[operator]
                if time.perf_counter() - start > 30:
                    raise RuntimeError(f"{name}: the icon did not embed within 30 s")
                time.sleep(0.02)
            startup = time.perf_counter() - start
            time.sleep(30)
            rss, pss = memory_mib(app.pid)
            before = context_switches(app.pid)
            time.sleep(idle)
            switches = context_switches(app.pid) - before
            return Result(name, startup, rss, pss, switches, idle)
        finally:
            app.terminate()
            app.wait(10)
            for helper in helpers:
                helper.terminate()
                helper.wait(10)


def deskbreak_embedded(app: subprocess.Popen[str], env: dict[str, str]) -> bool:
    answer = subprocess.run([sys.executable, "-m", "deskbreak", "ctl", "status", "--json"],
                            env=env, capture_output=True, text=True, check=False)  # fmt: skip
    return answer.returncode == 0 and json.loads(answer.stdout)["tray"]["geometry"][2] > 0


def bare_embedded(app: subprocess.Popen[str], env: dict[str, str]) -> bool:
    assert app.stdout is not None
    return app.stdout.readline().strip() == "EMBEDDED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--idle", type=int, default=60, help="seconds of idle to count wake-ups over")
    idle = parser.parse_args().idle
    results = [
        measure("bare PySide6 tray (baseline)", [sys.executable, "-c", BARE_TRAY], bare_embedded, idle, 181),
        measure("deskbreak", [sys.executable, "-m", "deskbreak"], deskbreak_embedded, idle, 182),
    ]
    lines = [
        "# Idle cost in the tray",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} on Xvfb + trayer; context switches over {idle} s idle,",
        "memory after 30 s idle. Start-up to tray for deskbreak includes polling `ctl status` every ~20 ms.",
        "",
        "| app | start-up to tray | RSS | PSS | context switches / min idle |",
        "|---|---|---|---|---|",
        *[
            f"| {r.name} | {r.startup_s:.2f} s | {r.rss_mib:.0f} MiB | {r.pss_mib:.0f} MiB | {r.switches * 60 / r.idle_s:.1f} |"
            for r in results
        ],
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    out = Path(__file__).parent / "results" / "idle_cost.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report)


if __name__ == "__main__":
    main()
