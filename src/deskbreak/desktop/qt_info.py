"""What Qt sees of this desktop: platform plugin, system tray, screens. For `deskbreak doctor`.

It creates a QApplication, so `deskbreak doctor` calls it in a child process: with a broken
DISPLAY Qt aborts the whole process, and the report must still be printed.
"""

from __future__ import annotations

import sys
from typing import Any


def qt_facts() -> dict[str, Any]:
    import PySide6
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    app = QApplication([sys.argv[0]])
    screens = [
        f"{s.geometry().width()}x{s.geometry().height()} at {s.devicePixelRatio():g}x" for s in app.screens()
    ]
    return {
        "qt": f"PySide6 {PySide6.__version__} (Qt {qVersion()})",
        "platform": app.platformName(),
        "tray": QSystemTrayIcon.isSystemTrayAvailable(),  # only safe once a QApplication exists
        "messages": QSystemTrayIcon.supportsMessages(),
        "screens": screens,
    }
