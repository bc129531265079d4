"""The back-stiffness check-in: one question, eleven buttons, one click; a note to oneself.

It is self-tracking: the number is drawn beside the days in the Progress window and nothing
judges it. The app opens it from the tray or a notification and stores what it emits.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from deskbreak.core.history.events import CheckIn
from deskbreak.core.history.words import (
    CHECK_IN_NOTE,
    CHECK_IN_QUESTION,
    CHECK_IN_SCALE,
    CHECK_IN_SEE_SOMEONE,
    day_text,
)
from deskbreak.ui.icons import app_icon

SCALE = range(11)


class CheckInWindow(QWidget):
    """Asks for today's stiffness, 0 to 10.

    Signals:
        answered(CheckIn): a number was clicked (or typed: 0-9); the window closes.
        dismissed(): "Not today"; the window closes.
    """

    answered = Signal(object)
    dismissed = Signal()

    def __init__(
        self, day: date, previous: tuple[date, int] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._day = day
        self.setWindowTitle("deskbreak — check-in")
        self.setWindowIcon(app_icon())
        self.setAccessibleName("Back stiffness check-in")

        question = QLabel(CHECK_IN_QUESTION)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        question.setFont(font)
        question.setWordWrap(True)

        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        row.setSpacing(4)
        for value in SCALE:
            button = QPushButton(str(value))
            button.setAccessibleName(f"Stiffness {value} of 10")
            button.setMinimumWidth(self.fontMetrics().horizontalAdvance("10") + 18)
            button.clicked.connect(lambda _checked=False, value=value: self._answer(value))
            row.addWidget(button)
            self.buttons.append(button)

        ends = QHBoxLayout()
        low, high = (QLabel(text) for text in CHECK_IN_SCALE)
        for label in (low, high):
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        ends.addWidget(low)
        ends.addStretch(1)
        ends.addWidget(high)

        self.previous = QLabel(
            "" if previous is None else f"Last answer: {previous[1]} on {day_text(previous[0])}."
        )
        self.previous.setVisible(previous is not None)
        note = QLabel(f"{CHECK_IN_NOTE} {CHECK_IN_SEE_SOMEONE}")
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.not_today = QPushButton("Not today")
        self.not_today.clicked.connect(self._dismiss)
        footer = QHBoxLayout()
        footer.addWidget(self.previous, 1)
        footer.addWidget(self.not_today)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(question)
        layout.addSpacing(4)
        layout.addLayout(row)
        layout.addLayout(ends)
        layout.addSpacing(6)
        layout.addWidget(note)
        layout.addLayout(footer)
        self.setFixedWidth(max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 70))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self._answer(int(text))
            return
        if event.key() == Qt.Key.Key_Escape:
            self._dismiss()
            return
        super().keyPressEvent(event)

    def _answer(self, value: int) -> None:
        self.answered.emit(CheckIn(stiffness=value, day=self._day))
        self.close()

    def _dismiss(self) -> None:
        self.dismissed.emit()
        self.close()
