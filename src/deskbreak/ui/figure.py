"""Shows an exercise's picture: a user's own file, or a figure that moves in time with the tempo.

A still figure is drawn from its rendered file (the file `routines show --json` names), recoloured
for the theme; a moving one is drawn from its pose data every frame, at the pose `core/figures/
motion.py` gives for the seconds into the step, so the animation follows the player's clock and
stops when it pauses. The frame timer runs only while a figure moves and the widget is visible.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, QTimer
from PySide6.QtGui import QHideEvent, QPainter, QPaintEvent, QPalette, QPixmap, QShowEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from deskbreak.core.figures.colours import Palette
from deskbreak.core.figures.drawing import VIEW_HEIGHT, VIEW_WIDTH, Stage, draw, stage_for
from deskbreak.core.figures.model import Figure, Pose, Side
from deskbreak.core.figures.motion import Motion
from deskbreak.core.figures.svg import render_svg, with_palette

FRAME_MS = 50  # 20 frames a second while a figure moves; slow exercise tempos need no more
ASPECT = VIEW_WIDTH / VIEW_HEIGHT


class FigureView(QWidget):
    """Draws one picture, centred and as large as the widget allows, keeping its proportions."""

    def __init__(self, parent: QWidget | None = None, *, minimum: QSize | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(minimum or QSize(120, 96))
        self.setAccessibleName("Illustration")
        self._renderer: QSvgRenderer | None = None
        self._pixmap: QPixmap | None = None
        self._figure: Figure | None = None
        self._side: Side | None = None
        self._stage: Stage | None = None
        self._motion: Motion | None = None
        self._seconds: Callable[[], float] | None = None
        self._still_svg: str | None = None
        self._pose: Pose | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        self._painted: Pose | None = None  # last drawn: a figure resting at a keyframe is not redrawn

    # --- what to show -----------------------------------------------------------------------------

    def show_picture(self, path: Path, description: str = "") -> None:
        """A user's own SVG or PNG, as it is."""
        self._reset()
        if path.suffix.lower() == ".svg":
            renderer = QSvgRenderer(str(path))
            self._renderer = renderer if renderer.isValid() else None
        else:
            pixmap = QPixmap(str(path))
            self._pixmap = pixmap if not pixmap.isNull() else None
        self._describe(description)
        self.update()

    def show_figure(
        self,
        figure: Figure,
        side: Side | None,
        motion: Motion,
        *,
        seconds: Callable[[], float] | None = None,
        still_file: Path | None = None,
        description: str = "",
    ) -> None:
        """A figure: moving with `seconds` (into the step) when the motion moves, else still."""
        if (figure, side, motion) == (self._figure, self._side, self._motion) and seconds is self._seconds:
            return
        self._reset()
        self._figure, self._side, self._motion, self._seconds = figure, side, motion, seconds
        self._stage = stage_for(figure)
        if motion.is_still or seconds is None:
            self._still_svg = _read(still_file)
            self._pose = motion.pose(0.0)
        self._describe(description)
        self.set_running(True)
        self.update()

    def clear(self) -> None:
        self._reset()
        self._describe("")
        self.update()

    def set_running(self, running: bool) -> None:
        """Animate only while something moves, the player runs and the widget can be seen."""
        moving = self._motion is not None and not self._motion.is_still and self._seconds is not None
        if running and moving and self.isVisible():
            self.timer.start()
        else:
            self.timer.stop()

    @property
    def is_animating(self) -> bool:
        return self.timer.isActive()

    def current_pose(self) -> Pose | None:
        """The pose drawn now: a still figure's, or the moving one's at this moment of the step."""
        if self._figure is None or self._motion is None:
            return None
        if self._pose is not None:
            return self._pose
        assert self._seconds is not None
        return self._motion.pose(self._seconds())

    # --- Qt ---------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(680, round(680 / ASPECT))

    def hasHeightForWidth(self) -> bool:
        return False  # the picture keeps its proportions inside whatever room the layout gives

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.set_running(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer = self._figure_renderer() if self._figure is not None else self._renderer
        if renderer is not None:
            box = renderer.viewBoxF()
            aspect = box.width() / box.height() if box.height() > 0 else ASPECT
            renderer.render(painter, self._target(aspect))
        elif self._pixmap is not None:
            aspect = self._pixmap.width() / max(1, self._pixmap.height())
            painter.drawPixmap(self._target(aspect).toRect(), self._pixmap)
        painter.end()

    # --- internals --------------------------------------------------------------------------------

    def _tick(self) -> None:
        if self.current_pose() != self._painted:
            self.update()

    def _figure_renderer(self) -> QSvgRenderer | None:
        assert self._figure is not None
        palette = self.theme_palette()
        if self._still_svg is not None:
            svg = with_palette(self._still_svg, palette)
        else:
            pose = self.current_pose()
            assert pose is not None
            svg = render_svg(draw(self._figure, pose, self._side, self._stage), palette)
            self._painted = pose
        renderer = QSvgRenderer(QByteArray(svg.encode()))
        return renderer if renderer.isValid() else None

    def theme_palette(self) -> Palette:
        """Figure colours from this widget's palette, so light and dark themes both read."""
        colours = self.palette()
        return Palette.for_theme(
            colours.color(QPalette.ColorRole.WindowText).name(),
            colours.color(QPalette.ColorRole.Window).name(),
        )

    def _target(self, aspect: float) -> QRectF:
        width, height = self.width(), self.height()
        if width / max(1, height) > aspect:
            fitted = QRectF(0, 0, height * aspect, height)
        else:
            fitted = QRectF(0, 0, width, width / aspect)
        fitted.moveCenter(QRectF(self.rect()).center())
        return fitted

    def _describe(self, description: str) -> None:
        self.setAccessibleDescription(description)
        self.setToolTip(description)

    def _reset(self) -> None:
        self.timer.stop()
        self._renderer = self._pixmap = None
        self._figure = self._side = self._stage = self._motion = self._seconds = None
        self._still_svg = None
        self._pose = None
        self._painted = None


def _read(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except OSError:  # the cache went away: draw from the pose data instead
        return None
