"""The bundled library as a physiotherapist would review it: every caution reaches the person,
every citation is earned, and the contradictions once found in it stay fixed."""

from __future__ import annotations

import re

import pytest

from deskbreak.cli import main
from deskbreak.core import safety
from deskbreak.core.routines.library import Library
from deskbreak.core.routines.model import ExerciseStep

from .conftest import ARTICLES, HINGE_HEALTH, STOP_STRETCHING, UNDO_THE_DESK, WAKEOUT

# The sixteen exercises of Wakeout's "Back Pain" pack, by the names it lists, and the bundled
# exercise written for each (in deskbreak's own words; the article gives only the names).
WAKEOUT_BACK_PAIN = {
    "Arm Up Bows": "arm-up-bow",
    "Back Bend": "standing-backbend",
    "Chair Thrusts": "standing-hip-thrust",
    "Cross Leg Twist": "cross-leg-twist",
    "Elbow Bow Twists": "elbow-bow-twist",
    "Elbow Up Twists": "elbow-up-twist",
    "Elongated Fold": "elongated-fold",
    "Floor Birds": "floor-birds",
    "Floor Support": "floor-support",
    "Forward Fold": "seated-forward-fold",
    "Hug Twists": "hug-twist",
    "Lumbar Crunches": "lumbar-crunch",
    "Seated Rinse": "seated-rinse",
    "Slow Upperbody Circles": "upper-body-circles",
    "Thoratic Extension": "seated-thoracic-extension",
    "Trunk Stretch": "trunk-stretch",
}

# Sources a pack cites for something other than its exercises: a frequency or an approach.
PACK_CLAIMS = {
    ("stand-up-reset", UNDO_THE_DESK): "change posture every 45–60 minutes",
    ("stand-up-reset", HINGE_HEALTH): "get up about once an hour",
    ("whole-back-desk", WAKEOUT): "the pack itself",
    ("seated-reset", HINGE_HEALTH): "relax overtensed back muscles",
    ("lower-back-release", HINGE_HEALTH): "move within comfort rather than rest",
    ("walk-break", HINGE_HEALTH): "complete rest is not the answer",
    ("walk-break", STOP_STRETCHING): "a short walk within tolerable limits",
    ("glute-activation", UNDO_THE_DESK): "glute bridges daily",
    ("couch-stretch-focus", UNDO_THE_DESK): "the couch stretch nightly for two weeks",
    ("strength-session", UNDO_THE_DESK): "strength twice a week",
    ("dead-hang", UNDO_THE_DESK): "a daily hang",
}


def show(pack_id: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["routines", "show", pack_id]) == 0
    return capsys.readouterr().out


def test_every_caution_of_every_exercise_is_shown_where_a_pack_uses_it(
    bundled: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    for loaded in bundled.packs.values():
        page = show(loaded.pack.id, capsys)
        for step in loaded.pack.steps:
            if isinstance(step, ExerciseStep):
                for caution in bundled.catalogue.exercises[step.exercise].cautions:
                    assert f"Caution: {caution}" in page, (loaded.pack.id, caution)


def test_every_bundled_exercise_is_in_a_pack(bundled: Library) -> None:
    used = {s.exercise for p in bundled.packs.values() for s in p.pack.steps if isinstance(s, ExerciseStep)}
    assert set(bundled.catalogue.exercises) - used == set()


def test_the_wakeout_back_pain_pack_is_there_whole_as_real_exercises(bundled: Library) -> None:
    pack = bundled.packs["whole-back-desk"].pack
    used = [step.exercise for step in pack.steps if isinstance(step, ExerciseStep)]
    assert sorted(used) == sorted(WAKEOUT_BACK_PAIN.values())
    for exercise_id in WAKEOUT_BACK_PAIN.values():
        assert WAKEOUT in {s.title for s in bundled.catalogue.exercises[exercise_id].sources}


def test_a_pack_credits_every_article_its_exercises_come_from(bundled: Library) -> None:
    for loaded in bundled.packs.values():
        cited = {source.title for source in loaded.pack.sources}
        for step in loaded.pack.steps:
            if isinstance(step, ExerciseStep):
                named_by = {s.title for s in bundled.catalogue.exercises[step.exercise].sources}
                assert named_by <= cited, (loaded.pack.id, step.exercise, named_by - cited)


def test_a_pack_cites_an_article_only_for_what_the_article_says(bundled: Library) -> None:
    """An article a pack cites names one of its exercises, or backs a claim listed in PACK_CLAIMS."""
    for loaded in bundled.packs.values():
        named = {
            source.title
            for step in loaded.pack.steps
            if isinstance(step, ExerciseStep)
            for source in bundled.catalogue.exercises[step.exercise].sources
        }
        for source in loaded.pack.sources:
            assert source.title in named or (loaded.pack.id, source.title) in PACK_CLAIMS, (
                loaded.pack.id,
                source.title,
            )


def test_every_citation_is_one_of_the_seed_articles(bundled: Library) -> None:
    titles = {s.title for p in bundled.packs.values() for s in p.pack.sources}
    titles |= {s.title for e in bundled.catalogue.exercises.values() for s in e.sources}
    titles |= {s.title for c in bundled.checklists.values() for item in c.items for s in item.sources}
    assert titles <= ARTICLES


def test_packs_are_schema_2_and_leave_the_shared_red_flags_to_core_safety(bundled: Library) -> None:
    for loaded in bundled.packs.values():
        assert loaded.pack.schema_version == 2
        own = loaded.pack.cautions.own_red_flags
        assert not any(
            re.search(r"bladder|bowel|below the knee|wakes you|six weeks|\bleg\b", flag) for flag in own
        )
        assert loaded.pack.cautions.see_a_professional_if[len(own) :] == safety.standalone_lines()


def test_no_pack_borrows_the_name_of_a_wakeout_pack(bundled: Library) -> None:
    borrowed = {"back pain", "lower back tension release", "seated back pain relief"}
    assert not {loaded.pack.title.lower() for loaded in bundled.packs.values()} & borrowed


def test_nothing_suggests_resting_instead_of_moving(bundled: Library) -> None:
    texts = [
        text
        for loaded in bundled.packs.values()
        for text in (loaded.pack.summary, loaded.pack.when_to_use, *loaded.pack.cautions.skip_if)
    ]
    assert not [text for text in texts if re.search(r"\brest instead\b|\bbed rest\b", text, re.IGNORECASE)]


def test_the_set_up_that_keeps_an_exercise_safe_is_in_its_cues(bundled: Library) -> None:
    """What used to sit only in cautions is part of doing the exercise."""

    def cues(exercise_id: str) -> str:
        return " ".join(bundled.catalogue.exercises[exercise_id].cues)

    assert "cannot roll" in cues("sit-to-stand")
    assert "does not recline" in cues("seated-thoracic-extension")
    assert "flexed" in cues("seated-figure-four")
    assert "no higher" in cues("glute-bridge")
    assert "lower back does not arch" in cues("couch-stretch")
    assert "cannot roll" in cues("standing-hip-thrust")
    assert "fixed firmly" in cues("dead-hang")


def test_the_hang_comes_with_its_cautions(bundled: Library) -> None:
    hang = bundled.catalogue.exercises["dead-hang"]
    cautions = " ".join(hang.cautions)
    assert "shoulder" in cautions
    assert "tingle" in cautions
    assert hang.equipment == ("pull-up bar",)


def test_the_chair_set_up_follows_the_protocols_first_step(bundled: Library) -> None:
    """Why Your Lower Back Hurts After Sitting All Day (And How to Fix It): step 1, fix your chair."""
    items = {item.id: item for item in bundled.checklists["chair-setup"].items}
    for item_id in ("hips-above-knees", "feet-flat", "lumbar-support", "elbows-at-right-angles"):
        assert UNDO_THE_DESK in {source.title for source in items[item_id].sources}
        assert items[item_id].cadence == "once"


def test_a_flare_up_is_met_with_gentle_movement_and_heat_or_ice(bundled: Library) -> None:
    recovery = bundled.checklists["recovery"]
    flare = {item.id for item in recovery.items if item.cadence == "when_needed"}
    assert flare == {"keep-moving-in-a-flare", "heat-or-ice-for-a-flare"}
