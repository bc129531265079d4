"""The small closed sets the engine, the history and the UI share: posture, prompt kind, absence kind.

They live apart from the events and effects so that the history's file format can use them
without importing the engine.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Posture = Literal["sitting", "standing"]
AbsenceKind = Literal["idle", "locked", "asleep"]


class PromptKind(StrEnum):
    """What a prompt asks: get up and move, (at a standing desk) stand up or sit down, or do a
    scheduled session of the programme (which also counts as the break).

    Wording for each kind is matched exhaustively (`assert_never`), so a new kind without words is a
    type error rather than a KeyError at run time.
    """

    MOVE = "move"
    STAND = "stand"
    SIT = "sit"
    SESSION = "session"
