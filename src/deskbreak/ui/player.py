"""The routine player window: followed from a metre or two away, exact about time.

The picture is the largest thing on the page; beside it, in type that scales with the window,
the side being worked ("LEFT HIP"), the countdown and the rep. Under them one short line says
what to do now, naming the limb. Before each exercise a get-ready moment shows the position to
take (and says when it differs from the last one) without taking time from the exercise. What
comes next is always visible. Every start shows what a pack needs and its sources; its cautions
come in full the first time and as a one-line reminder with a way to read them again after.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QCursor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from deskbreak.core import safety
from deskbreak.core.coaching import cue_line, lead_in_line, next_position, spoken, tone_for
from deskbreak.core.figures.book import FigureBook
from deskbreak.core.figures.colours import TEXT_CONTRAST, Palette, contrast, readable
from deskbreak.core.figures.images import Generated, Picture, image_file, image_for
from deskbreak.core.figures.model import Figure
from deskbreak.core.figures.motion import Motion, motion_for
from deskbreak.core.player import Cue, PlayerView, RoutinePlayer
from deskbreak.core.routines.describe import dose_source_text, positions_text
from deskbreak.core.routines.model import Exercise, Pack, Position, Source
from deskbreak.core.routines.plan import Segment, Side, Timeline
from deskbreak.core.routines.wording import clock_text, heading, next_text, set_text, side_text
from deskbreak.core.safety import Reference
from deskbreak.core.settings import RoutineSettings
from deskbreak.desktop.sound import SoundPlayer
from deskbreak.desktop.voice import Voice
from deskbreak.ui.figure import FigureView
from deskbreak.ui.icons import app_icon

REDRAW_MS = 200  # a few redraws a second; the time itself comes from the monotonic clock
SAFETY_LINE = "Stop if you feel sharp or shooting pain."
WARNING = "#c64600"
MINIMUM = QSize(500, 400)
SMALLEST_SCALE = 0.3
ROOM_FOR_PICTURE = 120  # what the numbered steps must leave to the picture before they are shown
NARROW = 720  # below this width the control buttons show their icons only
DEFAULT = QSize(1000, 680)  # the size the type scale is drawn for
START_POSITION: Position = "sitting"  # a routine is offered to someone who has been sitting
DEFAULT_LEAD_IN = RoutineSettings.model_fields["lead_in_seconds"].default


@dataclass(frozen=True)
class PlayerOptions:
    """What the app passes beyond the pack: one value, so wiring the window stays a small change."""

    lead_in_seconds: float = DEFAULT_LEAD_IN
    voice: Voice | None = None
    figures: FigureBook | None = None  # None: the bundled figures and the user's, loaded on open
    cache_dir: Path | None = None  # None: the user's cache folder
    last_time: Mapping[str, str] = field(default_factory=dict)  # exercise id -> last time's sets, in words


# Type sizes in pixels at the default window size; everything scales with the window.
_TYPE = {
    "title": 18,
    "where": 15,
    "state": 28,
    "name": 30,
    "badge": 62,
    "countdown": 116,
    "rep": 62,
    "cue": 34,
    "cues": 15,
    "caution": 17,
    "next": 17,
    "safety": 14,
    "page": 17,
}
_MINIMUM_TYPE = 11


class PlayerWindow(QWidget):
    """Plays one pack. Keys: Space pause/resume, → next, ← previous, R restart, F full screen, Esc end.

    Signals:
        ended(RoutineReport): the routine finished or the user ended it; sent once.
        cautions_read(str): the user read this pack's cautions in full and started it.
    """

    ended = Signal(object)
    cautions_read = Signal(str)

    def __init__(
        self,
        pack: Pack,
        timeline: Timeline,
        exercises: dict[str, Exercise],
        elapsed: Callable[[], float],
        sounds: SoundPlayer | None,
        show_cautions: bool,
        image_for: Callable[[Exercise], Path | None] = lambda exercise: None,
        size: QSize | None = None,
        options: PlayerOptions | None = None,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.pack = pack
        self.options = options or PlayerOptions()
        self._exercises = exercises
        self._elapsed = elapsed
        self._sounds = sounds
        self._first_time = show_cautions
        self.player = RoutinePlayer(timeline, len(pack.steps), self.options.lead_in_seconds)
        self._reported = False
        self.started_at: float | None = None  # the monotonic time the routine began
        self._pictures = {
            exercise_id: path
            for exercise_id in {s.exercise_id for s in timeline.segments if s.exercise_id}
            if exercise_id in exercises and (path := image_for(exercises[exercise_id])) is not None
        }
        self._book = self.options.figures or _load_figures(exercises)
        self._cache_dir = self.options.cache_dir or _cache_dir()
        self._stills: dict[tuple[str, str | None, bool], Path | None] = {}
        self._lines, self._lead_ins = self._words(timeline)
        self._first_step = _first_steps(timeline)
        self.setWindowTitle(f"{pack.title} — deskbreak")
        self.setWindowIcon(app_icon())
        self.setAccessibleName(f"Routine player: {pack.title}")
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.refresh)
        self._labels: dict[str, list[QLabel]] = {}
        self._captions: dict[QPushButton, str] = {}
        self._drawn_stage: tuple[int, bool] | None = None

        self.title = self._label("title", pack.title, bold=True)
        self.title.setObjectName("packTitle")
        self.where = self._label("where", "")
        self.where.setAccessibleName("Where you are")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setAccessibleName("Progress through the routine")

        self.pages = QStackedWidget()
        self.cautions_page = self._build_start_page()
        self.step_page = self._build_step_page()
        self.done_page = self._build_done_page()
        for page in (self.cautions_page, self.step_page, self.done_page):
            self.pages.addWidget(page)

        pixmaps = QStyle.StandardPixmap
        self.previous_button = self._control(
            "Previous", "Previous step (Left arrow)", self._previous, pixmaps.SP_MediaSkipBackward
        )
        self.pause_button = self._control(
            "Pause", "Pause or resume (Space)", self._toggle_pause, pixmaps.SP_MediaPause
        )
        self.next_button = self._control(
            "Next", "Next step (Right arrow)", self._next, pixmaps.SP_MediaSkipForward
        )
        self.restart_button = self._control(
            "Restart step", "Restart this step (R)", self._restart, pixmaps.SP_BrowserReload
        )
        self.full_screen_button = self._control(
            "Full screen", "Full screen on or off (F)", self.toggle_full_screen, pixmaps.SP_TitleBarMaxButton
        )
        self.end_button = self._control("End", "End the routine (Escape)", self._end, pixmaps.SP_MediaStop)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for button in (self.previous_button, self.pause_button, self.next_button, self.restart_button):
            controls.addWidget(button)
        controls.addWidget(self.safety, 1)
        controls.addWidget(self.full_screen_button)
        controls.addWidget(self.end_button)
        self.controls = QWidget()
        self.controls.setLayout(controls)
        self.end_question = self._build_end_question()

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.where)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.progress)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.end_question)
        layout.addWidget(self.controls)

        for keys, slot in (
            ((Qt.Key.Key_Space,), self._toggle_pause),
            ((Qt.Key.Key_Right,), self._next),
            ((Qt.Key.Key_Left,), self._previous),
            ((Qt.Key.Key_R,), self._restart),
            ((Qt.Key.Key_Escape,), self._end),
            ((Qt.Key.Key_F, Qt.Key.Key_F11), self.toggle_full_screen),
            ((Qt.Key.Key_C,), self._toggle_cautions),
        ):
            for key in keys:
                QShortcut(QKeySequence(key), self, slot)
        for first, second in (
            (self.previous_button, self.pause_button),
            (self.pause_button, self.next_button),
            (self.next_button, self.restart_button),
            (self.restart_button, self.full_screen_button),
            (self.full_screen_button, self.end_button),
        ):
            self.setTabOrder(first, second)

        self.setMinimumSize(MINIMUM)
        self.resize(size if size is not None else DEFAULT)
        self._apply_colours()
        self.pages.setCurrentWidget(self.cautions_page)
        self.controls.setVisible(False)
        self.where.setText(f"{len(pack.steps)} steps · {clock_text(timeline.total_seconds)}")
        self.start_button.setFocus()

    # --- building ---------------------------------------------------------------------------------

    def _build_start_page(self) -> QWidget:
        """What the pack is, needs and rests on; its cautions in full, or a reminder after the first time."""
        pack = self.pack
        body = QWidget()
        summary = self._label("page", f"{pack.summary}\n\nWhen: {pack.when_to_use}", wrap=True)
        needs = ", ".join(pack.equipment) if pack.equipment else "nothing but some room"
        self.needs = self._label(
            "page", f"Positions: {positions_text(pack.position)}.  You need: {needs}.", wrap=True, bold=True
        )
        self.needs.setAccessibleName("What this routine needs")
        self.full_cautions = QWidget()
        cautions = QVBoxLayout(self.full_cautions)
        cautions.setContentsMargins(0, 0, 0, 0)
        for title, items in (
            ("Skip it today if", pack.cautions.skip_if),
            ("Stop and see a professional if", pack.cautions.own_red_flags),
        ):
            if items:
                cautions.addWidget(self._label("page", _bullets(title, items), wrap=True, rich=True))
        cautions.addWidget(self._label("page", safety.as_html(), wrap=True, rich=True))
        self.reminder = self._label(
            "page",
            f"⚠ Skip it today if one of this pack's {_count(len(pack.cautions.skip_if), 'caution')} "
            "applies to you, and stop if pain travels down a leg.",
            wrap=True,
        )
        self.reminder.setAccessibleName("Reminder of the cautions")
        self.read_cautions_button = QPushButton("Read the cautions (C)")
        self.read_cautions_button.setAccessibleName("Read this pack's cautions again (C)")
        self.read_cautions_button.clicked.connect(self._toggle_cautions)
        reminder_row = QHBoxLayout()
        reminder_row.addWidget(self.reminder, 1)
        reminder_row.addWidget(self.read_cautions_button, 0, Qt.AlignmentFlag.AlignTop)
        self.sources = self._label("page", "", wrap=True, rich=True)
        self.sources.setOpenExternalLinks(True)
        self.sources.setAccessibleName("Sources")
        content = QVBoxLayout(body)
        content.addWidget(summary)
        content.addWidget(self.needs)
        content.addLayout(reminder_row)
        content.addWidget(self.full_cautions)
        content.addWidget(self.sources)
        content.addStretch(1)
        self.full_cautions.setVisible(self._first_time)
        self.reminder.setVisible(not self._first_time)
        self.read_cautions_button.setVisible(not self._first_time)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.start_button = QPushButton("Start the routine")
        self.start_button.setDefault(True)
        self.start_button.setAccessibleName("Start the routine (Enter)")
        self.start_button.clicked.connect(self._start)
        not_now = QPushButton("Not now")
        not_now.setAccessibleName("Not now: close the player (Escape)")
        not_now.clicked.connect(self._end)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(not_now)
        buttons.addWidget(self.start_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        return page

    def _build_step_page(self) -> QWidget:
        self.safety = self._label("safety", f"⚠ {SAFETY_LINE}", wrap=True)
        self.safety.setObjectName("safety")
        self.safety.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.figure = FigureView(minimum=QSize(150, 120))
        self.state = self._label("state", "", bold=True)
        self.state.setAccessibleName("What is happening")
        self.exercise_name = self._label("name", "", bold=True, wrap=True)
        self.exercise_name.setObjectName("exerciseName")
        self.exercise_name.setAccessibleName("Exercise")
        self.side = self._label("badge", "", bold=True)
        self.side.setAccessibleName("Side")
        self.countdown = self._label("countdown", "", bold=True)
        self.countdown.setObjectName("countdown")
        self.countdown.setAccessibleName("Time left")
        self.rep_counter = self._label("rep", "")
        self.rep_counter.setAccessibleName("Rep")
        info = QVBoxLayout()
        info.setContentsMargins(0, 0, 0, 0)
        info.setSpacing(2)
        for label in (self.state, self.exercise_name, self.side, self.countdown, self.rep_counter):
            info.addWidget(label)
        info.addStretch(1)
        self.info = QWidget()
        self.info.setLayout(info)
        self.main = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.main.addWidget(self.figure, 3)
        self.main.addWidget(self.info, 2)

        self.cue = self._label("cue", "", bold=True, wrap=True)
        self.cue.setObjectName("cue")
        self.cue.setAccessibleName("What to do now")
        self.caution = self._label("caution", "", wrap=True)
        self.caution.setObjectName("caution")
        self.caution.setAccessibleName("Caution for this exercise")
        self.caution_box = QFrame()
        self.caution_box.setFrameShape(QFrame.Shape.StyledPanel)
        self._caution_layout = QVBoxLayout(self.caution_box)
        self._caution_layout.setContentsMargins(8, 4, 8, 4)
        self._caution_layout.addWidget(self.caution)
        self.cues = self._label("cues", "", wrap=True, rich=True)
        self.cues.setAccessibleName("All the steps of this exercise")
        self.note = self._label("cues", "", wrap=True)
        self.note.setStyleSheet("font-style: italic;")
        self.next_figure = FigureView(minimum=QSize(70, 56))
        self.next_figure.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.next_figure.setAccessibleName("Next exercise")
        self.next_label = self._label("next", "", wrap=True)
        self.next_label.setObjectName("next")
        self.next_label.setAccessibleName("What comes next")
        upcoming = QHBoxLayout()
        upcoming.addWidget(self.next_figure)
        upcoming.addWidget(self.next_label, 1)

        page = QWidget()
        layout = self._step_layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.main, 1)
        layout.addWidget(self.cue)
        layout.addWidget(self.caution_box)
        layout.addWidget(self.cues)
        layout.addWidget(self.note)
        layout.addLayout(upcoming)
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        self.done_text = self._label("name", "", bold=True, wrap=True)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        close = QPushButton("Close")
        close.setAccessibleName("Close the player")
        close.clicked.connect(self._end)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.done_text)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        return page

    # --- running ----------------------------------------------------------------------------------

    def begin(self) -> None:
        self.pages.setCurrentWidget(self.step_page)
        self.controls.setVisible(True)
        self.started_at = self._elapsed()
        self._announce(self.player.start(self.started_at))
        self.pause_button.setFocus()
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Advance the player to now, sound due cues and redraw; the timer calls this while running."""
        now = self._elapsed()
        self._announce(self.player.advance(now))
        view = self.player.view(now)
        if view.is_finished:
            self._show_done()
            return
        self._draw(view)

    def open_centred(self) -> None:
        """Open on the screen under the pointer, no larger than it, centred."""
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        self.resize(self.size().boundedTo(available.size()).expandedTo(MINIMUM.boundedTo(available.size())))
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(frame.topLeft())
        self.show()
        self.raise_()
        self.activateWindow()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _draw(self, view: PlayerView) -> None:
        segment = view.segment
        source = f" · {dose_source_text(segment.dose_source)}" if segment.kind == "exercise" else ""
        self.where.setText(f"Step {view.step_number} of {view.steps_total}{source}")
        self.progress.setValue(round(view.progress * 1000))
        self.countdown.setText(clock_text(view.remaining_seconds))
        sets = f" · {set_text(segment)}" if set_text(segment) and segment.kind != "rest" else ""
        if view.is_lead_in:
            self.state.setText("GET READY")
            self.exercise_name.setText(heading(segment) + sets)
            self.side.setText(self._side_label(segment, segment.side))
            self.rep_counter.setText(_dose_line(segment))
            self.cue.setText(self._lead_ins.get(view.index, ""))
        else:
            self.state.setText({"switch": "SWITCH SIDES", "rest": "REST", "exercise": ""}[segment.kind])
            self.exercise_name.setText((segment.name or heading(segment)) + sets)
            self.side.setText(
                self._side_label(segment, "right" if segment.kind == "switch" else segment.side)
            )
            self.rep_counter.setText(_rep_text(view))
            self.cue.setText(self._lines.get(view.index, ""))
        self.countdown.setAccessibleDescription(self.rep_counter.text())
        self._show_exercise_text(view)
        self._show_figure(view)
        self._show_next(view)
        stage = (view.index, view.is_lead_in)
        if stage != self._drawn_stage:  # new words to fit: the type scale is worked out again
            self._drawn_stage = stage
            self._rescale()
        paused = view.is_paused
        self._caption(self.pause_button, "Resume" if paused else "Pause")
        self.pause_button.setIcon(
            self.style().standardIcon(
                QStyle.StandardPixmap.SP_MediaPlay if paused else QStyle.StandardPixmap.SP_MediaPause
            )
        )
        self.setWindowTitle(f"{self.pack.title} — deskbreak" + (" (paused)" if paused else ""))

    def _show_exercise_text(self, view: PlayerView) -> None:
        segment = view.segment
        exercise = self._exercises.get(segment.exercise_id or "") if segment.kind != "rest" else None
        cautions = exercise.cautions if exercise is not None else ()
        first = exercise is not None and self._first_step.get(exercise.id) == segment.step_index
        self.caution.setText("\n".join(f"⚠ {line}" for line in cautions) if first else "")
        self.caution_box.setVisible(bool(first and cautions))
        steps = exercise.cues if exercise is not None and segment.kind == "exercise" else ()
        self.cues.setText(
            "<ol style='margin: 0'>" + "".join(f"<li>{_escape(cue)}</li>" for cue in steps) + "</ol>"
            if steps
            else ""
        )
        lines = [segment.note or ""] if segment.kind == "exercise" else []
        last = self.options.last_time.get(segment.exercise_id or "") if segment.kind == "exercise" else None
        if last:
            lines.append(last)
        self.note.setText("\n".join(line for line in lines if line))

    def _show_figure(self, view: PlayerView) -> None:
        segment = view.segment
        shown = segment
        if segment.kind == "rest" and segment.exercise_id is None:  # a pack's rest: show what comes
            shown = self._next_exercise(view.index) or segment
        side: Side | None = "right" if segment.kind == "switch" else shown.side
        image = (
            image_for(shown.exercise_id or "", side, self._pictures, self._book)
            if shown.exercise_id
            else None
        )
        moving = segment.kind == "exercise" and not view.is_lead_in
        describe = f"{shown.name}, {side} side" if side else (shown.name or "")
        match image:
            case None:
                self.figure.clear()
            case Picture(path=path):
                self.figure.show_picture(path, describe)
            case Generated(figure=figure):
                if moving:
                    motion = motion_for(figure, shown.dose_kind, shown.seconds_per_rep)
                    seconds = self._work_seconds
                else:
                    motion = Motion(figure, None, figure.still_index(is_hold=shown.dose_kind == "hold"))
                    seconds = None
                still = self._still_file(figure, side, shown)
                self.figure.show_figure(
                    figure, side, motion, seconds=seconds, still_file=still, description=describe
                )
        self.figure.set_running(not view.is_paused)

    def _show_next(self, view: PlayerView) -> None:
        """What follows this segment, in words and, for the next exercise, a small still picture."""
        self.next_label.setText(next_text(view.next_segment))
        target = self._next_exercise(view.index)
        image = (
            image_for(target.exercise_id or "", target.side, self._pictures, self._book) if target else None
        )
        match image:
            case Generated(figure=figure, side=side) if target is not None:
                still = Motion(figure, None, figure.still_index(is_hold=target.dose_kind == "hold"))
                self.next_figure.show_figure(
                    figure,
                    side,
                    still,
                    still_file=self._still_file(figure, side, target),
                    description=target.name or "",
                )
                self.next_figure.setVisible(True)
            case Picture(path=path) if target is not None:
                self.next_figure.show_picture(path, target.name or "")
                self.next_figure.setVisible(True)
            case _:
                self.next_figure.clear()
                self.next_figure.setVisible(False)

    def _show_done(self) -> None:
        self.timer.stop()
        self.figure.set_running(False)
        report = self.player.report(self._elapsed())
        self.pages.setCurrentWidget(self.done_page)
        self.controls.setVisible(False)
        self.progress.setValue(1000)
        self.where.setText("Done")
        self.done_text.setText(f"Well done.\n{moved_text(report.seconds_moved)} of movement.")

    def _announce(self, cues: list[Cue]) -> None:
        timeline = self.player.timeline
        for cue in cues:
            if self._sounds is not None:
                self._sounds.play(tone_for(cue, timeline))
            if self.options.voice is not None:
                words = spoken(cue, timeline, self._lines, self._lead_ins)
                if words:
                    self.options.voice.say(words)

    # --- controls ---------------------------------------------------------------------------------

    def _toggle_pause(self) -> None:
        if self.pages.currentWidget() is not self.step_page:
            return
        self.player.toggle_pause(self._elapsed())
        if self.player.is_paused:
            self.timer.stop()  # nothing moves while paused, so nothing needs redrawing
        else:
            self.timer.start()
        self.refresh()

    def _next(self) -> None:
        if self.pages.currentWidget() is self.step_page:
            self._announce(self.player.next(self._elapsed()))
            self.refresh()

    def _previous(self) -> None:
        if self.pages.currentWidget() is self.step_page:
            self._announce(self.player.previous(self._elapsed()))
            self.refresh()

    def _restart(self) -> None:
        if self.pages.currentWidget() is self.step_page:
            self._announce(self.player.restart_segment(self._elapsed()))
            self.refresh()

    def _toggle_cautions(self) -> None:
        if self.pages.currentWidget() is self.cautions_page and not self._first_time:
            showing = not self.full_cautions.isVisible()
            self.full_cautions.setVisible(showing)
            self.read_cautions_button.setText("Hide the cautions (C)" if showing else "Read the cautions (C)")

    def _end(self) -> None:
        """Esc or End during a routine asks first (and pauses meanwhile); a second Esc ends it."""
        if self.pages.currentWidget() is not self.step_page or self.end_question.isVisible():
            self.close()
            return
        self._was_paused = self.player.is_paused
        if not self._was_paused:
            self._toggle_pause()
        self.controls.setVisible(False)
        self.end_question.setVisible(True)
        self.keep_going_button.setFocus()

    def _keep_going(self) -> None:
        self.end_question.setVisible(False)
        self.controls.setVisible(True)
        if not self._was_paused:
            self._toggle_pause()

    def _build_end_question(self) -> QWidget:
        bar = QWidget()
        bar.setAccessibleName("End the routine?")
        question = QLabel("End the routine now? What you have done so far still counts.")
        question.setWordWrap(True)
        self.end_now_button = QPushButton("End routine (Esc)")
        self.end_now_button.setAccessibleName("End the routine now")
        self.end_now_button.clicked.connect(self.close)
        self.keep_going_button = QPushButton("Keep going")
        self.keep_going_button.setAccessibleName("Keep going with the routine")
        self.keep_going_button.setDefault(True)
        self.keep_going_button.clicked.connect(self._keep_going)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(question, 1)
        row.addWidget(self.keep_going_button)
        row.addWidget(self.end_now_button)
        bar.setVisible(False)
        self._was_paused = False
        return bar

    def _start(self) -> None:
        if self._first_time:
            self.cautions_read.emit(self.pack.id)
        self.begin()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        self.figure.set_running(False)
        if not self._reported:
            self._reported = True
            self.ended.emit(self.player.report(self._elapsed()))
        super().closeEvent(event)

    # --- scale and colour -------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()

    def type_scale(self) -> float:
        """How much larger than at the default size the type is drawn: it follows the window."""
        return max(0.45, min(3.0, self.width() / DEFAULT.width(), self.height() / DEFAULT.height()))

    def _rescale(self) -> None:
        """Type as large as the window allows: the scale of the window, reduced until the step fits."""
        for button, text in self._captions.items():
            self._caption(button, text)
        portrait = self.width() < self.height() * 1.05
        self.main.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        scale = self.type_scale()
        self._set_type(scale)
        while self._demand(extras=False) > self.pages.height() > 0 and scale > SMALLEST_SCALE:
            scale = max(SMALLEST_SCALE, scale * 0.92)
            self._set_type(scale)
        self._fit_widths()
        self._fit_extras()

    def _fit_widths(self) -> None:
        """A one-line label wider than its column ("LEFT BUTTOCK") gets smaller type of its own."""
        portrait = self.main.direction() == QBoxLayout.Direction.TopToBottom
        spacing = self.main.spacing()
        column = self.pages.width() if portrait else (self.pages.width() - spacing) * 2 // 5
        column = column * 96 // 100  # room for rounding in the layout
        widest_rep = self._widest_rep_text()
        for label in (self.state, self.side, self.countdown, self.rep_counter):
            text = widest_rep if label is self.rep_counter and widest_rep else label.text()
            width = label.fontMetrics().horizontalAdvance(text)
            if column > 0 and width > column:
                font = QFont(label.font())
                font.setPixelSize(max(_MINIMUM_TYPE, label.font().pixelSize() * column // width))
                label.setFont(font)

    def _set_type(self, scale: float) -> None:
        for role, labels in self._labels.items():
            pixels = max(_MINIMUM_TYPE, round(_TYPE[role] * scale))
            for label in labels:
                if label.font().pixelSize() != pixels:
                    font = QFont(label.font())
                    font.setPixelSize(pixels)
                    label.setFont(font)
        side = max(60, round(74 * scale))
        self.next_figure.setFixedSize(side, max(48, round(side * 0.8)))

    def _demand(self, *, extras: bool) -> int:
        """The height the step page needs at the current type: the rows stacked, each at its least."""
        width = max(1, self.pages.width())
        info = self.info.minimumSizeHint().height()
        figure = self.figure.minimumHeight()
        main = (
            info + figure if self.main.direction() == QBoxLayout.Direction.TopToBottom else max(info, figure)
        )
        rows = [main, self.cue.heightForWidth(width)]
        if self.caution_box.isVisibleTo(self.step_page):
            margins = self._caution_layout.contentsMargins()
            frame = 2 * self.caution_box.frameWidth() + margins.top() + margins.bottom()
            rows.append(
                self.caution.heightForWidth(width - 2 * frame - margins.left() - margins.right()) + frame
            )
        label_width = width - self.next_figure.width() - 6
        rows.append(max(self.next_figure.height(), self.next_label.heightForWidth(label_width)))
        if extras:
            rows += [label.heightForWidth(width) for label in (self.cues, self.note) if label.text()]
        return sum(rows) + self._step_layout.spacing() * (len(rows) - 1)

    def _widest_rep_text(self) -> str:
        """The longest the rep counter gets in this stage ("Rep 12 of 12"), so its type never jumps."""
        view = self.player.view(self._elapsed())
        segment = view.segment
        total = segment.alternating.per_side if segment.alternating is not None else segment.reps
        if total is None or view.is_lead_in:
            return ""
        return f"Rep {total} of {'up to ' if segment.is_rep_ceiling else ''}{total}"

    def _fit_extras(self) -> None:
        """The numbered steps and the pack's note show only where they fit beside everything else:
        the picture, the countdown and the cue come first."""
        show = self.pages.height() - self._demand(extras=True) >= ROOM_FOR_PICTURE
        for label in (self.cues, self.note):
            label.setVisible(show and bool(label.text()))

    def colours(self) -> tuple[QColor, QColor, QColor]:
        """The window's background, the accent of the side label and the colour of the safety line."""
        background = self.palette().color(QPalette.ColorRole.Window)
        return background, self._accent, self._warning

    def _apply_colours(self) -> None:
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Window).name()
        text = palette.color(QPalette.ColorRole.WindowText).name()
        self._accent = QColor(Palette.for_theme(text, background).accent)
        self._warning = QColor(readable(WARNING, background))
        if contrast(text, background) < TEXT_CONTRAST:  # a washed-out theme: darken or lighten the text
            ink = QColor(readable(text, background))
            for labels in self._labels.values():
                for label in labels:
                    _colour(label, ink)
        for label in (self.side, self.state):
            _colour(label, self._accent)
        # A theme's link blue can be dark on a dark window: the links get a colour that reads.
        link = readable(palette.color(QPalette.ColorRole.Link).name(), background)
        self.sources.setText(_sources(self._all_sources(), link))
        for label in (self.safety, self.caution):
            _colour(label, self._warning)

    # --- helpers ----------------------------------------------------------------------------------

    def _work_seconds(self) -> float:
        return self.player.view(self._elapsed()).work_seconds

    def _words(self, timeline: Timeline) -> tuple[dict[int, str], dict[int, str]]:
        lines: dict[int, str] = {}
        lead_ins: dict[int, str] = {}
        before: Position | None = START_POSITION
        for index, segment in enumerate(timeline.segments):
            figure = self._figure_of(segment)
            lines[index] = cue_line(segment, figure)
            exercise = self._exercises.get(segment.exercise_id or "")
            if segment.kind == "exercise" and exercise is not None:
                after = next_position(before, exercise.position)
                lead_ins[index] = lead_in_line(segment, before, after, figure)
                before = after
        return lines, lead_ins

    def _all_sources(self) -> list[Source | Reference]:
        """The pack's sources, those its exercises cite, then those behind the shared list of signs."""
        found: list[Source | Reference] = list(self.pack.sources)
        for segment in self.player.timeline.segments:
            exercise = self._exercises.get(segment.exercise_id or "")
            if exercise is not None:
                found += [source for source in exercise.sources if source not in found]
        titles = {source.title for source in found}
        return found + [source for source in safety.SOURCES if source.title not in titles]

    def _figure_of(self, segment: Segment) -> Figure | None:
        """The figure whose words and picture the step uses; an exercise's own picture has none."""
        if not segment.exercise_id or segment.exercise_id in self._pictures:
            return None
        return self._book.get(segment.exercise_id)

    def _side_label(self, segment: Segment, side: Side | None) -> str:
        """The side label: the figure's ("LEFT HIP"), else "LEFT SIDE"; nothing without sides."""
        if side is None:
            return ""
        figure = self._figure_of(segment)
        label = figure.label_for(side) if figure is not None else None
        return label or side_text(replace(segment, side=side))

    def _next_exercise(self, index: int) -> Segment | None:
        for segment in self.player.timeline.segments[index + 1 :]:
            if segment.kind == "exercise":
                return segment
        return None

    def _still_file(self, figure: Figure, side: Side | None, segment: Segment) -> Path | None:
        """The rendered file of the still figure, written to the cache on first use."""
        key = (figure.exercise_id, side, segment.dose_kind == "hold")
        if key not in self._stills:
            self._stills[key] = image_file(
                Generated(figure, side), segment.dose_kind, self._cache_dir, name=segment.name or ""
            )
        return self._stills[key]

    def _label(
        self, role: str, text: str, *, bold: bool = False, wrap: bool = False, rich: bool = False
    ) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(wrap)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        if bold:
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
        self._labels.setdefault(role, []).append(label)
        return label

    def _control(
        self, text: str, description: str, slot: Callable[[], None], icon: QStyle.StandardPixmap
    ) -> QPushButton:
        button = QPushButton(self.style().standardIcon(icon), text)
        button.setAccessibleName(description)
        button.setToolTip(description)
        button.clicked.connect(slot)
        self._captions[button] = text
        return button

    def _caption(self, button: QPushButton, text: str) -> None:
        """A button's words, or its icon alone when the window is narrow (its name stays for readers)."""
        self._captions[button] = text
        button.setText("" if self.width() < NARROW else text)


def _rep_text(view: PlayerView) -> str:
    """The rep counter: "Rep 3 of 12", "Rep 2 of up to 5" for a ceiling; alternating reps count per side."""
    segment = view.segment
    ceiling = "up to " if segment.is_rep_ceiling else ""
    if segment.alternating is not None:
        return f"Rep {segment.alternating.number} of {ceiling}{segment.alternating.per_side}"
    if view.rep is None or segment.reps is None:
        return ""
    return f"Rep {view.rep} of {ceiling}{segment.reps}"


def _dose_line(segment: Segment) -> str:
    """During the get-ready moment: what the exercise will ask for."""
    if segment.alternating is not None:
        return f"{'Up to ' if segment.is_rep_ceiling else ''}{segment.alternating.per_side} reps a side"
    if segment.dose_kind == "reps":
        return f"{'Up to ' if segment.is_rep_ceiling else ''}{segment.reps} reps"
    if segment.dose_kind == "hold":
        return f"Hold {clock_text(segment.seconds)}"
    return clock_text(segment.seconds)


def _first_steps(timeline: Timeline) -> dict[str, int]:
    """The step where each exercise first appears: its cautions are shown there."""
    first: dict[str, int] = {}
    for segment in timeline.segments:
        if segment.kind == "exercise" and segment.exercise_id:
            first.setdefault(segment.exercise_id, segment.step_index)
    return first


def _load_figures(exercises: dict[str, Exercise]) -> FigureBook:
    from deskbreak.core.figures.book import load_figures
    from deskbreak.core.paths import default_paths

    return load_figures(default_paths().user_routines_dir, known_exercises=exercises)


def _cache_dir() -> Path:
    from deskbreak.core.paths import default_paths

    return default_paths().cache_dir


def _colour(label: QLabel, colour: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bullets(title: str, items: tuple[str, ...]) -> str:
    return f"<b>{_escape(title)}:</b><ul>" + "".join(f"<li>{_escape(item)}</li>" for item in items) + "</ul>"


def _sources(sources: list[Source | Reference], link: str) -> str:
    rows = []
    for source in sources:
        title = _escape(source.title)
        if source.url:
            title = f"<a href='{_escape(source.url)}' style='color: {link}'>{title}</a>"
        rows.append(f"<li>{title}{' — ' + _escape(source.publisher) if source.publisher else ''}</li>")
    return "<b>Sources:</b><ul>" + "".join(rows) + "</ul>"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def moved_text(seconds: int) -> str:
    """ "45 s", "3 min", "2 min 5 s": no "0 min", and no seconds when there are none."""
    minutes, rest = divmod(max(0, seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" if not rest else f"{minutes} min {rest} s"
