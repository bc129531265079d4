"""Qt's pixmap cache, on only while one of deskbreak's windows is on screen.

Qt keeps drawn icons and style pieces in a process-wide pixmap cache, and a timer trims it every 10
to 30 seconds for as long as anything is cached. In a tray app that timer was nearly all of the
idle wake-ups (measured with `strace` on the idle tray: a wake every 10 s, then every 30 s; none at
all with the cache off). Windows draw fine without it, so the cache is cleared and turned off while
only the tray icon is up, and turned back on when a window shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication, QWidget

TRAY_WINDOW = "QSystemTrayIconSys"  # the X11 tray icon is a small window of its own; it does not count


class PixmapCacheWhileShown(QObject):
    """Watches windows being shown and hidden (an application event filter) and switches the cache."""

    def __init__(self, qapp: QApplication) -> None:
        super().__init__(qapp)
        self._qapp = qapp
        self._limit_kb = QPixmapCache.cacheLimit() or 10240
        qapp.installEventFilter(self)
        self.update()

    def close(self) -> None:
        """Stop watching, and leave the cache on as Qt has it by default."""
        self._qapp.removeEventFilter(self)
        QPixmapCache.setCacheLimit(self._limit_kb)

    @property
    def is_on(self) -> bool:
        return QPixmapCache.cacheLimit() > 0

    def update(self) -> None:
        if any(_counts(widget) for widget in self._qapp.topLevelWidgets()):
            QPixmapCache.setCacheLimit(self._limit_kb)
        elif self.is_on:
            QPixmapCache.clear()
            QPixmapCache.setCacheLimit(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown_or_hidden = event.type() in (QEvent.Type.Show, QEvent.Type.Hide)
        if shown_or_hidden and isinstance(watched, QWidget) and watched.isWindow():
            self.update()
        return False


def _counts(widget: QWidget) -> bool:
    return widget.isVisible() and widget.metaObject().className() != TRAY_WINDOW
