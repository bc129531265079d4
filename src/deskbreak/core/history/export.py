"""Writes the whole history to a CSV or JSON file the user owns, and reads such a file back.

Both formats carry every stored row, also kinds this deskbreak cannot decode (written by a newer
version), with its instant in UTC, the local time for reading, its kind and its fields as the
same JSON object the database holds. Reading a file back gives the events that were exported.

CSV: a header `at,local_time,kind,detail`, then one row per event.
JSON: `{"format": "deskbreak-history", "version": 1, "events": [{"at", "local_time", "kind",
"detail"}, ...]}`.
"""

from __future__ import annotations

import csv
import enum
import io
import json
from collections.abc import Iterable
from datetime import tzinfo
from pathlib import Path
from typing import Any

from deskbreak.core.atomic import write_atomic
from deskbreak.core.history.codec import EVENT_BY_KIND, EventFormatError, decode_fields, parse_instant
from deskbreak.core.history.events import HistoryEntry
from deskbreak.core.history.store import StoredRow

FORMAT_NAME = "deskbreak-history"
FORMAT_VERSION = 1
CSV_HEADER = ("at", "local_time", "kind", "detail")


class ExportFormat(enum.Enum):
    CSV = "csv"
    JSON = "json"


class ExportReadError(ValueError):
    """An export file that cannot be read back; the message names the file and the place."""


def export_text(rows: Iterable[StoredRow], fmt: ExportFormat, tz: tzinfo) -> str:
    """The file's text: every row, oldest first."""
    match fmt:
        case ExportFormat.CSV:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(CSV_HEADER)
            for row in rows:
                writer.writerow((row.at.isoformat(), _local(row, tz), row.kind, row.detail))
            return buffer.getvalue()
        case ExportFormat.JSON:
            events = [
                {
                    "at": row.at.isoformat(),
                    "local_time": _local(row, tz),
                    "kind": row.kind,
                    "detail": _object(row),
                }
                for row in rows
            ]
            document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "events": events}
            return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def write_export(path: Path, rows: Iterable[StoredRow], fmt: ExportFormat, tz: tzinfo) -> int:
    """Write the file atomically (a failed export never leaves half a file); returns the event count."""
    materialised = list(rows)
    write_atomic(path, export_text(materialised, fmt, tz).encode("utf-8"))
    return len(materialised)


def read_export(path: Path) -> list[HistoryEntry]:
    """The events in an export file, in file order; raises ExportReadError saying where it is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportReadError(f"{path}: cannot be read ({exc})") from None
    fmt = ExportFormat.JSON if text.lstrip().startswith("{") else ExportFormat.CSV
    try:
        return _read_json(text) if fmt is ExportFormat.JSON else _read_csv(text)
    except (EventFormatError, ExportReadError) as exc:
        raise ExportReadError(f"{path}: {exc}") from None


def _read_csv(text: str) -> list[HistoryEntry]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(header) != CSV_HEADER:
        raise ExportReadError(f"line 1: the header must be {','.join(CSV_HEADER)}")
    entries = []
    for row in reader:
        where = f"line {reader.line_num}"
        if len(row) != len(CSV_HEADER):
            raise ExportReadError(f"{where}: expected {len(CSV_HEADER)} columns, found {len(row)}")
        at, _local_time, kind, detail = row
        try:
            fields = json.loads(detail)
        except json.JSONDecodeError:
            raise ExportReadError(f"{where}: the detail is not a JSON object") from None
        entries.append(_entry(at, kind, fields, where))
    return entries


def _read_json(text: str) -> list[HistoryEntry]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportReadError(f"not JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ExportReadError(f'not a deskbreak history export (no "format": "{FORMAT_NAME}")')
    if document.get("version") != FORMAT_VERSION:
        raise ExportReadError(
            f"export version {document.get('version')!r}; this deskbreak reads {FORMAT_VERSION}"
        )
    events = document.get("events")
    if not isinstance(events, list):
        raise ExportReadError('"events" must be a list')
    entries = []
    for index, item in enumerate(events):
        where = f"events[{index}]"
        if not isinstance(item, dict):
            raise ExportReadError(f"{where}: must be an object")
        entries.append(_entry(item.get("at"), item.get("kind"), item.get("detail"), where))
    return entries


def _entry(at: object, kind: object, fields: Any, where: str) -> HistoryEntry:
    event_type = EVENT_BY_KIND.get(kind) if isinstance(kind, str) else None
    if event_type is None:
        raise ExportReadError(f"{where}: {kind!r} is not a kind of event this deskbreak knows")
    try:
        return HistoryEntry(parse_instant(at, f"{where}.at"), decode_fields(event_type, fields))
    except EventFormatError as exc:
        raise ExportReadError(f"{where}: {exc}") from None


def _local(row: StoredRow, tz: tzinfo) -> str:
    return row.at.astimezone(tz).isoformat(timespec="seconds")


def _object(row: StoredRow) -> object:
    """The row's fields as JSON; a row too damaged to parse is kept as its text."""
    try:
        return json.loads(row.detail)
    except json.JSONDecodeError:
        return row.detail
