"""`deskbreak validate` and `deskbreak routines list|show`: exit codes, one line per problem, JSON shapes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from deskbreak.cli import main
from deskbreak.core import safety
from deskbreak.core.resources import bundled_path
from deskbreak.core.safety import RED_FLAGS
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
    packs = len(list((bundled_path("routines") / "packs").glob("*.yaml")))
    checklists = len(list((bundled_path("routines") / "checklists").glob("*.yaml")))
    assert out.endswith(f"valid: {packs} packs, {checklists} checklists\n")


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
    assert all(
        set(row) == {"id", "title", "total_seconds", "position", "equipment", "source", "path"}
        for row in rows
    )
    mine = next(row for row in rows if row["id"] == "my-routine")
    assert mine == {
        "id": "my-routine",
        "title": "Test pack",
        "total_seconds": 30 + 5 + 30 + 10 + 40 + 20 + 40,
        "position": ["standing"],
        "equipment": [],
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
    lines = out.splitlines()
    assert lines[0] == "Test pack (my-routine) — 2:55"
    start = lines.index("1. My lunge — left side — hold 30 s [dose not marked]")
    assert lines[start : start + 9] == [
        "1. My lunge — left side — hold 30 s [dose not marked]",
        "   Keep the knee over the ankle.",
        "2. Switch sides — 5 s",
        "3. My lunge — right side — hold 30 s",
        "4. Rest — 10 s",
        "5. My bridge — set 1 of 2 — 10 reps × 4 s (40 s) [dose not marked]",
        "6. Rest — 20 s",
        "7. My bridge — set 2 of 2 — 10 reps × 4 s (40 s)",
        "",
    ]


def test_routines_show_puts_an_exercises_cautions_under_its_first_step(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    exercises = USER_EXERCISES.replace(
        "    cues: [Lift your hips.]\n",
        "    cues: [Lift your hips.]\n    cautions: [Stop at a straight line from shoulders to knees.]\n",
    )
    write(user_routines / "exercises" / "mine.yaml", exercises)
    out = run(capsys, "routines", "show", "my-routine")[1].splitlines()
    first = out.index("5. My bridge — set 1 of 2 — 10 reps × 4 s (40 s) [dose not marked]")
    assert out[first + 1] == "   Caution: Stop at a straight line from shoulders to knees."
    assert sum("Caution:" in line for line in out) == 1


def test_routines_show_says_what_the_pack_needs_when_to_skip_it_and_when_to_see_a_professional(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    out = run(capsys, "routines", "show", "my-routine")[1]
    assert "Needs: standing · nothing\n" in out
    assert "Skip it today if:\n  - You are a test.\n" in out
    assert "  - Pain spreads down a leg.\n" in out  # the pack's own sign
    assert all(flag.text in out for flag in RED_FLAGS)  # and the shared list
    assert "Sources:\n  - deskbreak tests\n" in out


def test_routines_show_says_which_doses_come_from_the_sources(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    write(
        user_routines / "exercises" / "mine.yaml", "schema: 2\n" + USER_EXERCISES.removeprefix("schema: 1\n")
    )
    steps = ["  - exercise: my-lunge", "    dose_source: source", "  - exercise: my-bridge", "    reps: 5"]
    pack = pack_yaml("my-routine", *steps).replace("schema: 1", "schema: 2")
    needs = "position: [standing, floor]\nequipment: [mat]"
    write(user_routines / "packs" / "mine.yaml", pack.replace("position: [standing]\nequipment: []", needs))
    code, out, err = run(capsys, "routines", "show", "my-routine")
    assert (code, err) == (0, "")
    assert "1. My lunge — left side — hold 30 s [dose from the sources]" in out
    assert "4. My bridge — set 1 of 2 — 5 reps × 3 s (15 s) [dose not marked]" in out
    assert "Doses: 1 from the sources, 0 chosen by deskbreak, 1 not marked (each step says which)" in out


def test_routines_show_json_carries_cautions_dose_sources_and_alternating_sides(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    exercises = "schema: 2\n" + USER_EXERCISES.removeprefix("schema: 1\n").replace(
        "      reps: 10\n      seconds_per_rep: 4\n      sets: 2\n      rest: 20\n",
        "      reps: 2\n      seconds_per_rep: 4\n      sides: alternate\n      reps_are: at_most\n"
        "    cautions: [Keep your back still.]\n    dose_source: deskbreak\n",
    )
    write(user_routines / "exercises" / "mine.yaml", exercises)
    pack = pack_yaml("my-routine", "  - exercise: my-bridge").replace("schema: 1", "schema: 2")
    needs = "position: [floor]\nequipment: [mat]"
    write(user_routines / "packs" / "mine.yaml", pack.replace("position: [standing]\nequipment: []", needs))
    code, out, err = run(capsys, "routines", "show", "my-routine", "--json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert [(s["side"], s["alternating"], s["reps_are"], s["dose_source"]) for s in shown["steps"]] == [
        ("left", {"rep": 1, "per_side": 2}, "at_most", "deskbreak"),
        ("right", {"rep": 1, "per_side": 2}, "at_most", "deskbreak"),
        ("left", {"rep": 2, "per_side": 2}, "at_most", "deskbreak"),
        ("right", {"rep": 2, "per_side": 2}, "at_most", "deskbreak"),
    ]
    assert [s["cautions"] for s in shown["steps"]] == [["Keep your back still."], [], [], []]
    assert shown["cautions"]["see_a_professional_if"] == [
        "Pain spreads down a leg.",
        *safety.standalone_lines(),
    ]
    assert shown["exercises"]["my-bridge"]["dose_text"] == "up to 2 reps × 4 s each side, alternating"


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


def test_routines_exercises_lists_bundled_and_user_exercises_with_their_default_dose(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    code, out, err = run(capsys, "routines", "exercises")
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[0].split() == ["ID", "NAME", "POSITION", "DEFAULT", "DOSE", "SOURCE"]
    assert re.search(r"^my-bridge +My bridge +floor +2 sets of 10 reps × 4 s, 20 s rest +user$", out, re.M)
    assert re.search(r"^couch-stretch +Couch stretch +kneeling +hold 90 s each side +bundled$", out, re.M)


def test_routines_exercises_json_has_what_an_author_needs(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    code, out, _ = run(capsys, "routines", "exercises", "--json")
    rows = {row["id"]: row for row in json.loads(out)}
    assert code == 0
    mine = rows["my-lunge"]
    assert {key: mine[key] for key in ("position", "equipment", "dose", "dose_seconds", "source")} == {
        "position": ["standing"],
        "equipment": [],
        "dose": {"hold": 30, "sides": "both", "sets": 1},
        "dose_seconds": 65,
        "source": "user",
    }
    assert mine["path"] == str(user_routines / "exercises" / "mine.yaml")
    assert rows["couch-stretch"]["source"] == "bundled"


def test_validate_prints_its_summary_after_the_problems_when_both_share_a_pipe(tmp_path: Path) -> None:
    broken = [str(BROKEN / "zero-hold.yaml"), str(BROKEN / "custom-tag.yaml")]
    result = subprocess.run(
        [sys.executable, "-m", "deskbreak", "validate", *broken],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "3 problems in 2 of 2 files"
    assert len(result.stdout.splitlines()) == 4


def test_routines_needs_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["routines"])
    assert exited.value.code == 2
