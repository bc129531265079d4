"""Runs a PySide6 tray program and reports, on stdout, the moment its tray icon is embedded.

Used by idle_cost.py for deskbreak and for the stack floor alike, so start-up is measured the
same way for both: `QSystemTrayIcon.show` is wrapped to check the icon's geometry every 5 ms
until the tray host has embedded it, then print `EMBEDDED <time.monotonic()>`. Ten seconds later
(inside idle_cost.py's settling time, before anything is counted) it prints `MODULES` and the
third-party packages the program has loaded, to compare with the floor; then it adds nothing.

Run: python benchmarks/tray_probe.py -m deskbreak    |    python benchmarks/tray_probe.py FILE.py
"""

from __future__ import annotations

import runpy
import sys
import sysconfig
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QSystemTrayIcon

_show = QSystemTrayIcon.show
_CHECK_MS = 5
MODULES_AFTER_MS = 10_000


def _show_and_watch(icon: QSystemTrayIcon) -> None:
    _show(icon)

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
    QSystemTrayIcon.show = _show_and_watch  # type: ignore[method-assign]
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
