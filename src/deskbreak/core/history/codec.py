"""Turns history events into (kind, JSON) and back, checking every field against its declared type.

The same encoding is used by the database and by the export files, so an export read back gives
the very events that were stored. Decoding is strict about types (a damaged row is refused with a
message naming the kind and field) and tolerant about extra keys, so a row written by a newer
deskbreak that added a field with a default still reads.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, get_args, get_origin

from deskbreak.core.history.events import EVENT_TYPES, HistoryEvent

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
EVENT_BY_KIND: dict[str, type[HistoryEvent]] = {event_type.KIND: event_type for event_type in EVENT_TYPES}
_HINTS: dict[str, dict[str, Any]] = {kind: typing.get_type_hints(t) for kind, t in EVENT_BY_KIND.items()}


class EventFormatError(ValueError):
    """A stored or exported event that does not match its kind's fields; the message says where."""


def encode_event(event: HistoryEvent) -> tuple[str, str]:
    """The event's kind and its fields as compact JSON (instants in UTC, days as YYYY-MM-DD)."""
    fields = {field.name: _encode_value(getattr(event, field.name)) for field in dataclasses.fields(event)}
    return event.KIND, json.dumps(fields, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def decode_event(kind: str, detail: str) -> HistoryEvent:
    """The event a (kind, JSON) pair describes; raises EventFormatError with the kind and field at fault."""
    event_type = EVENT_BY_KIND.get(kind)
    if event_type is None:
        raise EventFormatError(f"{kind!r} is not a kind of event this deskbreak knows")
    try:
        data = json.loads(detail)
    except json.JSONDecodeError as exc:
        raise EventFormatError(f"{kind}: the details are not JSON ({exc})") from None
    return decode_fields(event_type, data)


def decode_fields(event_type: type[HistoryEvent], data: object) -> HistoryEvent:
    """Build an event of `event_type` from a JSON object, checking each field's type."""
    kind = event_type.KIND
    if not isinstance(data, dict):
        raise EventFormatError(f"{kind}: the details must be a JSON object, found {_show(data)}")
    values: dict[str, Any] = {}
    hints = _HINTS[event_type.KIND]
    for field in dataclasses.fields(event_type):
        if field.name not in data:
            if field.default is dataclasses.MISSING:
                raise EventFormatError(f"{kind}.{field.name}: missing")
            continue
        values[field.name] = _decode_value(hints[field.name], data[field.name], f"{kind}.{field.name}")
    return event_type(**values)


def encode_at(at: datetime) -> int:
    """An aware instant as whole microseconds since 1970 UTC: compact, sortable, exact."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"history instants must be aware, got {at!r}")
    return (at - EPOCH) // MICROSECOND


def decode_at(microseconds: int) -> datetime:
    return EPOCH + microseconds * MICROSECOND


def parse_instant(text: object, where: str) -> datetime:
    """An ISO 8601 instant with an offset (as the export writes it), in UTC."""
    if not isinstance(text, str):
        raise EventFormatError(f"{where}: expected an ISO 8601 time, found {_show(text)}")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise EventFormatError(f"{where}: {text!r} is not an ISO 8601 time") from None
    if value.tzinfo is None:
        raise EventFormatError(f"{where}: {text!r} has no UTC offset")
    return value.astimezone(UTC)


def _encode_value(value: object) -> object:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"history instants must be aware, got {value!r}")
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _decode_value(hint: Any, raw: object, where: str) -> object:
    origin = get_origin(hint)
    if origin is Literal:
        allowed = get_args(hint)
        if raw not in allowed:
            raise EventFormatError(
                f"{where}: expected one of {', '.join(map(str, allowed))}, found {_show(raw)}"
            )
        return raw
    if origin in (types.UnionType, typing.Union):
        options = [option for option in get_args(hint) if option is not type(None)]
        if raw is None:
            return None
        if len(options) != 1:  # pragma: no cover - every optional field has one other type
            raise TypeError(f"{where}: unions of several types are not supported")
        return _decode_value(options[0], raw, where)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(raw)
        except ValueError:
            names = ", ".join(str(member.value) for member in hint)
            raise EventFormatError(f"{where}: expected one of {names}, found {_show(raw)}") from None
    if hint is bool:
        if not isinstance(raw, bool):
            raise EventFormatError(f"{where}: expected true or false, found {_show(raw)}")
        return raw
    if hint is int:
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise EventFormatError(f"{where}: expected a whole number, found {_show(raw)}")
        return raw
    if hint is float:
        if not isinstance(raw, int | float) or isinstance(raw, bool):
            raise EventFormatError(f"{where}: expected a number, found {_show(raw)}")
        return float(raw)
    if hint is str:
        if not isinstance(raw, str):
            raise EventFormatError(f"{where}: expected text, found {_show(raw)}")
        return raw
    if hint is datetime:
        return parse_instant(raw, where)
    if hint is date:
        if not isinstance(raw, str):
            raise EventFormatError(f"{where}: expected a day as YYYY-MM-DD, found {_show(raw)}")
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise EventFormatError(f"{where}: {raw!r} is not a day as YYYY-MM-DD") from None
    raise TypeError(f"{where}: no decoder for {hint!r}")  # pragma: no cover - a new field type is a bug


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if _is_json(value) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_json(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool | list | dict)
