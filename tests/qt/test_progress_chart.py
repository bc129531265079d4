"""The QPainter chart: draws in palette colours, reads out its values, and shows a day's tooltip."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from deskbreak.ui.chart import Chart, ChartData, Guide, Series, Style, Tone, tone_color

from .progress_data import dark_palette


def data(*series: Series, guide: Guide | None = None) -> ChartData:
    return ChartData(
        "Minutes in routines",
        ("Mon", "Tue"),
        ("Monday 23 November", "Tuesday 24 November"),
        series,
        lambda value: f"{value:g} min",
        guide=guide,
    )


def routines(monday: float | None, tuesday: float | None, style: Style = Style.BAR) -> Series:
    return Series("Routines", (monday, tuesday), style, Tone.STRONG)


def shown(qtbot: QtBot, chart_data: ChartData, palette: QPalette | None = None) -> Chart:
    chart = Chart(chart_data)
    if palette is not None:
        chart.setPalette(palette)
    chart.resize(400, 220)
    qtbot.addWidget(chart)
    return chart


def pixels_of(image: QImage, colour: QColor) -> list[int]:
    """The x positions of pixels in exactly `colour` in the lower half (below the title and legend)."""
    return [
        x
        for y in range(image.height() // 2, image.height())
        for x in range(image.width())
        if image.pixelColor(x, y) == colour
    ]


def test_a_bar_is_drawn_in_the_palettes_highlight_over_its_day(qtbot: QtBot) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#c01c28"))
    chart = shown(qtbot, data(routines(0, 30)), palette)
    xs = pixels_of(chart.grab().toImage(), QColor("#c01c28"))
    assert xs
    assert min(xs) > chart.width() / 2  # Tuesday is the right half


def test_a_chart_of_zeros_draws_no_bars(qtbot: QtBot) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#c01c28"))
    chart = shown(qtbot, data(routines(0, 0)), palette)
    assert pixels_of(chart.grab().toImage(), QColor("#c01c28")) == []


def test_the_tones_follow_the_palette_in_light_and_dark() -> None:
    light, dark = QPalette(), dark_palette()
    light.setColor(QPalette.ColorRole.Highlight, QColor("#3d8ee0"))
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    assert tone_color(light, Tone.STRONG) == tone_color(dark, Tone.STRONG) == QColor("#3d8ee0")
    for palette in (light, dark):  # the soft tint is lighter than the highlight on both themes
        assert tone_color(palette, Tone.SOFT).lightness() > tone_color(palette, Tone.STRONG).lightness()


def test_the_accessible_name_is_the_title_and_the_description_reads_every_day(qtbot: QtBot) -> None:
    chart = shown(qtbot, data(routines(5, None), Series("Sitting", (300, 240), Style.BAR, Tone.NEUTRAL)))
    assert chart.accessibleName() == "Minutes in routines"
    assert chart.accessibleDescription() == (
        "Minutes in routines. Monday 23 November: routines 5 min, sitting 300 min; "
        "Tuesday 24 November: sitting 240 min."
    )


def test_the_tooltip_names_the_day_under_the_pointer_and_its_values(qtbot: QtBot) -> None:
    chart = shown(qtbot, data(routines(5, 12)))
    chart.grab()  # lays out the slots
    assert (
        chart.tooltip_at(QPointF(chart.width() * 0.75, chart.height() / 2))
        == "Tuesday 24 November\nRoutines: 12 min"
    )
    assert chart.tooltip_at(QPointF(1, 1)) == ""


def test_a_line_series_is_drawn_too(qtbot: QtBot) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#c01c28"))
    chart = shown(qtbot, data(routines(2, 8, Style.LINE)), palette)
    xs = pixels_of(chart.grab().toImage(), QColor("#c01c28"))
    assert any(x < chart.width() / 2 for x in xs)
    assert any(x > chart.width() / 2 for x in xs)


def test_an_empty_chart_says_so() -> None:
    assert data(routines(0, None)).is_empty
    assert not data(routines(0, 1)).is_empty
