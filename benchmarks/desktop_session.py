"""A throwaway desktop for the benchmarks, and deskbreak (or the stack floor) started on it.

Each Desktop is its own Xvfb display with the trayer tray host and a private D-Bus session bus,
and its own config, data and runtime folders, so a benchmark never touches the user's deskbreak.
Apps start under a probe (tray_probe.py by default) that prints `EMBEDDED <time.monotonic()>`
once the tray icon is embedded, so start-up is measured the same way for every app.
"""

from __future__ import annotations

import os
import platform
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TRAY_PROBE = HERE / "tray_probe.py"
TOOLS = ("Xvfb", "trayer", "xdotool", "dbus-daemon")
EMBED_TIMEOUT_SECONDS = 60


# --- a throwaway desktop ---------------------------------------------------------------------------


def require_tools(script: str) -> None:
    """Exit with one line where this is not Linux or a tool the desktop needs is missing."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing or platform.system() != "Linux":
        sys.exit(f"{script} needs Linux and {', '.join(missing) or 'its tools'}")


def load_average() -> str:
    """The one-minute load average, to judge how busy the shared machine was."""
    return Path("/proc/loadavg").read_text().split()[0]


@dataclass
class Desktop:
    folder: Path
    number: int
    env: dict[str, str] = field(default_factory=dict)
    helpers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    bus_pid: int | None = None

    def start(self) -> None:
        quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        for name in ("config", "data", "run", "xdg-config", "state"):
            (self.folder / name).mkdir(mode=0o700, parents=True, exist_ok=True)
        days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        (self.folder / "config" / "settings.toml").write_text(
            "[working_hours]\n" + "".join(f'{day} = ["00:00-24:00"]\n' for day in days)
        )  # prompts never due during the run: the default sitting block is 50 min
        self.env = dict(
            os.environ,
            DISPLAY=f":{self.number}",
            QT_QPA_PLATFORM="xcb",
            XDG_SESSION_TYPE="x11",
            DESKBREAK_CONFIG_DIR=str(self.folder / "config"),
            DESKBREAK_DATA_DIR=str(self.folder / "data"),
            XDG_RUNTIME_DIR=str(self.folder / "run"),
            XDG_CONFIG_HOME=str(self.folder / "xdg-config"),
            XDG_STATE_HOME=str(self.folder / "state"),
            DBUS_SYSTEM_BUS_ADDRESS="unix:path=/nonexistent/no-system-bus",
        )
        self.env.pop("WAYLAND_DISPLAY", None)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)  # use the bytecode, as an installed app does
        xvfb = subprocess.Popen(
            ["Xvfb", f":{self.number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], **quiet
        )
        self.helpers.append(xvfb)
        _wait(lambda: Path(f"/tmp/.X11-unix/X{self.number}").exists(), 10, "Xvfb")
        bus = subprocess.run(
            ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
            env=self.env, capture_output=True, text=True, check=True, timeout=10,
        )  # fmt: skip
        address, pid = bus.stdout.split()[:2]
        self.env["DBUS_SESSION_BUS_ADDRESS"], self.bus_pid = address, int(pid)
        tray = ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "26"]
        self.helpers.append(subprocess.Popen(tray, env=self.env, **quiet))
        time.sleep(0.5)

    def stop(self) -> None:
        for helper in reversed(self.helpers):
            helper.terminate()
            try:
                helper.wait(10)
            except subprocess.TimeoutExpired:
                helper.kill()
                helper.wait(10)
        if self.bus_pid is not None:
            subprocess.run(["kill", str(self.bus_pid)], check=False)

    def move_pointer(self, step: int) -> None:
        x, y = 100 + (step * 37) % 400, 400 + (step * 53) % 300  # far from the tray in the corner
        subprocess.run(["xdotool", "mousemove", str(x), str(y)], env=self.env, check=False)


@contextmanager
def desktops(count: int, first_number: int) -> Iterator[list[Desktop]]:
    compile_deskbreak()
    with tempfile.TemporaryDirectory(prefix="deskbreak-bench-") as folder:
        made: list[Desktop] = []
        try:
            number = first_number
            for i in range(count):
                made.append(Desktop(Path(folder) / f"desktop-{i}", _free_display(number)))
                made[-1].start()
                number = made[-1].number + 1
            yield made
        finally:
            for desktop in made:
                desktop.stop()


def compile_deskbreak() -> None:
    """Write deskbreak's bytecode first, as installing a wheel does.

    Otherwise an editable checkout (or a machine with PYTHONDONTWRITEBYTECODE set, like the one
    these benchmarks were written on) compiles every module from source in every process, which
    adds tens of milliseconds to each start and first window that no installed copy pays.
    """
    import deskbreak

    folder = Path(deskbreak.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True)


# --- the apps --------------------------------------------------------------------------------------


@dataclass
class Running:
    name: str
    process: subprocess.Popen[str]
    lines: queue.Queue[str]
    startup_seconds: float

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_for_line(self, prefix: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line.startswith(prefix):
                return line[len(prefix) :].strip()
        raise RuntimeError(f"{self.name}: no {prefix.strip()} line within {timeout:.0f} s")

    def stop(self, desktop: Desktop) -> None:
        if self.name == "deskbreak":
            subprocess.run(
                deskbreak_command("ctl", "quit"), env=desktop.env, capture_output=True, check=False
            )
        else:
            self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def deskbreak_command(*args: str) -> list[str]:
    """The installed `deskbreak` script beside this Python, as a keyboard shortcut would run it."""
    script = Path(sys.executable).parent / "deskbreak"
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "deskbreak", *args]


def launch(name: str, desktop: Desktop, target: list[str], probe: Path = TRAY_PROBE) -> Running:
    """Start `target` (`-m deskbreak`, or a script and its arguments) under `probe`; wait for its icon."""
    lines: queue.Queue[str] = queue.Queue()
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(probe), *target],
        env=desktop.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    threading.Thread(target=_forward, args=(process.stdout, lines), daemon=True).start()
    app = Running(name, process, lines, 0.0)
    app.startup_seconds = float(app.wait_for_line("EMBEDDED ", EMBED_TIMEOUT_SECONDS)) - start
    return app


def _forward(stream: Iterator[str], lines: queue.Queue[str]) -> None:
    """The app's stdout, line by line, for `wait_for_line` (a thread: reading never blocks the run)."""
    for line in stream:
        lines.put(line)


def _free_display(start: int) -> int:
    for number in range(start, start + 100):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


def _wait(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start within {timeout:.0f} s")
        time.sleep(0.05)
