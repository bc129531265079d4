"""The user's local time zone as a zoneinfo zone (DST-aware), honouring $TZ."""

from __future__ import annotations

import os
from datetime import tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzlocal


def local_zone() -> tzinfo:
    """$TZ when it names a zone (read each time, so a changed $TZ is seen), else the system's zone."""
    name = os.environ.get("TZ", "").removeprefix(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    zone: tzinfo = tzlocal.get_localzone()
    return zone
