"""The user's local time zone as a zoneinfo zone (DST-aware), honouring $TZ."""

from __future__ import annotations

from datetime import tzinfo

import tzlocal


def local_zone() -> tzinfo:
    zone: tzinfo = tzlocal.get_localzone()
    return zone
