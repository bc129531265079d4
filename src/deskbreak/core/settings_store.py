"""Reads and writes settings.toml without ever losing the user's file or refusing to start.

A file that cannot be parsed, or holds values that fail validation, is moved aside as
`settings.toml.bad-<timestamp>`; the valid parts are kept, the rest fall back to defaults, and
each problem is reported with file, line and setting. Keys deskbreak does not know (a newer
version's, say) are reported once and written back untouched.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from deskbreak.core.atomic import move_aside, write_atomic
from deskbreak.core.settings import Settings

HEADER = (
    "# deskbreak settings. Edit while deskbreak is closed, or use its Settings dialog.\n"
    "# The format is documented in docs/settings.md.\n\n"
)

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class SettingsProblem:
    """One thing wrong with the settings file, worded for the user."""

    file: Path
    line: int | None
    setting: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.setting}: {self.message}" if self.setting else f"{where}: {self.message}"


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    problems: tuple[SettingsProblem, ...] = ()
    moved_to: Path | None = None
    unknown: dict[Loc, Any] = field(default_factory=dict)


class SettingsError(Exception):
    """A settings file that cannot be used at all (for `--settings FILE`, where nothing is moved aside)."""


def load_settings(path: Path, now: datetime) -> LoadedSettings:
    """Load the user's settings, repairing what is broken; never raises for bad content."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except (OSError, UnicodeDecodeError) as exc:
        return _start_fresh(path, now, [SettingsProblem(path, None, "", f"cannot be read ({exc})")])
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _decode_error_line(exc)
        return _start_fresh(path, now, [SettingsProblem(path, line, "", f"is not valid TOML: {exc}")])

    settings, problems, unknown = validate_settings_data(raw, text, path)
    moved_to = None
    if any(not p.message.startswith(_UNKNOWN_PREFIX) for p in problems):
        moved_to = _keep_copy_and_save(path, now, settings, unknown)
    return LoadedSettings(settings, tuple(problems), moved_to, unknown)


def read_settings_strict(path: Path) -> Settings:
    """Load a file named on the command line; any problem is an error, nothing is moved or written."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: is not valid TOML: {exc}") from None
    settings, problems, _ = validate_settings_data(raw, text, path)
    if problems:
        raise SettingsError("\n".join(str(p) for p in problems))
    return settings


def save_settings(path: Path, settings: Settings, unknown: dict[Loc, Any] | None = None) -> None:
    data = settings.to_toml_data()
    for loc, value in (unknown or {}).items():
        _set_in(data, loc, value)
    write_atomic(path, (HEADER + tomli_w.dumps(data)).encode("utf-8"))


_UNKNOWN_PREFIX = "is not a deskbreak setting"
_HOURS = "working_hours"


def validate_settings_data(
    raw: dict[str, Any], text: str, path: Path
) -> tuple[Settings, list[SettingsProblem], dict[Loc, Any]]:
    """Validate field by field: drop each bad value (so its default applies) and say why."""
    data = _deep_copy(raw)
    problems: list[SettingsProblem] = []
    unknown: dict[Loc, Any] = {}
    for _attempt in range(50):
        try:
            return Settings.model_validate(data), problems, unknown
        except ValidationError as exc:
            handled: set[Loc] = set()
            for err in exc.errors():
                loc = _data_loc(err["loc"])
                if any(loc[: len(done)] == done for done in handled):
                    continue  # one message per setting, even when pydantic finds several faults in it
                handled.add(loc)
                problems.append(_problem(err, loc, _get_in(data, loc), text, path, unknown))
            for loc in handled:
                _drop_in(data, loc)
    raise AssertionError("settings validation did not converge")  # pragma: no cover - a bug, not input


def _problem(
    err: Any, loc: Loc, value: Any, text: str, path: Path, unknown: dict[Loc, Any]
) -> SettingsProblem:
    if err["type"] == "extra_forbidden":
        unknown[loc] = value
        message = f"{_UNKNOWN_PREFIX}; kept in the file but not used"
    elif err["loc"][-1] == "[key]" or err["type"] == "value_error":
        message = f"{_message(err)}; using the default"
    else:
        message = f"{_message(err)} (found {_show(value)}); using the default"
    if loc[0] == _HOURS and err["type"] != "extra_forbidden":
        message += " working hours (Monday to Friday, 09:00-17:30)"
    return SettingsProblem(path, _line_of(text, loc), _dotted(loc), message)


def _data_loc(loc: Sequence[str | int]) -> Loc:
    # pydantic reports a bad dict key as (..., key, "[key]"); the key itself is what to drop.
    return tuple(part for part in loc if part != "[key]")


def _message(err: Any) -> str:
    ctx = err.get("ctx") or {}
    kind = err["type"]
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "must be a whole number"
    if kind == "bool_type":
        return "must be true or false"
    if kind in ("model_type", "dict_type"):
        return "must be a table"
    if kind in ("list_type", "tuple_type"):
        return 'must be a list like ["09:00-12:30", "13:30-17:30"]'
    if kind == "literal_error":
        return f"is not one of {ctx.get('expected', '')}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"]).lower()


def _show(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return tomli_w.dumps({"v": value}).strip()[4:] if value is not None else "nothing"


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in loc).replace(".[", "[")


_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\s\"-]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*\"?([A-Za-z0-9_.-]+)\"?\s*=")


def _line_of(text: str, loc: Loc) -> int | None:
    """Best-effort line of a setting: the `key =` line under its `[table]`, else the table's line."""
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return None
    table, key = ".".join(names[:-1]), names[-1]
    current = ""
    table_line = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            current = header.group(1).replace(" ", "").replace('"', "")
            if current == ".".join(names):
                table_line = number
            continue
        assignment = _KEY.match(line)
        if assignment:
            full = f"{current}.{assignment.group(1)}" if current else assignment.group(1)
            if full == f"{table}.{key}".lstrip("."):
                return number
    return table_line


def _get_in(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _drop_in(data: Any, loc: Loc) -> None:
    # Working hours fall back as a whole: a day silently dropped would mean no prompts that day.
    if loc[0] == _HOURS:
        loc = (_HOURS,)
    parent = _get_in(data, loc[:-1])
    if isinstance(parent, dict):
        parent.pop(loc[-1], None)
    elif not loc[:-1]:
        data.pop(loc[-1], None)


def _set_in(data: dict[str, Any], loc: Loc, value: Any) -> None:
    target = data
    for part in loc[:-1]:
        target = target.setdefault(str(part), {})
    target[str(loc[-1])] = value


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


def _decode_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    line = getattr(exc, "lineno", None)
    if isinstance(line, int):
        return line
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


def _start_fresh(path: Path, now: datetime, problems: list[SettingsProblem]) -> LoadedSettings:
    settings = Settings()
    moved_to = _keep_copy_and_save(path, now, settings, {})
    return LoadedSettings(settings, tuple(problems), moved_to)


def _keep_copy_and_save(
    path: Path, now: datetime, settings: Settings, unknown: dict[Loc, Any]
) -> Path | None:
    """Move the user's file aside (so nothing is lost) and write what we will actually use."""
    try:
        moved_to = move_aside(path, now)
        save_settings(path, settings, unknown)
    except OSError:
        return None
    return moved_to
