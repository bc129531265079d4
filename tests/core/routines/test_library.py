"""The library: bundled plus user packs, every problem kept as data, one bad file never hiding the rest."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from deskbreak.core.resources import bundled_path
from deskbreak.core.routines.library import load_library, validate_paths

from .helpers import FIXTURE, pack_yaml, write

BUNDLED = bundled_path("routines")


def test_every_bundled_pack_and_exercise_validates(tmp_path: Path) -> None:
    library = load_library(tmp_path / "no-user-packs")
    assert [str(p) for p in library.problems] == []
    assert len(library.packs) == len(list((BUNDLED / "packs").glob("*.yaml")))
    assert {loaded.source for loaded in library.packs.values()} == {"bundled"}


def test_validating_the_bundled_folder_finds_nothing() -> None:
    library = validate_paths([BUNDLED])
    assert library.problems == ()
    assert len(library.files) == len(list(BUNDLED.rglob("*.yaml")))


def test_user_packs_come_from_the_data_folder(isolated_dirs: Path) -> None:
    write(isolated_dirs / "data" / "routines" / "packs" / "mine.yaml", pack_yaml("my-pack", "  - rest: 30"))
    library = load_library(bundled_dir=FIXTURE)
    assert library.problems == ()
    mine = library.packs["my-pack"]
    assert (mine.source, mine.timeline.total_seconds) == ("user", 30)
    assert mine.path == (isolated_dirs / "data" / "routines" / "packs" / "mine.yaml").absolute()
    assert library.packs["fixture-pack"].source == "bundled"


def test_a_user_pack_can_use_bundled_and_its_own_exercises(tmp_path: Path) -> None:
    write(tmp_path / "exercises" / "mine.yaml", MY_EXERCISES)
    write(
        tmp_path / "packs" / "mine.yaml",
        pack_yaml("mine", "  - exercise: couch-stretch", "  - exercise: wall-sit"),
    )
    library = load_library(tmp_path, bundled_dir=FIXTURE)
    assert library.problems == ()
    assert [s.exercise_id for s in library.packs["mine"].timeline.segments] == ["couch-stretch"] * 3 + [
        "wall-sit"
    ]


def test_a_bundled_pack_cannot_use_a_user_exercise(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    write(bundled / "packs" / "b.yaml", pack_yaml("uses-user", "  - exercise: wall-sit"))
    write(tmp_path / "user" / "exercises" / "mine.yaml", MY_EXERCISES)
    library = load_library(tmp_path / "user", bundled_dir=bundled)
    assert [p.message for p in library.problems] == ["steps[0].exercise: unknown exercise 'wall-sit'"]


def test_one_bad_pack_never_hides_the_good_ones(tmp_path: Path) -> None:
    write(tmp_path / "packs" / "a-bad.yaml", pack_yaml("bad", "  - exercise: couch-stretch", "    hold: -1"))
    write(tmp_path / "packs" / "b-syntax.yaml", "id: [unclosed\n")
    write(tmp_path / "packs" / "c-good.yaml", pack_yaml("good", "  - rest: 5"))
    library = load_library(tmp_path, bundled_dir=FIXTURE)
    assert set(library.packs) == {"fixture-pack", "good"}
    assert [(p.path.name, p.line) for p in library.problems] == [("a-bad.yaml", 15), ("b-syntax.yaml", 1)]
    assert library.broken_pack_ids == {"bad"}


def test_one_bad_exercise_skips_only_itself_and_the_packs_that_use_it(tmp_path: Path) -> None:
    write(tmp_path / "exercises" / "mine.yaml", MY_EXERCISES.replace("hold: 45", "hold: forty-five"))
    write(tmp_path / "packs" / "p.yaml", pack_yaml("uses-bad", "  - exercise: wall-sit"))
    write(tmp_path / "packs" / "q.yaml", pack_yaml("uses-good", "  - exercise: chin-tuck"))
    library = load_library(tmp_path, bundled_dir=FIXTURE)
    assert "chin-tuck" in library.catalogue
    assert "uses-good" in library.packs
    assert [p.message for p in library.problems] == [
        "exercises[0].dose.hold: must be a whole number",
        "steps[0].exercise: exercise 'wall-sit' has problems of its own and was not loaded",
    ]


def test_two_user_packs_with_one_id_keep_the_first_and_report_the_second(tmp_path: Path) -> None:
    first = write(tmp_path / "packs" / "a.yaml", pack_yaml("twin", "  - rest: 5"))
    write(tmp_path / "packs" / "b.yaml", pack_yaml("twin", "  - rest: 9"))
    library = load_library(tmp_path, bundled_dir=FIXTURE)
    assert library.packs["twin"].timeline.total_seconds == 5
    assert [str(p) for p in library.problems] == [
        f"{tmp_path / 'packs' / 'b.yaml'}:2:5: id: duplicate pack id 'twin' (first in {first}:2)"
    ]


def test_an_image_may_live_in_the_routines_folder_or_in_assets(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    write(assets / "icons" / "wave.svg", "<svg/>")
    write(tmp_path / "user" / "images" / "mine.svg", "<svg/>")
    text = MY_EXERCISES.replace(
        "    dose:\n      hold: 45", "    image: images/mine.svg\n    dose:\n      hold: 45"
    )
    text = text.replace("      reps: 8", "      reps: 8\n    image: assets/icons/wave.svg")
    write(tmp_path / "user" / "exercises" / "mine.yaml", text)
    library = load_library(tmp_path / "user", bundled_dir=FIXTURE, assets_dir=assets)
    assert library.problems == ()
    assert library.catalogue.exercises["wall-sit"].image == "images/mine.svg"
    assert library.images == {
        "wall-sit": (tmp_path / "user" / "images" / "mine.svg").resolve(),
        "chin-tuck": (assets / "icons" / "wave.svg").resolve(),
        "couch-stretch": (FIXTURE / "images" / "couch-stretch.svg").resolve(),
    }


def test_an_image_link_that_leads_outside_the_folder_is_refused(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.svg", "<svg/>")
    (tmp_path / "user" / "images").mkdir(parents=True)
    (tmp_path / "user" / "images" / "innocent.svg").symlink_to(secret)
    text = MY_EXERCISES.replace(
        "    dose:\n      hold: 45", "    image: images/innocent.svg\n    dose:\n      hold: 45"
    )
    write(tmp_path / "user" / "exercises" / "mine.yaml", text)
    library = load_library(tmp_path / "user", bundled_dir=FIXTURE)
    assert [p.message for p in library.problems] == [
        "exercises[0].image: 'images/innocent.svg' leads outside its folder (through a link)"
    ]


def test_validating_a_user_pack_resolves_against_the_bundled_catalogue_and_its_own_exercises(
    tmp_path: Path,
) -> None:
    write(tmp_path / "exercises" / "mine.yaml", MY_EXERCISES)
    pack = write(
        tmp_path / "packs" / "mine.yaml",
        pack_yaml("mine", "  - exercise: march-in-place", "  - exercise: wall-sit"),
    )
    library = validate_paths([pack], bundled_dir=FIXTURE)
    assert library.problems == ()
    assert set(library.packs) == {"mine"}
    assert library.files == (pack, tmp_path / "exercises" / "mine.yaml")


def test_validate_reports_bundled_problems_only_for_named_files(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    write(bundled / "packs" / "broken.yaml", "id: [\n")
    mine = write(tmp_path / "mine.yaml", pack_yaml("mine", "  - rest: 5"))
    assert validate_paths([mine], bundled_dir=bundled).problems == ()
    assert len(validate_paths([bundled], bundled_dir=bundled).problems) == 1


def test_validate_names_files_the_way_they_were_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "here" / "bad.yaml", pack_yaml("bad", "  - rest: 0"))
    monkeypatch.chdir(tmp_path)
    problems = validate_paths([Path("here")], bundled_dir=FIXTURE).problems
    assert [str(p) for p in problems] == ["here/bad.yaml:14:11: steps[0].rest: must be greater than 0"]


MY_EXERCISES = """\
schema: 1
exercises:
  - id: wall-sit
    name: Wall sit
    position: standing
    equipment: [wall]
    targets: [thighs]
    cues: [Slide down the wall until your knees are bent.]
    dose:
      hold: 45

  - id: chin-tuck
    name: Chin tuck
    position: sitting
    equipment: []
    targets: [neck]
    cues: [Draw your chin straight back.]
    dose:
      reps: 8
"""


def test_the_format_docs_examples_load_together_against_the_bundled_library(tmp_path: Path) -> None:
    docs = (Path(__file__).parents[3] / "docs" / "routine-packs.md").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0] for block in docs.split("```yaml\n")[1:]]
    folders = {"exercises": "exercises", "steps": "packs", "items": "checklists"}
    for index, block in enumerate(blocks):
        if "\nfigures:" in block:
            continue  # pose data, loaded by tests/core/figures/test_docs_example.py
        folder = next(folder for key, folder in folders.items() if f"\n{key}:" in block)
        write(tmp_path / folder / f"example-{index}.yaml", block)
    for picture in re.findall(r"image: (images/\S+)", docs):
        write(tmp_path / picture, "")
    library = validate_paths([tmp_path])
    assert [str(p) for p in library.problems] == []
    assert set(library.packs) == {"my-evening-stretch"}
    assert set(library.checklists) == {"my-habits"}
    assert "seated-hamstring-stretch" in library.catalogue


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges there")
def test_a_pack_link_in_a_loop_is_reported_not_skipped_silently(tmp_path: Path) -> None:
    packs = tmp_path / "user" / "packs"
    packs.mkdir(parents=True)
    (packs / "a.yaml").symlink_to(packs / "b.yaml")
    (packs / "b.yaml").symlink_to(packs / "a.yaml")
    library = load_library(tmp_path / "user")
    reported = sorted(str(problem) for problem in library.problems)
    assert reported == [
        f"{packs / 'a.yaml'}:1:1: cannot be read (Too many levels of symbolic links)",
        f"{packs / 'b.yaml'}:1:1: cannot be read (Too many levels of symbolic links)",
    ]
