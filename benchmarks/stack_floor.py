"""The stack floor: a PySide6 tray app with no code of its own, loading the libraries deskbreak loads.

What deskbreak costs beyond this is its own code and data. idle_cost.py asks the idle deskbreak
which third-party modules it has loaded and passes that list here (one name a line), so the
floor follows deskbreak: a library deskbreak stops loading leaves the floor too. The tray itself
is what any tray app needs: an icon, a menu, a tooltip and one alarm far ahead (like a break
reminder waiting for its next prompt).

Run: python benchmarks/stack_floor.py MODULE_LIST_FILE    (idle_cost.py does this)
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

NEXT_ALARM_MS = 45 * 60 * 1000


def load(modules_file: Path) -> list[str]:
    """Import every listed module; the ones that cannot be imported alone are returned."""
    failed = []
    for name in modules_file.read_text().split():
        try:
            importlib.import_module(name)
        except Exception:  # a private submodule that needs its parent's set-up: its parent is listed too
            failed.append(name)
    return failed


def main() -> int:
    load(Path(sys.argv[1]))
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(22, 22)
    pixmap.fill(QColor("#26a269"))
    icon = QSystemTrayIcon(QIcon(pixmap))
    menu = QMenu()
    for label in ("Take a break now", "Pause", "Settings…"):
        menu.addAction(label)
    menu.addSeparator()
    menu.addAction("Quit", app.quit)
    icon.setContextMenu(menu)
    icon.setToolTip("the stack floor")
    icon.show()
    alarm = QTimer()
    alarm.setSingleShot(True)
    alarm.start(NEXT_ALARM_MS)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
