"""Writes files so that a crash or a full disk never leaves a half-written settings or state file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import datetime
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file in the same folder, fsync it, rename over `path`, then fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def keep_copy(path: Path, now: datetime, tag: str = "bad") -> Path:
    """Keep the file's content as `<name>.<tag>-<timestamp>` beside it; `path` itself is not touched.

    A hard link needs no space, so a full disk or a file-size limit cannot stop it; where links
    are not supported the bytes are copied with write_atomic.
    """
    target = _free_name(path, now, tag)
    try:
        os.link(path, target)
    except FileNotFoundError:
        raise
    except OSError:
        write_atomic(target, path.read_bytes())
    return target


def move_aside(path: Path, now: datetime, tag: str = "bad") -> Path:
    """Rename a file we cannot use to `<name>.<tag>-<timestamp>` so the user's data is kept, not lost."""
    target = _free_name(path, now, tag)
    os.replace(path, target)
    return target


def _free_name(path: Path, now: datetime, tag: str) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{tag}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.{tag}-{stamp}-{counter}")
    return target


def _fsync_dir(folder: Path) -> None:
    # Directories cannot be opened for fsync on Windows; the rename is still atomic there.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
