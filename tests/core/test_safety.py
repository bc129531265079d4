"""The one red-flag list: every place that shows it says the same thing, and every sign is cited."""

from __future__ import annotations

from pathlib import Path

from deskbreak.core import safety
from deskbreak.core.safety import RED_FLAGS, Urgency

README = Path(__file__).parents[2] / "README.md"
BEGIN = "<!-- safety:begin"
END = "<!-- safety:end -->"


def _readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n", text.index(BEGIN)) + 1
    return text[start : text.index(END)].rstrip("\n")


def test_the_readme_shows_the_list_the_app_shows() -> None:
    assert _readme_section() == safety.as_markdown(), (
        "README.md's safety section is out of date; paste deskbreak.core.safety.as_markdown() between its markers"
    )


def test_the_seed_articles_list_is_kept_whole() -> None:
    """The article "Why Your Lower Back Hurts After Sitting All Day (And How to Fix It)" lists six signs."""
    from_the_article = [flag.id for flag in RED_FLAGS if safety.UNDO_THE_DESK in flag.sources]
    assert from_the_article == [
        "pain-below-the-knee",
        "leg-numb-tingling-or-weak",
        "sharp-pinpoint-pain",
        "pain-at-night",
        "six-weeks-without-change",
        "bladder-or-bowel-control",
    ]


def test_the_urgent_signs_the_seeds_lack_cite_a_public_health_authority() -> None:
    added = [flag for flag in RED_FLAGS if safety.UNDO_THE_DESK not in flag.sources]
    assert {flag.id for flag in added} >= {
        "saddle-numbness",
        "new-trouble-passing-urine",
        "fever",
        "weight-loss",
        "history-of-cancer",
        "after-a-fall-or-accident",
    }
    assert all(set(flag.sources) <= {safety.NHS_BACK_PAIN, safety.NICE_LOW_BACK_PAIN} for flag in added)
    assert all(source.url and source.url.startswith("https://") for flag in added for source in flag.sources)


def test_losing_bladder_or_bowel_control_is_an_emergency() -> None:
    flag = next(flag for flag in RED_FLAGS if flag.id == "bladder-or-bowel-control")
    assert flag.urgency is Urgency.EMERGENCY
    assert "emergency" in flag.standalone


def test_a_flat_list_line_says_how_urgent_its_sign_is() -> None:
    by_id = {flag.id: flag.standalone for flag in RED_FLAGS}
    assert by_id["pain-at-night"] == "Pain wakes you at night."
    assert by_id["fever"] == "You have a fever or feel hot and shivery: see a doctor today."


def test_every_sign_appears_once_in_each_rendering() -> None:
    for rendering in (safety.as_html(), safety.as_markdown(), "\n".join(safety.as_text())):
        assert all(rendering.count(flag.text) == 1 for flag in RED_FLAGS)


def test_ids_are_unique() -> None:
    assert len({flag.id for flag in RED_FLAGS}) == len(RED_FLAGS)
