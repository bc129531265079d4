"""The strength log: reps, load and how each set felt, beside last time's numbers and a suggestion.

Opened from the player's end screen after a strength session. It shows what the history says
(last time's sets, and deskbreak's cautious rule for going heavier, labelled as its own) and
emits the sets as typed events for the app to store.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from deskbreak.core.history.events import Effort, StrengthSet
from deskbreak.core.history.strength import PlannedExercise
from deskbreak.core.history.words import EFFORT_LABELS, OWN_RULE, last_time_text, suggestion_text
from deskbreak.ui.icons import app_icon

MAX_REPS = 50
MAX_LOAD_KG = 300.0
EFFORTS: tuple[Effort, ...] = ("easy", "about_right", "hard")


class SetRow:
    """The inputs of one set: reps, load (0 means no weight) and how it felt (none until chosen)."""

    def __init__(self, exercise: PlannedExercise, number: int) -> None:
        last = exercise.last
        last_set = next((s for s in last.sets if s.set_number == number), None) if last else None
        self.number = number
        self.label = QLabel(f"Set {number}")
        self.reps = QSpinBox()
        self.reps.setRange(0, MAX_REPS)
        self.reps.setValue(exercise.reps)
        self.reps.setSuffix(" reps")
        self.reps.setAccessibleName(f"{exercise.name}, set {number}: reps")
        self.load = QDoubleSpinBox()
        self.load.setRange(0, MAX_LOAD_KG)
        self.load.setSingleStep(0.5)
        self.load.setDecimals(1)
        self.load.setSuffix(" kg")
        self.load.setSpecialValueText("no weight")
        self.load.setValue((last_set.load_kg if last_set else last.load_kg if last else None) or 0)
        self.load.setAccessibleName(f"{exercise.name}, set {number}: load in kilograms")
        self.effort_buttons: dict[Effort, QPushButton] = {}
        self.efforts = QButtonGroup()
        self.efforts.setExclusive(True)
        for effort in EFFORTS:
            button = QPushButton(EFFORT_LABELS[effort])
            button.setCheckable(True)
            button.setAccessibleName(f"{exercise.name}, set {number} felt {EFFORT_LABELS[effort].lower()}")
            self.efforts.addButton(button)
            self.effort_buttons[effort] = button

    @property
    def effort(self) -> Effort | None:
        return next((effort for effort, button in self.effort_buttons.items() if button.isChecked()), None)

    def event(self, pack_id: str, exercise_id: str) -> StrengthSet | None:
        if self.reps.value() == 0:
            return None  # a set not done is not logged
        load = self.load.value()
        return StrengthSet(pack_id, exercise_id, self.number, self.reps.value(), load or None, self.effort)


class StrengthLogWindow(QWidget):
    """Logs the sets of one strength session.

    Signals:
        logged(tuple[StrengthSet, ...]): Save was pressed; the sets with at least one rep.
        dismissed(): "Not now"; nothing is logged.
    """

    logged = Signal(object)
    dismissed = Signal()

    def __init__(
        self,
        pack_id: str,
        pack_title: str,
        exercises: Sequence[PlannedExercise],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._pack_id = pack_id
        self.setWindowTitle(f"deskbreak — log {pack_title}")
        self.setWindowIcon(app_icon())
        self.setAccessibleName(f"Strength log for {pack_title}")
        heading = QLabel(f"Your sets: {pack_title}")
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(heading)
        self.rows: dict[str, list[SetRow]] = {}
        self.last_labels: dict[str, QLabel] = {}
        self.suggestion_labels: dict[str, QLabel] = {}
        for exercise in exercises:
            layout.addWidget(self._exercise_box(exercise))
        rule = QLabel(OWN_RULE)
        rule.setWordWrap(True)
        rule.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(rule)

        self.save_button = QPushButton("Save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        self.not_now = QPushButton("Not now")
        self.not_now.clicked.connect(self._dismiss)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.not_now)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def sets(self) -> tuple[StrengthSet, ...]:
        """What Save would log now."""
        logged = []
        for exercise_id, rows in self.rows.items():
            for row in rows:
                event = row.event(self._pack_id, exercise_id)
                if event is not None:
                    logged.append(event)
        return tuple(logged)

    def _exercise_box(self, exercise: PlannedExercise) -> QGroupBox:
        box = QGroupBox(f"{exercise.name} — {exercise.sets} sets of {exercise.reps}")
        layout = QVBoxLayout(box)
        last = QLabel(
            last_time_text(exercise.last) if exercise.last else "First time logged: no numbers from before."
        )
        last.setWordWrap(True)
        layout.addWidget(last)
        self.last_labels[exercise.exercise_id] = last
        if exercise.suggestion is not None:
            advice = QLabel(suggestion_text(exercise.suggestion, exercise.reps))
            advice.setWordWrap(True)
            layout.addWidget(advice)
            self.suggestion_labels[exercise.exercise_id] = advice
        grid = QGridLayout()
        rows = [SetRow(exercise, number) for number in range(1, exercise.sets + 1)]
        for index, row in enumerate(rows):
            grid.addWidget(row.label, index, 0)
            grid.addWidget(row.reps, index, 1)
            grid.addWidget(row.load, index, 2)
            efforts = QHBoxLayout()
            efforts.setSpacing(2)
            for button in row.effort_buttons.values():
                efforts.addWidget(button)
            grid.addLayout(efforts, index, 3)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        self.rows[exercise.exercise_id] = rows
        return box

    def _save(self) -> None:
        self.logged.emit(self.sets())
        self.close()

    def _dismiss(self) -> None:
        self.dismissed.emit()
        self.close()
