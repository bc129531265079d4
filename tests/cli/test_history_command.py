"""`deskbreak history` reads the history without changing it; `history export` writes every event."""

from __future__ import annotations

import io
import json
import sqlite3
from argparse import Namespace
from pathlib import Path

import pytest

from deskbreak.cli import main
from deskbreak.commands import history
from deskbreak.core.clock import FakeClock
from deskbreak.core.history.events import SessionDone, SessionDue
from deskbreak.core.history.export import read_export
from deskbreak.core.history.store import open_history
from deskbreak.core.paths import default_paths
from tests.core.history.days import MONDAY, e, t
from tests.core.history.test_timeline import HAND_BUILT_MONDAY

EVENING = [
    e("16:40", SessionDue("evening", "evening-mobility", MONDAY)),
    e("16:50", SessionDone("evening", "evening-mobility", MONDAY)),
]


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


@pytest.fixture
def history_file() -> Path:
    return default_paths().history_file


@pytest.fixture
def monday(history_file: Path) -> Path:
    with open_history(history_file, t("08:00")).store as store:  # type: ignore[union-attr]
        for entry in [*HAND_BUILT_MONDAY, *EVENING]:
            store.append(entry.at, entry.event)
    return history_file


def summary(
    days: int = 1, *, as_json: bool = False, live: bool = False, at: str = "18:00"
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = history.run(
        Namespace(days=days, json=as_json), out, err, clock=FakeClock(t(at)), is_live=lambda: live
    )
    return code, out.getvalue(), err.getvalue()


def test_without_a_history_it_says_where_it_will_be_and_creates_nothing(history_file: Path) -> None:
    code, out, _ = summary()
    assert code == 0
    assert out.startswith(f"No history yet. deskbreak keeps it in {history_file}")
    assert not history_file.exists()


def test_today_is_summarised_from_the_history(monday: Path) -> None:
    code, out, _ = summary()
    assert code == 0
    assert out.splitlines()[:8] == [
        "Today, Monday 23 November (Europe/Berlin)",
        "  Sitting    6 h 57 min, longest unbroken sit 2 h 5 min",
        "  Standing   40 min",
        "  Routines   5 min (1 done)",
        "  Prompts    4 shown: 3 acted on, 1 snooze, 1 skipped",
        "  Breaks     5 breaks from sitting",
        "  Sessions   1 done",
        "  Check-in   —",
    ]


def test_streaks_follow_the_summary(monday: Path) -> None:
    _, out, _ = summary()
    assert "  evening (evening-mobility): 1 in a row, best 1" in out.splitlines()


def test_it_says_when_today_stops_at_the_last_event_because_deskbreak_is_not_running(monday: Path) -> None:
    assert "deskbreak is not running" in summary(live=False)[1]
    assert "deskbreak is not running" not in summary(live=True)[1]


def test_more_days_add_a_table_with_one_row_a_day(monday: Path) -> None:
    _, out, _ = summary(days=3)
    lines = out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("day ")))
    assert [line.split("  ")[0] for line in lines[start + 1 : start + 4]] == [
        "Sat 21 Nov",
        "Sun 22 Nov",
        "Mon 23 Nov",
    ]
    assert lines[start + 3].split() == ["Mon", "23", "Nov", "6:57", "0:45", "2:05", "5", "1", "5", "min", "—"]


def test_json_gives_minutes_per_day(monday: Path) -> None:
    _, out, _ = summary(days=2, as_json=True)
    days = json.loads(out)
    assert [day["day"] for day in days] == ["2026-11-22", "2026-11-23"]
    assert (days[1]["sitting_minutes"], days[1]["longest_sit_minutes"], days[1]["breaks_taken"]) == (
        417,
        125,
        5,
    )


def test_the_running_app_is_counted_up_to_now(history_file: Path) -> None:
    with open_history(history_file, t("08:00")).store as store:  # type: ignore[union-attr]
        for entry in HAND_BUILT_MONDAY[:-1]:
            store.append(entry.at, entry.event)
    _, out, _ = summary(live=True, at="16:35")
    assert "  Sitting    6 h 32 min, longest unbroken sit 2 h 5 min" in out.splitlines()


def test_days_out_of_range_are_refused(monday: Path) -> None:
    code, _, err = summary(days=0)
    assert code == 2
    assert "--days must be between 1 and 366" in err


def test_a_history_from_a_newer_version_is_reported_not_read(history_file: Path) -> None:
    history_file.parent.mkdir(parents=True)
    connection = sqlite3.connect(history_file)
    connection.execute("PRAGMA user_version = 4")
    connection.close()
    code, _, err = summary()
    assert code == 1
    assert "newer deskbreak" in err


@pytest.mark.parametrize("option", ["--csv", "--json"])
def test_export_writes_every_event_and_it_reads_back(
    monday: Path, tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "history.export"
    assert main(["history", "export", option, str(target)]) == 0
    assert capsys.readouterr().err == f"Wrote {len(HAND_BUILT_MONDAY) + 2} events to {target}.\n"
    with open_history(monday, t("18:00")).store as store:  # type: ignore[union-attr]
        assert read_export(target) == store.entries()


def test_export_to_a_dash_writes_to_standard_output(monday: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "export", "--json", "-"]) == 0
    assert len(json.loads(capsys.readouterr().out)["events"]) == len(HAND_BUILT_MONDAY) + 2


def test_export_says_why_it_cannot_write(
    monday: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taken").mkdir()
    assert main(["history", "export", "--csv", str(tmp_path / "taken")]) == 1
    assert (
        f"deskbreak history export: cannot write {tmp_path / 'taken'}: Is a directory"
        in capsys.readouterr().err
    )


def test_export_needs_exactly_one_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["history", "export"])
    assert exit_info.value.code == 2
    assert "one of the arguments --csv --json is required" in capsys.readouterr().err
