"""PySide6 reads every module imported after it to look for "PySide6" in its source; deskbreak
answers that question without keeping the text (see desktop/pyside_sources.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json, linecache, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore
if sys.argv[2] == "replaced":
    from deskbreak.desktop.pyside_sources import read_sources_without_keeping
    assert read_sources_without_keeping()
    assert read_sources_without_keeping()  # a second call changes nothing
import uses_qt, plain
feature = sys.modules["shibokensupport.feature"]
print(json.dumps({
    "kept": sorted(name for name in linecache.cache if name.endswith(("uses_qt.py", "plain.py"))),
    "answers": [feature.pyside_feature_dict[name] for name in ("uses_qt", "plain")],
}))
"""


def run(tmp_path: Path, mode: str) -> dict[str, list[object]]:
    (tmp_path / "uses_qt.py").write_text("from PySide6 import QtCore\n" + "x = 1\n" * 200)
    (tmp_path / "plain.py").write_text("import json\n" + "y = 2\n" * 200)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path), mode],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    result: dict[str, list[object]] = json.loads(done.stdout)
    return result


def test_pyside_as_shipped_keeps_the_source_of_every_module_imported_after_it(tmp_path: Path) -> None:
    """If this fails, PySide6 changed its hook: the replacement may no longer be needed."""
    shipped = run(tmp_path, "shipped")
    assert shipped["kept"] == [str(tmp_path / "plain.py"), str(tmp_path / "uses_qt.py")]
    assert shipped["answers"] == [0, -1]  # 0: the module uses PySide6; -1: PySide6 ignores it


def test_the_replacement_gives_the_same_answers_and_keeps_no_text(tmp_path: Path) -> None:
    replaced = run(tmp_path, "replaced")
    assert replaced["kept"] == []
    assert replaced["answers"] == [0, -1]
