"""A figure moves in time with its step: one trip through the keyframes per rep, eased in between."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from deskbreak.core.figures.model import Figure
from deskbreak.core.figures.motion import blend, motion_for

from .conftest import figure_from

BRIDGE = """
- exercise: test-bridge
  say: Lift your hips
  frames:
    - {base: lying, hold: 0}
    - {base: lying, torso: -70, thighs: 100, shins: -10, hold: 2}
"""
MARCH = """
- exercise: test-march
  say: Knees up in turn
  reps_per_cycle: 2
  cycle_seconds: 2
  frames:
    - {base: standing, right_thigh: 70, hold: 0}
    - {base: standing, left_thigh: 70, hold: 0}
"""


@pytest.fixture
def bridge(tmp_path: Path) -> Figure:
    return figure_from(tmp_path, BRIDGE)


@pytest.fixture
def march(tmp_path: Path) -> Figure:
    return figure_from(tmp_path, MARCH)


def test_every_rep_starts_at_the_first_keyframe(bridge: Figure) -> None:
    motion = motion_for(bridge, "reps", seconds_per_rep=5)
    first = bridge.keyframes[0].pose
    for rep in range(4):
        assert motion.pose(rep * 5.0) == first


def test_the_figure_rests_at_a_keyframe_for_its_hold_share(bridge: Figure) -> None:
    # shares: start 0 + move 1, top 2 + move 1 = 4 per 5-second rep: the top is held from 1.25 s to 3.75 s
    motion = motion_for(bridge, "reps", seconds_per_rep=5)
    top = bridge.keyframes[1].pose
    assert motion.pose(1.25) == top
    assert motion.pose(3.7) == top
    assert motion.pose(1.0) != top


def test_a_slower_tempo_stretches_the_same_movement(bridge: Figure) -> None:
    fast, slow = motion_for(bridge, "reps", seconds_per_rep=4), motion_for(bridge, "reps", seconds_per_rep=8)
    for fraction in (0.1, 0.2, 0.5, 0.8, 0.95):
        assert slow.pose(8 * fraction) == fast.pose(4 * fraction)


def test_between_keyframes_the_pose_is_eased_halfway_at_mid_move(bridge: Figure) -> None:
    motion = motion_for(bridge, "reps", seconds_per_rep=4)  # the first move runs from 0 s to 1 s
    halfway = motion.pose(0.5)
    start, top = bridge.keyframes[0].pose.angle("torso"), bridge.keyframes[1].pose.angle("torso")
    assert halfway.angle("torso") == pytest.approx((start + top) / 2)


def test_alternating_keyframes_take_two_reps_per_cycle(march: Figure) -> None:
    motion = motion_for(march, "reps", seconds_per_rep=3)
    assert motion.cycle_seconds == 6
    assert motion.pose(0.0) == march.keyframes[0].pose  # rep 1: right knee
    assert motion.pose(3.0) == march.keyframes[1].pose  # rep 2: left knee
    assert motion.pose(6.0) == march.keyframes[0].pose


def test_a_timed_move_cycles_at_the_figures_own_pace(march: Figure) -> None:
    motion = motion_for(march, "duration", seconds_per_rep=None)
    assert motion.cycle_seconds == 2
    assert motion.pose(1.0) == march.keyframes[1].pose


def test_a_hold_stands_still_in_the_held_position(bridge: Figure) -> None:
    motion = motion_for(bridge, "hold", seconds_per_rep=None)
    assert motion.is_still
    assert motion.pose(0.0) == motion.pose(37.3) == bridge.keyframes[-1].pose


def test_an_angle_turns_the_short_way_round(bridge: Figure) -> None:
    pose = bridge.keyframes[0].pose
    arm_back = replace(
        pose, angles={**pose.angles, "right_upper_arm": -96.0}
    )  # along the floor, past the head
    arm_up = replace(pose, angles={**pose.angles, "right_upper_arm": 180.0})  # at the ceiling
    middle = blend(arm_back, arm_up, 0.5)
    assert middle.angle("right_upper_arm") == pytest.approx(-138.0)  # over the head, not through the floor
