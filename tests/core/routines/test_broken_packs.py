"""The broken-pack corpus: each file in broken/ names its expected problems in `# expect LINE:COL: message`.

Every problem must name the right line and column, so a test compares whole lines, not substrings.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deskbreak.core.routines.library import validate_paths
from deskbreak.core.routines.loader import MAX_FILE_BYTES, parse_yaml

from .helpers import BROKEN, FIXTURE, pack_yaml, write

CORPUS = sorted(BROKEN.glob("*.yaml"))


def expected_problems(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return [
        f"{path}:{line.removeprefix('# expect ').replace('PATH', str(path))}"
        for line in lines
        if line.startswith("# expect ")
    ]


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_each_broken_file_gives_exactly_its_expected_problems(path: Path) -> None:
    library = validate_paths([path], bundled_dir=FIXTURE)
    assert [str(problem) for problem in library.problems] == expected_problems(path)
    assert library.packs == {}


def test_the_corpus_covers_every_kind_of_problem_the_issue_names() -> None:
    kinds = {p.stem for p in CORPUS}
    assert {
        "syntax-error", "unknown-key", "missing-key", "wrong-type", "zero-hold", "negative-rest",
        "unknown-exercise", "duplicate-key", "duplicate-exercise-id", "bundled-pack-id", "image-missing",
        "image-outside", "image-absolute", "image-url", "alias-bomb", "python-tag", "custom-tag",
        "problems-of-every-kind-in-one-run", "schema-1-pack-uses-schema-2", "schema-1-exercise-uses-schema-2",
        "frequency-two-kinds", "frequency-backwards", "frequency-unknown-key", "bad-where",
        "faq-without-answer", "related-unknown", "needs-do-not-match", "alternate-without-reps",
        "reps-are-with-hold", "bad-dose-source", "sourced-dose-without-sources", "image-wrong-format",
        "video-missing", "checklist-duplicate-item", "checklist-item-without-source",
    } <= kinds  # fmt: skip
    assert all(expected_problems(p) for p in CORPUS)


def test_a_file_over_one_mebibyte_is_refused_before_parsing(tmp_path: Path) -> None:
    big = write(tmp_path / "big.yaml", pack_yaml("big", "  - exercise: couch-stretch") + "#" * MAX_FILE_BYTES)
    problems = validate_paths([big], bundled_dir=FIXTURE).problems
    assert [str(p) for p in problems] == [f"{big}:1:1: file is larger than 1 MiB"]


def test_a_file_of_exactly_one_mebibyte_is_read(tmp_path: Path) -> None:
    text = pack_yaml("just-fits", "  - exercise: couch-stretch")
    path = write(tmp_path / "fits.yaml", text + "#" * (MAX_FILE_BYTES - len(text)))
    assert validate_paths([path], bundled_dir=FIXTURE).problems == ()


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    make_fifo = getattr(os, "mkfifo", None)  # POSIX only; looked up so every platform type-checks
    if make_fifo is None:
        pytest.skip("named pipes are a POSIX thing")
    pipe = tmp_path / "pipe.yaml"
    make_fifo(pipe)
    problems = validate_paths([pipe], bundled_dir=FIXTURE).problems
    assert [str(p) for p in problems] == [
        f"{pipe}:1:1: is not a regular file (a named pipe, a device or a socket); it was not read"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_instead_of_read_forever() -> None:
    problems = validate_paths([Path("/dev/zero")], bundled_dir=FIXTURE).problems
    assert [p.message for p in problems] == [
        "is not a regular file (a named pipe, a device or a socket); it was not read"
    ]


def test_a_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'title: !!python/object/apply:os.system ["touch {marker}"]\n'
    assert isinstance(parse_yaml(text, Path("x.yaml")), list)
    assert not marker.exists()


def test_deeply_nested_brackets_are_refused_where_they_get_too_deep() -> None:
    problems = parse_yaml("a: " + "[" * 5000 + "]" * 5000 + "\n", Path("deep.yaml"))
    assert isinstance(problems, list)
    assert [str(p) for p in problems] == ["deep.yaml:1:36: the YAML is nested too deeply"]


def test_deeply_nested_blocks_are_a_problem_not_a_crash() -> None:
    for depth in (40, 900):
        text = "".join("  " * level + "a:\n" for level in range(depth)) + "  " * depth + "b: 1\n"
        problems = parse_yaml(text, Path("deep.yaml"))
        assert isinstance(problems, list)
        assert [p.message for p in problems] == ["the YAML is nested too deeply"]


def test_dates_stay_text_and_an_impossible_date_is_not_a_crash() -> None:
    doc = parse_yaml("a: 2026-13-45\nb: 2026-01-01\n", Path("dates.yaml"))
    assert not isinstance(doc, list)
    assert doc.data == {"a": "2026-13-45", "b": "2026-01-01"}


def test_yaml_one_point_two_keeps_no_and_times_as_text() -> None:
    doc = parse_yaml("a: no\nb: on\nc: 12:30\n", Path("words.yaml"))
    assert not isinstance(doc, list)
    assert doc.data == {"a": "no", "b": "on", "c": "12:30"}


def test_a_key_that_is_not_text_points_at_the_key() -> None:
    problems = parse_yaml("schema: 1\n30: hold\n", Path("keys.yaml"))
    assert isinstance(problems, list)
    assert [str(p) for p in problems] == ["keys.yaml:2:1: keys must be text, not 30"]
