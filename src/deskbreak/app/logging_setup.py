"""Logs to a rotating file in the platform log folder, and warnings to stderr.

faulthandler writes into the same file, so a crash in C code (Qt, the X connection) leaves a
Python traceback of every thread there instead of vanishing.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path


def setup_logging(log_file: Path, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        to_file = _LogWithFaults(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        to_file.setFormatter(formatter)
        root.addHandler(to_file)
        to_file.follow_with_faulthandler()
    except OSError as exc:
        print(f"deskbreak: cannot write the log file {log_file}: {exc}", file=sys.stderr)
    to_stderr = logging.StreamHandler()
    to_stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    to_stderr.setFormatter(formatter)
    root.addHandler(to_stderr)
    # APScheduler logs every re-arm and job run at INFO; the driver already logs what matters.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


class _LogWithFaults(logging.handlers.RotatingFileHandler):
    """The rotating log, with faulthandler pointed at whichever file is current."""

    def follow_with_faulthandler(self) -> None:
        if self.stream is not None:
            faulthandler.enable(self.stream, all_threads=True)

    def doRollover(self) -> None:
        super().doRollover()
        self.follow_with_faulthandler()  # the old file's descriptor is closed now
