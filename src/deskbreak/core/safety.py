"""The one list of signs that need a clinician instead of exercise, written once for every place that shows it.

The welcome page, the About box, the README, every pack's cautions and `deskbreak routines show`
render this list, so a wording change reaches them all at once. The first group comes from the
seed articles; the articles stop at bladder and bowel control, so the same-day and emergency signs
that public health services list for back pain are added here and cited (`SOURCES`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from html import escape
from typing import assert_never


class Urgency(Enum):
    """How soon a sign needs someone qualified to look at it."""

    SEE_A_PROFESSIONAL = "see_a_professional"
    SAME_DAY = "same_day"
    EMERGENCY = "emergency"


@dataclass(frozen=True)
class Reference:
    """Where a safety sign comes from: shown beside the list, never a bare claim."""

    title: str
    publisher: str
    url: str | None = None

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher})" + (f", {self.url}" if self.url else "")


@dataclass(frozen=True)
class RedFlag:
    """One sign; `id` is stable so tests and packs can name it."""

    id: str
    text: str  # a full sentence that reads on its own and under its group's heading
    urgency: Urgency
    sources: tuple[Reference, ...]

    @property
    def standalone(self) -> str:
        """The sign as one line in a flat list (a pack's cautions), its urgency said in the line."""
        match self.urgency:
            case Urgency.SEE_A_PROFESSIONAL:
                return self.text
            case Urgency.SAME_DAY:
                return f"{self.text[:-1]}: see a doctor today."
            case Urgency.EMERGENCY:
                return f"{self.text[:-1]}: this is an emergency, get medical help now."
            case _ as unreachable:
                assert_never(unreachable)


UNDO_THE_DESK = Reference(
    "Why Your Lower Back Hurts After Sitting All Day (And How to Fix It)", "Undo The Desk"
)
NHS_BACK_PAIN = Reference("Back pain", "NHS", "https://www.nhs.uk/conditions/back-pain/")
NICE_LOW_BACK_PAIN = Reference(
    "Back pain - low (without radiculopathy)",
    "NICE Clinical Knowledge Summaries",
    "https://cks.nice.org.uk/topics/back-pain-low-without-radiculopathy/",
)

RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "pain-below-the-knee",
        "Pain runs from your back into a leg and past the knee.",
        Urgency.SEE_A_PROFESSIONAL,
        (UNDO_THE_DESK,),
    ),
    RedFlag(
        "leg-numb-tingling-or-weak",
        "A leg feels numb, tingles or has lost strength.",
        Urgency.SEE_A_PROFESSIONAL,
        (UNDO_THE_DESK,),
    ),
    RedFlag(
        "sharp-pinpoint-pain",
        "The pain is sharp and you can point to it with one finger, rather than a dull, wide ache.",
        Urgency.SEE_A_PROFESSIONAL,
        (UNDO_THE_DESK,),
    ),
    RedFlag("pain-at-night", "Pain wakes you at night.", Urgency.SEE_A_PROFESSIONAL, (UNDO_THE_DESK,)),
    RedFlag(
        "six-weeks-without-change",
        "The pain keeps getting worse, or has not eased after about six weeks of regular effort.",
        Urgency.SEE_A_PROFESSIONAL,
        (UNDO_THE_DESK,),
    ),
    RedFlag("fever", "You have a fever or feel hot and shivery.", Urgency.SAME_DAY, (NHS_BACK_PAIN,)),
    RedFlag("weight-loss", "You are losing weight without trying to.", Urgency.SAME_DAY, (NHS_BACK_PAIN,)),
    RedFlag(
        "history-of-cancer",
        "You have had cancer and the back pain is new.",
        Urgency.SAME_DAY,
        (NICE_LOW_BACK_PAIN,),
    ),
    RedFlag(
        "lump-or-changed-shape",
        "There is a lump or swelling on your back, or its shape has changed.",
        Urgency.SAME_DAY,
        (NHS_BACK_PAIN,),
    ),
    RedFlag(
        "bladder-or-bowel-control",
        "You lose control of your bladder or bowel.",
        Urgency.EMERGENCY,
        (UNDO_THE_DESK, NHS_BACK_PAIN),
    ),
    RedFlag(
        "saddle-numbness",
        "The skin around your genitals or buttocks feels numb or tingles.",
        Urgency.EMERGENCY,
        (NHS_BACK_PAIN,),
    ),
    RedFlag(
        "new-trouble-passing-urine",
        "Passing urine has become difficult, and that is new for you.",
        Urgency.EMERGENCY,
        (NHS_BACK_PAIN,),
    ),
    RedFlag(
        "both-legs",
        "Both legs hurt, tingle, feel numb or are weak.",
        Urgency.EMERGENCY,
        (NHS_BACK_PAIN,),
    ),
    RedFlag(
        "after-a-fall-or-accident",
        "The pain began after a significant fall or accident.",
        Urgency.EMERGENCY,
        (NHS_BACK_PAIN,),
    ),
    RedFlag("chest-pain", "You have chest pain as well.", Urgency.EMERGENCY, (NHS_BACK_PAIN,)),
)

NOT_MEDICAL_ADVICE = "deskbreak is not medical advice. Stop any exercise that causes sharp or shooting pain."
SOURCES: tuple[Reference, ...] = tuple(dict.fromkeys(source for flag in RED_FLAGS for source in flag.sources))


def heading(urgency: Urgency) -> str:
    """The words above a group of signs; each group's items read as the end of this sentence."""
    match urgency:
        case Urgency.SEE_A_PROFESSIONAL:
            return "See a physiotherapist or doctor instead of exercising it away if"
        case Urgency.SAME_DAY:
            return "Contact a doctor the same day if"
        case Urgency.EMERGENCY:
            return "Get emergency help now (your emergency number or an emergency department) if"
        case _ as unreachable:
            assert_never(unreachable)


def grouped() -> list[tuple[Urgency, tuple[RedFlag, ...]]]:
    """The signs by urgency, least urgent first, in the order of `RED_FLAGS`."""
    return [(urgency, tuple(f for f in RED_FLAGS if f.urgency is urgency)) for urgency in Urgency]


def standalone_lines() -> tuple[str, ...]:
    """Every sign as its own line: what a pack's "see a professional" list adds to its own items."""
    return tuple(flag.standalone for flag in RED_FLAGS)


def as_html() -> str:
    """The list for Qt rich text (welcome page, About box): a heading and bullets per urgency."""
    parts = [
        f"<p><b>{escape(heading(urgency), quote=False)}:</b></p><ul>"
        + "".join(f"<li>{escape(flag.text, quote=False)}</li>" for flag in flags)
        + "</ul>"
        for urgency, flags in grouped()
    ]
    return "".join(parts) + f"<p>{escape(NOT_MEDICAL_ADVICE, quote=False)}</p>"


def as_text() -> list[str]:
    """The list as plain lines for a terminal, indented under each heading."""
    lines: list[str] = []
    for urgency, flags in grouped():
        lines.append(f"{heading(urgency)}:")
        lines += [f"  - {flag.text}" for flag in flags]
    return lines


def as_markdown() -> str:
    """The README's safety section, generated so it cannot drift from the app (a test compares them)."""
    lines = [NOT_MEDICAL_ADVICE, ""]
    for urgency, flags in grouped():
        lines += [f"**{heading(urgency)}:**", ""]
        lines += [f"- {flag.text}" for flag in flags]
        lines.append("")
    cited = "; ".join(f"[{s.title}]({s.url}) ({s.publisher})" if s.url else str(s) for s in SOURCES)
    lines.append(f"Sources: {cited}.")
    return "\n".join(lines)
