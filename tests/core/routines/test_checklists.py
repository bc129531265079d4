"""Checklists load like packs: typed items, located problems, and item ids that stay unique (history keys)."""

from __future__ import annotations

from pathlib import Path

from deskbreak.core.routines.checklists import Target
from deskbreak.core.routines.library import load_checklists, load_library

from .helpers import FIXTURE, pack_yaml, write


def checklist_yaml(checklist_id: str, *item_ids: str) -> str:
    items = "".join(
        f"  - id: {item_id}\n"
        f"    label: Do {item_id}\n"
        "    detail: Once a day.\n"
        "    cadence: daily\n"
        "    sources: [{title: deskbreak tests}]\n"
        for item_id in item_ids
    )
    return f"schema: 1\nid: {checklist_id}\ntitle: Test list\nsummary: Made in a test.\nitems:\n{items}"


def test_a_checklist_loads_as_typed_items(tmp_path: Path) -> None:
    write(
        tmp_path / "checklists" / "recovery.yaml",
        checklist_yaml("recovery", "walk").replace(
            "    cadence: daily\n", "    cadence: daily\n    target: {amount: 8000, unit: steps}\n"
        ),
    )
    library = load_checklists(tmp_path, bundled_dir=FIXTURE)
    assert library.problems == ()
    item = library.checklists["recovery"].items[0]
    assert (item.id, item.label, item.cadence) == ("walk", "Do walk", "daily")
    assert item.target == Target(amount=8000, unit="steps")
    assert [source.title for source in item.sources] == ["deskbreak tests"]


def test_an_item_id_is_unique_across_checklists(tmp_path: Path) -> None:
    first = write(tmp_path / "checklists" / "a.yaml", checklist_yaml("first", "walk"))
    write(tmp_path / "checklists" / "b.yaml", checklist_yaml("second", "sleep", "walk"))
    library = load_checklists(tmp_path, bundled_dir=FIXTURE)
    assert set(library.checklists) == {"first"}
    assert [str(p) for p in library.problems] == [
        f"{tmp_path / 'checklists' / 'b.yaml'}:11:9: items[1].id: item id 'walk' is already used in "
        f"checklist 'first' ({first}:6)"
    ]


def test_a_user_checklist_cannot_reuse_a_bundled_items_id(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    write(bundled / "checklists" / "recovery.yaml", checklist_yaml("recovery", "walk"))
    write(tmp_path / "user" / "checklists" / "mine.yaml", checklist_yaml("mine", "walk"))
    library = load_checklists(tmp_path / "user", bundled_dir=bundled)
    assert set(library.checklists) == {"recovery"}
    assert [p.message for p in library.problems] == [
        f"items[0].id: item id 'walk' is already used in checklist 'recovery' "
        f"({bundled / 'checklists' / 'recovery.yaml'}:6)"
    ]


def test_a_broken_checklist_is_skipped_and_the_others_load(tmp_path: Path) -> None:
    write(tmp_path / "checklists" / "a.yaml", checklist_yaml("good", "walk"))
    write(tmp_path / "checklists" / "b.yaml", checklist_yaml("bad", "sleep").replace("daily", "hourly"))
    library = load_checklists(tmp_path, bundled_dir=FIXTURE)
    assert set(library.checklists) == {"good"}
    assert [(p.path.name, p.line, p.col) for p in library.problems] == [("b.yaml", 9, 14)]


def test_loading_checklists_reads_no_pack(tmp_path: Path) -> None:
    write(tmp_path / "packs" / "broken.yaml", pack_yaml("broken", "  - rest: 0"))
    write(tmp_path / "checklists" / "a.yaml", checklist_yaml("good", "walk"))
    assert load_checklists(tmp_path, bundled_dir=FIXTURE).problems == ()
    assert len(load_library(tmp_path, bundled_dir=FIXTURE).problems) == 1
