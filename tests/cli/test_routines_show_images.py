"""`deskbreak routines show ID --json` names the picture file the player shows for each exercise step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deskbreak.cli import main
from deskbreak.core.paths import default_paths


def shown(capsys: pytest.CaptureFixture[str], pack_id: str) -> list[dict[str, object]]:
    assert main(["routines", "show", pack_id, "--json"]) == 0
    steps: list[dict[str, object]] = json.loads(capsys.readouterr().out)["steps"]
    return steps


def test_a_bundled_exercise_step_names_its_rendered_figure(capsys: pytest.CaptureFixture[str]) -> None:
    steps = shown(capsys, "evening-mobility")
    first = steps[0]
    assert first["exercise"] == "couch-stretch"
    image = Path(str(first["image"]))
    assert image.is_absolute()
    assert image.parent == default_paths().cache_dir / "figures"
    assert image.read_text(encoding="utf-8").startswith("<svg ")
    assert all(step["image"] is None for step in steps if step["kind"] != "exercise")
    assert all(step["image"] for step in steps if step["kind"] == "exercise")


def test_the_left_and_right_sides_name_their_own_files(capsys: pytest.CaptureFixture[str]) -> None:
    steps = [step for step in shown(capsys, "evening-mobility") if step["exercise"] == "couch-stretch"]
    left = next(step["image"] for step in steps if step["side"] == "left")
    right = next(step["image"] for step in steps if step["side"] == "right")
    assert left != right


def test_a_users_own_picture_is_named_as_it_is(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    folder = isolated_dirs / "data" / "routines"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "wall.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (folder / "exercises").mkdir()
    (folder / "exercises" / "mine.yaml").write_text(
        "schema: 1\nexercises:\n  - id: wall-sit\n    name: Wall sit\n    position: standing\n"
        "    equipment: [wall]\n    targets: [thighs]\n    cues: [Slide down the wall.]\n"
        "    image: images/wall.svg\n    dose:\n      hold: 30\n",
        encoding="utf-8",
    )
    (folder / "packs").mkdir()
    (folder / "packs" / "mine.yaml").write_text(
        "schema: 1\nid: my-wall\ntitle: Wall sit\nsummary: One wall sit.\nwhen_to_use: Any time.\n"
        "position: [standing]\nequipment: [wall]\ncautions:\n  skip_if: [Your knees hurt today.]\n"
        "  see_a_professional_if: [Pain spreads down a leg.]\nsources:\n  - title: deskbreak tests\n"
        "steps:\n  - exercise: wall-sit\n",
        encoding="utf-8",
    )
    (step,) = shown(capsys, "my-wall")
    assert step["image"] == str((folder / "images" / "wall.svg").resolve())
