"""Loads the bundled and the user's routine folders into one library, keeping every problem as data.

A bad exercise skips that exercise, a bad pack or checklist skips that file, and nothing here raises
for bad content: the app starts with whatever is valid and lists `Library.problems` in its settings.
Bundled packs may use only bundled exercises; the user's packs may use both. Ids are unique
across everything loaded, and a user pack, exercise or checklist item that reuses a bundled id is
reported and left out rather than merged. Every check runs on every file that could be read, so one
run reports all of a file's problems.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from deskbreak.core.paths import default_paths
from deskbreak.core.resources import BundledFolder, bundled_path
from deskbreak.core.routines import checks, schema
from deskbreak.core.routines.checklists import Checklist
from deskbreak.core.routines.loader import Loc, PackProblem, YamlDoc, read_yaml
from deskbreak.core.routines.model import Catalogue, CatalogueFile, Exercise, Pack
from deskbreak.core.routines.plan import Timeline, plan

SourceKind = Literal["bundled", "user"]
FileKind = Literal["exercises", "pack", "checklist", "auto"]
YAML_SUFFIXES = (".yaml", ".yml")
_LAYOUT: dict[str, FileKind] = {"exercises": "exercises", "packs": "pack", "checklists": "checklist"}


@dataclass(frozen=True)
class RoutineFile:
    """A file to load, where it comes from, and whether its problems are the caller's business."""

    path: Path  # where to read it
    shown: Path  # how problems name it: absolute for the library, as typed for `deskbreak validate`
    source: SourceKind
    kind: FileKind
    reported: bool = True  # False for files read only as context (the bundled catalogue in validate)


@dataclass(frozen=True)
class LoadedPack:
    """A pack that passed every check, with the timeline the player walks."""

    pack: Pack
    source: SourceKind
    path: Path
    timeline: Timeline


@dataclass(frozen=True)
class ExerciseOrigin:
    """Where a loaded exercise came from, for `deskbreak routines exercises`."""

    source: SourceKind
    path: Path


@dataclass(frozen=True)
class Library:
    """What loaded and what did not: the app plays `packs` and lists `problems` in its settings."""

    packs: dict[str, LoadedPack]
    catalogue: Catalogue
    problems: tuple[PackProblem, ...]
    files: tuple[Path, ...] = ()
    broken_pack_ids: frozenset[str] = field(default_factory=frozenset)
    images: dict[str, Path] = field(default_factory=dict)  # exercise id -> its checked, resolved image file
    videos: dict[str, Path] = field(default_factory=dict)  # exercise id -> its checked, resolved video file
    checklists: dict[str, Checklist] = field(default_factory=dict)
    exercise_origins: dict[str, ExerciseOrigin] = field(default_factory=dict)

    def close_matches(self, pack_id: str) -> list[str]:
        return difflib.get_close_matches(pack_id, list(self.packs) + sorted(self.broken_pack_ids), n=3)


def load_library(
    user_dir: Path | None = None, *, bundled_dir: Path | None = None, assets_dir: Path | None = None
) -> Library:
    """Everything the app can play: the bundled packs and the user's (default: the data folder)."""
    user_dir = (user_dir or default_paths().user_routines_dir).absolute()
    problems: list[PackProblem] = []
    bundled_dir = bundled_dir or _bundled("routines")
    if bundled_dir is None:
        problems.append(PackProblem(Path("routines"), 1, 1, "deskbreak's bundled routines are missing"))
    files: list[RoutineFile] = []
    roots: list[tuple[Path | None, SourceKind]] = [(bundled_dir, "bundled"), (user_dir, "user")]
    for root, source in roots:
        if root is not None:
            found, unreadable = layout_files(root.absolute(), source)
            files += found
            problems += unreadable
    library = load_files(files, assets_dir=assets_dir or _bundled("assets"))
    return replace(library, problems=tuple(sorted([*problems, *library.problems])))


def load_checklists(user_dir: Path | None = None, *, bundled_dir: Path | None = None) -> Library:
    """Only the checklists (bundled, then the user's), without reading any pack: `Library.checklists`."""
    user_dir = (user_dir or default_paths().user_routines_dir).absolute()
    bundled_dir = bundled_dir or _bundled("routines")
    files: list[RoutineFile] = []
    problems: list[PackProblem] = []
    roots: list[tuple[Path | None, SourceKind]] = [(bundled_dir, "bundled"), (user_dir, "user")]
    for root, source in roots:
        if root is not None:
            found, unreadable = layout_files(root.absolute(), source, folders=("checklists",))
            files += found
            problems += unreadable
    library = load_files(files, assets_dir=None)
    return replace(library, problems=tuple(sorted([*problems, *library.problems])))


def validate_paths(
    paths: Sequence[Path], *, bundled_dir: Path | None = None, assets_dir: Path | None = None
) -> Library:
    """What `deskbreak validate` checks: the named files, resolved against the bundled library.

    Folders are searched for YAML files. The exercise files beside a named pack (its folder's
    `exercises/`) are checked too, because the pack depends on them. Bundled files are read as
    context; their problems count only when they were named.
    """
    bundled_dir = bundled_dir or _bundled("routines")
    context = layout_files(bundled_dir, "bundled", reported=False)[0] if bundled_dir else []
    by_real = {_real(f.path): index for index, f in enumerate(context)}
    named: list[RoutineFile] = []
    seen: set[Path] = set()
    for path in _with_siblings(_expand(paths)):
        real = _real(path)
        if real in seen:
            continue
        seen.add(real)
        if real in by_real:
            index = by_real[real]
            context[index] = replace(context[index], shown=path, reported=True)
        else:
            named.append(RoutineFile(path, path, "user", _kind_of(path)))
    return load_files([*context, *named], assets_dir=assets_dir or _bundled("assets"))


def layout_files(
    root: Path, source: SourceKind, *, reported: bool = True, folders: Iterable[str] = tuple(_LAYOUT)
) -> tuple[list[RoutineFile], list[PackProblem]]:
    """The files of a routines folder: `exercises/*.yaml`, `packs/*.yaml` and `checklists/*.yaml`."""
    files: list[RoutineFile] = []
    problems: list[PackProblem] = []
    for folder in folders:
        kind = _LAYOUT[folder]
        try:
            entries = sorted((root / folder).iterdir()) if (root / folder).is_dir() else []
        except OSError as exc:
            problems.append(PackProblem(root / folder, 1, 1, f"cannot be read ({exc.strerror or exc})"))
            continue
        for path in entries:
            if path.suffix in YAML_SUFFIXES and path.is_file():
                files.append(RoutineFile(path, path, source, kind, reported))
            elif path.suffix in YAML_SUFFIXES and path.is_symlink():
                try:  # a link in a loop, or to nothing: is_file() says only False
                    os.stat(path)
                except OSError as exc:
                    problems.append(PackProblem(path, 1, 1, f"cannot be read ({exc.strerror or exc})"))
    return files, problems


@dataclass(frozen=True)
class _Entry:
    exercise: Exercise
    doc: YamlDoc
    loc: Loc
    file: RoutineFile
    image: Path | None
    video: Path | None


@dataclass
class _Found:
    """What the files held before cross-file checks: parsed exercises and packs, and what was broken."""

    exercises: list[_Entry] = field(default_factory=list)
    packs: list[tuple[Pack, YamlDoc, RoutineFile]] = field(default_factory=list)
    unreadable_packs: list[YamlDoc] = field(
        default_factory=list
    )  # failed validation; references still checked
    checklists: list[tuple[Checklist, YamlDoc, RoutineFile]] = field(default_factory=list)
    problems: list[PackProblem] = field(default_factory=list)
    broken_exercises: set[str] = field(default_factory=set)
    broken_packs: set[str] = field(default_factory=set)


def load_files(files: Sequence[RoutineFile], *, assets_dir: Path | None) -> Library:
    """Read, validate and cross-check `files`; bundled ones first, so their ids win."""
    ordered = sorted(files, key=lambda f: f.source != "bundled")
    found = _Found()
    for file in ordered:
        _read_file(file, found, assets_dir)
    kept = _keep_first_exercises(found)
    catalogue = Catalogue(exercises={key: entry.exercise for key, entry in kept.items()})
    bundled = Catalogue(exercises={key: e.exercise for key, e in kept.items() if e.file.source == "bundled"})
    known_packs = {pack.id for pack, _, _ in found.packs} | found.broken_packs
    packs: dict[str, LoadedPack] = {}
    firsts: dict[str, tuple[Pack, YamlDoc, RoutineFile]] = {}
    for pack, doc, file in found.packs:
        usable = bundled if file.source == "bundled" else catalogue
        problems = _duplicate_pack(pack, doc, file, firsts)
        problems += checks.pack_problems(pack, doc, usable, found.broken_exercises, known_packs)
        firsts.setdefault(pack.id, (pack, doc, file))
        if problems:
            found.problems += problems
            found.broken_packs.add(pack.id)
        elif file.reported:
            packs[pack.id] = LoadedPack(pack, file.source, file.shown, plan(pack, usable))
    for doc in found.unreadable_packs:
        found.problems += checks.raw_step_problems(doc, catalogue, found.broken_exercises)
    checklists = _keep_checklists(found)
    reported = {f.shown for f in files if f.reported}
    return Library(
        packs=dict(sorted(packs.items())),
        catalogue=catalogue,
        images={key: entry.image for key, entry in kept.items() if entry.image is not None},
        videos={key: entry.video for key, entry in kept.items() if entry.video is not None},
        problems=tuple(sorted(p for p in found.problems if p.path in reported)),
        files=tuple(f.shown for f in files if f.reported),
        broken_pack_ids=frozenset(found.broken_packs - set(packs)),
        checklists=checklists,
        exercise_origins={key: ExerciseOrigin(e.file.source, e.file.shown) for key, e in kept.items()},
    )


def _read_file(file: RoutineFile, found: _Found, assets_dir: Path | None) -> None:
    doc = read_yaml(file.path, file.shown)
    if isinstance(doc, list):
        found.problems += doc
        return
    kind = file.kind
    if kind == "auto":
        kind = _kind_of_data(doc.data)
    if kind == "pack":
        _read_pack(doc, file, found)
    elif kind == "checklist":
        try:
            found.checklists.append((Checklist.model_validate(doc.data), doc, file))
        except ValidationError as exc:
            found.problems += doc.validation_problems(exc, Checklist)
    else:
        _read_catalogue(doc, file, found, assets_dir)


def _read_pack(doc: YamlDoc, file: RoutineFile, found: _Found) -> None:
    gated = schema.pack_problems(doc)
    found.problems += gated
    try:
        pack = Pack.model_validate(doc.data)
    except ValidationError as exc:
        found.problems += doc.validation_problems(exc, Pack)
        found.broken_packs.update(_raw_ids([doc.data]))
        found.unreadable_packs.append(doc)
        return
    if gated:
        found.broken_packs.add(pack.id)
        found.unreadable_packs.append(doc)
        return
    found.packs.append((pack, doc, file))


def _read_catalogue(doc: YamlDoc, file: RoutineFile, found: _Found, assets_dir: Path | None) -> None:
    """Each exercise is checked on its own, even under a broken header, so every problem shows in one run."""
    is_usable = True
    try:
        CatalogueFile.model_validate(doc.data)
    except ValidationError as exc:
        found.problems += doc.validation_problems(exc, CatalogueFile)
        is_usable = False
    raw_exercises = doc.data.get("exercises") if isinstance(doc.data, dict) else None
    for index, raw in enumerate(raw_exercises if isinstance(raw_exercises, list) else []):
        loc: Loc = ("exercises", index)
        problems = schema.exercise_problems(doc, loc, raw)
        try:
            exercise = Exercise.model_validate(raw)
        except ValidationError as exc:
            problems += doc.validation_problems(exc, Exercise, loc)
            exercise = None
        media: dict[str, Path | None] = {}
        if exercise is not None:
            root = _routines_root(file.path)
            for key, value in (("image", exercise.image), ("video", exercise.video)):
                resolved = _find_media(value, root, assets_dir)
                if isinstance(resolved, str):
                    problems.append(doc.problem((*loc, key), resolved))
                else:
                    media[key] = resolved
        found.problems += problems
        if exercise is None or problems or not is_usable:
            found.broken_exercises.update(_raw_ids([raw]))
            continue
        found.exercises.append(_Entry(exercise, doc, loc, file, media["image"], media["video"]))


def _kind_of_data(data: object) -> FileKind:
    """A file named to `validate` outside the layout: its keys say what it is."""
    if isinstance(data, dict) and "items" in data and "steps" not in data:
        return "checklist"
    if isinstance(data, dict) and "exercises" in data and "steps" not in data:
        return "exercises"
    return "pack"


def _keep_first_exercises(found: _Found) -> dict[str, _Entry]:
    """The first exercise loaded under each id; every later one is reported."""
    kept: dict[str, _Entry] = {}
    for entry in found.exercises:
        exercise_id = entry.exercise.id
        first = kept.setdefault(exercise_id, entry)
        if first is entry:
            continue
        if first.file.source == "bundled" and entry.file.source == "user":
            message = (
                f"exercise id '{exercise_id}' is already used by a bundled exercise; this one is not loaded"
            )
        else:
            line, _ = first.doc.position((*first.loc, "id"))
            message = f"duplicate exercise id '{exercise_id}' (first in {first.doc.path}:{line})"
        found.problems.append(entry.doc.problem((*entry.loc, "id"), message))
    return kept


def _keep_checklists(found: _Found) -> dict[str, Checklist]:
    """Checklists whose id and item ids are new: item ids are history keys, unique across all checklists."""
    kept: dict[str, Checklist] = {}
    items: dict[str, tuple[str, YamlDoc, int]] = {}  # item id -> (checklist id, its file, its line)
    for checklist, doc, file in found.checklists:
        problems: list[PackProblem] = []
        if checklist.id in kept:
            problems.append(doc.problem(("id",), f"duplicate checklist id '{checklist.id}'"))
        mine: dict[str, int] = {}
        for index, item in enumerate(checklist.items):
            line = doc.position(("items", index, "id"))[0]
            if item.id in mine:
                problems.append(
                    doc.problem(
                        ("items", index, "id"),
                        f"duplicate item id '{item.id}' (first at line {mine[item.id]})",
                    )
                )
            elif item.id in items:
                other, other_doc, other_line = items[item.id]
                problems.append(
                    doc.problem(
                        ("items", index, "id"),
                        f"item id '{item.id}' is already used in checklist '{other}' ({other_doc.path}:{other_line})",
                    )
                )
            mine.setdefault(item.id, line)
        if problems:
            found.problems += problems
            continue
        items.update({item.id: (checklist.id, doc, mine[item.id]) for item in checklist.items})
        if file.reported:
            kept[checklist.id] = checklist
    return dict(sorted(kept.items()))


def _duplicate_pack(
    pack: Pack, doc: YamlDoc, file: RoutineFile, firsts: dict[str, tuple[Pack, YamlDoc, RoutineFile]]
) -> list[PackProblem]:
    if pack.id not in firsts:
        return []
    _, first_doc, first_file = firsts[pack.id]
    if first_file.source == "bundled" and file.source == "user":
        message = f"pack id '{pack.id}' is already used by a bundled pack; this pack is not loaded"
    else:
        message = (
            f"duplicate pack id '{pack.id}' (first in {first_doc.path}:{first_doc.position(('id',))[0]})"
        )
    return [doc.problem(("id",), message)]


def _find_media(image: str | None, routines_root: Path, assets_dir: Path | None) -> Path | str | None:
    """The picture or video file, or why it is refused: in the routines folder (`assets/...`: in assets)."""
    if image is None:
        return None
    base: Path | None = routines_root
    relative, where = image, "in this routines folder"
    if image.startswith("assets/"):
        base, relative, where = assets_dir, image.removeprefix("assets/"), "in deskbreak's assets"
    if base is None:
        return f"no file '{image}' {where}"
    target, root = _real(base / relative), _real(base)
    if not target.is_relative_to(root):
        return f"'{image}' leads outside its folder (through a link)"
    return target if target.is_file() else f"no file '{image}' {where}"


def _routines_root(path: Path) -> Path:
    return path.parent.parent if path.parent.name in ("exercises", "packs") else path.parent


def _kind_of(path: Path) -> FileKind:
    return _LAYOUT.get(path.parent.name, "auto")


def _expand(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
        else:
            files.append(path)
    return files


def _with_siblings(files: list[Path]) -> list[Path]:
    """Each named file, then the exercise files its packs can refer to."""
    extra: list[Path] = []
    for root in dict.fromkeys(_routines_root(path) for path in files):
        folder = root / "exercises"
        if folder.is_dir():
            extra += sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    return files + extra


def _raw_ids(items: Iterable[Any]) -> set[str]:
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # a link loop: compare it as written
        return path.absolute()


def _bundled(name: BundledFolder) -> Path | None:
    try:
        return bundled_path(name)
    except FileNotFoundError:  # a broken installation: load what there is and say so
        return None
