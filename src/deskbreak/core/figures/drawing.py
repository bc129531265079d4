"""A posed skeleton and its props as flat shapes in one style: rounded strokes, a round head, a halo.

Every figure is built at the same scale (a person is always a person's height) on one floor line,
and keeps its fixed props (chair, wall, mat, desk, bar) where its first keyframe put them, so an
animation moves the body and nothing else. Its picture is cropped to what it covers in all its
keyframes and the moves between them, so a figure fills the space it is shown in. In a side view the limbs on
the far side are drawn behind the body in a softer colour; worked segments take the accent colour.
A thin halo in the background colour separates a limb from whatever it crosses.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from deskbreak.core.figures.model import Figure, Pose, Side
from deskbreak.core.figures.motion import blend
from deskbreak.core.figures.skeleton import (
    HEAD_RADIUS,
    LIMB_RADIUS,
    TORSO_RADIUS,
    Point,
    Skeleton,
    build,
    direction,
)
from deskbreak.core.figures.spec import SIDES, PropKind, PropSpec, SegmentName

VIEW_WIDTH = 170.0
VIEW_HEIGHT = 136.0
FLOOR_Y = 128.0
MAT_HEIGHT = 2.4
HALO = 2.2  # the gap a limb keeps from what it crosses
CUSHION = (22.0, 5.5)  # width, height
ROLLER_RADIUS = 6.5
BALL_RADIUS = 4.2
WALL_HEIGHT = 78.0
FOCUS_RADIUS = 7.5
FOCUS_HALO = 1.0
CROP_PAD = 5.0  # room around what a figure covers
MIN_CROP = (96.0, 76.0)  # a figure lying down or standing alone still gets some air around it
SPINE_BULGE = 9.0  # how far a fully rounded or arched back curves from the straight line


class Role(StrEnum):
    """What a shape is, so a palette can colour it: the SVG carries these as class names."""

    INK = "ink"  # the body nearest the viewer
    FAR = "far"  # limbs on the far side
    ACCENT = "accent"  # the worked segments
    ACCENT_FAR = "accent-far"
    PROP = "prop"  # outlines of things
    PROP_FILL = "prop-fill"
    FLOOR = "floor"
    HALO = "halo"  # the background colour


@dataclass(frozen=True)
class Stroke:
    """An open polyline with round caps and joins."""

    points: tuple[Point, ...]
    width: float
    role: Role


@dataclass(frozen=True)
class Dot:
    centre: Point
    radius: float
    role: Role
    edge: Role | None = None


@dataclass(frozen=True)
class Block:
    """A rounded rectangle."""

    x: float
    y: float
    width: float
    height: float
    radius: float
    role: Role
    edge: Role | None = None


@dataclass(frozen=True)
class Fill:
    """A closed filled polygon (an arrow head)."""

    points: tuple[Point, ...]
    role: Role


@dataclass(frozen=True)
class Ring:
    """An unfilled circle: the "feel it here" mark."""

    centre: Point
    radius: float
    width: float
    role: Role


Shape = Stroke | Dot | Block | Fill | Ring


Box = tuple[float, float, float, float]  # left, top, width, height


@dataclass(frozen=True)
class Drawing:
    box: Box  # the part of the plane the picture shows: its SVG viewBox
    shapes: tuple[Shape, ...]

    @property
    def width(self) -> float:
        return self.box[2]

    @property
    def height(self) -> float:
        return self.box[3]


@dataclass(frozen=True)
class Stage:
    """Where a figure stands: the shift that centres all its keyframes, its fixed props, its crop."""

    dx: float
    behind: tuple[Shape, ...]  # drawn before the body: mat, chair, wall, desk
    front: tuple[Shape, ...]  # drawn over it: the bar the hands hold
    box: Box = (0.0, 0.0, VIEW_WIDTH, VIEW_HEIGHT)


_SEAT = frozenset({"pelvis", "torso", "left_hip", "right_hip"})  # a roller under these lies across
_WORLD = frozenset({PropKind.CHAIR, PropKind.WALL, PropKind.MAT, PropKind.DESK, PropKind.BAR})
_UNDER = {PropKind.CUSHION: CUSHION[1], PropKind.ROLLER: 2 * ROLLER_RADIUS, PropKind.BALL: 2 * BALL_RADIUS}


def stage_for(figure: Figure) -> Stage:
    """Centre the union of every keyframe, fix the world props from the first, crop to what is drawn."""
    placed = [place(figure, keyframe.pose) for keyframe in figure.keyframes]
    behind = tuple(_world_props(figure, placed, in_front=False))
    front = tuple(_world_props(figure, placed, in_front=True))
    keyframes = figure.keyframes
    poses = [keyframe.pose for keyframe in keyframes]
    legs = len(keyframes) if len(keyframes) > 2 else len(keyframes) - 1  # two keyframes: one way and back
    for index in range(legs):
        start, end = keyframes[index].pose, keyframes[(index + 1) % len(keyframes)].pose
        poses += [blend(start, end, t) for t in (0.25, 0.5, 0.75)]
    shapes = [*behind, *front]
    for pose in poses:
        skeleton = place(figure, pose)
        shapes += list(_body(figure, skeleton))
        shapes += list(_held_props(figure, skeleton))
        shapes += list(_arrows(figure, skeleton))
    left, top, right, _bottom = _extent(shapes)
    dx = VIEW_WIDTH / 2 - (left + right) / 2
    width = max(MIN_CROP[0], right - left + 2 * CROP_PAD)
    bottom = FLOOR_Y + CROP_PAD
    height = max(MIN_CROP[1], bottom - top + CROP_PAD)
    box = (VIEW_WIDTH / 2 - width / 2, bottom - height, width, height)
    return Stage(dx, tuple(_shift(s, dx) for s in behind), tuple(_shift(s, dx) for s in front), box)


def draw(figure: Figure, pose: Pose, side: Side | None, stage: Stage | None = None) -> Drawing:
    """The figure in `pose` on the given side (None: an exercise without sides, drawn as written)."""
    stage = stage or stage_for(figure)
    skeleton = place(figure, pose).moved(stage.dx, 0.0)
    left, _top, width, _height = stage.box
    shapes: list[Shape] = [Stroke(((left + 2.0, FLOOR_Y), (left + width - 2.0, FLOOR_Y)), 1.6, Role.FLOOR)]
    shapes += stage.behind
    shapes += _body(figure, skeleton)
    shapes += _held_props(figure, skeleton)
    shapes += stage.front
    shapes += _arrows(figure, skeleton)
    mirrored = (figure.view == "side" and figure.facing == "left") != (side == "right")
    if mirrored:
        shapes = [_mirror(shape) for shape in shapes]
    return Drawing(stage.box, tuple(shapes))


def place(figure: Figure, pose: Pose) -> Skeleton:
    """The pose standing on the floor (or mat, cushion, roller), its anchor at x = 0."""
    skeleton = build(pose, figure.view)
    ground = FLOOR_Y - figure.lift - (MAT_HEIGHT if _has(figure, PropKind.MAT) else 0.0)
    lowest = max(y + _radius(name) for name, (_x, y) in skeleton.points.items())
    for prop in figure.props:
        if prop.prop in _UNDER and prop.at is not None:
            lowest = max(lowest, skeleton.at(prop.at)[1] + _radius(prop.at) + _UNDER[prop.prop])
    anchor_x = skeleton.at(figure.anchor)[0]
    return skeleton.moved(-anchor_x, ground - lowest)


# --- the body -------------------------------------------------------------------------------------


def _body(figure: Figure, skeleton: Skeleton) -> Iterator[Shape]:
    pose = skeleton.pose
    near = "right" if figure.facing == "right" else "left"
    chains: list[tuple[str, str]] = [(side, chain) for side in SIDES for chain in ("leg", "arm")]
    if figure.view == "side":
        back = [(side, chain) for side, chain in chains if side != near]
        front = [(near, "leg"), (near, "arm")]
    else:
        back, front = [], [(side, "leg") for side in SIDES] + [(side, "arm") for side in SIDES]
    tucked = [(s, c) for s, c in front if _chain_segments(s, c)[0] in pose.behind]
    front = [item for item in front if item not in tucked]
    for side, chain in back:
        yield from _chain(figure, skeleton, side, chain, far=figure.view == "side")
    for side, chain in tucked:  # a near limb the body hides part of: behind it, in its own colour
        yield from _chain(figure, skeleton, side, chain, far=False)
    yield from _under_props(figure, skeleton)
    head = skeleton.points["head"]
    spine = _spine(skeleton)
    torso_role = Role.ACCENT if "torso" in figure.highlight else Role.INK
    yield Stroke(spine, 2 * (TORSO_RADIUS + HALO), Role.HALO)
    yield Stroke(spine, 2 * TORSO_RADIUS, torso_role)
    yield Dot(head, HEAD_RADIUS + HALO, Role.HALO)
    yield Dot(head, HEAD_RADIUS, Role.ACCENT if "head" in figure.highlight else Role.INK)
    face = _face(figure, pose)
    if face is not None:
        ux, uy = direction(face)
        hx, hy = direction(pose.angle("head"))
        yield Dot((head[0] + ux * 2.7 + hx * 0.9, head[1] + uy * 2.7 + hy * 0.9), 1.35, Role.HALO)
    for side, chain in front:
        yield from _chain(figure, skeleton, side, chain, far=False)


def _spine(skeleton: Skeleton) -> tuple[Point, ...]:
    """Pelvis to neck: straight, or a curve bulging backwards (rounded) or forwards (arched)."""
    (px, py), (nx, ny) = skeleton.points["pelvis"], skeleton.points["neck"]
    bend = skeleton.pose.bend
    if abs(bend) < 0.01:
        return ((px, py), (nx, ny))
    tx, ty = direction(skeleton.pose.angle("torso"))
    # The front of the body is the torso's direction turned towards "forward"; rounding pushes back.
    fx, fy = -ty, tx
    cx, cy = (px + nx) / 2 - fx * bend * SPINE_BULGE, (py + ny) / 2 - fy * bend * SPINE_BULGE
    points = []
    for i in range(9):
        t = i / 8
        points.append(
            (
                (1 - t) ** 2 * px + 2 * (1 - t) * t * cx + t**2 * nx,
                (1 - t) ** 2 * py + 2 * (1 - t) * t * cy + t**2 * ny,
            )
        )
    return tuple(points)


def _face(figure: Figure, pose: Pose) -> float | None:
    """Which way the eye looks: square to the head in a side view, only when told in a front view."""
    if pose.look is not None:
        return pose.look
    return pose.angle("head") - 90.0 if figure.view == "side" else None


def _chain_segments(side: str, chain: str) -> tuple[SegmentName, ...]:
    limbs = ("upper_arm", "forearm") if chain == "arm" else ("thigh", "shin", "foot")
    return tuple(f"{side}_{limb}" for limb in limbs)  # type: ignore[misc]


def _chain(figure: Figure, skeleton: Skeleton, side: str, chain: str, *, far: bool) -> Iterator[Shape]:
    joints = ("shoulder", "elbow", "hand") if chain == "arm" else ("hip", "knee", "ankle", "toe")
    points = tuple(skeleton.points[f"{side}_{joint}"] for joint in joints)
    yield Stroke(points, 2 * (LIMB_RADIUS + HALO), Role.HALO)
    segments = _chain_segments(side, chain)
    for index, segment in enumerate(segments):
        worked = segment in figure.highlight
        role = (Role.ACCENT_FAR if far else Role.ACCENT) if worked else (Role.FAR if far else Role.INK)
        width = 2 * LIMB_RADIUS * (0.8 if segment.endswith("foot") else 1.0)
        yield Stroke((points[index], points[index + 1]), width, role)


def _radius(joint: str) -> float:
    if joint == "head":
        return HEAD_RADIUS
    if joint in ("pelvis", "neck", "torso"):
        return TORSO_RADIUS
    return LIMB_RADIUS


# --- props ----------------------------------------------------------------------------------------


def _has(figure: Figure, kind: PropKind) -> bool:
    return any(prop.prop is kind for prop in figure.props)


def _world_props(figure: Figure, placed: list[Skeleton], *, in_front: bool) -> Iterator[Shape]:
    """Chair, wall, mat, desk and bar, fixed by the first keyframe (the mat spans them all)."""
    first = placed[0]
    for prop in figure.props:
        if prop.prop not in _WORLD or (prop.prop is PropKind.BAR) != in_front:
            continue
        match prop.prop:
            case PropKind.MAT:
                yield from _mat(placed)
            case PropKind.CHAIR if prop.at is not None:
                yield from _chair_ahead(first, prop)
            case PropKind.CHAIR:
                yield from _chair(figure, first)
            case PropKind.WALL:
                yield from _wall(first, prop)
            case PropKind.DESK:
                yield from _desk(first, prop)
            case PropKind.BAR:
                yield from _bar(figure, first, prop)


def _under_props(figure: Figure, skeleton: Skeleton) -> Iterator[Shape]:
    for prop in figure.props:
        if prop.at is None or prop.prop not in _UNDER:
            continue
        x, y = skeleton.at(prop.at)
        top = y + _radius(prop.at)
        if prop.prop is PropKind.ROLLER and figure.view == "front" and prop.at in _SEAT:  # sat across
            length = 36.0
            yield Block(
                x - length / 2, top, length, 2 * ROLLER_RADIUS, ROLLER_RADIUS, Role.PROP_FILL, Role.PROP
            )
        elif prop.prop is PropKind.CUSHION:
            width, height = CUSHION
            yield Block(x - width / 2, top, width, height, height / 2, Role.PROP_FILL, Role.PROP)
        elif prop.prop is PropKind.ROLLER:  # seen end-on
            yield Dot((x, top + ROLLER_RADIUS), ROLLER_RADIUS, Role.PROP_FILL, Role.PROP)
            yield Dot((x, top + ROLLER_RADIUS), ROLLER_RADIUS * 0.35, Role.PROP)
        else:
            yield Dot((x, top + BALL_RADIUS), BALL_RADIUS, Role.PROP_FILL, Role.PROP)


def _held_props(figure: Figure, skeleton: Skeleton) -> Iterator[Shape]:
    for prop in figure.props:
        if prop.at is None:
            continue
        if prop.prop is PropKind.DUMBBELL:
            yield from _dumbbell(figure, skeleton.at(prop.at), upright=prop.upright)
        elif prop.prop is PropKind.TOWEL and prop.to is not None:
            yield Stroke((skeleton.at(prop.at), skeleton.at(prop.to)), 2.6, Role.PROP)


def _mat(placed: list[Skeleton]) -> Iterator[Shape]:
    ground = FLOOR_Y - MAT_HEIGHT
    xs = [
        x
        for skeleton in placed
        for name, (x, y) in skeleton.points.items()
        if y + _radius(name) > ground - 7.0
    ]
    if not xs:
        return
    left, right = min(xs) - 9.0, max(xs) + 9.0
    yield Block(left, ground, right - left, MAT_HEIGHT + 0.8, 1.2, Role.PROP_FILL, Role.PROP)


def _chair(figure: Figure, skeleton: Skeleton) -> Iterator[Shape]:
    x, y = skeleton.points["pelvis"]
    seat = y + TORSO_RADIUS + 1.6
    width = 3.2
    if figure.view == "front":
        yield Stroke(((x - 13.0, seat - 30.0), (x + 13.0, seat - 30.0)), width, Role.PROP)
        for edge in (-13.0, 13.0):
            yield Stroke(((x + edge, seat - 30.0), (x + edge, seat)), width, Role.PROP)
        yield Stroke(((x - 17.0, seat), (x + 17.0, seat)), width + 0.8, Role.PROP)
        for edge in (-15.0, 15.0):
            yield Stroke(((x + edge, seat), (x + edge, FLOOR_Y)), width, Role.PROP)
        return
    back, front = x - 12.0, x + 13.0
    yield Stroke(((back, seat), (back - 3.0, seat - 34.0)), width, Role.PROP)
    yield Stroke(((back, seat), (front, seat)), width + 0.8, Role.PROP)
    yield Stroke(((back + 1.5, seat), (back + 1.5, FLOOR_Y)), width, Role.PROP)
    yield Stroke(((front - 1.5, seat), (front - 1.5, FLOOR_Y)), width, Role.PROP)


def _chair_ahead(skeleton: Skeleton, prop: PropSpec) -> Iterator[Shape]:
    """A chair turned away from the person, its backrest under `at` (hands resting on it)."""
    assert prop.at is not None
    x, y = skeleton.at(prop.at)
    back = x + LIMB_RADIUS + 1.0
    top = y + LIMB_RADIUS
    seat = FLOOR_Y - 46.0
    width = 3.2
    yield Stroke(((back, top), (back, FLOOR_Y)), width, Role.PROP)
    yield Stroke(((back, seat), (back + 25.0, seat)), width + 0.8, Role.PROP)
    yield Stroke(((back + 23.5, seat), (back + 23.5, FLOOR_Y)), width, Role.PROP)


def _wall(skeleton: Skeleton, prop: PropSpec) -> Iterator[Shape]:
    """A wall with hatching on its far side: behind the figure, or just beyond `at`."""
    if prop.at is None:
        x = min(px - _radius(name) for name, (px, _py) in skeleton.points.items()) - 0.8
        outward = -1.0
    else:
        x = skeleton.at(prop.at)[0] + LIMB_RADIUS + 0.8
        outward = 1.0
    top = FLOOR_Y - WALL_HEIGHT
    yield Stroke(((x, FLOOR_Y), (x, top)), 2.6, Role.PROP)
    y = FLOOR_Y - 4.0
    while y > top + 3.0:
        yield Stroke(((x + outward * 1.3, y), (x + outward * 5.5, y - 4.2)), 1.2, Role.PROP)
        y -= 7.0


def _desk(skeleton: Skeleton, prop: PropSpec) -> Iterator[Shape]:
    assert prop.at is not None
    x, y = skeleton.at(prop.at)
    top = y + LIMB_RADIUS + 1.6
    yield Stroke(((x - 6.0, top), (x + 34.0, top)), 4.0, Role.PROP)
    yield Stroke(((x + 30.0, top), (x + 30.0, FLOOR_Y)), 3.0, Role.PROP)


def _bar(figure: Figure, skeleton: Skeleton, prop: PropSpec) -> Iterator[Shape]:
    assert prop.at is not None
    x, y = skeleton.at(prop.at)
    if figure.view == "front":
        yield Stroke(((x - 30.0, y), (x + 30.0, y)), 3.4, Role.PROP)
    else:
        yield Dot((x, y), 2.8, Role.PROP_FILL, Role.PROP)


def _dumbbell(figure: Figure, at: Point, *, upright: bool) -> Iterator[Shape]:
    x, y = at
    if upright:
        yield Stroke(((x, y - 6.0), (x, y + 6.0)), 2.4, Role.PROP)
        for end in (-7.5, 7.5):
            yield Block(x - 5.0, y + end - 2.0, 10.0, 4.0, 1.6, Role.PROP_FILL, Role.PROP)
    elif figure.view == "front":
        yield Stroke(((x - 6.0, y), (x + 6.0, y)), 2.4, Role.PROP)
        for end in (-7.5, 7.5):
            yield Block(x + end - 2.0, y - 5.0, 4.0, 10.0, 1.6, Role.PROP_FILL, Role.PROP)
    else:
        yield Dot((x, y + 1.0), 5.2, Role.PROP_FILL, Role.PROP)
        yield Dot((x, y + 1.0), 1.4, Role.PROP)


def _arrows(figure: Figure, skeleton: Skeleton) -> Iterator[Shape]:
    for anchor in figure.focus:
        centre = skeleton.at(anchor)
        yield Ring(centre, FOCUS_RADIUS, 1.6 + 2 * FOCUS_HALO, Role.HALO)
        yield Ring(centre, FOCUS_RADIUS, 1.6, Role.ACCENT)
    for arrow in figure.arrows:
        cx, cy = skeleton.at(arrow.at)
        steps = max(6, int(abs(arrow.end - arrow.start) / 8))
        points = []
        for i in range(steps + 1):
            ux, uy = direction(arrow.start + (arrow.end - arrow.start) * i / steps)
            points.append((cx + ux * arrow.radius, cy + uy * arrow.radius * arrow.squash))
        (x0, y0), (x1, y1) = points[-2], points[-1]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        tx, ty = (x1 - x0) / length, (y1 - y0) / length
        tip = (x1 + tx * 3.2, y1 + ty * 3.2)
        wing = 3.0
        head = (tip, (x1 - ty * wing, y1 + tx * wing), (x1 + ty * wing, y1 - tx * wing))
        yield Stroke(tuple(points), 2.0, Role.ACCENT)
        yield Fill(head, Role.ACCENT)


# --- geometry -------------------------------------------------------------------------------------


def extent(drawing: Drawing) -> tuple[float, float, float, float]:
    """Left, top, right and bottom of everything drawn: tests check a figure fits its box."""
    return _extent(drawing.shapes)


def _extent(shapes: Iterable[Shape]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for shape in shapes:
        match shape:
            case Stroke(points=points, width=width):
                for x, y in points:
                    xs += [x - width / 2, x + width / 2]
                    ys += [y - width / 2, y + width / 2]
            case Dot(centre=(x, y), radius=radius) | Ring(centre=(x, y), radius=radius):
                xs += [x - radius, x + radius]
                ys += [y - radius, y + radius]
            case Block(x=x, y=y, width=width, height=height):
                xs += [x, x + width]
                ys += [y, y + height]
            case Fill(points=points):
                xs += [x for x, _ in points]
                ys += [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _shift(shape: Shape, dx: float) -> Shape:
    return _map(shape, lambda p: (p[0] + dx, p[1]))


def _mirror(shape: Shape) -> Shape:
    return _map(shape, lambda p: (VIEW_WIDTH - p[0], p[1]))


def _map(shape: Shape, move: Callable[[Point], Point]) -> Shape:
    match shape:
        case Stroke(points=points):
            return Stroke(tuple(move(p) for p in points), shape.width, shape.role)
        case Dot(centre=centre):
            return Dot(move(centre), shape.radius, shape.role, shape.edge)
        case Block():
            left, top = move((shape.x, shape.y))
            right, _ = move((shape.x + shape.width, shape.y))
            return Block(
                min(left, right), top, shape.width, shape.height, shape.radius, shape.role, shape.edge
            )
        case Fill(points=points):
            return Fill(tuple(move(p) for p in points), shape.role)
        case Ring(centre=centre):
            return Ring(move(centre), shape.radius, shape.width, shape.role)
