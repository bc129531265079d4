"""Checks an installed deskbreak against its source tree: every data file shipped, every pack listed,
every icon and cue sound usable.

Run by packaging/check-wheel.sh with the clean venv's Python, outside the source tree:
`python check_wheel_data.py SOURCE_ROOT`. It knows no file names: it compares whatever the
source's routines/, assets/ and package folders hold (illustrations included, wherever they
live in the package) with what the installed package holds, so a new kind of data file is
covered the day it is added. Exits 1 with one line per problem.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path
from typing import get_args

import deskbreak
from deskbreak.core.resources import bundled_path

SKIPPED_PARTS = {"__pycache__"}
SKIPPED_SUFFIXES = {".pyc"}


def tracked_files(root: Path, folder: str) -> list[Path]:
    """The files git tracks under `folder` (or every file there, outside a git checkout)."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", folder],
            capture_output=True, check=True, text=True,
        ).stdout.split("\0")  # fmt: skip
        return [root / name for name in listed if name]
    except (OSError, subprocess.CalledProcessError):
        return [path for path in (root / folder).rglob("*") if path.is_file()]


def shipped(path: Path) -> bool:
    return not SKIPPED_PARTS.intersection(path.parts) and path.suffix not in SKIPPED_SUFFIXES


def missing_data_files(root: Path) -> tuple[int, list[str]]:
    """Each source data file and where the wheel should have it; the ones absent or different."""
    package = Path(deskbreak.__file__).parent
    pairs: list[tuple[Path, Path]] = []
    for folder in ("routines", "assets"):
        target = bundled_path(folder)
        pairs += [
            (source, target / source.relative_to(root / folder)) for source in tracked_files(root, folder)
        ]
    sources = root / "src" / "deskbreak"
    pairs += [
        (source, package / source.relative_to(sources))
        for source in tracked_files(root, "src/deskbreak")
        if source.suffix != ".py"  # code is checked by running it; this is about data
    ]
    problems = [
        f"missing from the wheel: {source.relative_to(root)} (expected at {installed})"
        for source, installed in pairs
        if shipped(source) and (not installed.is_file() or installed.read_bytes() != source.read_bytes())
    ]
    return len(pairs), problems


def unlisted_packs(root: Path, deskbreak_command: str) -> tuple[int, list[str]]:
    listed = subprocess.run(
        [deskbreak_command, "routines", "list", "--json"], capture_output=True, text=True, check=True
    ).stdout
    bundled = {pack["id"] for pack in json.loads(listed) if pack.get("source") == "bundled"}
    wanted = {path.stem for path in tracked_files(root, "routines/packs") if path.suffix == ".yaml"}
    return len(wanted), [
        f"bundled pack not listed by the installed app: {pack}" for pack in sorted(wanted - bundled)
    ]


def unusable_icons() -> tuple[int, list[str]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    from deskbreak.core.effects import Phase
    from deskbreak.ui.icons import app_icon, tray_icon

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    icons = sorted((bundled_path("assets") / "icons").glob("*.svg"))
    problems = [
        f"icon does not render: {path.name}" for path in icons if not QSvgRenderer(str(path)).isValid()
    ]
    problems += [
        f"no tray icon for {phase} on a {variant} panel"
        for phase in get_args(Phase)
        for variant in ("light", "dark")
        if tray_icon(phase, variant).isNull()
    ]
    if app_icon().isNull():
        problems.append("no application icon")
    return len(icons), problems


def unplayable_sounds() -> tuple[int, list[str]]:
    from deskbreak.core.tones import Tone

    names = [tone.value for tone in Tone]
    problems: list[str] = []
    for name in names:
        path = bundled_path("assets") / "sounds" / f"{name}.wav"
        try:
            with wave.open(str(path), "rb") as sound:
                if sound.getnframes() == 0:
                    problems.append(f"cue sound is empty: {path.name}")
        except (OSError, wave.Error) as exc:
            problems.append(f"cue sound cannot be read: {path.name} ({exc})")
    return len(names), problems


def main(root: Path, deskbreak_command: str) -> int:
    if Path(deskbreak.__file__).resolve().is_relative_to(root.resolve()):
        print(f"deskbreak was imported from the source tree ({deskbreak.__file__}), not from the wheel")
        return 1
    files, file_problems = missing_data_files(root)
    packs, pack_problems = unlisted_packs(root, deskbreak_command)
    icons, icon_problems = unusable_icons()
    sounds, sound_problems = unplayable_sounds()
    problems = file_problems + pack_problems + icon_problems + sound_problems
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(
        f"the wheel holds all {files} data files: {packs} packs listed, {icons} icons and {sounds} cue sounds usable"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), sys.argv[2]))
