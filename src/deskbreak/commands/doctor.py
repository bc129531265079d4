"""`deskbreak doctor`: what deskbreak can see on this desktop, as one block to paste into a bug report.

It probes everything itself, so it works with no deskbreak running; when one runs, its own view
(tray embedding, notifications, what holds prompts) is added. Qt is asked in a child process:
a broken display makes Qt abort, and a report tool must survive exactly the broken setups.
Every D-Bus call has a one-second limit, so the command never hangs on a stuck desktop service
(doctor has no event loop: it runs the app's probing tasks waiting for each answer).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from deskbreak import __version__

if TYPE_CHECKING:
    from deskbreak.desktop.dbus import Bus

QT_PROBE_TIMEOUT_SECONDS = 10
_ENV_KEYS = ("XDG_SESSION_TYPE", "XDG_CURRENT_DESKTOP", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="print what deskbreak can see on this desktop (for bug reports)",
        description="Print what deskbreak can see here: Qt platform and tray, idle, lock and sleep, "
        "do-not-disturb and fullscreen, notifications, folders, routine packs and problems. "
        "Paste the output into a bug report.",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)  # the child process
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    if args.qt_probe:
        from deskbreak.desktop.qt_info import qt_facts

        json.dump(qt_facts(), out)
        return 0
    report = gather(os.environ)
    if args.json:
        json.dump(report, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    out.write(render(report))
    return 0


def gather(environ: Mapping[str, str]) -> dict[str, Any]:
    """The whole report: `lines` in print order, `problems`, and the running instance's status."""
    from deskbreak.app.awareness import probe
    from deskbreak.core.paths import default_paths

    paths = default_paths(dict(environ))
    lines: dict[str, str] = {
        "python": f"{platform.python_version()} on {platform.platform()}",
        "session": " ".join(f"{key}={environ.get(key) or '-'}" for key in _ENV_KEYS),
    }
    problems: list[str] = []
    lines.update(_qt_lines(problems))
    found = probe(environ)
    try:
        lines.update(found.describe())
        lines["notifications"] = _notifications(found.session_bus) if found.session_bus else "tray balloons"
    finally:
        found.close()
    lines["sound"] = _sound()
    lines["voice"] = _voice(paths.settings_file)
    lines["settings"] = _settings(paths.settings_file, problems)
    lines["packs"] = _packs(paths.user_routines_dir, problems)
    lines["figures"] = _figures(paths.user_routines_dir, problems)
    lines.update(
        {
            "config folder": str(paths.config_dir),
            "data folder": str(paths.data_dir),
            "state folder": str(paths.state_dir),
            "log file": str(paths.log_file),
        }
    )
    instance = _instance(paths.runtime_dir)
    lines.update(_instance_lines(instance))
    return {"deskbreak": __version__, "lines": lines, "problems": problems, "instance": instance}


def render(report: dict[str, Any]) -> str:
    text = [f"deskbreak {report['deskbreak']} doctor"]
    text += [f"{key}: {value}" for key, value in report["lines"].items()]
    problems: list[str] = report["problems"]
    text.append(f"problems: {len(problems) or 'none'}")
    text += [f"  - {problem}" for problem in problems]
    return "\n".join(text) + "\n"


def _qt_lines(problems: list[str]) -> dict[str, str]:
    # In a frozen bundle the executable is deskbreak itself; elsewhere it is Python.
    this = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "deskbreak"]
    try:
        done = subprocess.run(
            [*this, "doctor", "--qt-probe"],
            capture_output=True, text=True, timeout=QT_PROBE_TIMEOUT_SECONDS, check=False,
        )  # fmt: skip
        facts = json.loads(done.stdout) if done.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
        problems.append(f"could not ask Qt ({exc}): deskbreak may not start here")
        return {"qt": f"could not ask Qt ({exc})"}
    if facts is None:
        first = (done.stderr.strip().splitlines() or ["no message"])[0].strip()
        problems.append(f"Qt could not start, so deskbreak cannot either: {first}")
        return {"qt": f"Qt could not start (exit status {done.returncode}): {first}"}
    tray = "available" if facts["tray"] else "not available (deskbreak shows its status window instead)"
    return {
        "qt": f"{facts['qt']}, platform {facts['platform']}",
        "screens": ", ".join(facts["screens"]) or "none",
        "tray": tray,
    }


def _notifications(bus: Bus) -> str:
    from deskbreak.desktop.steps import run_blocking

    return run_blocking(_ask_notifications(bus))


async def _ask_notifications(bus: Bus) -> str:
    from deskbreak.desktop.dbus import DBusError
    from deskbreak.desktop.dnd import NOTIFICATIONS, NOTIFICATIONS_PATH

    try:
        if not await bus.has_owner(NOTIFICATIONS):
            return "tray balloons (no notification server is running)"
        name, _vendor, version, spec = await bus.call(
            NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "GetServerInformation"
        )
        (caps,) = await bus.call(NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "GetCapabilities")
    except DBusError as exc:
        return f"tray balloons (the notification server did not answer: {exc})"
    buttons = "with buttons" if "actions" in caps else "no buttons"
    return f"freedesktop notifications: {name} {version} (spec {spec}, {buttons})"


def _sound() -> str:
    from deskbreak.desktop.sound import pick_player

    player = pick_player()
    return player.description + ("; the routine player's tones cannot be heard" if player.is_silent else "")


def _voice(settings_file: Path) -> str:
    """Which speech service would read the cues, and whether the settings turn the voice on."""
    from deskbreak.desktop.voice import pick_voice

    voice = pick_voice()
    if voice.is_silent:
        return f"{voice.description}; the voice cannot be used here"
    return f"{voice.description}, {'on' if _voice_is_on(settings_file) else 'off'} in settings"


def _voice_is_on(settings_file: Path) -> bool:
    from deskbreak.core.settings_store import check_settings

    try:
        settings, _found = check_settings(settings_file)
    except OSError:
        return False  # no file (or the settings line says why): the default is off
    return settings.sound.voice


def _figures(user_dir: Path, problems: list[str]) -> str:
    """The exercise figures: how many are bundled and how many come from the user's `figures/`."""
    from deskbreak.core.figures.book import USER_FOLDER, load_figures
    from deskbreak.core.routines.library import load_library

    known = load_library(user_dir).catalogue.exercises
    book = load_figures(user_dir, known_exercises=known)
    problems.extend(str(problem) for problem in book.problems)
    origins = [figure.origin for figure in book.figures.values()]
    drawn = sum(1 for exercise_id in known if exercise_id in book.figures)
    return (
        f"{origins.count('bundled')} bundled, {origins.count('user')} yours from {user_dir / USER_FOLDER}; "
        f"{drawn} of {len(known)} exercises have one"
    )


def _settings(settings_file: Path, problems: list[str]) -> str:
    """Read the settings without repairing or moving anything (the app does that at start)."""
    from deskbreak.core.settings_store import check_settings

    try:
        _settings_model, found = check_settings(settings_file)
    except FileNotFoundError:
        return f"{settings_file} (not created yet: defaults)"
    problems.extend(str(problem) for problem in found)
    if not found:
        return str(settings_file)
    return f"{settings_file} ({len(found)} problem{'s' if len(found) > 1 else ''}, listed below)"


def _packs(user_dir: Path, problems: list[str]) -> str:
    from deskbreak.core.routines.library import load_library

    library = load_library(user_dir)
    problems.extend(str(problem) for problem in library.problems)
    sources = [loaded.source for loaded in library.packs.values()]
    return (
        f"{len(sources)} loaded ({sources.count('bundled')} bundled, {sources.count('user')} yours "
        f"from {user_dir})"
    )


def _instance(runtime_dir: Path) -> dict[str, Any] | None:
    from deskbreak.desktop.ipc import IpcError, NoInstanceError, request, socket_name

    try:
        status = request(socket_name(runtime_dir), "status", timeout_ms=2000)
    except NoInstanceError:
        return None
    except IpcError as exc:
        return {"error": str(exc)}
    return status if isinstance(status, dict) else {"error": "unexpected answer"}


def _instance_lines(instance: dict[str, Any] | None) -> dict[str, str]:
    if instance is None:
        return {"running": "no deskbreak is running for this user"}
    if "error" in instance:
        return {"running": f"a deskbreak seems to run but did not answer: {instance['error']}"}
    lines = {"running": f"yes: {instance.get('summary', instance.get('state'))}"}
    tray = instance.get("tray") or {}
    if tray:
        x, y, width, height = tray.get("geometry", [0, 0, 0, 0])
        where = f"embedded, {width}x{height} at {x},{y}" if width else "not embedded"
        lines["running tray"] = f"available: {tray.get('available')}, {where}"
    if "notifications" in instance:
        lines["running notifications"] = str(instance["notifications"])
    held = instance.get("held_by") or []
    lines["running held by"] = ", ".join(held) if held else "nothing"
    seen = instance.get("awareness") or {}
    for key in ("idle", "lock", "fullscreen", "do-not-disturb"):
        if key in seen:
            lines[f"running {key}"] = str(seen[key])
    return lines
