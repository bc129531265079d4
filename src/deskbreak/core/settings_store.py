"""Reads and writes settings.toml as the user's file: nothing in it is lost or rewritten unasked.

- A save writes only what the user changed, into the file as it is on disk: comments, order and
  hand edits of other keys stay, and a setting never set keeps following its default.
- The file carries a `version`; an older one is brought up to date by named migrations, a newer
  one is refused (defaults are used) and never written to.
- A file with bad content is repaired with a copy kept: the copy is made first (a hard link,
  which a full disk cannot stop), then the repaired file replaces the original atomically, so a
  failed write or a kill at any moment leaves the user's file in place.
- A file that cannot be read (its permissions, a folder in its place) is reported and left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import tomlkit
from pydantic import ValidationError
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Table

from deskbreak.core.atomic import keep_copy, write_atomic
from deskbreak.core.settings import SETTINGS_VERSION, Settings
from deskbreak.core.settings_migrations import Document, migrate
from deskbreak.core.validation_words import error_text

HEADER = (
    "# deskbreak settings: only what differs from the defaults is written here, and your comments\n"
    "# are kept. Edits take effect at deskbreak's next start. The format: docs/settings.md\n"
)
VERSION_KEY = "version"
SHOWN_VALUE_CHARS = 60  # a value quoted in a message is cut here: a 5 MB value is not repeated

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
    moved_to: Path | None = None  # where the copy of a repaired file was kept
    unknown: dict[Loc, Any] = field(default_factory=dict)


class SettingsError(Exception):
    """A settings file that cannot be used or written as asked; the text says why, for the user."""


class _UnusableError(Exception):
    """The file cannot be used at all; `repairable` says whether a fresh file may replace it."""

    def __init__(self, problem: SettingsProblem, *, repairable: bool) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.repairable = repairable


@dataclass(frozen=True)
class _Examined:
    doc: Document
    settings: Settings
    problems: list[SettingsProblem]
    unknown: dict[Loc, Any]
    dropped: list[Loc]  # the settings whose bad values fall back to their defaults


def load_settings(path: Path, now: datetime) -> LoadedSettings:
    """Load the user's settings, repairing bad content (a copy kept); never raises for the file."""
    try:
        found = _examine(path)
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except _UnusableError as exc:
        if not exc.repairable:
            return LoadedSettings(Settings(), (exc.problem,))
        return _repair(path, now, _fresh_document(), [exc.problem], Settings(), {})
    if not found.dropped:
        return LoadedSettings(found.settings, tuple(found.problems), None, found.unknown)
    for loc in found.dropped:
        _drop_in(found.doc, loc)
    _stamp_version(found.doc)
    return _repair(path, now, found.doc, found.problems, found.settings, found.unknown)


def check_settings(path: Path) -> tuple[Settings, tuple[SettingsProblem, ...]]:
    """What the file gives and everything wrong with it, without moving or writing anything.

    Raises FileNotFoundError when there is no file.
    """
    try:
        found = _examine(path)
    except _UnusableError as exc:
        return Settings(), (exc.problem,)
    return found.settings, tuple(found.problems)


def settings_in_file(path: Path) -> frozenset[Loc]:
    """The settings the file itself sets (after migrations): the user's word, not a default.

    Empty when there is no file or it cannot be used.
    """
    try:
        doc, _text = _read_document(path)
    except (FileNotFoundError, _UnusableError):
        return frozenset()
    return frozenset(loc for loc in _setting_locs() if _has(doc, loc))


def read_settings_strict(path: Path) -> Settings:
    """Load a file named on the command line; any problem is an error, nothing is moved or written."""
    try:
        settings, problems = check_settings(path)
    except FileNotFoundError as exc:
        raise SettingsError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if problems:
        raise SettingsError("\n".join(str(p) for p in problems))
    return settings


def save_settings(
    path: Path, settings: Settings, unknown: dict[Loc, Any] | None = None, base: Settings | None = None
) -> None:
    """Write the settings that changed from `base` (all, without one) into the file as it is now.

    A changed setting already in the file is updated in place; one not in the file is added only
    if it differs from its default. Raises SettingsError (the file is newer or broken, and is
    left as it is) or OSError.
    """
    try:
        doc = _examine_for_save(path)
    except FileNotFoundError:
        doc = _fresh_document()
    new, defaults = settings.to_toml_data(), Settings().to_toml_data()
    old = base.to_toml_data() if base is not None else None
    for loc in _setting_locs():
        value = _get_in(new, loc)
        if old is not None and _get_in(old, loc) == value:
            continue  # not changed here: the file keeps what it says (a hand edit included)
        if _has(doc, loc) or value != _get_in(defaults, loc):
            _put(doc, loc, value)
    for loc, value in (unknown or {}).items():
        if not _has(doc, loc):
            _put(doc, loc, value)
    _stamp_version(doc)
    write_atomic(path, doc.as_string().encode("utf-8"))


_UNKNOWN_PREFIX = "is not a deskbreak setting"
_HOURS = "working_hours"


def _validate(
    raw: dict[str, Any], text: str, path: Path
) -> tuple[Settings, list[SettingsProblem], dict[Loc, Any], list[Loc]]:
    data = _deep_copy(raw)
    problems: list[SettingsProblem] = []
    unknown: dict[Loc, Any] = {}
    dropped: list[Loc] = []
    # Each round drops at least one setting, and a file has finitely many: this ends.
    while True:
        try:
            return Settings.model_validate(data), problems, unknown, dropped
        except ValidationError as exc:
            handled: set[Loc] = set()
            for err in exc.errors():
                loc = _setting_loc(_data_loc(err["loc"]))
                if loc in handled:
                    continue  # one message per setting, even when pydantic finds several faults in it
                handled.add(loc)
                value = _get_in(data, _data_loc(err["loc"]))
                problems.append(_problem(err, loc, value, text, path, unknown))
                if err["type"] != "extra_forbidden":
                    dropped.append(loc)
            for loc in handled:
                _drop_in(data, loc)


def _problem(
    err: Any, loc: Loc, value: Any, text: str, path: Path, unknown: dict[Loc, Any]
) -> SettingsProblem:
    where = _data_loc(err["loc"])
    if err["type"] == "extra_forbidden":
        unknown[loc] = value
        message = f"{_UNKNOWN_PREFIX}; kept in the file but not used"
    elif err["loc"][-1] == "[key]" or err["type"] == "value_error":
        message = f"{_message(err)}; using the default"
    else:
        message = f"{_message(err)} (found {_show(value)}); using the default"
    if loc[0] == _HOURS and err["type"] != "extra_forbidden":
        message += " working hours (Monday to Friday, 09:00-17:30)"
    return SettingsProblem(path, _line_of(text, where), _dotted(where), message)


def _data_loc(loc: Sequence[str | int]) -> Loc:
    # pydantic reports a bad dict key as (..., key, "[key]"); the key itself is what to drop.
    return tuple(part for part in loc if part != "[key]")


def _setting_loc(loc: Loc) -> Loc:
    """The setting a fault belongs to: working hours as a whole, else `section.key` (not a list item)."""
    if loc[0] == _HOURS:
        return (_HOURS,)  # a day silently dropped would mean no prompts that day
    names = [part for part in loc if isinstance(part, str)]
    return tuple(names[:2]) if names else loc


def _message(err: Any) -> str:
    """The shared wording, with the one the TOML file needs: what a list of ranges looks like."""
    if err["type"] in ("list_type", "tuple_type"):
        return 'must be a list like ["09:00-12:30", "13:30-17:30"]'
    if err["type"] in ("model_type", "dict_type"):
        return "must be a table"
    return _cut(error_text(err))


def _show(value: object) -> str:
    if isinstance(value, list):
        return _cut("[" + ", ".join(_show(item) for item in value[:10]) + ("…" if len(value) > 10 else "]"))
    if isinstance(value, dict):
        return "a table"
    if value is None:
        return "nothing"
    return _cut(tomlkit.item(value).as_string())


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN_VALUE_CHARS else text[: SHOWN_VALUE_CHARS - 1] + "…"


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


# --- reading ---------------------------------------------------------------------------------------


def _examine(path: Path) -> _Examined:
    """Read, parse, migrate (in memory) and validate; raises FileNotFoundError or _UnusableError."""
    doc, text = _read_document(path)
    raw = {key: value for key, value in doc.unwrap().items() if key != VERSION_KEY}
    settings, problems, unknown, dropped = _validate(raw, text, path)
    return _Examined(doc, settings, problems, unknown, dropped)


def _examine_for_save(path: Path) -> Document:
    try:
        doc, _text = _read_document(path)
    except _UnusableError as exc:
        if exc.repairable:
            raise SettingsError(
                f"{exc.problem}. It is left as it is: fix or remove it, then save again."
            ) from None
        raise SettingsError(str(exc.problem)) from None
    return doc


def _read_document(path: Path) -> tuple[Document, str]:
    def unusable(message: str, line: int | None = None, *, repairable: bool) -> _UnusableError:
        return _UnusableError(SettingsProblem(path, line, "", message), repairable=repairable)

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise unusable(
            f"cannot be read ({exc.strerror or exc}); it is left as it is and deskbreak uses the defaults",
            repairable=False,
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise unusable(f"is not UTF-8 text (byte {exc.start} cannot be read)", repairable=True) from None
    try:
        tomllib.loads(text)  # the strict reader, for its exact messages
        doc = tomlkit.parse(text)  # the editable one, comments and all
    except tomllib.TOMLDecodeError as exc:
        raise unusable(f"is not valid TOML: {exc}", _decode_error_line(exc), repairable=True) from None
    except RecursionError:
        raise unusable("is not valid TOML: lists or tables nested too deeply", repairable=True) from None
    except (TOMLKitError, ValueError) as exc:  # tomlkit refuses values nested over 100 deep
        raise unusable(f"is not valid TOML: {exc}", getattr(exc, "line", None), repairable=True) from None
    version = _plain(doc.get(VERSION_KEY, 0))
    if type(version) is not int or version < 0:
        raise unusable(
            f"{VERSION_KEY} must be a whole number (found {_show(version)}); "
            "the file is left as it is and deskbreak uses the defaults",
            _line_of(text, (VERSION_KEY,)),
            repairable=False,
        )
    if version > SETTINGS_VERSION:
        raise unusable(
            f"was written by a newer deskbreak (settings version {version}; this one reads up to "
            f"{SETTINGS_VERSION}); it is left as it is and deskbreak uses the defaults until you update "
            "deskbreak or move the file away",
            repairable=False,
        )
    migrate(doc, version)
    return doc, text


def _plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


def _decode_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    line = getattr(exc, "lineno", None)
    if isinstance(line, int):
        return line
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


# --- writing ---------------------------------------------------------------------------------------


def _fresh_document() -> Document:
    return tomlkit.parse(f"{HEADER}\n{VERSION_KEY} = {SETTINGS_VERSION}\n")


def _stamp_version(doc: Document) -> None:
    if doc.get(VERSION_KEY) != SETTINGS_VERSION:
        doc[VERSION_KEY] = SETTINGS_VERSION


def _repair(
    path: Path,
    now: datetime,
    doc: Document,
    problems: list[SettingsProblem],
    settings: Settings,
    unknown: dict[Loc, Any],
) -> LoadedSettings:
    """Keep a copy of the user's file, then replace it atomically with the repaired one.

    In this order a failure (disk full, a file-size limit, a kill) leaves the user's file where it
    was; when either step fails, the file is left as it is and the problem says so.
    """
    _stamp_version(doc)
    try:
        kept = keep_copy(path, now)
    except OSError as exc:
        problems.append(
            SettingsProblem(
                path, None, "", f"could not keep a copy of it ({exc.strerror or exc}), so it is left as it is"
            )
        )
        return LoadedSettings(settings, tuple(problems), None, unknown)
    try:
        write_atomic(path, doc.as_string().encode("utf-8"))
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(kept)  # the file itself is still the original: the copy is not needed
        problems.append(
            SettingsProblem(
                path,
                None,
                "",
                f"could not write the repaired file ({exc.strerror or exc}), so it is left as it is",
            )
        )
        return LoadedSettings(settings, tuple(problems), None, unknown)
    return LoadedSettings(settings, tuple(problems), kept, unknown)


def _setting_locs() -> list[Loc]:
    """Every setting as it sits in the file: `(section, key)`, and working hours as one table."""
    locs: list[Loc] = []
    for section, info in Settings.model_fields.items():
        if section == _HOURS:
            locs.append((_HOURS,))
            continue
        model = info.annotation
        assert isinstance(model, type)
        locs += [(section, key) for key in getattr(model, "model_fields", {})]
    return locs


def _has(doc: Document, loc: Loc) -> bool:
    target: Any = doc
    for part in loc:
        if not isinstance(target, dict) or part not in target:
            return False
        target = target[part]
    return True


def _put(doc: Document, loc: Loc, value: Any) -> None:
    """Set one setting in the document, creating its table if needed; other lines stay as they are."""
    if loc == (_HOURS,):
        table = _table(doc, _HOURS)
        for day in [day for day in table if day not in value]:
            del table[day]
        for day, ranges in value.items():
            if _plain(table.get(day)) != ranges:
                table[day] = ranges
        return
    section, key = str(loc[0]), str(loc[-1])
    table = _table(doc, section)
    if _plain(table.get(key)) != value or type(_plain(table.get(key))) is not type(value):
        table[key] = value


def _table(doc: Document, name: str) -> Table:
    table = doc.get(name)
    if not isinstance(table, Table):
        if name in doc:
            del doc[name]
        table = tomlkit.table()
        doc[name] = table
    return table


def _get_in(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _drop_in(data: Any, loc: Loc) -> None:
    parent = _get_in(data, loc[:-1]) if loc[:-1] else data
    if isinstance(parent, dict) and loc[-1] in parent:
        del parent[loc[-1]]


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value
