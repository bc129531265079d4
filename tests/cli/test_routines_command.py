"""`deskbreak validate` and `deskbreak routines list|show`: exit codes, one line per problem, JSON shapes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from deskbreak.cli import main
from deskbreak.core.resources import bundled_path
from tests.core.routines.helpers import BROKEN, pack_yaml, write

PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")
USER_EXERCISES = """\
schema: 1
exercises:
  - id: my-lunge
    name: My lunge
    position: standing
    equipment: []
    targets: [hips]
    cues: [Step forward and sink.]
    dose:
      hold: 30
      sides: both
  - id: my-bridge
    name: My bridge
    position: floor
    equipment: [mat]
    targets: [glutes]
    cues: [Lift your hips.]
    dose:
      reps: 10
      seconds_per_rep: 4
      sets: 2
      rest: 20
"""


@pytest.fixture
def user_routines(isolated_dirs: Path) -> Path:
    folder = isolated_dirs / "data" / "routines"
    write(folder / "exercises" / "mine.yaml", USER_EXERCISES)
    steps = [
        "  - exercise: my-lunge",
        "    note: Keep the knee over the ankle.",
        "  - rest: 10",
        "  - exercise: my-bridge",
    ]
    write(folder / "packs" / "mine.yaml", pack_yaml("my-routine", *steps))
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_validate_the_bundled_library_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(bundled_path("routines")))
    assert (code, err) == (0, "")
    assert out.endswith(
        "valid: " + f"{len(list((bundled_path('routines') / 'packs').glob('*.yaml')))} packs\n"
    )


def test_validate_prints_one_line_per_problem_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(BROKEN / "zero-hold.yaml"), str(BROKEN / "custom-tag.yaml"))
    assert code == 1
    assert out.splitlines() == [
        f"{BROKEN / 'custom-tag.yaml'}:5:8: tags like !!python/object are not allowed (found !!str)",
        f"{BROKEN / 'custom-tag.yaml'}:6:10: tags like !!python/object are not allowed (found !shout)",
        f"{BROKEN / 'zero-hold.yaml'}:16:11: steps[0].hold: must be greater than 0",
    ]
    assert err == "3 problems in 2 of 2 files\n"


def test_validate_names_paths_as_they_were_typed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "mine" / "packs" / "p.yaml", pack_yaml("p", "  - rest: -1"))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "validate", "mine")
    match = PROBLEM_LINE.match(out.strip())
    assert code == 1
    assert match is not None
    assert match.group("path") == "mine/packs/p.yaml"


def test_validate_resolves_a_user_pack_against_the_bundled_catalogue(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bundled_ids = re.findall(
        r"^  - id: (\S+)$", next((bundled_path("routines") / "exercises").glob("*.yaml")).read_text(), re.M
    )
    pack = write(tmp_path / "mine.yaml", pack_yaml("uses-bundled", f"  - exercise: {bundled_ids[0]}"))
    assert run(capsys, "validate", str(pack))[:2] == (0, "1 file valid: 1 pack\n")


@pytest.mark.parametrize("problem", ["missing", "empty folder"])
def test_validate_exits_2_on_bad_usage(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, problem: str
) -> None:
    target = tmp_path / "nowhere.yaml"
    if problem == "empty folder":
        target = tmp_path / "empty"
        target.mkdir()
    code, out, err = run(capsys, "validate", str(target))
    assert (code, out) == (2, "")
    assert err.startswith("deskbreak validate: ")


def test_routines_list_json_has_every_pack_with_its_source(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    code, out, err = run(capsys, "routines", "list", "--json")
    rows: list[dict[str, Any]] = json.loads(out)
    assert (code, err) == (0, "")
    assert all(set(row) == {"id", "title", "total_seconds", "position", "source", "path"} for row in rows)
    mine = next(row for row in rows if row["id"] == "my-routine")
    assert mine == {
        "id": "my-routine",
        "title": "Test pack",
        "total_seconds": 30 + 5 + 30 + 10 + 40 + 20 + 40,
        "position": ["standing"],
        "source": "user",
        "path": str((user_routines / "packs" / "mine.yaml").absolute()),
    }
    assert {row["source"] for row in rows} == {"bundled", "user"}


def test_routines_list_prints_a_table_and_problems_go_to_stderr_without_failing(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    write(user_routines / "packs" / "broken.yaml", pack_yaml("broken", "  - rest: 0"))
    code, out, err = run(capsys, "routines", "list")
    assert code == 0
    assert out.splitlines()[0].split() == ["ID", "TITLE", "TIME", "SOURCE"]
    assert re.search(r"^my-routine +Test pack +2:55 +user$", out, re.M)
    assert (
        err
        == f"{(user_routines / 'packs' / 'broken.yaml').absolute()}:14:11: steps[0].rest: must be greater than 0\n"
    )


def test_routines_show_json_is_the_timeline(capsys: pytest.CaptureFixture[str], user_routines: Path) -> None:
    code, out, _ = run(capsys, "routines", "show", "my-routine", "--json")
    shown = json.loads(out)
    assert code == 0
    assert [(s["kind"], s["exercise"], s["side"], s["seconds"], s["reps"]) for s in shown["steps"]] == [
        ("exercise", "my-lunge", "left", 30, None),
        ("switch", "my-lunge", None, 5, None),
        ("exercise", "my-lunge", "right", 30, None),
        ("rest", None, None, 10, None),
        ("exercise", "my-bridge", None, 40, 10),
        ("rest", "my-bridge", None, 20, None),
        ("exercise", "my-bridge", None, 40, 10),
    ]
    assert shown["total_seconds"] == sum(s["seconds"] for s in shown["steps"]) == 175
    assert (shown["id"], shown["title"]) == ("my-routine", "Test pack")


def test_routines_show_numbers_the_steps(capsys: pytest.CaptureFixture[str], user_routines: Path) -> None:
    code, out, _ = run(capsys, "routines", "show", "my-routine")
    assert code == 0
    assert out.splitlines() == [
        "Test pack (my-routine) — 2:55",
        "1. My lunge — left side — hold 30 s",
        "   Keep the knee over the ankle.",
        "2. Switch sides — 5 s",
        "3. My lunge — right side — hold 30 s",
        "4. Rest — 10 s",
        "5. My bridge — set 1 of 2 — 10 reps × 4 s (40 s)",
        "6. Rest — 20 s",
        "7. My bridge — set 2 of 2 — 10 reps × 4 s (40 s)",
    ]


def test_routines_show_an_unknown_id_exits_1_with_close_matches(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    code, out, err = run(capsys, "routines", "show", "my-rootine")
    assert (code, out) == (1, "")
    assert err == "deskbreak routines show: no pack 'my-rootine'; close matches: my-routine\n"


def test_routines_show_a_broken_pack_says_it_has_problems(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    write(user_routines / "packs" / "broken.yaml", pack_yaml("broken", "  - rest: 0"))
    code, _, err = run(capsys, "routines", "show", "broken")
    assert code == 1
    assert (
        err.splitlines()[-1]
        == "deskbreak routines show: pack 'broken' has problems (listed above) and was not loaded"
    )


def test_routines_needs_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["routines"])
    assert exited.value.code == 2
