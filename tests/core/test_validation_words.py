"""One translator words pydantic's errors for settings.toml, the settings dialog and routine packs."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, Field, ValidationError

from deskbreak.core.validation_words import MAX_TEXT, error_text


class Sample(BaseModel):
    minutes: Annotated[int, Field(ge=1, le=30)] = 5
    colour: Literal["light", "dark"] = "light"
    on: bool = True


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"minutes": 0}, "must be at least 1"),
        ({"minutes": 31}, "must be at most 30"),
        ({"minutes": "five"}, "must be a whole number"),
        ({"colour": "pink"}, "must be one of 'light' or 'dark', not 'pink'"),
        ({"on": "sometimes"}, "must be true or false"),
    ],
)
def test_each_kind_of_mistake_reads_as_a_short_phrase(data: dict[str, object], words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate(data)
    (err,) = caught.value.errors()
    assert error_text(err) == words


def test_a_huge_value_is_not_echoed_whole() -> None:
    err = {"type": "value_error", "loc": ("x",), "msg": "x", "ctx": {"error": "y" * 5_000_000}}
    assert len(error_text(err)) == MAX_TEXT
