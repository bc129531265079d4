"""The routine player window: calm, legible from a step back, and exact about time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from deskbreak.core.coaching import tone_for
from deskbreak.core.player import Cue, PlayerView, RoutinePlayer
from deskbreak.core.routines.model import Exercise, Pack
from deskbreak.core.routines.plan import Timeline
from deskbreak.core.routines.wording import clock_text, heading, next_text, set_text, side_text
from deskbreak.desktop.sound import SoundPlayer
from deskbreak.ui.icons import app_icon

REDRAW_MS = 200  # a few redraws a second; the time itself comes from the monotonic clock
SAFETY_LINE = "Stop if you feel sharp or shooting pain."


class PlayerWindow(QWidget):
    """Plays one pack. Keys: Space pause/resume, → next, ← previous, R restart step, Esc end.

    Signals:
        ended(RoutineReport): the routine finished or the user ended it; sent once.
        cautions_read(str): the user read this pack's cautions and started it.
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
    ) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.pack = pack
        self._exercises = exercises
        self._elapsed = elapsed
        self._sounds = sounds
        self._image_for = image_for
        self.player = RoutinePlayer(timeline, steps_total=len(pack.steps))
        self._reported = False
        self.setWindowTitle(f"{pack.title} — deskbreak")
        self.setWindowIcon(app_icon())
        self.setAccessibleName(f"Routine player: {pack.title}")
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.refresh)

        self.title = QLabel(pack.title)
        self.title.setObjectName("packTitle")
        self._scale(self.title, 1.3, bold=True)
        self.where = QLabel()
        self.where.setAccessibleName("Where you are")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Progress through the routine")
        self.safety = QLabel(f"⚠ {SAFETY_LINE}")
        self.safety.setObjectName("safety")
        self.safety.setStyleSheet("#safety { color: #c64600; }")

        self.pages = QStackedWidget()
        self.cautions_page = self._build_cautions_page()
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
        self.end_button = self._control("End", "End the routine (Escape)", self._end, pixmaps.SP_MediaStop)
        controls = QHBoxLayout()
        for button in (self.previous_button, self.pause_button, self.next_button, self.restart_button):
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.end_button)
        self.controls = QWidget()
        self.controls.setLayout(controls)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.where)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addLayout(header)
        layout.addWidget(self.progress)
        layout.addWidget(self.safety)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.controls)

        for key, slot in (
            (Qt.Key.Key_Space, self._toggle_pause),
            (Qt.Key.Key_Right, self._next),
            (Qt.Key.Key_Left, self._previous),
            (Qt.Key.Key_R, self._restart),
            (Qt.Key.Key_Escape, self._end),
        ):
            QShortcut(QKeySequence(key), self, slot)
        self.setTabOrder(self.previous_button, self.pause_button)
        self.setTabOrder(self.pause_button, self.next_button)
        self.setTabOrder(self.next_button, self.restart_button)
        self.setTabOrder(self.restart_button, self.end_button)

        self.resize(size if size is not None else QSize(720, 560))
        self.setMinimumSize(560, 460)
        if show_cautions:
            self.pages.setCurrentWidget(self.cautions_page)
            self.controls.setVisible(False)
            self.where.setText(f"{len(pack.steps)} steps · {clock_text(timeline.total_seconds)}")
            self.start_button.setFocus()
        else:
            self.begin()

    # --- building ---------------------------------------------------------------------------------

    def _build_cautions_page(self) -> QWidget:
        page = QWidget()
        summary = QLabel(f"{self.pack.summary}\n\nWhen: {self.pack.when_to_use}")
        summary.setWordWrap(True)
        skip = QLabel(_bullets("Skip it today if", self.pack.cautions.skip_if))
        see = QLabel(_bullets("Stop and see a professional if", self.pack.cautions.see_a_professional_if))
        for label in (skip, see):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
        self.start_button = QPushButton("Start the routine")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._accept_cautions)
        not_now = QPushButton("Not now")
        not_now.clicked.connect(self._end)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(not_now)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(page)
        layout.addWidget(summary)
        layout.addWidget(skip)
        layout.addWidget(see)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_step_page(self) -> QWidget:
        page = QWidget()
        self.exercise_name = QLabel()
        self.exercise_name.setObjectName("exerciseName")
        self._scale(self.exercise_name, 1.8, bold=True)
        self.exercise_name.setWordWrap(True)
        self.side = QLabel()
        self._scale(self.side, 1.3, bold=True)
        self.side.setStyleSheet("color: palette(highlight);")
        self.set_label = QLabel()
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._scale(self.countdown, 4.5, bold=True)
        self.countdown.setAccessibleName("Time left")
        self.rep_counter = QLabel()
        self.rep_counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._scale(self.rep_counter, 1.6)
        self.cues = QLabel()
        self.cues.setWordWrap(True)
        self.cues.setTextFormat(Qt.TextFormat.RichText)
        self._scale(self.cues, 1.1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("font-style: italic;")
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_label = QLabel()
        self.next_label.setObjectName("next")
        self._scale(self.next_label, 1.05)
        self.next_label.setStyleSheet("#next { font-style: italic; }")

        top = QHBoxLayout()
        top.addWidget(self.exercise_name, 1)
        labels = QVBoxLayout()
        labels.addWidget(self.side, 0, Qt.AlignmentFlag.AlignRight)
        labels.addWidget(self.set_label, 0, Qt.AlignmentFlag.AlignRight)
        top.addLayout(labels)
        middle = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.cues)
        text.addWidget(self.note)
        text.addStretch(1)
        middle.addLayout(text, 3)
        middle.addWidget(self.image, 2)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.countdown)
        layout.addWidget(self.rep_counter)
        layout.addLayout(middle, 1)
        layout.addWidget(self.next_label)
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        self.done_text = QLabel()
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_text.setWordWrap(True)
        self._scale(self.done_text, 1.5, bold=True)
        close = QPushButton("Close")
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
        self.player.start(self._elapsed())
        self.pause_button.setFocus()
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Advance the player to now, play due cues and redraw; the timer calls this while running."""
        now = self._elapsed()
        self._play(self.player.advance(now))
        view = self.player.view(now)
        if view.is_finished:
            self._show_done()
            return
        self._draw(view)

    def open_centred(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        frame = self.frameGeometry()
        frame.moveCenter(screen.availableGeometry().center())
        self.move(frame.topLeft())
        self.show()
        self.raise_()
        self.activateWindow()

    def _draw(self, view: PlayerView) -> None:
        segment = view.segment
        self.where.setText(f"Step {view.step_number} of {view.steps_total}")
        self.progress.setValue(round(view.progress * 1000))
        self.exercise_name.setText(heading(segment))
        self.side.setText(side_text(segment))
        self.set_label.setText(set_text(segment))
        self.countdown.setText(clock_text(view.remaining_seconds))
        if view.rep is not None and segment.reps is not None:
            self.rep_counter.setText(f"Rep {view.rep} of {segment.reps}")
            self.countdown.setAccessibleDescription(f"Rep {view.rep} of {segment.reps}")
        else:
            self.rep_counter.setText("")
        exercise = self._exercises.get(segment.exercise_id or "")
        if segment.kind == "exercise" and exercise is not None:
            self.cues.setText("<ol>" + "".join(f"<li>{_escape(cue)}</li>" for cue in exercise.cues) + "</ol>")
            self.note.setText(segment.note or "")
            self._show_image(exercise)
        else:
            self.cues.setText(
                "Breathe easily and get ready for what comes next." if segment.kind == "rest" else ""
            )
            self.note.setText("")
            self.image.clear()
            self.image.setVisible(False)
        self.next_label.setText(next_text(view.next_segment))
        self.pause_button.setText("Resume" if view.is_paused else "Pause")
        self.pause_button.setIcon(
            self.style().standardIcon(
                QStyle.StandardPixmap.SP_MediaPlay if view.is_paused else QStyle.StandardPixmap.SP_MediaPause
            )
        )
        self.setWindowTitle(f"{self.pack.title} — deskbreak" + (" (paused)" if view.is_paused else ""))

    def _show_image(self, exercise: Exercise) -> None:
        path = self._image_for(exercise)
        self.image.setVisible(path is not None)  # without a picture the cues get the full width
        if path is None:
            self.image.clear()
            return
        pixmap = QPixmap(str(path))
        self.image.setPixmap(
            pixmap.scaled(
                QSize(220, 220),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _show_done(self) -> None:
        self.timer.stop()
        report = self.player.report(self._elapsed())
        self.pages.setCurrentWidget(self.done_page)
        self.controls.setVisible(False)
        self.progress.setValue(1000)
        self.where.setText("Done")
        minutes, seconds = divmod(report.seconds_moved, 60)
        self.done_text.setText(f"Well done.\n{minutes} min {seconds:02d} s of movement.")

    def _play(self, cues: list[Cue]) -> None:
        if self._sounds is None:
            return
        for cue in cues:
            self._sounds.play(tone_for(cue, self.player.timeline))

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
            self._play(self.player.next(self._elapsed()))
            self.refresh()

    def _previous(self) -> None:
        if self.pages.currentWidget() is self.step_page:
            self.player.previous(self._elapsed())
            self.refresh()

    def _restart(self) -> None:
        if self.pages.currentWidget() is self.step_page:
            self.player.restart_segment(self._elapsed())
            self.refresh()

    def _end(self) -> None:
        self.close()

    def _accept_cautions(self) -> None:
        self.cautions_read.emit(self.pack.id)
        self.begin()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        if not self._reported:
            self._reported = True
            self.ended.emit(self.player.report(self._elapsed()))
        super().closeEvent(event)

    # --- helpers ----------------------------------------------------------------------------------

    def _control(
        self, text: str, description: str, slot: Callable[[], None], icon: QStyle.StandardPixmap
    ) -> QPushButton:
        button = QPushButton(self.style().standardIcon(icon), text)
        button.setAccessibleName(description)
        button.setToolTip(description)
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _scale(label: QLabel, factor: float, bold: bool = False) -> None:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * factor)
        font.setBold(bold)
        label.setFont(font)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bullets(title: str, items: tuple[str, ...]) -> str:
    return f"<b>{_escape(title)}:</b><ul>" + "".join(f"<li>{_escape(item)}</li>" for item in items) + "</ul>"
