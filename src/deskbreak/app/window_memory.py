"""Small things the app remembers between runs: the player's size and which cautions were read."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize

from deskbreak.core.atomic import write_atomic

log = logging.getLogger(__name__)


class WindowMemory:
    """A JSON file in the state folder; unreadable content is ignored (these are conveniences)."""

    def __init__(self, state_dir: Path) -> None:
        self._file = state_dir / "ui-memory.json"

    def player_size(self) -> QSize | None:
        size = self._read().get("player_size")
        if (
            isinstance(size, list)
            and len(size) == 2
            and all(isinstance(n, int) and 200 < n < 10_000 for n in size)
        ):
            return QSize(size[0], size[1])
        return None

    def remember_player_size(self, size: QSize) -> None:
        self._update("player_size", [size.width(), size.height()])

    def cautions_read(self, pack_id: str) -> bool:
        read = self._read().get("cautions_read")
        return isinstance(read, list) and pack_id in read

    def remember_cautions_read(self, pack_id: str) -> None:
        read = self._read().get("cautions_read")
        packs = sorted({*read, pack_id}) if isinstance(read, list) else [pack_id]
        self._update("cautions_read", packs)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring %s: %s", self._file, exc)
            return {}
        return data if isinstance(data, dict) else {}

    def _update(self, key: str, value: object) -> None:
        data = self._read()
        data[key] = value
        try:
            write_atomic(self._file, json.dumps(data, indent=1).encode())
        except OSError as exc:
            log.warning("could not save %s: %s", self._file, exc)
