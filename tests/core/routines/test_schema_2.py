"""Schema 2 of the pack format: a pack page's keys as typed data, and schema 1 packs loading as before."""

from __future__ import annotations

from pathlib import Path

from deskbreak.core import safety
from deskbreak.core.routines.library import load_library, validate_paths
from deskbreak.core.routines.model import EveryMinutes, TimesAWeek

from .helpers import FIXTURE, write

PAGE = """\
schema: 2
id: desk-page
title: Desk page
summary: A pack with every page key.
when_to_use: In tests.
position: [standing]
equipment: []
cautions:
  skip_if: [You are a test.]
sources:
  - title: deskbreak tests
where: [desk, office]
time_of_day: [midday, afternoon]
frequency:
  every_minutes: [45, 60]
who_for:
  - who: People who sit all day.
    why: Their hips stiffen.
why_it_helps: Moving often keeps the stiffness from setting in.
faq:
  - question: Can I do it in a meeting?
    answer: The seated packs suit that better.
related: [fixture-pack]
steps:
  - exercise: march-in-place
"""


def test_a_schema_1_pack_loads_as_it_did(tmp_path: Path) -> None:
    library = load_library(tmp_path, bundled_dir=FIXTURE)
    loaded = library.packs["fixture-pack"]
    assert loaded.pack.schema_version == 1
    assert [(s.kind, s.exercise_id, s.side, s.seconds, s.reps) for s in loaded.timeline.segments] == [
        ("exercise", "couch-stretch", "left", 90, None),
        ("switch", "couch-stretch", None, 10, None),
        ("exercise", "couch-stretch", "right", 90, None),
        ("rest", None, None, 10, None),
        ("exercise", "glute-bridge", None, 60, 12),
        ("rest", "glute-bridge", None, 30, None),
        ("exercise", "glute-bridge", None, 60, 12),
        ("exercise", "march-in-place", None, 30, None),
    ]
    assert {s.dose_source for s in loaded.timeline.segments} == {None}  # schema 1 doses are not marked


def test_a_pack_page_reads_back_as_typed_values(tmp_path: Path) -> None:
    write(tmp_path / "packs" / "page.yaml", PAGE)
    library = load_library(tmp_path, bundled_dir=FIXTURE)
    assert library.problems == ()
    pack = library.packs["desk-page"].pack
    assert (pack.where, pack.time_of_day) == (("desk", "office"), ("midday", "afternoon"))
    assert pack.frequency == EveryMinutes(every_minutes=(45, 60))
    assert [(w.who, w.why) for w in pack.who_for] == [("People who sit all day.", "Their hips stiffen.")]
    assert pack.why_it_helps == "Moving often keeps the stiffness from setting in."
    assert [(q.question, q.answer) for q in pack.faq] == [
        ("Can I do it in a meeting?", "The seated packs suit that better.")
    ]
    assert pack.related == ("fixture-pack",)


def test_twice_a_week_is_a_frequency_of_its_own_kind(tmp_path: Path) -> None:
    text = PAGE.replace("  every_minutes: [45, 60]", "  times_a_week: 2")
    write(tmp_path / "packs" / "page.yaml", text)
    pack = load_library(tmp_path, bundled_dir=FIXTURE).packs["desk-page"].pack
    assert pack.frequency == TimesAWeek(times_a_week=2)


def test_a_schema_2_pack_gets_the_shared_red_flags_without_listing_its_own(tmp_path: Path) -> None:
    write(tmp_path / "packs" / "page.yaml", PAGE)
    pack = load_library(tmp_path, bundled_dir=FIXTURE).packs["desk-page"].pack
    assert pack.cautions.see_a_professional_if == safety.standalone_lines()


def test_a_packs_own_red_flags_come_before_the_shared_list(tmp_path: Path) -> None:
    library = load_library(tmp_path, bundled_dir=FIXTURE)
    cautions = library.packs["fixture-pack"].pack.cautions
    assert cautions.see_a_professional_if == ("Pain spreads down a leg.", *safety.standalone_lines())


def test_an_exercise_done_sitting_or_standing_fits_a_pack_that_lists_either(tmp_path: Path) -> None:
    write(
        tmp_path / "exercises" / "either.yaml",
        "schema: 2\nexercises:\n  - id: shoulder-roll\n    name: Shoulder roll\n"
        "    position: [sitting, standing]\n    equipment: []\n    targets: [shoulders]\n"
        "    cues: [Roll your shoulders back.]\n    dose:\n      reps: 5\n",
    )
    write(tmp_path / "packs" / "page.yaml", PAGE.replace("march-in-place", "shoulder-roll"))
    seated = PAGE.replace("desk-page", "seated-page").replace("[standing]", "[sitting]")
    write(tmp_path / "packs" / "seated.yaml", seated.replace("march-in-place", "shoulder-roll"))
    library = load_library(tmp_path, bundled_dir=FIXTURE)
    assert library.problems == ()
    assert library.catalogue.exercises["shoulder-roll"].position == ("sitting", "standing")
    assert {"desk-page", "seated-page"} <= set(library.packs)


def test_a_related_pack_may_be_a_bundled_one_when_validating_a_user_file(tmp_path: Path) -> None:
    page = write(tmp_path / "page.yaml", PAGE)
    assert validate_paths([page], bundled_dir=FIXTURE).problems == ()
