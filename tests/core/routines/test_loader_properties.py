"""Whatever a file holds, loading returns problems and never raises; every problem points into the file."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from deskbreak.core.routines.library import validate_paths
from deskbreak.core.routines.loader import PackProblem, parse_yaml

from .helpers import FIXTURE, PACK_HEAD

FIXTURE_PACK = (FIXTURE / "packs" / "fixture-pack.yaml").read_text()
DOSE_KEYS = ["hold", "duration", "reps", "seconds_per_rep", "sides", "switch_seconds", "sets", "rest", "note"]

scalars = st.one_of(
    st.integers(-3, 40),
    st.integers(),
    st.sampled_from(["one", "both", "left", "", "30", "yes", "no", "~", "2026-13-45", "12:30"]),
    st.text(max_size=8),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
exercise_ids = st.sampled_from(
    ["couch-stretch", "glute-bridge", "march-in-place", "couch-strech", "Nope", ""]
)
exercise_steps = st.fixed_dictionaries(
    {"exercise": exercise_ids | scalars},
    optional={key: st.integers(-2, 30) | scalars for key in DOSE_KEYS} | {"hlod": scalars},
)
steps = st.one_of(exercise_steps, st.fixed_dictionaries({"rest": st.integers(-2, 60) | scalars}), values)


@st.composite
def valid_steps(draw: st.DrawFn) -> dict[str, Any]:
    """Steps the doc allows: at most one amount, a tempo only with reps, a switch only with both sides."""
    if draw(st.integers(0, 4)) == 0:
        return {"rest": draw(st.integers(1, 120))}
    step: dict[str, Any] = {
        "exercise": draw(st.sampled_from(["couch-stretch", "glute-bridge", "march-in-place"]))
    }
    amount = draw(st.sampled_from([None, "hold", "duration", "reps"]))
    if amount:
        step[amount] = draw(st.integers(1, 300 if amount != "reps" else 30))
        if amount == "reps" and draw(st.booleans()):
            step["seconds_per_rep"] = draw(st.integers(1, 10))
    if draw(st.booleans()):
        step["sides"] = draw(st.sampled_from(["one", "both"]))
        if step["sides"] == "both" and draw(st.booleans()):
            step["switch_seconds"] = draw(st.integers(1, 20))
    if draw(st.booleans()):
        step["sets"] = draw(st.integers(1, 4))
        if step["sets"] > 1 and draw(st.booleans()):
            step["rest"] = draw(st.integers(1, 60))
    return step


@st.composite
def packs(draw: st.DrawFn) -> dict[str, Any]:
    pack: dict[str, Any] = {
        **PACK_HEAD,
        "id": "gen-pack",
        "steps": draw(st.lists(valid_steps(), min_size=1, max_size=6)),
    }
    if not draw(st.booleans()):
        return pack
    pack["id"] = draw(st.sampled_from(["gen-pack", "fixture-pack", "Bad Id"]))
    pack["steps"] = draw(st.lists(steps | valid_steps(), max_size=6))
    for key in draw(st.sets(st.sampled_from(sorted(pack)), max_size=2)):
        if draw(st.booleans()):
            del pack[key]
        else:
            pack[key] = draw(values)
    return pack


def dump(data: object) -> str:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue()


def assert_points_into(problems: tuple[PackProblem, ...] | list[PackProblem], text: str) -> None:
    lines = text.split("\n")
    for problem in problems:
        assert 1 <= problem.line <= len(lines), problem
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, problem
        assert problem.message


@given(text=st.text())
def test_any_text_gives_data_or_problems(text: str) -> None:
    result = parse_yaml(text, Path("any.yaml"))
    if isinstance(result, list):
        assert result
        assert_points_into(result, text.removeprefix("\ufeff"))


@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, len(FIXTURE_PACK)),
            st.sampled_from(list(":-[]{}&*!#|>'\"%?,@` \t\n\\x")) | st.just(""),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_damaged_pack_gives_problems_that_point_into_it(edits: list[tuple[int, str]]) -> None:
    text = FIXTURE_PACK
    for index, char in edits:
        text = text[:index] + char + text[index + 1 :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.yaml"
        path.write_text(text, encoding="utf-8")
        library = validate_paths([path], bundled_dir=FIXTURE)
    assert_points_into(library.problems, text)


@settings(max_examples=150)
@given(pack=packs())
def test_generated_packs_load_or_give_problems_never_raise(pack: dict[str, Any]) -> None:
    text = dump(pack)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(text, encoding="utf-8")
        library = validate_paths([path], bundled_dir=FIXTURE)
    assert_points_into(library.problems, text)
    if not library.problems:
        loaded = library.packs[pack["id"]]
        assert loaded.timeline.total_seconds == sum(s.seconds for s in loaded.timeline.segments) > 0
