"""Runs a PySide6 tray program and reports, on stdout, the moment its tray icon is embedded.

Used by idle_cost.py for deskbreak and for the stack floor alike, so start-up is measured the
same way for both: `QSystemTrayIcon.show` is wrapped to check the icon's geometry every 5 ms
until the tray host has embedded it, then print `EMBEDDED <time.monotonic()>`. The wrapping
waits until the program itself imports PySide6.QtWidgets: importing Qt here first would change
what the program pays for its own imports (PySide6 inspects every module imported after it). Ten seconds later
(inside idle_cost.py's settling time, before anything is counted) it prints `MODULES` and the
third-party packages the program has loaded, to compare with the floor; then it adds nothing.

Run: python benchmarks/tray_probe.py -m deskbreak    |    python benchmarks/tray_probe.py FILE.py
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import runpy
import sys
import sysconfig
import time
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any

_CHECK_MS = 5
MODULES_AFTER_MS = 10_000


class _WrapOnImport(importlib.abc.MetaPathFinder):
    """Wraps QSystemTrayIcon.show as soon as the program has imported PySide6.QtWidgets."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        load = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            load(module)
            _wrap_show(module.QSystemTrayIcon)

        loader.exec_module = exec_module
        return spec


def _wrap_show(tray_icon_class: Any) -> None:
    show = tray_icon_class.show

    def show_and_watch(icon: Any) -> None:
        show(icon)
        _watch(icon)

    tray_icon_class.show = show_and_watch


def _watch(icon: Any) -> None:
    from PySide6.QtCore import QTimer

    def check() -> None:
        if icon.geometry().width() > 0:
            print(f"EMBEDDED {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(MODULES_AFTER_MS, _report_modules)
        else:
            QTimer.singleShot(_CHECK_MS, check)

    QTimer.singleShot(0, check)


def third_party_modules() -> list[str]:
    """Every loaded module that lives in site-packages (not the standard library, not deskbreak)."""
    sites = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    found = []
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if any(path.startswith(site) for site in sites) and not name.startswith(("deskbreak", "_")):
            found.append(name)
    return sorted(found)


def _report_modules() -> None:
    print("MODULES " + " ".join(third_party_modules()), flush=True)


def main() -> None:
    if "PySide6.QtWidgets" in sys.modules:  # a probe running this one imported it already
        _wrap_show(sys.modules["PySide6.QtWidgets"].QSystemTrayIcon)
    else:
        sys.meta_path.insert(0, _WrapOnImport())
    if sys.argv[1] == "-m":
        module = sys.argv[2]
        sys.argv = [module, *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        script = sys.argv[1]
        sys.argv = [script, *sys.argv[2:]]
        sys.path.insert(0, str(Path(script).parent))
        runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
