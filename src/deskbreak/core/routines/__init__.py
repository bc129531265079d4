"""Routine packs and checklists: the YAML format's models, a safe loader with precise problems, the timeline plan."""

from deskbreak.core.routines.checklists import Checklist, ChecklistItem
from deskbreak.core.routines.library import Library, LoadedPack, load_checklists, load_library, validate_paths
from deskbreak.core.routines.loader import PackProblem
from deskbreak.core.routines.model import Catalogue, Dose, Exercise, ExerciseStep, Pack, RestStep
from deskbreak.core.routines.plan import AlternatingRep, Segment, Timeline, plan

__all__ = [
    "AlternatingRep",
    "Catalogue",
    "Checklist",
    "ChecklistItem",
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
    "load_checklists",
    "load_library",
    "plan",
    "validate_paths",
]
