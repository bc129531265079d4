"""The fast way of reading a pack (libyaml's events) gives exactly what the careful way gives, or steps
aside; whatever it cannot read the same, the careful path reads and words."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.core.routines.loader import YamlDoc, parse_yaml, read_carefully, read_fast

REPO = Path(__file__).resolve().parents[3]


def _is_text(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return False  # refused before any parsing (the broken corpus has one)
    return True


EVERY_YAML = sorted(
    path
    for folder in ("routines", "tests", "src")
    for path in (REPO / folder).rglob("*.yaml")
    if _is_text(path)
)
BUNDLED_PACKS = sorted((REPO / "routines").rglob("*.yaml"))


def test_the_repository_has_yaml_files_to_compare() -> None:
    assert len(EVERY_YAML) > 50
    assert BUNDLED_PACKS


@pytest.mark.parametrize("path", EVERY_YAML, ids=lambda path: str(path.relative_to(REPO)))
def test_every_yaml_file_in_the_repository_reads_the_same_both_ways(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    fast = read_fast(text, path)
    if fast is not None:
        assert fast == read_carefully(text, path)


@pytest.mark.parametrize("path", BUNDLED_PACKS, ids=lambda path: path.name)
def test_the_bundled_files_take_the_fast_way(path: Path) -> None:
    assert isinstance(read_fast(path.read_text(encoding="utf-8"), path), YamlDoc)


def test_yaml_1_2_words_stay_text_on_the_fast_way() -> None:
    text = "a: no\nb: on\nc: 12:30\nd: yes\ne: 2026-01-02\nf: true\ng: ~\nh: 3\ni: 2.5\nj: '4'\n"
    fast = read_fast(text, Path("words.yaml"))
    assert fast is not None
    assert fast.data == {
        "a": "no", "b": "on", "c": "12:30", "d": "yes", "e": "2026-01-02",
        "f": True, "g": None, "h": 3, "i": 2.5, "j": "4",
    }  # fmt: skip
    assert fast == read_carefully(text, Path("words.yaml"))


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 3\n",  # a tag
        "%YAML 1.1\n---\na: no\n",  # a directive that would bring back `no` meaning false
        "a: 1\na: 2\n",  # a duplicate key
        "1: one\n",  # a key that is not text
        "a: 0x1F\n",  # a number in a form the careful path builds its own way
        "a: [1, 2\n",  # a syntax error
        "a: 1\n---\nb: 2\n",  # two documents
        "",  # nothing at all
    ],
)
def test_what_the_fast_way_does_not_read_exactly_it_leaves_to_the_careful_path(text: str) -> None:
    assert read_fast(text, Path("unusual.yaml")) is None


def test_a_refused_file_keeps_the_careful_paths_message() -> None:
    problems = parse_yaml("title: x\nsteps: &a [1]\nmore: *a\n", Path("p.yaml"))
    assert [str(problem) for problem in problems] == [  # type: ignore[union-attr]
        "p.yaml:2:8: anchors and aliases are not allowed (this file has 2)"
    ]


words = st.sampled_from(
    ["no", "on", "yes", "12:30", "0x1F", "1_000", "012", ".5", "1e3", "~", "null", "true", "False",
     "2026-01-02", "3", "-4", "+5", "2.50", "text", "two words", "<<", "=", "''", '"q"', "a: b"]
)  # fmt: skip
keys = st.sampled_from(["id", "title", "steps", "no", "on", "3", "hold", "a b"])


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    """Small block-style YAML documents built from words YAML versions disagree about."""
    indent = "  " * depth
    lines = []
    for key in draw(st.lists(keys, min_size=1, max_size=4)):
        kind = draw(st.sampled_from(["scalar", "list", "map", "flow"] if depth < 2 else ["scalar", "flow"]))
        if kind == "scalar":
            lines.append(f"{indent}{key}: {draw(words)}")
        elif kind == "flow":
            lines.append(f"{indent}{key}: [{', '.join(draw(st.lists(words, max_size=3)))}]")
        elif kind == "list":
            lines.append(f"{indent}{key}:")
            lines += [f"{indent}  - {draw(words)}" for _ in range(draw(st.integers(1, 3)))]
        else:
            lines.append(f"{indent}{key}:")
            lines.append(draw(documents(depth + 1)))
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_for_any_document_the_fast_way_agrees_with_the_careful_one_or_steps_aside(text: str) -> None:
    fast = read_fast(text + "\n", Path("any.yaml"))
    if fast is not None:
        assert fast == read_carefully(text + "\n", Path("any.yaml"))
