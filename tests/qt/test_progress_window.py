"""The Progress window: today's numbers, the charts for 7 or 30 days, streaks, export through a dialog."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from deskbreak.core.clock import FakeClock
from deskbreak.core.history.export import ExportFormat, read_export
from deskbreak.core.history.queries import progress_report
from deskbreak.core.history.store import HistoryStore
from deskbreak.ui.progress import ExportRequest, ProgressWindow, Span, charts_for, connect_progress
from tests.core.history.days import BERLIN

from .conftest import save_shot
from .progress_data import PACK_TITLES, dark_palette, simulated_store


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HistoryStore, datetime]]:
    store, now = simulated_store(tmp_path_factory.mktemp("progress"))
    yield store, now
    store.close()


@pytest.fixture
def window(qtbot: QtBot) -> ProgressWindow:
    window = ProgressWindow()
    qtbot.addWidget(window)
    return window


def test_today_shows_the_reports_numbers(
    window: ProgressWindow, month: tuple[HistoryStore, datetime]
) -> None:
    store, now = month
    report = progress_report(store, BERLIN, now, live=True)
    window.show_report(report, PACK_TITLES)
    today = report.today
    assert window.heading.text() == "Today, Monday 23 November"
    assert window.tiles["sitting"].value.text() == "1 h 42 min"
    assert window.tiles["longest"].value.text() == "51 min"
    assert window.tiles["prompts"].value.text() == f"{today.prompts_acted_on} acted on"
    assert window.tiles["prompts"].caption.text() == (
        f"of {today.prompts_shown} prompts · {today.snoozes} snoozes · {today.prompts_skipped} skipped"
    )


def test_the_charts_show_the_last_seven_days_and_then_thirty(
    window: ProgressWindow, month: tuple[HistoryStore, datetime]
) -> None:
    store, now = month
    window.show_report(progress_report(store, BERLIN, now, live=True))
    data = window.charts[0].data
    assert data is not None
    assert data.labels == ("Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Mon")
    window.month_button.click()
    assert window.span is Span.MONTH
    data = window.charts[0].data
    assert data is not None
    assert len(data.labels) == 30


def test_each_chart_is_named_for_assistive_technology(
    window: ProgressWindow, month: tuple[HistoryStore, datetime]
) -> None:
    store, now = month
    window.show_report(progress_report(store, BERLIN, now, live=True))
    assert [chart.accessibleName() for chart in window.charts] == [
        "Sitting and moving",
        "Breaks taken and skipped",
        "Longest unbroken sit",
        "Minutes in routines",
        "Back stiffness check-in",
    ]
    assert (
        window.charts[0]
        .accessibleDescription()
        .startswith("Sitting and moving. Tuesday 17 November: sitting ")
    )


def test_the_longest_sit_chart_marks_the_sixty_minute_guide() -> None:
    """Undo The Desk hub: change posture every 45-60 minutes."""
    from deskbreak.core.history.queries import DaySummary
    from tests.core.history.days import MONDAY

    chart = charts_for([DaySummary(MONDAY)])[2]
    assert chart.guide is not None
    assert (chart.guide.value, chart.guide.label) == (60, "60 min")


def test_streaks_are_named_by_their_packs(
    window: ProgressWindow, month: tuple[HistoryStore, datetime]
) -> None:
    store, now = month
    report = progress_report(store, BERLIN, now, live=True)
    window.show_report(report, PACK_TITLES)
    first = report.streaks[0]
    assert window.streaks.text().splitlines()[0] == (
        f"Evening mobility: {first.current} time{'' if first.current == 1 else 's'} in a row (best {first.best})"
    )


def test_choosing_a_file_in_the_export_dialog_asks_for_that_export(
    window: ProgressWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.export_json.trigger()
    dialog = window.export_dialog
    assert isinstance(dialog, QFileDialog)
    assert dialog.isVisible()
    with qtbot.waitSignal(window.export_requested) as requested:
        dialog.selectFile(str(tmp_path / "mine.json"))
        dialog.accept()
    assert requested.args == [ExportRequest(tmp_path / "mine.json", ExportFormat.JSON)]


def test_showing_the_window_refreshes_it_from_the_store(
    window: ProgressWindow, month: tuple[HistoryStore, datetime]
) -> None:
    store, now = month
    connect_progress(window, store, BERLIN, FakeClock(now), pack_titles=PACK_TITLES)
    window.show()
    assert window.tiles["sitting"].value.text() == "1 h 42 min"


def test_an_export_request_writes_every_event_and_says_so(
    window: ProgressWindow, month: tuple[HistoryStore, datetime], tmp_path: Path
) -> None:
    store, now = month
    connect_progress(window, store, BERLIN, FakeClock(now))
    target = tmp_path / "history.csv"
    window.export_requested.emit(ExportRequest(target, ExportFormat.CSV))
    assert read_export(target) == store.entries()
    assert window.status.text() == f"Exported {store.count()} events to {target}."


def test_a_failed_export_says_why(
    window: ProgressWindow, month: tuple[HistoryStore, datetime], tmp_path: Path
) -> None:
    store, now = month
    connect_progress(window, store, BERLIN, FakeClock(now))
    (tmp_path / "taken").mkdir()
    window.export_requested.emit(ExportRequest(tmp_path / "taken", ExportFormat.CSV))
    assert window.status.text() == f"Could not export to {tmp_path / 'taken'}: Is a directory"


def test_without_a_history_the_window_says_why(window: ProgressWindow) -> None:
    connect_progress(
        window, None, BERLIN, FakeClock(datetime.now().astimezone()), unavailable="The disk is full."
    )
    window.show()
    assert window.banner.isVisible()
    assert window.banner.text() == "The disk is full."


@pytest.fixture
def app_palette(qapp: QApplication) -> Iterator[QApplication]:
    """Give the test a theme through the application palette, as a desktop does, then restore it."""
    original = qapp.palette()
    yield qapp
    qapp.setPalette(original)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_in_both_themes(
    app_palette: QApplication, qtbot: QtBot, month: tuple[HistoryStore, datetime], theme: str
) -> None:
    store, now = month
    if theme == "dark":
        app_palette.setPalette(dark_palette())
    window = ProgressWindow()
    qtbot.addWidget(window)
    window.show_report(progress_report(store, BERLIN, now, live=True), PACK_TITLES)
    window.resize(1000, 780)
    QApplication.processEvents()
    shot = save_shot(window, f"progress-{theme}")
    assert shot.stat().st_size > 20_000
