"""Which routine a prompt offers follows `[routines]`: in turn, or by the part of the working day."""

from __future__ import annotations

from datetime import datetime

import pytest

from deskbreak.core.kinds import PromptKind
from deskbreak.core.offer import PackSummary, first_offer, part_of_day, shortest_offer, uses_turn
from deskbreak.core.routines.model import ID_PATTERN
from deskbreak.core.settings import PACK_ID_PATTERN, RoutineSettings, Settings
from deskbreak.core.working_hours import TimeRange, Weekday

from .conftest import BERLIN

HOURS: dict[Weekday, tuple[TimeRange, ...]] = {
    "monday": (TimeRange(9 * 60, 12 * 60), TimeRange(13 * 60, 18 * 60))
}
MONDAY = datetime(2026, 11, 23, tzinfo=BERLIN)
PACKS = {
    pack.pack_id: pack
    for pack in (
        PackSummary("stand-up-reset", "Stand-up reset", 105),
        PackSummary("whole-back-desk", "Whole-back desk routine", 257),
        PackSummary("lower-back-release", "Lower-back tension release", 272),
        PackSummary("glute-activation", "Glute activation", 200),
        PackSummary("walk-break", "Walk break", 400),
        PackSummary("seated-reset", "Seated reset", 250),
    )
}


def at(hour: int, minute: int = 0) -> datetime:
    return MONDAY.replace(hour=hour, minute=minute)


def offered(
    choice: RoutineSettings, when: datetime, turn: int = 0, kind: PromptKind = PromptKind.MOVE
) -> str:
    found = first_offer(kind, PACKS, choice, HOURS, when, turn)
    assert found is not None
    return found.pack_id


def test_each_turn_offers_the_next_pack_in_the_list() -> None:
    choice = RoutineSettings()
    seen = [offered(choice, at(10), turn) for turn in range(4)]
    assert seen == ["stand-up-reset", "whole-back-desk", "lower-back-release", "stand-up-reset"]


def test_by_time_of_day_the_working_day_is_split_in_list_order() -> None:
    choice = RoutineSettings(offer="time_of_day")  # 09:00-18:00 in three parts of three hours
    assert offered(choice, at(7)) == "stand-up-reset"  # before the day: the first part
    assert offered(choice, at(11, 59)) == "stand-up-reset"
    assert offered(choice, at(12)) == "whole-back-desk"
    assert offered(choice, at(15)) == "lower-back-release"
    assert offered(choice, at(21)) == "lower-back-release"


def test_only_an_offer_taken_in_turn_moves_the_rotation() -> None:
    assert uses_turn(PromptKind.MOVE, PACKS, RoutineSettings())
    assert not uses_turn(PromptKind.MOVE, PACKS, RoutineSettings(offer="time_of_day"))
    assert not uses_turn(PromptKind.SIT, PACKS, RoutineSettings())
    assert not uses_turn(PromptKind.MOVE, PACKS, RoutineSettings(prompt_packs=()))


def test_a_day_without_hours_is_split_from_midnight_to_midnight() -> None:
    assert part_of_day(MONDAY.replace(day=24, hour=7), HOURS, 3) == 0  # Tuesday has no hours
    assert part_of_day(MONDAY.replace(day=24, hour=8), HOURS, 3) == 1
    assert part_of_day(MONDAY.replace(day=24, hour=23), HOURS, 3) == 2


def test_the_top_level_offers_the_shortest_chosen_pack() -> None:
    choice = RoutineSettings(prompt_packs=("walk-break", "lower-back-release", "glute-activation"))
    found = shortest_offer(PACKS, choice)
    assert found is not None
    assert (found.pack_id, found.minutes) == ("glute-activation", 3)


def test_a_time_to_sit_prompt_offers_the_seated_pack() -> None:
    assert offered(RoutineSettings(), at(10), kind=PromptKind.SIT) == "seated-reset"


def test_packs_that_are_not_loaded_are_skipped() -> None:
    assert offered(RoutineSettings(prompt_packs=("my-lost-pack", "walk-break")), at(10)) == "walk-break"


def test_no_packs_chosen_means_no_routine_offered() -> None:
    choice = RoutineSettings(prompt_packs=())
    assert first_offer(PromptKind.MOVE, PACKS, choice, HOURS, at(10), 0) is None
    assert shortest_offer(PACKS, choice) is None


def test_a_stated_length_is_whole_minutes_and_never_zero() -> None:
    assert PackSummary("x", "X", 20).minutes == 1
    assert PackSummary("x", "X", 105).minutes == 2
    assert PackSummary("x", "X", 257).minutes == 4


def test_a_pack_listed_twice_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="lists walk-break more than once"):
        Settings.model_validate({"routines": {"prompt_packs": ["walk-break", "walk-break"]}})


def test_settings_check_pack_ids_as_the_pack_loader_does() -> None:
    assert PACK_ID_PATTERN == ID_PATTERN
