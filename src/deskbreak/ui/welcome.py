"""The first-run welcome: how deskbreak works, when to see a professional, and a few first choices.

Two pages. The first explains the idea and carries the safety note (the one list in
core/safety.py); the second asks for the sitting time (the seeds' advice: change posture every
45–60 minutes), a standing desk, working hours (one range for the chosen days; Settings has more)
and start at login. Its answers are
emitted as a whole `Settings`, applied by the same path as the settings dialog's.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QSize, Qt, QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QStyle,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from deskbreak.core import safety
from deskbreak.core.settings import RECOMMENDED_SIT_MINUTES, Settings
from deskbreak.core.working_hours import WEEKDAYS, TimeRange, Weekday
from deskbreak.ui.icons import app_icon
from deskbreak.ui.settings_fields import ErrorLine

SIT_CHOICES = (45, 50, 60)

HOW_IT_WORKS = (
    "deskbreak lives in the system tray and keeps time while you sit. After a block of sitting it "
    "asks you to change position: stand up and move for a couple of minutes or, at a standing desk, "
    "switch between sitting and standing. It can guide you through a short stretch routine.",
    "Time away from the keyboard, a locked screen and sleep count as breaks, so it does not ask when "
    "you already moved. A prompt never takes your keyboard: start the routine, say you moved, snooze "
    "it a few times or skip it. The tray menu pauses deskbreak for a meeting or the rest of the day.",
)

SAFETY_TITLE = "When to see a professional instead"

SIT_ADVICE = (
    "Change posture every 45–60 minutes. No chair makes hours of unbroken sitting harmless; "
    "standing up often is what helps."
)


class WelcomeDialog(QDialog):
    """Shown once on the first start; reachable again from About.

    Signals:
        apply_requested(Settings): the user pressed Start with valid answers. The receiver saves
            them and calls `applied()` (the dialog closes) or `apply_failed()` before it returns.
        settings_requested(): "More in Settings…" was clicked.
    """

    apply_requested = Signal(object)
    settings_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to deskbreak")
        self.setWindowIcon(app_icon())
        self._settings = settings
        self._hours_touched = False

        self.pages = QStackedWidget()
        self.pages.addWidget(self._intro_page())
        self.pages.addWidget(self._choices_page())

        self.error = ErrorLine()
        self.skip_button = QPushButton("Skip")
        self.skip_button.setToolTip("Close the welcome and keep the current settings")
        self.back_button = QPushButton("Back")
        self.next_button = QPushButton("Next")
        self.start_button = QPushButton("Start deskbreak")
        for quiet in (self.skip_button, self.back_button):
            quiet.setAutoDefault(False)  # Enter moves forward; it must never skip the welcome
        self.skip_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(lambda: self.show_page(0))
        self.next_button.clicked.connect(lambda: self.show_page(1))
        self.start_button.clicked.connect(self._start)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.start_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.show_page(0)
        self._validate()
        self.resize(self.sizeHint().expandedTo(QSize(self.fontMetrics().averageCharWidth() * 100, 0)))

    # --- pages ------------------------------------------------------------------------------------

    def _intro_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading("Welcome to deskbreak"))
        for text in HOW_IT_WORKS:
            layout.addWidget(_paragraph(text))
        layout.addSpacing(8)
        layout.addWidget(self._safety_note())
        layout.addStretch(1)
        return page

    def _safety_note(self) -> QWidget:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName(SAFETY_TITLE)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
        text = QVBoxLayout()
        title = QLabel(SAFETY_TITLE)
        title.setFont(_bold(title.font()))
        text.addWidget(title)
        self.safety_label = _paragraph(safety.as_html())
        text.addWidget(self.safety_label)
        row = QHBoxLayout(frame)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        return frame

    def _choices_page(self) -> QWidget:
        schedule = self._settings.schedule
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading("Your day"))

        layout.addWidget(_subheading("Sitting time before a prompt"))
        layout.addWidget(_paragraph(SIT_ADVICE))
        self.sit_group = QButtonGroup(self)
        sit_row = QHBoxLayout()
        choices = sorted({*SIT_CHOICES, schedule.sit_minutes})
        for minutes in choices:
            label = f"{minutes} minutes"
            if minutes == 50:
                label += " (default)"
            elif not RECOMMENDED_SIT_MINUTES[0] <= minutes <= RECOMMENDED_SIT_MINUTES[1]:
                label += " (your setting)"
            button = QRadioButton(label)
            self.sit_group.addButton(button, minutes)
            button.setChecked(minutes == schedule.sit_minutes)
            sit_row.addWidget(button)
        sit_row.addStretch(1)
        layout.addLayout(sit_row)

        layout.addSpacing(12)
        self.standing_desk = QCheckBox("I have a standing desk")
        self.standing_desk.setChecked(schedule.standing_desk)
        layout.addWidget(self.standing_desk)
        layout.addWidget(
            _paragraph(
                f"deskbreak then alternates sitting and standing blocks ({schedule.stand_minutes} minutes "
                "of standing before it suggests sitting again).",
                indent=True,
            )
        )

        layout.addSpacing(12)
        layout.addWidget(_subheading("Working hours"))
        layout.addWidget(_paragraph("Prompts come only on these days, between these times."))
        self.day_checks: dict[Weekday, QCheckBox] = {}
        days_row = QHBoxLayout()
        for day in WEEKDAYS:
            check = QCheckBox(day[:3].capitalize())
            check.setAccessibleName(day.capitalize())
            check.setChecked(bool(self._settings.working_hours.get(day)))
            check.toggled.connect(self._touch_hours)
            self.day_checks[day] = check
            days_row.addWidget(check)
        days_row.addStretch(1)
        layout.addLayout(days_row)
        start, end = _typical_range(self._settings)
        self.start_time = _time_edit(start, "From")
        self.end_time = _time_edit(min(end, 23 * 60 + 59), "To")
        times_row = QHBoxLayout()
        times_row.addWidget(QLabel("From"))
        times_row.addWidget(self.start_time)
        times_row.addWidget(QLabel("to"))
        times_row.addWidget(self.end_time)
        times_row.addStretch(1)
        more = QPushButton("More in Settings…")
        more.setToolTip("Several ranges per day, snooze, away time, which routines to offer")
        more.clicked.connect(self.settings_requested.emit)
        times_row.addWidget(more)
        layout.addLayout(times_row)
        for edit in (self.start_time, self.end_time):
            edit.timeChanged.connect(self._touch_hours)
        self.hours_note = _paragraph(
            "Your working hours differ from day to day; they stay as they are unless you change them here.",
            indent=False,
        )
        self.hours_note.setVisible(not _is_simple(self._settings))
        layout.addWidget(self.hours_note)

        layout.addSpacing(12)
        self.programme = QCheckBox("Also follow the back-care programme")
        self.programme.setChecked(self._settings.programme.enabled)
        layout.addWidget(self.programme)
        layout.addWidget(
            _paragraph(
                "Besides the sitting prompts: a 7-minute mobility routine every evening, a strength "
                "session on Tuesdays and Fridays, and a few daily habits to tick in the tray menu. "
                "Change the days and times in Settings → Programme.",
                indent=True,
            )
        )
        layout.addSpacing(6)
        self.start_at_login = QCheckBox("Start deskbreak when I log in")
        self.start_at_login.setChecked(self._settings.startup.start_at_login)
        layout.addWidget(self.start_at_login)
        layout.addStretch(1)
        return page

    # --- answers ----------------------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index > 0)
        self.next_button.setVisible(index == 0)
        self.start_button.setVisible(index == 1)
        forward = self.next_button if index == 0 else self.start_button
        forward.setDefault(True)
        forward.setFocus()
        self._validate()

    def answers(self) -> Settings:
        """The settings with the answers applied; raises ValueError or ValidationError when invalid."""
        data: dict[str, Any] = self._settings.model_dump()
        data["schedule"]["sit_minutes"] = self.sit_group.checkedId()
        data["schedule"]["standing_desk"] = self.standing_desk.isChecked()
        data["startup"]["start_at_login"] = self.start_at_login.isChecked()
        data["programme"]["enabled"] = self.programme.isChecked()
        if self._hours_touched:
            days = [day for day, check in self.day_checks.items() if check.isChecked()]
            if not days:
                raise ValueError("Choose at least one working day.")
            start = _minutes(self.start_time.time())
            end = _minutes(self.end_time.time())
            if end <= start:
                raise ValueError("The working day must end after it starts.")
            data["working_hours"] = {day: (TimeRange(start, end),) for day in days}
        return Settings.model_validate(data)

    def _touch_hours(self) -> None:
        self._hours_touched = True
        self.hours_note.setVisible(False)
        self._validate()

    def _validate(self) -> bool:
        try:
            self.answers()
        except (ValueError, ValidationError) as exc:
            self.error.show_message(
                str(exc) if not isinstance(exc, ValidationError) else "Check the answers."
            )
            self.start_button.setEnabled(False)
            return False
        self.error.show_message("")
        self.start_button.setEnabled(True)
        return True

    def _start(self) -> None:
        if self._validate():
            self.apply_requested.emit(self.answers())

    def applied(self, settings: Settings) -> None:
        self.accept()

    def apply_failed(self, message: str) -> None:
        self.error.show_message(message)


def _typical_range(settings: Settings) -> tuple[int, int]:
    """The first range of the first working day, as the simple editor's start and end."""
    for day in WEEKDAYS:
        ranges = settings.working_hours.get(day)
        if ranges:
            return ranges[0].start_minute, ranges[-1].end_minute
    return 9 * 60, 17 * 60 + 30


def _is_simple(settings: Settings) -> bool:
    """Whether the working hours are one and the same range on every working day."""
    ranges = {tuple(r) for r in settings.working_hours.values() if r}
    return len(ranges) <= 1 and all(len(r) == 1 for r in ranges)


def _minutes(value: QTime) -> int:
    return value.hour() * 60 + value.minute()


def _time_edit(minute: int, name: str) -> QTimeEdit:
    edit = QTimeEdit(QTime(minute // 60, minute % 60))
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    return edit


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = _bold(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    label.setFont(font)
    return label


def _subheading(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(_bold(label.font()))
    return label


def _paragraph(text: str, indent: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.AutoText)
    if indent:
        label.setIndent(label.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 6)
    return label
