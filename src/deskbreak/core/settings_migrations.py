"""Named steps that bring a settings file written by an older deskbreak up to today's format.

Each step takes the file from one version to the next, on the parsed document so that comments
and layout stay; they run in order, in memory at load and for real at the next save
(qutebrowser's autoconfig `_migrate_*` functions are the model). A file with no `version` key is
version 0: written before files carried a version, or by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import tomlkit
from tomlkit.items import Table

from deskbreak.core.settings import SETTINGS_VERSION

Document = tomlkit.TOMLDocument


@dataclass(frozen=True)
class Migration:
    """One format change: `run` edits the document into version `to_version` and says if it changed it."""

    to_version: int
    name: str
    run: Callable[[Document], bool]


# The first line deskbreak wrote before versions; such a file held every setting, defaults included.
UNVERSIONED_HEADER = "# deskbreak settings. Edit while deskbreak is closed, or use its Settings dialog."
# The defaults of the releases that wrote such files, pinned here: later defaults may change.
_DEFAULTS_BEFORE_VERSIONS: dict[str, dict[str, Any]] = {
    "schedule": {
        "sit_minutes": 50,
        "standing_desk": False,
        "stand_minutes": 20,
        "move_minutes": 2,
        "snooze_minutes": 5,
        "max_snoozes": 2,
    },
    "working_hours": {
        day: ["09:00-17:30"] for day in ("monday", "tuesday", "wednesday", "thursday", "friday")
    },
    "awareness": {
        "away_after_seconds": 120,
        "break_minutes": 5,
        "hold_during_fullscreen": True,
        "hold_during_do_not_disturb": True,
        "quiet_after_minutes": 10,
    },
    "notifications": {"desktop_notifications": True},
    "sound": {"routine_cues": True},
    "appearance": {"tray_icon": "auto"},
    "routines": {
        "prompt_packs": ["stand-up-reset", "whole-back-desk", "lower-back-release"],
        "offer": "rotate",
    },
    "startup": {"start_at_login": False},
}


def _migrate_drop_written_defaults(doc: Document) -> bool:
    """Version 0 → 1: forget the defaults that an older deskbreak wrote out by itself.

    Those files listed every setting, so a default that later improves would never reach the
    user. Only files with that release's first line are touched (a hand-written file is not), and
    only values equal to that release's defaults go; working hours go only as a whole.
    """
    if not doc.as_string().startswith(UNVERSIONED_HEADER):
        return False
    changed = False
    for section, defaults in _DEFAULTS_BEFORE_VERSIONS.items():
        table = doc.get(section)
        if not isinstance(table, Table):
            continue
        if section == "working_hours":
            if table.unwrap() == defaults:
                del doc[section]
                changed = True
            continue
        plain = table.unwrap()
        for key, default in defaults.items():
            if key in plain and type(plain[key]) is type(default) and plain[key] == default:
                del table[key]
                changed = True
        if not table and "#" not in table.as_string():
            del doc[section]
    return changed


MIGRATIONS: tuple[Migration, ...] = (Migration(1, "drop_written_defaults", _migrate_drop_written_defaults),)


def migrate(doc: Document, version: int) -> list[str]:
    """Run every step after `version`, in order; returns the names of the steps that changed the file."""
    assert MIGRATIONS[-1].to_version == SETTINGS_VERSION, "a new SETTINGS_VERSION needs its migration"
    return [step.name for step in MIGRATIONS if step.to_version > version and step.run(doc)]
