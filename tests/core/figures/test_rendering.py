"""The renderer: the same pose always gives the same SVG, the right side mirrors the left, colours swap.

.venv/bin/python -m tests.core.figures.test_rendering     # rewrites golden/bridge.svg after a deliberate change
"""

from __future__ import annotations

import re
from pathlib import Path

from deskbreak.core.figures.colours import DARK, LIGHT, SHAPE_CONTRAST, TEXT_CONTRAST, Palette, contrast
from deskbreak.core.figures.drawing import VIEW_WIDTH, Block, Dot, Fill, Ring, Stroke, draw
from deskbreak.core.figures.model import Figure, build_figure
from deskbreak.core.figures.spec import FigureSpec, FrameSpec
from deskbreak.core.figures.svg import render_svg, with_palette

GOLDEN = Path(__file__).with_name("golden") / "bridge.svg"
BASES = {"lying": FrameSpec(torso=-90, head=-90, thighs=138, shins=30, feet=92, upper_arms=97, forearms=92)}


def bridge() -> Figure:
    """A fixed figure written here, so a change to the bundled poses never moves this test."""
    spec = FigureSpec.model_validate(
        {
            "exercise": "test-bridge",
            "say": "Lift your left hip",
            "side_label": "left hip",
            "facing": "left",
            "props": ["mat", {"prop": "cushion", "at": "left_ankle"}],
            "highlight": ["left_thigh"],
            "focus": ["pelvis"],
            "anchor": "left_ankle",
            "arrows": [{"at": "pelvis", "radius": 14, "start": 200, "end": 160}],
            "frames": [{"base": "lying"}, {"base": "lying", "torso": -70, "thighs": 100, "shins": -10}],
        }
    )
    return build_figure(spec, BASES)


def golden_svg() -> str:
    figure = bridge()
    return render_svg(draw(figure, figure.keyframes[1].pose, "left"), LIGHT, "Test bridge, left side")


def test_a_fixed_pose_renders_to_the_same_svg_as_before() -> None:
    assert golden_svg() == GOLDEN.read_text(encoding="utf-8"), (
        "the renderer's output changed: if that was meant, run .venv/bin/python -m tests.core.figures.test_rendering"
    )


def test_rendering_twice_gives_identical_text() -> None:
    assert golden_svg() == golden_svg()


def test_the_right_side_is_the_mirror_image_of_the_left() -> None:
    figure = bridge()
    pose = figure.keyframes[1].pose
    left, right = draw(figure, pose, "left"), draw(figure, pose, "right")
    assert len(left.shapes) == len(right.shapes)
    for a, b in zip(left.shapes, right.shapes, strict=True):
        assert type(a) is type(b)
        assert a.role == b.role
        assert _xs(b) == sorted(round(VIEW_WIDTH - x, 6) for x in _xs(a))


def test_a_palette_swap_changes_the_colours_and_nothing_else() -> None:
    light = golden_svg()
    dark = with_palette(light, DARK)
    assert dark != light
    assert _without_style(dark) == _without_style(light)
    assert DARK.ink in dark
    assert LIGHT.ink not in dark


def test_the_svg_names_its_picture_for_screen_readers() -> None:
    assert "<title>Test bridge, left side</title>" in golden_svg()


def test_both_palettes_keep_the_figure_readable() -> None:
    for palette in (LIGHT, DARK):
        for colour in (palette.ink, palette.accent):
            assert contrast(colour, palette.background) >= TEXT_CONTRAST
        for colour in (palette.far, palette.accent_far, palette.prop):
            assert contrast(colour, palette.background) >= SHAPE_CONTRAST


def test_a_theme_with_a_weak_text_colour_still_gets_readable_ink() -> None:
    palette = Palette.for_theme("#9a9a9a", "#ffffff")  # 2.8:1, a washed-out theme
    assert contrast(palette.ink, "#ffffff") >= TEXT_CONTRAST


def _xs(shape: object) -> list[float]:
    match shape:
        case Stroke(points=points) | Fill(points=points):
            return sorted(round(x, 6) for x, _ in points)
        case Dot(centre=(x, _)) | Ring(centre=(x, _)):
            return [round(x, 6)]
        case Block(x=x, width=width):
            return sorted([round(x, 6), round(x + width, 6)])
    raise AssertionError(shape)


def _without_style(svg: str) -> str:
    return re.sub(r"<style>.*?</style>", "", svg, flags=re.DOTALL)


if __name__ == "__main__":
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(golden_svg(), encoding="utf-8")
    print(f"updated {GOLDEN}")
