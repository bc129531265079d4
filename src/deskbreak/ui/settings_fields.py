"""Settings editors generated from the pydantic model: a field's type, bounds and metadata pick its widget.

`int` becomes a spin box (bounds from `ge`/`le`, suffix from `unit`, a note for a `recommended`
band), `bool` a check box, a `Literal` a combo box (labels from `choices`). The field's `title`
labels it and its `description` is the help text under it; `enabled_by` names a bool setting
of the same section that must be on for the field to matter. Types without a generic editor
(working hours, the routine list) get a custom editor registered by the dialog.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from deskbreak.core.validation_words import error_text

UNIT_SUFFIX = {"min": " min", "s": " s"}
UNIT_WORD = {"min": "minutes", "s": "seconds"}


@dataclass(frozen=True)
class FieldSpec:
    """One setting as the model declares it: where it lives and what its metadata says."""

    key: str  # "schedule.sit_minutes", or "working_hours" for a top-level field
    info: FieldInfo

    @property
    def title(self) -> str:
        return self.info.title or self.key.rsplit(".", 1)[-1].replace("_", " ").capitalize()

    @property
    def description(self) -> str:
        return self.info.description or ""

    @property
    def extra(self) -> Mapping[str, Any]:
        extra = self.info.json_schema_extra
        return extra if isinstance(extra, Mapping) else {}

    @property
    def unit(self) -> str | None:
        unit = self.extra.get("unit")
        return unit if isinstance(unit, str) else None

    @property
    def bounds(self) -> tuple[int | None, int | None]:
        low = high = None
        for rule in self.info.metadata:
            low = getattr(rule, "ge", low)
            high = getattr(rule, "le", high)
        return low, high

    @property
    def recommended(self) -> tuple[int, int] | None:
        band = self.extra.get("recommended")
        return (int(band[0]), int(band[1])) if isinstance(band, list | tuple) and len(band) == 2 else None

    @property
    def choices(self) -> list[tuple[str, str]]:
        """(value, label) pairs of a Literal field, in declaration order."""
        labels = self.extra.get("choices")
        labels = labels if isinstance(labels, Mapping) else {}
        return [
            (str(value), str(labels.get(value, value))) for value in typing.get_args(self.info.annotation)
        ]

    @property
    def enabled_by(self) -> str | None:
        flag = self.extra.get("enabled_by")
        if not isinstance(flag, str):
            return None
        return f"{self.key.rsplit('.', 1)[0]}.{flag}" if "." in self.key else flag


def fields_of(model: type[BaseModel], name: str) -> list[FieldSpec]:
    """The settings of one top-level entry of `model`: a section's fields, or the entry itself."""
    info = model.model_fields[name]
    section = info.annotation
    if isinstance(section, type) and issubclass(section, BaseModel):
        return [FieldSpec(f"{name}.{field}", sub) for field, sub in section.model_fields.items()]
    return [FieldSpec(name, info)]


@dataclass(frozen=True)
class FieldError:
    """A validation error inside one setting: `loc` is relative to the setting (a day, a list index)."""

    loc: tuple[str | int, ...]
    message: str


def errors_by_key(exc: ValidationError, keys: Sequence[str]) -> dict[str, list[FieldError]]:
    """Sort pydantic's errors by the setting they belong to, worded for people."""
    found: dict[str, list[FieldError]] = {}
    for err in exc.errors():
        loc = tuple(part for part in err["loc"] if part != "[key]")
        for key in keys:
            parts = tuple(key.split("."))
            if loc[: len(parts)] == parts:
                found.setdefault(key, []).append(FieldError(loc[len(parts) :], plain_message(err)))
                break
        else:
            found.setdefault("", []).append(FieldError(loc, plain_message(err)))
    return found


def plain_message(err: Any) -> str:
    """The shared wording (core.validation_words), with the dialog's own for a pack id."""
    if err["type"] == "string_pattern_mismatch":
        return "may hold only lowercase letters, digits and dashes"
    if err["type"] == "too_long":
        return f"may hold at most {(err.get('ctx') or {}).get('max_length')} entries"
    return error_text(err)


class FieldEditor(QWidget):
    """The editor of one setting.

    Signals:
        changed(): the user edited the value (every keystroke counts).
    """

    changed = Signal()
    shows_title = False  # a check box carries the setting's title itself
    is_wide = False  # custom editors for lists and tables take the whole row, under the title

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def show_errors(self, errors: Sequence[FieldError]) -> str:
        """Mark the errors inside the editor; return what the row should say under it."""
        return "; ".join(e.message for e in errors)


class IntEditor(FieldEditor):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spin = QSpinBox()
        low, high = spec.bounds
        self.spin.setRange(low if low is not None else 0, high if high is not None else 10**6)
        self.spin.setSuffix(UNIT_SUFFIX.get(spec.unit or "", ""))
        self.spin.setAccessibleName(spec.title)
        self.spin.valueChanged.connect(lambda _value: self.changed.emit())
        self.spin.setToolTip(
            f"From {self.spin.minimum()} to {self.spin.maximum()} {UNIT_WORD.get(spec.unit or '', '')}".rstrip()
        )
        # One width for every number field, so a page's editors line up.
        widest = self.spin.fontMetrics().horizontalAdvance("0000 min")
        self.spin.setMinimumWidth(
            widest + 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.spin, 0, Qt.AlignmentFlag.AlignRight)
        self.note: QLabel | None = None
        band = spec.recommended
        if band is not None:
            self.note = QLabel()
            self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            column.addWidget(self.note, 0, Qt.AlignmentFlag.AlignRight)
            self.spin.valueChanged.connect(lambda value: self._mark(value, band))
            self._mark(self.spin.value(), band)

    def _mark(self, value: int, band: tuple[int, int]) -> None:
        assert self.note is not None
        inside = band[0] <= value <= band[1]
        self.note.setText(f"{band[0]}–{band[1]} recommended" if inside else f"outside {band[0]}–{band[1]}")

    def value(self) -> int:
        return self.spin.value()

    def set_value(self, value: Any) -> None:
        self.spin.setValue(int(value))


class BoolEditor(FieldEditor):
    shows_title = True

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.check = QCheckBox(spec.title)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)

    def value(self) -> bool:
        return self.check.isChecked()

    def set_value(self, value: Any) -> None:
        self.check.setChecked(bool(value))


class ChoiceEditor(FieldEditor):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.combo = QComboBox()
        self.combo.setAccessibleName(spec.title)
        for value, label in spec.choices:
            self.combo.addItem(label, value)
        self.combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)

    def value(self) -> str:
        return str(self.combo.currentData())

    def set_value(self, value: Any) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))


EditorFactory = Callable[[FieldSpec], FieldEditor]


def generic_editor(spec: FieldSpec) -> FieldEditor:
    annotation = spec.info.annotation
    if annotation is bool:
        return BoolEditor(spec)
    if annotation is int:
        return IntEditor(spec)
    if typing.get_origin(annotation) is typing.Literal:
        return ChoiceEditor(spec)
    raise TypeError(f"{spec.key}: no editor for {annotation}; register a custom one in the settings dialog")


class SettingRow(QWidget):
    """A setting's editor with its title, help text and error line, laid out as one row."""

    def __init__(self, spec: FieldSpec, editor: FieldEditor, note: str = "") -> None:
        super().__init__()
        self.spec = spec
        self.editor = editor
        editor.setToolTip(spec.description)
        help_label = QLabel(spec.description + (f"\n⚠ {note}" if note else ""))
        help_label.setWordWrap(True)
        help_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error = ErrorLine()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 1)
        if editor.shows_title:
            grid.addWidget(editor, 0, 0, 1, 2)
            indent = editor.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 6
            help_label.setIndent(indent)
            self.error.setContentsMargins(indent, 0, 0, 0)
            grid.addWidget(help_label, 1, 0, 1, 2)
        else:
            title = QLabel(spec.title)
            title.setWordWrap(True)
            title.setBuddy(editor.focusProxy() or editor)
            grid.addWidget(title, 0, 0)
            if editor.is_wide:
                grid.addWidget(help_label, 1, 0, 1, 2)
                grid.addWidget(editor, 2, 0, 1, 2)
            else:
                grid.addWidget(editor, 0, 1, 2, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
                grid.addWidget(help_label, 1, 0)
        grid.addWidget(self.error, 3, 0, 1, 2)

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        self.error.show_message(self.editor.show_errors(errors))


class ErrorLine(QWidget):
    """A warning icon and a message; hidden when there is nothing to say."""

    def __init__(self) -> None:
        super().__init__()
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Error")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.hide()

    def show_message(self, message: str) -> None:
        self.label.setText(message)
        self.setVisible(bool(message))
