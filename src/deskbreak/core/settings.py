"""The settings model: every user setting declared once, with its default, bounds, unit and meaning.

The defaults follow the seed articles: change posture every 45–60 minutes of sitting (50 by
default), stand in blocks of about 20 minutes at a standing desk, and count an absence of a few
minutes as a real break while a person reading or on a call is still sitting.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, Strict, field_validator

from deskbreak.core.working_hours import WEEKDAYS, TimeRange, Weekday, check_no_overlap

# The format of settings.toml; raised with a named migration in core/settings_migrations.py.
SETTINGS_VERSION = 1
RECOMMENDED_SIT_MINUTES = (45, 60)
DEFAULT_PROMPT_PACKS = ("stand-up-reset", "whole-back-desk", "lower-back-release")
# A routine pack's id, as core.routines.model checks it (repeated so settings load without the YAML loader).
PACK_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PackId = Annotated[str, Field(pattern=PACK_ID_PATTERN, max_length=64)]


def _to_range(value: object) -> TimeRange:
    if isinstance(value, TimeRange):
        return value
    if not isinstance(value, str):
        raise ValueError('each range must be text like "09:00-12:30"')
    return TimeRange.parse(value)


Range = Annotated[TimeRange, PlainValidator(_to_range), PlainSerializer(str, return_type=str)]
# TOML gives lists; accepting them here is safe because every range is checked by `_to_range`.
DayRanges = Annotated[tuple[Range, ...], Strict(False)]


class _Section(BaseModel):
    # Strict: TOML values are typed, so "50" for a number or "yes" for true is a mistake worth reporting.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, validate_default=True)


class ScheduleSettings(_Section):
    sit_minutes: int = Field(
        50,
        ge=20,
        le=120,
        title="Sitting time before a prompt",
        description="Minutes of unbroken sitting before deskbreak asks you to change posture.",
        json_schema_extra={"unit": "min", "recommended": list(RECOMMENDED_SIT_MINUTES)},
    )
    standing_desk: bool = Field(
        False,
        title="I have a standing desk",
        description="Alternate sitting and standing blocks instead of only asking you to get up.",
    )
    stand_minutes: int = Field(
        20,
        ge=5,
        le=120,
        title="Standing time before a prompt",
        description="Standing-desk mode: minutes of standing before deskbreak suggests sitting again.",
        json_schema_extra={"unit": "min", "enabled_by": "standing_desk"},
    )
    move_minutes: int = Field(
        2,
        ge=1,
        le=15,
        title="Length of a movement break",
        description="How long the prompt asks you to stand up and move for.",
        json_schema_extra={"unit": "min"},
    )
    snooze_minutes: int = Field(
        5,
        ge=1,
        le=30,
        title="Snooze length",
        description="How long Snooze postpones a prompt.",
        json_schema_extra={"unit": "min"},
    )
    max_snoozes: int = Field(
        2,
        ge=0,
        le=5,
        title="Snoozes per prompt",
        description="After this many snoozes the prompt stays and offers the shortest of its routines instead.",
    )


def _default_hours() -> dict[Weekday, tuple[TimeRange, ...]]:
    return {day: (TimeRange(9 * 60, 17 * 60 + 30),) for day in WEEKDAYS[:5]}


class AwarenessSettings(_Section):
    away_after_seconds: int = Field(
        120,
        ge=30,
        le=900,
        title="Away after no input for",
        description="Time without keyboard or mouse input before an absence starts to count. "
        "Reading or a call is still sitting.",
        json_schema_extra={"unit": "s"},
    )
    break_minutes: int = Field(
        5,
        ge=1,
        le=30,
        title="An absence is a break after",
        description="An absence at least this long restarts the sitting timer; a shorter one only pauses it. "
        "Screen lock and sleep count from their start.",
        json_schema_extra={"unit": "min"},
    )
    hold_during_fullscreen: bool = Field(
        True,
        title="Hold prompts during fullscreen",
        description="While a fullscreen window (a presentation, a video call, a film) is active, prompts wait.",
    )
    hold_during_do_not_disturb: bool = Field(
        True,
        title="Hold prompts during do-not-disturb",
        description="While the desktop's do-not-disturb is on, prompts wait.",
    )
    quiet_after_minutes: int = Field(
        10,
        ge=1,
        le=120,
        title="A held prompt becomes a quiet notification after",
        description="A prompt held by fullscreen or do-not-disturb for this long is sent as a quiet "
        "notification instead; it never pops up over a presentation.",
        json_schema_extra={"unit": "min"},
    )


class NotificationSettings(_Section):
    prompt_style: Literal["window", "notification"] = Field(
        "window",
        title="Show prompts as",
        description="A small window near the tray, or a desktop notification with buttons. Where the "
        "desktop's notifications have no buttons, prompts use the window.",
        json_schema_extra={
            "choices": {"window": "A window near the tray", "notification": "A desktop notification"}
        },
    )
    desktop_notifications: bool = Field(
        True,
        title="Notify quietly during fullscreen and do-not-disturb",
        description="A prompt held by a fullscreen window or do-not-disturb is sent as one quiet "
        "notification after a while; turned off, it waits silently until you are free.",
    )


class SoundSettings(_Section):
    routine_cues: bool = Field(
        True,
        title="Sound cues in routines",
        description="A tone to get ready, at each step, at each rep and at a switch of sides, and a tick "
        "in each of the last three seconds of a hold.",
    )
    voice: bool = Field(
        False,
        title="Read the cues aloud",
        description="The desktop's speech service (speech-dispatcher, macOS speech, Windows speech) reads "
        "each cue, counts the last seconds and says when to switch sides. Without one, it stays silent.",
    )


class RoutineSettings(_Section):
    prompt_packs: Annotated[tuple[PackId, ...], Strict(False)] = Field(
        DEFAULT_PROMPT_PACKS,
        max_length=20,
        title="Routines a prompt offers",
        description="The routine packs a prompt may offer, in order. A pack that is not loaded is "
        "skipped; with none, prompts offer no routine.",
    )
    lead_in_seconds: int = Field(
        5,
        ge=0,
        le=30,
        title="Time to get ready",
        description="Before each exercise the player shows the next position for this long, outside the "
        "exercise's own time. 0 starts each exercise at once.",
        json_schema_extra={"unit": "s"},
    )
    offer: Literal["rotate", "time_of_day"] = Field(
        "rotate",
        title="Which one a prompt offers",
        description="Either each new prompt offers the next pack in the list, or the working day is split "
        "into equal parts, one per pack in list order, so the first pack comes in the morning.",
        json_schema_extra={
            "choices": {"rotate": "The next one each time", "time_of_day": "By time of day, in list order"}
        },
    )

    @field_validator("prompt_packs")
    @classmethod
    def _each_pack_once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        _once(value, "lists")
        return value


def _once(packs: Sequence[str], verb: str) -> None:
    """A pack named twice in one list is a mistake worth a message ("lists walk-break more than once")."""
    twice = sorted({pack for pack in packs if packs.count(pack) > 1})
    if twice:
        raise ValueError(f"{verb} {', '.join(twice)} more than once")


END_OF_WORK = "end_of_work"
_CLOCK_TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
EVERY_DAY: tuple[Weekday, ...] = WEEKDAYS


class ScheduledSession(_Section):
    """One session of the programme: a pack, on some weekdays, at a time or at the end of work."""

    pack: PackId = Field(title="Routine", description="The routine pack this session plays.")
    days: Annotated[tuple[Weekday, ...], Strict(False)] = Field(
        EVERY_DAY, min_length=1, title="Days", description="The weekdays it is due on."
    )
    at: Annotated[str, Field(pattern=f"{_CLOCK_TIME}|^{END_OF_WORK}$")] = Field(
        END_OF_WORK,
        title="Time",
        description='"HH:MM" in local time, or "end_of_work": when that day\'s working hours end '
        "(18:00 on a day without working hours).",
    )

    @field_validator("days")
    @classmethod
    def _each_day_once(cls, value: tuple[Weekday, ...]) -> tuple[Weekday, ...]:
        return tuple(day for day in WEEKDAYS if day in value)


def _default_sessions() -> tuple[ScheduledSession, ...]:
    """The seeds' protocol: mobility every evening, weekends included; strength twice a week."""
    return (
        ScheduledSession(pack="evening-mobility"),
        ScheduledSession(pack="strength-session", days=("tuesday", "friday")),
    )


class ProgrammeSettings(_Section):
    enabled: bool = Field(
        True,
        title="Follow the back-care programme",
        description="Besides the sitting prompts, offer the programme's sessions when they are due and "
        "keep the day's recovery checklist in the tray menu.",
    )
    sessions: Annotated[tuple[ScheduledSession, ...], Strict(False)] = Field(
        default_factory=_default_sessions,
        max_length=12,
        title="Sessions",
        description="Each session is a routine pack on chosen weekdays, at a time or at the end of the "
        "working day. A pack that is not loaded is skipped.",
        json_schema_extra={"enabled_by": "enabled"},
    )
    daily_check_in: bool = Field(
        False,
        title="Ask how stiff my back is, once a day",
        description="From 10:00, at a quiet moment, a notification offers a small window that asks for a "
        "number from 0 to 10 (where the desktop's notifications have no buttons, the window itself "
        "opens). It is a note for yourself, kept on this computer, never a diagnosis.",
    )

    @field_validator("sessions")
    @classmethod
    def _each_pack_once(cls, value: tuple[ScheduledSession, ...]) -> tuple[ScheduledSession, ...]:
        _once([session.pack for session in value], "schedules")
        return value


class StartupSettings(_Section):
    start_at_login: bool = Field(
        False,
        title="Start deskbreak when I log in",
        description="Adds deskbreak to your desktop's login items; turning it off removes it again.",
    )


class AppearanceSettings(_Section):
    tray_icon: Literal["auto", "light", "dark"] = Field(
        "auto",
        title="Tray icon colour",
        description="Light glyphs stand out on a dark panel, dark glyphs on a light one. "
        "Automatic follows the desktop's colour scheme, which is not always the panel's.",
        json_schema_extra={
            "choices": {
                "auto": "Automatic",
                "light": "Light, for a dark panel",
                "dark": "Dark, for a light panel",
            }
        },
    )


class Settings(_Section):
    """All settings; the TOML file has one table per section and `[working_hours]` per weekday."""

    schedule: ScheduleSettings = ScheduleSettings()
    working_hours: dict[Weekday, DayRanges] = Field(
        default_factory=_default_hours,
        title="Working hours",
        description="Prompts come only inside these local times; a day that is missing gets no prompts.",
    )
    awareness: AwarenessSettings = AwarenessSettings()
    notifications: NotificationSettings = NotificationSettings()
    sound: SoundSettings = SoundSettings()
    appearance: AppearanceSettings = AppearanceSettings()
    routines: RoutineSettings = RoutineSettings()
    programme: ProgrammeSettings = ProgrammeSettings()
    startup: StartupSettings = StartupSettings()

    @field_validator("working_hours")
    @classmethod
    def _ranges_do_not_overlap(
        cls, value: dict[Weekday, tuple[TimeRange, ...]]
    ) -> dict[Weekday, tuple[TimeRange, ...]]:
        for day, ranges in value.items():
            try:
                check_no_overlap(ranges)
            except ValueError as exc:
                raise ValueError(f"{day}: {exc}") from None
        return value

    def to_toml_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
