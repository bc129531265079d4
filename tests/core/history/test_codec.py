"""Events become (kind, JSON) and come back equal; damaged details are refused with the field named."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from deskbreak.core.history.codec import (
    EventFormatError,
    decode_at,
    decode_event,
    encode_at,
    encode_event,
)
from deskbreak.core.history.events import (
    EVENT_TYPES,
    AppStarted,
    AwayPeriod,
    CheckIn,
    HistoryEvent,
    PromptShown,
)
from deskbreak.core.kinds import PromptKind

from .samples import SAMPLES


def test_the_samples_cover_every_kind() -> None:
    assert {type(sample) for sample in SAMPLES} == set(EVENT_TYPES)


@pytest.mark.parametrize("event", SAMPLES, ids=lambda event: type(event).__name__)
def test_every_kind_reads_back_equal(event: HistoryEvent) -> None:
    kind, detail = encode_event(event)
    assert decode_event(kind, detail) == event


def test_instants_are_written_in_utc_whatever_zone_they_came_in() -> None:
    tokyo = timezone(timedelta(hours=9))
    event = AwayPeriod(
        start=datetime(2026, 11, 23, 20, 0, tzinfo=tokyo),
        end=datetime(2026, 11, 23, 21, 0, tzinfo=tokyo),
        kind="idle",
        was_break=True,
    )
    _, detail = encode_event(event)
    assert json.loads(detail)["start"] == "2026-11-23T11:00:00+00:00"


def test_a_naive_instant_is_refused_when_writing() -> None:
    with pytest.raises(ValueError, match="aware"):
        encode_at(datetime(2026, 11, 23, 9, 0))  # noqa: DTZ001 - the point of the test


def test_the_row_instant_keeps_microseconds() -> None:
    at = datetime(2026, 11, 23, 9, 0, 1, 123456, tzinfo=UTC)
    assert decode_at(encode_at(at)) == at


def test_an_unknown_kind_is_refused_by_name() -> None:
    with pytest.raises(EventFormatError, match="'mood' is not a kind of event"):
        decode_event("mood", "{}")


def test_a_wrong_field_type_names_the_kind_and_field() -> None:
    with pytest.raises(EventFormatError, match=r"check_in\.stiffness: expected a whole number, found \"4\""):
        decode_event("check_in", '{"stiffness": "4", "day": "2026-11-23"}')


def test_a_value_outside_a_literal_is_refused() -> None:
    with pytest.raises(
        EventFormatError, match=r"posture_changed\.posture: expected one of sitting, standing"
    ):
        decode_event("posture_changed", '{"posture": "lying"}')


def test_a_prompt_kind_reads_back_as_its_enum_member() -> None:
    event = decode_event("prompt_shown", encode_event(SAMPLES[2])[1])
    assert isinstance(event, PromptShown)
    assert event.kind is PromptKind.STAND


def test_a_value_outside_an_enum_is_refused() -> None:
    with pytest.raises(EventFormatError, match=r"prompt_shown\.kind: expected one of move, stand, sit"):
        decode_event(
            "prompt_shown",
            '{"prompt_id": 1, "kind": "jump", "level": 1, "quiet": false, "offered_pack": null}',
        )


def test_a_missing_field_without_default_is_refused() -> None:
    with pytest.raises(EventFormatError, match=r"check_in\.day: missing"):
        decode_event("check_in", '{"stiffness": 4}')


def test_a_missing_field_with_a_default_takes_the_default() -> None:
    assert decode_event("app_started", "{}") == AppStarted(posture="sitting")


def test_an_extra_field_from_a_newer_version_is_ignored() -> None:
    assert decode_event("check_in", '{"stiffness": 4, "day": "2026-11-23", "note": "x"}') == CheckIn(
        4, datetime(2026, 11, 23, tzinfo=UTC).date()
    )


def test_true_is_not_a_number() -> None:
    with pytest.raises(EventFormatError, match="expected a whole number, found true"):
        decode_event("prompt_skipped", '{"prompt_id": true}')


def test_an_instant_without_offset_is_refused() -> None:
    with pytest.raises(EventFormatError, match="has no UTC offset"):
        decode_event("paused", '{"until": "2026-11-23T10:00:00"}')


def test_details_that_are_not_json_are_refused() -> None:
    with pytest.raises(EventFormatError, match="not JSON"):
        decode_event("app_stopped", "{")
