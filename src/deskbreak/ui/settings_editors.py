"""The two settings editors the model's types cannot generate: working hours and the prompt's routines."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from deskbreak.core.working_hours import WEEKDAYS, TimeRange, Weekday
from deskbreak.ui.settings_fields import ErrorLine, FieldEditor, FieldError, FieldSpec

NEW_DAY_RANGE = "09:00-17:30"


class DayRow(QObject):
    """One weekday: on or off, and its "HH:MM-HH:MM" ranges with buttons to add and remove them.

    Its widgets sit in the working-hours grid: `check`, then `ranges_row`, with `error` below.
    """

    def __init__(self, day: Weekday, changed: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.day = day
        self._changed = changed
        self.check = QCheckBox(day.capitalize())
        self.check.toggled.connect(self._toggled)
        self.ranges: list[QLineEdit] = []
        self._remove_buttons: dict[QLineEdit, QToolButton] = {}
        self.ranges_row = QHBoxLayout()
        self.ranges_row.setContentsMargins(0, 0, 0, 0)
        self.add_button = QToolButton()
        self.add_button.setText("+")
        self.add_button.setToolTip(f"Add a range to {day.capitalize()}")
        self.add_button.setAccessibleName(f"Add a range to {day.capitalize()}")
        self.add_button.clicked.connect(lambda: self._add(""))
        self.ranges_row.addWidget(self.add_button)
        self.ranges_row.addStretch(1)
        self.error = ErrorLine()

    def set_ranges(self, texts: Sequence[str]) -> None:
        for edit in list(self.ranges):
            self._remove(edit, notify=False)
        for text in texts:
            self._add(text, notify=False)
        self.check.blockSignals(True)
        self.check.setChecked(bool(texts))
        self.check.blockSignals(False)
        self._show_state()

    def texts(self) -> tuple[str, ...]:
        return tuple(edit.text() for edit in self.ranges) if self.check.isChecked() else ()

    def _toggled(self, on: bool) -> None:
        if on and not self.ranges:
            self._add(NEW_DAY_RANGE, notify=False)
        self._show_state()
        self._changed()

    def _show_state(self) -> None:
        on = self.check.isChecked()
        for edit in self.ranges:
            edit.setVisible(on)
            self._remove_buttons[edit].setVisible(on)
        self.add_button.setVisible(on)

    def _add(self, text: str, notify: bool = True) -> None:
        edit = QLineEdit(text)
        edit.setPlaceholderText(NEW_DAY_RANGE)
        edit.setAccessibleName(f"{self.day.capitalize()} range {len(self.ranges) + 1}")
        metrics = edit.fontMetrics()
        edit.setMinimumWidth(metrics.horizontalAdvance("00:00-00:00__") + 16)
        edit.setMaximumWidth(metrics.horizontalAdvance("00:00-00:00__") * 2)
        edit.textChanged.connect(lambda _text: self._changed())
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip("Remove this range")
        remove.setAccessibleName(f"Remove {self.day.capitalize()} range")
        remove.clicked.connect(lambda: self._remove(edit))
        self._remove_buttons[edit] = remove
        at = self.ranges_row.indexOf(self.add_button)
        self.ranges_row.insertWidget(at, edit)
        self.ranges_row.insertWidget(at + 1, remove)
        self.ranges.append(edit)
        if notify:
            edit.setFocus()
            self._changed()

    def _remove(self, edit: QLineEdit, notify: bool = True) -> None:
        self.ranges.remove(edit)
        remove = self._remove_buttons.pop(edit)
        for widget in (edit, remove):
            self.ranges_row.removeWidget(widget)
            widget.deleteLater()
        if notify:
            if not self.ranges:
                self.check.setChecked(False)  # no range left: the day has no working hours
            self._changed()


class WorkingHoursEditor(FieldEditor):
    """Per weekday: on or off plus one or more ranges; errors appear beside the day they concern."""

    is_wide = True

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.days = {day: DayRow(day, self.changed.emit, self) for day in WEEKDAYS}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        for index, row in enumerate(self.days.values()):
            grid.addWidget(row.check, 2 * index, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(row.ranges_row, 2 * index, 1)
            grid.addWidget(row.error, 2 * index + 1, 1)

    def value(self) -> dict[str, tuple[str, ...]]:
        return {day: row.texts() for day, row in self.days.items() if row.texts()}

    def set_value(self, value: Any) -> None:
        hours: Mapping[str, Sequence[TimeRange | str]] = value
        for day, row in self.days.items():
            row.set_ranges([str(r) for r in hours.get(day, ())])

    def show_errors(self, errors: Sequence[FieldError]) -> str:
        per_day: dict[str, list[str]] = {}
        rest: list[str] = []
        for error in errors:
            day, message = _day_of(error)
            if day in self.days:
                per_day.setdefault(day, []).append(message)
            else:
                rest.append(error.message)
        for day, row in self.days.items():
            row.error.show_message("; ".join(per_day.get(day, [])))
        return "; ".join(rest)


def _day_of(error: FieldError) -> tuple[str, str]:
    """The weekday an error is about: from its location, or from the overlap check's "monday: ..."."""
    if error.loc and isinstance(error.loc[0], str):
        return error.loc[0], error.message
    day, sep, rest = error.message.partition(": ")
    return (day, rest) if sep else ("", error.message)


class PackListEditor(FieldEditor):
    """The routine packs a prompt offers: tick the ones to offer, order them with Up and Down."""

    is_wide = True

    def __init__(self, spec: FieldSpec, packs: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._labels = dict(packs)
        self.list = QListWidget()
        self.list.setAccessibleName(spec.title)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.up_button = QPushButton("Up")
        self.down_button = QPushButton("Down")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        buttons = QVBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self._update_buttons()

    def value(self) -> tuple[str, ...]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in items if _is_checked(item))

    def set_value(self, value: Any) -> None:
        chosen: Sequence[str] = value
        self.list.blockSignals(True)
        self.list.clear()
        for pack_id in chosen:
            label = self._labels.get(pack_id, f"{pack_id} — not loaded")
            self._add(pack_id, label, checked=True, loaded=pack_id in self._labels)
        for pack_id, label in self._labels.items():
            if pack_id not in chosen:
                self._add(pack_id, label, checked=False, loaded=True)
        self.list.blockSignals(False)
        # Tall enough to show every pack without a scroll bar (up to a dozen, then it scrolls).
        rows = min(self.list.count(), 12)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4)
        self._update_buttons()

    def _add(self, pack_id: str, label: str, checked: bool, loaded: bool) -> None:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, pack_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setToolTip(
            pack_id
            if loaded
            else f"No pack {pack_id!r} is loaded; it is kept in the list until you untick it."
        )
        self.list.addItem(item)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)


def _is_checked(item: QListWidgetItem) -> bool:
    return item.checkState() == Qt.CheckState.Checked
