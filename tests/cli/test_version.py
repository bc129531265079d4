"""The version lives in one place, deskbreak/__init__.py; `deskbreak --version` prints it."""

from __future__ import annotations

import re

import pytest

import deskbreak
from deskbreak.cli import main


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"deskbreak {deskbreak.__version__}\n"


def test_the_version_is_a_release_number() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", deskbreak.__version__)
