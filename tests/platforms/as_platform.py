"""Imports every deskbreak module, and builds each backend that is picked per OS, as another OS would.

Run as `python -m tests.platforms.as_platform win32` (or darwin, linux): the third-party libraries
load as they are, then the process pretends to be the named OS — `sys.platform`, a `time` module
without what that OS lacks, empty stand-ins for Windows-only modules — re-imports
every deskbreak module and prints, as JSON, which backend each picker chose. A module that
reads a Unix-only name at import time, or a picker that crashes on another OS, fails here.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

import deskbreak

# What each OS's standard library lacks compared with this Linux one. (os.getuid stays: the Linux
# platformdirs loaded here needs it, where Windows would load platformdirs' Windows code.)
MISSING: dict[Any, dict[Any, tuple[str, ...]]] = {
    "win32": {time: ("clock_gettime", "clock_settime", "clock_getres", "CLOCK_MONOTONIC", "CLOCK_BOOTTIME")},
    "darwin": {time: ("CLOCK_BOOTTIME",)},
    "linux": {},
}
WINDOWS_ONLY_MODULES = ("winreg", "winsound", "msvcrt")


def module_names() -> list[str]:
    """Every module of the package, except `__main__`, which would run the command line."""
    found = pkgutil.walk_packages(deskbreak.__path__, "deskbreak.")
    return sorted(["deskbreak", *(info.name for info in found if not info.name.endswith(".__main__"))])


def import_all() -> list[str]:
    names = module_names()
    for name in names:
        importlib.import_module(name)
    return names


def pretend_to_be(platform: str) -> None:
    for name in [name for name in sys.modules if name == "deskbreak" or name.startswith("deskbreak.")]:
        del sys.modules[name]
    sys.platform = platform
    for module, attributes in MISSING[platform].items():
        for attribute in attributes:
            if hasattr(module, attribute):
                delattr(module, attribute)
    if platform == "win32":
        os.environ.setdefault("USERNAME", "tester")  # Windows always sets it; getpass reads it
        for name in WINDOWS_ONLY_MODULES:
            sys.modules.setdefault(name, types.ModuleType(name))


def chosen_backends(folder: Path) -> dict[str, Any]:
    from deskbreak.core.clock import SystemClock
    from deskbreak.core.paths import default_paths
    from deskbreak.desktop.autostart import pick_autostart
    from deskbreak.desktop.idle import idle_candidates
    from deskbreak.desktop.ipc import socket_name
    from deskbreak.desktop.session import suspended_seconds
    from deskbreak.desktop.sound import pick_player

    def no_bus() -> Any:
        raise AssertionError("no picker may open a bus while choosing")

    return {
        "elapsed": SystemClock().elapsed_source.name,
        "suspended_seconds": type(suspended_seconds()).__name__,
        "autostart": type(pick_autostart(environ={}, home=folder)).__name__,
        "idle": [name for name, _open in idle_candidates({}, no_bus)],
        "socket_is_a_path": Path(socket_name(folder / "run")).is_absolute(),
        "sound": pick_player().description.split()[0],
        "runtime_dir_is_absolute": default_paths({}).runtime_dir.is_absolute(),
    }


def main(platform: str) -> None:
    import_all()  # third-party libraries load as this machine has them
    pretend_to_be(platform)
    imported = import_all()
    with tempfile.TemporaryDirectory() as folder:
        report = {"platform": sys.platform, "modules": len(imported), **chosen_backends(Path(folder))}
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
