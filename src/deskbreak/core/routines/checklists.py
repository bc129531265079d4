"""Checklists: the chair and desk set-up and the recovery habits, as typed data the programme can schedule.

A checklist file sits in a routines folder's `checklists/` and is read by the same safe loader as the
packs, so a mistake is a located problem and only that file is skipped. Item ids become history keys,
so they are unique across every checklist loaded, and a figure an item asks for (8,000 steps, 7 hours)
is a typed `Target` rather than words, for the programme to show and the content tests to pin.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict

from deskbreak.core.routines.model import Id, Source, StrictModel, Text

Cadence = Literal["once", "daily", "when_needed"]
Unit = Literal["steps", "hours", "minutes"]
MAX_ITEMS = 50


class Target(StrictModel):
    """A figure the item asks for: at least `amount` of `unit` (a day's steps, a night's sleep)."""

    amount: Annotated[int, Field(ge=1, le=100_000)]
    unit: Unit


class ChecklistItem(StrictModel):
    """One thing to check or do; `detail` says how and why in a sentence or two."""

    id: Id
    label: Text
    detail: Text
    cadence: Cadence
    target: Target | None = None
    sources: Annotated[tuple[Source, ...], Strict(False), Field(min_length=1)]


class Checklist(StrictModel):
    """A named list of items: `chair-setup` once, `recovery` every day (its flare item when needed)."""

    schema_version: Literal[1] = Field(alias="schema")
    id: Id
    title: Text
    summary: Text
    items: Annotated[tuple[ChecklistItem, ...], Strict(False), Field(min_length=1, max_length=MAX_ITEMS)]

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((item for item in self.items if item.id == item_id), None)
