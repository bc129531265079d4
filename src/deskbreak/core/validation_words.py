"""pydantic's validation errors in plain words: one translator for settings.toml, the settings
dialog and routine packs, so one mistake reads the same wherever it is reported.

Each caller words only what is its own (a pack's unknown key lists the keys it may have, a
settings list shows a TOML example); everything else comes from `error_text`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_PLAIN: Mapping[str, str] = {
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be text",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "model_type": "must be a table of keys and values",
    "model_attributes_type": "must be a table of keys and values",
    "dict_type": "must be a table of keys and values",
    "string_pattern_mismatch": "must be lowercase letters, digits and single dashes, like 'couch-stretch'",
}
_BOUNDS: Mapping[str, tuple[str, str]] = {
    "greater_than": ("gt", "greater than"),
    "greater_than_equal": ("ge", "at least"),
    "less_than": ("lt", "less than"),
    "less_than_equal": ("le", "at most"),
}
MAX_TEXT = 240  # a message never echoes more than this of what the user wrote


def error_text(err: Mapping[str, Any]) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) as a short lower-case phrase."""
    kind, ctx, loc = err["type"], err.get("ctx") or {}, err.get("loc", ())
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        return f"must be {words} {ctx.get(name)}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'" if loc else "missing"
    if kind == "value_error":
        return cut(str(ctx.get("error", err["msg"])))
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        found = err.get("input")
        shown = f", not {found!r}" if isinstance(found, str | int) and len(repr(found)) < 40 else ""
        return f"must be {'' if ' or ' not in expected else 'one of '}{expected}{shown}"
    if kind in ("too_short", "too_long"):
        count = ctx.get("min_length" if kind == "too_short" else "max_length")
        items = "item" if count == 1 else "items"
        return f"must have at {'least' if kind == 'too_short' else 'most'} {count} {items}"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    message = cut(str(err["msg"]))
    return message[:1].lower() + message[1:]


def cut(text: str, limit: int = MAX_TEXT) -> str:
    """Long input (a 5 MB value) is shortened, so a message stays a line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
