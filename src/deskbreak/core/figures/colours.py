"""Colours for figures and the player's big text: contrast by the WCAG formula, palettes for both themes.

The accent (the worked limb, and the side label that names it) is one warm colour pushed darker
or lighter until it reads on the background: text needs 4.5:1, shapes 3:1 (WCAG 2.1, 1.4.3 and
1.4.11). The figure's ink is the theme's own text colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskbreak.core.figures.drawing import Role

TEXT_CONTRAST = 4.5
SHAPE_CONTRAST = 3.0
WARM_ACCENT = "#d9661f"  # the project's accent: a warm orange that is not the usual link blue

Rgb = tuple[int, int, int]


def parse(colour: str) -> Rgb:
    """A triple from "#rrggbb" or "#rgb"; anything else is a bug in the caller."""
    text = colour.lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


def hex_of(rgb: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def mix(colour: str, other: str, amount: float) -> str:
    """`amount` of the way from `colour` to `other`."""
    a, b = parse(colour), parse(other)
    return hex_of(tuple(round(x + (y - x) * amount) for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in parse(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, background: str) -> float:
    """The WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(background: str) -> bool:
    return luminance(background) < 0.2


def readable(colour: str, background: str, ratio: float = TEXT_CONTRAST) -> str:
    """`colour`, moved towards black or white (away from the background) until it reaches `ratio`."""
    target = "#ffffff" if is_dark(background) else "#000000"
    for step in range(21):
        candidate = mix(colour, target, step / 20)
        if contrast(candidate, background) >= ratio:
            return candidate
    return target


@dataclass(frozen=True)
class Palette:
    """A colour for every role a drawing uses."""

    background: str
    ink: str
    far: str
    accent: str
    accent_far: str
    prop: str
    prop_fill: str
    floor: str

    def colour(self, role: Role) -> str:
        return {
            Role.INK: self.ink,
            Role.FAR: self.far,
            Role.ACCENT: self.accent,
            Role.ACCENT_FAR: self.accent_far,
            Role.PROP: self.prop,
            Role.PROP_FILL: self.prop_fill,
            Role.FLOOR: self.floor,
            Role.HALO: self.background,
        }[role]

    @classmethod
    def for_theme(cls, text: str, background: str) -> Palette:
        """Derived from a theme's text and window colours, so figures follow light and dark themes."""
        ink = readable(text, background, TEXT_CONTRAST)
        accent = readable(WARM_ACCENT, background, TEXT_CONTRAST)
        far = readable(mix(ink, background, 0.5), background, SHAPE_CONTRAST)
        prop = readable(mix(ink, background, 0.45), background, SHAPE_CONTRAST)
        return cls(
            background=background,
            ink=ink,
            far=far,
            accent=accent,
            accent_far=readable(mix(accent, background, 0.35), background, SHAPE_CONTRAST),
            prop=prop,
            prop_fill=mix(prop, background, 0.72),
            floor=mix(ink, background, 0.55),
        )


LIGHT = Palette.for_theme("#1f2933", "#ffffff")
DARK = Palette.for_theme("#e6e9ee", "#1e2227")
