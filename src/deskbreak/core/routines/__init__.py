"""Routine packs and checklists: the YAML format's models, a safe loader with precise problems, the timeline plan.

Import from the submodules (`library`, `model`, `plan`, ...): the package itself imports nothing, so
that a light module (the timeline plan) does not bring the YAML reader and the models with it.
"""
