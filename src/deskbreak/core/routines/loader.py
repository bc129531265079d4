"""Reads one routine YAML file safely and turns every problem into `PATH:LINE:COL: message`.

Safety comes before parsing: files over 1 MiB are refused unread, and a pass over the scanner's
tokens refuses every tag (`!!python/...`, but also `!!str`: a pack never needs one), every anchor
and alias (so an alias bomb is refused in linear time, before anything is built) and directives
such as `%YAML 1.1`, which would bring back `no` meaning false. Only then does ruamel's round-trip
loader build the data, because it keeps the line and column of every key, value and item. The
result is converted to plain dicts, lists and scalars, with a table from location to position
that the pydantic error mapper and the library's own checks use.

That careful path is slow (pure Python: about 4 ms a file), so a file is first read the fast
way: libyaml's event parser (ruamel.yaml.clib, C) with the events turned into the same plain data
and positions here, resolving plain scalars with ruamel's own YAML 1.2 rules (`no`, `on` and
`12:30` stay text). Anything the fast way does not handle exactly as the careful one would (a
syntax error, a tag, an anchor, a duplicate or non-text key, an unusual number, deep nesting)
sends the file down the careful path, which finds and words the problem; a test holds the two
paths to the same result for every file in the repository.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import ruamel.yaml.main
from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tokens import AliasToken, AnchorToken, DirectiveToken, TagToken

from deskbreak.core.routines.model import (
    EXERCISE_STEP_TAG,
    FREQUENCY_TAGS,
    REST_STEP_TAG,
    UNION_TAGS,
    EveryMinutes,
    ExerciseStep,
    RestStep,
    TimesADay,
    TimesAWeek,
)
from deskbreak.core.validation_words import error_text

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
# Without these characters a file holds no tag, anchor, alias or directive: the screen can be skipped.
_NEEDS_SCREEN = re.compile(r"[!&*]|^%", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")
Loc = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass(frozen=True, order=True)
class PackProblem:
    """One thing wrong in a routine file; line and col are 1-based and point at the offending node."""

    path: Path
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


@dataclass(frozen=True)
class Spot:
    key: Position | None  # None for sequence items and the document itself
    value: Position


@dataclass(frozen=True)
class YamlDoc:
    """A loaded file: plain data plus where each key, value and item sits in the text."""

    path: Path
    data: Any
    spots: dict[Loc, Spot]

    def position(self, loc: Loc, *, at_key: bool = False) -> Position:
        """The node at `loc`, or the deepest node on the way to it that the file has."""
        for end in range(len(loc), -1, -1):
            spot = self.spots.get(loc[:end])
            if spot is not None:
                return spot.key if at_key and spot.key is not None and end == len(loc) else spot.value
        return (1, 1)

    def problem(
        self, loc: Loc, message: str, *, at_key: bool = False, where: Loc | None = None
    ) -> PackProblem:
        """A problem at `loc`, its message prefixed with the dotted path `where` (default: `loc`)."""
        line, col = self.position(loc, at_key=at_key)
        prefix = dotted(loc if where is None else where)
        return PackProblem(self.path, line, col, f"{prefix}: {message}" if prefix else message)

    def validation_problems(
        self, exc: ValidationError, model: type[BaseModel], prefix: Loc = ()
    ) -> list[PackProblem]:
        """Map pydantic's errors onto the file: one problem per location and message, in file order."""
        errors = exc.errors()
        found: dict[tuple[int, int, str], PackProblem] = {}
        for err in errors:
            if _is_follow_on(err, errors):
                continue
            loc = tuple(part for part in err["loc"] if part not in UNION_TAGS)
            kind, ctx = err["type"], err.get("ctx") or {}
            where, at_key = loc, False
            if kind == "missing":
                where = loc = loc[:-1]
            elif kind == "extra_forbidden":
                where, at_key = loc[:-1], True
            elif kind == "dose_rule" and ctx.get("key"):
                loc, at_key = (*loc, str(ctx["key"])), True
            problem = self.problem(prefix + loc, _describe(err, model), at_key=at_key, where=prefix + where)
            found.setdefault((problem.line, problem.col, problem.message), problem)
        return sorted(found.values())


def dotted(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that keeps dates as text: a pack has no dates, and 2026-13-45 would raise."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Constructor
    return yaml


def read_yaml(path: Path, shown: Path) -> YamlDoc | list[PackProblem]:
    """Load `path` (reported as `shown`); never raises for bad content, only returns its problems."""

    def at_start(message: str) -> list[PackProblem]:
        return [PackProblem(shown, 1, 1, message)]

    try:
        raw = _read_regular_file(path)
    except OSError as exc:
        return at_start(f"cannot be read ({exc.strerror or exc})")
    if raw is None:
        return at_start("is not a regular file (a named pipe, a device or a socket); it was not read")
    if len(raw) > MAX_FILE_BYTES:
        return at_start("file is larger than 1 MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return [PackProblem(shown, line, col, "is not UTF-8 text")]
    return parse_yaml(text, shown)


def _read_regular_file(path: Path) -> bytes | None:
    """At most one byte over the limit, or None for anything but a regular file.

    Opening without blocking and checking the open file (not the name) means a named pipe or a
    device is refused at once instead of waiting for a writer or reading forever.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return None
        return stream.read(MAX_FILE_BYTES + 1)


def parse_yaml(text: str, shown: Path) -> YamlDoc | list[PackProblem]:
    too_deep = _bracket_too_deep(text)
    if too_deep is not None:
        return [PackProblem(shown, *_line_col(text, too_deep), "the YAML is nested too deeply")]
    fast = read_fast(text, shown)
    return fast if fast is not None else read_carefully(text, shown)


def read_carefully(text: str, shown: Path) -> YamlDoc | list[PackProblem]:
    """The screen, then ruamel's pure-Python round-trip loader: exact positions and messages."""
    try:
        if _NEEDS_SCREEN.search(text):
            refused = _screen(text, shown)
            if refused:
                return refused
        data = _yaml().load(text)
    except DuplicateKeyError as exc:
        return [_duplicate_key(text, shown, exc)]
    except MarkedYAMLError as exc:
        return [_syntax_problem(text, shown, exc)]
    except ReaderError as exc:
        line, col = _line_col(text, exc.position)
        return [
            PackProblem(shown, line, col, f"contains a character YAML does not allow ({exc.character!r})")
        ]
    except RecursionError:
        return [PackProblem(shown, 1, 1, "the YAML is nested too deeply")]
    except (YAMLError, ValueError, TypeError, OverflowError) as exc:  # a value ruamel could not build
        return [PackProblem(shown, 1, 1, f"cannot be read as YAML: {exc}")]
    if data is None:
        return [PackProblem(shown, 1, 1, "file is empty")]
    spots: dict[Loc, Spot] = {(): Spot(None, _root_position(data))}
    problems: list[PackProblem] = []
    plain = _plain(data, (), spots, problems, shown)
    return sorted(problems) if problems else YamlDoc(shown, plain, spots)


# --- the fast path -----------------------------------------------------------------------------------

_C_PARSER: Any = getattr(ruamel.yaml.main, "CParser", None)  # None without ruamel.yaml.clib
_RESOLVER = VersionedResolver(version=(1, 2))
_NEEDS_RESOLVING = frozenset(key for key in _RESOLVER.versioned_resolver if key is not None)
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "null", "bool", "int", "float", "timestamp")
)
_SIMPLE_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_SIMPLE_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+")


class _NotFastError(Exception):
    """Something the fast path leaves to the careful one."""


def read_fast(text: str, shown: Path) -> YamlDoc | None:
    """The same YamlDoc the careful path builds, or None when the file needs the careful path."""
    if _C_PARSER is None:
        return None
    parser = _C_PARSER(text)
    try:
        return _FastBuilder(parser, shown).document()
    except (_NotFastError, YAMLError, ValueError, RecursionError):
        return None
    finally:
        parser.dispose()


class _FastBuilder:
    """Plain data and positions from the parser's events, exactly as `_plain` would record them."""

    def __init__(self, parser: Any, shown: Path) -> None:
        self._next = parser.get_event
        self._shown = shown
        self.spots: dict[Loc, Spot] = {}

    def document(self) -> YamlDoc | None:
        self._next()  # StreamStartEvent
        start = self._next()
        if not isinstance(start, DocumentStartEvent) or start.version or start.tags:
            raise _NotFastError  # an empty file, or a directive: the careful path says which
        event = self._next()
        at = _at(event) if isinstance(event, MappingStartEvent | SequenceStartEvent) else (1, 1)
        self.spots[()] = Spot(None, at)
        data = self._node(event, ())
        self._next()  # DocumentEndEvent
        if not isinstance(self._next(), StreamEndEvent):
            raise _NotFastError  # a second document
        return None if data is None else YamlDoc(self._shown, data, self.spots)

    def _node(self, event: Any, loc: Loc) -> Any:
        if isinstance(event, AliasEvent) or event.anchor is not None or event.tag is not None:
            raise _NotFastError
        if len(loc) > MAX_DEPTH:
            raise _NotFastError
        if isinstance(event, ScalarEvent):
            return _scalar(event)
        if isinstance(event, MappingStartEvent):
            out: dict[str, Any] = {}
            while not isinstance(key_event := self._next(), MappingEndEvent):
                key = self._node(key_event, loc)
                if not isinstance(key, str) or key in out:
                    raise _NotFastError  # the careful path reports the key
                value_event = self._next()
                key_at, value_at = _at(key_event), _at(value_event)
                self.spots[(*loc, key)] = Spot(key_at, value_at)
                value = out[key] = self._node(value_event, (*loc, key))
                if value is None:
                    self.spots[(*loc, key)] = Spot(key_at, key_at)
            return out
        if isinstance(event, SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(item_event := self._next(), SequenceEndEvent):
                self.spots[(*loc, len(items))] = Spot(None, _at(item_event))
                items.append(self._node(item_event, (*loc, len(items))))
            return items
        raise _NotFastError


def _scalar(event: Any) -> Any:
    value: str = event.value
    if not event.implicit[0] or (value and value[0] not in _NEEDS_RESOLVING):
        return value  # quoted, or plain text no YAML 1.2 rule could turn into anything else
    tag = str(_RESOLVER.resolve(ScalarNode, value, (True, False)))
    if tag in (_STR, _TIMESTAMP):  # a pack has no dates: the careful path keeps them as text too
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT and _SIMPLE_INT.fullmatch(value):
        return int(value)
    if tag == _FLOAT and _SIMPLE_FLOAT.fullmatch(value):
        return float(value)
    raise _NotFastError  # hex, octal, underscores, exponents, infinities, merge keys: careful path


def _at(event: Any) -> Position:
    return event.start_mark.line + 1, event.start_mark.column + 1


# --- the careful path -------------------------------------------------------------------------------


def _screen(text: str, shown: Path) -> list[PackProblem]:
    """Refuse tags, anchors, aliases and directives from the scanner's tokens, before any node is built."""
    problems: list[PackProblem] = []
    aliases: list[Position] = []
    for token in _yaml().scan(text):
        where = (token.start_mark.line + 1, token.start_mark.column + 1)
        if isinstance(token, DirectiveToken):
            problems.append(PackProblem(shown, *where, "directives like %YAML are not allowed"))
        elif isinstance(token, AnchorToken | AliasToken):
            aliases.append(where)
        elif isinstance(token, TagToken):
            handle, suffix = token.value
            found = f"{handle}{suffix}" if handle else f"!<{suffix}>"
            problems.append(
                PackProblem(shown, *where, f"tags like !!python/object are not allowed (found {found})")
            )
    if aliases:
        count = f" (this file has {len(aliases)})" if len(aliases) > 1 else ""
        problems.append(PackProblem(shown, *aliases[0], f"anchors and aliases are not allowed{count}"))
    return sorted(problems)


def _bracket_too_deep(text: str) -> int | None:
    """Where `[` and `{` first nest deeper than MAX_DEPTH: ruamel's scanner is quadratic in flow depth.

    Brackets inside quoted text count too; no real pack has dozens of unclosed brackets in a row.
    """
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            return match.start()
    return None


def _syntax_problem(text: str, shown: Path, exc: MarkedYAMLError) -> PackProblem:
    mark = exc.problem_mark or exc.context_mark
    at_end = mark is not None and mark.index >= len(text.rstrip())
    if exc.context_mark is not None and (mark is None or at_end):
        mark = exc.context_mark  # the parser only noticed at the end: point where the construct began
    message = str(exc.problem or exc.context or "not valid YAML")
    if exc.context and exc.context_mark is not None and mark is not exc.context_mark:
        message += f" ({exc.context} at line {exc.context_mark.line + 1})"
    elif exc.context and mark is exc.context_mark:
        message = f"{exc.context}: {message}"
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return PackProblem(shown, line, col, f"YAML syntax error: {message}")


def _duplicate_key(text: str, shown: Path, exc: DuplicateKeyError) -> PackProblem:
    """ruamel names the second key; find the first one by walking the events of that same mapping."""
    mark = exc.problem_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    for name, first_line in _mapping_keys_before(text, line, col):
        return PackProblem(shown, line, col, f"duplicate key '{name}' (first at line {first_line})")
    return PackProblem(shown, line, col, "duplicate key")


def _mapping_keys_before(text: str, line: int, col: int) -> Iterator[tuple[str, int]]:
    stack: list[dict[str, int] | None] = []  # a dict of keys seen per open mapping, None per sequence
    expect_key: list[bool] = []
    for event in _yaml().parse(text):
        in_map = bool(stack) and stack[-1] is not None
        if isinstance(event, ScalarEvent) and in_map and expect_key[-1]:
            keys = stack[-1]
            assert keys is not None
            here = (event.start_mark.line + 1, event.start_mark.column + 1)
            if here == (line, col) and event.value in keys:
                yield event.value, keys[event.value]
                return
            keys.setdefault(event.value, here[0])
        if isinstance(event, MappingStartEvent | SequenceStartEvent):
            if in_map:
                expect_key[-1] = not expect_key[-1]
            stack.append({} if isinstance(event, MappingStartEvent) else None)
            expect_key.append(True)
        elif isinstance(event, CollectionEndEvent):
            stack.pop()
            expect_key.pop()
        elif isinstance(event, ScalarEvent) and in_map:
            expect_key[-1] = not expect_key[-1]


def _line_col(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _root_position(data: object) -> Position:
    lc = getattr(data, "lc", None)
    return (lc.line + 1, lc.col + 1) if lc is not None and lc.line is not None else (1, 1)


def _has_tag(node: object) -> bool:
    tag = getattr(node, "tag", None)
    return tag is not None and getattr(tag, "value", tag) is not None


def _plain(node: object, loc: Loc, spots: dict[Loc, Spot], problems: list[PackProblem], shown: Path) -> Any:
    """Copy ruamel's tree into plain Python data, recording positions; refuse whatever is not plain."""
    here = spots[loc].value
    if len(loc) > MAX_DEPTH:
        problems.append(PackProblem(shown, *here, "the YAML is nested too deeply"))
        return None
    if _has_tag(node) or not isinstance(node, CommentedMap | CommentedSeq | str | int | float | type(None)):
        problems.append(PackProblem(shown, *here, "tags like !!python/object are not allowed"))
        return None
    if type(node) is CommentedMap:
        out: dict[str, Any] = {}
        for key, value in node.items():
            key_at = _pos(node.lc.key(key))
            if not isinstance(key, str):
                problems.append(
                    PackProblem(shown, *key_at, f"{dotted(loc)}: keys must be text, not {key!r}".lstrip(": "))
                )
                continue
            spots[(*loc, str(key))] = Spot(key_at, key_at if value is None else _pos(node.lc.value(key)))
            out[str(key)] = _plain(value, (*loc, str(key)), spots, problems, shown)
        return out
    if type(node) is CommentedSeq:
        items = []
        for index, value in enumerate(node):
            spots[(*loc, index)] = Spot(None, _pos(node.lc.item(index)))
            items.append(_plain(value, (*loc, index), spots, problems, shown))
        return items
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, CommentedMap | CommentedSeq):  # subclasses such as !!omap and !!set
        problems.append(PackProblem(shown, *here, "tags like !!python/object are not allowed"))
        return None
    return node


def _pos(pair: Any) -> Position:
    line, col = pair
    return int(line) + 1, int(col) + 1


def _is_follow_on(err: Any, errors: list[Any]) -> bool:
    """pydantic adds "too short" to a list whose only item failed; the item's own error says it all."""
    if err["type"] not in ("too_short", "too_long"):
        return False
    loc = tuple(err["loc"])
    return any(len(other["loc"]) > len(loc) and tuple(other["loc"][: len(loc)]) == loc for other in errors)


def _describe(err: Any, model: type[BaseModel]) -> str:
    """The shared wording, except an unknown key, which lists the keys its mapping may have."""
    loc = err["loc"]
    if err["type"] == "extra_forbidden":
        return f"unknown key '{loc[-1]}' (allowed: {', '.join(_allowed_keys(model, loc))})"
    if err["type"] in ("model_type", "model_attributes_type", "dict_type"):
        return "must be a mapping of keys to values"
    return error_text(err)


_TAGGED: dict[str, type[BaseModel]] = {
    EXERCISE_STEP_TAG: ExerciseStep,
    REST_STEP_TAG: RestStep,
    FREQUENCY_TAGS["every_minutes"]: EveryMinutes,
    FREQUENCY_TAGS["times_a_day"]: TimesADay,
    FREQUENCY_TAGS["times_a_week"]: TimesAWeek,
}


def _allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys the mapping holding `loc[-1]` may have: walk the models along pydantic's location."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        if part in _TAGGED:
            current = _TAGGED[part]
            continue
        fields = {info.alias or name: info for name, info in current.model_fields.items()}
        current = _model_in(fields[part].annotation) if part in fields else None
    if current is None:
        return []
    return [info.alias or name for name, info in current.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
