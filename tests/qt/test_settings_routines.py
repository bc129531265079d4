"""Which routine a prompt offers follows `[routines]`: in turn, or by the part of the working day."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from deskbreak.app.routines import RoutineOffer, part_of_day
from deskbreak.core.effects import PromptInfo
from deskbreak.core.routines.library import Library, load_library
from deskbreak.core.routines.model import ID_PATTERN
from deskbreak.core.settings import PACK_ID_PATTERN, RoutineSettings, Settings
from deskbreak.core.working_hours import TimeRange, Weekday

from .conftest import TZ

HOURS: dict[Weekday, tuple[TimeRange, ...]] = {
    "monday": (TimeRange(9 * 60, 12 * 60), TimeRange(13 * 60, 18 * 60))
}
MONDAY = datetime(2026, 11, 23, tzinfo=TZ)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(None)


def prompt(level: int = 1, kind: str = "move") -> PromptInfo:
    return PromptInfo(kind, level, timedelta(minutes=50), 2, True, 5, kind != "move")  # type: ignore[arg-type]


def at(hour: int, minute: int = 0) -> datetime:
    return MONDAY.replace(hour=hour, minute=minute)


def offered(offer: RoutineOffer, choice: RoutineSettings, when: datetime, p: PromptInfo | None = None) -> str:
    found = offer.for_prompt(p or prompt(), choice, HOURS, when)
    assert found is not None
    return found.pack_id


def test_each_new_prompt_offers_the_next_pack_in_turn(library: Library) -> None:
    offer = RoutineOffer(library)
    choice = RoutineSettings()
    seen = []
    for _ in range(4):
        offer.new_prompt()
        seen.append(offered(offer, choice, at(10)))
    assert seen == ["stand-up-reset", "whole-back-desk", "lower-back-release", "stand-up-reset"]


def test_by_time_of_day_the_working_day_is_split_in_list_order(library: Library) -> None:
    offer = RoutineOffer(library)
    choice = RoutineSettings(offer="time_of_day")  # 09:00-18:00 in three parts of three hours
    assert offered(offer, choice, at(7)) == "stand-up-reset"  # before the day: the first part
    assert offered(offer, choice, at(11, 59)) == "stand-up-reset"
    assert offered(offer, choice, at(12)) == "whole-back-desk"
    assert offered(offer, choice, at(15)) == "lower-back-release"
    assert offered(offer, choice, at(21)) == "lower-back-release"


def test_a_day_without_hours_is_split_from_midnight_to_midnight() -> None:
    assert part_of_day(MONDAY.replace(day=24, hour=7), HOURS, 3) == 0  # Tuesday has no hours
    assert part_of_day(MONDAY.replace(day=24, hour=8), HOURS, 3) == 1
    assert part_of_day(MONDAY.replace(day=24, hour=23), HOURS, 3) == 2


def test_the_third_level_offers_the_shortest_chosen_pack(library: Library) -> None:
    choice = RoutineSettings(prompt_packs=("walk-break", "lower-back-release", "glute-activation"))
    assert offered(RoutineOffer(library), choice, at(10), prompt(level=3)) == "glute-activation"


def test_a_time_to_sit_prompt_offers_the_seated_pack(library: Library) -> None:
    assert offered(RoutineOffer(library), RoutineSettings(), at(10), prompt(kind="sit")) == "seated-reset"


def test_packs_that_are_not_loaded_are_skipped_and_reported(library: Library) -> None:
    offer = RoutineOffer(library)
    choice = RoutineSettings(prompt_packs=("my-lost-pack", "walk-break"))
    offer.new_prompt()
    assert offered(offer, choice, at(10)) == "walk-break"
    assert offer.missing_packs(choice) == ["my-lost-pack"]


def test_no_packs_chosen_means_no_routine_offered(library: Library) -> None:
    offer = RoutineOffer(library)
    assert offer.for_prompt(prompt(level=3), RoutineSettings(prompt_packs=()), HOURS, at(10)) is None


def test_a_pack_listed_twice_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="lists walk-break more than once"):
        Settings.model_validate({"routines": {"prompt_packs": ["walk-break", "walk-break"]}})


def test_settings_check_pack_ids_as_the_pack_loader_does() -> None:
    assert PACK_ID_PATTERN == ID_PATTERN
