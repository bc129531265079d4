"""Routine packs: the YAML format's models, a safe loader with precise problems, and the timeline plan."""

from deskbreak.core.routines.library import Library, LoadedPack, load_library, validate_paths
from deskbreak.core.routines.loader import PackProblem
from deskbreak.core.routines.model import Catalogue, Dose, Exercise, ExerciseStep, Pack, RestStep
from deskbreak.core.routines.plan import Segment, Timeline, plan

__all__ = [
    "Catalogue",
    "Dose",
    "Exercise",
    "ExerciseStep",
    "Library",
    "LoadedPack",
    "Pack",
    "PackProblem",
    "RestStep",
    "Segment",
    "Timeline",
    "load_library",
    "plan",
    "validate_paths",
]
