"""The composition root: builds the running tray app from settings, state and adapters."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from types import TracebackType

from deskbreak import APP_ID
from deskbreak.core.atomic import move_aside
from deskbreak.core.engine import Engine
from deskbreak.core.paths import Paths, default_paths
from deskbreak.core.settings import Settings
from deskbreak.core.settings_store import load_settings
from deskbreak.core.state import SnapshotError

log = logging.getLogger(__name__)


def run_app(args: argparse.Namespace) -> int:
    """Start the tray app, or hand over to the one already running and return."""
    from deskbreak.desktop.pyside_sources import read_sources_without_keeping

    read_sources_without_keeping()  # before the first module imported after Qt (13 MiB idle)

    from deskbreak.app.logging_setup import setup_logging
    from deskbreak.desktop.ipc import IpcError, NoInstanceError, request, socket_name

    paths = default_paths()
    setup_logging(paths.log_file, verbose=getattr(args, "verbose", False))
    name = socket_name(paths.runtime_dir)
    try:
        request(name, "activate", timeout_ms=3000)
    except NoInstanceError:
        pass
    except IpcError as exc:  # it holds the socket, so a second instance could not listen anyway
        return _cannot_start(f"deskbreak is already running but did not answer ({exc}); it may be stuck")
    else:
        print("deskbreak is already running; it was asked to show itself.")
        return 0
    return _run_tray(paths, name, args)


def _run_tray(paths: Paths, name: str, args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from deskbreak.app.awareness import Awareness, Probed, probe_soon, with_awareness
    from deskbreak.app.controller import DeskbreakApp
    from deskbreak.app.routines import LoadedRoutines
    from deskbreak.core.clock import SystemClock
    from deskbreak.desktop.display import quit_when_display_lost
    from deskbreak.desktop.ipc import IpcError, IpcServer, request
    from deskbreak.desktop.signals import SignalBridge
    from deskbreak.desktop.zone import local_zone
    from deskbreak.timing.driver import EngineDriver
    from deskbreak.ui.icons import app_icon
    from deskbreak.ui.pixmap_cache import PixmapCacheWhileShown

    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("deskbreak")
    qapp.setApplicationDisplayName("deskbreak")
    qapp.setDesktopFileName(APP_ID)  # the .desktop file's name, so docks group the windows
    qapp.setQuitOnLastWindowClosed(False)
    qapp.setWindowIcon(app_icon())
    PixmapCacheWhileShown(qapp)  # lets the idle tray sleep (its trimming timer wakes it otherwise)

    clock = SystemClock()
    tz = local_zone()
    loaded = load_settings(paths.settings_file, clock.now())
    engine = restore_engine(paths.state_file, loaded.settings, tz, clock.now())
    driver = EngineDriver(engine, clock, paths.state_file)
    routines = LoadedRoutines(paths.user_routines_dir)
    app = DeskbreakApp(qapp, driver, clock, tz, paths, routines, loaded.unknown)

    awareness: Awareness | None = None  # built after start; `ctl status` includes it from then on
    server = IpcServer(name, with_awareness(app.remote, lambda: awareness))
    try:
        if not server.listen():  # lost a start-up race with another instance
            request(name, "activate")
            return 0
    except IpcError as exc:
        return _cannot_start(str(exc))
    app.ipc = server
    bridge = SignalBridge(app.quit)
    quit_when_display_lost(driver.stop)
    _install_excepthook(app)
    app.start()

    def start_awareness(found: Probed) -> None:
        nonlocal awareness
        awareness = Awareness(driver, found, clock.now, os.environ)
        awareness.start()
        app.settings_flow.settings_changed.connect(awareness.settings_changed)
        qapp.aboutToQuit.connect(awareness.stop)

    def after_start() -> None:
        """Slower start-up work once the icon is already up: the desktop is probed without waiting
        for its answers (they start the watchers when they come), then the packs and history."""
        probe_soon(os.environ, start_awareness)
        lines = [str(problem) for problem in loaded.problems]
        if loaded.moved_to is not None:
            lines.append(f"Your original file was kept as {loaded.moved_to}.")
        app.show_problems("Some settings could not be used; deskbreak uses the defaults for them.", lines)
        app.show_problems("Some routine packs could not be loaded.", app.load_routines().problem_lines())
        app.history.open(driver.status.posture)
        app.settings_flow.after_start()  # start-at-login as the OS has it; the welcome on a first run
        if getattr(args, "play_pack", None):
            app.session.request(args.play_pack)  # `deskbreak play PACK` started the app

    QTimer.singleShot(0, after_start)
    try:
        return qapp.exec()
    finally:
        bridge.close()


def _cannot_start(reason: str) -> int:
    log.error("not starting: %s", reason)
    print(
        f"deskbreak cannot start: {reason}.\nIf a deskbreak is stuck, end it (deskbreak ctl quit, or its "
        "process), then start deskbreak again.",
        file=sys.stderr,
    )
    return 1


def restore_engine(state_file: Path, settings: Settings, tz: tzinfo, now: datetime) -> Engine:
    """Continue where the last run stopped; a missing or damaged state file starts a fresh block."""
    try:
        snapshot = json.loads(state_file.read_text(encoding="utf-8"))
        return Engine.restored(snapshot, settings, tz, now)
    except FileNotFoundError:
        return Engine(settings, tz, now)
    except (OSError, ValueError, SnapshotError) as exc:
        log.warning(
            "the saved state in %s cannot be used (%s); starting a new sitting block", state_file, exc
        )
        with contextlib.suppress(OSError):
            move_aside(state_file, now)
        return Engine(settings, tz, now)


def _install_excepthook(app: object) -> None:
    """Log an exception raised in a Qt slot, tell the user once, and keep running."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[QMessageBox] = []  # keeps the box alive while it is on screen

    def tell(text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "deskbreak", text)
        box.setModal(False)
        box.show()
        shown.append(box)

    sys.excepthook = ErrorReporter(tell)


class ErrorReporter:
    """sys.excepthook for the running app: every error goes to the log, the first also to the user."""

    def __init__(self, tell: Callable[[str], None]) -> None:
        self._tell = tell
        self.told = False

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.error("unexpected error", exc_info=(kind, error, trace))
        if not self.told:
            self.told = True
            self._tell(
                f"Something went wrong inside deskbreak ({kind.__name__}: {error}). "
                "It keeps running; the details are in the log file."
            )
