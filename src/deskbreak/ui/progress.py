"""The Progress window: today at a glance, the last 7 or 30 days as charts, streaks, and export.

The window draws a `ProgressReport` and emits what the user asks for; `connect_progress` wires
it to a history store (reports on show, exports on request), so the app only has to create it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta, tzinfo
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deskbreak.core.clock import Clock
from deskbreak.core.history.export import ExportFormat, write_export
from deskbreak.core.history.queries import DaySummary, ProgressReport, Streak, progress_report
from deskbreak.core.history.store import HistoryReadError, HistoryStore
from deskbreak.core.history.words import count_text, day_text, duration_text
from deskbreak.ui.chart import Chart, ChartData, Guide, Series, Style, Tone
from deskbreak.ui.icons import app_icon

MINUTE_STEPS = (5, 10, 15, 30, 60, 120, 180, 240)
SIT_GUIDE_MINUTES = 60
"""The upper end of "change posture every 45–60 minutes" (Undo The Desk's hub article)."""

PRIVACY_NOTE = "Kept in a file on this computer; nothing is sent anywhere."


class Span(enum.Enum):
    WEEK = 7
    MONTH = 30


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    fmt: ExportFormat


# --- what the charts show ------------------------------------------------------------------------


def _minutes(span: timedelta) -> float:
    return span.total_seconds() / 60


def _minutes_text(minutes: float) -> str:
    return duration_text(timedelta(minutes=round(minutes)))


def _labels(days: Sequence[DaySummary]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    short = tuple(f"{d.day:%a}" if len(days) <= 7 else f"{d.day.day}" for d in days)
    return short, tuple(day_text(d.day) for d in days)


def charts_for(days: Sequence[DaySummary]) -> tuple[ChartData, ...]:
    """The five charts of the Progress window for these days (oldest first)."""
    labels, names = _labels(days)

    def minutes_chart(title: str, series: tuple[Series, ...], guide: Guide | None = None) -> ChartData:
        return ChartData(title, labels, names, series, _minutes_text, MINUTE_STEPS, guide=guide)

    def count_text_of(value: float) -> str:
        return str(round(value))

    return (
        minutes_chart(
            "Sitting and moving",
            (
                Series("Sitting", tuple(_minutes(d.sitting) for d in days), Style.BAR, Tone.NEUTRAL),
                Series("Standing", tuple(_minutes(d.standing) for d in days), Style.STACK, Tone.SOFT),
                Series("Routines", tuple(_minutes(d.routine) for d in days), Style.STACK, Tone.STRONG),
            ),
        ),
        ChartData(
            "Breaks taken and skipped",
            labels,
            names,
            (
                Series("Breaks taken", tuple(float(d.breaks_taken) for d in days), Style.BAR, Tone.STRONG),
                Series(
                    "Prompts skipped", tuple(float(d.prompts_skipped) for d in days), Style.BAR, Tone.NEUTRAL
                ),
            ),
            count_text_of,
        ),
        minutes_chart(
            "Longest unbroken sit",
            (Series("Longest sit", tuple(_minutes(d.longest_sit) for d in days), Style.BAR, Tone.NEUTRAL),),
            Guide(SIT_GUIDE_MINUTES, f"{SIT_GUIDE_MINUTES} min"),
        ),
        minutes_chart(
            "Minutes in routines",
            (Series("Routines", tuple(_minutes(d.routine) for d in days), Style.BAR, Tone.STRONG),),
        ),
        ChartData(
            "Back stiffness check-in",
            labels,
            names,
            (
                Series(
                    "Stiffness, 0 to 10",
                    tuple(None if d.check_in is None else float(d.check_in) for d in days),
                    Style.LINE,
                    Tone.STRONG,
                ),
            ),
            count_text_of,
            steps=(5,),
            y_max=10,
            empty_text="No check-ins on these days. The check-in is optional: a note for yourself.",
        ),
    )


def streak_text(streak: Streak, titles: Mapping[str, str]) -> str:
    title = titles.get(streak.pack_id, streak.pack_id)
    return f"{title}: {count_text(streak.current, 'time')} in a row (best {streak.best})"


# --- the window ----------------------------------------------------------------------------------


class ProgressWindow(QWidget):
    """Shows a ProgressReport.

    Signals:
        refresh_requested(): the window was shown; the receiver calls `show_report` with fresh numbers.
        export_requested(ExportRequest): the user chose a file and a format.
    """

    refresh_requested = Signal()
    export_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("deskbreak — Progress")
        self.setWindowIcon(app_icon())
        self.setAccessibleName("deskbreak progress")
        self._report: ProgressReport | None = None
        self._titles: Mapping[str, str] = {}
        self.export_dialog: QFileDialog | None = None

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setObjectName("progressBanner")
        self.banner.setStyleSheet(
            "#progressBanner { border: 1px solid palette(mid); border-radius: 6px; padding: 6px; }"
        )

        self.heading = heading = QLabel("Today")
        heading.setFont(_scaled(self.font(), 1.3, bold=True))
        self.tiles = {
            key: _Tile(caption, self.font())
            for key, caption in (
                ("sitting", "sitting"),
                ("standing", "standing"),
                ("longest", "longest unbroken sit"),
                ("prompts", "prompts"),
                ("done", "done"),
            )
        }
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1, Qt.AlignmentFlag.AlignTop)

        self.week_button = QPushButton("Last 7 days")
        self.month_button = QPushButton("Last 30 days")
        self._spans = QButtonGroup(self)
        for button, span in ((self.week_button, Span.WEEK), (self.month_button, Span.MONTH)):
            button.setCheckable(True)
            self._spans.addButton(button, span.value)
        self.week_button.setChecked(True)
        self._spans.idToggled.connect(self._span_toggled)

        self.export_button = QPushButton("Export")
        self.export_button.setToolTip("Write every event in the history to a file you choose")
        menu = QMenu(self.export_button)
        self.export_csv = QAction("As CSV, for spreadsheets…", menu)
        self.export_json = QAction("As JSON…", menu)
        self.export_csv.triggered.connect(lambda: self.ask_export_file(ExportFormat.CSV))
        self.export_json.triggered.connect(lambda: self.ask_export_file(ExportFormat.JSON))
        menu.addAction(self.export_csv)
        menu.addAction(self.export_json)
        self.export_button.setMenu(menu)

        controls = QHBoxLayout()
        controls.addWidget(self.week_button)
        controls.addWidget(self.month_button)
        controls.addStretch(1)
        controls.addWidget(self.export_button)

        self.charts = [Chart() for _ in range(5)]
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(14)
        for index, chart in enumerate(self.charts):
            grid.addWidget(chart, index // 2, index % 2)

        streak_heading = QLabel("Streaks")
        streak_heading.setFont(_scaled(self.font(), 1.0, bold=True))
        self.streaks = QLabel()
        self.streaks.setWordWrap(True)
        self.streaks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        streak_box = QVBoxLayout()
        streak_box.addWidget(streak_heading)
        streak_box.addWidget(self.streaks)
        streak_box.addStretch(1)
        grid.addLayout(streak_box, 2, 1)

        self.status = QLabel(PRIVACY_NOTE)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(heading)
        layout.addLayout(tiles)
        layout.addSpacing(6)
        layout.addLayout(controls)
        layout.addLayout(grid, 1)
        layout.addWidget(self.status)
        line = self.fontMetrics().height()
        self.resize(line * 58, line * 46)

    @property
    def span(self) -> Span:
        return Span(self._spans.checkedId())

    def show_report(self, report: ProgressReport, pack_titles: Mapping[str, str] | None = None) -> None:
        self._report = report
        self._titles = pack_titles or {}
        today = report.today
        self.heading.setText(f"Today, {day_text(today.day)}")
        self.tiles["sitting"].set_value(duration_text(today.sitting))
        self.tiles["standing"].set_value(duration_text(today.standing))
        self.tiles["longest"].set_value(duration_text(today.longest_sit))
        self.tiles["prompts"].set_value(
            f"{today.prompts_acted_on} acted on",
            f"of {count_text(today.prompts_shown, 'prompt')} · {count_text(today.snoozes, 'snooze')} · "
            f"{today.prompts_skipped} skipped",
        )
        self.tiles["done"].set_value(
            count_text(today.routines_done, "routine"),
            f"and {count_text(today.sessions_done, 'session')} done",
        )
        self.streaks.setText(
            "\n".join(streak_text(streak, self._titles) for streak in report.streaks)
            or "Scheduled sessions show a streak here once they have been due."
        )
        self._draw_charts()

    def show_unavailable(self, message: str) -> None:
        """The history cannot be read or kept: say so above the (empty) numbers."""
        self.banner.setText(message)
        self.banner.setVisible(True)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def ask_export_file(self, fmt: ExportFormat) -> None:
        """Open a save dialog; choosing a file emits export_requested."""
        suffix = fmt.value
        today = self._report.today.day if self._report is not None else None
        dialog = QFileDialog(self, "Export the history")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix(suffix)
        dialog.setNameFilter("CSV files (*.csv)" if fmt is ExportFormat.CSV else "JSON files (*.json)")
        dialog.selectFile(f"deskbreak-history{'' if today is None else f'-{today.isoformat()}'}.{suffix}")
        dialog.fileSelected.connect(
            lambda chosen: self.export_requested.emit(ExportRequest(Path(chosen), fmt))
        )
        self.export_dialog = dialog
        dialog.open()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_requested.emit()

    def _span_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._draw_charts()

    def _draw_charts(self) -> None:
        if self._report is None:
            return
        for chart, data in zip(self.charts, charts_for(self._report.last(self.span.value)), strict=True):
            chart.set_data(data)


class _Tile(QFrame):
    """A big number over a small caption."""

    def __init__(self, caption: str, font: QFont) -> None:
        super().__init__()
        self.setObjectName("progressTile")
        self.setStyleSheet("#progressTile { border: 1px solid palette(mid); border-radius: 8px; }")
        self.value = QLabel("—")
        self.value.setFont(_scaled(font, 1.5, bold=True))
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def set_value(self, text: str, caption: str | None = None) -> None:
        self.value.setText(text)
        if caption is not None:
            self.caption.setText(caption)
        self.setAccessibleName(f"{text} {self.caption.text()}")


def _scaled(font: QFont, factor: float, *, bold: bool) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(font.pointSizeF() * factor)
    scaled.setBold(bold)
    return scaled


# --- wiring to a store ---------------------------------------------------------------------------


def connect_progress(
    window: ProgressWindow,
    store: HistoryStore | None,
    tz: tzinfo,
    clock: Clock,
    *,
    pack_titles: Mapping[str, str] | None = None,
    unavailable: str | None = None,
) -> Callable[[], None]:
    """Refresh the window from `store` whenever it is shown, and export on request.

    `store` None (history could not be opened): the window says `unavailable` and shows nothing.
    Returns the refresh function, for the app to call when it wants fresh numbers.
    """

    def refresh() -> None:
        if store is None:
            window.show_unavailable(unavailable or "deskbreak is running without history.")
            return
        try:
            window.show_report(progress_report(store, tz, clock.now(), live=True), pack_titles)
        except HistoryReadError as exc:
            window.show_unavailable(str(exc))

    def export(request: ExportRequest) -> None:
        if store is None:
            window.show_status("There is no history to export.")
            return
        try:
            count = write_export(request.path, store.rows(), request.fmt, tz)
        except (OSError, HistoryReadError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            window.show_status(f"Could not export to {request.path}: {reason}")
            return
        window.show_status(f"Exported {count_text(count, 'event')} to {request.path}.")

    window.refresh_requested.connect(refresh)
    window.export_requested.connect(export)
    return refresh
