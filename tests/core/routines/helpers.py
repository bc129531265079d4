"""Small builders for routine tests: exercises, packs and timelines from plain dicts, like YAML gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deskbreak.core.routines.model import Catalogue, Exercise, Pack
from deskbreak.core.routines.plan import Timeline, plan

HERE = Path(__file__).parent
FIXTURE = HERE / "fixture"  # stands in for the bundled library: 3 exercises, 1 pack, 1 image
BROKEN = HERE / "broken"

PACK_HEAD: dict[str, Any] = {
    "schema": 1,
    "title": "Test pack",
    "summary": "A pack made in a test.",
    "when_to_use": "In tests.",
    "position": ["standing"],
    "equipment": [],
    "cautions": {"skip_if": ["You are a test."], "see_a_professional_if": ["Pain spreads down a leg."]},
    "sources": [{"title": "deskbreak tests"}],
}


def exercise(
    exercise_id: str = "couch-stretch",
    *,
    cautions: tuple[str, ...] = (),
    dose_source: str | None = None,
    sources: tuple[str, ...] = (),
    **dose: Any,
) -> Exercise:
    extra: dict[str, Any] = {"dose_source": dose_source} if dose_source else {}
    return Exercise.model_validate(
        {
            "id": exercise_id,
            "name": exercise_id.replace("-", " ").capitalize(),
            "position": "standing",
            "equipment": [],
            "targets": ["hips"],
            "cues": ["Stand tall."],
            "cautions": list(cautions),
            "sources": [{"title": title} for title in sources],
            "dose": dose,
            **extra,
        }
    )


def pack(*steps: dict[str, Any], pack_id: str = "test-pack") -> Pack:
    return Pack.model_validate({**PACK_HEAD, "id": pack_id, "steps": list(steps)})


def timeline(*steps: dict[str, Any], exercises: tuple[Exercise, ...]) -> Timeline:
    return plan(pack(*steps), Catalogue(exercises={e.id: e for e in exercises}))


def pack_yaml(pack_id: str, *step_lines: str) -> str:
    """A valid pack file's text; `step_lines` are the lines under `steps:`."""
    head = "\n".join(
        [
            "schema: 1",
            f"id: {pack_id}",
            "title: Test pack",
            "summary: A pack made in a test.",
            "when_to_use: In tests.",
            "position: [standing]",
            "equipment: []",
            "cautions:",
            "  skip_if: [You are a test.]",
            "  see_a_professional_if: [Pain spreads down a leg.]",
            "sources:",
            "  - title: deskbreak tests",
            "steps:",
        ]
    )
    return head + "\n" + "\n".join(step_lines) + "\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
