"""Writes the metainfo's <releases> from CHANGELOG.md, so the two never disagree.

`python packaging/linux/releases.py` rewrites the block; `--check` only compares and exits 1 with
the expected block when the metainfo is out of date (the test suite runs that). Only released
versions (`## [X.Y.Z] - YYYY-MM-DD`) are listed; `## [Unreleased]` is not a release.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
CHANGELOG = ROOT / "CHANGELOG.md"
METAINFO = Path(__file__).resolve().parent / "io.github.deskbreak.Deskbreak.metainfo.xml"
RELEASE_HEADING = re.compile(r"^## \[(?P<version>\d+\.\d+\.\d+)\] - (?P<date>\d{4}-\d{2}-\d{2})$")
BLOCK = re.compile(r"(?P<indent>[ \t]*)<releases>.*?</releases>", re.DOTALL)


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    items: tuple[str, ...]


def read_releases(text: str) -> list[Release]:
    """Each released version with its bullet points, newest first, as the changelog lists them."""
    releases: list[Release] = []
    current: tuple[str, str] | None = None
    items: list[str] = []
    for line in [*text.splitlines(), "## end"]:
        if line.startswith("## "):
            if current is not None:
                releases.append(Release(current[0], current[1], tuple(items)))
            match = RELEASE_HEADING.match(line)
            current = (match["version"], match["date"]) if match else None
            items = []
        elif current is not None and line.startswith("- "):
            items.append(line[2:].strip())
        elif current is not None and items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()  # a wrapped bullet
    return releases


def _plain(markdown: str) -> str:
    return re.sub(r"`([^`]*)`", r"\1", markdown)


def releases_block(releases: list[Release], indent: str) -> str:
    lines = [f"{indent}<releases>"]
    for release in releases:
        lines.append(f'{indent}  <release version="{release.version}" date="{release.date}">')
        lines.append(f"{indent}    <description>")
        lines.append(f"{indent}      <ul>")
        lines.extend(f"{indent}        <li>{escape(_plain(item))}</li>" for item in release.items)
        lines.append(f"{indent}      </ul>")
        lines.append(f"{indent}    </description>")
        lines.append(f"{indent}  </release>")
    lines.append(f"{indent}</releases>")
    return "\n".join(lines)


def updated_metainfo(metainfo: str, changelog: str) -> str:
    match = BLOCK.search(metainfo)
    if match is None:
        raise SystemExit(f"{METAINFO.name} has no <releases> block")
    block = releases_block(read_releases(changelog), match["indent"])
    return metainfo[: match.start()] + block + metainfo[match.end() :]


def main(argv: list[str]) -> int:
    current = METAINFO.read_text(encoding="utf-8")
    wanted = updated_metainfo(current, CHANGELOG.read_text(encoding="utf-8"))
    if "--check" in argv:
        if current != wanted:
            print(f"{METAINFO.name} is out of date with CHANGELOG.md; run packaging/linux/releases.py")
            print(BLOCK.search(wanted)[0])  # type: ignore[index]  # updated_metainfo found it
            return 1
        return 0
    METAINFO.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
