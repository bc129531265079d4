"""The programme's sessions in the settings dialog: a row per session (pack, weekdays, time), add and remove."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from deskbreak.core.settings import END_OF_WORK
from deskbreak.core.working_hours import WEEKDAYS
from deskbreak.ui.settings_fields import FieldEditor, FieldSpec

DAY_LETTERS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
END_OF_WORK_LABEL = "At the end of work"
AT_A_TIME_LABEL = "At"


class SessionRow(QWidget):
    """One session: which pack, on which weekdays, at what time."""

    def __init__(self, packs: Sequence[tuple[str, str]], editor: SessionsEditor) -> None:
        super().__init__()
        self.pack = QComboBox()
        self.pack.setAccessibleName("Routine of this session")
        for pack_id, label in packs:
            self.pack.addItem(label, pack_id)
        self.days: list[QToolButton] = []
        for letter, day in zip(DAY_LETTERS, WEEKDAYS, strict=True):
            button = QToolButton()
            button.setText(letter)
            button.setCheckable(True)
            button.setAccessibleName(day.capitalize())
            button.toggled.connect(lambda _on: editor.changed.emit())
            self.days.append(button)
        self.when = QComboBox()
        self.when.setAccessibleName("When the session is due")
        self.when.addItems([END_OF_WORK_LABEL, AT_A_TIME_LABEL])
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Time of the session")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove this session")
        self.remove.clicked.connect(lambda: editor.remove_row(self))
        self.pack.currentIndexChanged.connect(lambda _index: editor.changed.emit())
        self.when.currentIndexChanged.connect(lambda _index: self._show_time())
        self.time.timeChanged.connect(lambda _time: editor.changed.emit())
        self.pack.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.when.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # A chosen day must read as chosen in any theme: the palette's highlight, not a shade of grey.
        self.setStyleSheet(
            "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); }"
        )
        top = QHBoxLayout()
        top.addWidget(self.pack, 1)
        top.addWidget(self.remove)
        schedule = QHBoxLayout()
        for button in self.days:
            schedule.addWidget(button)
        schedule.addSpacing(12)
        schedule.addWidget(self.when)
        schedule.addWidget(self.time)
        schedule.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 8)
        column.setSpacing(4)
        column.addLayout(top)
        column.addLayout(schedule)
        self._editor = editor

    def set_value(self, value: dict[str, Any]) -> None:
        pack_id = str(value.get("pack", ""))
        index = self.pack.findData(pack_id)
        if index < 0:
            self.pack.addItem(f"{pack_id} — not loaded", pack_id)
            index = self.pack.count() - 1
        self.pack.setCurrentIndex(index)
        days = set(value.get("days", WEEKDAYS))
        for button, day in zip(self.days, WEEKDAYS, strict=True):
            button.setChecked(day in days)
        at = str(value.get("at", END_OF_WORK))
        self.when.setCurrentIndex(0 if at == END_OF_WORK else 1)
        if at != END_OF_WORK:
            self.time.setTime(QTime.fromString(at, "HH:mm"))
        else:
            self.time.setTime(QTime(18, 0))
        self._show_time()

    def value(self) -> dict[str, Any]:
        days = [day for button, day in zip(self.days, WEEKDAYS, strict=True) if button.isChecked()]
        at = END_OF_WORK if self.when.currentIndex() == 0 else self.time.time().toString("HH:mm")
        return {"pack": self.pack.currentData(), "days": days, "at": at}

    def _show_time(self) -> None:
        self.time.setVisible(self.when.currentIndex() == 1)
        self._editor.changed.emit()


class SessionsEditor(FieldEditor):
    """Every scheduled session, with a button to add one; validation happens in the settings model."""

    is_wide = True

    def __init__(self, spec: FieldSpec, packs: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._packs = list(packs)
        self.rows: list[SessionRow] = []
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton("Add a session")
        self.add_button.clicked.connect(self._add_session)
        self.add_button.setEnabled(bool(self._packs))
        self.empty_note = QLabel("No sessions: only the sitting prompts come.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(self._column)
        layout.addWidget(self.empty_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setAccessibleName(spec.title)

    def value(self) -> tuple[dict[str, Any], ...]:
        return tuple(row.value() for row in self.rows)

    def set_value(self, value: Any) -> None:
        for row in list(self.rows):
            self._drop(row)
        for session in value:
            data = session.model_dump() if hasattr(session, "model_dump") else dict(session)
            self._append(data)
        self.empty_note.setVisible(not self.rows)

    def remove_row(self, row: SessionRow) -> None:
        self._drop(row)
        self.empty_note.setVisible(not self.rows)
        self.changed.emit()

    def _add_session(self) -> None:
        used = {row.value()["pack"] for row in self.rows}
        free = next((pack_id for pack_id, _label in self._packs if pack_id not in used), self._packs[0][0])
        self._append({"pack": free, "days": list(WEEKDAYS), "at": END_OF_WORK})
        self.empty_note.setVisible(False)
        self.changed.emit()

    def _append(self, data: dict[str, Any]) -> None:
        row = SessionRow(self._packs, self)
        row.blockSignals(True)
        row.set_value(data)
        row.blockSignals(False)
        self.rows.append(row)
        self._column.addWidget(row)

    def _drop(self, row: SessionRow) -> None:
        self.rows.remove(row)
        self._column.removeWidget(row)
        row.deleteLater()
