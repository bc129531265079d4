"""Shapes to SVG text: a pure function, stable to the character for a given drawing and palette.

Colours live in one `<style>` block keyed by role (`s-ink` strokes, `f-ink` fills), so the same
file can be shown in another theme by swapping that block (`with_palette`); Qt's SVG renderer and
browsers both read it. Numbers carry one decimal: enough for a 170-unit box, and diff-friendly.
"""

from __future__ import annotations

import re
from html import escape

from deskbreak.core.figures.colours import LIGHT, Palette
from deskbreak.core.figures.drawing import Block, Dot, Drawing, Fill, Ring, Role, Shape, Stroke

PIXELS_PER_UNIT = 4  # the file's nominal size; it scales to any size as a vector
EDGE_WIDTH = 1.2
_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)


def render_svg(drawing: Drawing, palette: Palette = LIGHT, title: str = "") -> str:
    left, top, width, height = drawing.box
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_n(left)} {_n(top)} {_n(width)} {_n(height)}" '
        f'width="{round(width * PIXELS_PER_UNIT)}" height="{round(height * PIXELS_PER_UNIT)}">',
    ]
    if title:
        lines.append(f"<title>{escape(title)}</title>")
    lines.append(style_block(palette))
    lines += [_element(shape) for shape in drawing.shapes]
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def style_block(palette: Palette) -> str:
    rules = [f".s-{role.value}{{stroke:{palette.colour(role)}}}" for role in Role]
    rules += [f".f-{role.value}{{fill:{palette.colour(role)}}}" for role in Role]
    return "<style>" + "".join(rules) + "</style>"


def with_palette(svg: str, palette: Palette) -> str:
    """The same picture in other colours: the style block replaced, nothing else touched."""
    return _STYLE.sub(lambda _match: style_block(palette), svg, count=1)


def _element(shape: Shape) -> str:
    match shape:
        case Stroke(points=points, width=width, role=role):
            if len(points) == 2:
                (x1, y1), (x2, y2) = points
                where = f'x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
                return f'<line class="s-{role.value}" {where} stroke-width="{_n(width)}" {_ROUND}/>'
            return (
                f'<polyline class="s-{role.value}" points="{_points(points)}" fill="none" '
                f'stroke-width="{_n(width)}" {_ROUND}/>'
            )
        case Dot(centre=(x, y), radius=radius, role=role, edge=edge):
            where = f'cx="{_n(x)}" cy="{_n(y)}" r="{_n(radius)}"'
            text = f'<circle class="f-{role.value}" {where}/>'
            if edge is not None:
                text += f'\n<circle class="s-{edge.value}" {where} fill="none" stroke-width="{EDGE_WIDTH}"/>'
            return text
        case Block(x=x, y=y, width=w, height=h, radius=radius, role=role, edge=edge):
            where = f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{_n(radius)}"'
            text = f'<rect class="f-{role.value}" {where}/>'
            if edge is not None:
                text += f'\n<rect class="s-{edge.value}" {where} fill="none" stroke-width="{EDGE_WIDTH}"/>'
            return text
        case Fill(points=points, role=role):
            return f'<polygon class="f-{role.value}" points="{_points(points)}"/>'
        case Ring(centre=(x, y), radius=radius, width=width, role=role):
            where = f'cx="{_n(x)}" cy="{_n(y)}" r="{_n(radius)}"'
            return f'<circle class="s-{role.value}" {where} fill="none" stroke-width="{_n(width)}"/>'


_ROUND = 'stroke-linecap="round" stroke-linejoin="round"'


def _points(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text
