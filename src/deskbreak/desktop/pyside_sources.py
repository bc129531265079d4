"""Keep PySide6 from holding the source text of every module imported after it.

PySide6's import hook (shibokensupport.feature, PYSIDE-2029) asks of each newly imported module
whether its source mentions "PySide6", by calling `inspect.getsource`. That goes through
`linecache`, which keeps every line of every such file for the life of the process: in the idle
tray, 343 files, 163,000 lines and about 13 MiB (tracemalloc, grouped by file, ten seconds after
the icon appeared), for text nothing ever shows. Here the same question is answered from the
file's bytes, which keeps nothing.

The hook is PySide6's private code. Where it is not found in the expected shape, nothing is
replaced and PySide6 behaves as shipped; tests/desktop/test_pyside_sources.py fails then, so an
upgrade that changes it is noticed.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

HOOK = "_mod_uses_pyside"  # in shibokensupport.feature
MARK = "_deskbreak_reads_without_keeping"


def read_sources_without_keeping() -> bool:
    """Install the replacement (once) and drop what was kept so far; True if it is in place."""
    import PySide6.QtCore  # noqa: F401 (loads the hook being replaced)

    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, HOOK, None)
    if feature is None or original is None:
        return False
    if not getattr(original, MARK, False):
        setattr(feature, HOOK, _uses_pyside_reading(original))
    linecache.clearcache()
    return True


def _uses_pyside_reading(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        """PySide6's own test ("PySide6" in the source), on the bytes of the module's file."""
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built in, compiled or sourceless: PySide6 answers
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(uses_pyside, MARK, True)
    return uses_pyside
