"""Notices that the display server went away (a logout) and ends the app after saving its state.

Qt's xcb plugin answers a broken X connection with one warning and `exit(1)` from inside event
processing; the destructors `exit` then runs, with windows half torn down, sometimes crashed
(SIGSEGV at logout, which crash reporters show at the next login). The warning is the only
notice Qt gives, so a message handler watches for it, runs the quit work that needs no display
(saving the engine state), flushes the log and ends the process at once. Every other Qt message
goes to the log.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

X11_CONNECTION_BROKE = "The X11 connection broke"
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def quit_when_display_lost(save: Callable[[], None]) -> None:
    """Install the Qt message handler: on a lost display, `save()`, then exit with status 0."""

    def handle(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if message.startswith(X11_CONNECTION_BROKE):
            log.warning("the display went away (%s); saving the state and quitting", message)
            try:
                save()
            finally:
                logging.shutdown()
                os._exit(0)
        qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handle)
