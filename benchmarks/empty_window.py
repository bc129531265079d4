"""The baseline for response.py: a PySide6 tray program that shows an empty window when asked.

Each connection to the local socket named on the command line closes the last window and shows a
new empty one, the way deskbreak's control socket asks it for the player. What response.py
measures for this program is what any new window costs on the same desktop in the same run.

Run: python benchmarks/window_probe.py benchmarks/empty_window.py /path/to/socket
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget


def main() -> None:
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(22, 22)
    pixmap.fill(QColor("teal"))
    icon = QSystemTrayIcon(QIcon(pixmap))
    icon.show()
    shown: list[QWidget] = []
    server = QLocalServer()
    if not server.listen(sys.argv[1]):
        sys.exit(f"cannot listen on {sys.argv[1]}: {server.errorString()}")

    def asked() -> None:
        connection = server.nextPendingConnection()
        connection.disconnectFromServer()
        for window in shown:
            window.close()
        shown.clear()
        window = QWidget()
        window.setWindowTitle("empty")
        window.resize(640, 480)
        window.show()
        shown.append(window)

    server.newConnection.connect(asked)
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
