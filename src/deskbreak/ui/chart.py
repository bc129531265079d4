"""A small chart for the Progress window: bars, stacked bars and a line, drawn with QPainter.

A tray process should not carry a plotting library for five charts (pyqtgraph with numpy adds
about 61 MB of memory and 250 ms of import; QtCharts needs the 417 MB add-ons wheel). Colours
come from the palette (highlight for what is good to see more of, a neutral tone for sitting and
skips), so the light and dark themes need no special cases. Every chart has an accessible name
and a description that reads out each day's values, and a tooltip per day.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import assert_never

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

GRID_LINES = 4


class Style(enum.Enum):
    BAR = "bar"  # side by side with the other bar series in a day's slot
    STACK = "stack"  # stacked with the other stack series in one bar
    LINE = "line"  # points joined across the days; a missing value breaks the line


class Tone(enum.Enum):
    """Palette-derived colours, by meaning rather than by hue."""

    STRONG = "strong"  # the highlight: moving, breaks taken, routines, the check-in
    SOFT = "soft"  # the highlight toward the background: standing
    NEUTRAL = "neutral"  # text toward the background: sitting, skipped, longest sit


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    style: Style
    tone: Tone


@dataclass(frozen=True)
class Guide:
    """A dashed horizontal line with a label, such as the 60-minute mark on the longest sit."""

    value: float
    label: str


@dataclass(frozen=True)
class ChartData:
    title: str
    labels: tuple[str, ...]  # short, under the axis ("Mon", "23")
    day_names: tuple[str, ...]  # long, for tooltips and the accessible description
    series: tuple[Series, ...]
    value_text: Callable[[float], str]
    steps: tuple[float, ...] = (1, 2, 5, 10, 20, 50, 100)  # candidate gaps between grid lines
    y_max: float | None = None  # a fixed scale (the 0-10 check-in); else from the data
    guide: Guide | None = None
    empty_text: str = "Nothing recorded on these days yet."

    def describe(self) -> str:
        """Each day's values as one sentence, for screen readers."""
        days = []
        for index, name in enumerate(self.day_names):
            parts = [
                f"{series.name.lower()} {self.value_text(value)}"
                for series in self.series
                if (value := series.values[index]) is not None
            ]
            days.append(f"{name}: {', '.join(parts) if parts else 'nothing recorded'}")
        return f"{self.title}. " + "; ".join(days) + "."

    @property
    def is_empty(self) -> bool:
        return all(not value for series in self.series for value in series.values)


def tone_color(palette: QPalette, tone: Tone) -> QColor:
    highlight = palette.color(QPalette.ColorRole.Highlight)
    base = palette.color(QPalette.ColorRole.Base)
    match tone:
        case Tone.STRONG:
            return highlight
        case Tone.SOFT:  # a lighter tint of the highlight on either theme
            text = palette.color(QPalette.ColorRole.Text)
            return _mix(highlight, base, 0.5) if base.lightness() >= 128 else _mix(highlight, text, 0.4)
        case Tone.NEUTRAL:
            return _mix(palette.color(QPalette.ColorRole.Text), base, 0.55)
    assert_never(tone)


class Chart(QWidget):
    """Draws one ChartData; it shows and never decides."""

    def __init__(self, data: ChartData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self._data: ChartData | None = None
        self._slots: list[QRectF] = []
        if data is not None:
            self.set_data(data)

    @property
    def data(self) -> ChartData | None:
        return self._data

    def set_data(self, data: ChartData) -> None:
        self._data = data
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(data.describe())
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 24, line * 11)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 14, line * 8)

    # --- drawing ---------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        data = self._data
        if data is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = self.fontMetrics()
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(2, 2, -2, -2)

        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(
            area.adjusted(0, 0, 0, -area.height() + line), Qt.AlignmentFlag.AlignLeft, data.title
        )
        painter.setFont(self.font())
        legend_bottom = self._draw_legend(painter, data, area.adjusted(0, line * 1.2, 0, 0), palette)

        scale_max = self._scale_max(data)
        step = _step(scale_max, data.steps)
        top = step * math.ceil(scale_max / step) if data.y_max is None else data.y_max
        tick_width = max(metrics.horizontalAdvance(data.value_text(step * i)) for i in range(GRID_LINES + 2))
        plot = QRectF(
            area.left() + tick_width + 6,
            legend_bottom + line * 0.6,
            area.width() - tick_width - 8,
            area.bottom() - legend_bottom - line * 2.0,
        )
        if plot.height() < line or plot.width() < line:
            painter.end()
            return
        self._draw_grid(painter, data, plot, top, step, palette)
        self._slots = [
            QRectF(
                plot.left() + plot.width() * i / len(data.labels),
                plot.top(),
                plot.width() / len(data.labels),
                plot.height(),
            )
            for i in range(len(data.labels))
        ]
        self._draw_bars(painter, data, plot, top, palette)
        self._draw_lines(painter, data, plot, top, palette)
        self._draw_guide(painter, data, plot, top, palette)
        self._draw_labels(painter, data, plot, palette)
        if data.is_empty:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, data.empty_text)
        painter.end()

    def _scale_max(self, data: ChartData) -> float:
        if data.y_max is not None:
            return data.y_max
        highest = 0.0
        for index in range(len(data.labels)):
            stacked = sum(s.values[index] or 0 for s in data.series if s.style is Style.STACK)
            single = max((s.values[index] or 0 for s in data.series if s.style is not Style.STACK), default=0)
            highest = max(highest, stacked, single)
        if data.guide is not None:
            highest = max(highest, data.guide.value)
        return highest or 1

    def _draw_legend(self, painter: QPainter, data: ChartData, area: QRectF, palette: QPalette) -> float:
        metrics = self.fontMetrics()
        box = metrics.height() * 0.7
        x, y = area.left(), area.top()
        for series in data.series:
            width = box + 6 + metrics.horizontalAdvance(series.name) + 14
            if x + width > area.right() and x > area.left():
                x, y = area.left(), y + metrics.height()
            color = tone_color(palette, series.tone)
            centre_y = y + metrics.height() / 2
            if series.style is Style.LINE:
                painter.setPen(QPen(color, 2))
                painter.drawLine(QPointF(x, centre_y), QPointF(x + box, centre_y))
                painter.setBrush(color)
                painter.drawEllipse(QPointF(x + box / 2, centre_y), 2.5, 2.5)
            else:
                painter.fillRect(QRectF(x, centre_y - box / 2, box, box), color)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(QPointF(x + box + 6, y + metrics.ascent()), series.name)
            x += width
        return y + metrics.height()

    def _draw_grid(
        self, painter: QPainter, data: ChartData, plot: QRectF, top: float, step: float, palette: QPalette
    ) -> None:
        metrics = self.fontMetrics()
        grid = QColor(palette.color(QPalette.ColorRole.Text))
        grid.setAlphaF(0.12)
        label_color = palette.color(QPalette.ColorRole.PlaceholderText)
        value = 0.0
        while value <= top + 1e-9:
            y = _y(plot, value, top)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(label_color)
            text = data.value_text(value)
            painter.drawText(
                QRectF(
                    plot.left() - metrics.horizontalAdvance(text) - 6,
                    y - metrics.height() / 2,
                    metrics.horizontalAdvance(text) + 2,
                    metrics.height(),
                ),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            value += step

    def _draw_bars(
        self, painter: QPainter, data: ChartData, plot: QRectF, top: float, palette: QPalette
    ) -> None:
        # Groups side by side in series order; all STACK series share one group, where the first is.
        groups: list[list[Series]] = []
        stack: list[Series] | None = None
        for series in data.series:
            if series.style is Style.BAR:
                groups.append([series])
            elif series.style is Style.STACK:
                if stack is None:
                    stack = []
                    groups.append(stack)
                stack.append(series)
        if not groups:
            return
        for index, slot in enumerate(self._slots):
            inner = slot.width() * 0.72
            width = inner / len(groups)
            left = slot.center().x() - inner / 2
            for group in groups:
                base = 0.0
                for series in group:
                    value = series.values[index] or 0
                    if value > 0:
                        painter.fillRect(
                            _bar(plot, left, width, base, base + value, top), tone_color(palette, series.tone)
                        )
                    base += value
                left += width

    def _draw_lines(
        self, painter: QPainter, data: ChartData, plot: QRectF, top: float, palette: QPalette
    ) -> None:
        # Days in a row are joined by a solid line; across days without a value, a dotted one.
        for series in (s for s in data.series if s.style is Style.LINE):
            color = tone_color(palette, series.tone)
            points = [
                (index, QPointF(slot.center().x(), _y(plot, value, top)))
                for index, slot in enumerate(self._slots)
                if (value := series.values[index]) is not None
            ]
            for (before, start), (after, end) in pairwise(points):
                style = Qt.PenStyle.SolidLine if after == before + 1 else Qt.PenStyle.DotLine
                painter.setPen(QPen(color, 2 if after == before + 1 else 1, style))
                painter.drawLine(start, end)
            painter.setPen(QPen(color, 1))
            painter.setBrush(color)
            for _, point in points:
                painter.drawEllipse(point, 3, 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _draw_guide(
        self, painter: QPainter, data: ChartData, plot: QRectF, top: float, palette: QPalette
    ) -> None:
        if data.guide is None:
            return
        y = _y(plot, data.guide.value, top)
        pen = QPen(palette.color(QPalette.ColorRole.WindowText), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        metrics = self.fontMetrics()
        text_width = metrics.horizontalAdvance(data.guide.label)
        painter.drawText(QPointF(plot.right() - text_width - 2, y - 3), data.guide.label)

    def _draw_labels(self, painter: QPainter, data: ChartData, plot: QRectF, palette: QPalette) -> None:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(label) for label in data.labels), default=0) + 6
        every = max(1, math.ceil(widest / (plot.width() / max(1, len(data.labels)))))
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        last = len(data.labels) - 1
        for index, (label, slot) in enumerate(zip(data.labels, self._slots, strict=True)):
            if (last - index) % every:
                continue  # count back from today, so today always has its label
            rect = QRectF(slot.center().x() - widest / 2, plot.bottom() + 2, widest, metrics.height())
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)

    # --- tooltips --------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, point: QPointF) -> str:
        """The values of the day under `point`, or "" outside the plot."""
        data = self._data
        if data is None:
            return ""
        for index, slot in enumerate(self._slots):
            if slot.contains(point):
                values = [
                    f"{series.name}: {data.value_text(value)}"
                    for series in data.series
                    if (value := series.values[index]) is not None
                ]
                return "\n".join([data.day_names[index], *values])
        return ""


def _step(highest: float, steps: Sequence[float]) -> float:
    for step in steps:
        if highest / step <= GRID_LINES:
            return step
    return steps[-1] * math.ceil(highest / (steps[-1] * GRID_LINES))


def _y(plot: QRectF, value: float, top: float) -> float:
    return plot.bottom() - plot.height() * min(value, top) / top


def _bar(plot: QRectF, left: float, width: float, low: float, high: float, top: float) -> QRectF:
    gap = min(2.0, width * 0.15)
    return QRectF(
        QPointF(left + gap / 2, _y(plot, high, top)), QPointF(left + width - gap / 2, _y(plot, low, top))
    )


def _mix(one: QColor, other: QColor, share_of_other: float) -> QColor:
    keep = 1 - share_of_other
    return QColor.fromRgbF(
        one.redF() * keep + other.redF() * share_of_other,
        one.greenF() * keep + other.greenF() * share_of_other,
        one.blueF() * keep + other.blueF() * share_of_other,
    )
